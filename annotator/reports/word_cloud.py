"""A word cloud of word frequencies, drawn by the `wordcloud` library (its own bundled font: nothing fetched) on a
transparent ground, in a matplotlib Figure like every other chart, so it saves as PNG or SVG and shows in the GUI."""

from __future__ import annotations

from matplotlib.figure import Figure

from annotator.analysis.frequencies import Frequencies
from annotator.core.errors import AnnotatorError
from annotator.reports.charts import OKABE_ITO, TEXT_WIDTH

# The palette's colours that read on white and on a dark ground alike (not its yellow, not its black).
_INKS = tuple(c for c in OKABE_ITO if c not in ("#F0E442", "#000000"))


def word_cloud_figure(frequencies: Frequencies, *, top: int = 120, width: float = TEXT_WIDTH) -> Figure:
    """The `top` most frequent words, sized by count; the same words give the same picture every time."""
    from wordcloud import WordCloud

    counts = {w.word: w.count for w in frequencies.words[:top]}
    if not counts:
        raise AnnotatorError("There are no words to draw: count some first.")
    rank = {word: i for i, word in enumerate(counts)}
    cloud = WordCloud(width=1400, height=800, mode="RGBA", background_color=None, prefer_horizontal=0.92,
                      random_state=7, collocations=False, max_words=top, margin=6, relative_scaling=0.5,
                      color_func=lambda word, *_a, **_k: _INKS[rank.get(word, 0) % len(_INKS)])
    cloud.generate_from_frequencies(counts)
    figure = Figure(figsize=(width, width * 8 / 14))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.imshow(cloud.to_array(), interpolation="bilinear")
    axes.set_axis_off()
    figure.set_facecolor("white")
    return figure
