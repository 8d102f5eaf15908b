"""REFI-QDA files are read within the limits every transcript has: a source over 10 million characters is left out
with its reason, a .qdpx is read part by part from its path (never whole), and a codebook or a co-author's file is
sized before any of it is read. Memory is counted with tracemalloc (what Python allocated), never timed."""

import os
import tracemalloc
import zipfile

import pytest

from annotator.cli import main
from annotator.core.errors import AnnotatorError
from annotator.exchange.qdpx_read import read_qdpx
from tests.exchange.test_qdpx_read import SOURCE, make_qdpx, project, selection

MB = 2**20


def _text_source(n: int, path: str) -> str:
    return (f'<TextSource guid="{SOURCE.format(n)}" name="S{n}" plainTextPath="internal://{path}">'
            f'{selection(n, 0, 5)}</TextSource>')


def _peak(call) -> int:
    tracemalloc.start()
    try:
        call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_a_source_over_ten_million_characters_is_left_out_with_its_reason(tmp_path):
    path = tmp_path / "big.qdpx"
    with zipfile.ZipFile(path, "w") as z:  # stored: 10 MB that a zip-bomb check would let through
        z.writestr("project.qde", project(_text_source(1, "big.txt") + _text_source(2, "small.txt")))
        z.writestr("sources/big.txt", "word " * 2_000_001)
        z.writestr("sources/small.txt", "A small interview.")
    model = read_qdpx(path)
    assert [s.name for s in model.sources] == ["S2"]
    assert any(item.reason == "too large" and item.where == "S1" for item in model.left_out)


def test_a_qdpx_is_read_part_by_part_from_its_path(tmp_path, capsys):
    path = tmp_path / "with-video.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", project(_text_source(1, "s.txt")))
        z.writestr("sources/s.txt", "A small interview, coded.")
        z.writestr("sources/video.mp4", os.urandom(40 * MB))  # (stored: random bytes do not compress)
    peak = _peak(lambda: main(["qdpx", "import", str(path), str(tmp_path / "new.annotator")]))
    assert "Imported with-video.qdpx" in capsys.readouterr().out
    assert peak < 20 * MB, peak // MB


def _sparse(path, size):
    with path.open("wb") as f:
        f.truncate(size)  # a file of that size taking no disk
    return path


def test_a_huge_codebook_is_refused_before_it_is_read(tmp_path, capsys):
    main(["new", str(tmp_path / "p.annotator")])
    qdc = _sparse(tmp_path / "huge.qdc", 300 * MB)
    peak = _peak(lambda: main(["codebook", "import", str(tmp_path / "p.annotator"), str(qdc)]))
    assert "over the 200 MB limit" in capsys.readouterr().err
    assert peak < 20 * MB, peak // MB


def test_a_huge_file_to_merge_is_looked_at_not_read(tmp_path, capsys):
    main(["new", str(tmp_path / "p.annotator")])
    theirs = _sparse(tmp_path / "theirs.qdpx", 300 * MB)
    peak = _peak(lambda: main(["merge", str(tmp_path / "p.annotator"), str(theirs)]))
    assert capsys.readouterr().err.startswith("annotator: ")
    assert peak < 20 * MB, peak // MB


def test_sources_together_over_the_project_limit_are_refused(monkeypatch):
    from annotator.exchange import qdpx_read

    monkeypatch.setattr(qdpx_read, "MAX_PROJECT_CHARS", 30)
    sources = "".join(_text_source(n, f"{n}.txt") for n in range(1, 4))
    data = make_qdpx({"project.qde": project(sources), **{f"sources/{n}.txt": "twenty characters ok" for n in range(1, 4)}})
    with pytest.raises(AnnotatorError, match="in all, over the limit"):
        read_qdpx(data)
