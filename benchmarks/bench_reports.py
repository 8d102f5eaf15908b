"""A coded Word report of 4,000 passages (100 transcripts, 60 codes), and the same passages as CSV and XLSX;
prints one JSON line (medians of 3 runs). Target: the Word report in < 1.5 s on 2 cores."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_workspace import build  # noqa: E402


def timed(fn, runs: int = 3) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples), 3)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        service = build(folder, 100, 40)
        figures = {"benchmark": "reports", "passages": service.info()["codings"]}
        figures["gather_s"] = timed(lambda: service.reports.coded_sections())
        figures["coded_docx_s"] = timed(lambda: service.reports.coded_report(folder / "coded.docx"))
        figures["docx_megabytes"] = round((folder / "coded.docx").stat().st_size / 1e6, 2)
        figures["passages_csv_s"] = timed(lambda: service.reports.passages_table(folder / "p.csv"))
        figures["passages_xlsx_s"] = timed(lambda: service.reports.passages_table(folder / "p.xlsx"))
        figures["codebook_docx_s"] = timed(lambda: service.reports.codebook_report(folder / "codebook.docx"))
        service.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
