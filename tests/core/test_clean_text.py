"""Text made safe for XML and Word: the fast path for ordinary text gives what the full cleaning gives."""

import uuid

from hypothesis import given
from hypothesis import strategies as st

from annotator.core import clean_text as ct
from annotator.services.exchange_model import _selection_guid


def _full_clean(text: str) -> str:
    return ct._DROP.sub("", ct._BREAKS.sub("\n", text)) if text else ""


def _full_xml_safe(text: str) -> str:
    return ct._DROP.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n")) if text else ""


@given(st.text(alphabet=st.characters(codec=None)))
def test_the_fast_path_changes_nothing_the_full_cleaning_would_not(text):
    assert ct.clean_text(text) == _full_clean(text)
    assert ct.xml_safe(text) == _full_xml_safe(text)


def test_what_is_dropped_and_what_becomes_a_line_end():
    assert ct.clean_text("a\x0bb\r\nc\x00d\ufffe\u2028e\tf") == "a\nb\nc" + "d\ne\tf"
    assert ct.xml_safe("a\x0cb\x1fc\ud800d") == "a\nbcd"


@given(st.text())
def test_selection_guids_are_the_uuid5_they_always_were(guid):
    assert _selection_guid(guid) == str(uuid.uuid5(uuid.NAMESPACE_URL, "annotator:selection:" + guid))
