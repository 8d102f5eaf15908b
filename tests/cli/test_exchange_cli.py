"""Issue 11 on the command line: a failed import leaves no project behind (point 7), a wrong file names the right
command (point 10), exports for NVivo, and a merge shows its plan before it changes anything (point 8)."""

import io
import zipfile

from annotator.cli import main
from annotator.services.project_service import ProjectService
from tests.exchange.qualcoder_client import FIXTURE


def test_a_failed_import_into_a_new_project_leaves_no_file(tmp_path, capsys):
    broken = tmp_path / "broken.qdpx"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("project.qde", "<Project xmlns='urn:QDA-XML:project:1.0' name='x'><Sources><TextSource")
    broken.write_bytes(out.getvalue())
    target = tmp_path / "new.annotator"
    assert main(["qdpx", "import", str(broken), str(target)]) == 1
    assert "not well-formed XML" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.qdpx"]  # no project, no -wal, no -shm, no lock


def test_a_failure_half_way_leaves_no_file_either(tmp_path, monkeypatch):
    from annotator.core.errors import AnnotatorError
    from annotator.services import exchange_service
    from annotator.services.merge_apply import MergeWriter

    def fail(self):
        raise AnnotatorError("disk full, say")

    monkeypatch.setattr(MergeWriter, "run", fail)
    target = tmp_path / "new.annotator"
    try:
        exchange_service.import_into_new_project(FIXTURE.read_bytes(), target, FIXTURE.name)
    except AnnotatorError:
        pass
    assert list(tmp_path.iterdir()) == []


def test_the_wrong_kind_of_file_is_answered_with_the_command_that_takes_it(tmp_path, capsys):
    project = tmp_path / "study.annotator"
    main(["new", str(project)])
    qdc = tmp_path / "codebook.qdc"
    qdc.write_text('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   '<Code guid="c0000000-0000-0000-0000-000000000001" name="A" isCodable="true"/></Codes></CodeBook>')
    capsys.readouterr()
    assert main(["qdpx", "import", str(qdc), str(project)]) == 1
    assert "annotator codebook import PROJECT codebook.qdc" in capsys.readouterr().err
    assert main(["codebook", "import", str(project), str(FIXTURE)]) == 1
    err = capsys.readouterr().err
    assert "is a REFI-QDA project (.qdpx), not a codebook" in err and "annotator merge PROJECT" in err
    assert main(["merge", str(project), str(qdc)]) == 1
    assert "Import Codebook" in capsys.readouterr().err


def test_export_for_nvivo_and_a_dry_run_merge(tmp_path, capsys):
    project = tmp_path / "study.annotator"
    assert main(["qdpx", "import", str(FIXTURE), str(project)]) == 0
    assert "into a new project, qc-small" in capsys.readouterr().out
    assert main(["qdpx", "export", str(project), str(tmp_path / "n.qdpx"), "--for-nvivo"]) == 0
    assert "(positions for NVivo)" in capsys.readouterr().out
    with ProjectService.open(project, readonly=True) as service:
        before = service.info()
    assert main(["merge", str(project), str(FIXTURE), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "document 'P01': same document as 'P01'" in out and "coder default" not in out and out.strip().endswith("Would add: nothing new.")
    with ProjectService.open(project, readonly=True) as service:
        assert service.info() == before
