"""Build sample_transcripts/ and its gold identifiers.json from the marked-up sources in sample_transcripts/sources/.

Sources mark every identifier inline as {text|T} (T: P person, L place, A agency, O other), so the gold offsets are
exact by construction. Each file is rendered in its own format and speaker convention; the offsets refer to the
text Annotator stores on import (identical to the file's text for .txt), which tests/test_sample_transcripts.py
checks by importing every file. Run: python tools/build_samples.py [FOLDER ...] (a folder holding sources/, such as
the de-identification development set in tests/deid/devset/tuned and .../heldout; the samples when none is given).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_transcripts"
MARK = re.compile(r"\{([^{}|]+)\|([PLAO])\}")
TYPES = {"P": "PERSON", "L": "PLACE", "A": "AGENCY", "O": "OTHER"}
WORDS_PER_SECOND = 2.6  # a little over 150 words a minute


def strip(marked: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Plain text and the identifier spans in it."""
    out, spans, cursor, position = [], [], 0, 0
    for m in MARK.finditer(marked):
        out.append(marked[cursor:m.start()])
        position += m.start() - cursor
        text = m.group(1)
        spans.append((position, position + len(text), text, TYPES[m.group(2)]))
        out.append(text)
        position += len(text)
        cursor = m.end()
    out.append(marked[cursor:])
    return "".join(out), spans


def parse(source: Path) -> tuple[dict, list[tuple[str, list[str]]]]:
    meta: dict = {"header": []}
    turns: list[tuple[str, list[str]]] = []
    for line in source.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("% "):
            key, _, value = line[2:].partition(": ")
            if key == "header":
                meta["header"].append(value)
            elif key == "labels":
                meta["labels"] = dict(pair.split("=", 1) for pair in value.split(", "))
            else:
                meta[key] = value
        elif line.startswith("+ "):
            turns[-1][1].append(line[2:].strip())
        else:
            key, _, text = line.partition(": ")
            turns.append((key, [text.strip()]))
    return meta, turns


def timestamps(turns: list[tuple[str, list[str]]]) -> list[tuple[float, float]]:
    times, clock = [], 4.0
    for _key, paragraphs in turns:
        words = sum(len(strip(p)[0].split()) for p in paragraphs)
        duration = max(1.5, words / WORDS_PER_SECOND)
        times.append((clock, clock + duration))
        clock += duration + 0.8
    return times


def hms(seconds: float, sep: str = ".", millis: bool = False) -> str:
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    base = f"{h:02d}:{m:02d}:{s:02d}"
    return base + f"{sep}{int(round((seconds % 1) * 1000)) % 1000:03d}" if millis else base


def render_marked(meta: dict, turns, times) -> str:
    """The canonical text Annotator should store, still marked up."""
    style, labels = meta["style"], meta["labels"]
    paragraphs = list(meta["header"])
    for (key, paras), (start, _end) in zip(turns, times):
        label = labels[key]
        if style in ("txt", "docx"):
            paragraphs.append(f"{label}: {paras[0]}")
            paragraphs.extend(paras[1:])
        elif style == "txt-ts":
            paragraphs.append(f"[{hms(start)}] {label}: {paras[0]}")
            paragraphs.extend(paras[1:])
        elif style == "docx-paren":
            paragraphs.append(f"{label} ({hms(start)}): {paras[0]}")
            paragraphs.extend(paras[1:])
        elif style == "docx-table":
            paragraphs.append(f"[{hms(start)}] {label}: " + "\n".join(paras))
        elif style in ("vtt-voice", "vtt-zoom"):
            paragraphs.append(f"{label}: " + " ".join(" ".join(paras).split()))
        else:
            raise ValueError(style)
    if style.startswith("vtt"):
        paragraphs = paragraphs[len(meta["header"]):]  # a caption file's header is a NOTE, not transcript text
    return "\n\n".join(paragraphs)


def cue_chunks(text: str, size: int = 12) -> list[str]:
    tokens = re.findall(r"\{[^{}]*\}\S*|\S+", text)
    return [" ".join(tokens[i:i + size]) for i in range(0, len(tokens), size)]


def write_vtt(path: Path, meta: dict, turns, times) -> None:
    labels = meta["labels"]
    lines = ["WEBVTT", "", "NOTE", *(strip(h)[0] for h in meta["header"]), ""]
    n = 0
    for (key, paras), (start, end) in zip(turns, times):
        chunks = cue_chunks(" ".join(paras))
        step = (end - start) / len(chunks)
        label = strip(labels[key])[0]
        for i, chunk in enumerate(chunks):
            n += 1
            text = strip(chunk)[0]
            payload = f"<v {label}>{text}</v>" if meta["style"] == "vtt-voice" else f"{label}: {text}"
            lines += [str(n), f"{hms(start + i * step, millis=True)} --> {hms(start + (i + 1) * step, millis=True)}",
                      payload, ""]
    path.write_text("\n".join(lines), "utf-8")


def write_docx(path: Path, meta: dict, turns, times) -> None:
    import docx

    document = docx.Document()
    for header in meta["header"]:
        document.add_paragraph(strip(header)[0])
    labels = meta["labels"]
    if meta["style"] == "docx-table":
        table = document.add_table(rows=1, cols=3)
        for cell, title in zip(table.rows[0].cells, ("Time", "Speaker", "Text")):
            cell.text = title
        for (key, paras), (start, _end) in zip(turns, times):
            cells = table.add_row().cells
            cells[0].text = hms(start)
            cells[1].text = strip(labels[key])[0]
            cells[2].text = strip(paras[0])[0]
            for extra in paras[1:]:
                cells[2].add_paragraph(strip(extra)[0])
    else:
        for (key, paras), (start, _end) in zip(turns, times):
            label = strip(labels[key])[0]
            paragraph = document.add_paragraph()
            prefix = f"{label} ({hms(start)}): " if meta["style"] == "docx-paren" else f"{label}: "
            paragraph.add_run(prefix).bold = True
            paragraph.add_run(strip(paras[0])[0])
            for extra in paras[1:]:
                document.add_paragraph(strip(extra)[0])
    document.core_properties.author = "Annotator sample (fictional)"
    document.core_properties.created = __import__("datetime").datetime(2018, 6, 1)
    document.save(path)


def build(folder: Path = SAMPLES) -> list[dict]:
    gold: list[dict] = []
    for source in sorted((folder / "sources").glob("*.src")):
        meta, turns = parse(source)
        times = timestamps(turns)
        marked = render_marked(meta, turns, times)
        text, spans = strip(marked)
        out = folder / meta["file"]
        if meta["style"].startswith("txt"):
            out.write_text(text + "\n", "utf-8")
        elif meta["style"].startswith("docx"):
            write_docx(out, meta, turns, times)
        else:
            write_vtt(out, meta, turns, times)
        gold += [{"file": out.name, "start": s, "end": e, "text": t, "type": ty} for s, e, t, ty in spans]
        print(f"{out.name}: {len(text.split()):,} words, {len(turns)} turns, {len(spans)} identifier mentions")
    (folder / "identifiers.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return gold


if __name__ == "__main__":
    folders = [Path(arg).resolve() for arg in sys.argv[1:]] or [SAMPLES]
    sys.exit(0 if all([build(folder) for folder in folders]) else 1)
