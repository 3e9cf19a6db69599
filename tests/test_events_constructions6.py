"""Event constructions (round 6). Sentences invented for these tests, with other names, words and
orders than any corpus text; real group names so that the gazetteer knows them. Tables of
(text, expected, forbidden): what the text must give, and what it must not."""
from __future__ import annotations

import pytest
from extract_helpers import events_read

PUB = "2022-05-16"  # a Monday


def _events(text: str) -> list[dict]:
    return events_read(text, PUB)


# Several incidents told in one sentence: one event per incident, each with its own place.
# (text, [(place, date) of each attack, in order])
SEVERAL: list[tuple[str, list[tuple[str | None, str | None]]]] = [
    # a written list of three deeds of one subject (the small model misreads "overrun" as a noun)
    ("In recent months, al-Shabaab has blown up a hotel in Kismayo, overrun three army bases in Gedo "
     "and detonated a bomb at the port of Mogadishu.",
     [("Kismayo", None), ("Gedo", None), ("Mogadishu", None)]),
    ("Last year, Boko Haram bombed a school in Maiduguri, overran two army bases in Yobe and kidnapped "
     "a district head in Gwoza.",
     [("Maiduguri", "2021"), ("Yobe", "2021"), ("Gwoza", "2021")]),
    # two coordinated deeds with places of their own; the opening day is both deeds' day
    ("On Tuesday, ISWAP fighters stormed a base in Marte and ambushed a convoy near Dikwa.",
     [("Marte", "2022-05-10"), ("Dikwa", "2022-05-10")]),
    # ... and each its own day, not one incident per day of the sentence
    ("ISWAP fighters stormed a base in Marte on Tuesday and ambushed a convoy near Dikwa on Thursday.",
     [("Marte", "2022-05-10"), ("Dikwa", "2022-05-12")]),
]


