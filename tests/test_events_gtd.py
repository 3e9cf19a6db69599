"""Issue 8: the perpetrator of an incident is the group the text credits with it, never a group
that merely shares the sentence. Incident summaries in the style of the Global Terrorism
Database, written for this test (invented incidents, real group names so that the gazetteer
knows them). One row per sentence: the perpetrators expected on the attack (an empty set
means the text names no perpetrator and none may be invented)."""
from __future__ import annotations

import pytest

from extract_helpers import names, run

PUB = "2021-03-15"

CASES: list[tuple[str, set[str]]] = [
    # "Members of the X" as the subject of the attack verb
    ("Members of the Moro Islamic Liberation Front attacked an army detachment in Datu Piang, "
     "killing three soldiers.", {"Moro Islamic Liberation Front"}),
    ("Members of the Ogaden National Liberation Front ambushed a police convoy near Degehabur on "
     "Friday, killing four officers.", {"Ogaden National Liberation Front"}),
    # "suspected to be G", "suspected G militants"
    ("Assailants suspected to be members of the Kuki National Front abducted two traders near "
     "Moreh.", {"Kuki National Front"}),
    ("Suspected Boko Haram militants stormed the village of Kautikari, killing seven farmers.",
     {"Boko Haram"}),
    # claimant
    ("The Ogaden National Liberation Front claimed responsibility for a bombing at a fuel depot in "
     "Jijiga that killed two guards.", {"Ogaden National Liberation Front"}),
    ("A roadside bomb struck a patrol near Sopore on Monday, killing two soldiers; Hizbul "
     "Mujahideen later claimed the attack.", {"Hizbul Mujahideen"}),
    ("In a statement, Tehrik-i-Taliban Pakistan said its fighters carried out the raid on a police "
     "station in Bannu that killed three policemen.", {"Tehrik-i-Taliban Pakistan"}),
    ("The bombing of a bus station in Peshawar on Friday, which Tehrik-i-Taliban Pakistan "
     "claimed, killed nine people.", {"Tehrik-i-Taliban Pakistan"}),
    # passive agent
    ("The assault on a checkpoint outside Arauca was carried out by the Revolutionary Armed Forces "
     "of Colombia, the army said.", {"Revolutionary Armed Forces of Colombia"}),
    ("Three soldiers were killed by militants of the United Liberation Front of Asom in an ambush "
     "near Tinsukia.", {"United Liberation Front of Asom"}),
    ("Nine farmers were shot dead by Boko Haram militants near Konduga on Sunday.", {"Boko Haram"}),
    # relative clauses: the antecedent of "who attacked", armed men "who belonged to G"
    ("Soldiers killed 20 Taliban fighters who had attacked a checkpoint in Kunduz on Sunday.",
     {"Afghan Taliban"}),
    ("The gunmen, who police said belonged to Lashkar-e-Taiba, attacked a bus in Reasi.",
     {"Lashkar-e-Taiba"}),
    # blamed on / blamed G for
    ("Officials blamed the bombing of a rail line near Sibi on the Balochistan Liberation Front.",
     {"Balochistan Liberation Front"}),
    ("Police blamed Jaish-e-Mohammed for the blast in Pulwama that killed five troopers.",
     {"Jaish-e-Mohammed"}),
    # believed / suspected to be behind
    ("Lashkar-e-Taiba is suspected to be behind the grenade attack on a market in Srinagar that "
     "wounded nine people.", {"Lashkar-e-Taiba"}),
    # "G fighters / gunmen" as the subject
    ("Polisario Front fighters shelled a Moroccan army position near Mahbes on Tuesday.",
     {"Polisario Front"}),
    ("Gunmen from the Kuki-Chin National Front ambushed an army patrol in Bandarban, killing two "
     "soldiers.", {"Kuki-Chin National Front"}),
    # "an attack by G", "G's attack", "G-led assault", "a G-claimed bombing"
    ("Six pilgrims died in an ISIS-claimed bombing at a shrine in Quetta on Thursday.",
     {"Islamic State"}),
    # the group in an apposition describes the claimant, it is no claimant
    ("Jamaat-ul-Ahrar, a faction of the Pakistani Taliban, claimed the bombing of a court in "
     "Mardan on Monday that killed four people.", {"Jamaat-ul-Ahrar"}),
    ("Jamaat-ul-Ahrar, a breakaway faction of the Pakistani Taliban, said one of its fighters "
     "attacked a police post in Charsadda on Monday, killing two constables.", {"Jamaat-ul-Ahrar"}),
    ("An attack by the National Liberation Front of Tripura on a paramilitary camp in Dhalai left "
     "two troopers dead.", {"National Liberation Front of Tripura"}),
    ("The Jammu Kashmir Liberation Front's attack on a police picket in Baramulla killed one "
     "constable.", {"Jammu Kashmir Liberation Front"}),
    # the plain subject, and coordination
    ("The Lord's Resistance Army abducted 40 children from a school in Gulu district in 1998.",
     {"Lord's Resistance Army"}),
    ("Fighters of al-Shabaab and Hizbul Islam raided the town of Bardhere, killing 11 people.",
     {"al-Shabaab", "Hizbul Islam"}),
    ("New People's Army rebels burned three construction trucks in Surigao del Sur on Sunday.",
     {"New People's Army"}),
    # armed men linked with or loyal to a group
    ("Gunmen loyal to the Houthis stormed a checkpoint in Taiz on Sunday, killing two guards.",
     {"Houthis"}),
    ("Militants affiliated with Jaish al-Adl ambushed a border patrol near Saravan.", {"Jaish al-Adl"}),
    # a claim that the group's own fighters did it
    ("Al-Shabaab said its fighters had stormed a military base near Afgoye, killing nine soldiers.",
     {"al-Shabaab"}),
    # the killers of a leader
    ("Kuki National Front commander Lamboi Haokip was killed by Polisario Front fighters "
     "in an ambush near Moreh.", {"Polisario Front"}),
    # the summary's own follow-up sentences: a later claim, "attributed to", "suspected of"
    ("Assailants detonated an explosive device near a police vehicle in Peshawar on Tuesday. Two "
     "officers were killed. Tehrik-i-Taliban Pakistan claimed responsibility for the incident.",
     {"Tehrik-i-Taliban Pakistan"}),
    ("Sources attributed the ambush on a paramilitary convoy in Sukma to the Communist Party of "
     "India (Maoist).", {"Communist Party of India (Maoist)"}),
    ("Abu Sayyaf Group was suspected of carrying out the bombing of a ferry off Basilan.",
     {"Abu Sayyaf Group"}),
    ("Officials said the Lord's Resistance Army was responsible for the massacre at Makombo.",
     {"Lord's Resistance Army"}),
    ("Suspected Houthi rebels fired rockets at a market in Taiz on Friday, killing five people.",
     {"Houthis"}),
    # unknown perpetrators: nothing may be invented
    ("Assailants opened fire on worshippers at a mosque in Kano on Friday, killing three people. "
     "No group claimed responsibility for the incident.", set()),
    ("Unknown gunmen opened fire on a bus in Quetta, killing five passengers.", set()),
    ("A bomb exploded at a crowded market in Maiduguri on Saturday, killing 12 people; no group "
     "claimed responsibility.", set()),
    ("Unidentified assailants abducted a priest in Zamfara, police said.", set()),
    ("Two farmers were hacked to death by assailants in Bokkos on Wednesday.", set()),
    ("A grenade was hurled into a crowd in Imphal, injuring six people.", set()),
    ("Attackers set fire to a primary school in Tillaberi overnight.", set()),
    # a group named as the victim, the target, or the one fought is not the perpetrator
    ("Gunmen killed four members of the Kurdistan Workers' Party in an ambush near Qandil.", set()),
    ("A car bomb targeted a convoy of Houthi officials in Taiz, killing three of them.", set()),
    ("Unknown assailants shot dead a Hamas commander in Khan Younis on Thursday.", set()),
    ("Islamic State fighters attacked al-Shabaab positions in the Cal Miskaad mountains, killing "
     "eight people.", {"Islamic State"}),
    ("Gunmen shot dead a cleric linked to the Taliban in Quetta on Monday.", set()),
    ("Gunmen killed four Hamas members who had attended a funeral in Rafah.", set()),
    # a denial is no claim
    ("A bomb exploded near a courthouse in Derry on Friday, and the Real IRA denied involvement.",
     set()),
    # a group in a "who" clause about someone else
    ("A gunman, who police said had once been a sympathiser of the Provisional Irish Republican "
     "Army, shot dead a shopkeeper in Newry.", set()),
]


