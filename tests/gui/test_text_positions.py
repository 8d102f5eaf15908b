from hypothesis import given
from hypothesis import strategies as st

from annotator.gui.text_positions import Utf16Positions


def test_emoji_shift_qt_positions_by_one_each():
    text = "😀 hi 🎉 there"
    positions = Utf16Positions(text)
    assert positions.to_qt(0) == 0
    assert positions.to_qt(2) == 3  # after one emoji
    assert positions.to_qt(text.index("there")) == text.index("there") + 2
    assert positions.from_qt(positions.to_qt(text.index("there"))) == text.index("there")
    assert positions.from_qt(1) == 0  # inside a surrogate pair rounds down


@given(st.text(alphabet="a😀é\n𝄞", max_size=40))
def test_round_trip_matches_utf16_encoding(text):
    positions = Utf16Positions(text)
    for i in range(len(text) + 1):
        qt = positions.to_qt(i)
        assert qt == len(text[:i].encode("utf-16-le")) // 2
        assert positions.from_qt(qt) == i
