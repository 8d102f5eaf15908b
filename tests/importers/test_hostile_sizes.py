"""Files that ask for more memory than they are worth are refused before they take it: every reader has the limits
a transcript has (10 million characters, whatever the file asks for). (A FIFO given as a file: tests/cli/test_broken_input.py.)"""

import pytest

from annotator.core.errors import ImportFailed
from annotator.importers import read_transcript
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
