"""A matplotlib figure inside a Qt panel: the same figures the Word reports carry (annotator.reports.charts), drawn
by matplotlib's Qt backend, redrawn when the palette changes so they suit a dark theme too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # matplotlib (~100 MB and a quarter of a second) is loaded when the first chart is drawn
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure


def _hex(colour) -> str:
    return colour.name()


class ChartCanvas(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.figure: Figure | None = None
        self._canvas: FigureCanvasQTAgg | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setMinimumSize(200, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_figure(self, figure: Figure) -> None:
        """Show a figure (drawn for paper: white), recoloured to the palette on screen only."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.deleteLater()
        self.figure = figure
        if figure.axes and all(ax.get_subplotspec() is not None for ax in figure.axes):
            figure.set_layout_engine("constrained")  # on screen the panel decides the size: keep labels inside it
        self._canvas = FigureCanvasQTAgg(figure)
        self._canvas.setObjectName("chartCanvas")
        self._canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout.addWidget(self._canvas)
        self._match_palette()
        self._canvas.draw_idle()

    def on_click(self, handler) -> None:
        """handler(x, y) in the chart's data units, for a click inside its axes (the shown figure's)."""
        if self._canvas is not None:
            self._canvas.mpl_connect("button_press_event", lambda event: handler(event.xdata, event.ydata)
                                     if event.inaxes is not None and event.xdata is not None else None)

    def _match_palette(self) -> None:
        """On screen the chart takes the panel's colours; exports are drawn afresh in a paper's."""
        if self.figure is None:
            return
        from annotator.reports.charts import recolour

        palette = self.palette()
        recolour(self.figure, _hex(palette.color(QPalette.ColorRole.Base)), _hex(palette.color(QPalette.ColorRole.Text)))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and self._canvas is not None:
            self._match_palette()
            self._canvas.draw_idle()


class ChartDialog(QDialog):
    """A chart in its own window, with Export (PNG at 300 dpi or SVG, drawn afresh in a paper's colours)."""

    def __init__(self, title: str, make_figure, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("chartDialog")
        self.make_figure = make_figure
        self.canvas = ChartCanvas(self)
        self.canvas.show_figure(make_figure())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        export = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.ActionRole)
        export.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def export(self) -> None:
        from annotator.gui.folders import save_path
        from annotator.reports.charts import save_figure

        path = save_path(self, "Export chart", f"{self.windowTitle()}.png", "PNG picture (*.png);;SVG drawing (*.svg)")
        if path:
            save_figure(self.make_figure(), path)
