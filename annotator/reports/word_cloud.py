"""A word cloud of word frequencies, drawn by the `wordcloud` library (its own bundled font: nothing fetched) on a
transparent ground, in a matplotlib Figure like every other chart, so it saves as PNG or SVG and shows in the GUI."""

from __future__ import annotations

from dataclasses import dataclass

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
    figure.word_boxes = _boxes(cloud)  # where each word was drawn, in the image's pixels (the axes' data units)
    return figure


@dataclass(frozen=True)
class WordBox:
    """Where a word was drawn, in the image's pixels, and how (to tell its ink from the gaps around its letters,
    where wordcloud fits smaller words: boxes overlap, ink does not)."""

    word: str
    left: int
    top: int
    right: int
    bottom: int
    origin: tuple[int, int]  # where the text was drawn (column, row)
    size: int
    orientation: int | None
    font_path: str

    def __contains__(self, point: tuple[float, float]) -> bool:
        x, y = point
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    def inked_near(self, x: float, y: float, reach: int = 6) -> bool:
        """Whether the word's own ink lies within `reach` pixels of (x, y)."""
        from PIL import Image, ImageDraw

        image = Image.new("L", (self.right - self.left + 1, self.bottom - self.top + 1))
        ImageDraw.Draw(image).text((self.origin[0] - self.left, self.origin[1] - self.top), self.word, fill=255,
                                   font=_font(self.font_path, self.size, self.orientation))
        px, py = int(x) - self.left, int(y) - self.top
        return image.crop((px - reach, py - reach, px + reach + 1, py + reach + 1)).getbbox() is not None


def _font(path: str, size: int, orientation: int | None):
    from PIL import ImageFont

    return ImageFont.TransposedFont(ImageFont.truetype(path, size), orientation=orientation)


def _boxes(cloud) -> list[WordBox]:
    """Each word's box as wordcloud's to_image draws it (its layout_: the font size, where the text goes as (row,
    column), and whether it is turned a quarter)."""
    from PIL import Image, ImageDraw

    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    boxes = []
    for (word, _count), size, (row, column), orientation, _colour in cloud.layout_:
        origin = (int(column), int(row))
        left, top, right, bottom = (int(v) for v in measure.textbbox(
            origin, word, font=_font(cloud.font_path, int(size), orientation)))
        boxes.append(WordBox(word, left, top, right, bottom, origin, int(size), orientation, cloud.font_path))
    return boxes


def word_at(boxes: list[WordBox], x: float, y: float) -> str | None:
    """The word whose ink is at (x, y) in the image's pixels (the smallest, where two come that close), or None
    between words."""
    inked = [b for b in boxes if (x, y) in b and b.inked_near(x, y)]
    return min(inked, key=lambda b: (b.right - b.left) * (b.bottom - b.top)).word if inked else None
