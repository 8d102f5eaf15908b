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
