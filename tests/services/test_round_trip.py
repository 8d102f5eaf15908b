"""Issue 11, point 2: a project exported as .qdpx and imported into a new project comes back field by field: every
code (with when to use, when not to use and example), category attribute with its ordered values, speaker turn with
its caption times and participant, memo of every kind with its title (or none), coder, dates and GUID, and the
project's name. Both position conventions (the standard's code points, and NVivo's UTF-16) round-trip."""

import pytest

from annotator.services.demo import build_demo
from annotator.services.project_service import ProjectService
from tests.services.project_dump import differences, dump

EMOJI_TRANSCRIPT = ("Interviewer: How did the first week feel?\n"
                    "Dana: Honestly 😅 it was a lot. The 🚐 van runs were the best part, 👍 really.\n"
                    "Interviewer: And now?\n"
                    "Dana: Now I know the routes. 🗺️ No more getting lost.\n")


@pytest.fixture(scope="module")
def rich_demo(tmp_path_factory):
    """The demo with one of everything the demo lacks: memos on a passage, a participant, a coding and a document,
    an untitled code memo, a code folder (not codable), a transcript with emoji, coded."""
    folder = tmp_path_factory.mktemp("round-trip")
    path = folder / "demo.annotator"
    service, _ = build_demo(path)
    with service:
        (folder / "P09 emoji.txt").write_text(EMOJI_TRANSCRIPT, encoding="utf-8")
        service.import_files([folder / "P09 emoji.txt"])
        emoji_doc = service.documents()[-1].id
        book = service.codebook.codebook
        code = book.by_path("Peer work in practice").id
        text = service.document_text(emoji_doc)
        start = text.index("The 🚐 van")
        service.codings.code_passage(emoji_doc, code, start, start + len("The 🚐 van runs were the best part"))
        first = service.documents()[0].id
        coding = service.codings.for_document(first)[3]
        service.codings.add_memo("range", "Where the stipend comes up first.", document_id=first, start=120, end=180)
        service.codings.add_memo("participant", "Recruited through the drop-in; spoke freely.",
                                 participant_id=service.participants()[2].id, title="Rapport")
        service.codings.add_memo("coding", "Borderline: also reads as mentoring.", coding_id=coding.id)
        service.codings.add_memo("document", "Second half recorded by phone.", document_id=first)
        service.codings.add_memo("document", "Transcript checked against the audio.", document_id=first,
                                 title="Checked")
        service.codings.add_memo("code", "No title on this one 👀", code_id=code)
        service.codings.add_memo("range", "The van 🚐 runs.", document_id=emoji_doc, start=start, end=start + 9)
        folder_id = service.codebook.add_code("Themes to revisit")
        with service.project.atomic() as db:
            db.execute("UPDATE codes SET codable = 0 WHERE id = ?", [folder_id])
    return path


@pytest.mark.parametrize("positions", ["codepoints", "utf16"])
def test_a_project_exported_and_imported_comes_back_field_by_field(rich_demo, tmp_path, positions):
    out = tmp_path / "study.qdpx"
    with ProjectService.open(rich_demo, readonly=True) as original:
        original.exchange.export_qdpx(out, positions=positions)
        before = dump(original)
    with ProjectService.create(tmp_path / "copy.annotator", coder="tester") as copy:
        copy.exchange.import_qdpx(out.read_bytes(), out.name)
        after = dump(copy)
    assert differences(before, after) == []
    # what the issue saw lost, each there
    assert sum(1 for t in after["speaker_turns"] if t["timestamp_ms"] is not None) >= 74
    assert sum(1 for c in after["codes"] if c["when_to_use"] and c["example"]) == 4
    assert {a["type"] for a in after["attributes"]} >= {"category", "number"}
    assert {m["target"] for m in after["memos"]} == {"project", "code", "range", "participant", "coding", "document"}
    assert any(m["target"] == "code" and m["title"] == "" for m in after["memos"])
    assert after["name"] == [{"value": "Demo: peer workers in harm reduction (fictional)"}]


def test_the_round_trip_compare_sees_a_difference(rich_demo, tmp_path):
    """The comparison itself: one changed character in one memo is a difference."""
    out = tmp_path / "study.qdpx"
    with ProjectService.open(rich_demo, readonly=True) as original:
        original.exchange.export_qdpx(out)
        before = dump(original)
    with ProjectService.create(tmp_path / "copy.annotator", coder="tester") as copy:
        copy.exchange.import_qdpx(out.read_bytes(), out.name)
        with copy.project.atomic() as db:
            db.execute("UPDATE memos SET body = body || '!' WHERE target = 'participant'")
        found = differences(before, dump(copy))
    assert len(found) == 2 and all(line.startswith("memos:") for line in found)
