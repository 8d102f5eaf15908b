"""Every importer is linear in its input: hostile runs of spaces, markup and tags, made long, cost steps in
proportion to their length. Work is counted by annotator.core.work's meter (characters each scan may examine), never
timed: doubling the input must not much more than double the steps."""

import html
import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import work
from annotator.core.errors import AnnotatorError
from annotator.exchange.qdpx_read import read_qdpx
from annotator.importers import read_transcript
from tests.importers.helpers import make_odt

PIECES = [" ", "  ", "\t", "\n", "\n\n", "\r", "\x0b", "\xa0", "a", "Dana", "A:", ":", "*", "**", "_", "__", "*a ",
          "_a ", "[", "]", "(", ")", "[a](", "![", "`", "<", ">", "<a", "<v a", "<v.x Dana>", "</", "<1", "&amp;", "#",
          "> ", "- ", "\\", "00:01.000 --> 00:02.000\n", "1\n", "{\\f1 ", "{\\field{\\*\\fldinst{ HYPERLINK \"",
          "\\fcharset0 ", ";", "{", "}", "\\'e9", "Interviewer:", "[00:01] ", "Speaker 1: "]
HEADERS = {"txt": "", "md": "", "vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\n", "srt": "1\n00:00:00,000 --> 00:00:01,000\n",
           "rtf": "{\\rtf1{\\fonttbl", "odt": "", "qdpx": ""}


def _qdpx(text: str) -> bytes:
    project = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">'
               '<Sources><TextSource guid="6f1a55b8-79b6-4a0a-9a6e-1c3f4c5b2a10" name="s" '
               'plainTextPath="internal://s.txt"><PlainTextSelection guid="7f1a55b8-79b6-4a0a-9a6e-1c3f4c5b2a10" '
               f'startPosition="1" endPosition="{max(2, len(text) // 2)}"/></TextSource></Sources></Project>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", project)
        z.writestr("sources/s.txt", text.encode("utf-8"))
    return out.getvalue()


def _file(kind: str, text: str) -> bytes:
    if kind == "odt":
        return make_odt("".join(f"<text:p>{html.escape(line)}</text:p>" for line in text.split("\n")))
    if kind == "qdpx":
        return _qdpx(text)
    return text.encode("utf-8")


def steps(kind: str, text: str) -> int:
    data = _file(kind, HEADERS[kind] + "Interviewer: hello " + text)
    with work.measured() as meter:
        try:
            read_qdpx(data) if kind == "qdpx" else read_transcript(f"hostile.{kind}", data)
        except AnnotatorError:
            pass  # a refusal is fine; what it cost is what is measured
    return meter.steps


def assert_linear(kind: str, unit: str, repeats: int) -> None:
    small, large = unit * repeats, unit * (2 * repeats)
    n, n2 = steps(kind, small), steps(kind, large)
    # (a file refused before it is read, as binary or empty, costs nothing; any other is metered from end to end)
    assert n >= len(small) or n2 <= 2_000, "the importer's passes are not metered"
    assert n2 <= 2.3 * n + 2_000, (kind, unit[:60], n, n2)
    assert n <= 60 * len(small) + 2_000, (kind, unit[:60], n, len(small))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(HEADERS)), unit=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
def test_hostile_runs_cost_steps_in_proportion_to_their_length(kind, unit):
    unit = "".join(unit)
    assert_linear(kind, unit, max(1, 6_000 // len(unit)))


# The inputs the fuzzing found, each of which took from seconds to more than a minute.
@pytest.mark.parametrize("kind, unit", [
    ("qdpx", " "), ("qdpx", "\n"), ("txt", " " * 50 + "x"), ("md", "*a "), ("md", "_a "), ("md", "["), ("md", "[a]("),
    ("md", "-\n"), ("vtt", "<v a"), ("vtt", "<a"), ("srt", "<v Dana"), ("rtf", "\\f1 a"),
    ("rtf", "{\\field{\\*\\fldinst{ a"), ("vtt", "00:01.000 --> 00:02.000\nDana: hello\n\n"),
])
def test_the_inputs_that_hung_are_linear(kind, unit):
    assert_linear(kind, unit, 20_000 // len(unit))


@pytest.mark.parametrize("pattern", [
    r"[^\S\n]+(?=\n|\Z)", r"\A\n+|\n+\Z", r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"!?\[([^\]]*)\]\([^)]*\)",
    r"</?[a-zA-Z][^>]*>", r"<v(?:\.[\w.\-]+)?[ \t]+([^>]+)>",
])
def test_the_meter_refuses_the_patterns_that_were_quadratic(pattern):
    with pytest.raises(ValueError, match="bounded width"):
        work.sub(re.compile(pattern), "", "text")


def test_a_quadratic_scan_fails_the_check():
    def quadratic(text):
        for start in range(len(text)):
            work.find(text, "x", start)  # each search runs to the end: n^2 / 2 steps

    with work.measured() as small:
        quadratic(" " * 1000)
    with work.measured() as large:
        quadratic(" " * 2000)
    assert large.steps > 3.5 * small.steps
