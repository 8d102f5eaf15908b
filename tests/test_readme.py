"""The README contract: exactly one run command and one test command, which .ci/run uses; a real screenshot."""

import re
import subprocess

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def block_after(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\n```\n(.+?)\n```", README, re.S)
    assert match, f"README.md has no block after <!-- {marker} -->"
    return match.group(1)


def test_readme_has_the_two_set_up_commands():
    run, test = block_after("run command"), block_after("test command")
    assert run.endswith(".venv/bin/annotator") and "pip install -e ." in run
    assert "pip install -e '.[test]'" in test and test.endswith("-m pytest")


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    awk = re.search(r"test_command=\$\(awk '(.+?)' README.md\)", script).group(1)
    extracted = subprocess.run(["awk", awk, "README.md"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert extracted == block_after("test command")


def test_readme_shows_a_screenshot_that_exists():
    assert "![" in README and (ROOT / "docs" / "screenshot.png").stat().st_size > 50_000


def test_the_manual_in_the_app_is_the_readme_tour():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_manual", ROOT / "tools" / "build_manual.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    shipped = (ROOT / "resources" / "manual.md").read_text("utf-8")
    assert shipped == build.manual_from_readme(README), "run python tools/build_manual.py after editing the README"