def _attack_perps(text: str) -> list[set[str]]:
    ex = run(text, PUB)
    n = names(ex)
    return [{n[p] for p in e["perpetrators"]} for e in ex["events"] if e["type"] in ("attack", "leader_killed")]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_gtd_style_perpetrator(text: str, expected: set[str]) -> None:
    perps = _attack_perps(text)
    assert perps, f"no attack found in {text!r}"
    assert perps[0] == expected


def test_gtd_style_rates() -> None:
    """The issue's two targets: a named perpetrator found for >= 0.70 of the incidents that name
    one, and no perpetrator invented for >= 0.95 of all of them."""
    named = [c for c in CASES if c[1]]
    found = sum(1 for t, exp in named if (p := _attack_perps(t)) and exp <= p[0])
    invented = sum(1 for t, exp in CASES if (p := _attack_perps(t)) and p[0] - exp)
    assert found / len(named) >= 0.70
    assert 1 - invented / len(CASES) >= 0.95


def test_plain_fighters_take_the_named_perpetrator_of_the_story() -> None:
    text = ("Boko Haram fighters stormed an army base in Damboa on Monday, killing six soldiers. "
            "On Tuesday, the fighters also burned a market in Gwoza, killing three traders.")
    perps = _attack_perps(text)
    assert len(perps) == 2 and all(p == {"Boko Haram"} for p in perps)


