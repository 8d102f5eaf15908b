"""Render the README's report pictures from the demo project (needs LibreOffice and pdftoppm):
python tools/render_reports.py docs/
Install Carlito (Debian: fonts-crosextra-carlito) first: it is metric-compatible with Calibri, so LibreOffice breaks
lines and pages as Word does; without it the pages are set in a wider fallback font."""

import subprocess
import sys
import tempfile
from pathlib import Path

from annotator.services.demo import build_demo
from annotator.services.report_service import group_bins


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        service, _ = build_demo(folder / "demo.annotator")
        with service:
            pay = service.codebook.codebook.by_path("Organizational support for peer work > Pay and employment conditions")
            service.reports.coded_report(folder / "coded.docx", [pay.id])
            service.reports.participants_report(folder / "table1.docx", group_bins(
                ["age=25-34,35-44,45-54,55+", "years peer work=<2,2-5,6-9,10+"]))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                        str(folder / "coded.docx"), str(folder / "table1.docx")], check=True, capture_output=True)
        for name, page in (("coded", 3), ("table1", 1)):
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
                            str(folder / f"{name}.pdf"), str(out / f"report-{name}")], check=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
