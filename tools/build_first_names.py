"""Build annotator/deid/first_names.txt: given names from two MIT-licensed PyPI packages' public data, the US
Census 1990 first-name lists shipped by `names` 0.3.0 (every name held by at least 0.005% of men or women) and
Faker's English-speaking person providers (en_US, en_GB, en_IE, en_NZ). Detection reads the list to suggest a
capitalised given name that is also common English ("Kelly", "Gareth") and a lower-case one after a word for
people ("my cousin dale"). Neither package is needed at run time. Run:
    pip download --no-deps names==0.3.0 faker && python tools/build_first_names.py names-0.3.0.tar.gz faker-*.whl
"""

from __future__ import annotations

import ast
import sys
import tarfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "annotator" / "deid" / "first_names.txt"
CENSUS_SHARE = 0.005  # percent of the population: about 2,400 of the census's 5,500 names
LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ")


def census(sdist: Path) -> set[str]:
    found = set()
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            if member.name.endswith(("dist.male.first", "dist.female.first")):
                for line in tar.extractfile(member).read().decode("ascii").splitlines():
                    name, share = line.split()[:2]
                    if float(share) >= CENSUS_SHARE:
                        found.add(name.capitalize())
    return found


def faker(wheel: Path) -> set[str]:
    """The first_names* tuples and dicts of each locale's person provider, read without importing Faker."""
    found = set()
    with zipfile.ZipFile(wheel) as archive:
        for locale in LOCALES:
            tree = ast.parse(archive.read(f"faker/providers/person/{locale}/__init__.py"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id.startswith("first_names") for t in node.targets):
                    try:
                        value = ast.literal_eval(node.value)
                    except ValueError:
                        continue  # a sum of other tuples: its parts are read on their own
                    found |= {n for n in value if isinstance(n, str)}
    return found


def main(sdist: str, wheel: str) -> None:
    names = {n for n in census(Path(sdist)) | faker(Path(wheel)) if n.isalpha() or "-" in n or "'" in n}
    header = ("# Given names (one a line) from the US Census 1990 lists in the names package and Faker's en_US, en_GB,\n"
              "# en_IE and en_NZ person providers (both MIT); made by tools/build_first_names.py.\n")
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", "utf-8")
    print(f"{OUT.name}: {len(names)} names")


if __name__ == "__main__":
    main(*sys.argv[1:3])