def test_unidentified_gunmen_take_no_earlier_perpetrator() -> None:
    text = ("Boko Haram fighters stormed an army base in Damboa on Monday, killing six soldiers. "
            "On Tuesday, unidentified gunmen burned a market in Kano, killing three traders.")
    perps = _attack_perps(text)
    assert perps[0] == {"Boko Haram"} and perps[-1] == set()


@pytest.mark.parametrize("text", [
    "Hamas condemned the suicide bombing at a bus station in Beersheba on Sunday that killed four people.",
    "The Taliban denied carrying out the blast at a mosque in Kunduz on Friday that killed 12 worshippers.",
    "A pro-ISIS cell bombed a church in Makassar on Sunday, wounding 20 people.",
])
def test_a_group_that_reacts_or_is_only_named_in_passing_is_no_perpetrator(text: str) -> None:
    assert all(p == set() for p in _attack_perps(text))


# A claim told in another sentence of the same incident credits the claimant to that incident,
# whether the claimant is named, a pronoun of the mention layer, or says it "was responsible";
# a date hanging on the verb of claiming is the claim's and keeps no second incident apart.
STORY_CASES: list[tuple[str, set[str]]] = [
    ("A truck bomb wrecked a customs post near Spin Boldak on Monday, killing five guards. The "
     "post had been reopened in May. On Wednesday, Tehrik-i-Taliban Pakistan claimed "
     "responsibility for the bombing.", {"Tehrik-i-Taliban Pakistan"}),
    ("Raiders burned a clinic in Kamanyola on Friday, killing three nurses. The Allied Democratic "
     "Forces have been active nearby for years. Two days later it claimed responsibility.",
     {"Allied Democratic Forces"}),
    ("Masked men seized a ferry on Lake Kivu on Sunday and killed its pilot. The Allied Democratic "
     "Forces, which has long raided the shore, said it was responsible.", {"Allied Democratic Forces"}),
    ("Assailants ambushed a supply convoy near Gao on Tuesday, killing 11 drivers. Jama'at Nusrat "
     "al-Islam wal-Muslimin claimed the ambush on Thursday.", {"Jama'at Nusrat al-Islam wal-Muslimin"}),
    # blame or suspicion told in a sentence of its own
    ("A grenade exploded at a bus stand in Anantnag on Friday, wounding 14 people. Police blamed "
     "Hizbul Mujahideen.", {"Hizbul Mujahideen"}),
    ("A roadside bomb destroyed a truck near Kidal on Monday, killing three drivers. Officials suspect "
     "Ansar Dine.", {"Ansar Dine"}),
    ("Gunmen torched a police post near Sukma on Friday. The district chief said the Communist "
     "Party of India (Maoist) was behind it.", {"Communist Party of India (Maoist)"}),
]


@pytest.mark.parametrize("text,expected", STORY_CASES, ids=[c[0][:40] for c in STORY_CASES])
def test_a_claim_in_another_sentence_credits_the_incident(text: str, expected: set[str]) -> None:
    ex = run(text, PUB)
    n = names(ex)
    attacks = [e for e in ex["events"] if e["type"] == "attack"]
    assert len(attacks) == 1, attacks            # the claim is no second incident
    assert {n[p] for p in attacks[0]["perpetrators"]} == expected


def test_blame_for_no_one_incident_credits_none() -> None:
    text = ("Gunmen shot dead two teachers in Mandera on Monday. Officials have long blamed "
            "al-Shabaab for the rise in violence along the border.")
    assert all(p == set() for p in _attack_perps(text))


def test_a_blame_after_a_claimed_incident_adds_no_second_perpetrator() -> None:
    text = ("A bomb killed six people at a bus stop in Jalalabad on Friday. Islamic State Khorasan "
            "Province claimed the attack. The governor blamed the Afghan Taliban.")
    assert _attack_perps(text) == [{"Islamic State Khorasan Province"}]


def test_a_group_that_says_it_was_not_responsible_is_no_perpetrator() -> None:
    text = ("Gunmen shot dead two teachers in Mandera on Monday. Al-Shabaab said it was not "
            "responsible for the killings.")
    assert all(p == set() for p in _attack_perps(text))
