import pytest
from PySide6.QtCore import QStandardPaths


@pytest.fixture(autouse=True)
def isolated_settings(qapp):
    """Keep QSettings and app data out of the real home folder."""
    QStandardPaths.setTestModeEnabled(True)
    qapp.setOrganizationName("AnnotatorTests")
    qapp.setApplicationName("AnnotatorTests")
    yield


@pytest.fixture
def demo_service(tmp_path):
    from annotator.services.demo import build_demo

    service, _ = build_demo(tmp_path / "demo.annotator")
    yield service
    service.close()  # idempotent: the window may already have closed it
