"""The gazetteer of armed groups: its data, its name matching and the build that makes it."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from militantmap.errors import InputError
from militantmap.nlp.gazetteer import Gazetteer, default_path, get_gazetteer, normalize

REPO = Path(__file__).resolve().parents[1]
REGIONS = {
    "South Asia",
    "Middle East",
    "North Africa",
    "West Africa",
    "East Africa",
    "Central Africa",
    "Southern Africa",
    "South-East Asia",
    "East Asia",
    "Central Asia",
    "Europe",
    "Latin America",
    "North America",
    "Caucasus",
    "Global",
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def mentions(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.entry_id) for m in gaz.find_mentions(text)]


# -- normalize ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lashkar-e-Jhangvi", "lashkar e jhangvi"),
        ("Da’ish", "daish"),
        ("al-Qa'ida", "al qaida"),
        ("The Taliban", "taliban"),
        ("Séléka", "seleka"),
        ("Jama`at  Nusrat\tal-Islam", "jamaat nusrat al islam"),
        ("Hizb_ul.Mujahideen", "hizb ul mujahideen"),
        ("People's Protection Units", "people protection units"),
    ],
)
def test_normalize(a: str, b: str) -> None:
    assert normalize(a) == b


def test_normalize_keeps_a_lone_the() -> None:
    assert normalize("The") == "the"
    assert normalize("  ") == ""


# -- exact lookup -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gid", "variants"),
    [
        (
            "lashkar-e-jhangvi",
            ["Lashkar-e-Jhangvi", "Lashkar-i-Jhangvi", "Lashkar e Jhangvi", "LeJ", "LEJ", "LJ"],
        ),
        (
            "tehrik-i-taliban-pakistan",
            [
                "TTP",
                "Tehrik-e-Taliban Pakistan",
                "Tehreek-e-Taliban",
                "Pakistani Taliban",
                "Tehrik-e Taliban Pakistan",
                "TEHRIK-I-TALIBAN PAKISTAN",
            ],
        ),
        (
            "islamic-state",
            [
                "IS",
                "ISIS",
                "Isis",
                "ISIL",
                "Daesh",
                "Da'ish",
                "Da’esh",
                "Islamic State",
                "Islamic State of Iraq and Syria",
                "Islamic State of Iraq and the Levant",
            ],
        ),
        ("al-qaeda", ["al-Qaeda", "al-Qaida", "al Qaeda", "Al-Qa'ida", "al-Qa’ida", "AQ"]),
        (
            "al-shabaab",
            [
                "al-Shabaab",
                "al-Shabab",
                "Al Shabaab",
                "Shabaab",
                "Harakat al-Shabaab al-Mujahideen",
            ],
        ),
        (
            "jamaat-nusrat-al-islam-wal-muslimin",
            ["JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jamaat Nusrat al-Islam wal Muslimin"],
        ),
        (
            "islamic-state-khorasan-province",
            ["ISKP", "IS-K", "ISIS-K", "Islamic State Khorasan Province"],
        ),
        ("afghan-taliban", ["Taliban", "Afghan Taliban", "Islamic Emirate of Afghanistan"]),
        ("houthis", ["Houthis", "Ansar Allah", "Ansarallah"]),
    ],
)
def test_variants_resolve_to_one_group(gaz: Gazetteer, gid: str, variants: list[str]) -> None:
    for v in variants:
        entry = gaz.lookup(v)
        assert entry is not None and entry.id == gid, v


def test_lookup_keeps_acronym_case(gaz: Gazetteer) -> None:
    assert gaz.lookup("is") is None
    assert gaz.lookup("lej") is None
    assert gaz.lookup("Lej") is None
    assert gaz.lookup("isis") is None
    assert gaz.lookup("al-Shabab's").id == "al-shabaab"  # type: ignore[union-attr]
    assert gaz.lookup("no such group at all") is None


# -- running text -------------------------------------------------------------------------------
def test_acronyms_do_not_match_ordinary_words(gaz: Gazetteer) -> None:
    text = "It is clear what IS is planning, and this is not ISIS-K or ISWAP."
    assert mentions(gaz, text) == [
        ("IS", "islamic-state"),
        ("ISIS-K", "islamic-state-khorasan-province"),
        ("ISWAP", "islamic-state-west-africa-province"),
    ]


def test_acronym_case_forms(gaz: Gazetteer) -> None:
    text = "LeJ, LEJ, lej and Lej; Isis and isis; Hamas and hamas."
    assert mentions(gaz, text) == [
        ("LeJ", "lashkar-e-jhangvi"),
        ("LEJ", "lashkar-e-jhangvi"),
        ("Isis", "islamic-state"),
        ("Hamas", "hamas"),
    ]


def test_no_acronym_inside_a_longer_word(gaz: Gazetteer) -> None:
    assert mentions(gaz, "ISWAPS and ISISK are not names; THIS is no IS.") == [
        ("IS", "islamic-state")
    ]


def test_all_capitals_text_is_not_an_acronym(gaz: Gazetteer) -> None:
    assert mentions(gaz, "WHAT IS HAPPENING IN THE VALLEY") == []


def test_generic_lowercase_phrases_are_not_names(gaz: Gazetteer) -> None:
    text = "They want an Islamic state; the islamic state of mind; boko haram in lowercase."
    assert mentions(gaz, text) == []


def test_case_and_hyphen_insensitive_for_names(gaz: Gazetteer) -> None:
    text = "LASHKAR-E-JHANGVI and Lashkar e Jhangvi and Al-qaida and Haqqani network."
    assert [e for _, e in mentions(gaz, text)] == [
        "lashkar-e-jhangvi",
        "lashkar-e-jhangvi",
        "al-qaeda",
        "haqqani-network",
    ]


def test_longest_match_wins(gaz: Gazetteer) -> None:
    text = "The Islamic State West Africa Province attacked; the Islamic State group said so."
    assert mentions(gaz, text) == [
        ("Islamic State West Africa Province", "islamic-state-west-africa-province"),
        ("Islamic State", "islamic-state"),
    ]
    assert mentions(gaz, "LeJ al-Alami and LeJ") == [
        ("LeJ al-Alami", "lashkar-e-jhangvi-al-alami"),
        ("LeJ", "lashkar-e-jhangvi"),
    ]
    # "Group" that is part of the name stays in the span
    assert mentions(gaz, "the Abu Sayyaf Group kidnapped two") == [
        ("Abu Sayyaf Group", "abu-sayyaf-group")
    ]


def test_offsets_point_into_the_text(gaz: Gazetteer) -> None:
    text = "Officials said\nal-Qa’ida in the Arabian Peninsula (AQAP) and Jaish-e-Mohammed met."
    found = gaz.find_mentions(text)
    assert [(m.surface, m.entry_id) for m in found] == [
        ("al-Qa’ida in the Arabian Peninsula", "al-qaeda-in-the-arabian-peninsula"),
        ("AQAP", "al-qaeda-in-the-arabian-peninsula"),
        ("Jaish-e-Mohammed", "jaish-e-mohammed"),
    ]
    for m in found:
        assert text[m.start : m.end] == m.surface
    assert found[0].start == text.index("al-Qa’ida")
    assert found[2].end == text.index(" met.")


def test_possessives_match_the_name_part(gaz: Gazetteer) -> None:
    text = "al-Shabab's fighters, the Lord's Resistance Army and Islamic State's Khorasan Province."
    assert mentions(gaz, text) == [
        ("al-Shabab", "al-shabaab"),
        ("Lord's Resistance Army", "lords-resistance-army"),
        ("Islamic State's Khorasan Province", "islamic-state-khorasan-province"),
    ]


def test_a_name_does_not_run_across_sentences(gaz: Gazetteer) -> None:
    text = "They fled the Islamic State. West Africa Province fighters followed."
    assert mentions(gaz, text) == [
        ("Islamic State", "islamic-state"),
        ("West Africa Province", "islamic-state-west-africa-province"),
    ]
    assert mentions(gaz, "the Islamic\n\nState") == []  # a paragraph break ends a name
    assert mentions(gaz, "the Islamic\nState") == [("Islamic\nState", "islamic-state")]


def test_arabic_personal_names_are_not_groups(gaz: Gazetteer) -> None:
    text = "Abdul-Malik al-Houthi said the Houthis would keep fighting."
    assert mentions(gaz, text) == [("Houthis", "houthis")]


def test_brackets_of_a_name_are_closed(gaz: Gazetteer) -> None:
    assert mentions(gaz, "cadres of the CPI (Maoist) surrendered") == [
        ("CPI (Maoist)", "communist-party-of-india-maoist")
    ]


_SAMPLE_ALIASES = [a for e in get_gazetteer() for a in e.aliases[:3]][::7]
_FILLER = [
    "the",
    "is",
    "said",
    "on",
    "Monday",
    "in",
    "Kabul",
    "group",
    "'s",
    ",",
    ".",
    "-",
    "(",
    ")",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_SAMPLE_ALIASES + _FILLER), max_size=25),
    st.sampled_from([" ", "-", "\n"]),
)
def test_mentions_are_ordered_disjoint_and_exact(parts: list[str], sep: str) -> None:
    gaz = get_gazetteer()
    text = sep.join(parts)
    found = gaz.find_mentions(text)
    prev_end = 0
    for m in found:
        assert prev_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
        assert gaz.get(m.entry_id) is not None
        prev_end = m.end


# -- fuzzy lookup -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("surface", "gid"),
    [
        ("Tehrike-Taliban Pakistan", "tehrik-i-taliban-pakistan"),
        ("Lashkar-i-Jhangvee", "lashkar-e-jhangvi"),
        ("Jaish-e-Mahammad", "jaish-e-mohammed"),
        ("Hizbul Mujahiddine", "hizbul-mujahideen"),
        ("Islamic State Khorasan Provence", "islamic-state-khorasan-province"),
    ],
)
def test_fuzzy_transliterations(gaz: Gazetteer, surface: str, gid: str) -> None:
    assert gaz.lookup(surface) is None  # not an exact alias: the fuzzy path is tested
    entry = gaz.fuzzy_lookup(surface)
    assert entry is not None and entry.id == gid


def test_fuzzy_refuses_short_and_unrelated_names(gaz: Gazetteer) -> None:
    assert gaz.fuzzy_lookup("Hamaz") is None  # one short word: too risky
    assert gaz.fuzzy_lookup("Pakistan Cricket Board") is None
    assert gaz.fuzzy_lookup("Lashkar-i-Jhangvee", min_score=99) is None


# -- transliteration table (data/transliteration.json) ----------------------------------------
def test_transliteration_rows_fold_their_examples() -> None:
    import json
    from importlib import resources

    from militantmap.nlp.gazetteer import _loose_key

    rows = json.loads(resources.files("militantmap").joinpath("data", "transliteration.json")
                      .read_text(encoding="utf-8"))["rows"]
    assert rows
    for row in rows:
        a, b = row["example"]
        assert normalize(a) != normalize(b), row  # the row is needed: plain normalizing differs
        assert _loose_key(normalize(a)) == _loose_key(normalize(b)), row


@pytest.mark.parametrize(
    ("text", "gid", "surface"),
    [
        # spellings no source lists, equal to a listed one only through the table
        ("Police said Tahreek-i-Taliban Pakistan gunmen fled.", "tehrik-i-taliban-pakistan",
         "Tahreek-i-Taliban Pakistan"),
        ("A Harakat ul-Mojahedin cell was broken up.", "harkat-ul-mujahideen", "Harakat ul-Mojahedin"),
        ("Laskar-i-Jhangvi claimed the blast.", "lashkar-e-jhangvi", "Laskar-i-Jhangvi"),
        ("Envoys of Jamaat-ud-Ahrar met on Monday.", "jamaat-ul-ahrar", "Jamaat-ud-Ahrar"),
        # singular and plural of "Brigades"
        ("Rockets came from the Al-Aqsa Brigade, residents said.", "al-aqsa-martyrs-brigades",
         "Al-Aqsa Brigade"),
    ],
)
def test_transliteration_variants_match_in_text(gaz: Gazetteer, text: str, gid: str, surface: str) -> None:
    found = gaz.find_mentions(text)
    assert [(m.entry_id, m.surface) for m in found] == [(gid, surface)]


def test_transliteration_keeps_acronyms_and_own_spelling_first(gaz: Gazetteer) -> None:
    # the table folds words, never acronyms: "HiM" is no spelling of "HuM"
    assert gaz.lookup("HiM") is None
    # two groups that differ only by transliteration: the text's own spelling decides
    assert gaz.lookup("Jaysh al-Mujahideen").id == "mujahideen-army"
    assert gaz.lookup("Jaysh al-Mujahedeen").id == "jaysh-al-mujahedeen"
    # Jemaah (Indonesia) and Jama'a (Egypt) are not folded together
    assert gaz.lookup("Jemaah Islamiyah").id != gaz.lookup("al-Jama'a al-Islamiyya").id


# -- the packaged data --------------------------------------------------------------------------
def test_size_and_sources(gaz: Gazetteer) -> None:
    assert len(gaz) >= 300
    allowed = {"ofac-fto", "ofac-sdgt", "un-2015", "mmp", "curated", "ucdp-22.1", "ucdp-26.1",
               "canada", "eu"}
    for e in gaz:
        assert e.sources and set(e.sources) <= allowed, e.id
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", e.id), e.id
        assert e.region is None or e.region in REGIONS, e.id
        # official upper-case names were made readable; only one-word acronyms stay upper case
        assert e.name == e.name.strip() and not (e.name.isupper() and " " in e.name), e.id
    assert len({e.id for e in gaz}) == len(gaz)


def test_every_parent_exists_and_has_a_relation(gaz: Gazetteer) -> None:
    for e in gaz:
        if e.parent is not None:
            assert gaz.get(e.parent) is not None, e.id
            assert e.parent_relation in {"faction", "branch", "province", "wing", "splinter"}, e.id
        else:
            assert e.parent_relation is None, e.id
        assert e.id not in gaz.ancestors(e.id)


def test_branches_hang_from_their_parents(gaz: Gazetteer) -> None:
    for gid in [
        "islamic-state-khorasan-province",
        "islamic-state-west-africa-province",
        "islamic-state-sinai-province",
        "islamic-state-pakistan-province",
        "islamic-state-in-the-greater-sahara",
        "islamic-state-mozambique-province",
    ]:
        assert gaz.get(gid).parent == "islamic-state", gid  # type: ignore[union-attr]
    for gid in [
        "al-qaeda-in-the-arabian-peninsula",
        "al-qaeda-in-the-islamic-maghreb",
        "al-qaeda-in-the-indian-subcontinent",
        "al-shabaab",
        "jamaat-nusrat-al-islam-wal-muslimin",
    ]:
        assert gaz.get(gid).parent == "al-qaeda", gid  # type: ignore[union-attr]
    assert gaz.ancestors("lashkar-e-jhangvi-al-alami") == ["lashkar-e-jhangvi"]
    assert gaz.ancestors("hizb-ul-ahrar") == ["jamaat-ul-ahrar", "tehrik-i-taliban-pakistan"]
    assert gaz.get("izz-ad-din-al-qassam-brigades").parent_relation == "wing"  # type: ignore[union-attr]
    assert gaz.ancestors("unknown-id") == []


def test_sources_are_merged_into_one_group(gaz: Gazetteer) -> None:
    isil = gaz.get("islamic-state")
    assert isil is not None
    assert {"ofac-fto", "un-2015", "mmp", "curated"} <= set(isil.sources)
    assert "ofac:8759" in isil.source_ids  # OFAC "ISLAMIC STATE OF IRAQ AND THE LEVANT"
    assert gaz.get("islamic-state-of-iraq-and-the-levant") is None


def test_sanctions_list_companies_are_not_groups(gaz: Gazetteer) -> None:
    for e in gaz:
        assert not re.search(
            # ("West Nile Bank Front" is a Ugandan rebel group named after the Nile's bank)
            r"\b(Bank(?! Front)|Company|Ltd|LLC|Airlines?|Exchange|Trading|Charity)\b", e.name
        ), e.name
    maute = gaz.get("maute-group")  # an SDGT-only armed group is kept
    assert maute is not None and "ofac-sdgt" in maute.sources


def test_no_alias_names_two_groups(gaz: Gazetteer) -> None:
    owner: dict[str, str] = {}
    for e in gaz:
        for a in e.aliases:
            key = normalize(a)
            assert owner.setdefault(key, e.id) == e.id, (a, owner[key], e.id)


def test_no_generic_word_is_an_alias(gaz: Gazetteer) -> None:
    banned = {
        "army",
        "front",
        "movement",
        "state",
        "jihad",
        "group",
        "base",
        "youth",
        "party",
        "is",
    }
    for e in gaz:
        for a in e.aliases:
            key = normalize(a)
            assert key not in banned or a.isupper() and len(a) <= 5, (e.id, a)
            assert len(key.replace(" ", "")) > 1, (e.id, a)


# -- loading ------------------------------------------------------------------------------------
def test_load_a_hand_written_file(tmp_path: Path) -> None:
    f = tmp_path / "g.json"
    f.write_text(
        json.dumps(
            {
                "groups": [
                    {"id": "red-hand", "name": "Red Hand Gang"},
                    {
                        "id": "rhg-youth",
                        "name": "Red Hand Youth",
                        "aliases": ["Red Hand Youth", "RHY"],
                        "parent": "red-hand",
                        "parent_relation": "wing",
                        "sources": ["curated"],
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    g = Gazetteer.load(f)
    assert len(g) == 2 and [e.id for e in g] == ["red-hand", "rhg-youth"]
    assert mentions(g, "The Red Hand Gang and its RHY wing") == [
        ("Red Hand Gang", "red-hand"),
        ("RHY", "rhg-youth"),
    ]
    assert g.ancestors("rhg-youth") == ["red-hand"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"groups": {}}', "'groups' list"),
        ('{"groups": [{"id": "x"}]}', "'name'"),
        ('{"groups": [{"id": "x", "name": "X", "aliases": "X"}]}', "'aliases'"),
    ],
)
def test_bad_files_say_why(tmp_path: Path, content: str, reason: str) -> None:
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        Gazetteer.load(f)
    assert str(f) in str(err.value) and reason in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        Gazetteer.load(tmp_path / "nope.json")


def test_packaged_file_is_the_default() -> None:
    assert default_path().name == "gazetteer.json" and default_path().is_file()
    assert get_gazetteer() is get_gazetteer()


# -- the build ----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _build_module() -> types.ModuleType:  # scripts/ is not a package
    path = REPO / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("militantmap_build_gazetteer", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod


def test_build_is_deterministic_and_committed(shared_dir: Path, tmp_path: Path) -> None:
    build = _build_module()
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    assert build.main([str(shared_dir), "-o", str(out1)]) == 0
    assert build.main([str(shared_dir), "-o", str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    # the committed gazetteer is what the script makes from the committed curated file
    assert out1.read_bytes() == default_path().read_bytes(), "run scripts/build_gazetteer.py"
    doc = json.loads(out1.read_text(encoding="utf-8"))
    assert set(doc["sources"]) == {"ofac-fto", "ofac-sdgt", "un-2015", "mmp", "curated",
                                   "ucdp-22.1", "ucdp-26.1", "canada", "eu"}
    assert "Stanford, July 2019" in doc["sources"]["mmp"]["title"]


def test_build_reports_a_bad_shared_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build = _build_module()
    assert build.main([str(tmp_path), "-o", str(tmp_path / "out.json")]) == 2
    err = capsys.readouterr().err
    assert "ofac_fto_entities_with_aliases.csv: missing" in err
    assert not (tmp_path / "out.json").exists()


def test_official_names_are_made_readable() -> None:
    build = _build_module()
    caser = build.Caser({"TTP", "ISIS", "IRA"})
    assert caser("LASHKAR E-JHANGVI") == "Lashkar e-Jhangvi"
    assert caser("AL-QA'IDA IN THE ARABIAN PENINSULA") == "al-Qa'ida in the Arabian Peninsula"
    assert caser("ISIS-SINAI PROVINCE") == "ISIS-Sinai Province"
    assert caser("REAL IRA") == "Real IRA"
    assert caser("PKK") == "PKK"
    assert caser("Boko Haram") == "Boko Haram"  # already readable: left alone
    assert build.split_alias_text("TEHRIK-E TALIBAN PAKISTAN (TTP)") == (
        "TEHRIK-E TALIBAN PAKISTAN",
        ["TTP"],
    )


def test_junk_aliases_are_recognised() -> None:
    build = _build_module()
    blocked = build.Blocklist(["LET", "The Base", "Mujahideen Shura Council"])
    stop = frozenset({"the", "of", "is"})
    for junk in [
        "LET",
        "the base",
        "Mujahidin Shura Council",  # another transliteration of a blocked name
        "THE YOUTH",
        "Islamic Army",
        "EGYPT",
        "www.example.org",
        "K",
        "X.Y.",
    ]:
        assert build.junk_reason(junk, blocked, stop), junk
    for good in ["LeT", "Lashkar-e-Taiba", "Ansar Bayt al-Maqdis", "Shabaab"]:
        assert build.junk_reason(good, blocked, stop) is None, good


def test_names_written_with_commas_match_but_lists_stay_apart():
    from militantmap.nlp.gazetteer import get_gazetteer

    found = get_gazetteer().find_mentions(
        "Fighters of the Return, Reclamation, Rehabilitation clashed with Hamas, Hezbollah and ISIS.")
    assert [m.surface for m in found] == ["Return, Reclamation, Rehabilitation", "Hamas", "Hezbollah", "ISIS"]
