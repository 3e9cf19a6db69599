"""Ties read by the pattern table over the dependency parse (issue 8, point 3): one case per
construction, on sentences written for these tests (none taken from the dev corpus, the Mapping
Militants descriptions or the UN narratives). A new row in data/patterns/ties.jsonl gets a case
here."""
from __future__ import annotations

import pytest
from extract_helpers import has_tie, rels, run

from militantmap.extract.patterns import TIE_TYPES, load_patterns, parse_path, tie_patterns

CASES = [
    # allegiance_to
    ("pledge_allegiance", "In a video released on Friday, Ansaru swore loyalty to al-Qaeda.",
     [("Ansaru", "allegiance_to", "al-Qaeda")]),
    ("pledge_allegiance (coordination)", "Ansar Dine and Boko Haram pledged allegiance to al-Qaeda last year.",
     [("Ansar Dine", "allegiance_to", "al-Qaeda"), ("Boko Haram", "allegiance_to", "al-Qaeda")]),
    ("join", "Months later, Hizbul Islam joined al-Shabaab after losing Kismayo.",
     [("Hizbul Islam", "allegiance_to", "al-Shabaab")]),
    ("merge_into", "Jamaat-ul-Ahrar merged back into Tehrik-i-Taliban Pakistan after a long split.",
     [("Jamaat-ul-Ahrar", "allegiance_to", "Tehrik-i-Taliban Pakistan")]),
    ("absorbed_passive", "By 2012 Ansaru had been absorbed into Boko Haram, analysts say.",
     [("Ansaru", "allegiance_to", "Boko Haram")]),
    ("become_part", "In 2013 Ansar Dine became a branch of al-Qaeda in the Islamic Maghreb.",
     [("Ansar Dine", "allegiance_to", "al-Qaeda in the Islamic Maghreb")]),
    ("operate_under", "Officials believe the cell operates under Lashkar-e-Taiba, which trains its men.",
     []),  # a cell nobody named: nothing to tie
    ("under_the_umbrella_of", "Jamaat-ul-Ahrar now fights under the umbrella of Tehrik-i-Taliban Pakistan.",
     [("Jamaat-ul-Ahrar", "allegiance_to", "Tehrik-i-Taliban Pakistan")]),
    ("take_orders_from", "Ansar Dine takes its orders from al-Qaeda in the Islamic Maghreb, officials say.",
     [("Ansar Dine", "allegiance_to", "al-Qaeda in the Islamic Maghreb")]),
    # faction_of
    ("split_from (conj verb)", "Hizbul Islam broke away from al-Shabaab and later joined the Islamic State.",
     [("Hizbul Islam", "faction_of", "al-Shabaab"), ("Hizbul Islam", "allegiance_to", "Islamic State")]),
    ("split_from (relative clause)", "Police blamed Ansaru, a group that splintered from Boko Haram, for the kidnapping.",
     [("Ansaru", "faction_of", "Boko Haram")]),
    ("part_noun (copula)", "Jamaat-ul-Ahrar is an offshoot of Tehrik-i-Taliban Pakistan.",
     [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("part_noun_modifier", "Analysts call Jamaat-ul-Ahrar a splinter group of Tehrik-i-Taliban Pakistan, "
     "and Jamaat-ul-Ahrar was set up as a splinter group of Tehrik-i-Taliban Pakistan in 2014.",
     [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("formed_by_members_of", "Ansaru was founded by former members of Boko Haram in 2012.",
     [("Ansaru", "faction_of", "Boko Haram")]),
    ("leave", "After the 2014 dispute Jamaat-ul-Ahrar quit Tehrik-i-Taliban Pakistan for good.",
     [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("defect_to", "Hundreds of its men later defected to the Islamic State, but Ansaru itself switched to al-Qaeda.",
     [("Ansaru", "allegiance_to", "al-Qaeda")]),
    # cooperates_with
    ("cooperate_with", "Ahrar al-Sham coordinated with the al-Nusra Front during the siege.",
     [("Ahrar al-Sham", "cooperates_with", "al-Nusra Front")]),
    ("list under a quantity", "Hezbollah has coordinated with a number of other groups, such as Hamas and Ansaru.",
     [("Hezbollah", "cooperates_with", "Hamas"), ("Hezbollah", "cooperates_with", "Ansaru")]),
    ("alongside", "Ansar Dine fighters battled alongside al-Qaeda in the Islamic Maghreb in Gao.",
     [("Ansar Dine", "cooperates_with", "al-Qaeda in the Islamic Maghreb")]),
    ("joint_action", "Hamas and Palestinian Islamic Jihad staged a joint rocket barrage on Sunday.",
     [("Hamas", "cooperates_with", "Palestinian Islamic Jihad")]),
    ("are_allies", "Hamas and Hezbollah are longtime allies.",
     [("Hamas", "cooperates_with", "Hezbollah")]),
    ("with_each_other", "Hamas, Hezbollah and other militias cooperated with one another and with the army.",
     [("Hamas", "cooperates_with", "Hezbollah")]),
    ("in_league_with", "Prosecutors say Lashkar-e-Taiba acted in league with Jaish-e-Mohammed.",
     [("Lashkar-e-Taiba", "cooperates_with", "Jaish-e-Mohammed")]),
    # rivals
    ("fight_object", "Last month al-Shabaab fighters ambushed Islamic State fighters near Qandala.",
     [("al-Shabaab", "rivals", "Islamic State")]),
    ("fight_against", "Since 2015 Ahrar al-Sham has fought against the Islamic State in Aleppo.",
     [("Ahrar al-Sham", "rivals", "Islamic State")]),
    ("clash_with", "Boko Haram developed a bitter rivalry with ISWAP after 2016.",
     [("Boko Haram", "rivals", "Islamic State West Africa Province")]),
    ("rivalry_between", "The feud between Hamas and Fatah al-Islam cost dozens of lives.",
     [("Hamas", "rivals", "Fatah al-Islam")]),
    ("take_from", "The al-Nusra Front seized two villages from Ahrar al-Sham on Tuesday.",
     [("al-Nusra Front", "rivals", "Ahrar al-Sham")]),
    ("gerund subject", "Hezbollah claimed responsibility for killing an Islamic State commander in Qalamoun.",
     [("Hezbollah", "rivals", "Islamic State")]),
    ("force_out", "In 2013 Hezbollah forced the al-Nusra Front out of the border town.",
     [("Hezbollah", "rivals", "al-Nusra Front")]),
    ("led_offensive_against", "The new push against Boko Haram is being led by ISWAP, residents say.",
     [("Islamic State West Africa Province", "rivals", "Boko Haram")]),
    ("fighting_with_noun", "Hamas remains locked in heavy fighting with Fatah al-Islam near the camp.",
     [("Hamas", "rivals", "Fatah al-Islam")]),
    # supports
    ("support_object", "Investigators found that al-Qaeda funded Ansaru for years.",
     [("al-Qaeda", "supports", "Ansaru")]),
    ("supported_by", "Jaish-e-Mohammed was trained by al-Qaeda in the 1990s.",
     [("al-Qaeda", "supports", "Jaish-e-Mohammed")]),
    ("receive_support_from", "Boko Haram received weapons from al-Qaeda in the Islamic Maghreb.",
     [("al-Qaeda in the Islamic Maghreb", "supports", "Boko Haram")]),
    ("provide_support_to", "Hezbollah provided training to Kata'ib Hezbollah in Lebanon.",
     [("Hezbollah", "supports", "Kata'ib Hezbollah")]),
    # affiliated_with
    ("linked_to", "Ansar Dine has long been linked to al-Qaeda in the Islamic Maghreb.",
     [("Ansar Dine", "affiliated_with", "al-Qaeda in the Islamic Maghreb")]),
    ("ties_with", "Lashkar-e-Taiba maintains close ties with Jaish-e-Mohammed.",
     [("Lashkar-e-Taiba", "affiliated_with", "Jaish-e-Mohammed")]),
    # the mention layer: pronouns and member nouns
    ("pronoun it (previous subject)", "Ansaru was founded in 2012 in northern Nigeria. Three years later it "
     "pledged allegiance to the Islamic State.",
     [("Ansaru", "allegiance_to", "Islamic State")]),
    ("pronoun its (same sentence)", "Hezbollah said its fighters had clashed with the al-Nusra Front.",
     [("Hezbollah", "rivals", "al-Nusra Front")]),
    ("the two groups", "Hamas met Palestinian Islamic Jihad leaders in Cairo. The two groups are allies.",
     [("Hamas", "cooperates_with", "Palestinian Islamic Jihad")]),
    ("the groups", "Hamas fighters met Hezbollah envoys in Beirut. Later the groups coordinated with each other.",
     [("Hamas", "cooperates_with", "Hezbollah")]),
    ("leader stands for the group", "Boko Haram leader Ali Modu swore allegiance to the Islamic State.",
     [("Boko Haram", "allegiance_to", "Islamic State")]),
    # official prose (sanction lists): bracketed list references, "in conjunction with", mergers
    ("list broken by bracketed references", "Hezbollah trains with several armed movements, such as "
     "Hamas (file KX.31), Ansaru (file KX.07), and al-Shabaab.",
     [("Hezbollah", "cooperates_with", "Hamas"), ("Hezbollah", "cooperates_with", "Ansaru"),
      ("Hezbollah", "cooperates_with", "al-Shabaab")]),
    ("list broken by a bracket before 'and'", "For years Ansaru kept links with al-Qaeda in the Islamic "
     "Maghreb (AQIM) (KX.14) and Boko Haram.",
     [("Ansaru", "affiliated_with", "al-Qaeda in the Islamic Maghreb"), ("Ansaru", "affiliated_with", "Boko Haram")]),
    ("join_fighters", "Last spring Ansar Dine militants joined al-Mourabitoun fighters to storm the base.",
     [("Ansar Dine", "cooperates_with", "al-Mourabitoun")]),
    ("faction_formed", "Back in 2011 a hardline faction of Boko Haram formed Ansaru, officials said.",
     [("Ansaru", "faction_of", "Boko Haram")]),
    ("coordinated_action", "Groups including Ahrar al-Sham and the al-Nusra Front coordinated a raid on the depot.",
     [("Ahrar al-Sham", "cooperates_with", "al-Nusra Front")]),
    ("act_with", "Hamas held training drills with Palestinian Islamic Jihad near the border.",
     [("Hamas", "cooperates_with", "Palestinian Islamic Jihad")]),
    ("purpose clause lends its subject", "Ansar Dine allied with al-Mourabitoun to fight the MNLA in 2012.",
     [("Ansar Dine", "rivals", "National Movement for the Liberation of Azawad")]),
    ("along side (two words)", "During the civil war Hamas fought along side Hezbollah against the Islamic State.",
     [("Hamas", "cooperates_with", "Hezbollah")]),
    ("emerge_from", "Analysts say Ansaru grew out of a leadership dispute inside Boko Haram around 2011.",
     [("Ansaru", "faction_of", "Boko Haram")]),
    ("result_of_split", "Jamaat-ul-Ahrar, the outcome of internal disagreements within Tehrik-i-Taliban Pakistan, "
     "claimed the bombing.",
     [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("in conjunction with", "Hizbul Islam, in conjunction with al-Shabaab (file KX.2), was blamed for the raids.",
     [("Hizbul Islam", "cooperates_with", "al-Shabaab")]),
    ("in conjunction with", "Ansaru, in conjunction with Boko Haram, was involved in several kidnappings.",
     [("Ansaru", "cooperates_with", "Boko Haram")]),
    ("formed_by_merger (description + name)", "According to officials, Hizbul Islam came out of a "
     "merger of the group Ansaru and three smaller clan militias in 2009.",
     [("Ansaru", "allegiance_to", "Hizbul Islam")]),
    ("formed_by_merger (passive)", "In 2016 Hizbul Islam was set up by a merger of Ansar Dine and al-Mourabitoun.",
     [("Ansar Dine", "allegiance_to", "Hizbul Islam"), ("al-Mourabitoun", "allegiance_to", "Hizbul Islam")]),
    ("split_off_to_form", "Jamaat-ul-Ahrar fragmented in 2017 when many of its members split off "
     "to form Hizb-ul-Ahrar.", [("Hizb-ul-Ahrar", "faction_of", "Jamaat-ul-Ahrar")]),
    ("vows allegiance (surface)", "Ansaru vows allegiance to the Islamic State after a meeting in Kano.",
     [("Ansaru", "allegiance_to", "Islamic State")]),
    # membership of a coalition: each member joined it
    ("coalition_includes (relative clause)", "Tehrik-i-Taliban Pakistan, an umbrella that includes "
     "Jamaat-ul-Ahrar and Lashkar-e-Jhangvi, denied the bombing.",
     [("Jamaat-ul-Ahrar", "allegiance_to", "Tehrik-i-Taliban Pakistan"),
      ("Lashkar-e-Jhangvi", "allegiance_to", "Tehrik-i-Taliban Pakistan")]),
    ("coalition_includes (subject)", "Today Hay'at Tahrir al-Sham comprises Harakat Nour al-Din al-Zenki "
     "and several smaller brigades.",
     [("Harakat Nour al-Din al-Zenki", "allegiance_to", "Hay'at Tahrir al-Sham")]),
    ("bring_together (participle)", "Jama'at Nusrat al-Islam wal-Muslimin was created in 2017, bringing "
     "together Ansar Dine, Katiba Macina and al-Mourabitoun.",
     [("Ansar Dine", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("Katiba Macina", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("al-Mourabitoun", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin")]),
    ("made_up_of", "Since March, Jama'at Nusrat al-Islam wal-Muslimin has been made up of Katiba Macina "
     "and Ansar Dine.",
     [("Katiba Macina", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("Ansar Dine", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin")]),
    ("coalition_of", "Officials say Jama'at Nusrat al-Islam wal-Muslimin is a coalition of Katiba Macina "
     "and al-Mourabitoun.",
     [("Katiba Macina", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("al-Mourabitoun", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin")]),
    ("coalition_includes: members of a group are no member group", "Today Hizbul Islam includes "
     "former members of al-Shabaab.", []),
    # a leader's act is his group's, wherever the article said he leads it
    ("leader stands for his group (surname)", "Musa Baluku, the leader of the Allied Democratic Forces, "
     "spoke in a video. In 2016 Baluku pledged allegiance to the Islamic State.",
     [("Allied Democratic Forces", "allegiance_to", "Islamic State")]),
    ("leader stands for his group (pronoun)", "Abubakar Shekau has led Boko Haram since 2009. Last "
     "year he swore loyalty to Abu Bakr al-Baghdadi, the leader of the Islamic State.",
     [("Boko Haram", "allegiance_to", "Islamic State")]),
    # "the group's" inside an appositive names another group than the one described
    ("appositive: the group's wing", "Palestinian Islamic Jihad lost two commanders on Monday. The "
     "Jenin Battalion, an offshoot of the group's al-Quds Brigades armed wing, vowed revenge.",
     [("Jenin Brigade", "faction_of", "al-Quds Brigades"),
      ("al-Quds Brigades", "faction_of", "Palestinian Islamic Jihad")]),
    # round 3: constructions seen in descriptions of ties, tried in other words
    ("join_forces_to_form", "Last spring Katiba Macina and Ansar Dine joined forces to create Jama'at "
     "Nusrat al-Islam wal-Muslimin.",
     [("Katiba Macina", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("Ansar Dine", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin")]),
    ("join_forces_to_form (list parsed as apposition)", "In 2017, al-Mourabitoun, Katiba Macina and "
     "Ansar Dine united to found Jama'at Nusrat al-Islam wal-Muslimin.",
     [("al-Mourabitoun", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("Katiba Macina", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin")]),
    ("formed_by_merger (purpose clause)", "Turkey oversaw a merger of several rebel factions, including "
     "Harakat Nour al-Din al-Zenki, to form Hay'at Tahrir al-Sham.",
     [("Harakat Nour al-Din al-Zenki", "allegiance_to", "Hay'at Tahrir al-Sham")]),
    ("fight alongside X against Y", "Along the border, Kataib Hezbollah fought alongside Hezbollah "
     "against al-Nusra Front for two years.",
     [("Kata'ib Hezbollah", "cooperates_with", "Hezbollah"), ("Kata'ib Hezbollah", "rivals", "al-Nusra Front")]),
    ("fought together against Y", "Ansaru and Boko Haram fought together against the Islamic State "
     "West Africa Province near Lake Chad.",
     [("Ansaru", "rivals", "Islamic State West Africa Province"),
      ("Boko Haram", "rivals", "Islamic State West Africa Province")]),
    ("fight_object (possessed noun)", "Hizbul Islam was set up in 2009 to counter al-Shabaab's influence.",
     [("Hizbul Islam", "rivals", "al-Shabaab")]),
    ("fight_against (active against)", "For years Hamas has been active against Fatah al-Islam in the camps.",
     [("Hamas", "rivals", "Fatah al-Islam")]),
    ("rivalry_between (gerund parsed as a verb)", "Fighting between Hizbul Islam and al-Shabaab "
     "displaced thousands near Kismayo.", [("Hizbul Islam", "rivals", "al-Shabaab")]),
    ("answer_to (verb tagged as a noun; possessed object)", "Ansaru reports to Boko Haram's shura, a "
     "defector said.", [("Ansaru", "allegiance_to", "Boko Haram")]),
    ("become_part (possessive)", "In 2019 Ansar Dine became al-Qaeda's Saharan branch.",
     [("Ansar Dine", "allegiance_to", "al-Qaeda")]),
    ("operate_under (possessed umbrella)", "Today Jamaat-ul-Ahrar operates under Tehrik-i-Taliban "
     "Pakistan's banner again.", [("Jamaat-ul-Ahrar", "allegiance_to", "Tehrik-i-Taliban Pakistan")]),
    ("parent_group (copula)", "Analysts regard Tehrik-i-Taliban Pakistan as the parent organisation of "
     "Jamaat-ul-Ahrar, and Tehrik-i-Taliban Pakistan is the parent group of Lashkar-e-Islam.",
     [("Lashkar-e-Islam", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("parent_group (possessive apposition)", "Jamaat-ul-Ahrar's parent movement, Tehrik-i-Taliban "
     "Pakistan, distanced itself from the bombing.",
     [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("parent_group ('its' inside the apposition is not the head)", "Jamaat-ul-Ahrar said it planted "
     "the bomb. Tehrik-i-Taliban Pakistan, its parent group, condemned it.",
     [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("parent_group (compound, under a denial)", "Hizbul Islam said it planted the bomb. Its parent "
     "group al-Shabaab denied any role.", [("Hizbul Islam", "faction_of", "al-Shabaab")]),
    ("have_links (reciprocal)", "Investigators think Ansaru and Boko Haram still maintain close ties.",
     [("Ansaru", "affiliated_with", "Boko Haram")]),
    ("formed_by_members_of (who left)", "The Real IRA was formed in 1997 by dissidents who left the "
     "Provisional IRA in protest at the peace process.",
     [("Real IRA", "faction_of", "Provisional Irish Republican Army")]),
    ("formed_by_members_of (who broke away)", "Jamaat-ul-Ahrar was founded by commanders who broke away "
     "from the Tehrik-i-Taliban Pakistan.", [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("ally_of (compound)", "Boko Haram, an al-Qaeda ally in the early 2010s, later split.",
     [("Boko Haram", "cooperates_with", "al-Qaeda")]),
    ("backer_of (compound)", "Hezbollah, a key Hamas backer, fired rockets on Monday.",
     [("Hezbollah", "supports", "Hamas")]),
    ("rival_of (compound)", "Jaish al-Adl, a longtime Ansar al-Furqan rival, attacked the border post.",
     [("Jaish al-Adl", "rivals", "Ansar al-Furqan")]),
    ("with_support_from", "The Abu Sayyaf Group was founded in the early 1990s with funding from al-Qaeda.",
     [("al-Qaeda", "supports", "Abu Sayyaf Group")]),
    ("with_support_from (of)", "The Taliban retook the province with the help of al-Qaeda fighters.",
     [("al-Qaeda", "supports", "Afghan Taliban")]),
    # members of a group found a new one: the new one is its splinter (session 10)
    ("faction_formed (members of)", "Dissidents from Hamas formed the Army of Islam in 2006.",
     [("Army of Islam (Gaza)", "faction_of", "Hamas")]),
    ("faction_formed (compound)", "Some Ansar Dine fighters later established the Macina Liberation Front.",
     [("Katiba Macina", "faction_of", "Ansar Dine")]),
    ("faction_formed (controlled form)", "Disgruntled TTP commanders went on to form Jamaat-ul-Ahrar in 2014.",
     [("Jamaat-ul-Ahrar", "faction_of", "Tehrik-i-Taliban Pakistan")]),
    ("faction_formed (within)", "Hardliners within the IRA created the Real IRA.",
     [("Real IRA", "faction_of", "Irish Republican Army")]),
    ("faction_formed (no group formed)", "Islamic State fighters formed a cordon around the town.", []),
    ("joint_deed", "Fighters from al-Shabaab and Hizbul Islam stormed the base on Friday.",
     [("al-Shabaab", "cooperates_with", "Hizbul Islam")]),
    ("joint_deed (member compounds)", "Hamas and Islamic Jihad fighters captured two soldiers near the border.",
     [("Hamas", "cooperates_with", "Palestinian Islamic Jihad")]),
    ("linked_to (participle after an agent)", "The assault was led by Ansar Dine, linked to AQIM.",
     [("Ansar Dine", "affiliated_with", "al-Qaeda in the Islamic Maghreb")]),
    ("linked_to (participle after an object)", "Police blamed Ansar Dine, linked to AQIM, for the attack.",
     [("Ansar Dine", "affiliated_with", "al-Qaeda in the Islamic Maghreb")]),
    ("formed_by_merger (a group formed as a merger)", "JNIM, a coalition formed as a merger of Ansar Dine, "
     "Katiba Macina and al-Mourabitoun, claimed the raid.",
     [("Ansar Dine", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("al-Mourabitoun", "allegiance_to", "Jama'at Nusrat al-Islam wal-Muslimin")]),
    ("formed_by_merger (copula)", "Hizbul Islam is an alliance formed in 2009 by a merger of Ras Kamboni "
     "Brigade and Jabhatul Islamiya.",
     [("Ras Kamboni Brigade", "allegiance_to", "Hizbul Islam")]),
    ("claim_jointly (along with)", "Ansar Dine claimed the attack along with al-Mourabitoun.",
     [("Ansar Dine", "cooperates_with", "al-Mourabitoun")]),
    ("claim_jointly (together with)", "Ansar Dine claimed responsibility for the raid together with "
     "al-Mourabitoun.", [("Ansar Dine", "cooperates_with", "al-Mourabitoun")]),
    ("locked_in_war", "JNIM and ISSP have been locked in a turf war since 2020.",
     [("Jama'at Nusrat al-Islam wal-Muslimin", "rivals", "Islamic State Sahel Province")]),
    ("locked_in_war (with)", "Al-Shabaab is embroiled in a feud with Hizbul Islam.",
     [("al-Shabaab", "rivals", "Hizbul Islam")]),
    ("pit_against", "Clashes pitting al-Shabaab against Hizbul Islam killed 20 people.",
     [("al-Shabaab", "rivals", "Hizbul Islam")]),
    ("rivals_apposed", "Al-Shabaab and Hizbul Islam, bitter rivals, fought in Puntland.",
     [("al-Shabaab", "rivals", "Hizbul Islam")]),
    ("turn_on", "JNIM and ISSP, once allies, turned on each other in 2020.",
     [("Jama'at Nusrat al-Islam wal-Muslimin", "rivals", "Islamic State Sahel Province")]),
    ("surface 'feud between' (the parse made the second name a subject)",
     "The feud between JNIM and ISSP escalated.",
     [("Jama'at Nusrat al-Islam wal-Muslimin", "rivals", "Islamic State Sahel Province")]),
    ("agree_with", "Hamas agreed with Islamic Jihad to form a joint command.",
     [("Hamas", "cooperates_with", "Palestinian Islamic Jihad")]),
    ("agree_reciprocal", "In 1986, the LTTE and EROS agreed to share training camps in Vavuniya.",
     [("Liberation Tigers of Tamil Eelam", "cooperates_with", "Eelam Revolutionary Organization of Students")]),
]


@pytest.mark.parametrize(("construction", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_tie_construction(construction, text, expected):
    found = rels(run(text))
    for a, type_, b in expected:
        assert has_tie(found, a, type_, b), f"{construction}: {(a, type_, b)} not in {found}"


# Negation, modality and attribution keep working on the new layer.
def test_a_negated_pledge_is_negated():
    ex = run("Ansaru did not pledge allegiance to the Islamic State, its leader insisted.")
    neg = [r for r in ex["relations"] if r["type"] == "allegiance_to"]
    assert neg and all(r["polarity"] == "negated" for r in neg)


def test_an_ended_alliance_is_negated_cooperation():
    ex = run("Ansar Dine broke off its partnership with al-Mourabitoun after the French offensive.")
    coop = [r for r in ex["relations"] if r["type"] == "cooperates_with"]
    assert coop and all(r["polarity"] == "negated" for r in coop)


@pytest.mark.parametrize("text", [
    "Hamas and Islamic Jihad agreed to abide by the truce.",
    "Hamas and Islamic Jihad agreed to stop attacks on each other.",
    "Hamas and Islamic Jihad did not agree to share weapons.",
    "Islamic State fighters formed a cordon around the town.",
    # two groups that each did such things, not one deed together
    "Boko Haram and ISWAP have both attacked military bases in Borno.",
    "Islamic State and al-Qaeda attack civilians regularly.",
    # two groups on one side against a third, or rivals of someone else
    "JNIM and ISSP are locked in a war against the army.",
    "Hamas and Fatah, rivals of Israel, met in Cairo.",
])
def test_agreeing_to_a_truce_or_forming_a_cordon_is_no_cooperation_or_splinter(text):
    found = rels(run(text))
    assert not [r for r in found if r[1] in ("cooperates_with", "faction_of", "rivals")], found


@pytest.mark.parametrize(("text", "backer", "backed"), [
    ("The Hezbollah-backed Kataib Hezbollah launched drones at the base.", "Hezbollah", "Kata'ib Hezbollah"),
    ("The Hamas-funded Popular Resistance Committees fired rockets.", "Hamas", "Popular Resistance Committees"),
    ("Kataib Hezbollah, a Hezbollah-trained militia, fired rockets.", "Hezbollah", "Kata'ib Hezbollah"),
])
def test_a_group_backed_participle_before_a_group_is_support(text, backer, backed):
    assert has_tie(rels(run(text)), backer, "supports", backed)


def test_a_state_backed_group_has_no_group_backer():
    assert not rels(run("The Iran-backed Houthis seized the port of Hodeidah."))


@pytest.mark.parametrize(("text", "expected"), [
    # the object is the one of the last pledge before, whoever made it
    ("Ansar Dine swore loyalty to al-Qaeda in the Islamic Maghreb in 2012. Months later, "
     "Katiba Macina and al-Mourabitoun also pledged their allegiance.",
     [("Katiba Macina", "allegiance_to", "al-Qaeda in the Islamic Maghreb"),
      ("al-Mourabitoun", "allegiance_to", "al-Qaeda in the Islamic Maghreb")]),
    ("Analysts say several Sahel groups have pledged allegiance to the Islamic State. Boko Haram "
     "renewed its oath last year.", [("Boko Haram", "allegiance_to", "Islamic State")]),
])
def test_a_pledge_that_leaves_its_object_unsaid_is_to_the_last_one_named(text, expected):
    found = rels(run(text))
    for a, type_, b in expected:
        assert has_tie(found, a, type_, b), f"{(a, type_, b)} not in {found}"


@pytest.mark.parametrize("text", [
    "Ansar Dine seized Kidal in 2012. Later, Ansaru swore allegiance.",   # to whom: nobody named
    "Ansaru swore allegiance to al-Qaeda. Boko Haram has not pledged allegiance.",
])
def test_an_unsaid_object_with_no_pledge_before_or_a_denied_pledge_ties_nothing(text):
    found = rels(run(text))
    assert not [t for t in found if t[0] in ("Ansaru", "Boko Haram") and t[2] != "al-Qaeda"], found
    assert not [t for t in found if t[0] == "Boko Haram"], found


def test_fighting_alongside_is_still_no_rivalry():
    ex = run("Hezbollah fighters fought side by side with Kataib Hezbollah in Aleppo.")
    assert not [r for r in ex["relations"] if r["type"] == "rivals"]


@pytest.mark.parametrize("text", [
    "Ansar Dine and al-Mourabitoun gunmen battled French troops near Gao, the two groups said.",
    "Hezbollah and Kataib Hezbollah fighters fought Syrian rebels for the town.",
])
def test_two_groups_fighting_a_third_party_are_no_rivals(text):
    # Coordinated subjects of a transitive "fought/battled/clashed" stand side by side
    ex = run(text)
    assert not [r for r in ex["relations"] if r["type"] == "rivals"], ex["relations"]


@pytest.mark.parametrize("text", [
    "The Gulf Cartel and Los Zetas have fought a bloody turf war across Tamaulipas.",
    "Ansar Dine and al-Mourabitoun fought a long battle for control of Kidal.",
])
def test_two_groups_that_fought_a_war_or_a_battle_are_rivals(text):
    # the object of "fought" is the fight itself, with no third party as its opponent
    ex = run(text)
    assert [r["type"] for r in ex["relations"]] == ["rivals"], ex["relations"]


def test_two_groups_that_fought_a_war_against_a_third_party_are_no_rivals():
    ex = run("Ansar Dine and al-Mourabitoun have fought a long bloody war against the Malian army.")
    assert not [r for r in ex["relations"] if r["type"] == "rivals"], ex["relations"]


def test_two_groups_that_clashed_intransitively_are_rivals():
    found = rels(run("Ansar Dine and al-Mourabitoun militants clashed overnight near Kidal."))
    assert has_tie(found, "Ansar Dine", "rivals", "al-Mourabitoun"), found


@pytest.mark.parametrize("text", [
    '"We have cut all ties with the Islamic State," a Boko Haram commander said.',
    "Ansaru has since ended all links with Boko Haram, its leader says.",
])
def test_have_cut_all_ties_is_a_negated_affiliation(text):
    ex = run(text)
    aff = [r for r in ex["relations"] if r["type"] == "affiliated_with"]
    assert aff and all(r["polarity"] == "negated" for r in aff), ex["relations"]


def test_a_headline_states_ties_too():
    ex = run("Clashes between Ansaru and Boko Haram leave dozens dead\n"
             "Dozens of fighters died on the islands on Tuesday, residents said.")
    assert has_tie(rels(ex), "Ansaru", "rivals", "Boko Haram")


def test_a_denial_does_not_reach_a_parent_named_in_a_noun_phrase():
    ex = run("Jamaat-ul-Ahrar said it planted the bomb. Its parent group, Tehrik-i-Taliban "
             "Pakistan, denied any role.")
    ties = [r for r in ex["relations"] if r["type"] == "faction_of"]
    assert ties and all(r["polarity"] == "positive" for r in ties)


def test_a_planned_merger_is_planned():
    ex = run("Jamaat-ul-Ahrar was set to merge into Tehrik-i-Taliban Pakistan by the end of the year.")
    planned = [r for r in ex["relations"] if r["type"] == "allegiance_to"]
    assert planned and planned[0]["modality"] == "planned"


def test_a_reported_tie_carries_its_speaker():
    ex = run("Hamas has coordinated with Palestinian Islamic Jihad for months, a spokesman told AFP.")
    r = [r for r in ex["relations"] if r["type"] == "cooperates_with"]
    assert r and r[0]["modality"] == "reported" and r[0]["attribution"] is not None


def test_it_with_a_non_group_subject_before_is_not_resolved():
    # "it" is the report, not the group: no tie from the pronoun
    ex = run("Hezbollah fighters were seen in the valley. The report was published on Monday. "
             "It was later joined by a second study.")
    assert not ex["relations"]


def test_pleonastic_it_is_no_mention():
    ex = run("Ansar Dine attacked the town on Monday. It is likely that al-Qaeda will join the fight.")
    assert not any(r["type"] == "allegiance_to" for r in ex["relations"])


def test_counted_commanders_do_not_act_for_their_group():
    ex = run("Twelve commanders of Tehrik-i-Taliban Pakistan pledged allegiance to the Islamic State.")
    assert not any(r["type"] == "allegiance_to" for r in ex["relations"])


def test_a_person_subject_blocks_the_previous_group():
    ex = run("Hamas met the envoy in Doha. He said the talks were useful. Later it joined Hezbollah.")
    assert not any(r["type"] == "allegiance_to" for r in ex["relations"])


# The table itself: every row loads, has a known type, paths that parse and an example.
def test_every_row_loads_with_an_example():
    index, patterns = tie_patterns()
    assert patterns and index
    for p in patterns:
        assert p.type in TIE_TYPES and p.example and p.cues
        assert p.subject, p.id


def test_a_bad_path_or_a_row_without_example_is_refused():
    with pytest.raises(ValueError):
        parse_path("nsubj>>")
    with pytest.raises(ValueError):
        load_patterns('{"id": "x", "type": "rivals", "cue": "fight", "subject": "nsubj", "object": "dobj"}')
    with pytest.raises(ValueError):
        load_patterns('{"id": "x", "type": "enemies", "cue": "fight", "subject": "nsubj", '
                      '"object": "dobj", "example": "A fought B."}')


def test_a_participle_describing_another_noun_ties_nothing():
    # "sponsored by Y" describes the festival, not X; "X, backed by Y" still ties
    found = rels(run("Boko Haram claimed a raid on a village festival sponsored by Ansaru last week."))
    assert not any(t == "supports" for _, t, _ in found), found
    found = rels(run("Hamas, backed by Hezbollah for a decade, fired rockets."))
    assert ("Hezbollah", "supports", "Hamas") in found


def test_two_groups_allied_with_a_third_are_not_allied_with_each_other():
    found = rels(run("Hamas and Hezbollah, two movements that have been allied with Iran and the Houthis, fought on."))
    assert ("Hamas", "cooperates_with", "Hezbollah") not in found and ("Hezbollah", "cooperates_with", "Hamas") not in found
    found = rels(run("Hamas and Hezbollah have long been allied."))
    assert has_tie(found, "Hamas", "cooperates_with", "Hezbollah")


def test_a_denial_in_the_main_clause_leaves_the_appositive_tie_standing():
    ex = run("Ansaru, a splinter of Boko Haram, denied any role in the kidnapping.")
    r = [r for r in ex["relations"] if r["type"] == "faction_of"]
    assert r and r[0]["polarity"] == "positive", ex["relations"]


def test_a_leader_of_two_groups_stands_for_neither():
    found = rels(run("Iyad Ag Ghaly, the leader of Ansar Dine, also leads Jama'at Nusrat al-Islam wal-Muslimin. "
                     "Ag Ghaly fought the Islamic State in 2020."))
    assert not any(t == "rivals" and "Islamic State" in (a, b) for a, t, b in found), found


def test_a_name_that_holds_its_parents_name_is_its_faction():
    found = rels(run("Gunmen from al-Qaeda in the Arabian Peninsula stormed a base in Abyan. "
                     "Al-Qaeda's central leadership praised the raid."))
    assert ("al-Qaeda in the Arabian Peninsula", "faction_of", "al-Qaeda") in found, found


def test_a_name_holding_a_word_of_another_group_ties_nothing():
    # "Taliban" in the name of the Pakistani Taliban: no branch of the Afghan Taliban
    found = rels(run("Tehrik-i-Taliban Pakistan attacked a checkpoint in Bannu. The Afghan Taliban "
                     "denied any role."))
    assert not any(t == "faction_of" for _, t, _ in found), found


def test_a_stated_tie_wins_over_the_name():
    found = rels(run("The Islamic State West Africa Province pledged allegiance to the Islamic State in 2015."))
    types = {t for a, t, b in found if {a, b} == {"Islamic State West Africa Province", "Islamic State"}}
    assert types == {"allegiance_to"}, found


NARRATIVE = """Ansar Dine was listed on 20 March 2013 as being associated with Al-Qaida.
Ansar Dine took control of Kidal in 2012 and imposed its rule on the town.
Ansar Dine fighters were later seen near Gao.

Related listed individuals and entities:
Al-Mourabitoun (QDe.141), listed on 2 June 2014
Boko Haram (QDe.138), listed on 22 May 2014
Iyad ag Ghali (QDi.316), listed on 25 February 2013
"""


def test_a_narratives_related_list_ties_its_subject_to_each_group():
    found = rels(run(NARRATIVE))
    assert has_tie(found, "Ansar Dine", "affiliated_with", "al-Mourabitoun"), found
    assert has_tie(found, "Ansar Dine", "affiliated_with", "Boko Haram"), found
    assert not has_tie(found, "al-Mourabitoun", "affiliated_with", "Boko Haram"), found


def test_without_the_heading_a_list_of_groups_ties_nothing():
    found = rels(run(NARRATIVE.replace("Related listed individuals and entities:", "See also:")))
    assert not any({a, b} == {"Ansar Dine", "Boko Haram"} for a, _, b in found), found


def test_reportedly_makes_a_tie_reported_without_a_speaker():
    ex = run("In 2016 the Allied Democratic Forces reportedly pledged allegiance to the Islamic State.")
    r = [r for r in ex["relations"] if r["type"] == "allegiance_to"]
    assert r and r[0]["modality"] == "reported" and r[0]["attribution"] is None, ex["relations"]


def test_a_cue_between_two_names_the_parse_lost_is_read():
    # the parser makes "rivalry" a conjunct of the first name: the words still say it
    found = rels(run("Given the Islamic State's and al-Qaeda's rivalry, the move surprised analysts."))
    assert has_tie(found, "Islamic State", "rivals", "al-Qaeda"), found


def test_the_fallback_reads_no_tie_when_the_cues_disagree_or_the_names_are_far_apart():
    found = rels(run("Hamas, whose alliance with Iran has survived years of fighting, condemned Hezbollah."))
    assert not found, found
    found = rels(run("Hamas said on Monday that the long and bitter months of talks in Doha, Cairo and "
                     "elsewhere had brought no rivalry to an end, while Hezbollah stayed silent."))
    assert not any(t == "rivals" for _, t, _ in found), found


def test_a_name_does_not_run_on_through_a_bare_the():
    # "the ADF the Congolese branch of IS": two noun phrases, not one name "ADF the Congolese"
    ex = run("Kampala calls the ADF the Congolese branch of the Islamic State.")
    assert not any(" the " in e["name"] for e in ex["entities"]), [e["name"] for e in ex["entities"]]
    # ... while "of the" inside a name still links its words
    ex = run("The militant group Brigade of the Martyrs of Derna claimed the attack.")
    assert "Brigade of the Martyrs of Derna" in [e["name"] for e in ex["entities"]], ex["entities"]
