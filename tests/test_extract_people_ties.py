"""People's roles, ties between groups and groups found from context, on sentences written for
these tests (none is taken from the dev corpus or any gold set)."""
from __future__ import annotations

import pytest

from extract_helpers import groups, has_tie, names, rel, rels, run  # noqa: F401


def roles(ex: dict) -> set[tuple[str, str, str]]:
    n = names(ex)
    return {(n[r["person"]], r["role"], n[r["group"]]) for r in ex["roles"]}


# -- roles --------------------------------------------------------------------------------------
def test_a_role_set_off_by_dashes_with_a_described_group():
    ex = run("Karim Haddad — commander of the jihadist Hayat Tahrir al-Sham that took the city "
             "last year — told reporters the roads would reopen.")
    assert ("Karim Haddad", "commander", "Hay'at Tahrir al-Sham") in roles(ex)


def test_an_appositive_leader_of_a_gang_the_gazetteer_lacks():
    ex = run("Wilson Pierre, the notorious leader of the Bel Air gang, was arrested on Tuesday.",
             "2024-05-02")
    g = groups(ex)
    assert "Bel Air gang" in g and g["Bel Air gang"]["kb_id"] is None
    assert ("Wilson Pierre", "leader", "Bel Air gang") in roles(ex)


def test_a_senior_leader_named_in_apposition_is_leader_and_commander():
    ex = run("Troops killed Abdi Warsame, a senior al-Shabaab leader who ran the group's bomb "
             "workshops, in an overnight raid.")
    r = roles(ex)
    assert ("Abdi Warsame", "leader", "al-Shabaab") in r
    assert ("Abdi Warsame", "commander", "al-Shabaab") in r


def test_a_plain_leader_is_not_made_a_commander():
    ex = run("Al-Shabaab leader Ahmed Umar Abu Ubaidah appeared in a new video.")
    r = roles(ex)
    assert ("Ahmed Umar Abu Ubaidah", "leader", "al-Shabaab") in r
    assert not any(role == "commander" for _, role, _ in r)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Al-Shabaab deputy leader Mahad Karate was seen in the town.", "Mahad Karate"),
        ("Officials said IS deputy caliph Abu Salim al-Janabi was killed in the strike.",
         "Abu Salim al-Janabi"),
        ("Hassan Dahir, al-Shabaab's deputy leader, was wounded.", "Hassan Dahir"),
    ],
)
def test_a_deputy_is_a_deputy_leader_not_the_leader(text, person):
    r = roles(run(text))
    assert any(p == person and role == "deputy_leader" for p, role, _ in r), r
    assert not any(p == person and role == "leader" for p, role, _ in r), r


def test_a_title_of_two_words_after_the_group():
    ex = run("Taliban interior ministry spokesman Abdul Matin Qani rejected the report.")
    assert ("Abdul Matin Qani", "spokesperson", "Afghan Taliban") in roles(ex)


def test_a_bare_title_closing_an_appositive():
    ex = run("Zabihullah Mujahid, Taliban spokesman, said the talks would resume.")
    assert ("Zabihullah Mujahid", "spokesperson", "Afghan Taliban") in roles(ex)


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab killed police chief Ahmed Farah in Mogadishu on Monday.",
        "In a message to Ahmed Ali, al-Shabaab fighters said they would attack again.",
        "Soldiers killed Ahmed Ali as al-Shabaab fighters stormed the town.",
    ],
)
def test_a_victim_or_an_addressee_is_given_no_role(text):
    assert roles(run(text)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prosecutors identified Omar Diallo as a member of the Islamic State in the Greater Sahara.",
         ("Omar Diallo", "member", "Islamic State Sahel Province")),
        ("Officials named Hassan Dahir as the al-Shabaab commander in the Juba valley.",
         ("Hassan Dahir", "commander", "al-Shabaab")),
    ],
)
def test_a_role_introduced_by_as(text, expected):
    assert expected in roles(run(text))


def test_led_by_after_a_description_of_the_group():
    ex = run("The Allied Democratic Forces have grown stronger in Ituri, and the group is now being "
             "led by Musa Kabanda, officials said.")
    assert ("Musa Kabanda", "leader", "Allied Democratic Forces") in roles(ex)


def test_the_emir_of_the_group_is_a_person_not_a_description_of_the_group():
    ex = run("The Islamic State lost its last town in 2019. Abu Bakr Salad rose to prominence as the "
             "emir of the group's Somali affiliate, IS-Somalia.")
    assert has_tie(rels(ex), "Islamic State Somalia Province", "affiliated_with", "Islamic State")


# -- relations ----------------------------------------------------------------------------------
def test_an_appositive_offshoot_after_a_preposition():
    ex = run("Police blamed the bombing on Hizb-ul-Ahrar, an offshoot of Jamaat-ul-Ahrar, and "
             "arrested two suspects.")
    assert ("Hizb-ul-Ahrar", "faction_of", "Jamaat-ul-Ahrar") in rels(ex)
    (r,) = [r for r in ex["relations"] if r["type"] == "faction_of"]
    assert r["modality"] == "asserted" and r["attribution"] is None


