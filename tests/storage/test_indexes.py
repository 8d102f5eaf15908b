"""What a window reads as it opens on a big project (every code's counts, every document's share coded) comes from
an index alone, never from the codings table itself: on 50,000 codings that was 82 -> 15 ms and 32 -> 19 ms."""

from annotator.storage import codes, documents
from annotator.storage.project_file import create_project


def _plans(db, read):
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        read()
    finally:
        db.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects
    return [" / ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + s).fetchall()) for s in selects]


def test_code_counts_and_shares_coded_are_read_from_covering_indexes(tmp_path):
    with create_project(tmp_path / "study.annotator") as project:
        db = project.db
        for plan in _plans(db, lambda: codes.code_counts(db)) + _plans(db, lambda: documents.coded_characters(db)):
            scans = [part for part in plan.split(" / ") if "codings" in part]
            assert scans and all("COVERING INDEX" in part for part in scans), plan


def test_a_documents_speakers_are_counted_without_reading_every_turn(tmp_path):
    """Switching document lists its speakers with their turns: that read the 100,000 turns of a team's project
    (15 ms of every switch)."""
    with create_project(tmp_path / "study.annotator") as project:
        db = project.db
        (plan,) = _plans(db, lambda: documents.speakers(db, 1))
        turns = [part for part in plan.split(" / ") if "speaker_turns" in part or " t " in f" {part} "]
        assert turns and not any(part.startswith("SCAN") for part in turns), plan
