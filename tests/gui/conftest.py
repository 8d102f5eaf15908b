import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(scope="session")
def settings_folder(tmp_path_factory):
    """This run's own settings file: test mode's ~/.qttest is shared by every test run on the machine, and two
    runs at once would read each other's recent projects."""
    folder = tmp_path_factory.mktemp("settings")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def isolated_settings(qapp, settings_folder):
    """Keep QSettings and app data out of the real home folder."""
    QStandardPaths.setTestModeEnabled(True)
    qapp.setOrganizationName("AnnotatorTests")
    qapp.setApplicationName("AnnotatorTests")
    QSettings().clear()  # every test starts from a first run: no saved layout, no recent projects
    yield


@pytest.fixture(autouse=True)
def shown_errors(monkeypatch):
    """Error boxes are recorded instead of blocking the test; a test that expects one empties the list."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append(text))
    yield shown
    assert shown == [], f"unexpected error messages: {shown}"


@pytest.fixture
def demo_service(tmp_path):
    from annotator.services.demo import build_demo

    service, _ = build_demo(tmp_path / "demo.annotator", deidentify=False)
    yield service
    service.close()  # idempotent: the window may already have closed it


@pytest.fixture
def open_window(qtbot):
    """Open the main window on a service, shown; closed with the test."""
    from annotator.gui.main_window import MainWindow

    def open_(service):
        window = MainWindow(service)
        qtbot.addWidget(window)
        window.show()
        return window

    return open_


@pytest.fixture
def demo_window(open_window, demo_service):
    return open_window(demo_service)


@pytest.fixture
def interview_window(open_window, service, tmp_path):
    """The window on the test project after importing one transcript (text given) and adding codes by name."""

    def make(text: str, codes=()):
        path = tmp_path / "P01.txt"
        path.write_text(text, encoding="utf-8")
        service.import_files([path])
        for name in codes:
            service.codebook.add_code(name)
        return open_window(service)

    return make
