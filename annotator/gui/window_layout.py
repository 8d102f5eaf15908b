"""Where the main window sits and how its panels are arranged: sized to the screen it opens on (a 1366×768 laptop,
a scale factor of 2), the saved layout restored only where it still fits, and a default to reset to."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

PREFERRED = (1400, 860)
SMALL_SCREEN = (1440, 860)  # at or below this, the window takes the whole screen


def available(window: QMainWindow) -> QRect:
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, *PREFERRED)


def fit_to_screen(window: QMainWindow) -> None:
    """A size that fits the screen: the preferred one where there is room, otherwise the whole screen."""
    room = available(window)
    width, height = min(PREFERRED[0], room.width()), min(PREFERRED[1], room.height() - 32)  # 32: a title bar
    window.resize(max(320, width), max(240, height))
    frame = window.frameGeometry()
    frame.moveCenter(room.center())
    window.move(max(room.left(), frame.left()), max(room.top(), frame.top()))
    if room.width() <= SMALL_SCREEN[0] or room.height() <= SMALL_SCREEN[1]:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def keep_on_screen(window: QMainWindow) -> None:
    """A saved geometry from a bigger screen (or another monitor) is brought back inside this one."""
    room = available(window)
    geometry = window.geometry()
    if room.contains(geometry):
        return
    width, height = min(geometry.width(), room.width()), min(geometry.height(), room.height() - 32)
    window.resize(width, height)
    left = min(max(geometry.left(), room.left()), room.right() - width + 1)
    top = min(max(geometry.top(), room.top()), room.bottom() - height + 1)
    window.move(left, top)


def default_dock_sizes(window: QMainWindow, left: QDockWidget, right: QDockWidget, bottom: QDockWidget) -> None:
    """Documents and Codebook take a share of the width, the bottom panels a share of the height."""
    width, height = max(window.width(), 800), max(window.height(), 500)
    window.resizeDocks([left, right], [int(width * 0.22), int(width * 0.26)], Qt.Orientation.Horizontal)
    window.resizeDocks([bottom], [int(height * 0.28)], Qt.Orientation.Vertical)


class LayoutKeeper:
    """Saves and restores the window's geometry and panels; remembers the first-run arrangement to reset to."""

    def __init__(self, window: QMainWindow, docks: tuple[QDockWidget, QDockWidget, QDockWidget]):
        self.window = window
        self.docks = docks
        self.default_state = window.saveState()

    def _key(self, what: str) -> str:
        """Layouts are kept per screen size: one made on a 2x-scaled laptop must not squeeze a desktop's."""
        room = available(self.window)
        return f"main_window/{what}/{room.width()}x{room.height()}"

    def restore(self) -> None:
        settings = QSettings()
        geometry, state = settings.value(self._key("geometry")), settings.value(self._key("state"))
        if geometry is not None and self.window.restoreGeometry(geometry):
            keep_on_screen(self.window)
        else:
            fit_to_screen(self.window)
        if state is None or not self.window.restoreState(state):
            QTimer.singleShot(0, self.window, lambda: default_dock_sizes(self.window, *self.docks))

    def save(self) -> None:
        settings = QSettings()
        settings.setValue(self._key("geometry"), self.window.saveGeometry())
        settings.setValue(self._key("state"), self.window.saveState())

    def reset(self) -> None:
        """View > Reset Layout: every panel back where it started, the window fitted to this screen."""
        self.window.setWindowState(self.window.windowState() & ~Qt.WindowState.WindowMaximized)
        self.window.restoreState(self.default_state)
        for dock in self.window.findChildren(QDockWidget):
            dock.setFloating(False)
            dock.show()
        fit_to_screen(self.window)
        QTimer.singleShot(0, self.window, lambda: default_dock_sizes(self.window, *self.docks))
        QSettings().remove(self._key("state"))
