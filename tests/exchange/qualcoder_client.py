"""QualCoder as a real client: its own REFI-QDA importer and exporter, driven headless by the tools beside the
repository (../shared/tools/qualcoder, which builds its own venv). Tells why when it cannot run here.

`python -m tests.exchange.qualcoder_client` rebuilds tests/exchange/data/qualcoder-export.qdpx: a small Annotator
project sent through QualCoder's importer and back out of its exporter, so the tests read a file QualCoder wrote."""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import ROOT

TOOLS = ROOT.parent / "shared" / "tools" / "qualcoder"
SAMPLES = ROOT.parent / "shared" / "data" / "refi-qda" / "samples"
FIXTURE = Path(__file__).parent / "data" / "qualcoder-export.qdpx"


def home() -> Path:
    return Path(os.environ.get("QUALCODER_HOME") or "/tmp/qualcoder-client")


def _env() -> dict:
    return {**os.environ, "QUALCODER_HOME": str(home())}


def _last_line(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return lines[-1] if lines else f"exit status {result.returncode}"


@functools.cache
def unavailable() -> str | None:
    """None when QualCoder runs here; otherwise why not (the tests skip with it)."""
    if not (TOOLS / "qualcoder").exists():
        return f"QualCoder's client tools are not beside the repository ({TOOLS})"
    if not (home() / ".ok").exists():  # build its venv once (CI does it in .ci/run first)
        result = subprocess.run([str(TOOLS / "setup.sh")], env=_env(), capture_output=True, text=True,
                                timeout=900)
        if result.returncode != 0:
            return f"QualCoder could not be set up here: {_last_line(result)}"
    probe = _scratch()
    try:
        result = run("import", SAMPLES / "qualcoder-c3204641_codebook.qdc", probe / "project")
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    if result.returncode != 0:
        return f"QualCoder does not start here: {_last_line(result)}"
    return None


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(TOOLS / "qualcoder"), *map(str, args)], env=_env(), capture_output=True, text=True,
                          timeout=300)


def _scratch() -> Path:
    """QualCoder commits after every row it writes: on a disk that is thousands of fsyncs, so its projects live in
    memory (/dev/shm) where there is one."""
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="annotator-qualcoder-", dir=base))


def import_qdpx(qdpx: Path, project_dir: Path) -> sqlite3.Connection:
    """QualCoder imports the file into a new project; its database (copied to `project_dir`), to read what
    arrived."""
    scratch = _scratch()
    try:
        shutil.copyfile(qdpx, scratch / qdpx.name)
        result = run("import", scratch / qdpx.name, scratch / "project")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        shutil.copytree(scratch / "project", project_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return sqlite3.connect(project_dir / "data.qda")


def export_qdpx(project_dir: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    result = run("export", project_dir, out_dir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    [written] = list(out_dir.glob("*.qdpx"))
    return written


def arrived(conn: sqlite3.Connection) -> dict[str, int]:
    """Counts of what a QualCoder project holds."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {"sources": one("SELECT count(*) FROM source"), "codes": one("SELECT count(*) FROM code_name"),
            "categories": one("SELECT count(*) FROM code_cat"), "codings": one("SELECT count(*) FROM code_text"),
            "coders": one("SELECT count(DISTINCT owner) FROM code_text"), "cases": one("SELECT count(*) FROM cases"),
            "case_links": one("SELECT count(*) FROM case_text"),
            "attribute_values": one("SELECT count(*) FROM attribute WHERE attr_type = 'case' AND value != ''"),
            "journals": one("SELECT count(*) FROM journal"), "annotations": one("SELECT count(*) FROM annotation"),
            "coding_memos": one("SELECT count(*) FROM code_text WHERE memo != ''"),
            "source_memos": one("SELECT count(*) FROM source WHERE memo != ''"),
            "case_memos": one("SELECT count(*) FROM cases WHERE memo != ''")}


def small_project(path: Path):
    """Two short fictional interviews, three codes, two coders, a memo of every kind."""
    from annotator.services.project_service import ProjectService

    service = ProjectService.create(path, coder="ana")
    folder = path.parent
    (folder / "P01.txt").write_text("Interviewer: What was the work like?\nDana: Hard, but the van runs kept me "
                                    "going. We knew every camp by name.\nInterviewer: And the pay?\nDana: Gift "
                                    "cards, mostly. Not enough to live on.\n", encoding="utf-8")
    (folder / "P02.txt").write_text("Interviewer: How did you start?\nSam: A friend brought me to the drop-in. I "
                                    "stayed because people listened.\nInterviewer: Anything else?\nSam: Training "
                                    "would have helped early on.\n", encoding="utf-8")
    service.import_files([folder / "P01.txt", folder / "P02.txt"])
    first, second = (d.id for d in service.documents())
    work = service.codebook.add_code("Work")
    pay = service.codebook.add_code("Pay", work)
    support = service.codebook.add_code("Support")
    text = service.document_text(first)
    coding = service.codings.code_passage(first, work, text.index("the van"), text.index(" We knew"))
    service.codings.code_passage(first, pay, text.index("Gift"), text.index(" Not enough"))
    service.set_coder("ben")
    other = service.document_text(second)
    service.codings.code_passage(second, support, other.index("people listened"), other.index("listened.") + 8)
    service.codings.add_memo("project", "Two pilot interviews.", title="Pilot")
    service.codings.add_memo("code", "Pay means any money or gift card.", code_id=pay)
    service.codings.add_memo("coding", "Also reads as belonging.", coding_id=coding)
    service.codings.add_memo("range", "Names of camps: check before sharing.", document_id=first,
                             start=text.index("We knew"), end=text.index("name.") + 4)
    participant = service.add_participant("P01")
    service.link_document(first, participant)
    service.codings.add_memo("participant", "Spoke freely.", participant_id=participant)
    return service


def build_fixture(folder: Path) -> Path:
    """Annotator -> QualCoder -> QualCoder's own export."""
    service = small_project(folder / "small.annotator")
    with service:
        service.exchange.export_qdpx(folder / "small.qdpx")
    import_qdpx(folder / "small.qdpx", folder / "qc-small").close()
    return export_qdpx(folder / "qc-small", folder / "out")


if __name__ == "__main__":
    reason = unavailable()
    if reason:
        sys.exit(reason)
    with tempfile.TemporaryDirectory() as tmp:
        FIXTURE.parent.mkdir(exist_ok=True)
        shutil.copyfile(build_fixture(Path(tmp)), FIXTURE)
    print(f"wrote {FIXTURE}")
