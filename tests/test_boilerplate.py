"""Boilerplate removal on pages written for these tests, plus the language of cleaned text."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from militantmap.clean.boilerplate import CleanText, remove_boilerplate
from militantmap.clean.language import detect_language

PAGE = """Skip to main content
Home | World | Africa | Somalia
Share on Facebook
Twitter
WhatsApp

Gunmen storm hotel in Mogadishu

MOGADISHU — Militants stormed a hotel in the Somali capital on Sunday, killing at least 12 people, police said.

Related: Militants kill 20 in attack on army base

The siege began with a car bomb at the gate of the hotel.

Advertisement

Security forces ended the siege after six hours, a police spokesman said.

Related articles
Election delayed again in Somalia
Kenya boosts border security
Read more: Inside the group's tax system

Tags: Somalia, Mogadishu, hotel
© 2024 Example News. All rights reserved.
We use cookies to improve your experience. Accept all cookies
Subscribe to our newsletter
"""

ARTICLE_LINES = [
    "Gunmen storm hotel in Mogadishu",
    "MOGADISHU — Militants stormed a hotel in the Somali capital on Sunday, killing at least 12 people, police said.",
    "The siege began with a car bomb at the gate of the hotel.",
    "Security forces ended the siege after six hours, a police spokesman said.",
]


def cut(raw: str, removed: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in removed:
        out.append(raw[pos:start])
        pos = end
    out.append(raw[pos:])
    return "".join(out)


def test_page_keeps_the_article_and_drops_the_rest():
    c = remove_boilerplate(PAGE)
    assert c.text == "\n\n".join(ARTICLE_LINES)
    assert cut(PAGE, c.removed) == c.text


def test_removed_ranges_are_sorted_disjoint_raw_ranges():
    c = remove_boilerplate(PAGE)
    assert c.removed
    for (s1, e1), (s2, e2) in zip(c.removed, c.removed[1:]):
        assert s1 < e1 < s2 < e2 or (s1 < e1 and e1 < s2)
    assert all(0 <= s < e <= len(PAGE) for s, e in c.removed)


def test_to_raw_maps_cleaned_offsets_back():
    c = remove_boilerplate(PAGE)
    for word in ("Gunmen", "MOGADISHU", "The siege", "Security forces", "spokesman said."):
        i = c.text.index(word)
        j = c.to_raw(i)
        assert PAGE[j: j + len(word)] == word
    assert c.to_raw(0) == PAGE.index("Gunmen")
    with pytest.raises(ValueError):
        c.to_raw(len(c.text) + 1)


def test_plea_paragraph_goes_as_a_block():
    raw = (
        "Police said two attackers were shot dead at the checkpoint.\n\n"
        "Support Independent Journalism\n\n"
        "Independent journalism costs money. Our reporters and editors work hard every day, and more "
        "people are reading us than ever, but few are paying and advertising revenues are falling. "
        "Become a member today.\n\n"
        "Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n"
    )
    c = remove_boilerplate(raw)
    assert c.text == "Police said two attackers were shot dead at the checkpoint."


def test_comment_form_and_join_links_go():
    raw = ("The group claimed the bombing in a statement on Monday.\n\n"
           "Follow this link to join our Telegram channel: Join Now\n\nLeave a comment\n")
    assert remove_boilerplate(raw).text == "The group claimed the bombing in a statement on Monday."


def test_article_sentences_with_boilerplate_words_stay():
    raw = (
        "Militants who subscribe to the group's ideology attacked a school, killing five.\n"
        "The bakery sold cookies before the blast killed three customers, officials said.\n"
        "The group's newsletter urged supporters to donate money for weapons, police said.\n"
        "Copyright lawyers were among the hostages.\n"
    )
    c = remove_boilerplate(raw)
    assert c.text == raw.rstrip()
    assert c.removed == [(len(raw.rstrip()), len(raw))]  # only the final newline


def test_subheads_in_the_middle_stay_but_tail_labels_go():
    raw = ("Headline of the story\n\nFirst paragraph reports an attack on a convoy.\n\nPrevious attacks\n\n"
           "Second paragraph lists earlier attacks on convoys.\n\nShare this\nPrint\n")
    c = remove_boilerplate(raw)
    assert "Previous attacks" in c.text
    assert c.text.endswith("earlier attacks on convoys.")


def test_truncated_last_sentence_stays():
    raw = "Title line\n\nThe army said it had retaken the town after heavy fighting with the insurgents and"
    assert remove_boilerplate(raw).text == raw


def test_government_site_banners_go():
    raw = ("An official website of the United States government\n\nOfficial websites use .gov\n\n"
           "Secure .gov websites use HTTPS\n\n"
           "The Department of State designated the group as a Foreign Terrorist Organization.\n")
    assert remove_boilerplate(raw).text == (
        "The Department of State designated the group as a Foreign Terrorist Organization.")


def test_clean_text_is_unchanged_and_empty_input():
    raw = "One line about a raid.\nAnother line about arrests."
    c = remove_boilerplate(raw)
    assert c == CleanText(text=raw, removed=[])
    assert remove_boilerplate("") == CleanText(text="", removed=[])
    only_junk = remove_boilerplate("Skip to main content\nShare\n")
    assert only_junk.text == "" and only_junk.removed == [(0, len("Skip to main content\nShare\n"))]


def test_windows_line_endings():
    raw = "Title\r\n\r\nSoldiers were killed in an ambush on Tuesday.\r\n\r\nLeave a Reply\r\n"
    c = remove_boilerplate(raw)
    assert c.text == "Title\r\n\r\nSoldiers were killed in an ambush on Tuesday."
    assert cut(raw, c.removed) == c.text


def test_dev_texts_lose_only_boilerplate(dev_dir):
    """Every gold event sentence of the dev set survives cleaning."""
    for path in sorted(dev_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        c = remove_boilerplate(gold["text"])
        assert cut(gold["text"], c.removed) == c.text
        for fact in gold.get("events", []) + gold.get("relations", []) + gold.get("roles", []):
            sentence = (fact.get("sentence") or "").strip()
            if sentence and sentence in gold["text"]:
                assert sentence in c.text, (path.name, sentence)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab .,:|\n\r\t©-") + ["Share", "Read more:", "killed", "cookies",
                                                            "Join Now", "\u2028", "Subscribe"]),
                max_size=120).map("".join))
def test_cut_invariant_holds_for_any_text(raw):
    c = remove_boilerplate(raw)
    assert cut(raw, c.removed) == c.text
    for i in range(len(c.text)):
        assert raw[c.to_raw(i)] == c.text[i]


# -- language -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, lang",
    [
        ("Militants attacked a police post in the north of the country on Monday, officials said.", "en"),
        ("Des hommes armés ont attaqué un poste de police dans le nord du pays lundi, selon des responsables.", "fr"),
        ("هاجم مسلحون مركزا للشرطة في شمال البلاد يوم الاثنين بحسب مسؤولين", "ar"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang
    assert {detect_language(text) for _ in range(5)} == {lang}  # deterministic


# Long paragraphs (40+ words): English takes the fast path of English-only function words; the
# others, sharing none of them, must still reach langdetect and keep their language.
LONG_EN = ("Gunmen attacked a police post in the north of the country on Sunday, killing four officers "
           "and wounding six others, local officials said. The group claimed the attack in a statement "
           "posted on social media, saying that its fighters had targeted the post because the police had "
           "arrested several of their members over the past week. The army has since launched an operation.")


@pytest.mark.parametrize("text, lang", [
    (LONG_EN, "en"),
    ("Des hommes armés ont attaqué dimanche un poste de police dans le nord du pays, tuant quatre agents et en blessant six autres, selon des responsables locaux. Le groupe a revendiqué l'attaque dans un communiqué publié sur les réseaux sociaux, affirmant que ses combattants avaient visé le poste parce que les policiers avaient arrêté plusieurs de ses membres la semaine dernière. L'armée a lancé une opération dans la zone.",
     'fr'),
    ('Hombres armados atacaron el domingo un puesto de policía en el norte del país, matando a cuatro agentes e hiriendo a otros seis, según funcionarios locales. El grupo reivindicó el ataque en un comunicado publicado en las redes sociales, afirmando que sus combatientes habían atacado el puesto porque los policías habían detenido a varios de sus miembros la semana pasada. El ejército lanzó una operación en la zona.',
     'es'),
    ('Bewaffnete Männer haben am Sonntag einen Polizeiposten im Norden des Landes angegriffen und dabei vier Beamte getötet und sechs weitere verletzt, wie örtliche Behörden mitteilten. Die Gruppe bekannte sich in einer in sozialen Netzwerken veröffentlichten Erklärung zu dem Angriff und erklärte, ihre Kämpfer hätten den Posten ins Visier genommen, weil die Polizei in der vergangenen Woche mehrere ihrer Mitglieder festgenommen habe. Die Armee startete einen Einsatz in dem Gebiet.',
     'de'),
    ("Uomini armati hanno attaccato domenica un posto di polizia nel nord del paese, uccidendo quattro agenti e ferendone altri sei, secondo funzionari locali. Il gruppo ha rivendicato l'attacco in un comunicato pubblicato sui social network, affermando che i suoi combattenti avevano preso di mira il posto perché la polizia aveva arrestato diversi suoi membri la settimana scorsa. L'esercito ha avviato un'operazione nella zona.",
     'it'),
    ('Homens armados atacaram no domingo um posto policial no norte do país, matando quatro agentes e ferindo outros seis, segundo autoridades locais. O grupo reivindicou o ataque em um comunicado publicado nas redes sociais, afirmando que seus combatentes tinham como alvo o posto porque a polícia havia prendido vários de seus membros na semana passada. O exército lançou uma operação na área.',
     'pt'),
    ('Gewapende mannen hebben zondag een politiepost in het noorden van het land aangevallen, waarbij vier agenten werden gedood en zes anderen gewond raakten, zeiden lokale functionarissen. De groep eiste de aanval op in een verklaring die op sociale media werd gepubliceerd en zei dat haar strijders de post als doelwit hadden gekozen omdat de politie vorige week verschillende van haar leden had gearresteerd. Het leger is een operatie in het gebied begonnen.',
     'nl'),
    ('Orang-orang bersenjata menyerang sebuah pos polisi di utara negara itu pada hari Minggu, menewaskan empat petugas dan melukai enam lainnya, kata pejabat setempat. Kelompok itu mengaku bertanggung jawab atas serangan tersebut dalam sebuah pernyataan yang diterbitkan di media sosial, dengan mengatakan bahwa para pejuangnya menargetkan pos tersebut karena polisi telah menangkap beberapa anggotanya pekan lalu. Tentara melancarkan operasi di daerah itu.',
     'id'),
])
def test_long_paragraphs_keep_their_language(text, lang):
    from militantmap.clean import language
    assert len(language._WORD.findall(text.lower())) >= language.EN_MIN_WORDS
    assert detect_language(text) == lang


def test_the_english_fast_path_agrees_with_langdetect(monkeypatch):
    from militantmap.clean import language
    fast = detect_language(LONG_EN)
    monkeypatch.setattr(language, "EN_MIN_WORDS", 10**9)  # fast path off: langdetect decides
    assert detect_language(LONG_EN) == fast == "en"


@pytest.mark.parametrize("text", ["", "ok", "12345 678 !!!", "Kabul"])
def test_language_undecidable(text):
    assert detect_language(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(raw):
    c = remove_boilerplate(raw)
    assert cut(raw, c.removed) == c.text
    assert c.text == c.text.rstrip()  # the text ends with its last word