def test_an_offshoot_named_with_or_and_its_acronym():
    ex = run("Analysts ranked the Tehreek-e-Taliban Pakistan, or TTP, an ideological offshoot of "
             "the Afghan Taliban, as the deadliest group in the country.")
    assert ("Tehrik-i-Taliban Pakistan", "faction_of", "Afghan Taliban") in rels(ex)


def test_an_affiliate_is_an_affiliation_not_a_faction():
    # SCHEMA.md's faction_of lists factions, splinters, wings, branches, offshoots and provinces,
    # not affiliates; the annotators code "G's affiliate" as affiliated_with
    ex = run("Ansaroul Islam, an affiliate of al-Qaeda, ambushed the convoy near Djibo.")
    r = rels(ex)
    assert has_tie(r, "Ansaroul Islam", "affiliated_with", "al-Qaeda")
    assert not any(t == "faction_of" for _, t, _ in r)


def test_a_groups_regional_affiliate_is_the_branch_based_there():
    ex = run("Islamic State's Sahel affiliate claimed the ambush on soldiers near Menaka.")
    g = groups(ex)
    assert {"Islamic State", "Islamic State Sahel Province"} <= set(g)
    assert has_tie(rels(ex), "Islamic State Sahel Province", "affiliated_with", "Islamic State")
    # the possessor is not the attacker
    (ev,) = ex["events"]
    n = names(ex)
    assert [n[p] for p in ev["perpetrators"]] == ["Islamic State Sahel Province"]


def test_a_branch_named_by_its_country():
    ex = run("Fighters from al-Qaeda's Yemen branch attacked the base in Abyan.")
    assert ("al-Qaeda in the Arabian Peninsula", "faction_of", "al-Qaeda") in rels(ex)


def test_a_place_that_names_no_single_branch_makes_no_group():
    ex = run("Jihadists from al-Qaeda's African affiliates attacked the base.")
    assert set(groups(ex)) == {"al-Qaeda"}
    assert rels(ex) == set()


def test_the_groups_affiliate_in_apposition_refers_to_the_group_before():
    ex = run("The Islamic State has lost most of its territory in Syria. IS Sahel, the group's "
             "Sahel affiliate, now carries out more attacks than any other branch.")
    assert has_tie(rels(ex), "Islamic State Sahel Province", "affiliated_with", "Islamic State")


def test_aligned_with_is_an_affiliation_allied_with_is_cooperation():
    aligned = rels(run("The Lakurawa are aligned with the Islamic State Sahel Province, officials said."))
    assert ("Lakurawa", "affiliated_with", "Islamic State Sahel Province") in aligned
    allied = rels(run("Ansaru allied with Boko Haram in raids on army bases."))
    assert ("Ansaru", "cooperates_with", "Boko Haram") in allied


@pytest.mark.parametrize(
    "text",
    [
        "Anti-balaka militias fought back against the Seleka in 2013.",
        "The Seleka clashed with the anti-Balaka near Bossangoa.",
        "The Seleka say they protect Muslim traders from repeated attacks by the anti-Balaka.",
    ],
)
def test_rivalry_in_fighting_back_clashing_and_protecting(text):
    r = rels(run(text))
    assert ("Anti-balaka", "rivals", "Seleka") in r or ("Seleka", "rivals", "Anti-balaka") in r, r


def test_fighting_alongside_is_still_no_rivalry():
    r = rels(run("The Seleka fought alongside the anti-Balaka against foreign troops."))
    assert not any(t == "rivals" for _, t, _ in r)


# -- groups discovered from context -------------------------------------------------------------
def test_a_cell_calling_itself_by_a_long_name():
    ex = run("Police broke up a terrorist cell calling itself 'the Falcons of the Caliphate in the "
             "Maghreb' that was building bombs.")
    assert "Falcons of the Caliphate in the Maghreb" in groups(ex)


def test_rebels_named_by_a_proper_name():
    ex = run("Witnesses said Kobra Noir rebels burned homes near the mine.")
    g = groups(ex)
    assert "Kobra Noir" in g and g["Kobra Noir"]["kb_id"] is None


@pytest.mark.parametrize(
    "text",
    [
        "A human rights group called Voices for Justice said gunmen killed five people.",
        "An opposition coalition called the National Salvation Alliance condemned the attack.",
        "A media group called Sahel Voices reported the attack on the convoy.",
        "A charity group called Hope for Sahel helped the victims of the bombing.",
        "The ruling party, a movement called the Popular Renewal Front, won the vote.",
        "A network called the Global Fund for Peace paid for the hospital after the bombing.",
        "The Haitian National Police gang unit arrested the suspects after the attack.",
        "Police said the Haitian gang attacked a bus near the port.",
        "Government troops and Sudanese rebels clashed near the border.",
        "On Sunday rebels attacked a convoy near the border.",
        "Armed rebels attacked a convoy near the border.",
        "Riek Machar's rebels attacked the base, the army said.",
        "The Liberal Party gang attacked voters, police said.",
    ],
)
def test_state_bodies_parties_media_ngos_and_descriptions_are_not_groups(text):
    assert groups(run(text)) == {}


