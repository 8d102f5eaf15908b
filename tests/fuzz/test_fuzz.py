"""The short fuzzing run of the test suite: mutated files of every format (the same cases each run), none of which
may crash (an exception that is not Annotator's own one-line error) or hang. benchmarks/fuzz.py runs it long."""

from tests.fuzz.harness import KINDS, run


def test_mutated_files_of_every_format_are_read_or_refused_in_one_line(tmp_path):
    report = run(cases=30 * len(KINDS), seed=13, workers=2, timeout=60, save=str(tmp_path))
    assert report.cases == 30 * len(KINDS)
    assert set(report.by_kind) == set(KINDS)
    assert not report.crashes, report.crashes
    assert not report.hangs, report.hangs
    assert report.peak_memory_mb < 1500, report.peak_memory_mb
