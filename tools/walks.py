"""Walks through the app for tools/look.py: each is a list of (name, action) steps on a main window; a screenshot is
taken after each step. Dialogs are opened without blocking (show, not exec) so the walk goes on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication


def _close_windows(window) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible() and widget.isWindow() and widget.objectName() != "quickCodeMatches":
            widget.close()


def _open(window, make) -> None:
    _close_windows(window)
    dialog = make()
    dialog.show()
    dialog.raise_()


def workspace(window, tmp: Path):
    service = window.service
    docs = {d.name: d.id for d in service.documents()}
    book = service.codebook.codebook

    def code_panel_select():
        code = book.by_path("Organizational support for peer work > Pay and employment conditions")
        window.code_panel.select_code(code.id)

    def open_passage():
        passage = window.retrieval_panel.model.passages[3]
        window.open_passage(passage.document_id, passage.start, passage.end)

    def quick_code():
        box = window.quick_box
        box.setFocus()
        box.setText("emotional")
        box.textEdited.emit("emotional")

    def memo_panel():
        _close_windows(window)
        window.docks["Memos"].raise_()

    return [
        ("opened", lambda: None),
        ("caption-file", lambda: window.select_document(docs["03_P03_interview"])),
        ("back-to-first", lambda: window.select_document(docs["01_P01_interview"])),
        ("code-selected", code_panel_select),
        ("passage-opened", open_passage),
        ("sentence", lambda: (window.transcript_view.setFocus(), window.transcript_view.select_sentence())),
        ("quick-code", quick_code),
        ("deid-panel", lambda: (window.quick_box.popup.hide(), window.docks["De-identification"].raise_())),
        ("participants", lambda: window.docks["Participants"].raise_()),
        ("memos", memo_panel),
    ]


def dialogs(window, tmp: Path):
    from annotator.gui.code_dialogs import CodeDialog, MemoDialog
    from annotator.gui.help_dialogs import ManualDialog, ShortcutsDialog
    from annotator.gui.preferences import PreferencesDialog
    from annotator.gui.report_dialog import KINDS, ReportOptions
    from annotator.gui.start_dialog import StartDialog

    service = window.service
    book = service.codebook.codebook
    first = next(iter(book.tree_order()))
    steps = [(f"report-{kind}", lambda k=kind: _open(window, lambda: ReportOptions(k, service, window))) for kind in KINDS]
    steps += [
        ("code-dialog", lambda: _open(window, lambda: CodeDialog(book[first], window, title="Code"))),
        ("memo-dialog", lambda: _open(window, lambda: MemoDialog("Memo on a passage", "", "", window, existing=True,
                                                                 about="“A passage the memo is about.”"))),
        ("preferences", lambda: _open(window, lambda: PreferencesDialog(window))),
        ("shortcuts", lambda: _open(window, lambda: ShortcutsDialog(window))),
        ("manual", lambda: _open(window, lambda: ManualDialog(window))),
        ("start-screen", lambda: _open(window, lambda: StartDialog(["/home/me/study.annotator"], window))),
        ("closed", lambda: _close_windows(window)),
    ]
    return steps


def analysis(window, tmp: Path):
    def query():
        window.show_analysis("Query")
        view = window.analysis_panel.query
        view.expression.setText('"Stigma of the title" AND NOT "Legitimacy"')
        view.run()

    def matrix():
        window.show_analysis("Matrix")
        view = window.analysis_panel.matrix
        view.attribute.setCurrentText("gender")
        view.measure.setCurrentIndex(1)
        view.run()

    def cell():
        view = window.analysis_panel.matrix
        view._on_cell(view.model.index(2, 0))

    return [
        ("query", query),
        ("matrix", matrix),
        ("matrix-cell", cell),
        ("cooccurrence", lambda: window.show_analysis("Co-occurrence")),
        ("cooccurrence-network", lambda: (_close_windows(window), window.analysis_panel.cooccurrence.network())),
        ("network-closed", lambda: _close_windows(window)),
        ("saturation", lambda: window.show_analysis("Saturation")),
        ("frequencies", lambda: (window.show_analysis("Frequencies"), window.analysis_panel.frequencies.run(),
                                 window.analysis_panel.frequencies.word_table.selectRow(0))),
    ]


def security(window, tmp: Path):
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from annotator.gui.backups_dialog import BackupsDialog
    from annotator.gui.passphrase_dialogs import passphrase_prompt

    def passphrase():
        dialog = QInputDialog(window)
        dialog.setWindowTitle("Encrypted project")
        dialog.setLabelText(passphrase_prompt(window.service.path.name))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setTextValue("a passphrase")
        return dialog

    def encryption_menu():
        _close_windows(window)
        file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
        encryption = next(a.menu() for a in file_menu.actions() if a.menu() and a.text() == "&Encryption")
        file_menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
        entry = next(a for a in file_menu.actions() if a.menu() is encryption)
        file_menu.setActiveAction(entry)
        encryption.popup(file_menu.mapToGlobal(file_menu.actionGeometry(entry).topRight()))

    window.service.backups.take("before-merge")
    return [
        ("encryption-menu", encryption_menu),
        ("menu-closed", lambda: [m.hide() for m in QApplication.topLevelWidgets() if m.inherits("QMenu")]),
        ("backups", lambda: _open(window, lambda: BackupsDialog(window.service, window))),
        ("passphrase", lambda: _open(window, passphrase)),
        ("closed", lambda: _close_windows(window)),
    ]


def audit(window, tmp: Path):
    from annotator.gui.audit_dialog import AuditLogDialog

    state = {}

    def open_log():
        _close_windows(window)
        state["dialog"] = AuditLogDialog(window.service, window.keys, window)
        state["dialog"].show()

    def filtered():
        state["dialog"].action.setCurrentText("import document")

    def checked():
        dialog = state["dialog"]
        dialog.action.setCurrentText("All")
        dialog._on_checked(window.service.audit.verify())  # on the GUI thread: the walk waits for no worker

    return [("audit-log", open_log), ("audit-log-filtered", filtered), ("audit-log-checked", checked),
            ("audit-closed", lambda: _close_windows(window))]


WALKS = {"workspace": workspace, "dialogs": dialogs, "analysis": analysis, "security": security, "audit": audit}

