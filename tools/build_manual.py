"""Copy the README's tour into the manual the app shows offline (Help > Annotator Manual):
python tools/build_manual.py. tests/test_readme.py checks the two agree."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manual_from_readme(readme: str) -> str:
    start = readme.index("## A short tour")
    end = readme.index("\n## ", start + 1)
    intro = readme[: readme.index("\n![")].split("\n", 1)[1].strip()
    tour = readme[start:end].strip().replace("## A short tour", "## A short tour of every feature", 1)
    # Pictures live beside the README, not inside the app: the manual keeps the words.
    tour = "\n".join(line for line in tour.splitlines() if "](docs/" not in line and not line.strip().startswith("|"))
    return f"# Annotator manual\n\n{intro}\n\n{tour}\n"


def main() -> int:
    text = manual_from_readme((ROOT / "README.md").read_text("utf-8"))
    (ROOT / "resources" / "manual.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
