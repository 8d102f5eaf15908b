"""Files that ask for more memory than they are worth are refused before they take it: every reader has the limits
a transcript has (10 million characters; sizes checked before reading; no reading of a FIFO)."""

import os

import pytest

from annotator.core.errors import ImportFailed
from annotator.importers import DEFAULT_LIMITS, read_transcript
from annotator.services.importing import Status, import_one
from annotator.storage.project_file import create_project
from tests.importers.helpers import make_odt


def test_an_odt_asking_for_a_billion_spaces_is_refused_without_making_them():
    data = make_odt('<text:p>Hello <text:s text:c="1500000000"/> there</text:p>')
    assert len(data) < 1000
    with pytest.raises(ImportFailed, match="over the limit"):
        read_transcript("bomb.odt", data)


def test_many_small_space_runs_add_up_to_the_limit():
    runs = '<text:s text:c="900000"/>' * 12
    with pytest.raises(ImportFailed, match="10,000,000 characters"):
        read_transcript("runs.odt", make_odt(f"<text:p>Hello {runs} there</text:p>"))


@pytest.mark.parametrize("count", ["lots", "-3", "", "1e9"])
def test_a_space_count_that_is_not_a_number_is_one_space(count):
    transcript = read_transcript("odd.odt", make_odt(f'<text:p>Hello<text:s text:c="{count}"/>there</text:p>'))
    assert transcript.text in ("Hello there", "Hellothere")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_importing_a_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "interview.txt"
    os.mkfifo(fifo)
    project = create_project(tmp_path / "p.annotator")
    try:
        result = import_one(project, fifo, "me", DEFAULT_LIMITS)
    finally:
        project.close()
    assert result.status is Status.FAILED and "not a regular file" in result.message
