"""Qt item model over the codebook tree, with counts (own, and with subcodes) and drag and drop to reorganise."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from annotator.core.codebook import Codebook
from annotator.core.ids import CodeId
from annotator.services.codebook_service import CodeCounts

CODE_MIME = "application/x-annotator-code-ids"
_COLUMNS = ("Code", "Refs", "Docs", "People")
Index = QModelIndex | QPersistentModelIndex


class CodeTreeModel(QAbstractItemModel):
    #: (code id, new parent id or None, index among the new siblings)
    move_requested = Signal(int, object, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.book = Codebook()
        self.counts: dict[CodeId, CodeCounts] = {}
        self.keys: dict[CodeId, int] = {}  # the number key that codes with a code, shown on its swatch
        self._icons: dict[tuple[str, int | None], QIcon] = {}

    def set_codebook(self, book: Codebook, counts: dict[CodeId, CodeCounts]) -> None:
        self.beginResetModel()
        self.book, self.counts = book, counts
        self.endResetModel()

    def update_codebook(self, book: Codebook) -> bool:
        """The same tree with some codes renamed, recoloured or described: only their rows are announced (a reset
        re-reads every row of the tree). False, and nothing changed, if codes were added, removed or moved."""
        if not book.same_shape(self.book):
            return False
        changed = [c for c in book.codes if book[c] != self.book[c]]
        self.book = book
        for code_id in changed:
            self.dataChanged.emit(self.index_of(code_id), self.index_of(code_id))
        return True

    def set_counts(self, counts: dict[CodeId, CodeCounts]) -> None:
        """New counts, for every code or some of them; only the rows whose counts changed are announced (usually a
        code and its ancestors)."""
        changed = [c for c in counts if c in self.book and counts[c] != self.counts.get(c)]
        self.counts = {**self.counts, **counts}
        for code_id in changed:
            self.dataChanged.emit(self.index_of(code_id, 1), self.index_of(code_id, 3))

    def set_keys(self, keys: dict[CodeId, int]) -> None:
        changed = {c for c in set(keys) | set(self.keys) if keys.get(c) != self.keys.get(c)}
        self.keys = dict(keys)
        for code_id in changed:
            if code_id in self.book:
                index = self.index_of(code_id)
                self.dataChanged.emit(index, index)

    # ------------------------------------------------------------------------------------------------ tree
    def code_id(self, index: Index) -> CodeId | None:
        return CodeId(index.internalId()) if index.isValid() else None

    def index_of(self, code_id: CodeId, column: int = 0) -> QModelIndex:
        if code_id not in self.book:
            return QModelIndex()
        parent_id = self.book[code_id].parent_id
        return self.createIndex(self.book.children(parent_id).index(code_id), column, code_id)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        children = self.book.children(self.code_id(parent))
        if 0 <= row < len(children) and 0 <= column < len(_COLUMNS):
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        code_id = self.code_id(index)
        if code_id is None or code_id not in self.book:
            return QModelIndex()
        parent_id = self.book[code_id].parent_id
        return self.index_of(parent_id) if parent_id is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.book.children(self.code_id(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section:
            what = ("references", "documents", "participants")[section - 1]
            return f"Coded {what}, with subcodes (this code alone in brackets)"
        return None

    def _icon(self, colour: str, key: int | None) -> QIcon:
        """The code's colour, with its number key written on it when it has one."""
        if (colour, key) not in self._icons:
            pixmap = QPixmap(16, 16)
            pixmap.fill(QColor(colour))
            if key is not None:
                painter = QPainter(pixmap)
                font = QFont()
                font.setPixelSize(12)
                font.setBold(True)
                painter.setFont(font)
                painter.setPen(QColor("white") if QColor(colour).lightness() < 150 else QColor("black"))
                painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, str(key))
                painter.end()
            self._icons[(colour, key)] = QIcon(pixmap)
        return self._icons[(colour, key)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        code_id = self.code_id(index)
        if code_id is None or code_id not in self.book:
            return None
        code, column = self.book[code_id], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return code.name
            counts = self.counts.get(code_id, CodeCounts())
            own, total = [(counts.references, counts.total_references), (counts.documents, counts.total_documents),
                          (counts.participants, counts.total_participants)][column - 1]
            return str(total) if own in (0, total) else f"{total} ({own})"
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icon(code.colour, self.keys.get(code_id))
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            key = self.keys.get(code_id)
            tip = code.description or self.book.path(code_id)
            return tip + (f"\n\nKey {key} codes the transcript's selection with this code." if key else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # ----------------------------------------------------------------------------------------- drag and drop
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CODE_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = sorted({str(self.code_id(i)) for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(CODE_MIME, ",".join(ids).encode())
        return mime

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: Index) -> bool:
        return data.hasFormat(CODE_MIME)

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: Index) -> bool:
        if not data.hasFormat(CODE_MIME):
            return False
        ids = [int(x) for x in bytes(data.data(CODE_MIME)).decode().split(",") if x]
        parent_id = self.code_id(parent)
        index = row if row >= 0 else self.rowCount(parent)
        for offset, code_id in enumerate(ids):
            self.move_requested.emit(code_id, parent_id, index + offset)
        return False  # the codebook reloads from the service; the view must not remove rows itself
