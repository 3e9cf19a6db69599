"""Issue 8: the person-mention layer (extract/people.py): surnames alone, pronouns and
descriptions linked to one named person by the documented salience rule."""
from __future__ import annotations

from militantmap.article import Article
from militantmap.extract.context import Context
from militantmap.extract.entities import find_entities
from militantmap.extract.people import DESCRIPTION, PRONOUN, SURNAME, find_person_mentions
from militantmap.extract.pipeline import Extractor


def mentions(text: str) -> list[tuple[str, str, str]]:
    x = Extractor.default()
    prepared = x.prepare(Article(text=text, source="test"))
    ctx = Context(text=prepared["text"], doc=x.nlp(prepared["text"]), published=None)
    find_entities(ctx, x.gaz, x.countries, x._nationality)
    return [(text[m.start:m.end], m.kind, ctx.entities[m.key].name) for m in find_person_mentions(ctx)]


def test_a_surname_alone_is_the_person_last_named_with_it():
    m = mentions("Officials named Abu Karim al-Hashimi as the new commander. Later, Hashimi fled to the hills.")
    assert ("Hashimi", SURNAME, "Abu Karim al-Hashimi") in m or ("Hashimi", "name", "Abu Karim al-Hashimi") in m


def test_a_pronoun_is_the_subject_person_of_the_previous_sentence():
    m = mentions("Ahmed Bello met Karl Benn in Kano. He later left the country.")
    assert ("He", PRONOUN, "Ahmed Bello") in m


def test_a_pronoun_after_a_subject_in_its_own_sentence_is_that_subject():
    m = mentions("Police questioned Karl Benn. Ahmed Bello said he had never met him.")
    assert ("he", PRONOUN, "Ahmed Bello") in m


def test_a_pronoun_with_nobody_named_before_is_left_alone():
    m = mentions("The town was quiet. He said nothing.")
    assert not [x for x in m if x[1] == PRONOUN]


def test_a_description_is_the_subject_person_of_the_previous_sentence():
    m = mentions("Ahmed Bello preached in Kano for a decade. The cleric was arrested in 2009.")
    assert ("The cleric", DESCRIPTION, "Ahmed Bello") in m


def test_a_title_followed_by_of_is_no_description():
    m = mentions("Ahmed Bello preached in Kano. The leader of the movement was arrested.")
    assert not [x for x in m if x[1] == DESCRIPTION]


def test_a_lower_case_word_is_no_surname():
    m = mentions("Officials named Karl Stone as the new commander. The stone wall fell.")
    assert not [x for x in m if x[1] == SURNAME]
