"""Preferences: the researcher's name as a coder, the transcript's font, size and line spacing, the theme, and the
number keys. Kept per user (QSettings); the number keys belong to the open project."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.coding_controller import WHOLE_WORDS_SETTING
from annotator.gui.quick_keys import AUTO_FILL_SETTING, KEYS, auto_fill_enabled
from annotator.gui.theme import THEMES, apply_theme

_NO_CODE = "(none)"


def coder_name() -> str | None:
    """The name the researcher gave, or None before they have given one."""
    value = QSettings().value("coder/name", "", type=str).strip()
    return value or None


def set_coder_name(name: str) -> None:
    QSettings().setValue("coder/name", " ".join(name.split()))


def login_name() -> str:
    try:
        return getpass.getuser() or ""
    except Exception:  # no user name in this environment (some containers)
        return ""


def theme() -> str:
    value = QSettings().value("appearance/theme", "System", type=str)
    return value if value in THEMES else "System"


def transcript_font() -> tuple[str, float, int]:
    """(family or '' for the default, point size or 0 for the default, line spacing in percent)."""
    settings = QSettings()
    return (settings.value("transcript/font_family", "", type=str), settings.value("transcript/font_size", 0.0, type=float),
            settings.value("transcript/line_spacing", 100, type=int))


def apply_transcript_preferences(view) -> None:
    family, size, spacing = transcript_font()
    if family or size or spacing != 100:
        view.apply_preferences(family, size, spacing)


def apply_coder(service) -> None:
    name = coder_name()
    if name and name != service.coder:
        service.set_coder(name)


class PreferencesDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        family, size, spacing = transcript_font()
        self.coder = QLineEdit(coder_name() or window.service.coder)
        self.coder.setPlaceholderText(login_name() or "Your name")
        self.coder.setToolTip("Your codings and memos carry this name; co-authors' carry theirs")
        self.font_family = QFontComboBox()
        self.font_family.setCurrentFont(QFont(family) if family else window.transcript_view.font())
        self.font_size = QDoubleSpinBox(minimum=6, maximum=40, singleStep=0.5, suffix=" pt")
        self.font_size.setValue(size or window.transcript_view.font().pointSizeF())
        self.line_spacing = QSpinBox(minimum=100, maximum=250, singleStep=10, suffix=" %")
        self.line_spacing.setValue(spacing)
        self.theme = QComboBox()
        self.theme.addItems(list(THEMES))
        self.theme.setCurrentText(theme())
        self.auto_keys = QCheckBox("A code used while a number key is free takes that key")
        self.auto_keys.setChecked(auto_fill_enabled())
        self.whole_words = QCheckBox("A passage coded from inside a word takes in the whole word")
        self.whole_words.setChecked(QSettings().value(WHOLE_WORDS_SETTING, True, type=bool))
        form = QFormLayout()
        form.addRow("Your name as a coder", self.coder)
        form.addRow("Transcript font", self.font_family)
        form.addRow("Font size", self.font_size)
        form.addRow("Line spacing", self.line_spacing)
        form.addRow("Theme", self.theme)
        form.addRow("Selections", self.whole_words)
        keys_box = QGroupBox(f"Number keys in {window.service.name}")
        grid = QGridLayout(keys_box)
        book = window.service.codebook.codebook
        self._paths = [book.path(c) for c in book.tree_order()]
        self._ids = list(book.tree_order())
        pinned = window.coding.keys.pinned()
        self.key_boxes: dict[int, QComboBox] = {}
        for i, number in enumerate(KEYS):
            combo = QComboBox()
            combo.addItems([_NO_CODE, *self._paths])
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            if number in pinned:
                combo.setCurrentIndex(1 + self._ids.index(pinned[number]))
            self.key_boxes[number] = combo
            grid.addWidget(QLabel(f"{number}"), i % 5, (i // 5) * 2)
            grid.addWidget(combo, i % 5, (i // 5) * 2 + 1)
        grid.addWidget(self.auto_keys, 5, 0, 1, 4)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(keys_box)
        layout.addWidget(buttons)

    def accept(self) -> None:
        window = self.window_
        name = " ".join(self.coder.text().split())
        if not name:
            self.coder.setFocus()
            return
        try:
            window.service.set_coder(name)
        except AnnotatorError as exc:
            window._show_error(str(exc))
            return
        set_coder_name(name)
        settings = QSettings()
        settings.setValue("transcript/font_family", self.font_family.currentFont().family())
        settings.setValue("transcript/font_size", self.font_size.value())
        settings.setValue("transcript/line_spacing", self.line_spacing.value())
        settings.setValue("appearance/theme", self.theme.currentText())
        settings.setValue(AUTO_FILL_SETTING, self.auto_keys.isChecked())
        settings.setValue(WHOLE_WORDS_SETTING, self.whole_words.isChecked())
        apply_theme(QApplication.instance(), self.theme.currentText())
        window.transcript_view.apply_preferences(*transcript_font())
        keys = window.coding.keys
        for number, combo in self.key_boxes.items():
            if combo.currentIndex() == 0:
                keys.unpin(number)
        for number, combo in self.key_boxes.items():
            if combo.currentIndex() > 0:
                keys.pin(self._ids[combo.currentIndex() - 1], number)
        window.coding.refresh_codes()
        window.show_status(f"Preferences saved; you code as {name}.")
        super().accept()
