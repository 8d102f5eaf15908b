"""Preferences (coder name instead of the login name, transcript font, size and line spacing, theme, number keys)
and Help (the manual offline, About with the version)."""

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui import help_dialogs
from annotator.gui.main_window import MainWindow
from annotator.gui.preferences import PreferencesDialog, coder_name, theme
from annotator.gui.theme import apply_theme


def test_preferences_change_the_coder_font_spacing_theme_and_keys(qtbot, service, tmp_path, qapp):
    path = tmp_path / "P01.txt"
    path.write_text("Interviewer: Hi.\n\nJEN: Mostly a stipend, in cash.\n", encoding="utf-8")
    service.import_files([path])
    pay = service.codebook.add_code("Pay")
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.coder.text() == "tester"
    dialog.coder.setText("  Amira   Haddad ")
    dialog.font_size.setValue(15)
    dialog.line_spacing.setValue(150)
    dialog.theme.setCurrentText("Dark")
    dialog.key_boxes[7].setCurrentText("Pay")
    try:
        dialog.accept()
        assert coder_name() == "Amira Haddad" and service.coder == "Amira Haddad"
        assert theme() == "Dark" and QApplication.palette().color(QApplication.palette().ColorRole.Base).lightness() < 60
        view = window.transcript_view
        assert view.document().defaultFont().pointSizeF() == 15
        assert view.document().begin().blockFormat().lineHeight() == 150
        assert window.coding.keys.pinned() == {7: pay}
        start = view.text.index("Mostly")
        view.select_range(start, start + 6)
        window.coding.code_selection(pay)
        assert service.codings.for_document(window.current_document)[0].coder == "Amira Haddad"
        # the name is the researcher's, not the project's: the next project opened codes under it too
        assert QSettings().value("coder/name") == "Amira Haddad"
        assert window.switch_to(lambda: type(service).create(tmp_path / "next.annotator"))
        assert window.service.coder == "Amira Haddad"
    finally:
        apply_theme(qapp, "System")


def test_an_empty_coder_name_is_not_saved(qtbot, service):
    window = MainWindow(service)
    qtbot.addWidget(window)
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.coder.setText("   ")
    dialog.accept()
    assert dialog.isVisible() is False or dialog.result() == 0
    assert coder_name() is None and service.coder == "tester"


def test_the_manual_is_the_readme_tour_and_about_gives_the_version(qtbot, service, monkeypatch):
    window = MainWindow(service)
    qtbot.addWidget(window)
    manual = help_dialogs.manual(window)
    text = manual.browser.toPlainText()
    assert "A short tour of every feature" in text and "De-identify" in text
    assert help_dialogs.manual(window) is manual  # one manual window, brought back to the front
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, body: shown.append(body))
    help_dialogs.about(window)
    assert help_dialogs.version() in shown[0] and help_dialogs.version()[0].isdigit()


def test_until_a_name_is_given_the_status_bar_says_whose_name_codings_carry_and_sets_it(qtbot, open_window, service,
                                                                                          monkeypatch):
    from annotator.services.project_service import ProjectService

    QSettings().remove("coder/name")
    window = open_window(service)
    hint = window.coder_hint
    assert hint.isVisible() and hint.label.text() == f"Your codings are signed “{service.coder}”."

    def type_name(dialog):
        dialog.coder.setText("Ana Ruiz")
        dialog.accept()
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", type_name)
    hint.button.click()
    assert service.coder == "Ana Ruiz" and not hint.isVisible()
    window.switch_to(lambda: ProjectService.create(service.path.with_name("other.annotator")))
    assert not window.coder_hint.isVisible() and window.service.coder == "Ana Ruiz"  # remembered for every project
