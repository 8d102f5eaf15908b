"""Shared fixtures. Qt runs offscreen; every test works on real temporary project files."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_transcripts"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def service(tmp_path):
    from annotator.services.project_service import ProjectService

    svc = ProjectService.create(tmp_path / "study.annotator", coder="tester")
    yield svc
    svc.close()
