"""Mentions into entities: one entity has one type, one confidence and one set of reasons, decided from all its
mentions in every text together. Short forms join their full forms ("Kevin" -> "Kevin Tran", "Dr. Okafor" ->
"Okafor"), a nickname the text introduces joins the person it names, an acronym joins its expansion, and "the
Authority" joins the one authority named in full."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from annotator.deid.candidates import Candidate, entity_key
from annotator.deid.propagation import name_forms

# How much one mention found by each layer counts for its type.
WEIGHTS = {"language model": 0.9, "gazetteer": 1.3, "gazetteer, several words": 2.5, "street grammar": 2.0, "agency heuristic": 1.6, "name cue": 1.5,
           "context": 0.8, "capitalised word": 0.3, "propagated": 0.0}
DECISIVE = ("identifier list", "speaker label", "pattern")
_JOINERS = {"of", "and", "the", "for", "de", "la", "du", "&"}


@dataclass
class Mention:
    where: Hashable  # which text
    candidate: Candidate
    votes: dict[str, float] = field(default_factory=dict)
    why: list[str] = field(default_factory=list)


@dataclass
class Entity:
    type: str
    label: str
    confidence: float
    reasons: tuple[str, ...]
    mentions: list[Mention]

    def forms(self) -> set[str]:
        return {m.candidate.text for m in self.mentions} | {self.label}


class _Groups:
    """Union-find over mention groups keyed by entity_key."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _JOINERS]
    return "".join(w if w.isupper() and len(w) > 1 else w[0] for w in words).upper()


def _lean(votes: dict[str, float]) -> str:
    totals = {k: v for k, v in votes.items() if k in ("PERSON", "PLACE", "AGENCY")}
    if "NOT_PERSON" in votes:
        totals["PERSON"] = totals.get("PERSON", 0.0) - votes["NOT_PERSON"]
    return max(totals, key=totals.get) if totals and max(totals.values()) > 0 else "PERSON"


def resolve(mentions: list[Mention], links: list[tuple[str, str]] = ()) -> list[Entity]:
    """Group mentions (with their votes) into entities; `links` are (short form, full form) pairs to join."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[entity_key(m.candidate.text)].append(m)
    groups = _Groups()
    votes = {k: _sum(ms) for k, ms in by_key.items()}
    lean = {k: _decided(ms) or _lean(votes[k]) for k, ms in by_key.items()}
    # A person's short forms: first or last name alone, or the name without its title.
    people = [k for k in by_key if lean[k] == "PERSON" and len(k.split()) >= 2]
    owners: dict[str, set[str]] = defaultdict(set)
    for k in people:
        whole, parts = name_forms(k, "PERSON")
        for form in (whole | parts) - {k}:
            owners[form].add(k)
    for k in by_key:  # "Tama" joins "Tama Ruatapu" even if a town is called Tama; "Main Street" stays a street
        other = max((v for t, v in votes[k].items() if t in ("PLACE", "AGENCY")), default=0.0)
        if k in owners and len(owners[k]) == 1 and _decided(by_key[k]) in (None, "PERSON") and (
                lean[k] == "PERSON" or other < 2.0):
            groups.union(k, next(iter(owners[k])))
    # Acronyms and the short or generic forms of agencies.
    agencies = [k for k in by_key if lean[k] == "AGENCY" and len(k.split()) >= 2]
    for k, ms in by_key.items():
        text = ms[0].candidate.text
        if lean[k] != "AGENCY" or len(k.split()) > 2:
            continue
        if text.replace("&", "").isalpha() and sum(ch.isupper() for ch in text) >= 2 and " " not in text:
            full = [a for a in agencies if _initials(by_key[a][0].candidate.text) == "".join(
                ch for ch in text if ch.isupper())]
        else:
            full = [a for a in agencies if a != k and (a.startswith(k + " ") or a.endswith(" " + k))]
        if len(full) == 1:
            groups.union(k, full[0])
    for short, full in links:
        a, b = entity_key(short), entity_key(full)
        if a in by_key and b in by_key and _decided(by_key[a]) != "OTHER" and _decided(by_key[b]) != "OTHER":
            groups.union(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for k in by_key:
        members[groups.find(k)].append(k)
    return [_entity([m for k in keys for m in by_key[k]]) for keys in members.values()]


def _sum(mentions: list[Mention]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for m in mentions:
        for kind, weight in m.votes.items():
            total[kind] += weight
    return total


def _decided(mentions: list[Mention]) -> str | None:
    """The type a sure layer gave: the identifier list first, then a speaker label, then a number pattern."""
    for layer in DECISIVE:
        kinds = [m.candidate.type for m in mentions if m.candidate.reason == layer]
        if kinds:
            return max(set(kinds), key=kinds.count)
    return None


def _entity(mentions: list[Mention]) -> Entity:
    decided = _decided(mentions)
    votes = _sum(mentions)
    kind = decided or _lean(votes)
    label = max((m.candidate.text for m in mentions), key=lambda t: (len(t.split()), len(t), t))
    if decided:
        confidence = max(m.candidate.confidence for m in mentions if m.candidate.reason in DECISIVE)
        reasons = [next(r for r in DECISIVE if any(m.candidate.reason == r for m in mentions))]
        reasons += [w for m in mentions if m.candidate.reason == "pattern" for w in m.candidate.why][:1]
    else:
        best: dict[str, float] = {}
        for m in mentions:
            layer = m.candidate.reason
            best[layer] = max(best.get(layer, 0.0), m.candidate.confidence)
        miss = 1.0
        for confidence in best.values():
            miss *= 1.0 - confidence
        positive = {k: max(0.0, v) for k, v in votes.items() if k in ("PERSON", "PLACE", "AGENCY")}
        if "NOT_PERSON" in votes and "PERSON" in positive:
            positive["PERSON"] = max(0.0, positive["PERSON"] - votes["NOT_PERSON"])
        share = positive.get(kind, 0.0) / sum(positive.values()) if sum(positive.values()) > 0 else 0.5
        confidence = max(0.05, min(0.97, (1.0 - miss) * (0.6 + 0.4 * share)))
        reasons = _reasons(mentions, kind)
    return Entity(kind, label, round(confidence, 2), tuple(reasons), sorted(
        mentions, key=lambda m: (str(m.where), m.candidate.start)))


def _reasons(mentions: list[Mention], kind: str) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        layer = m.candidate.reason
        if layer == "language model":
            counts[f"the language model: {m.candidate.type.lower()}"] += 1
        elif layer != "propagated":
            for why in m.candidate.why:
                counts[why] += 1
        for why in m.why:
            counts[why] += 1
    ordered = sorted(counts, key=lambda r: -counts[r])
    return [f"{r} (×{counts[r]})" if counts[r] > 1 else r for r in ordered[:5]]
