"""No message, log line or exception text quotes a transcript. Every error path found is driven here, through the
command line as a researcher meets it (and the service where the command line has no way in): a corrupt byte in a
document, damaged pages, duplicate in-vivo codes, bad filters and queries, bad imports of every format, bad key
files, wrong passphrases, bad exchange files. Everything printed, logged or raised is then searched for the texts."""

import io
import logging
import re
import shutil
import sqlite3
import zipfile

import pytest

from annotator.cli import main
from annotator.core.errors import AnnotatorError
from annotator.services.project_service import ProjectService

# The start of a document, planted so that a message quoting any of it is caught by the distinctive words too.
PLANTED = "Interview with Zorblatt Quixley, 12 Main Street, about the night shift at the depot"
CHECKED: list[str] = []  # the error paths driven, for the count at the end


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    """The demo with its names, a planted document first, and the word runs of every document's text."""
    folder = tmp_path_factory.mktemp("raw")
    path = folder / "study.annotator"
    assert main(["demo", str(path), "--raw"]) == 0
    planted = folder / "00_planted.txt"
    planted.write_text(PLANTED + ".\nI: Tell me about it.\nR: " + PLANTED + " again, every night.\n", "utf-8")
    assert main(["import", str(path), str(planted)]) == 0
    with ProjectService.open(path, backup=False) as service:
        texts = [service.document_text(d.id) for d in service.documents()]
    return path, set().union(*map(_shingles, texts))


@pytest.fixture
def project(raw, tmp_path):
    shutil.copy(raw[0], tmp_path / "study.annotator")
    return tmp_path / "study.annotator"


@pytest.fixture
def check(raw, capsys, caplog):
    caplog.set_level(logging.DEBUG)

    def check_(name: str, *messages: str, exit_code: int | None = 1, argv=None) -> str:
        said = list(messages)
        if argv is not None:
            code = main([str(a) for a in argv])
            out, err = capsys.readouterr()
            said += [err] + ([out] if code else [])  # what a command prints on success (passages) is its job
            if exit_code is not None:
                assert code == exit_code, (name, out, err)
            assert "Traceback" not in err
        said += [r.getMessage() for r in caplog.records]
        caplog.clear()
        text = "\n".join(said)
        assert "Zorblatt" not in text and "Quixley" not in text, (name, text)
        quoted = _shingles(text) & raw[1]
        assert not quoted, (name, sorted(quoted)[:3], text[:500])
        CHECKED.append(name)
        return text

    return check_


def _raises(call) -> str:
    with pytest.raises(AnnotatorError) as error:
        call()
    assert error.value.__cause__ is None or "Zorblatt" not in str(error.value.__cause__)
    return str(error.value)


def _corrupt_first_document(project):
    """One byte of the planted document's text made invalid UTF-8, as a disk error would."""
    conn = sqlite3.connect(project)
    doc_id, text = conn.execute("SELECT id, text FROM documents WHERE text LIKE 'Interview with Zorblatt%'").fetchone()
    raw = bytearray(text.encode("utf-8"))
    raw[20] = 0xFF
    conn.execute("UPDATE documents SET text = CAST(? AS TEXT) WHERE id = ?", [bytes(raw), doc_id])
    conn.commit()
    conn.close()


