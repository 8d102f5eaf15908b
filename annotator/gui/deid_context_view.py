"""The review's reading pane: every mention of the selected entity in its whole sentence, the mention marked in
colours computed from the palette (readable light or dark), the current one marked deeper and kept in view. A
click on a mention's document line chooses that mention."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser

from annotator.gui.theme import highlight, label_colour
from annotator.services.deid_service import MentionInContext

MARKER = "#f0b400"  # an amber marker pen; the theme moves it toward the page until the text reads on it
SHOWN = 200  # mentions written out; an entity with more (a speaker's label) lists the rest in the table only


class MentionContextView(QTextBrowser):
    mention_chosen = Signal(int)  # the mention's row in the mention table

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("mentionContext")
        self.setOpenLinks(False)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes from table to table; the pane follows them
        self.anchorClicked.connect(self._on_anchor)
        self.mentions: list[MentionInContext] = []
        self.current = -1
        self.placeholder = ""

    def show_mentions(self, mentions: list[MentionInContext], current: int = 0, placeholder: str = "") -> None:
        self.mentions, self.current, self.placeholder = list(mentions), current, placeholder
        self._render()

    def set_current(self, current: int) -> None:
        if current != self.current:
            self.current = current
            self._render()

    def _colours(self) -> tuple[str, str, str, str]:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        mark = highlight((MARKER,), base, text).name()
        deep = highlight((MARKER, MARKER, MARKER), base, text).name()  # overlapping codes' depth: the current one
        return mark, deep, label_colour(palette).name(), text

    def _render(self) -> None:
        if not self.mentions:
            self.setHtml(f"<p>{html.escape(self.placeholder)}</p>" if self.placeholder else "")
            return
        mark, deep, label, text = self._colours()
        disabled = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
        parts = []
        for i, m in enumerate(self.mentions[:SHOWN]):
            here = i == self.current
            found = html.escape(m.reason + (" · rejected: stays in the text" if m.rejected else ""))
            head = (f'<a name="m{i}"></a><a href="mention:{i}" style="color:{label}; text-decoration:none">'
                    f'{"▶ " if here else ""}{html.escape(m.document)}</a>'
                    f'<span style="color:{disabled if m.rejected else label}"> · {found}</span>')
            words = (f'<span style="background-color:{deep if here else mark}; color:{text}; font-weight:bold">'
                     f'{html.escape(m.text)}</span>')
            sentence = f"{html.escape(m.sentence_before)}{words}{html.escape(m.sentence_after)}"
            if m.rejected:
                sentence = f'<s style="color:{disabled}">{sentence}</s>'
            parts.append(f'<p style="margin-bottom:6px">{head}<br>{sentence}</p>')
        if len(self.mentions) > SHOWN:
            parts.append(f"<p>… and {len(self.mentions) - SHOWN} more mentions, listed in the table.</p>")
        self.setHtml("".join(parts))
        if 0 <= self.current < min(len(self.mentions), SHOWN):
            self.scrollToAnchor(f"m{self.current}")

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "mention":
            self.mention_chosen.emit(int(url.path()))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme was switched: colours computed again
            self._render()
