"""Colours that follow the palette: the system's, or a light or dark one the researcher chooses. Highlights and
labels are computed against the palette's base and text so every coded passage stays readable (WCAG contrast
4.5 or more) in both."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("System", "Light", "Dark")
MIN_CONTRAST = 4.5
_system: tuple[str, QPalette] | None = None


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    return QColor(round(a.red() * share_of_a + b.red() * (1 - share_of_a)),
                  round(a.green() * share_of_a + b.green() * (1 - share_of_a)),
                  round(a.blue() * share_of_a + b.blue() * (1 - share_of_a)))


@lru_cache(maxsize=8192)
def highlight(colours: tuple[str, ...], base: str, text: str) -> QColor:
    """The background for text coded with these codes: the codes' mean colour over the page's base, deeper for
    overlaps, then moved toward the base until the text colour reads on it."""
    if not colours:
        return QColor(0, 0, 0, 0)
    mean = QColor(round(sum(QColor(c).red() for c in colours) / len(colours)),
                  round(sum(QColor(c).green() for c in colours) / len(colours)),
                  round(sum(QColor(c).blue() for c in colours) / len(colours)))
    keep = 0.32 if len(colours) == 1 else min(0.62, 0.32 + 0.12 * len(colours))  # share of the code colour
    base_colour, text_colour = QColor(base), QColor(text)
    if base_colour.lightness() < 128:
        keep = min(0.75, keep + 0.13)  # on a dark page a colour needs a larger share to be seen at all
    share = keep
    colour = _mix(mean, base_colour, share)
    while contrast(colour, text_colour) < MIN_CONTRAST and share > 0.05:
        share -= 0.05
        colour = _mix(mean, base_colour, share)
    return colour


def label_colour(palette: QPalette) -> QColor:
    """Speaker labels: a blue that reads on the page's base."""
    base = palette.color(QPalette.ColorRole.Base)
    colour = QColor("#8cc4ff") if is_dark(palette) else QColor("#1f4e79")
    return colour if contrast(colour, base) >= MIN_CONTRAST else palette.color(QPalette.ColorRole.Text)


def margin_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(background, numbers) for the transcript's margins."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    background = _mix(text, base, 0.05)
    numbers = _mix(text, base, 0.55)
    return background, numbers


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#f0f0f0", QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#8cc4ff",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a", QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Mid: "#4a4a4a", QPalette.ColorRole.Dark: "#1a1a1a", QPalette.ColorRole.Light: "#505050",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """'System' gives back the palette and style the app started with; 'Light' and 'Dark' use Fusion, which
    draws every widget from the palette."""
    global _system
    if _system is None:
        _system = (app.style().name(), QPalette(app.palette()))
    if theme == "Dark":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    elif theme == "Light":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(app.style().standardPalette())
    else:
        app.setStyle(QStyleFactory.create(_system[0]) or app.style())
        app.setPalette(_system[1])