def test_a_corrupt_byte_in_a_document_is_reported_without_quoting_it(project, check, tmp_path):
    _corrupt_first_document(project)
    code = "Peer work in practice"
    reported = []
    for argv in (["documents", project], ["search", project, "naloxone"], ["search", project, "Zorblatt"],
                 ["retrieve", project, code], ["query", project, f'"{code}"'], ["frequencies", project],
                 ["saturation", project], ["cooccurrence", project],
                 ["report", "passages", project, tmp_path / "p.csv"], ["report", "coded", project, tmp_path / "c.docx"],
                 ["qdpx", "export", project, tmp_path / "x.qdpx"], ["deid", "detect", project],
                 ["speakers", project, "00_planted"], ["matrix", project], ["report", "memos", project,
                 tmp_path / "m.docx"], ["deid", "residual", project, "--key", tmp_path / "none.key"],
                 ["merge", tmp_path / "copy.annotator", project], ["codebook", "export", project, tmp_path / "c.qdc"]):
        if argv[0] == "merge" and not argv[1].exists():
            main(["new", str(argv[1])])
        text = check(f"corrupt byte: {argv[0]} {argv[1]}", argv=argv, exit_code=None)
        reported += [argv[0]] if "could not be read as UTF-8" in text else []
    assert {"search", "frequencies", "qdpx", "deid", "merge"} <= set(reported), reported  # the ones that read it


