"""The word cloud: the most frequent words drawn, the same picture each time, a clear refusal with no words."""

import numpy as np
import pytest

from annotator.analysis.frequencies import count_words, frequencies
from annotator.core.errors import AnnotatorError
from annotator.reports.charts import save_figure
from annotator.reports.word_cloud import word_cloud_figure


def test_a_cloud_of_the_words_is_drawn_and_saved_the_same_each_time(tmp_path):
    counted = frequencies(count_words("stipend " * 30 + "gift cards " * 12 + "training " * 5 + "casual"))
    first = word_cloud_figure(counted).axes[0].images[0].get_array()
    again = word_cloud_figure(counted).axes[0].images[0].get_array()
    assert first.shape[2] == 4 and np.array_equal(first, again)
    assert (first[..., 3] > 0).mean() > 0.02  # something is drawn, on a transparent ground
    for suffix in ("png", "svg"):
        out = save_figure(word_cloud_figure(counted), tmp_path / f"cloud.{suffix}")
        assert out.stat().st_size > 2000


def test_no_words_no_cloud():
    with pytest.raises(AnnotatorError, match="no words"):
        word_cloud_figure(frequencies(count_words("")))


def test_each_word_is_found_where_its_ink_is_and_nothing_between_words():
    """A click on the cloud names the word under it: each word's own ink, drawn alone from its recorded box, is
    exactly the cloud's ink there; a point of it names that word even where bigger words' boxes overlap (wordcloud
    fits small words into big words' gaps); a corner with no ink names none."""
    from PIL import Image, ImageDraw

    from annotator.reports.word_cloud import _font, word_at

    text = " ".join(f"{w} " * n for w, n in (("stipend", 40), ("gift", 22), ("cards", 21), ("training", 9),
                                                ("casual", 7), ("van", 5), ("shift", 4), ("naloxone", 3), ("site", 2)))
    figure = word_cloud_figure(frequencies(count_words(text)))
    alpha = figure.axes[0].images[0].get_array()[..., 3] > 0
    boxes = figure.word_boxes
    assert {b.word for b in boxes} == {"stipend", "gift", "cards", "training", "casual", "van", "shift", "naloxone",
                                       "site"}
    for box in boxes:
        alone = Image.new("L", (box.right - box.left + 1, box.bottom - box.top + 1))
        ImageDraw.Draw(alone).text((box.origin[0] - box.left, box.origin[1] - box.top), box.word, fill=255,
                                   font=_font(box.font_path, box.size, box.orientation))
        ink = np.argwhere(np.array(alone) > 0)
        assert len(ink) and alpha[ink[:, 0] + box.top, ink[:, 1] + box.left].all()  # its ink is the cloud's
        row, column = ink[len(ink) // 2]
        assert word_at(boxes, box.left + column, box.top + row) == box.word
    empty = np.argwhere(~alpha)
    corner = next((y, x) for y, x in empty[:: max(1, len(empty) // 500)]
                  if not alpha[max(0, y - 8):y + 9, max(0, x - 8):x + 9].any())
    assert word_at(boxes, corner[1], corner[0]) is None