@pytest.mark.parametrize("text,expected", SEVERAL, ids=[t[0][:40] for t in SEVERAL])
def test_several_incidents(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    attacks = [e for e in _events(text) if e["type"] == "attack"]
    assert [(e["place"], e["date"]) for e in attacks] == expected, attacks
    assert all(e["perps"] for e in attacks)


# One incident told with two coordinated verbs stays one event
ONE_INCIDENT: list[str] = [
    "Boko Haram fighters attacked a village in Borno on Sunday and abducted 20 women.",
    "Al-Shabaab fighters stormed a hotel, killed 15 guests and set fire to the building in Mogadishu on Friday.",
]


@pytest.mark.parametrize("text", ONE_INCIDENT, ids=[t[:40] for t in ONE_INCIDENT])
def test_one_incident(text: str) -> None:
    assert len([e for e in _events(text) if e["type"] == "attack"]) == 1


# Bans: (text, date or None); the act, whatever the parse
BANS: list[tuple[str, str | None]] = [
    ("In March 2018, the State Department designated Ansar al-Islam as a Foreign Terrorist Organization.", "2018-03"),
    # the designation amended to add aliases (the small model reads "amended" as an adjective)
    ("Ansar Bayt al-Maqdis (ABM) emerged in 2011. In September 2015, the Department of State amended "
     "ABM’s designation to add new aliases.", "2015-09"),
    # the designating authority as the subject, a person designated
    ("On January 5, 2017, the Department of State designated Abu Bakr al-Masri as a Specially Designated "
     "Global Terrorist.", "2017-01-05"),
    ("Boko Haram was added to the UN sanctions list in May 2014.", "2014-05"),
    ("The British government proscribed Hamas in November 2021.", "2021-11"),
    ("Hamas was proscribed by the Home Office last week.", None),
    # a dated labelling is an act
    ("In 2021 the US labelled the Allied Democratic Forces a terrorist organisation.", "2021"),
    # sanctions on a group
    ("Washington imposed sanctions against the Houthis in January 2021.", "2021-01"),
]


@pytest.mark.parametrize("text,date", BANS, ids=[t[:40] for t, _ in BANS])
def test_ban(text: str, date: str | None) -> None:
    bans = [e for e in _events(text) if e["type"] == "ban"]
    assert len(bans) == 1, bans
    if date is not None:
        assert bans[0]["date"] == date


# No ban: a view, a standing status, a negation, a wish, a description
NO_BAN: list[str] = [
    "Ankara considers the YPG an offshoot of the PKK and has labeled both as terrorist organizations.",
    "The PKK is designated as a terrorist organization by Turkey, the US and the EU.",
    "Washington has not designated the Houthis as a terrorist organization.",
    "Lawmakers urged the government to ban the Grey Wolves.",
    "The banned Tehreek-e-Labbaik Pakistan held a rally in Lahore.",
    # sanctions on a state, whatever group the sentence names
    "The EU imposed new sanctions on Russia on Tuesday over its support for the Wagner Group.",
]


@pytest.mark.parametrize("text", NO_BAN, ids=[t[:40] for t in NO_BAN])
def test_no_ban(text: str) -> None:
    assert not [e for e in _events(text) if e["type"] == "ban"]


# Perpetrators: (text, must be perpetrators, must not be)
PERPS: list[tuple[str, set[str], set[str]]] = [
    # the opening plural the small model takes for a name ("Fighters of G1 clashed with G2")
    ("Fighters of Ahrar al-Sham clashed with Hay'at Tahrir al-Sham in Idlib on Monday.",
     {"Ahrar al-Sham", "Hay'at Tahrir al-Sham"}, set()),
    # the target group is no perpetrator
    ("Al-Shabaab fighters attacked Hizbul Islam positions near Afgoye on Monday, killing six.",
     {"al-Shabaab"}, {"Hizbul Islam"}),
    # an ally in apposition is no perpetrator
    ("Jaish al-Adl, an ally of the Taliban, attacked a border post in Saravan on Monday.",
     {"Jaish al-Adl"}, {"Afghan Taliban"}),
    # the group of the sentence before, told as "the group", "the militants", "it"
    ("Al-Shabaab has been fighting the government since 2007. On Monday, the group attacked a base in "
     "Baidoa, killing 12 soldiers.", {"al-Shabaab"}, set()),
    ("Al-Shabaab has been fighting the government since 2007. On Monday, it bombed a market in Baidoa.",
     {"al-Shabaab"}, set()),
    # "the group" opening a sentence is the subject of the one before, not the group named last there
    ("ISWAP split from Boko Haram in 2016. The group attacked a base in Marte on Monday.",
     {"Islamic State West Africa Province"}, {"Boko Haram"}),
    ("Boko Haram has been weakened since ISWAP split from it in 2016. On Monday, the group attacked a "
     "base in Marte.", {"Boko Haram"}, {"Islamic State West Africa Province"}),
]


@pytest.mark.parametrize("text,yes,no", PERPS, ids=[t[0][:40] for t in PERPS])
def test_perpetrators(text: str, yes: set[str], no: set[str]) -> None:
    attacks = [e for e in _events(text) if e["type"] == "attack"]
    assert len(attacks) == 1, attacks
    assert yes <= attacks[0]["perps"]
    assert not (no & attacks[0]["perps"])


# Tolls: (text, killed)
TOLLS: list[tuple[str, int]] = [
    ("Militants stormed a police station in Bannu on Monday, killing four policemen and wounding seven others.", 4),
    ("At least 40 people, including 12 soldiers, were killed when al-Shabaab fighters stormed a base in "
     "Lower Shabelle on Sunday.", 40),
    # the toll rising in a later sentence is the incident's (its day is the count's, not the attack's)
    ("Al-Shabaab fighters stormed a base in Lower Shabelle on Sunday. The death toll rose to 40 on Monday.", 40),
    ("Al-Shabaab fighters stormed a base in Lower Shabelle on Sunday, killing 12. By Tuesday the death "
     "toll had climbed to at least 25, officials said.", 25),
    # ... but not a war's toll
    ("Al-Shabaab fighters stormed a base in Lower Shabelle on Sunday, killing 12. The death toll in the "
     "conflict has risen to 3,000 this year.", 12),
]


@pytest.mark.parametrize("text,killed", TOLLS, ids=[t[:40] for t, _ in TOLLS])
def test_toll(text: str, killed: int) -> None:
    attacks = [e for e in _events(text) if e["type"] == "attack"]
    assert len(attacks) == 1, attacks
    assert (attacks[0]["killed"] or {}).get("value") == killed
    assert attacks[0]["date"] == "2022-05-15" or "Bannu" in text


# Nothing happened: a plan, a threat, a generic record, a charge sheet
NO_EVENT: list[str] = [
    "Boko Haram has carried out many attacks in Borno.",
    "Al-Shabaab threatened to attack hotels in Nairobi.",
    "The Islamic State planned an attack on a church in Jakarta, police said.",
    "He was also charged with robbing buses, raping, kidnapping and attacking travellers on the road that "
    "links Cap-Haitien and Gonaives.",
]


@pytest.mark.parametrize("text", NO_EVENT, ids=[t[:40] for t in NO_EVENT])
def test_no_event(text: str) -> None:
    assert _events(text) == []


# (text, event type, perpetrators) of the one event the text reports
ONE_EVENT: list[tuple[str, str, set[str]]] = [
    # an implicative verb before the bare verb: the deed happened, on the implicative verb's day
    ("In May 2021, ISWAP fighters managed to storm a base in Marte.", "attack",
     {"Islamic State West Africa Province"}),
    ("Boko Haram was led by Abubakar Shekau for years. In May 2021, ISWAP fighters managed to track down "
     "and surround Shekau, who chose to blow himself up rather than surrender.", "leader_killed",
     {"Islamic State West Africa Province"}),
    # the forces' verb of violence is their operation, not also an attack
    ("Troops raided a Boko Haram camp in Sambisa on Monday.", "military_operation", set()),
    ("Soldiers stormed an al-Shabaab base in Jilib on Monday.", "military_operation", set()),
    # a state's strike
    ("Two members of Hamas were killed in an Israeli strike in Gaza on Sunday.", "military_operation", set()),
    # an accusation of a named group: the incident happened, the accused is its doer
    ("The Taliban accused the Islamic State of carrying out the bombing of a school in Kabul on Sunday.",
     "attack", {"Islamic State"}),
]


@pytest.mark.parametrize("text,type_,perps", ONE_EVENT, ids=[t[0][:40] for t in ONE_EVENT])
def test_one_event(text: str, type_: str, perps: set[str]) -> None:
    events = _events(text)
    assert len(events) == 1, events
    assert events[0]["type"] == type_
    assert events[0]["perps"] == perps
    assert events[0]["date"]


def test_an_attack_picked_out_of_many_is_its_own() -> None:
    events = _events("A suicide bomber struck a hotel in Kismayo on Sunday, killing 9. Al-Shabaab claimed the "
                     "bombing. The group has claimed many of the attacks in the city, including one last week "
                     "on the port in Kismayo.")
    attacks = [e for e in events if e["type"] == "attack"]
    assert len(attacks) == 2
    assert all(e["perps"] == {"al-Shabaab"} for e in attacks)


NO_EVENT_MORE: list[str] = [
    # a habit, a standing status
    "Boko Haram is known for attacking schools in northeast Nigeria.",
    "Hamas has been designated a terrorist organization by the United States since 1997.",
    "Al-Shabaab tried to storm a base in Baidoa on Monday.",
    "Al-Shabaab wanted to attack a base in Baidoa on Monday.",
    "Police accused the Islamic State of plotting attacks in Kabul.",
]


@pytest.mark.parametrize("text", NO_EVENT_MORE, ids=[t[:40] for t in NO_EVENT_MORE])
def test_no_event_more(text: str) -> None:
    assert _events(text) == []


# A leader's death told indirectly: (text, leader_killed expected, perpetrators)
LEADER_DEATHS: list[tuple[str, bool, set[str]]] = [
    # a possessive death, confirmed by a rival: the rival told of it, it did not do it
    ("Boko Haram leader Abubakar Shekau's death was confirmed by ISWAP in June 2021.", True, set()),
    ("The video showed the last moments of Abu Sayyaf leader Isnilon Hapilon, who was killed in a clash "
     "with troops in Marawi.", True, set()),
    ("Abu Ahmed, the leader of Ansar al-Sharia, was assassinated by ISIS militants in Derna on Friday.",
     True, {"Islamic State"}),
    # a denied death is none
    ("The Pakistani Taliban denied that their leader Hakimullah Mehsud had been killed.", False, set()),
]


@pytest.mark.parametrize("text,expected,perps", LEADER_DEATHS, ids=[t[0][:40] for t in LEADER_DEATHS])
def test_leader_death(text: str, expected: bool, perps: set[str]) -> None:
    deaths = [e for e in _events(text) if e["type"] == "leader_killed"]
    assert len(deaths) == (1 if expected else 0), deaths
    if expected:
        assert deaths[0]["perps"] == perps


def test_a_denial_credits_no_one() -> None:
    attacks = [e for e in _events("ISWAP denied that it had attacked the church in Maiduguri.") if e["type"] == "attack"]
    assert all(not e["perps"] for e in attacks)