def test_damaged_pages_are_reported_in_one_line_and_the_file_is_left_alone(project, check):
    data = bytearray(project.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(2 * page, len(data), 5 * page):  # the headers of every fifth page, as a bad disk would
        data[start:start + 12] = bytes(12)
    project.write_bytes(bytes(data))
    for argv in (["info", project], ["documents", project], ["search", project, "naloxone"],
                 ["import", project, project]):
        text = check(f"damaged pages: {argv[0]}", argv=argv)
        assert "damaged" in text or "not an Annotator project" in text, text
    assert project.read_bytes() == bytes(data)


def test_duplicate_in_vivo_codes_and_other_service_errors_quote_nothing(project, check):
    with ProjectService.open(project, backup=False) as service:
        doc = next(d for d in service.documents() if d.name == "00_planted")
        text = service.document_text(doc.id)
        start = text.index("Zorblatt")
        service.codings.code_in_vivo(doc.id, start, start + 30)
        check("duplicate in-vivo code", _raises(lambda: service.codings.code_in_vivo(doc.id, start, start + 30)))
        check("in-vivo of white space", _raises(lambda: service.codings.code_in_vivo(doc.id, start - 1, start)))
        check("memo on a bad target", _raises(lambda: service.codings.add_memo("sentence", "x")))
        check("add an empty identifier", _raises(lambda: service.deid.add(doc.id, start - 1, start, "PERSON")))
        check("add an identifier of no type", _raises(lambda: service.deid.add(doc.id, start, start + 8, "NAME")))
        check("speaker not in the document", _raises(lambda: service.map_speaker(doc.id, "Nobody", None)))


def test_bad_filters_queries_names_and_options_quote_nothing(project, check, tmp_path):
    for name, argv in (
        ("filter without operator", ["retrieve", project, "Peer work in practice", "--where", "nonsense"]),
        ("filter with two operators", ["retrieve", project, "Peer work in practice", "--where", "age<<3"]),
        ("unknown code", ["retrieve", project, "No such code"]),
        ("unfinished query", ["query", project, '"Peer work in practice" AND']),
        ("query of an unknown code", ["query", project, '"Nothing like it"']),
        ("unknown document", ["speakers", project, "no such interview"]),
        ("bad speaker mapping", ["speakers", project, "00_planted", "--map", "nonsense"]),
        ("report of an unknown code", ["report", "coded", project, tmp_path / "r.docx", "--codes", "Nothing"]),
        ("matrix of an unknown attribute", ["matrix", project, "--attribute", "no such attribute"]),
    ):
        check(name, argv=argv, exit_code=None)


def _zip(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts.items():
            z.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


HOSTILE = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 4,
    "truncated.docx": _zip(word__document_xml=b"<w:document>" + PLANTED.encode())[:120],
    "no_document.docx": _zip(other_xml=PLANTED.encode()),
    "broken_xml.docx": _zip(**{"word__document.xml": b"<w:document><w:body><w:p>" + PLANTED.encode()}),
    "bomb.odt": _zip(**{"content.xml": b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                        b'xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
                        b'<office:text><text:p>' + PLANTED.encode() + b'<text:s text:c="1500000000"/></text:p>'
                        b'</office:text></office:body></office:document-content>'}),
    "garbage.rtf": b"{\\rtf1 " + PLANTED.encode() + b"{{{{{{" + b"\\u-99999999?" * 50,
    "garbage.vtt": b"WEBVTT\n\n00:00:0x --> nonsense\n" + PLANTED.encode(),
    "garbage.srt": b"1\n00:00:01,000 --> 00:00:02\n" + PLANTED.encode() + b"\n\n2\n\x00\x00",
    "deep.md": b"> " * 5000 + PLANTED.encode(),
    "notes.pdf": b"%PDF-1.4 " + PLANTED.encode(),
}


def test_bad_imports_of_every_format_quote_nothing(project, check, tmp_path):
    for name, data in HOSTILE.items():
        (tmp_path / name).write_bytes(data)
        check(f"import {name}", argv=["import", project, tmp_path / name], exit_code=None)
    check("import a folder", argv=["import", project, tmp_path], exit_code=None)
    check("import a missing file", argv=["import", project, tmp_path / "missing.txt"], exit_code=None)


def test_bad_exchange_files_quote_nothing(project, check, tmp_path):
    cases = {
        "not_a_zip.qdpx": PLANTED.encode(),
        "no_project.qdpx": _zip(other_txt=PLANTED.encode()),
        "broken.qdpx": _zip(**{"project.qde": b"<Project><Sources><TextSource name='" + PLANTED.encode()}),
        "truncated.qdpx": _zip(**{"project.qde": PLANTED.encode() * 50})[:200],
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        check(f"qdpx import {name}", argv=["qdpx", "import", tmp_path / name, tmp_path / f"{name}.annotator"],
              exit_code=None)
        check(f"merge {name}", argv=["merge", project, tmp_path / name], exit_code=None)
    (tmp_path / "bad.qdc").write_bytes(b"<CodeBook><Codes><Code name='" + PLANTED.encode())
    check("codebook import of broken XML", argv=["codebook", "import", project, tmp_path / "bad.qdc"], exit_code=None)
    (tmp_path / "other.annotator").write_bytes(PLANTED.encode() * 100)
    check("merge a file that is not a project", argv=["merge", project, tmp_path / "other.annotator"], exit_code=None)


def test_bad_key_files_and_passphrases_quote_nothing(project, check, tmp_path, monkeypatch, capsys):
    key = tmp_path / "study.key"
    key.write_text('{"format": "annotator-deid-key", "entities": [{"originals": ["' + PLANTED + '"]}]}')
    check("malformed key file", argv=["deid", "residual", project, "--key", key])
    key.write_text("{" + PLANTED)
    check("key file that is not JSON", argv=["deid", "residual", project, "--key", key])
    monkeypatch.setenv("ANNOTATOR_KEY_PASSPHRASE", "the key's passphrase")
    locked = tmp_path / "locked.key"
    assert main(["deid", "identifiers", str(project), "--key", str(locked), "--add", "Zorblatt=PERSON"]) == 0
    capsys.readouterr()  # (it lists the identifier just added, as asked)
    monkeypatch.setenv("ANNOTATOR_KEY_PASSPHRASE", "not the passphrase")
    check("wrong key passphrase", argv=["deid", "residual", project, "--key", locked])
    monkeypatch.setenv("ANNOTATOR_PROJECT_PASSPHRASE", "a good long passphrase")
    secret = tmp_path / "secret.annotator"
    assert main(["new", str(secret), "--encrypted"]) == 0
    monkeypatch.setenv("ANNOTATOR_PROJECT_PASSPHRASE", "a wrong long passphrase")
    check("wrong project passphrase", argv=["info", secret])


def test_every_error_path_above_was_checked():
    print(f"{len(CHECKED)} error paths checked")
    assert len(CHECKED) >= 55, CHECKED
