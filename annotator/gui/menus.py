"""The main window's menu bar: File, Edit, Code, View, Help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMessageBox

from annotator.gui import exchange_actions
from annotator.gui.projects import ask_new_project, ask_open_project, open_demo

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    file_menu = window.menuBar().addMenu("&File")
    file_menu.addAction("&New Project…", QKeySequence.StandardKey.New, lambda: window.switch_to(ask_new_project(window)))
    file_menu.addAction("&Open Project…", QKeySequence.StandardKey.Open,
                        lambda: window.switch_to(ask_open_project(window)))
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(window._fill_recent_menu)
    file_menu.addAction("Open &Demo Project", lambda: window.switch_to(open_demo()))
    file_menu.addAction("&Start Screen…", window._on_start_screen)
    file_menu.addSeparator()
    window.import_action = file_menu.addAction("&Import Transcripts…", QKeySequence("Ctrl+I"), window._on_import)
    file_menu.addSeparator()
    exchange = file_menu.addMenu("Share with Other QDA Software")
    exchange.addAction("Export Codebook (REFI-QDA .qdc)…", lambda: exchange_actions.export_codebook(window))
    exchange.addAction("Import Codebook (.qdc)…", lambda: exchange_actions.import_codebook(window))
    exchange.addAction("Export Project (REFI-QDA .qdpx)…", lambda: exchange_actions.export_project(window))
    file_menu.addAction("Import or &Merge a Project (.qdpx, co-author's .annotator)…",
                        lambda: exchange_actions.merge_project(window))
    file_menu.addSeparator()
    file_menu.addAction("&Quit", QKeySequence.StandardKey.Quit, window.close)

    edit_menu = window.menuBar().addMenu("&Edit")
    window.undo_action = QAction("&Undo", window, shortcut=QKeySequence.StandardKey.Undo, triggered=window._on_undo)
    window.redo_action = QAction("&Redo", window, shortcut=QKeySequence("Ctrl+Shift+Z"), triggered=window._on_redo)
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    edit_menu.addAction("&Search Transcripts", QKeySequence.StandardKey.Find, lambda: (
        window.retrieval_panel.parentWidget().show(), window.retrieval_panel.parentWidget().raise_(),
        window.retrieval_panel.search_box.setFocus()))

    code_menu = window.menuBar().addMenu("&Code")
    code_menu.addAction("&Quick Code Selection… (Ctrl+K)", window.coding._focus_quick_box)
    code_menu.addAction("&In-Vivo Code Selection", QKeySequence("Ctrl+Shift+V"), window.coding.code_in_vivo)
    code_menu.addAction("&New Code…", QKeySequence("Ctrl+Shift+N"), lambda: window.code_panel.new_code(None))
    code_menu.addSeparator()
    code_menu.addAction("Memo on &Selection…", QKeySequence("Ctrl+M"), window.coding.memo_on_selection)
    code_menu.addAction("Memo on This &Document…", lambda: window.current_document is not None and window.coding.edit_memo(
        "document", "Memo on this document", document_id=window.current_document))
    code_menu.addAction("&Project Memo…", lambda: window.coding.edit_memo("project", "Project memo"))

    reports_menu = window.menuBar().addMenu("&Reports")
    for kind, label in (("coded", "&Coded Report…"), ("codebook", "Code&book Report (Table 2)…"),
                        ("participants", "&Participant Characteristics (Table 1)…"), ("memos", "&Memos Report…"),
                        ("passages", "Coded &Passages Table (Excel, CSV)…")):
        reports_menu.addAction(label, lambda k=kind: window.reports.start(k, window.service))

    analysis = window.menuBar().addMenu("&Analysis")
    analysis.addAction("Inter-coder &Agreement…", lambda: exchange_actions.show_agreement(window))

    view_menu = window.menuBar().addMenu("&View")
    window.coders_menu = view_menu.addMenu("Show Codings By")
    window.coders_menu.aboutToShow.connect(lambda: exchange_actions.fill_coders_menu(window))
    for dock in window.findChildren(QDockWidget):
        view_menu.addAction(dock.toggleViewAction())

    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction("&About Annotator", lambda: QMessageBox.about(
        window, "About Annotator", "Annotator: qualitative coding of interview transcripts, offline.\n"
        "Your project never leaves this computer."))