# -- the gazetteer ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officials blamed Fitna al-Hindustan for the bus attack in Kalat.", "Balochistan Liberation Army"),
        ("FLEC said its fighters attacked an army post in Cabinda.",
         "Front for the Liberation of the Enclave of Cabinda"),
        ("The G9 federation blocked the fuel terminal.", "G9 an Fanmi e Alye"),
        ("Ansar al-Furqan claimed the attack on the police station in Zahedan.", "Ansar al-Furqan"),
        ("Members of the 5 Segonn gang kidnapped two nurses.", "Village de Dieu gang"),
        ("The Islamic State in the Greater Sahara claimed the raid.", "Islamic State Sahel Province"),
    ],
)
def test_groups_added_to_the_gazetteer(text, name):
    g = groups(run(text))
    assert name in g and g[name]["kb_id"], g


def test_a_possessive_before_a_part_noun_ends_the_gazetteer_name():
    from militantmap.nlp.gazetteer import get_gazetteer

    def found(text):
        return [(m.surface, m.entry_id) for m in get_gazetteer().find_mentions(text)]

    assert found("Islamic State's Sahel affiliate") == [("Islamic State", "islamic-state")]
    assert found("Islamic State's Sahel Province") == [
        ("Islamic State's Sahel Province", "islamic-state-in-the-greater-sahara")]
    assert found("the People's Defence Force unit") == [("People's Defence Force", "peoples-defence-force")]


def test_the_neighbourhood_a_gang_is_named_after_is_no_group():
    assert groups(run("Police patrolled the Village de Dieu slum after the shooting.")) == {}


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        (("Fighters of the People's Defence Force (PDF) attacked a junta base. The PDF said ten "
          "soldiers died."), "People's Defence Force", "PDF"),
        (("Police hunted the Mujahidin Indonesia Timur (MIT) near Poso. MIT gunmen killed two "
          "farmers."), "Mujahidin Indonesia Timur", "MIT"),
    ],
)
def test_acronyms_kept_out_of_the_gazetteer_count_once_the_text_defines_them(text, name, acronym):
    g = groups(run(text))
    assert acronym in g[name]["aliases"]
    assert len(g[name]["mentions"]) >= 3


def test_mit_alone_is_not_a_group():
    assert groups(run("Researchers at MIT said the bombing data was incomplete.")) == {}


def test_al_shabaab_in_mozambique_is_the_local_insurgency():
    ex = run("Insurgents known locally as al-Shabaab attacked Mocimboa da Praia in Mozambique. "
             "Mozambican troops said al-Shabaab lost twenty fighters.")
    g = groups(ex)
    assert list(g) == ["Islamic State Mozambique Province"]
    assert "al-Shabaab" in g["Islamic State Mozambique Province"]["aliases"]


def test_al_shabaab_in_somalia_stays_al_shabaab():
    ex = run("Al-Shabaab attacked a base in Somalia, and the Somali army said it also raided a "
             "camp near the border with Mozambique.")
    assert "al-Shabaab" in groups(ex)


def test_we_in_a_spokesmans_quotation_is_his_group():
    ex = run('"We have joined hands with Lashkar-e-Jhangvi," said Omar Khorasani, a spokesman for '
             'Jamaat-ul-Ahrar.')
    (r,) = [x for x in ex["relations"] if x["type"] == "cooperates_with"]
    n = names(ex)
    assert {n[r["subject"]], n[r["object"]]} == {"Jamaat-ul-Ahrar", "Lashkar-e-Jhangvi"}
    assert r["modality"] == "reported" and r["attribution"]["kind"] == "group_spokesperson"
    assert "spokesman for Jamaat-ul-Ahrar" in r["attribution"]["text"]


def test_we_in_an_officials_quotation_is_not_a_group():
    ex = run('"We have joined hands with the Islamic State to fight crime," said Ali Khan, a senior '
             'police official in Peshawar.')
    assert ex["relations"] == []


@pytest.mark.parametrize("text, type_", [
    ("Jaish-e-Mohammed and Lashkar-e-Taiba carried out the raid jointly, officials said.", "cooperates_with"),
    ("Ansarul Islam and JNIM jointly claimed the ambush near Djibo.", "cooperates_with"),
    ("Al-Shabaab and ISIS-Somalia fighters clashed near Qandala on Monday.", "rivals"),
])
def test_two_groups_acting_together_or_against_each_other(text, type_):
    assert type_ in {r["type"] for r in run(text, "2024-06-10")["relations"]}


def test_two_groups_clashing_with_troops_are_not_rivals():
    ex = run("Al-Shabaab and ISIS-Somalia fighters clashed with Puntland forces on Monday.", "2024-06-10")
    assert [r for r in ex["relations"] if r["type"] == "rivals"] == []
