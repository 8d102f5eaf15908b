"""Ways to damage a file, as disks, other programs and attackers do: flipped bits, overwritten or missing bytes,
cut files, long runs of hostile pieces (spaces, markup, tags), huge numbers; inside a zip's parts (so the XML
parsers see the damage past the zip's checksums); and inside a project's pages and rows."""

from __future__ import annotations

import io
import random
import re
import sqlite3
import zipfile
from pathlib import Path

PIECES = [b" ", b" ", b"a", b"a ", b"\t", b"\n", b"\r\n", b"\x00", b"\xff", b"*", b"**", b"_", b"[", b"](", b"<", b">", b"<a", b"<v a",
          b"&", b"&#x10FFFF;", b"#", b"> ", b"- ", b"\\", b":", b"A:", b"00:01.000 --> 00:02.000\n", b"{\\f1 ",
          b"{\\field{\\*\\fldinst{ HYPERLINK \"", b"{", b"}", b"\xe2\x80\xa8", b"\xf0\x9f\x98\x80", b"\xed\xa0\x80",
          b"<text:s text:c=\"99999999\"/>", b"<w:p>", b"</w:t>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"'", b'"']
NUMBERS = [b"0", b"-1", b"1500000000", b"99999999999999999999", b"2147483648", b"NaN", b"1e308", b""]
_DIGITS = re.compile(rb"-?\d+")


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One to three byte-level changes."""
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3))):
        how = rng.randrange(8)
        at = rng.randrange(len(out) + 1)
        if how == 0 and out:  # flip bits
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif how == 1:  # overwrite with noise
            n = rng.randint(1, 64)
            out[at:at + n] = rng.randbytes(n)
        elif how == 2:  # remove a range
            del out[at:at + rng.randint(1, 256)]
        elif how == 3:  # cut the file
            del out[at:]
        elif how == 4:  # a long run of a hostile unit: one to three pieces ("*a ", "<v a", "[a](")
            unit = b"".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
            out[at:at] = unit * (rng.choice((10, 1_000, 60_000)) // len(unit) + 1)
        elif how == 5:  # repeat a region
            n = rng.randint(1, 64)
            out[at:at] = bytes(out[at:at + n]) * rng.choice((2, 100, 5_000))
        elif how == 6:  # a number made huge, negative or not a number
            found = list(_DIGITS.finditer(out))
            if found:
                m = rng.choice(found)
                out[m.start():m.end()] = rng.choice(NUMBERS)
        else:  # a few hostile pieces
            out[at:at] = b"".join(rng.choice(PIECES) for _ in range(rng.randint(1, 20)))
    return bytes(out)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """Damage one part of a zip and write the zip again, valid, around it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return mutate_bytes(data, rng)
    if not parts:
        return mutate_bytes(data, rng)
    weights = [3 if i.filename.endswith((".xml", ".qde", ".txt")) else 1 for i, _ in parts]
    target = rng.choices(range(len(parts)), weights)[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, (info, part) in enumerate(parts):
            if n == target:
                if rng.random() < 0.1:
                    continue  # the part is missing
                part = mutate_bytes(part, rng)
            z.writestr(info.filename, part)
    return out.getvalue()


def mutate_project(path: Path, rng: random.Random) -> None:
    """Damage a project file in place: its pages (as a bad disk does) or its rows (as another program might)."""
    if rng.random() < 0.5:
        path.write_bytes(mutate_pages(path.read_bytes(), rng))
        return
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
        for _ in range(rng.randint(1, 3)):
            table = rng.choice(tables)
            # A value of the column's own type (what another program, or a hand edit, could write): SQLite would
            # take any type, but a value of the wrong type is a different damage from the one fuzzed here.
            columns = [(r[1], r[2].upper(), r[3]) for r in db.execute(f'PRAGMA table_info("{table}")')]
            column, declared, not_null = rng.choice(columns)
            values = [-1, 0, 2**62, 7, 9999999] if "INT" in declared else ["", "x" * 10, "{bad json", "[]", "{}",
                                                                             "\u00e9" * 3, "9999999", "x" * 100_000]
            value = None if not not_null and rng.random() < 0.2 else rng.choice(values)
            for trigger in [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
                db.execute(f'DROP TRIGGER "{trigger}"')  # (another program need not respect them)
            if rng.random() < 0.2:
                db.execute(f'DELETE FROM "{table}" WHERE rowid IN (SELECT rowid FROM "{table}" ORDER BY random() '
                           'LIMIT 3)')
            else:
                db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid IN (SELECT rowid FROM "{table}" '
                           'ORDER BY random() LIMIT 2)', [value])
        db.commit()
    except sqlite3.Error:
        pass
    finally:
        db.close()


def mutate_pages(data: bytes, rng: random.Random) -> bytes:
    page = int.from_bytes(data[16:18], "big") or 4096 if len(data) >= 18 else 4096
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            break
        start = rng.randrange(max(1, len(out) // page)) * page
        at = start + rng.randrange(page)
        n = rng.choice((1, 4, 12, 100))
        out[at:at + n] = rng.choice((bytes(n), rng.randbytes(n), b"\xff" * n))
    if rng.random() < 0.15:
        del out[rng.randrange(len(out) + 1):]
    return bytes(out)


def mutate(kind: str, data: bytes, rng: random.Random) -> bytes:
    if kind in ("docx", "odt", "qdpx") and rng.random() < 0.7:
        return mutate_zip(data, rng)
    return mutate_bytes(data, rng)
