"""Text a researcher typed or pasted (memos, names, descriptions) made safe to store and to write to XML or Word:
line ends made LF, control characters dropped (tab and newline kept), and nothing XML 1.0 cannot hold."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates and the two non-characters XML refuses. Text
# pasted from Word carries vertical tabs (its manual line break) and form feeds (page breaks): those become newlines.
_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("\r\n?|[\x0b\x0c\u2028\u2029]")


def clean_text(text: str | None) -> str:
    """`text` without anything that cannot be written to XML or Word; LF line ends."""
    if not text:
        return ""
    if text.isprintable():  # (no control, surrogate or non-character in it: the common case, in C)
        return text
    return _DROP.sub("", _BREAKS.sub("\n", text))


def xml_safe(text: str | None) -> str:
    """For the way out: what XML 1.0 can hold, leaving line ends and everything else as they are."""
    if not text:
        return ""
    if text.isprintable():
        return text
    return _DROP.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
