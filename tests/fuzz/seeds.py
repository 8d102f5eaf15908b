"""Real files of every format Annotator reads, made fresh for a fuzzing run: the sample transcripts (and the same
interviews as Markdown, SubRip, OpenDocument and RTF), the demo project, its .qdpx and .qdc exports, and a key."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

from annotator.deid.keyfile import KeyEntity, KeyFile, save_key
from annotator.services.demo import build_demo, sample_files


def _odt(paragraphs: list[str]) -> bytes:
    body = "".join(f"<text:p>{html.escape(p)}</text:p>" for p in paragraphs)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
               f'<office:body><office:text>{body}<text:p>Spaces:<text:s text:c="3"/>end</text:p>'
               '</office:text></office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _rtf(paragraphs: list[str]) -> bytes:
    body = "\\par\n".join(p.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}") for p in paragraphs)
    return ("{\\rtf1\\ansi{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fcharset204 Times;}}\\f0 "
            "{\\field{\\*\\fldinst{HYPERLINK \"https://example.org\"}}{\\fldrslt{a link}}}\\par\n"
            + body + "\\par\\'e9\\u8212?}").encode("latin-1", "replace")


def _markdown(paragraphs: list[str]) -> bytes:
    lines = ["# An interview", ""]
    for i, p in enumerate(paragraphs):
        label, _, rest = p.partition(":")
        lines += [f"**{label}:**{rest} *really* _so_ [link](http://x) `code`" if rest else f"> {p}", ""]
        if i % 7 == 3:
            lines += ["---", ""]
    return "\n".join(lines).encode("utf-8")


def _srt(vtt: str) -> bytes:
    blocks = [b for b in vtt.split("\n\n") if "-->" in b]
    return "\n\n".join(f"{n}\n{b.replace('.', ',', 2)}" for n, b in enumerate(blocks, 1)).encode("utf-8")


def build_seeds(folder: Path) -> dict[str, Path]:
    """Suffix (without the dot) -> one real file of that kind, written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = sample_files()
    by_suffix = {p.suffix.lower()[1:]: p for p in reversed(samples)}  # the first of each kind
    text = by_suffix["txt"].read_text("utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()][:40]
    seeds = {"txt": by_suffix["txt"], "docx": by_suffix["docx"], "vtt": by_suffix["vtt"]}
    made = {"md": _markdown(paragraphs), "srt": _srt(by_suffix["vtt"].read_text("utf-8")), "odt": _odt(paragraphs),
            "rtf": _rtf(paragraphs)}
    for suffix, data in made.items():
        seeds[suffix] = folder / f"seed.{suffix}"
        seeds[suffix].write_bytes(data)
    project = folder / "seed.annotator"
    service, _ = build_demo(project, deidentify=False)
    try:
        service.exchange.export_qdpx(folder / "seed.qdpx")
        service.exchange.export_codebook(folder / "seed.qdc")
        key = KeyFile.new(service.project.setting("project_guid") or "guid")
    finally:
        service.close()
    key.identifiers = [{"text": "Dana Lachance", "type": "PERSON"}, {"text": "Main Street", "type": "LOCATION"}]
    key.entities = [KeyEntity("e1", "PERSON", "[Participant 1]", ["Dana Lachance", "Dana"]),
                    KeyEntity("e2", "LOCATION", "[Place 1]", ["Main Street"])]
    save_key(key, folder / "seed.key")
    seeds.update(annotator=project, qdpx=folder / "seed.qdpx", qdc=folder / "seed.qdc", key=folder / "seed.key")
    return seeds
