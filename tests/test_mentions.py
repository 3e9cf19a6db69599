"""The group mention layer (issue 8, point 2): names, descriptions, pronouns and plurals in
ctx.group_refs, and member nouns read through GroupResolver. Sentences written for these tests."""
from __future__ import annotations

from militantmap.article import Article
from militantmap.extract.context import Context
from militantmap.extract.coref import resolve_descriptions
from militantmap.extract.entities import find_entities
from militantmap.extract.mentions import GroupResolver, resolve_group_refs
from militantmap.extract.pipeline import Extractor


def context(text: str) -> Context:
    ex = Extractor.default()
    prepared = ex.prepare(Article(text=text, source="test"))
    ctx = Context(text=prepared["text"], doc=ex.nlp(prepared["text"]), published=None)
    find_entities(ctx, ex.gaz, ex.countries, ex._nationality)
    resolve_group_refs(ctx, resolve_descriptions(ctx, ex.geo.country_of_demonym))
    return ctx


def refs(ctx: Context, kind: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(ctx.text[r.start:r.end], r.keys) for r in ctx.group_refs if r.kind == kind]


def key_of(ctx: Context, name: str) -> str:
    return next(e.key for e in ctx.entities.values() if e.name == name)


def test_it_after_a_sentence_about_a_group_is_that_group():
    ctx = context("Ansaru was founded in 2012 in Kano. Two years later it swore loyalty to al-Qaeda.")
    assert refs(ctx, "pronoun") == [("it", (key_of(ctx, "Ansaru"),))]


def test_its_in_the_same_sentence_is_the_subject_group():
    ctx = context("Hezbollah said its fighters had reached the border.")
    assert refs(ctx, "pronoun") == [("its", (key_of(ctx, "Hezbollah"),))]


def test_a_person_subject_in_between_blocks_it():
    ctx = context("Hamas met the envoy in Doha. He said the talks were useful. Later it joined them.")
    assert refs(ctx, "pronoun") == []


def test_empty_it_is_no_mention():
    ctx = context("Ansar Dine attacked the town. It is likely that more attacks will follow.")
    assert refs(ctx, "pronoun") == []


def test_they_after_two_groups_is_both():
    ctx = context("Hamas and Hezbollah met in Beirut. They agreed to coordinate.")
    (text, keys), = refs(ctx, "pronoun")
    assert text == "They" and set(keys) == {key_of(ctx, "Hamas"), key_of(ctx, "Hezbollah")}


def test_the_two_groups_are_the_last_two_named():
    ctx = context("Hamas met Hezbollah envoys in Beirut. The two groups agreed to coordinate.")
    (text, keys), = refs(ctx, "plural")
    assert text == "The two groups" and set(keys) == {key_of(ctx, "Hamas"), key_of(ctx, "Hezbollah")}


def test_the_two_groups_with_three_in_view_is_left_alone():
    ctx = context("Hamas, Hezbollah and Ansaru sent envoys. The two groups then left.")
    assert refs(ctx, "plural") == []


def test_member_nouns_and_titled_people_stand_for_their_group():
    ctx = context("Boko Haram fighters met Hezbollah leader Ali Kassem. Militants from Ansaru stayed.")
    resolver = GroupResolver(ctx)
    by_text = {t.text: resolver.groups_of(t) for t in ctx.doc}
    assert by_text["fighters"] == (key_of(ctx, "Boko Haram"),)
    assert by_text["Militants"] == (key_of(ctx, "Ansaru"),)
    assert by_text["Kassem"] == (key_of(ctx, "Hezbollah"),)


def test_a_faction_of_a_group_is_not_the_group():
    ctx = context("A faction of Boko Haram met the envoys.")
    resolver = GroupResolver(ctx)
    assert resolver.groups_of(next(t for t in ctx.doc if t.text == "faction")) == ()


def test_a_nationality_description_reaches_a_group_whose_country_is_named_otherwise():
    # the gazetteer and the place list once spelled the country apart ("Palestine" /
    # "Palestinian Territories"), so "the Palestinian group" resolved to nothing
    ctx = context("Hamas fired rockets on Monday. The Palestinian group receives weapons from Hezbollah.")
    (text, keys), = refs(ctx, "description")
    assert text == "The Palestinian group" and keys == (key_of(ctx, "Hamas"),)


def test_every_gazetteer_country_is_a_country_the_place_list_knows_by_that_name():
    from militantmap.extract.geo import get_geocoder
    from militantmap.nlp.gazetteer import get_gazetteer

    geo = get_geocoder()
    countries = {e.country for e in get_gazetteer()._by_id.values() if e.country}
    assert countries and all(geo.is_country(c) == c for c in countries), \
        sorted(c for c in countries if geo.is_country(c) != c)


def test_the_rebels_refer_to_the_group_named_before():
    ctx = context("The Houthis seized a ship on Sunday. The Yemeni rebels have fought al-Qaeda for years.")
    (text, keys), = refs(ctx, "description")
    assert text == "The Yemeni rebels" and keys == (key_of(ctx, "Houthis"),)


def test_rebels_without_the_refer_to_no_group():
    ctx = context("The Houthis seized a ship on Sunday. Rebels elsewhere fought the army.")
    assert refs(ctx, "description") == []


def test_the_possessor_of_a_predicate_is_not_its_subject():
    # "X is its ally": "its" is a group named before, never X (that would be "its own")
    ctx = context("Lashkar-e-Taiba was blamed for the attacks. Jaish-e-Mohammed is its closest ally.")
    (text, keys), = refs(ctx, "pronoun")
    assert text == "its" and keys == (key_of(ctx, "Lashkar-e-Taiba"),)


def test_its_own_is_the_subject():
    ctx = context("Lashkar-e-Taiba was blamed for the attacks. Jaish-e-Mohammed is its own master.")
    assert all(keys != (key_of(ctx, "Lashkar-e-Taiba"),) for _, keys in refs(ctx, "pronoun"))
