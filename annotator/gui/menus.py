"""The main window's menu bar: File, Edit, Code, Reports (with the audit log), Analysis, View, Help. Built once per window; every action
looks up the current project's views when it runs, so it always acts on the project that is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from annotator.gui import encryption_actions, exchange_actions, help_dialogs
from annotator.gui.audit_dialog import show_audit_log
from annotator.gui.backups_dialog import restore_from_backup
from annotator.gui.projects import (
    ask_new_project,
    ask_open_project,
    open_demo,
    open_recent,
    recent_label,
    recent_projects,
)
from annotator.gui.widgets import edits

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

# View > Go To: a key for each place the researcher works in (Ctrl+2 is the transcript).
GO_TO = (("Documents", "Ctrl+1"), ("Transcript", "Ctrl+2"), ("Codebook", "Ctrl+3"),
         ("Retrieval and Search", "Ctrl+4"), ("Speakers", "Ctrl+5"), ("De-identification", "Ctrl+6"),
         ("Participants", "Ctrl+7"), ("Memos", "Ctrl+8"), ("Analysis", "Ctrl+9"), ("Quick Code Box", "Ctrl+K"))


def go_to(window: MainWindow, place: str) -> None:
    if place == "Transcript":
        window.transcript_view.setFocus()
    elif place == "Quick Code Box":
        window.coding.focus_quick_box()
    else:
        dock = window.docks[place]
        dock.show()
        dock.raise_()
        widget = dock.widget()
        focus = {"Codebook": lambda: window.code_panel.tree, "Retrieval and Search": lambda: window.retrieval_panel.table,
                 "De-identification": lambda: window.deid_panel.entity_table,
                 "Participants": lambda: window.participants_panel.table, "Memos": lambda: window.memo_panel.table,
                 "Analysis": lambda: window.analysis_panel.tabs.currentWidget()}
        (focus[place]() if place in focus else widget).setFocus()


def _fill_recent(window: MainWindow) -> None:
    window.recent_menu.clear()
    paths = [p for p in recent_projects() if p != str(window.service.path.resolve())]
    for path in paths:
        action = window.recent_menu.addAction(recent_label(path), lambda p=path: window.switch_to(open_recent(p)))
        action.setToolTip(path)
    if not paths:
        window.recent_menu.addAction("No other recent projects").setEnabled(False)


def build_menus(window: MainWindow) -> None:
    w = window  # every lambda below reads w.<view> when it runs: the views are rebuilt for each project
    file_menu = w.menuBar().addMenu("&File")
    file_menu.addAction("&New Project…", QKeySequence.StandardKey.New, lambda: w.switch_to(ask_new_project(w)))
    file_menu.addAction("&Open Project…", QKeySequence.StandardKey.Open, lambda: w.switch_to(ask_open_project(w)))
    w.recent_menu = file_menu.addMenu("Open &Recent")
    w.recent_menu.aboutToShow.connect(lambda: _fill_recent(w))
    file_menu.addAction("Open &Demo Project", lambda: w.switch_to(open_demo()))
    file_menu.addAction("&Start Screen…", lambda: help_dialogs.start_screen(w))
    file_menu.addSeparator()
    w.import_action = edits(file_menu.addAction("&Import Transcripts…", QKeySequence("Ctrl+I"), lambda: w._on_import()))
    file_menu.addSeparator()
    exchange = file_menu.addMenu("Share with Other QDA Software")
    exchange.addAction("Export Codebook (REFI-QDA .qdc)…", lambda: exchange_actions.export_codebook(w))
    edits(exchange.addAction("Import Codebook (.qdc)…", lambda: exchange_actions.import_codebook(w)))
    exchange.addAction("Export Project (REFI-QDA .qdpx)…", lambda: exchange_actions.export_project(w))
    edits(file_menu.addAction("Import or &Merge a Project (.qdpx, co-author's .annotator)…",
                              lambda: exchange_actions.merge_project(w)))
    edits(file_menu.addAction("Restore from &Backup…", lambda: restore_from_backup(w)))
    encryption = file_menu.addMenu("&Encryption")
    encryption.aboutToShow.connect(lambda: encryption_actions.fill_menu(encryption, w))
    file_menu.addSeparator()
    file_menu.addAction("Pre&ferences…", QKeySequence("Ctrl+,"), lambda: help_dialogs.preferences(w))
    file_menu.addSeparator()
    file_menu.addAction("&Quit", QKeySequence.StandardKey.Quit, w.close)

    edit_menu = w.menuBar().addMenu("&Edit")
    w.undo_action = QAction("&Undo", w, shortcut=QKeySequence.StandardKey.Undo, triggered=lambda: w._on_undo())
    w.redo_action = QAction("&Redo", w, shortcut=QKeySequence("Ctrl+Shift+Z"), triggered=lambda: w._on_redo())
    edit_menu.addAction(w.undo_action)
    edit_menu.addAction(w.redo_action)
    edit_menu.addSeparator()
    for label, keys, select in (("Select &Sentence (again: one more)", "Ctrl+Shift+S", "select_sentence"),
                                ("Select &Paragraph (again: one more)", "Ctrl+Shift+P", "select_paragraph"),
                                ("Select Speaker &Turn", "Ctrl+Shift+T", "select_turn")):
        edit_menu.addAction(label, QKeySequence(keys), lambda s=select: (
            w.transcript_view.setFocus(), getattr(w.transcript_view, s)()))
    edit_menu.addSeparator()
    edit_menu.addAction("&Search Transcripts", QKeySequence.StandardKey.Find, lambda: (
        w.docks["Retrieval and Search"].show(), w.docks["Retrieval and Search"].raise_(),
        w.retrieval_panel.search_box.setFocus(), w.retrieval_panel.search_box.selectAll()))

    code_menu = w.menuBar().addMenu("&Code")
    edits(code_menu.addAction("&Quick Code Selection…", QKeySequence("Ctrl+K"), lambda: w.coding.focus_quick_box()))
    edits(code_menu.addAction("&In-Vivo Code Selection", QKeySequence("Ctrl+Shift+V"), lambda: w.coding.code_in_vivo()))
    edits(code_menu.addAction("&New Code…", QKeySequence("Ctrl+Shift+N"), lambda: w.code_panel.new_code(None)))
    code_menu.addSeparator()
    edits(code_menu.addAction("Memo on &Selection…", QKeySequence("Ctrl+M"), lambda: w.memo_on_selection()))
    edits(code_menu.addAction("Memo on This &Document…", lambda: w.current_document is not None and w.memos.on_document(
        w.current_document)))
    edits(code_menu.addAction("&Project Memo…", lambda: w.memos.on_project()))
    code_menu.addAction("All &Memos", QKeySequence("Ctrl+8"), lambda: go_to(w, "Memos"))

    reports_menu = w.menuBar().addMenu("&Reports")
    for kind, label in (("coded", "&Coded Report…"), ("codebook", "Code&book Report (Table 2)…"),
                        ("participants", "&Participant Characteristics (Table 1)…"), ("memos", "&Memos Report…"),
                        ("passages", "Coded &Passages Table (Excel, CSV)…")):
        reports_menu.addAction(label, lambda k=kind: w.reports.start(k, w.service))
    reports_menu.addSeparator()
    reports_menu.addAction("&Data Handling Summary (for an ethics board)…", lambda: w.reports.start("data-handling",
                                                                                                  w.service))
    reports_menu.addAction("Audit &Log…", lambda: show_audit_log(w))

    analysis = w.menuBar().addMenu("&Analysis")
    for label, tab, keys in (("Coding &Query…", "Query", "Ctrl+Shift+Q"), ("&Matrix and Case Overview…", "Matrix", ""),
                             ("Code &Co-occurrence…", "Co-occurrence", ""), ("&Saturation…", "Saturation", ""),
                             ("Word &Frequencies…", "Frequencies", "")):
        analysis.addAction(label, QKeySequence(keys), lambda t=tab: w.show_analysis(t))
    analysis.addSeparator()
    analysis.addAction("Inter-coder &Agreement…", lambda: exchange_actions.show_agreement(w))

    view_menu = w.menuBar().addMenu("&View")
    w.coders_menu = view_menu.addMenu("Show Codings By")
    w.coders_menu.aboutToShow.connect(lambda: exchange_actions.fill_coders_menu(w))
    go_menu = view_menu.addMenu("&Go To")
    for place, keys in GO_TO:
        if place != "Memos":  # Ctrl+8 lives in the Code menu; one action per key
            go_menu.addAction(place, QKeySequence(keys) if place != "Quick Code Box" else QKeySequence(),
                              lambda p=place: go_to(w, p))
    view_menu.addSeparator()
    for dock in w.findChildren(QDockWidget):
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    view_menu.addAction("&Reset Layout", lambda: w.layout_keeper.reset())

    help_menu = w.menuBar().addMenu("&Help")
    help_menu.addAction("Annotator &Manual", QKeySequence.StandardKey.HelpContents, lambda: help_dialogs.manual(w))
    help_menu.addAction("&Keyboard Shortcuts", QKeySequence("Ctrl+/"), lambda: help_dialogs.shortcuts(w))
    help_menu.addAction("&About Annotator", lambda: help_dialogs.about(w))
