"""Participant attributes: their kinds, parsing a value of each kind, and guessing a column's kind from CSV."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from annotator.core.errors import AnnotatorError

KINDS = ("text", "number", "date", "category")
_MAX_CATEGORIES = 12


@dataclass(frozen=True)
class Attribute:
    id: int
    name: str
    kind: str
    categories: tuple[str, ...] = ()  # for "category": the values, in the order tables list them


def parse_number(value: str) -> float:
    try:
        return float(value.replace(",", "").strip())
    except ValueError:
        raise AnnotatorError(f"'{value}' is not a number.") from None


def clean_value(attribute: Attribute, value: str | None, *, new_category: bool = False) -> str | None:
    """The stored form of a value, or an error naming what is wrong. Empty means 'not recorded'. A category value
    is matched to an existing category whatever its case; a new one is refused unless `new_category`."""
    if value is None or not str(value).strip():
        return None
    value = " ".join(str(value).split())
    if attribute.kind == "number":
        number = parse_number(value)
        return str(int(number)) if number.is_integer() else repr(number)
    if attribute.kind == "date":
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise AnnotatorError(f"'{value}' is not a date; write it as 2018-06-12.") from None
    if attribute.kind == "category" and attribute.categories and value not in attribute.categories:
        matches = [c for c in attribute.categories if c.lower() == value.lower()]
        if not matches and new_category:
            return value
        if not matches:
            raise AnnotatorError(f"'{value}' is not one of {attribute.name}'s categories "
                                 f"({', '.join(attribute.categories)}).")
        return matches[0]
    return value


def guess_kind(values: list[str]) -> tuple[str, tuple[str, ...]]:
    """A column's kind from its values: all numbers, all ISO dates, a few distinct values, or free text."""
    present = [v.strip() for v in values if v and v.strip()]
    if not present:
        return "text", ()
    if all(re.fullmatch(r"-?[\d,]*\.?\d+", v) for v in present):
        return "number", ()
    if all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in present):
        return "date", ()
    distinct = list(dict.fromkeys(present))
    short = all(len(v) <= 24 and len(v.split()) <= 3 for v in distinct)  # labels, not sentences
    if len(distinct) <= _MAX_CATEGORIES and (len(distinct) < len(present) or short):
        return "category", tuple(sorted(distinct, key=str.lower))
    return "text", ()


@dataclass(frozen=True)
class Condition:
    """A filter on an attribute: age>=45, gender=female, "years of peer work"<2."""

    attribute: str
    op: str
    value: str

    def matches(self, attribute: Attribute, value: str | None) -> bool:
        if value is None:
            return False
        if attribute.kind == "number" and self.op in ("<", "<=", ">", ">=", "=", "!="):
            a, b = parse_number(value), parse_number(self.value)
        else:
            a, b = value.lower(), self.value.lower()
        return {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[self.op]


_MEANT = {"==": "=", "=>": ">=", "=<": "<=", "<>": "!=", ">==": ">=", "<==": "<=", "!==": "!=", "=!": "!="}


def parse_condition(text: str) -> Condition:
    m = re.fullmatch(r"\s*(.+?)\s*(<=|>=|!=|=|<|>)\s*(.*?)\s*", text)
    if not m or not m.group(1) or not m.group(3):
        raise AnnotatorError(f"'{text}' is not a filter; write it as ATTRIBUTE=VALUE (or <, <=, >, >=, !=).")
    if m.group(3)[0] in "=<>!":  # gender==female, age=>45: a doubled or misplaced operator, never a value
        value = m.group(3).lstrip("=<>!").strip()
        typed = m.group(2) + m.group(3)[:len(m.group(3)) - len(m.group(3).lstrip("=<>!"))]
        meant = _MEANT.get(typed.replace(" ", ""))
        hint = f"; did you mean {m.group(1)}{meant}{value}?" if meant and value else ""
        raise AnnotatorError(f"'{text}' is not a filter: use one of =, !=, <, <=, >, >= between the attribute and "
                             f"the value{hint}")
    return Condition(m.group(1).strip("\"'"), m.group(2), m.group(3).strip("\"'"))
