"""Events: attacks, leaders killed, arrests, bans and military operations.

A sentence reports an event when it holds a trigger ("stormed", "suicide bombing", "arrested",
"designated ... as a Foreign Terrorist Organization", "military offensive") and an anchor that
makes it a real incident rather than talk about violence: a date, a place, a toll, a claim or a
named perpetrator. Threats, plans and habits ("vowed to attack", "often targets") are not events.
An article reports one incident in many sentences, so a new mention is merged into the previous
event of its type unless it names another date or place or says "another"; the sentence with the
most facts becomes the event's evidence.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from militantmap.extract.context import (
    ARMED_GROUP,
    PERSON,
    Context,
    agent_of_participle,
    doc_ents,
    doc_words,
    evidence,
    span_ents,
    span_text,
)
from militantmap.extract.coref import Description
from militantmap.extract.dates import resolve_date
from militantmap.extract.event_patterns import lemmas
from militantmap.extract.geo import get_geocoder
from militantmap.extract.numbers import Count, parse_count
from militantmap.extract.people import SURNAME, find_person_mentions
from militantmap.extract.perpetrators import (
    anonymous_actors,
    blamed,
    credited,
    modified_group,
    pronoun_perpetrators,
)

_STORY_SPAN = 1500  # characters: how far back a plain 'the fighters' looks for its group

def _alternation(words) -> str:
    """A regex alternation of a lexicon row's phrases, longest first; a space or hyphen inside a
    phrase matches a space, a hyphen or nothing ("jailbreak", "jail break", "jail-break")."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        out.append(r"[\s-]?".join(re.escape(part) for part in re.split(r"[\s-]+", w)))
    return "|".join(out)


# nouns that name an attack with no verb of harm beside them ("the jailbreak freed 300 inmates")
_EXTRA_INCIDENTS = _alternation(lemmas("events_triggers", "incident_noun_extra"))
# militants who died in an encounter / operation with the forces (row forces_toll)
_FORCES_TOLL = (
    rf"(?:{_alternation(lemmas('events_triggers', 'forces_toll', 'victims'))})\s+(?:[\w’'-]+\s+){{0,5}}?"
    r"(?:(?:were|was|have\s+been|had\s+been|got)\s+(?:\w+\s+)?(?:killed|slain|gunned\s+down|shot\s+dead|"
    r"neutrali[sz]ed|eliminated)|died|perished)\s+(?:[\w-]+\s+){0,3}?in\s+(?:an?\s+|the\s+|[\w-]+\s+){0,2}?"
    rf"(?:{_alternation(lemmas('events_triggers', 'forces_toll'))})\s+(?:with|by|of|involving|"
    r"(?:carried\s+out|conducted|launched)\s+by)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    rf"(?:{_alternation(lemmas('events_triggers', 'forces_toll', 'forces'))})"
)

# "managed to storm", "went on to attack" (row implicative): fixed-width look-behinds, one a phrase
_IMPLICATIVE = "(?:{})(?:{})".format(
    "|".join(rf"(?<={re.escape(p).replace(chr(92) + ' ', chr(92) + 's')}\s)"
             for p in sorted(lemmas("events_triggers", "implicative"))),
    "|".join(sorted(lemmas("events_triggers", "implicative", "verbs"))))

# where a leader's death is an event of violence: "died in a drone strike", "in police custody"
_DEATH_SCENES = (r"(?:strike|airstrike|raid|attack|clash|ambush|operation|bombing|explosion|blast|battle|"
                 r"fighting|firefight|gunfight|shootout|encounter|custody|assault|offensive)")

_TRIGGERS: dict[str, re.Pattern[str]] = {
    "leader_killed": re.compile(
        # plural titles too: "two senior leaders of its Jenin branch were killed"
        r"\b(?:(?:(?:leader|chief|founder|co-founder|commander|head|emir|amir|deputy|"
        r"mastermind|ringleader)\b|(?:two|three|four|five|both|\d+)\s+(?:[\w-]+\s+){0,2}?(?:leaders|commanders|"
        r"chiefs|founders|deputies)\b)(?:(?!\b(?:said|says|that|told)\b)[^.;]){0,80}?\b(?:(?:was|were|been|is|got|became)\s+"
        r"(?:\w+\s+)?(?:killed|slain|eliminated|assassinated|shot\s+dead)|blew\s+himself\s+up|"
        r"killed\s+himself|died\s+in\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:strike|airstrike|raid|attack|clash|"
        r"ambush|firefight|gunfight|shootout|operation|bombing|explosion|blast|battle|fighting)|detonat(?:ed|ing)\s+(?:his|a)\s+(?:suicide\s+|explosive\s+)?(?:vest|belt))|(?:killing|death|assassination|elimination)\s+of\s+"
        r"(?:\w+\s+){0,6}?(?:leader|chief|founder|commander|emir))\b",
        re.I,
    ),
    "ban": re.compile(
        r"\b(?:ban(?:ned|s|ning)?\b|proscri(?:bed|be|bes|ption)\b|outlaw(?:ed|s|ing)?\b|blacklist(?:ed|s|ing)?\b|"
        r"designat(?:ed|es|e|ing|ion)\b[^.;]{0,220}?\b(?:terrorist|FTO|SDGT)|terrorist\s+designations?|"
        r"(?:amended|amends|revised|updated)\s+(?:[\w’'-]+\s+){0,6}?designations?|"
        # "the Treasury imposed sanctions on G" (the group right after: not "on Russia")
        r"(?:imposed|imposes|imposing|slapped|levied)\s+(?:new\s+|fresh\s+|further\s+)?sanctions\s+(?:on|against)\b|"
        # the designating authority as the subject: "the Department of State designated X as a ..."
        r"(?:(?<=State\s)|(?<=Treasury\s)|(?<=State\shas\s)|(?<=Treasury\shas\s)|(?<=State\salso\s))designated\b|"
        r"(?:declared|declares|declaring|labell?ed|listed|named)\b[^.;]{0,80}?\b(?:an?\s+)?(?:terrorist|"
        r"proscribed|banned|unlawful)\s+(?:organi[sz]ation|group|entity|outfit|association)|"
        r"(?:added|adds|listed)\b[^.;]{0,40}?\b(?:terror\w*|sanctions?)\s+list|"
        # "added the Bishnoi gang to its list of terrorist entities"
        r"(?:added|adds|adding|placed|put)\b[^.;]{0,60}?\blist\s+of\s+(?:[\w-]+\s+){0,2}?"
        r"(?:terror\w*|proscribed|banned|outlawed|sanctioned))",
        re.I,
    ),
    "arrest": re.compile(
        r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|s|ing)?|apprehend(?:ed|s)?|nabbed|captured|"
        r"taken\s+into\s+custody|rounded\s+up|picked\s+up\s+by\s+(?:police|security)|"
        # police breaking up a cell: "broke up a terrorist cell", "busted a terror module"
        r"(?:broke|break(?:s|ing)?|broken)\s+up\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:cell|network|module|ring)|"
        r"(?:dismantl\w+|bust(?:ed|s|ing)?|neutrali[sz]ed)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:cell|network|module|ring)|(?:cell|network|module|ring)\s+(?:was|were|has\s+been|had\s+been)\s+"
        r"(?:dismantled|busted|broken\s+up|neutrali[sz]ed))\b",
        re.I,
    ),
    "military_operation": re.compile(
        rf"\b(?:{_FORCES_TOLL}|"
        r"(?:military|security|counter-?terror(?:ism|ist)?|army|police|ground|air|joint|"
        r"clearance|clearing)\s+(?:operations?|offensives?|campaigns?|sweeps?|crackdowns?)|"
        r"operations?\s+(?:conducted|carried\s+out|launched|led)\s+by|"
        # "an offensive launched by forces in Puntland", "the army's offensive"
        r"(?:an?|the|its|their|[’']s)\s+(?:[\w-]+\s+){0,2}?offensive(?!\s+(?:remarks?|comments?|language|"
        r"posts?|content|material|weapons?|capabilit\w+|cyber))|"
        r"(?:conducted|carried\s+out|launched)\s+an?\s+(?:\w+\s+){0,2}?operation|offensives?\s+"
        r"against|air\s*strikes?|airstrikes?|drone\s+strikes?|crackdown|bombardment|"
        # a state's strike: "killed in an Israeli strike", "a US strike on a compound" (row state_strike)
        rf"(?:{_alternation(lemmas('events_triggers', 'state_strike'))})\s+strikes?\b|"
        # (the forces as the doers: "soldiers were killed" tells of their death, not an operation)
        # (aircraft too: "US drones struck a camp", "air force jets bombed a hideout"; a group's
        # own drones are its attack, see the kind below)
        r"(?:troops|forces|soldiers|army|military|guards?|jets|warplanes|aircraft|helicopters|gunships|drones)\s+"
        r"(?!(?:were|was|been|being|are|is|have\s+been|had\s+been)\b)"
        r"(?:\w+\s+){0,2}?(?<!were\s)(?<!was\s)(?<!been\s)(?:killed|launched|raided|"
        r"pounded|shelled|struck|bombed|hit|carried\s+out|conducted|stormed|ambushed|overran|"
        # "Somali forces recaptured the town from al-Shabab"
        r"recaptured|retook|liberated|regained\s+control|reclaimed|cleared|dislodged|drove\s+out|flushed\s+out)|"
        # "the army said it had killed 35 Boko Haram fighters"
        # (not the passive "soldiers were killed by G fighters": the fighters did it)
        r"(?:troops|forces|soldiers|army|military|police)\b[^.;]{0,40}?(?<!\bwere\s)(?<!\bwas\s)(?<!\bbeen\s)"
        r"(?<!\bbeing\s)(?<!\bare\s)(?<!\bis\s)\b(?:killed|neutrali[sz]ed|"
        r"eliminated|killing\s+of|deaths?\s+of)\s+(?:(?!by\b)[\w-]+\s+){0,4}?(?:militants|fighters|insurgents|terrorists|jihadists|rebels|"
        r"bandits|members|extremists)|"
        # "the army said it had freed 30 hostages held by G": a rescue is the forces' operation
        r"(?:troops|forces|soldiers|army|military|police|commandos)\b[^.;]{0,40}?(?<!\bwere\s)(?<!\bwas\s)"
        r"\b(?:rescued|freed|liberated)\s+(?:[\w-]+\s+){0,3}?(?:hostages|captives|abductees|kidnap\s+victims|"
        r"students|schoolgirls|schoolchildren|passengers|villagers|women|children|people)|"
        r"(?:militants|fighters|insurgents|terrorists|jihadists|rebels|bandits)\s+(?:[\w-]+\s+){0,4}?"
        r"(?:were|have\s+been|had\s+been)\s+killed\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+)?(?:\w+\s+)?"
        r"(?:troops|forces|soldiers|army|military|police|air\s*strikes?|drone\s+strikes?))\b",
        re.I,
    ),
    "attack": re.compile(
        r"\b(?:attack(?:s|ed|ing)?|assault(?:s|ed)?|bomb(?:ing|ings|ed|s)?|blasts?|explosions?|"
        r"suicide\s+(?:attack|bomb\w*)|raid(?:s|ed)?|ambush(?:ed|es)?|shooting|gunmen|"
        r"storm(?:ed|ing)|massacre[ds]?|car\s+bomb|IEDs?|detonat(?:ed|ing)|blew\s+up|blown\s+up|"
        r"set\s+off|overr(?:an|un)|opened\s+fire|abduct(?:ed|ion)|kidnapp(?:ed|ing)|behead(?:ed|ing)|"
        r"hijack(?:ed|ing)?|siege|"
        # "a patrol came under fire from G militants" (not "came under fire from critics")
        r"c(?:ame|omes?|oming)\s+under\s+(?:[\w-]+\s+){0,2}?(?:gun)?fire\s+from\s+(?:the\s+)?(?:suspected\s+)?"
        r"(?:[\w’'-]+\s+){0,4}?(?:militants|fighters|gunmen|rebels|insurgents|jihadists|attackers|assailants|"
        r"terrorists|extremists|bandits)|"
        # an implicative verb before the bare verb: "G managed to storm a base", "went on to attack"
        rf"{_IMPLICATIVE}|"
        rf"(?:{_EXTRA_INCIDENTS})(?:e?s)?|"
        r"(?:fired|launched)\s+(?:\w+\s+){0,3}?(?:missiles?|rockets?|drones?|mortars?|shells?)|"
        r"(?:seized|captured|overran|took\s+(?:over|control\s+of))\s+(?:control\s+of\s+)?(?:the\s+|an?\s+)?"
        r"(?:[\w-]+\s+){0,3}?(?:towns?|city|cities|villages?|district|base|capital|border\s+crossing|crossing|airport|"
        r"checkpoint|outpost|barracks|garrison|military\s+camp|army\s+camp|stronghold|headquarters|county|"
        r"localit(?:y|ies))\b(?!\s+(?:hall|council|official|resident))|"
        # an armed actor doing the harm: "suspected jihadists killed 15 villagers"
        r"(?:militants|jihadists|gunmen|insurgents|fighters|rebels|bandits|attackers|terrorists|"
        r"extremists|assailants|militiamen|militias)\s+(?!(?:were|was|have|had|been|being|are)\b)(?:[\w-]+\s+){0,2}?"
        r"(?:killed|shot\s+dead|murdered|slaughtered|abducted|torched)\s+(?!by\b)|"
        r"hostages?|rocket\s+fire|mortar|grenade|shelling|killing|assassinat(?:ed|ion|ing)|"
        # "bomber" the aircraft ("bomber jets", "joint bomber flights") is no attacker
        r"(?:suicide\s+)?(?:car\s+)?bombers?(?!\s+(?:jets?|planes?|aircraft|flights?|squadrons?|fleets?|"
        r"crews?|patrols?|drills?|formations?))|targeted)\b",
        re.I,
    ),
}
# A trigger in the scope of these words is not a reported incident.
_IRREALIS = re.compile(
    r"\b(?:threat\w*|vow\w*|call(?:s|ed|ing)?\s+(?:on|for)|urg\w+|plan\w*|plot\w*|warn\w*|"
    r"prevent\w*|foil\w*|thwart\w*|capab\w*|ability|abilit\w+|would|will|could|may|might|"
    r"intend\w*|aim\w*\s+to|seek\w*\s+to|in\s+revenge|retaliat\w+|fear\w*|risk|launch\s+attacks|"
    r"responsible\s+for\s+(?:numerous|many|several|a\s+series)|accused\s+of|behind)\b",
    re.I,
)
_HABITUAL = re.compile(
    r"\b(?:often|frequent(?:ly)?|regularly|routinely|usually|repeatedly|numerous|a\s+series\s+of|"
    r"(?:known|notorious|infamous)\s+for|"
    r"campaign\s+of|decade-long|years-long|insurgency|history\s+of|scores\s+of\s+attacks|"
    r"increas\w+|escalat\w+|surge\s+in|wave\s+of|spate\s+of|string\s+of|rise\s+in|spike\s+in|"
    r"uptick\s+in|resurgence)\b",
    re.I,
)
# ("many of the attacks, including one last week on the port": one incident picked out of many)
_ANOTHER = re.compile(r"\b(?:another|a\s+separate|separately|second|earlier|previous|a\s+similar|"
                      r"(?:days|weeks|months|years)\s+later|"
                      r"including\s+one)\b", re.I)
# words of "another" / "earlier" that are about a speaker or a statement, not another incident:
# "the army said earlier that ...", "remarked another official"
_SAID_EARLIER = re.compile(r"(?i)\b(?:said|says|reported|told\s+\w+|announced|stated|confirmed)\s+earlier\b|"
                           # "Earlier, Imran Hayat, a railway official in Quetta, told VOA that ...": the telling
                           r"^\s*earlier\s*,(?=[^.;]{0,120}?\b(?:said|told|reported|announced|stated|confirmed)\b)|"
                           r"\bearlier\s+(?:said|reported|told|announced|confirmed)\b|"
                           r"\banother\s+(?:[\w-]+\s+)?(?:official|source|resident|witness|officer|spokes\w+|"
                           r"analyst|expert|lawmaker|diplomat|statement|report|person|villager|survivor)s?\b")
_DEFINITE = re.compile(r"\b(?:the|this|that|(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                       r"today|yesterday|Today|Yesterday)[’']s)\s+(?:\w+\s+)?(?:attack|assault|"
                       r"bombing|blast|raid|explosion|ambush|massacre|violence|incident)\b", re.I)
_CLAIM = re.compile(
    r"(?:claim(?:ed|s|ing)?\s+(?:joint\s+|full\s+|sole\s+|collective\s+)?(?:responsibility|credit)|"
    r"took\s+(?:joint\s+|full\s+)?responsibility|"
    r"was\s+(?:also\s+)?claimed\s+by|responsibility\s+was\s+claimed\s+by|claimed\s+(?:the|it|that)|"
    # "G has claimed many of the attacks, including one last week on ..."
    r"claimed\s+(?:many|several|most|some|one|both|all)\s+of\s+(?:the|these|those)\s+(?:attacks|bombings|raids)|"
    # "The TTP claimed both attacks": a claim for the incidents just told (row claim_several)
    r"claimed\s+(?:responsibility\s+for\s+)?(?:both|the\s+two|all\s+three|the\s+three)\s+"
    r"(?:[\w-]+\s+)?(?:attacks|bombings|raids|blasts|assaults|ambushes|explosions|incidents|strikes)|"
    # a group's own word that it did it: "IS said it carried out the bombing"
    r"(?:said|says|announced|admitted)\s+(?:that\s+)?(?:it|they)\s+(?:had\s+)?(?:carried\s+out|"
    r"(?:was|were)\s+behind|conducted|staged|launched|perpetrated)|"
    # "Al-Shabaab said it was responsible", "the group said it was behind the blast"
    r"(?:said|says|announced|admitted)\s+(?:that\s+)?(?:it|they)\s+(?:was|were)\s+(?:responsible|behind)\b|"
    # "the Front later said it had planted the device": its own word that it set the bomb
    r"(?:said|says|announced|admitted)\s+(?:that\s+)?(?:it|they)\s+(?:had\s+|has\s+)?(?:planted|detonated|set\s+off|"
    r"placed|triggered)\s+(?:the|a|an)\s+(?:[\w-]+\s+)?(?:bombs?|devices?|explosives?|mines?|IEDs?|charges?))",
    re.I,
)

_SEVERAL = re.compile(r"(?i)\b(?:both|the\s+two|all\s+three|the\s+three)\s+(?:[\w-]+\s+)?(?:attacks|"
                      r"bombings|raids|blasts|assaults|ambushes|explosions|incidents|strikes)\b")

_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|dozens|scores|hundreds|thousands|a\s+dozen)(?:[\s-]+(?:one|two|three|four|five|"
    r"six|seven|eight|nine|hundred|thousand))*"
)
_QUAL = (
    r"(?:(?:more|fewer|less)\s+than|at\s+least|over|nearly|almost|about|around|some|up\s+to|"
    r"roughly|approximately|an\s+estimated|as\s+many\s+as|no\s+fewer\s+than)\s+"
)
_COUNT = rf"(?:{_QUAL})?{_NUM}"
_NOUNS = r"(?:(?!(?:and|or|but|while|with|including)\b)[A-Za-z.’'-]+\s+){0,4}?"
# "two soldiers and a civilian": a lone "a"/"an" after "and" counts one
_ONE_MORE = r"(?:an?|one)(?=\s+[a-z])"
_KILLED = re.compile(
    # \b: the "one" in "drone strike killed" is no toll
    rf"\b(?P<n>{_COUNT}(?:\s+{_NOUNS}and\s+(?:{_COUNT}|{_ONE_MORE}))?)\s+{_NOUNS}"
    # "31 people, including 23 soldiers, lost their lives"
    rf"(?:[A-Za-z’'-]+,\s+(?:including|among\s+them|most\s+of\s+them|mostly)\b[^,.;]{{1,60}},\s+)?"
    rf"(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|"
    rf"are\s+|being\s+)?(?:killed|dead|died|slain|deaths|lives|lost\s+their\s+lives|fatalities|perished|massacred|executed|"
    rf"beheaded|shot\s+dead|bodies)\b|(?:killing|killed|left|leaving|claimed\s+the\s+lives\s+of|"
    # "militants shot dead two policemen", "gunned down three"
    rf"shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down|murdered|slaughtered|beheaded|"
    rf"deaths?\s+of|lives\s+of|killing\s+of|(?:bodies|corpses)\s+of|"
    rf"death\s+toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at)|executed|massacred|"
    # "the death toll from Sunday's bombing rose to 14"
    rf"death\s+toll\b[^.;]{{0,80}}?\b(?:rose|risen|climbed|reached|jumped|increased|stood|stands)(?:\s+to|\s+at)?"
    rf")\s+(?P<m>{_COUNT}(?:\s+{_NOUNS}and\s+(?:{_COUNT}|{_ONE_MORE})(?=\s+[A-Za-z])"
    # (not "the deaths of 44 civilians and 13 severely injured": the second count is the wounded)
    rf"(?!(?:\s+[\w-]+){{0,3}}?\s+(?:were\s+|others?\s+)?(?:injured|wounded|hurt|injuries)\b))?)\b"
    rf"(?!\s+(?:years?|months?|days?|hours?|percent|%|km|kilomet))",
    re.I,
)
_WOUNDED = re.compile(
    rf"\b(?P<n>{_COUNT})\s+{_NOUNS}(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|are\s+)?(?:wounded|injured|"
    rf"hurt|injuries)\b|(?:wounding|injuring|wounded|injured)\s+(?P<m>{_COUNT})\b",
    re.I,
)
_COUNT_AFTER = re.compile(rf"\s+{_COUNT}\b(?!\s+(?:years?|months?|days?|hours?|percent|%|km|kilomet))", re.I)
_ALONG_WITH = re.compile(rf"\b(?:killed|died|slain)\s+along\s+with\s+(?P<n>{_COUNT})\s+others\b", re.I)

# one victim named by "a" or "an": "killing a soldier", "shot dead a police officer", "a teacher was killed"
_ONE_VICTIM = (r"(?:soldier|policeman|policewoman|police\s+officer|officer|civilian|teacher|child|boy|girl|woman|"
               r"man|worker|guard|security\s+guard|villager|farmer|student|journalist|pilgrim|trader|shopkeeper|"
               r"resident|priest|imam|cleric|official|judge|lawyer|doctor|nurse|driver|passenger|tourist|"
               r"worshipper|militiaman|ranger|trooper|paramilitary|member|commander|leader|bystander|passer-by)")
_KILLED_ONE = re.compile(
    rf"\b(?:killing|killed|shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down|murdered|murdering|"
    rf"beheaded|beheading|stabbed\s+to\s+death|hacked\s+to\s+death)\s+(?P<one>an?\s+(?:[\w-]+\s+){{0,2}}?{_ONE_VICTIM})\b"
    rf"(?!\s+(?:and|or)\s+(?:\w+\s+)?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens|scores))|"
    rf"(?:^|[.;]\s+|,\s+|\band\s+)(?P<one2>[Aa]n?\s+(?:[\w-]+\s+){{0,2}}?{_ONE_VICTIM})\s+(?:was|has\s+been)\s+"
    rf"(?:killed|shot\s+dead|slain|beheaded|murdered)\b", re.I)

_AGAIN = re.compile(r"(?i)\b(?:also|then|later|again|next|afterwards|subsequently|another|elsewhere|separately)\b")
# sites whose "in X" names a place: "a base in Bulo Marer"
_SITE_NOUNS = {"base", "camp", "village", "town", "checkpoint", "market", "mosque", "church", "school", "hotel",
               "station", "post", "outpost", "barracks", "prison", "hospital", "bus", "convoy", "patrol",
               "district", "area", "region", "province", "city", "settlement", "county", "compound"}
# "the al-Qaida-linked group claimed": the group named before the modifier describes the claimant
_GROUP_MODIFIER = re.compile(r"(?i)[\s-]*(?:{})\b".format("|".join(sorted(lemmas("events_perpetrators", "group_modifier")))))
_TOLL_RISE = {"rise", "climb", "reach", "jump", "increase", "mount", "stand", "hit", "grow", "soar"}
_ACTOR_NOUNS = lemmas("events_triggers", "actor_subject")
_SPEECH_LEMMAS = {"say", "tell", "claim", "announce", "report", "confirm", "state", "add"}
_LOC_PREP = {"in", "at", "near", "outside", "inside", "on", "across", "from", "into", "around", "of"}
_TARGET = re.compile(
    r"\b(?:attack(?:s|ed)?|assault(?:s|ed)?|raid(?:s|ed)?|bombing|bombed|storm(?:ed|ing)|ambush(?:ed)?|"
    r"targeted|targeting|overr(?:an|un)|blown\s+up|blew\s+up|strike)\s+(?:(?:on|against|at)\s+)?"
    r"(?P<t>(?:the|a|an|another|two|three|four|several)\s+(?:[\w'’-]+\s+){0,4}?(?:college|academy|"
    r"base|bases|camp|hotel|police\s+station|station|checkpoint|post|barracks|convoy|mosque|church|"
    r"temple|school|market|bus|vehicle|village|town|town\s+hall|consulate|embassy|office|palace|"
    r"compound|prison|jail|airport|hospital|restaurant|patrol|soldiers|troops|police|policemen|"
    r"civilians|worshippers|shrine|court|bank|university|rally|wedding|funeral|military\s+base|"
    r"outpost|headquarters|building|train|ship|pipeline|plant|site|position|positions|"
    r"community|communities|camp|city))\b",
    re.I,
)


# A group's own forces and aircraft: "Houthi drones", "the RSF's troops" are the group's attack.
_OWNED_FORCES = frozenset({"drones", "jets", "warplanes", "aircraft", "helicopters", "gunships", "troops",
                           "forces"})

def _group_owned_forces(stext: str, base: int, start: int, word: str, groups) -> bool:
    """"Houthi drones struck a ship", "the RSF's drones hit a market": forces or aircraft named
    right after a group (its possessive) are the group's, so their strike is its attack."""
    if word.lower() not in _OWNED_FORCES:
        return False
    before = re.search(r"[’']s?\s*$|\s+$", stext[max(0, start - 3) : start])
    return before is not None and any(g.end == base + start - len(before.group(0)) for g in groups)


# Event types that are about a group rather than done by one.
CONCERNING = ("arrest", "ban", "leader_killed", "military_operation")


@dataclass
class EventHit:
    type: str
    sent: Span
    start: int                  # trigger offset
    date: dict | None = None    # {"iso", "text"}
    place: dict | None = None   # location dict
    perpetrators: list[str] = field(default_factory=list)
    claimed_by: list[str] = field(default_factory=list)
    target: str | None = None
    killed: dict | None = None
    wounded: dict | None = None
    definite: bool = False
    another: bool = False
    evidence: dict = field(default_factory=dict)
    richness: int = 0
    # perpetrators known only from a description ("the militants"): a named group told by
    # another mention of the incident wins over them
    described: list[str] = field(default_factory=list)
    # the groups an arrest, a ban, a leader's death or an operation is about: members arrested,
    # the group banned, the group that lost its leader, the group targeted (issue 10)
    concerns: list[str] = field(default_factory=list)
    # a leader's death: the leaders (person keys) the sentence names or refers to
    victims: set[str] = field(default_factory=set)


@dataclass
class _Ref:
    """A pronoun, plural or description of the mention layer, for one of its groups, in the shape of a name mention."""
    start: int
    end: int
    key: str


def find_events(ctx: Context, roles: list, descriptions: list, doc_country: str | None) -> list[EventHit]:
    geo = get_geocoder()
    leaders = {r.person for r in roles if r.role in ("leader", "founder", "commander", "deputy_leader")}
    leaders |= _titled_persons(ctx)
    desc_by_sent = descriptions
    person_refs = [pm for pm in find_person_mentions(ctx) if pm.kind == SURNAME]
    events: list[EventHit] = []
    for sent in ctx.sentences():
        stext = span_text(sent)
        groups: list = [m for m in ctx.groups_between(sent.start_char, sent.end_char) if not m.complement]
        groups += [d for d in desc_by_sent if sent.start_char <= d.start < sent.end_char]
        # the mention layer's pronouns and plurals ("it", "its fighters", "they", "the two
        # groups"), each resolved to its group(s) by the documented salience rule
        # (extract/mentions.py), take part like names: "Hours later it claimed responsibility",
        # "the two groups fought a battle"
        groups += [_Ref(r.start, r.end, key) for r in ctx.refs_in(sent.start_char, sent.end_char)
                   if r.kind in ("pronoun", "plural", "description")
                   and not any(g.start <= r.start < g.end for g in groups) for key in r.keys]
        groups.sort(key=lambda m: m.start)
        referred = {pm.key for pm in person_refs if sent.start_char <= pm.start < sent.end_char}
        hits = _forces_own_raids(sent, _sentence_events(ctx, sent, stext, groups, leaders, geo, doc_country, referred))
        claim = _claim_in(stext)
        claimers = _claimers(ctx, sent, groups, claim) if claim else []
        several = _SEVERAL.search(claim.group(0)) if claim else None
        if several and claimers:
            # "The TTP claimed both attacks": the last two (three) attacks told before
            n = 2 if re.search(r"(?i)both|two", several.group(0)) else 3
            told = [e for e in events if e.type == "attack"][-n:]
            if len(told) == n:
                for e in told:
                    for g in claimers:
                        _add(e.claimed_by, g)
                        _add(e.perpetrators, g)
                continue
        if claim and not hits and claimers:
            # "It was also claimed by the Islamic State group": a claim for the last attack
            last = next((e for e in reversed(events) if e.type == "attack"), None)
            if last is not None:
                for g in claimers:
                    _add(last.claimed_by, g)
                    _add(last.perpetrators, g)
                continue
        if not hits and not claim:
            # "A bomb exploded in X. Two soldiers were killed.": the toll of the incident just told
            _follow_up_toll(ctx, sent, stext, events)
        if not hits and not claim:
            # "Authorities blamed G.", "Police suspect G.": blame for the story's last incident
            # when it has no perpetrator yet, told within the last paragraphs
            blamers = [g.key for g in groups if ctx.entities[g.key].type == ARMED_GROUP
                       and blamed(ctx, sent, g.start, g.end)]
            last = next((e for e in reversed(events) if e.type == "attack"), None)
            if blamers and last is not None and not last.perpetrators and sent.start_char - last.start < _STORY_SPAN:
                for key in blamers:
                    _add(last.perpetrators, key)
                continue
        for hit in hits:
            if hit.type == "attack":
                for g in claimers:
                    _add(hit.claimed_by, g)
                    _add(hit.perpetrators, g)
            if not hit.perpetrators and getattr(hit, "anonymous", False) and not re.search(
                    r"(?i)\b(?:a\s+separate|separately|unrelated)\b", hit.sent.text):
                # (not "In a separate attack, gunmen killed seven people": other doers, perhaps)
                # "Fighters also detonated explosives ...": the doers of the story's last
                # incident with a named perpetrator, told within the last paragraphs
                last = next((e for e in reversed(events) if e.perpetrators and e.type in ("attack", "leader_killed")
                             and hit.start - e.start < _STORY_SPAN), None)
                if last is not None:
                    for g in last.perpetrators:
                        _add(hit.perpetrators, g)
                        _add(hit.described, g)
            _merge_or_add(events, hit)
    _previous_sentence_group(ctx, events)
    _story_group_fallback(ctx, events)
    _lead_dates(ctx, events)
    _restated_dates(ctx, events)
    _later_dates(ctx, events)
    if not any(e.type == ARMED_GROUP for e in ctx.entities.values()):
        events = [e for e in events if not _by_a_state(ctx, e)]
    # A leader killed is an armed group's: in a text that names no armed group, with no armed
    # actor in its sentence, "the opposition party leader was killed in a car crash" and "a
    # tribal chief was shot dead in a land dispute" are no such event.
    if not any(e.type == ARMED_GROUP for e in ctx.entities.values()):
        events = [e for e in events if e.type != "leader_killed" or e.concerns or e.perpetrators
                  or _ARMED_ACTOR.search(span_text(e.sent))]
    for e in events:
        # "dozens were killed": a toll that anchors the incident, but no number the text commits to
        if e.killed and e.killed.get("text") and _VAGUE_TOLL.fullmatch(e.killed["text"].strip()):
            e.killed = None
    return events


_ARMED_ACTOR = re.compile(
    r"(?i)\b(?:militan\w*|insurgen\w*|rebel\w*|jihad\w*|terror\w*|extremis\w*|guerr?ill?a\w*|militia\w*|"
    r"gang\w*|cartel\w*|warlord\w*|separatist\w*|bandit\w*|armed\s+group\w*|mujahid\w*|islamist\w*|"
    r"paramilitar\w*|faction\w*|brigade\w*|emir|amir)\b")


# The parse roles through which a trigger names its doer: "Russia's invasion", "the Russia
# attack", "Israel attacks", "Israeli commandos stormed", "Pyongyang's crackdown".
_DOER_DEPS = ("poss", "compound", "nsubj", "amod", "nmod")
_STATE_ENTS = ("GPE", "NORP")


# A line that opens with a date and a colon: an incident summary ("08/14/1989: Assailants
# attacked ...") or a chronology's entry ("March 3, 2024: Gunmen stormed ..."). A dash is not
# taken: "27 February 2014 - The Council said" is a dateline, the day of publication.
_LEAD_DATE = re.compile(
    r"(?m)^[ \t]*(?P<d>\d{1,2}/\d{1,2}/(?:1[89]|20)\d\d|(?:1[89]|20)\d\d-\d\d-\d\d|"
    r"(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+(?:1[89]|20)\d\d|(?:1[89]|20)\d\d)[ \t]*:[ \t]+(?=\S)"
)


def _lead_dates(ctx: Context, events: list[EventHit]) -> None:
    """An incident with no date of its own, told on a line that opens with a date and a colon,
    took place on that date: the line is an entry of an incident summary or a chronology."""
    text = ctx.text
    for e in events:
        if e.date is not None:
            continue
        line_start = text.rfind("\n", 0, e.start) + 1
        m = _LEAD_DATE.match(text, line_start)
        if m is None:
            continue
        resolved = resolve_date(m.group("d"), ctx.published)
        if resolved.iso:
            e.date = {"iso": resolved.iso, "text": m.group("d")}


# "Just days later, a roadside bomb killed 11 miners", "Hours later, gunmen stormed a hotel",
# "The next day, ...": a time after the incident told before; the number of days, when given
_LATER = re.compile(
    r"(?i)\b(?:(?P<hours>hours|an\s+hour|minutes)\s+later|(?:the\s+)?(?P<next>next|following)\s+day|"
    r"(?P<n>a|one|two|three|four|five|six)\s+days?\s+later|(?P<days>(?:a\s+few\s+|several\s+)?days)\s+later)\b")
_DAY_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _later_dates(ctx: Context, events: list[EventHit]) -> None:
    """An incident with no date of its own, told as happening a short time after the incident
    told just before it ("Last month, BLA insurgents ambushed a bus in Kalat. Just days later,
    a roadside bomb blast killed 11 coal miners"), took place then: the same day for hours
    later, the day after for "the next day", N days after for "N days later" (when the earlier
    date has its day), and the same month (or year) as the earlier date for "days later"."""
    for i, e in enumerate(events):
        if e.date is not None or i == 0:
            continue
        m = _LATER.search(ctx.text, e.sent.start_char, e.sent.end_char)
        prev = events[i - 1]
        if m is None or prev.date is None or e.start - prev.start > _STORY_SPAN:
            continue
        iso = prev.date.get("iso") or ""
        if m.group("hours"):
            new = iso
        elif (m.group("next") or m.group("n")) and len(iso) == 10:
            n = 1 if m.group("next") else _DAY_NUMBERS[m.group("n").lower()]
            new = (dt.date.fromisoformat(iso) + dt.timedelta(days=n)).isoformat()
        else:
            new = iso[:7]   # "days later": the same month (a bare year stays the year)
        if new:
            e.date = {"iso": new, "text": m.group(0)}


def _restated_dates(ctx: Context, events: list[EventHit]) -> None:
    """An incident with no date of its own, followed in its paragraph by a sentence whose subject
    is the definite incident noun and whose verb says when it happened (row `restated_time`:
    "... killing 20 soldiers. The fighting broke out on Tuesday, officials said."), took place
    on that sentence's date."""
    nouns = lemmas("events_triggers", "restated_time")
    verbs = lemmas("events_triggers", "restated_time", "verbs")
    for e in events:
        if e.date is not None:
            continue
        doc, i = e.sent.doc, e.sent.end
        while i < len(doc) and doc[i].is_space:
            i += 1   # (blank text between: what the focus left unread)
        nxt = doc[i].sent if i < len(doc) else None
        if nxt is None or "\n\n" in ctx.text[e.sent.end_char : nxt.start_char]:
            continue
        subj = next((t for t in nxt if t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in verbs
                     and t.lemma_.lower() in nouns and any(c.dep_ == "det" and c.lower_ in ("the", "that")
                                                           for c in t.children)), None)
        if subj is None or any(o is not e and o.sent.start_char == nxt.start_char for o in events):
            continue   # (an incident of its own in that sentence keeps its date)
        for ent in span_ents(nxt):
            root = ent.root
            if ent.label_ == "DATE" and (root.head == subj.head or (
                    root.head.dep_ == "prep" and root.head.head == subj.head)):
                # (on the verb itself: "began after a dispute on Friday" dates the dispute)
                resolved = resolve_date(ent.text, ctx.published)
                if resolved.iso:
                    e.date = {"iso": resolved.iso, "text": ent.text}
                break


def _by_a_state(ctx: Context, e: EventHit) -> bool:
    """An attack or operation whose doer is a country or its people, in an article that names
    no armed group: war and policing between states, outside what militantmap maps ("China has
    never condemned Russia's invasion of Ukraine"). With a group in the article, a state's
    operation is kept: it is the state against that group, and so is one against armed men
    ("Pakistani forces killed six militants")."""
    if e.type not in ("attack", "military_operation"):
        return False
    span = ctx.doc.char_span(e.start, e.start + 1, alignment_mode="expand")
    if span is None:
        return False
    trigger = span[0]
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    armed = lemmas("events_triggers", "actor_subject")
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in armed
           for t in (trigger, verb) for c in t.children):
        return False  # "Pakistani forces killed six militants": the state against armed men
    doers = [c for c in trigger.children if c.dep_ in _DOER_DEPS]
    # the doer of a noun trigger that is the object of a verb: "Israeli commandos stormed ..."
    if trigger.dep_ in ("dobj", "pobj") and trigger.head.pos_ == "VERB":
        doers += [c for c in trigger.head.children if c.dep_ == "nsubj"]
    for doer in doers:
        if doer.ent_type_ in _STATE_ENTS or any(
                c.dep_ in ("amod", "compound") and c.ent_type_ in _STATE_ENTS for c in doer.children):
            return True
    return False


_UNKNOWN_DOERS = re.compile(
    r"(?i)\b(?:unidentified|unknown|unnamed|no\s+(?:group|one|organi[sz]ation)\s+(?:has\s+|had\s+)?"
    r"(?:(?:yet|immediately|so\s+far|publicly|officially)\s+)?claimed|(?:not|yet\s+to\s+be)\s+(?:yet\s+|immediately\s+)?"
    r"claimed|nobody\s+(?:has\s+|had\s+)?(?:(?:yet|immediately|so\s+far)\s+)?claimed|"
    r"(?:there\s+was|there\s+has\s+been)\s+no\s+(?:immediate\s+)?claim)\b")


def _doers_unknown(e) -> bool:
    """The attack's sentence, or the next one (wire copy gives each its own paragraph), says
    nobody claimed it or the attackers are unknown ("Militants killed 12 soldiers. No group
    immediately claimed responsibility, but the area is a stronghold of G."): no group is
    credited by default."""
    if _UNKNOWN_DOERS.search(span_text(e.sent)):
        return True
    doc = e.sent.doc
    i = e.sent.end
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and bool(_UNKNOWN_DOERS.search(span_text(doc[i].sent)))


_DENIAL = re.compile(r"(?i)\b(?:not\s+(?:been\s+)?(?:responsible|involved|behind)|den(?:y|ied|ies|ial)\b|"
                     r"distanced|disowned|condemn(?:ed|s|ing)?\b)")


_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")


_TOLL_ROSE = re.compile(rf"(?i)^(?:[\w,’'-]+\s+){{0,4}}?death\s+toll\s+(?:(?:has|had)\s+)?(?:rose|risen|climbed|reached|jumped|"
                        rf"increased|mounted)\s+to\s+(?P<n>{_COUNT})\b(?!\s+(?:percent|%))")


def _follow_up_toll(ctx: Context, sent: Span, stext: str, events: list[EventHit]) -> None:
    """"Gunmen opened fire on a bus near Mandera. At least 12 passengers were killed.": a
    sentence with no incident of its own whose main clause tells a toll in the simple past
    ("were killed", "died", "were wounded"), with no date of its own and no other incident or
    period it happened in ("in the conflict", "since 2015", "have died"), is the toll of the
    incident told in the sentence just before it."""
    if not events or events[-1].type != "attack" or _ANOTHER.search(stext):
        return
    last = events[-1]
    risen = _TOLL_ROSE.search(stext)
    if risen and sent.start_char - last.start < _STORY_SPAN:
        # "The death toll rose to 40 on Monday.": the story's incident, counted again later
        # (the day is the count's, not the incident's)
        c = parse_count(risen.group("n"))
        if c is not None and (last.killed is None or c.value > last.killed["value"]):
            last.killed = {"value": c.value, "qualifier": c.qualifier, "text": risen.group("n")}
        return
    prev = ctx.doc[sent.start - 1].sent if sent.start > 0 else None
    if prev is None or last.sent.start != prev.start:
        return
    if any(e.label_ == "DATE" for e in span_ents(sent)):
        return
    found = {"killed": False, "wounded": False}
    for tok in sent:
        kind = "killed" if tok.lemma_.lower() in ("kill", "die") else (
            "wounded" if tok.lemma_.lower() in ("wound", "injure") else None)
        if kind is None or tok.pos_ != "VERB":
            continue
        verb = tok.head if tok.dep_ == "conj" and tok.tag_ == "VBN" else tok   # "were killed and four wounded"
        passive = tok.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children)
        died = tok.lemma_.lower() == "die" and tok.tag_ == "VBD"
        if not (passive or died) or any(c.dep_ == "neg" for c in tok.children):
            continue
        ok = True
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if obj.tag_ in ("NNS", "NNPS") or (obj.ent_type_ not in ("GPE", "LOC", "FAC")
                                                   and obj.lemma_.lower() not in lemmas("events_perpetrators", "incident_noun")):
                    ok = False   # "killed in the conflict", "died in attacks": not this incident
        if ok:
            found[kind] = True
    if found["killed"] and last.killed is None:
        last.killed = _count(_KILLED, stext)
    if found["wounded"] and last.wounded is None:
        last.wounded = _count(_WOUNDED, stext)


def _previous_sentence_group(ctx: Context, events: list[EventHit]) -> None:
    """An attack its own sentence credits to no one ("the 2002 bombings that killed more than
    200 people", "a suicide bomber struck the market") right after a sentence about a group is
    that group's, as a reader takes it: the first armed group named in the sentence just before
    (the topic that sentence opens with; cf. the mention layer's salience rules). Not when the
    text says the doers are unknown or no one claimed it, and not a group the attack's own
    sentence names (there it holds a role that does not credit it: victim, target, critic)."""
    for e in events:
        if e.type != "attack" or e.perpetrators or e.sent.start == 0 or _doers_unknown(e):
            continue
        if re.search(r"(?i)\b(?:a\s+separate|separately|unrelated)\b", e.sent.text):
            continue   # "In a separate attack on Tuesday, gunmen killed ...": not that group's, as told
        lo, hi = e.sent.start_char, e.sent.end_char
        here = {m.key for m in ctx.groups_between(lo, hi)} | {k for r in ctx.refs_in(lo, hi) for k in r.keys}
        prev = ctx.doc[e.sent.start - 1].sent
        named = [m for m in ctx.groups_between(prev.start_char, prev.end_char)
                 if not m.complement and ctx.entities[m.key].type == ARMED_GROUP and m.key not in here
                 and not _denies(ctx, m.key)]
        if named:
            _add(e.perpetrators, named[0].key)
            _add(e.described, named[0].key)


def _denies(ctx: Context, key: str) -> bool:
    """The group itself denies, disowns or condemns somewhere in the text: a mention of it is
    the subject of such a verb ("G denied any role", "G, which ..., condemned the blast", "G
    said it was not involved")."""
    for m in ctx.group_mentions:
        if m.key != key:
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.dep_ in ("compound", "conj", "appos", "poss", "amod") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "nsubj":
            continue
        verb = tok.head
        clause = " ".join(t.text for t in verb.subtree if t.i >= tok.i)
        lemma = verb.lemma_.lower()
        about = {t.lemma_.lower() for t in verb.subtree if t.i > tok.i} & (_INCIDENT_NOUNS | _ROLE_WORDS)
        if lemma in _SPEECH_LEMMAS and _DENIAL.search(clause) and about:
            return True   # "G said it was not involved in the attack"
        if lemma in _DENY_LEMMAS and any(t.lemma_.lower() in _INCIDENT_NOUNS | _ROLE_WORDS
                                         for c in verb.children if c.dep_ in ("dobj", "prep") for t in c.subtree):
            return True   # "G condemned the bombing", "G distanced itself from the attack"
    return False


_DENY_LEMMAS = {"deny", "condemn", "disown", "denounce", "reject", "distance"}
_ROLE_WORDS = {"involvement", "role", "responsibility", "it", "this", "claim", "allegation", "accusation"}


def _story_group_fallback(ctx: Context, events: list[EventHit]) -> None:
    """An attack the sentence credits to no one ("a suicide bomber struck the market", "the
    2002 bombings"), in an article about armed groups, is the doing of the group the article is
    most about (the group with the most mentions; the first named on a tie), as a reader takes
    it. Not when the text says the doers are unknown or no one claimed it. Only attacks: a
    leader killed or an arrest is usually suffered by that group, not done by it."""
    counts: dict[str, int] = {}
    for m in ctx.group_mentions:
        if not m.complement and ctx.entities[m.key].type == ARMED_GROUP:
            counts[m.key] = counts.get(m.key, 0) + 1
    if not counts:
        return
    top = max(counts, key=lambda k: (counts[k], -ctx.entities[k].first))
    spans = [ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
             for m in ctx.group_mentions if m.key == top]
    sents = {span.sent.start for span in spans if span is not None}
    if len(sents) < 2:
        return   # a group named once is not what the article is about
    for start in sents:
        if _DENIAL.search(span_text(ctx.doc[start].sent)):
            return   # "G denied any role", "G said it was not responsible": not its doing
    for e in events:
        if e.type != "attack" or e.perpetrators or _doers_unknown(e):
            continue
        lo, hi = e.sent.start_char, e.sent.end_char
        if any(lo <= m.start < hi for m in ctx.group_mentions if m.key == top) or any(
                lo <= r.start < hi and top in r.keys for r in ctx.refs_in(lo, hi)):
            continue   # named in the sentence in a role that does not credit it (victim, critic, target)
        _add(e.perpetrators, top)
        _add(e.described, top)


_TITLE_WORDS = (r"(?:leader|chief|commander|emir|amir|founder|co-founder|head|deputy|ringleader|"
                r"second-in-command|number\s+two)")
_TITLE_BEFORE = re.compile(rf"(?i)\b{_TITLE_WORDS}[\s,]+(?:[\w’'-]+\s+)?$")
_TITLE_AFTER = re.compile(rf"(?i)^\s*[,(]\s*(?:the|a|an|its|their|[\w’'-]+[’']s)?\s*(?:[\w’'-]+\s+){{0,4}}?{_TITLE_WORDS}\b")
_LED_AFTER = re.compile(r"(?i)^\s*,?\s*who\s+(?:led|heads|headed|leads|founded|commanded|co-founded)\b")


# A title held in a state body ("a former army commander", "police chief") is not a group's.
_STATE_TITLE = re.compile(r"(?i)\b(?:army|military|police|security|government|state|minister\w*|president\w*|"
                          r"governor|mayor|general|colonel|officer|troops|forces|navy|air\s+force|district|"
                          r"provincial|company|firm|bank|university|union|council|party|opposition)\b")


def _titled_persons(ctx: Context) -> set[str]:
    """People the article itself calls by a leader's title somewhere ("its leader X", "X, the
    group's emir", "X, who founded the group"), whether or not the roles layer tied them to a
    group: their killing is a leader's death."""
    out = set()
    for ent in ctx.entities.values():
        if ent.type != PERSON:
            continue
        for start, end in ent.mentions:
            before = ctx.text[max(0, start - 40) : start]
            after = ctx.text[end : end + 60]
            m = _TITLE_BEFORE.search(before) or _TITLE_AFTER.match(after) or _LED_AFTER.match(after)
            if m and not _STATE_TITLE.search(m.group(0)) and not _STATE_TITLE.search(before[-25:]):
                out.add(ent.key)
                break
    return out


_IRREALIS_LEMMAS = {
    "threaten", "vow", "plan", "plot", "call", "urge", "warn", "prevent", "foil", "thwart",
    "intend", "seek", "aim", "fear", "try", "attempt", "want", "prepare", "avert", "stop",
    "deter", "capable", "able", "order", "instruct", "pledge", "promise", "encourage", "incite",
    "allege", "accuse",
}
_CHARGE_LEMMAS = lemmas("events_triggers", "charge_sheet")
_FUTURE_AUX = {"will", "would", "can", "shall", "ca", "wo"}


def _forces_own_raids(sent: Span, hits: list[EventHit]) -> list[EventHit]:
    """"Soldiers killed 12 al-Shabaab militants in a raid near Jilib": the raid is the forces'
    operation the sentence tells, not a second incident, an attack by nobody. An attack with no
    doer whose incident noun hangs on the clause of the sentence's operation is dropped."""
    ops = [_clause_verb(_token_at(sent, h.start)) for h in hits if h.type == "military_operation"]
    if not ops:
        return hits
    out = []
    for h in hits:
        if h.type == "attack" and not h.perpetrators and not h.claimed_by:
            tok = _token_at(sent, h.start)
            if tok.pos_ == "NOUN" and _clause_verb(tok) in ops:
                continue
        out.append(h)
    return out


def _token_at(sent: Span, offset: int):
    for tok in sent:
        if tok.idx <= offset < tok.idx + len(tok.text) or tok.idx >= offset:
            return tok
    return sent[-1]


def _irrealis(tok) -> bool:
    """The trigger is threatened, planned, prevented or future ("vowed to attack", "prevented
    them from carrying out attacks", "will strike"), not a reported incident."""
    node, child = tok, None
    bare_noun = tok.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
    if (tok.tag_ == "VBG" or bare_noun) and (tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children)):
        # "charged with robbing, kidnapping and attacking motorists", "charged with murder,
        # assault and arson": the crimes of a charge sheet ("charged with kidnapping two aid
        # workers in Mandera in March" and "charged with the assault on the embassy" tell one)
        up = tok
        for _ in range(6):
            if up.head is up:
                break
            up = up.head
            if up.lemma_.lower() in _CHARGE_LEMMAS:
                return True
            if up.pos_ == "VERB" and up.dep_ not in ("conj", "pcomp", "pobj"):
                break
    if _for_years(tok if tok.pos_ == "VERB" else tok.head):
        return True
    for _ in range(4):
        lemma = node.lemma_.lower()
        if lemma in _IRREALIS_LEMMAS and not (
                lemma in _PREVENTION and child is not None and child.dep_ in ("nsubj", "nsubjpass")) and not (
                lemma == "accuse" and tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                and any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in node.children)):
            # ... but "gunmen stopped the bus": the gunmen are not what was stopped; and "accused G of
            # carrying out the bombing of a school": the bombing happened, its doer is what is said
            return True
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in node.children):
            return True
        if node.head is node:
            break
        node, child = node.head, node
    return False


_BLAST_LEMMAS = frozenset({"explosion", "blast", "fire", "blaze", "explode", "blow"})
# the place of an incident told before: "the scene of the blast", "the site of the airstrike"
# (kept here, not in the trigger table: the table's words also widen the prefilter's focus)
_SCENE_NOUNS = frozenset({"scene", "site", "spot", "location"})
# what is done to hostages after their taking: a rescue (the forces' operation) or a release
_RELEASE_LEMMAS = frozenset({"free", "rescue", "liberate", "release", "evacuate", "swap", "exchange",
                             "recover", "reunite", "hand"})


def _accident(tok, sent: Span) -> bool:
    """An explosion, blast or fire named by an accident's source ("a gas explosion", "a boiler
    blast") or at an industrial site ("an explosion at a fireworks warehouse"), in a sentence with
    no weapon, attacker or claim (row `accident` of events_triggers): an accident."""
    if tok.lemma_.lower() not in _BLAST_LEMMAS:
        return False
    words = doc_words(sent.doc)
    weapons = lemmas("events_triggers", "accident", "weapons")
    if any(words.lemma[i] in weapons or words.lower[i] in weapons for i in range(sent.start, sent.end)):
        return False
    sources = lemmas("events_triggers", "accident")
    noun = tok if tok.pos_ in ("NOUN", "PROPN") else next(
        (c for c in tok.children if c.dep_ == "nsubj"), tok)   # "a gas cylinder exploded"
    if any(c.dep_ in ("compound", "amod") and (c.lemma_.lower() in sources or any(
            g.dep_ == "compound" and g.lemma_.lower() in sources for g in c.children)) for c in noun.children) \
            or noun.lemma_.lower() in sources:
        return True
    sites = lemmas("events_triggers", "accident", "sites")
    verb = tok if tok.pos_ == "VERB" else None
    for head in (noun, verb):
        for prep in head.children if head is not None else ():
            if prep.dep_ == "prep" and prep.lower_ in ("at", "in", "inside"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in sites and (
                            obj.lemma_.lower() != "mine" or any(c.lemma_.lower() in sources for c in obj.children)):
                        return True   # ("a mine" alone may be the weapon: only "a coal mine")
    return False


# verbs of telling whose "on Sunday" dates the telling, not a deed ("claimed an attack ... in
# 2016" dates the attack)
_TELLING = frozenset(_SPEECH_LEMMAS - {"claim"} | {"note", "explain"})


def _for_years(verb) -> bool:
    """The verb tells what went on over years, not one incident: "She has been targeted over
    her work for years", "militias have raided these villages for decades", "over the years"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "over"):
            continue
        for obj in prep.children:
            # ("for two hours on Sunday" is one incident's length; years, months and decades are not)
            if obj.dep_ == "pobj" and obj.lower_ in ("years", "decades", "months", "generations") and (
                    prep.lower_ == "for" or any(c.lower_ in ("the", "past", "last") for c in obj.children)):
                return True
    return False


_PREVENTION = {"prevent", "foil", "thwart", "avert", "stop", "deter"}
# The words that name an earlier attack as the reason someone was arrested or charged.
_REASON_FOR_ARREST = re.compile(
    r"(?i)\b(?:in\s+connection\s+with|over|for|involvement\s+in|role\s+in|linked\s+to|suspected\s+of|"
    r"charged\s+(?:with|over|for|in)|accused\s+of|responsible\s+for|wanted\s+for)\s+(?:the\s+|an?\s+|"
    r"(?:last|this)\s+\w+[’']s\s+|\w+[’']s\s+)?(?:[\w’'-]+\s+){0,4}?$")


def _sentence_events(ctx, sent, stext, groups, leaders, geo, doc_country, referred=frozenset()) -> list[EventHit]:
    found: dict[str, list[EventHit]] = {}
    # a leader named in full, or later by surname alone ("ISWAP fighters surrounded Shekau, who
    # blew himself up"; the people layer's surname rule, extract/people.py)
    persons = _persons_in(ctx, sent)
    leader_in_sentence = any(k in leaders for k in persons)
    # (for a death only: a shared family name, "another Guzman brother was arrested", is no
    # reason to read an arrest)
    leader_referred = leader_in_sentence or any(k in leaders for k in referred)
    for type_, pattern in _TRIGGERS.items():
        for m in pattern.finditer(stext):
            if type_ in ("attack", "military_operation") and "leader_killed" in found:
                break  # the fight or strike in which a leader died is that one incident
            tok = _token_at(sent, sent.start_char + m.start())
            while tok.dep_ in ("det", "poss", "case") and tok.head.i > tok.i and tok.head.i <= tok.i + 4:
                tok = tok.head  # "the offensive", "its offensive": the noun, not its determiner
            heads = []
            while (tok.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i
                   and tok.head.i <= tok.i + 3):
                tok = tok.head  # "suicide bombings", "car bomb": the noun the phrase is about
                heads.append(tok)
            if type_ == "military_operation" and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass"):
                # "the army said it had killed 35 fighters in Sambisa on Friday": the killing's
                # verb, not the army, is the incident's word (its clause holds date and place)
                verbs = [t for t in sent if sent.start_char + m.start() <= t.idx < sent.start_char + m.end()
                         and t.pos_ == "VERB" and t.lemma_.lower() not in _SPEECH_LEMMAS]
                if verbs:
                    tok = verbs[0]
            if _irrealis(tok):
                continue
            if found and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _SCENE_NOUNS:
                continue  # "arrested at the scene of the airstrike": the arrest is the incident told here
            if type_ == "attack" and tok.lemma_.lower() == "hostage" and tok.dep_ in ("dobj", "nsubjpass") \
                    and tok.head.lemma_.lower() in _RELEASE_LEMMAS:
                continue  # "the army freed 30 hostages", "hostages were released": no taking of them
            noun = tok.head if tok.dep_ in ("amod", "compound", "nmod") and tok.head.i > tok.i else tok
            if noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.tag_ in ("VBZ", "VBP") \
                    and noun.head.dep_ in ("relcl", "acl") and not any(c.dep_ == "aux" for c in noun.head.children):
                continue  # "Africa Command, which oversees U.S. military operations": a standing task
            if type_ == "attack" and any(h.lemma_.lower() in lemmas("events_triggers", "not_incident_head")
                                         for h in heads):
                continue  # "a bomb maker", "a bomb squad", "an attack plot" (also "bomb maker Ali X")
            if re.search(r"(?i)\b(?:in\s+(?:response|retaliation|revenge)\s+(?:to|for)|to\s+avenge)\s+"
                         r"(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$", stext[: m.start()]):
                continue  # "in response to the killing of its commander": another, earlier event
            if type_ == "attack" and "arrest" in found and _REASON_FOR_ARREST.search(stext[: m.start()]):
                continue  # "arrested three men in connection with the attack": the attack is told elsewhere
            if type_ == "attack" and tok.dep_ == "amod" and re.search(r"[\s-]", m.group(0).strip()) \
                    and tok.head.idx < sent.start_char + m.end():
                tok = tok.head   # "a killing spree": the phrase's noun
            if type_ == "attack" and re.fullmatch(rf"(?i)(?:{_EXTRA_INCIDENTS})(?:e?s)?", m.group(0)) and any(
                    c.dep_ == "poss" and ctx.group_at(c.idx, c.idx + len(c.text)) is None
                    and c.lower_ not in ("its", "their") for c in tok.children):
                continue   # "the gang leader's prison break": one man's escape, not an assault
            if type_ == "attack" and tok.dep_ == "amod" and tok.tag_ in ("VBN", "JJ"):
                continue  # "released a kidnapped soldier" tells of a release, not a kidnapping
            if (type_ == "attack" and not groups and tok.pos_ == "VERB" and tok.lemma_.lower() == "bomb"
                    and not any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "agent") for c in tok.children)):
                continue  # "the film bombed at the box office": no object, no victim, a flop
            if _HABITUAL.search(stext[max(0, m.start() - 40) : m.end() + 15]):
                continue
            if type_ == "attack" and not groups and _accident(tok, sent):
                continue  # "a gas explosion tore through a block of flats": no attack
            if type_ == "attack" and re.match(r"(?i)killing", m.group(0)) and not groups:
                continue
            if type_ == "attack" and re.match(r"(?i)killing", m.group(0)) and any(
                    tok.head.i == getattr(h, "token", tok).i for h in found.get("military_operation", [])):
                continue  # "drones struck a camp, killing 15 militants": the strike's toll, no other incident
            if type_ == "ban" and not _bans_a_group(tok, stext, m.end(), groups):
                continue
            if type_ in ("ban", "attack") and tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and any(
                    c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) \
                    and tok.head.lemma_.lower() in ("come", "follow", "precede") and (
                        type_ == "ban" or not any(c.dep_ in ("prep", "compound", "amod", "nmod") for c in tok.children)) and (
                        type_ == "ban" or tok.head.lemma_.lower() != "come" or re.match(
                            r"(?i)\s*(?:[\w-]+\s+){0,3}?(?:after|before|following|amid|on\s+the\s+heels)\b",
                            ctx.text[tok.head.idx + len(tok.head.text):])):
                continue  # "The ban came a day after police arrested X", "This attack follows a raid
                # by the army": the ban or attack told before, and what came before or after it (an
                # attack with its own place, "The attack in X came a day after ...", is told here)
            if type_ == "arrest" and _armed_captor(ctx, tok):
                continue  # "militants captured and killed a businessman": no arrest
            if type_ == "arrest" and not groups and not leader_in_sentence and not _about_militants(ctx, sent):
                continue  # a journalist's house arrest is not our business
            if type_ == "attack" and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.i > tok.i \
                    and tok.lemma_.lower() in _ACTOR_NOUNS and tok.head.idx < sent.start_char + m.end():
                tok = tok.head   # "jihadists killed 12 soldiers": the verb, not its plural subject
            kind = type_
            first_word = re.match(r"\w+", m.group(0))
            if type_ == "military_operation" and first_word and (ctx.group_at(
                    sent.start_char + m.start(), sent.start_char + m.start() + first_word.end()) is not None
                    or _group_owned_forces(stext, sent.start_char, m.start(), first_word.group(0), groups)):
                kind = "attack"  # "the Rapid Support Forces shelled el-Fasher": a group, not an army
                verb = re.search(r"(\w+)\W*$", m.group(0))
                tok = _token_at(sent, sent.start_char + m.start() + verb.start(1)) if verb else tok
                if _dated_by_a_year(sent, tok):
                    continue  # "In 2023, the Baloch Liberation Army killed nearly 300 people"
            hits = found.setdefault(kind, [])
            listed = bool(hits) and tok.pos_ != "VERB" and _listed_deed(hits, sent, sent.start_char + m.start())
            if hits and not listed and not _separate_incident(hits, tok):
                if len(hits) == 1 and _bare_plural(getattr(hits[0], "token", None)) and tok.tag_ != "NNS":
                    # "G, a group that has carried out attacks in Kenya, said it was behind the
                    # bombing of a bus": the bare plural is the group's record, the singular the incident
                    hits[0] = EventHit(kind, sent, sent.start_char + m.start())
                    hits[0].token = tok  # type: ignore[attr-defined]
                    hits[0].listed = False  # type: ignore[attr-defined]
                continue
            hits.append(EventHit(kind, sent, sent.start_char + m.start()))
            hits[-1].token = tok  # type: ignore[attr-defined]
            hits[-1].listed = listed  # type: ignore[attr-defined]
    # the sentence has an attack word other than "killing" (read once, when first needed)
    attack_word: list[bool] = []

    def has_attack_word() -> bool:
        if not attack_word:
            attack_word.append(any(not re.match(r"(?i)killing", m.group(0))
                                   for m in _TRIGGERS["attack"].finditer(stext)))
        return attack_word[0]

    if "attack" not in found and "military_operation" not in found and not has_attack_word():
        # (a sentence whose attack words were set aside tells of many incidents: "the BLA
        # killed nearly 300 people in over 40 attacks")
        tok = _group_does_harm(ctx, sent, groups)
        if tok is not None:
            hit = EventHit("attack", sent, tok.idx)
            hit.token = tok  # type: ignore[attr-defined]
            found["attack"] = [hit]
    if "attack" not in found and "military_operation" not in found and "leader_killed" not in found \
            and not has_attack_word():
        tok = _victims_killed(ctx, sent)
        if tok is not None:
            hit = EventHit("attack", sent, tok.idx)
            hit.token = tok  # type: ignore[attr-defined]
            found["attack"] = [hit]
    if "attack" not in found and "military_operation" not in found and "leader_killed" not in found:
        tok = _group_clash(ctx, sent, groups)
        if tok is not None:
            hit = EventHit("attack", sent, tok.idx)
            hit.token = tok  # type: ignore[attr-defined]
            found["attack"] = [hit]
    victim_verb = _titled_victim(sent) if "leader_killed" not in found else None
    death = re.search(
        r"\b(?:was|were|been|is)\s+(?:\w+\s+)?(?:killed|slain|assassinated)|\b(?:killing|death)\s+of\b|"
        # "Shekau's death was confirmed by ISWAP"
        r"[’']s\s+(?:death|killing|assassination)\b|"
        # "surrounded Shekau, who chose to commit suicide by detonating his explosive vest"
        r"\bcommit(?:ted|s|ting)?\s+suicide\b|\b(?:blew|blow|blown|blowing)\s+himself\s+up\b|"
        r"\bdetonat\w+\s+(?:his|an?)\s+(?:suicide\s+|explosive\s+)?(?:vest|belt)\b|"
        # "until he died in a US airstrike", "until his death in a raid in Idlib in 2019"
        rf"\b(?:died|(?:his|her)\s+death)\s+(?:in|during)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?{_DEATH_SCENES}(?:e?s)?\b",
        stext, re.I)
    if death is not None and _denied(_token_at(sent, sent.start_char + death.start())):
        death = None   # "G denied that its leader had been killed"
    if "leader_killed" in found:
        found["leader_killed"] = [h for h in found["leader_killed"] if not _denied(_token_at(sent, h.start))]
        if not found["leader_killed"]:
            found.pop("leader_killed")
    words = doc_words(sent.doc)
    denied_death = any(_denied(sent.doc[i]) for i in range(sent.start, sent.end)
                       if words.lemma[i] in ("kill", "die", "slay", "assassinate", "eliminate"))
    if victim_verb is not None and _denied(victim_verb):
        victim_verb = None
    if leader_referred and "leader_killed" not in found and not denied_death and (
            death or _leader_is_object_of_killing(ctx, sent, leaders)) or victim_verb is not None:
        found.pop("attack", None)
        found.pop("military_operation", None)
        hit = EventHit("leader_killed", sent, sent.start_char)
        # the killing's own word dates and places it ("the army said its soldiers had killed a
        # senior commander, Abu Ali, during a raid in Sambisa on Friday")
        if victim_verb is not None:
            hit.token = victim_verb  # type: ignore[attr-defined]
        elif death is not None and re.match(r"(?i)died|his|her", death.group(0)):
            # "... until he died in an airstrike in Somalia in 2014": the death's clause
            word = _token_at(sent, sent.start_char + death.start())
            hit.token = word.head if word.dep_ == "poss" else word  # type: ignore[attr-defined]
        elif death is not None and re.match(r"(?i)(?:was|were|been|is)\b", death.group(0)):
            # "Isnilon Hapilon, who was killed in Marawi in 2017, ...": the killing's clause
            # dates and places the death
            word = _token_at(sent, sent.start_char + death.start())
            verb = word.head
            if word.dep_ in ("auxpass", "aux") and verb.tag_ == "VBN" and verb.dep_ == "relcl" and any(
                    t.ent_type_ == "DATE" for t in verb.subtree):
                hit.token = verb  # type: ignore[attr-defined]
        found["leader_killed"] = [hit]
    if "military_operation" in found and "attack" in found:
        # "Troops raided / stormed a G camp": the forces' verb is their operation, not an attack
        op_tokens = {getattr(h, "token", None) for h in found["military_operation"]} - {None}
        found["attack"] = [h for h in found["attack"] if getattr(h, "token", None) not in op_tokens
                           and not _operation_part(getattr(h, "token", None), op_tokens)]
        if not found["attack"]:
            found.pop("attack")
    if "arrest" in found and "attack" in found and all(
            re.match(r"(?i)raid", stext[h.start - sent.start_char:]) for h in found["attack"]):
        found.pop("attack")  # "arrested five suspects in a raid": the police raid is the arrest
    if "ban" in found and "arrest" in found:
        # an arrest word in a ban's sentence is the ban's ground or its wording, unless it is a
        # deed of its own with its own subject ("banned G on Friday and police arrested 12")
        found["arrest"] = [h for h in found["arrest"] if (t := getattr(h, "token", None)) is not None
                           and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)]
        if not found["arrest"]:
            found.pop("arrest")
    if "military_operation" in found and "attack" in found and not groups:
        found.pop("attack")  # "troops killed militants who attacked a post": the operation
    if "military_operation" in found and "attack" not in found:
        # "Houthi forces launched an offensive on Marib", "the M23 rebels seized Goma after an
        # offensive": an armed group's offensive is its attack
        for h in found["military_operation"]:
            t = getattr(h, "token", None)
            if t is not None and _group_doer(ctx, t, groups):
                found["attack"] = [h]
                h.type = "attack"
                found.pop("military_operation")
                break
    out = []
    for type_, hits in found.items():
        for i, hit in enumerate(hits):
            scope = _scope(hit, hits)
            own = getattr(hit, "token", None)
            scope = _without_cause(sent, own, scope)
            if own is not None and own.pos_ == "NOUN":
                own = _clause_verb(own)   # "attackers who laid siege to a hotel": the clause's verb
            if type_ == "attack" and "military_operation" in found and own is not None and own.pos_ == "VERB" \
                    and own.dep_ in ("relcl", "acl"):
                # "forces killed all six attackers who stormed a hotel in X and later killed 50
                # militants in airstrikes": the attack told in a relative clause on the forces'
                # victims has that clause's toll and place only, the rest is the operation's
                # (not a coordinated verb the parser hung on it: "... and later killed 50")
                conj = {t for c in own.children if c.dep_ == "conj" and c.pos_ == "VERB" for t in c.subtree}
                sub = [t for t in own.subtree if t not in conj]
                scope = (max(scope[0], min(t.idx for t in sub)),
                         min(scope[1], max(t.idx + len(t.text) for t in sub)))
            _fill(ctx, hit, groups, geo, doc_country, scope)
            if len(hits) > 1 and hasattr(hit, "all_dates"):
                del hit.all_dates   # coordinated incidents were told apart already, each with its day
            if getattr(hit, "listed", False) and not hit.perpetrators and i > 0:
                # the deeds of one list share their subject: "G has blown up ..., overrun ..."
                hit.perpetrators = list(hits[i - 1].perpetrators)
                hit.described = list(hits[i - 1].described)
            hit.group_spans = [(g.start, g.end) for g in groups]  # type: ignore[attr-defined]
            tok = getattr(hit, "token", None)
            plural = tok is not None and tok.tag_ == "NNS"
            if plural and _aggregate(hit, tok, stext):
                continue
            picked = tok is not None and tok.tag_ == "NN" and bool(re.search(
                r"(?i)\bincluding\s+(?:an?|one|the)\s+(?:[\w-]+\s+){0,3}$", ctx.text[max(sent.start_char, tok.idx - 50):tok.idx]))
            # ("attacks in A, B and the Agadez market attack": the named one is an incident)
            picked = picked or (tok is not None and tok.tag_ == "NN" and _named_incident(tok, getattr(hit, "group_spans", [])) and any(
                t.tag_ == "NNS" and t.lemma_.lower() in _INCIDENT_NOUNS and tok in t.subtree for t in sent))
            if type_ == "attack" and not picked and any(t.tag_ == "NNS" and t is not tok and _aggregate(hit, t, stext)
                                                        for t in sent):
                continue  # "the BLA killed nearly 300 people in over 40 attacks": the same statistic
            # an arrest of a named person ("following the arrest of his predecessor, Jamil
            # Mukulu") is an incident without a date or place: people are arrested once or so
            named_arrest = hit.type == "arrest" and bool(persons)
            # "Turkish police detained 25 suspected IS militants in raids across eight provinces":
            # a group's members arrested, told in the simple past, is one incident
            named_arrest = named_arrest or (
                hit.type == "arrest" and bool(hit.concerns) and tok is not None and (tok.tag_ == "VBD" or (
                    tok.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in tok.children)))
                and not any(t.lower_ == "since" for t in sent))
            if (_anchored(hit) or named_arrest) and not (plural and not _specific(hit)):
                out.extend(_split_by_dates(hit, scope))
    for hit in out:
        if hit.type == "leader_killed":
            # the leaders the sentence names or refers to: one man dies once (_compatible)
            hit.victims = {k for k in persons | set(referred) if k in leaders}
    return out


_CAUSE_NOUNS = {"response", "retaliation", "revenge", "reprisal"}


def _without_cause(sent: Span, tok, scope: tuple[int, int]) -> tuple[int, int]:
    """"G fired rockets into X in response to a strike that killed one of its commanders in
    Y": the phrase naming the cause tells another, earlier event; its toll and place are not
    this incident's."""
    if tok is None:
        return scope
    lo, hi = scope
    for t in sent:
        if t.lemma_.lower() in _CAUSE_NOUNS and t.dep_ == "pobj" and t.head.lower_ in ("in", "as"):
            sub = list(t.head.subtree)
            if tok in sub:
                continue
            start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            if start > tok.idx:
                hi = min(hi, start)
            elif end <= tok.idx:
                lo = max(lo, end)
    return (lo, hi) if lo < hi else scope


_CLASH_WORDS = lemmas("events_triggers", "clash")


def _fighting_broke_out(sent: Span) -> bool:
    """The sentence's subject is a clash that began ("Fighting broke out", "Clashes erupted")."""
    return any((t.lemma_.lower() in _CLASH_WORDS or t.lower_ in _CLASH_WORDS) and t.dep_ == "nsubj"
               and t.head.lemma_.lower() in ("break", "erupt", "flare", "start", "begin", "ensue", "rage")
               for t in sent)


def _description_clause(tok):
    """The relative clause on an apposition that holds this token ("G, a group that claimed an
    attack on a hotel"), if any."""
    node = tok
    for _ in range(10):
        if node.dep_ == "relcl" and node.head.dep_ == "appos":
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def _bare_plural(tok) -> bool:
    """A plural incident noun with no determiner, number or possessor: "has carried out attacks"."""
    return tok is not None and tok.tag_ == "NNS" and not any(
        c.dep_ in ("det", "nummod", "poss") for c in tok.children)


def _operation_part(tok, op_tokens: set) -> bool:
    """An attack word that is part of the forces' operation told in its clause: the participle
    of its toll ("troops launched an offensive against G, killing 30 fighters") or the noun the
    operation's verb carries out ("the military conducted a raid on a G hideout")."""
    if tok is None:
        return False
    op_verbs = set()
    for t in op_tokens:
        if t.pos_ in ("VERB", "AUX"):
            op_verbs.add(t)
        elif t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and t.head.pos_ in ("VERB", "AUX"):
            op_verbs.add(t.head)
    if not op_verbs:
        return False
    if tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("advcl", "conj", "xcomp") and tok.head in op_verbs:
        return True   # "..., killing 30 fighters": the operation's toll
    return tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head in op_verbs


_DENY = lemmas("events_triggers", "denial")


def _denied(tok) -> bool:
    """The death is what a speaker denies: "G denied that its leader had been killed"."""
    node = tok
    for _ in range(6):
        if node.lemma_.lower() in _DENY and node.pos_ == "VERB":
            return True
        if node.head is node:
            return False
        node = node.head
    return False


def _group_doer(ctx: Context, tok, groups) -> bool:
    """The doer of this operation word is an armed group: a group in its possessor or modifier
    ("the Houthis' offensive", "Houthi forces"), or in the subject of its verb or of the verb it
    is the object of ("G launched an offensive", "G rebels seized the town after an offensive")."""
    verb = tok if tok.pos_ == "VERB" else None
    if verb is None and tok.dep_ in ("dobj", "attr") and tok.head.pos_ == "VERB":
        verb = tok.head
    elif verb is None and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
        verb = tok.head.head
    cands = [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod", "amod")]
    # "a drone strike by G": the agent of the noun
    cands += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    if verb is not None:
        cands += [c for c in verb.children if c.dep_ == "nsubj"]
    for c in cands:
        lo, hi = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
        if any(lo <= g.start < hi and ctx.entities[g.key].type == ARMED_GROUP for g in groups):
            return True
    return False


def _harms(tok) -> bool:
    """A verb of violence from the trigger table ("burned", "set fire to")."""
    lemma = tok.lemma_.lower()
    if lemma in lemmas("events_triggers", "harm_verb"):
        return True
    if lemma in lemmas("events_triggers", "harm_verb_physical"):
        # "rebels struck a ship", not "rebels struck a deal" (the row's `not_objects`) nor
        # "leaders hit out at the US"; without an object only "militants struck (again) in X"
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if not objects:
            return lemma == "strike" and not any(c.dep_ == "prt" for c in tok.children)
        return not any(c.lemma_.lower() in lemmas("events_triggers", "harm_verb_physical", "not_objects")
                       for c in objects)
    return lemma in lemmas("events_triggers", "harm_phrase") and any(
        c.dep_ == "dobj" and c.lower_ in lemmas("events_triggers", "harm_phrase", "objects") for c in tok.children)


def _group_does_harm(ctx: Context, sent: Span, groups) -> Token | None:
    """"The ADF, which IS claims as its province, killed more than 40 civilians", "CODECO
    militiamen killed 18 people", "the RSF shelled el-Fasher", "attackers set fire to a school":
    an armed group, or armed men, as the subject of a verb of violence is an attack even where
    no trigger word names it."""
    actors = lemmas("events_triggers", "actor_subject")
    pos = doc_words(sent.doc).pos
    for i in range(sent.start, sent.end):
        if pos[i] != "VERB":
            continue  # (the first test below, without making the token)
        tok = sent.doc[i]
        if tok.pos_ != "VERB" or not (_harms(tok) or tok.lemma_.lower() in lemmas("events_triggers", "weapon_subject", "verbs")) \
                or tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
            continue
        if _irrealis(tok):
            continue
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
            # "14 passengers were shot dead by militants": the agent does the harm
            subj = [a for c in tok.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                    for a in c.children if a.dep_ == "pobj"]
        else:
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj and tok.head.pos_ in ("VERB", "AUX") and (tok.dep_ == "conj" or (
                    tok.dep_ == "ccomp" and tok.head.lemma_.lower() in lemmas("events_perpetrators", "suspected_to_be"))):
                # "Raiders believed to belong to G hacked nine farmers to death": the parser may
                # make the participle the clause's verb; coordinated verbs share its subject
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if not subj:
            continue
        lo, hi = subj[0].left_edge.idx, subj[0].right_edge.idx + len(subj[0].right_edge.text)
        if _dated_by_a_year(sent, tok):
            continue  # "In 2023, the BLA killed nearly 300 people": a year's toll, not an incident
        if any(t.lower_ == "since" and t.dep_ in ("prep", "mark") for t in tok.subtree):
            continue  # "has killed 35,000 people since its insurgency began": a running total
        if any(c.dep_ == "aux" and c.lower_ in ("have", "has") for c in tok.children) and (
                any(t.ent_type_ == "DATE" and _BACKGROUND.search(t.sent.text[t.idx - t.sent.start_char:][:40])
                    for t in tok.subtree)
                or any(c.dep_ == "dobj" and any(_VAGUE_TOLL.fullmatch(n.text) or n.lower_ in ("many", "thousands",
                                                                                              "hundreds", "scores", "dozens")
                                                 for n in c.subtree) for c in tok.children)):
            continue  # "the militants have killed thousands of people in the past decade": a record
        if _harms(tok) and any(lo <= g.start < hi and ctx.entities[g.key].type == ARMED_GROUP for g in groups):
            return tok
        if _harms(tok) and _armed_actor(subj[0], actors) and (
                tok.lemma_.lower() not in lemmas("events_triggers", "harm_verb_physical")
                or any(e.type == ARMED_GROUP for e in ctx.entities.values())):
            # ("fighters hit the canvas", "pirates struck first": in a story that names no armed
            # group, striking and hitting men are boxers and ball players)
            return tok
        weapon = _weapon_of(subj[0], tok)
        users = list(subj[0].subtree)
        if subj[0].head.i != tok.i:   # "Rockets fired by G struck": the agent of the shared verb
            users += [t for c in subj[0].head.children if c.dep_ == "agent" for t in c.subtree]
        if weapon is not None and (weapon.lemma_.lower() in lemmas("events_triggers", "weapon_subject", "planted")
                                   or any(any(u.idx <= g.start < u.idx + len(u.text) for u in users)
                                          and ctx.entities[g.key].type == ARMED_GROUP for g in groups)
                                   or any(t.lemma_.lower() in actors for t in users)):
            return tok   # "a mine planted by G destroyed a truck", "rockets fired by militants hit a school"
    return None


def _armed_actor(noun, actors: frozenset[str]) -> bool:
    """Armed men as a verb's subject: "militants", "a gunman"; "a group of / dozens of / hundreds
    of gunmen" (the collective's "of" phrase); "armed / masked / unidentified men" (the people
    nouns of the `actor_subject` row with one of its armed words)."""
    row = "actor_subject"
    if noun.lemma_.lower() in actors or noun.lower_ in actors:
        return True
    if noun.lemma_.lower() in lemmas("events_triggers", row, "collective") or noun.lower_ in lemmas(
            "events_triggers", row, "collective"):
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            o.dep_ == "pobj" and _armed_actor(o, actors) for o in c.children) for c in noun.children)
    if noun.lemma_.lower() in lemmas("events_triggers", row, "people") or noun.lower_ in lemmas(
            "events_triggers", row, "people"):
        return any(c.dep_ in ("amod", "compound") and c.lower_ in lemmas("events_triggers", row, "armed")
                   for c in noun.children)
    return False


def _weapon_of(subj, verb):
    """The weapon that is the subject of a verb of harm ("A landmine killed three soldiers",
    "Rockets fired by G struck a kibbutz"; the parser may make the participle the clause's verb
    and the harm verb its conjunct)."""
    weapons = lemmas("events_triggers", "weapon_subject")
    verbs = lemmas("events_triggers", "weapon_subject", "verbs")
    if verb.lemma_.lower() not in verbs or subj.lemma_.lower() not in weapons:
        return None
    return subj


def _victims_killed(ctx: Context, sent: Span) -> Token | None:
    """"At least nine villagers were killed in Kalaye on Sunday": a toll told in the passive,
    in the simple past, with the place or the day of its own clause, in a story about armed
    groups, is an incident even where no attack word names it; not when its agent is the army
    ("were killed by troops": an operation), not a period ("in 2023", "since January"), not
    in a clause of another incident ("killed in clashes / in attacks": those speak for
    themselves), and not hedged."""
    if not _about_militants(ctx, sent):
        return None
    lemma = doc_words(sent.doc).lemma
    for i in range(sent.start, sent.end):
        if lemma[i] != "kill":
            continue  # (the first test below, without making the token)
        tok = sent.doc[i]
        if tok.lemma_.lower() != "kill" or tok.tag_ != "VBN" or _irrealis(tok):
            continue
        if not any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in tok.children):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not subj or not any(c.dep_ == "nummod" or c.like_num for c in subj[0].subtree):
            continue
        if any(c.dep_ == "agent" for c in tok.children) or any(c.dep_ == "neg" for c in tok.children):
            continue
        clause = list(tok.subtree)
        dated = any(t.ent_type_ == "DATE" and _point_in_time(t.text) for t in clause) and not any(
            t.lower_ == "since" for t in clause)
        placed = any(t.ent_type_ in ("GPE", "LOC", "FAC") and t.head.lower_ in _LOC_PREP for t in clause)
        if not (dated or placed):
            continue
        if any(t.dep_ == "pobj" and t.tag_ in ("NNS", "NNPS") and t.head.head.i == tok.i
               and t.lemma_.lower() in _INCIDENT_NOUNS for t in clause):
            continue   # "killed in attacks": many incidents
        if any(re.fullmatch(r"(?:1[89]|20)\d\d", t.text) and t.head.lower_ == "in" for t in clause):
            continue   # "were killed in 2023": a year's toll
        return tok
    return None


def _group_clash(ctx: Context, sent: Span, groups) -> Token | None:
    """"Clashes between the Houthis and Ansar al-Sharia militants", "ISWAP clashed with Boko
    Haram near Kukawa": a clash with an armed group as a party is an incident."""
    clash = lemmas("events_triggers", "clash")
    words = doc_words(sent.doc)
    for i in range(sent.start, sent.end):
        if words.lemma[i] not in clash and words.lower[i] not in clash:
            continue
        tok = sent.doc[i]
        if _irrealis(tok) or (tok.tag_ == "NNS" and _HABITUAL.search(span_text(sent))):
            continue
        if any(ctx.entities[g.key].type == ARMED_GROUP and credited(ctx, sent, g.start, g.end, tok)
               for g in groups):
            return tok
    return None


def _dated_by_a_year(sent: Span, verb) -> bool:
    return any(e.label_ == "DATE" and _YEAR.fullmatch(e.text.strip()) and _clause_verb(e.root) == verb
               for e in span_ents(sent))


def _leader_is_object_of_killing(ctx: Context, sent: Span, leaders: set[str]) -> bool:
    """"An Israeli strike killed Fuad Shukr, a senior Hezbollah commander": the person killed
    leads or commands a group."""
    for ent in ctx.entities.values():
        if ent.key not in leaders:
            continue
        for start, _end in ent.mentions:
            if sent.start_char <= start < sent.end_char and re.search(
                    # "killed a top TTP commander, Mufti Ghufran": the title may come first
                    r"(?i)\b(?:killed|killing|assassinated|eliminated|shot\s+dead)\s+(?:[\w'’-]+,?\s+){0,8}?$",
                    ctx.text[max(sent.start_char, start - 60) : start]):
                return True
            if sent.start_char <= start < sent.end_char and _victim_of_killing(ctx.doc, start):
                return True
    return False


def _victim_of_killing(doc, start: int) -> bool:
    """The mention at this offset is what a killing verb killed, through its object or passive
    subject, or a list or apposition inside it ("the strike killed 12 people, including X",
    "X and two guards were killed in the raid"). The killing verbs are the `leader_title` row's."""
    verbs = lemmas("events_triggers", "leader_title", "verbs")
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    node = span[0]
    while node.dep_ == "compound" and node.head.i > node.i:
        node = node.head
    for _ in range(6):
        head = node.head
        if head is node:
            return False
        if head.lemma_.lower() in verbs and head.pos_ == "VERB" and node.dep_ in ("dobj", "nsubjpass"):
            return not any(c.dep_ == "neg" for c in head.children)
        if node.dep_ not in ("appos", "conj", "pobj", "prep", "compound", "nmod", "dobj", "nsubjpass"):
            return False
        node = head
    return False


def _armed_captor(ctx: Context, tok) -> bool:
    """The subject of "captured" / "seized" is militants or an armed group: a capture by armed
    men is an abduction or a battle, not an arrest by the authorities."""
    verb = tok
    while verb.dep_ == "conj" and verb.head.i != verb.i and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head   # "militants captured and killed ...": the shared subject
    actors = lemmas("events_perpetrators", "anonymous_actor")
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        if subj.lemma_.lower() in actors or ctx.group_at(subj.idx, subj.idx + len(subj.text)) is not None:
            return True
    return False


def _titled_victim(sent: Span):
    """"Militants assassinated Nasser Aker, a senior figure in the council", "French forces
    killed Abdelmalek Droukdel, the leader of AQIM": the named person a killing verb takes as
    its object bears a leader's title (the `leader_title` row), whether or not the roles layer
    knows him. Returns the killing verb, or None."""
    verbs = lemmas("events_triggers", "leader_title", "verbs")
    titles = lemmas("events_triggers", "leader_title")
    weak = lemmas("events_triggers", "leader_title", "weak")
    ranks = lemmas("events_triggers", "leader_title", "ranks")
    words = doc_words(sent.doc)
    for i in range(sent.start, sent.end):
        if words.pos[i] != "VERB" or words.lemma[i] not in verbs:
            continue  # (the first tests below, without making the token)
        tok = sent.doc[i]
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs or _irrealis(tok) or any(
                c.dep_ == "neg" for c in tok.children):
            continue
        # ("killed 50 fighters, including a senior leader" was tried: it gave the operation's toll
        # to a leader's killing; the operation stays one)
        for obj in (c for c in tok.children if c.dep_ == "dobj"):
            if obj.lemma_.lower() in weak and any(c.lower_ in ("senior", "top", "high-ranking") for c in obj.children):
                return tok   # "killed two senior gunmen", "eliminated a top operative"
            if obj.lemma_.lower() in titles and any(c.dep_ == "compound" and c.text.isupper() and len(c.text) > 1
                                                    for c in obj.children):
                return tok   # "killed the ISWAP commander" (the small model tags acronyms NN)
            if obj.lemma_.lower() in titles and any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in obj.children):
                return tok   # "killed the group's deputy leader, Abu Ahmed"
            if obj.lemma_.lower() in titles and any(
                    c.lower_ in ranks or (c.dep_ == "prep" and c.lower_ == "of") or c.dep_ == "poss"
                    or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in obj.children):
                return tok   # "killed two senior Hamas commanders", "killed the head of its Swat chapter"
            if obj.pos_ != "PROPN" or obj.ent_type_ not in ("PERSON", "ORG", ""):
                continue   # (the small model tags many Arabic names ORG)
            for t in obj.subtree:
                if t.dep_ in ("relcl", "acl") or t.i == obj.i:
                    continue
                if t.dep_ not in ("appos", "compound"):
                    continue
                lemma = t.lemma_.lower()
                if lemma in titles or (lemma in weak and any(c.lower_ in ranks for c in t.children)):
                    return tok
    return None


def _clause_verb(tok):
    node = tok
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def _dates_trigger(date_ent, trigger) -> bool:
    """A date dates an incident when it sits in the trigger's own clause or phrase: in "the
    attack ... was carried out by X, an outfit that has turned its guns on the government in
    recent years", "recent years" dates the turning, not the attack."""
    root = date_ent.root
    if root in trigger.subtree and not _inside_other_clause(root, trigger):
        return True
    if _told_in_aftermath(trigger):
        return False   # "declared Friday a day of mourning for the victims of the X attack"
    if _clause_verb(root) == _clause_verb(trigger):
        return True
    verb = _clause_verb(trigger)
    if verb.dep_ == "xcomp" and _clause_verb(root) == verb.head and verb.head.pos_ == "VERB":
        return True   # "In May 2021, G managed to storm a base": the day of the implicative verb
    first = verb
    while first.dep_ == "conj" and first.head.pos_ == "VERB" and first.head.i < first.i:
        first = first.head
    if first.i != verb.i and _clause_verb(root) == first and date_ent.end <= first.i:
        return True   # "On Tuesday, G stormed a base in A and ambushed a convoy near B": both that day
    if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children) and any(
            c.dep_ == "ccomp" and c == _clause_verb(root) and not any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children)
            for c in verb.children):
        # "Twin blasts claimed by G ripped through a market on Thursday": the small model makes
        # the reduced relative the clause and its noun's own verb a subject-less complement
        return True
    return bool(set(_same_time_clauses(root, date_side=True)) & set(_same_time_clauses(trigger)))


_AFTERMATH = lemmas("events_triggers", "aftermath_noun")


def _told_in_aftermath(trigger) -> bool:
    """An incident noun inside the phrase of what followed it ("the victims of the attack", "a
    trial over the bombing"), below its clause's verb."""
    if trigger.pos_ != "NOUN":
        return False
    node = trigger
    for _ in range(8):
        if node.head is node or node.head.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in _AFTERMATH:
            return True
    return False


def _inside_other_clause(tok, trigger) -> bool:
    """"G, which pledged allegiance to IS in 2015, attacked a town in March": the date sits in
    a relative clause (or an apposition) of the trigger's subject, the time of something else."""
    node = tok
    for _ in range(12):
        if node.i == trigger.i or node.head is node:
            return False
        if node.dep_ in ("relcl", "appos") or (node.dep_ == "acl" and node.pos_ == "VERB"):
            # ("the offensive that pushed G out of the city in 2011": a clause on the incident
            # noun itself dates it)
            return node.head.i != trigger.i
        node = node.head
    return False


_SAME_TIME_MARKS = {"when"}
_CLAIM_VERBS = {"claim", "admit", "acknowledge", "announce", "say"}


def _dates_the_claim(date_ent, trigger) -> bool:
    """"On Tuesday, the Taliban claimed responsibility for the bombing": the date hangs on the
    verb of claiming and the incident is only its object, so the date may be the claim's, not the
    incident's. Such a date still dates the incident when nothing else does, but it does not keep
    the claim apart from an incident told earlier with another date."""
    node = date_ent.root
    for _ in range(3):
        if node.head is node:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    return (node.lemma_.lower() in _CLAIM_VERBS and node.i != trigger.i
            and trigger in node.subtree and date_ent.root not in trigger.subtree)


def _same_time_clauses(tok, date_side: bool = False) -> list:
    """The clause verbs that share one time with this token's clause: a "when" clause and the
    clause it hangs on ("nine were killed on Sunday when a bomber targeted a convoy"), and a
    participle phrase and its clause ("forces backed by airstrikes killed 30 fighters on
    Monday"). On the date's side only an -ing participle counts ("two policemen guarding a team
    in Swabi on Monday"); "a school built in 2010" dates the building, not the attack. A trigger
    that is itself the participle ("schoolgirls kidnapped in Zamfara were freed Tuesday") keeps
    its own time, and so does a relative clause ("a group that has grown in recent years");
    "as" and "after" clauses tell of other moments ("praised ... Sunday, as officials raised the
    toll")."""
    out = [_clause_verb(tok)]
    for _ in range(3):
        verb = out[-1]
        if verb.head is verb:
            break
        # (a "when" clause may hang on the date itself: "broke out on May 3, when G stormed ...")
        when = verb.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ in _SAME_TIME_MARKS
                                             or c.dep_ == "mark" and c.lower_ in _SAME_TIME_MARKS
                                             for c in verb.children)
        participle = verb.dep_ == "acl" and verb is not tok and (not date_side or verb.tag_ == "VBG")
        # the cleft "It was on Friday that G stormed ...": the clause takes the frame's time
        cleft = verb.dep_ == "ccomp" and verb.head.lemma_ == "be" and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in verb.children) and any(
            c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.head.children)
        # "Hamas fighters crossed into Israel on October 7, killing about 1,200 people": the
        # trigger's own -ing participle, with no subject or mark, shares its clause's time
        adverbial = not date_side and verb is tok and verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
            c.dep_ in ("mark", "nsubj", "nsubjpass") for c in verb.children)
        if not (when or participle or cleft or adverbial):
            break
        out.append(_clause_verb(verb.head))
    return out


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONTH_NAME = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
                         r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                         r"nov|dec)[a-z]*\b")


def _year_anchor(sent: Span, date_ent, published):
    """The full date a yearless "July 22" counts back from. A writer who gives a year in the
    sentence ("On August 5, 2015, IS claimed the July 22 abduction") means that year, even in an
    article published years later. Without a publication date, the latest full date of the two
    sentences before carries on ("... the July 22 abduction. Salopek was kidnapped on July 22")."""
    if _YEAR.search(date_ent.text) or not _MONTH_NAME.search(date_ent.text):
        return None
    candidates = [e for e in span_ents(sent) if e is not date_ent]
    if published is None:
        doc = sent.doc
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        start = doc[start - 1].sent.start if start > 0 else start
        candidates += reversed(span_ents(doc[start : sent.start]))
    for ent in candidates:
        if ent.label_ != "DATE" or not _YEAR.search(ent.text):
            continue
        anchor = resolve_date(ent.text, published)
        if anchor.precision == "day" and anchor.iso:
            return dt.date.fromisoformat(anchor.iso)
    return None


def _own_date(tok) -> str | None:
    """A date inside a trigger noun's phrase ("a December 2009 suicide attack")."""
    for ent in doc_ents(tok.doc):
        if ent.label_ in ("DATE", "TIME") and (ent.root.head == tok or (ent.end == tok.i and ent.start >= tok.left_edge.i)):
            return ent.text.lower()
    return None


_ORG_NOUN = re.compile(r"(?i)\b(?:group|groups|organi[sz]ations?|outfits?|movement|militia|network|"
                      r"party|wing|front|brigades?|faction)\b")


def _bans_a_group(tok, stext: str, end: int, groups) -> bool:
    """A ban event outlaws or designates a group (or a person as a terrorist): "the banned BLA"
    describes a group, it does not report a ban, and bans on fishing or travel are not ours."""
    if any(c.dep_ == "neg" for c in tok.children) or re.search(
            r"(?i)\b(?:not|never|n[’']t)\s+(?:yet\s+|been\s+|formally\s+|officially\s+)*\w*\s*$",
            stext[: _offset_in(tok, stext)]):
        return False   # "Washington has not designated the Houthis": no act
    if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in tok.children) \
            and not any(e.label_ == "DATE" for e in span_ents(tok.sent)):
        return False   # "the PKK is designated as a terrorist organization by Turkey": a standing status
    if re.search(r"(?i)\b(?:has|have|had)\s+been\s+\w+\b[^.;]*\bsince\b", stext):
        return False   # "G has been designated a terrorist organization since 1997": a standing status
    if re.match(r"(?i)label", tok.text) and not any(e.label_ == "DATE" and _point_in_time(e.text) for e in span_ents(tok.sent)):
        return False   # "Ankara ... has labeled both as terrorist organizations": a view; "in 2021 the US labelled G" an act
    amended = re.match(r"(?i)(?:amended|revised|updated)\b", tok.text) and not (
        tok.i > 0 and tok.doc[tok.i - 1].dep_ in ("det", "poss"))
    if (tok.dep_ == "amod" or (tok.tag_ == "VBN" and tok.dep_ in ("amod", "compound"))) \
            and not _designates(tok, groups) and not amended:
        return False
    if tok.pos_ == "NOUN" and any(c.dep_ == "compound" and c.pos_ == "NOUN" and not any(
            g.start <= c.idx < g.end for g in groups) for c in tok.children):
        return False   # "the book ban", "a travel ban": what is banned is not a group
    if re.match(r"(?i)(?:imposed|imposes|imposing|slapped|levied)\b", tok.text):
        after = _offset_in(tok, stext)
        m = re.match(r"(?i)\w+\s+(?:new\s+|fresh\s+|further\s+)?sanctions\s+(?:on|against)\s+(?:the\s+)?", stext[after:])
        start = tok.sent.start_char + after + (m.end() if m else 0)
        return m is not None and any(g.start == start for g in groups)   # sanctions on a group
    if re.search(r"(?i)terrorist|FTO|SDGT|sanctions?\s+list", stext):
        return True
    if re.search(r"(?:State|Treasury)\s+(?:has\s+|had\s+|also\s+|formally\s+)*$", stext[: _offset_in(tok, stext)]):
        return True   # "the Department of State designated X as a ..."
    # (the agent of the ban is who bans, not what is banned: "300 titles banned by the Taliban")
    return bool(groups) and bool(_ORG_NOUN.search(stext[end : end + 80]) or any(
        g.start >= tok.idx and not re.search(r"(?i)\bby\s+(?:the\s+)?$", tok.doc.text[max(0, g.start - 12) : g.start])
        for g in groups) or tok.dep_ in ("ROOT", "relcl", "conj") and any(
        g.start < tok.idx for g in groups) and re.search(r"(?i)\b(?:was|were|been|is|are)\s+\w*\s*$", stext[: end - len(tok.text)]))


def _offset_in(tok, stext: str) -> int:
    """The token's offset inside its sentence's text."""
    return max(0, tok.idx - tok.sent.start_char)


def _designates(tok, groups) -> bool:
    """"(has) designated Viv Ansanm a foreign terrorist organization": the parser may hang the
    verb on the group as an adjective; a group right after it, then "(as) a/an", makes it the
    verb of a designation ("the designated group" stays an adjective)."""
    text = tok.doc.text
    after = tok.idx + len(tok.text)
    for g in groups:
        if g.start >= after and re.fullmatch(r"\s+(?:the\s+)?", text[after : g.start]):
            return bool(re.match(r"(?i)\s*(?:\([^)]{1,20}\)\s*)?,?\s*(?:as\s+)?(?:an?|the)\s", text[g.end : g.end + 40]))
    return False


def _separate_incident(hits: list[EventHit], tok) -> bool:
    """A second trigger in a sentence is another incident when it is a verb coordinated with an
    earlier trigger verb and has its own object ("blew up a hotel, overran three bases and
    detonated a bomb"), or a noun with its own date ("a December 2009 suicide attack on ...;
    and an April 2010 suicide bombing against ...")."""
    if tok.pos_ in ("NOUN", "PROPN") and re.search(
            r"(?i)\b(?:after|before|following|since|than)\s+(?:an?|another)\s+(?:[\w-]+\s+){0,2}$",
            span_text(tok.sent)[: tok.idx - tok.sent.start_char]):
        return True  # "the bombing came hours after an overnight attack in which ..."
    mine = _description_clause(tok)
    if any((t := getattr(h, "token", None)) is not None and _description_clause(t) is not mine for h in hits):
        # "The attack was claimed by G, a little-known group that claimed an attack on a hotel in
        # 2016": the clause describing the group tells of another incident
        return True
    verb = tok.head if tok.dep_ == "nsubj" else tok   # "jihadists killed": the verb
    if verb.pos_ == "VERB" and verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("after", "before") for c in verb.children) and all(
            (t := getattr(h, "token", None)) is not None and t not in verb.subtree and t.i < verb.i for h in hits) \
            and verb.head.lemma_.lower() in ("come", "follow", "happen", "occur", "take", "be"):
        return True  # "the attack in X came a day after jihadists killed 12 soldiers in Y"
    verbal = tok.pos_ == "VERB" or (tok.dep_ in ("appos", "conj") and any(c.dep_ == "dobj" for c in tok.children))
    if tok.tag_ == "NN" and _named_incident(tok, []) and all(
            (t := getattr(h, "token", None)) is not None and t.tag_ == "NNS" for h in hits):
        return True   # "carried out attacks in A, B and the Agadez market attack": the named one is one
    if tok.pos_ in ("NOUN", "PROPN") and not verbal:
        mine = _own_date(tok)
        others = {_own_date(t) for h in hits if (t := getattr(h, "token", None)) is not None}
        return bool(mine and _point_in_time(mine) and others and mine not in others and None not in others)
    if not verbal or not any(c.dep_ in ("dobj", "prep") for c in tok.children):
        return False
    for h in hits:
        prev = getattr(h, "token", None)
        if prev is not None and prev.pos_ == "VERB" and _coordinated(prev, tok):
            return _own_incident(prev, tok)
    return False


# a verb form in a written list of deeds: "blown up a hotel, overrun three bases and detonated"
_LISTED_VERB = re.compile(r"(?i)^(?:[a-z]+(?:ed|en|un|an|ew|ook|ole)(?:\s+(?:up|off|down))?)\s+(?:an?|the|\w+)\b")


def _listed_deed(hits: list[EventHit], sent: Span, start: int) -> bool:
    """A list of three or more deeds of one subject, written "V1 X, V2 Y and V3 Z", where the
    small model misreads a verb as a noun: the words between the earlier verb trigger and this
    one end with a comma or "and", and the sentence holds at least three such verbs."""
    prevs = [t for h in hits if (t := getattr(h, "token", None)) is not None and t.pos_ == "VERB" and t.idx < start]
    if not prevs or not _LISTED_VERB.match(sent.doc.text[start : start + 40]):
        return False
    gap = sent.doc.text[prevs[-1].idx : start]
    if not re.search(r"(?:,|\band)\s*$", gap) or re.search(r"[;:]|\b(?:which|who|that|after|before|when)\b", gap):
        return False
    listed = re.findall(r"(?:,|\band)\s+[a-z]+(?:ed|en|un|an|ew|ook|ole)\b", span_text(sent)[prevs[-1].idx - sent.start_char :])
    return len(listed) >= 2


def _coordinated(prev, tok) -> bool:
    """Verbs of one subject in a coordination: "blew up a hotel, overran three bases and ...";
    the small model may hang a verb it tags as a noun on the object before it ("blown up
    another hotel, overrun three bases": "overrun" an apposition of "hotel")."""
    if tok in prev.conjuncts:
        return True
    return tok.dep_ in ("appos", "conj") and tok.head.dep_ == "dobj" and tok.head.head in (prev, *prev.conjuncts)


def _list_members(prev, tok) -> int:
    """How many verbs with objects the coordination of `prev` holds (a verb the small model tags
    as a noun and hangs on the object before it counts too)."""
    members = {prev.i, tok.i} | {c.i for c in prev.conjuncts if c.pos_ == "VERB"}
    for t in prev.subtree:
        if t.i in members or not any(c.dep_ == "dobj" for c in t.children):
            continue
        node = t
        while node.i != prev.i and node.dep_ in ("conj", "appos", "prep", "dobj", "pobj") and node.head.i != node.i:
            node = node.head
        if node.i == prev.i and t.dep_ in ("conj", "appos", "prep"):
            members.add(t.i)
    return len(members)


def _own_incident(prev, tok) -> bool:
    """Coordinated verbs of violence tell several incidents when the later one has a place or a
    day of its own ("stormed a base in Marte and ambushed a convoy near Dikwa"), or when three or
    more make a list ("blew up a hotel, overran three bases and detonated a bomb"); "attacked a
    village and abducted 20 women" tells one incident."""
    if _list_members(prev, tok) >= 3:
        return True
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in prev.children):
        return True   # "G has blown up a hotel and detonated a bomb": a record of deeds, not one incident
    skip = {t.i for c in tok.children if c.dep_ == "conj" for t in c.subtree}
    own = [t for t in tok.subtree if t.i not in skip and t.i != tok.i]
    if any(t.ent_type_ in ("GPE", "LOC", "FAC") and t.dep_ in ("pobj", "compound") for t in own):
        return True
    return any(t.ent_type_ == "DATE" and _point_in_time(t.text) for t in own)


def _scope(hit: EventHit, hits: list[EventHit]) -> tuple[int, int]:
    """Character range of the sentence that belongs to this trigger: the whole sentence, or the
    verb phrase of one of several coordinated incidents."""
    sent = hit.sent
    tok = getattr(hit, "token", None)
    if len(hits) < 2 or tok is None:
        return sent.start_char, sent.end_char
    conj_subtrees = [set(a.subtree) for a in tok.children if a.dep_ == "conj"]
    # ... nor the phrase of another incident named inside this one's ("after an attack in which")
    for other in hits:
        o = getattr(other, "token", None)
        if o is not None and o is not tok and tok not in o.subtree:
            conj_subtrees.append(set(o.subtree))
    own = [t for t in tok.subtree if not any(t in st for st in conj_subtrees)]
    left = min(t.idx for t in own)
    right = max(t.idx + len(t.text) for t in own)
    # a deed of a written list that the parser misread ("..., overrun three bases in Gedo and
    # detonated ...") reaches from its word to the next deed; the deed before it stops there
    later = sorted(h.start for h in hits if getattr(h, "listed", False) and h.start > hit.start)
    if getattr(hit, "listed", False):
        nxt = sorted(h.start for h in hits if h.start > hit.start)
        left, right = hit.start, (nxt[0] if nxt else sent.end_char)
    elif later:
        right = min(right, later[0])
    return left, right


def _split_by_dates(hit: EventHit, scope: tuple[int, int]) -> list[EventHit]:
    """"attacks on a barracks on Friday, a post on Sunday, and a town on Monday" are three."""
    dates = getattr(hit, "all_dates", [])
    if hit.type != "attack" or len(dates) < 2:
        return [hit]
    out = []
    for d in dates:
        clone = copy.copy(hit)
        for name in ("perpetrators", "claimed_by", "described"):
            setattr(clone, name, list(getattr(hit, name)))
        clone.date = d
        out.append(clone)
    return out


def _persons_in(ctx: Context, sent: Span) -> set[str]:
    out = set()
    for ent in ctx.entities.values():
        if ent.type == PERSON and any(sent.start_char <= s < sent.end_char for s, _ in ent.mentions):
            out.add(ent.key)
    return out


def _fill(ctx: Context, hit: EventHit, groups, geo, doc_country, scope) -> None:
    sent = hit.sent
    lo, hi = scope
    stext = ctx.text[lo:hi] if (lo, hi) != (sent.start_char, sent.end_char) else span_text(sent)
    hit.evidence = evidence(sent)
    hit.definite = bool(_DEFINITE.search(stext))
    # ("the army said earlier that ..." dates the statement, it tells of no other incident)
    hit.another = bool(_ANOTHER.search(_SAID_EARLIER.sub("", stext))) or bool(
        re.search(r"(?i)\b(?:after|before|since|following)\s+an?\s+(?:[\w-]+\s+){0,2}$",
                  ctx.text[max(sent.start_char, hit.start - 50) : hit.start]))
    # date: a DATE entity of the sentence that does not date a speech verb ("said Thursday")
    published = ctx.published
    trigger = getattr(hit, "token", None) or _token_at(sent, hit.start)
    verb = trigger
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i < verb.i:
        verb = verb.head   # "The attackers burned dormitories and abducted six students"
    subj = [c for c in verb.children if c.dep_ == "nsubj"] if verb.pos_ == "VERB" else []
    if subj and (subj[0].lemma_.lower() in _ACTOR_NOUNS or subj[0].lower_ in _ACTOR_NOUNS) and any(
            d.dep_ == "det" and d.lower_ == "the" for d in subj[0].children) \
            and not any(e.label_ == "DATE" for e in sent.ents) and not _AGAIN.search(stext):
        # "The attackers burned dormitories and abducted six students": the doers of the
        # incident just told, telling more of it
        hit.definite = True
    if trigger.dep_ == "ccomp" and trigger.head.lemma_ in _SPEECH_LEMMAS and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "they") for c in trigger.children):
        # "the group said it had killed more than 10 people": the group's own word on the
        # story's incident (its toll may differ from the one reported), not another incident
        hit.definite = True
    if trigger.dep_ == "ccomp" and trigger.head.lemma_ in _SPEECH_LEMMAS and any(
            c.dep_ == "nsubj" and (c.lemma_.lower() in _ACTOR_NOUNS or c.lower_ in _ACTOR_NOUNS) and any(
                d.dep_ == "det" and d.lower_ == "the" for d in c.children) for c in trigger.children) \
            and not any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE") for t in trigger.subtree) \
            and trigger.lemma_.lower() == "kill" and not _AGAIN.search(stext):
        # "a spokesman said the attacker had killed 12 police": the speaker's toll for the
        # incident just told, not another one
        hit.definite = True
    dates = []
    for ent in span_ents(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.root.head.lemma_ in _SPEECH_LEMMAS and ent.root.head.i < ent.start:
            continue
        if ent.root.head.dep_ == "prep" and ent.root.head.head.lemma_ in _TELLING \
                and ent.root.head.head.i < ent.start and ent.root.head.head.i != trigger.i:
            continue  # "..., residents said on Sunday": the day of the telling
        if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "since":
            continue  # "the fourth such incident since December": a span, not this incident's date
        if ctx.group_at(ent.start_char, ent.end_char) is not None:
            continue  # "the Revolutionary Organization 17 November": a date in a group's name
        if not _dates_trigger(ent, trigger):
            continue
        rise = _clause_verb(ent.root)
        if rise.lemma_.lower() in _TOLL_RISE and rise.i != trigger.i and ent.root not in trigger.subtree and any(
                t.lower_ == "toll" for t in rise.children if t.dep_ in ("nsubj", "nsubjpass")):
            continue   # "the death toll from a bombing at a mosque rose to 59 on Saturday": the count's day
        if not (_DATE_WORD.search(ent.text) or re.search(r"\d", ent.text)):
            continue  # "near Turbat" tagged DATE by the small model
        if re.search(r"(?i)\b(?:easter|christmas|new\s+year|eid|ramadan|nowruz|diwali|thanksgiving|ashura|"
                     r"passover|yom\s+kippur)\b", ent.doc[max(ent.start - 2, 0) : ent.end].text) \
                and not re.search(r"\d{4}", ent.text):
            continue  # "the Easter Sunday bombing": a feast's day, not last Sunday
        dates.append(ent)
    if not dates and trigger.pos_ == "NOUN":
        year = next((c for c in trigger.children if c.dep_ in ("nummod", "amod", "compound")
                     and re.fullmatch(r"(?:19|20)\d\d", c.text) and c.i < trigger.i), None)
        if year is not None:   # "a 2022 bombing in Ankara": the year the noun names
            hit.date = {"iso": year.text, "text": year.text}
    in_scope = [d for d in dates if lo <= d.start_char < hi] or dates
    if in_scope:
        best = min(in_scope, key=lambda e: abs(e.start_char - hit.start))
        if best.label_ == "TIME" and best.start > 0 and not resolve_date(best.text, published).iso:
            # "On Thursday morning": the small model splits the day (DATE) from the time of
            # day (TIME); the day it names is the date
            day = next((d for d in in_scope if d.label_ == "DATE" and d.end == best.start), None)
            if day is not None:
                best = day
        resolved = resolve_date(best.text, _year_anchor(sent, best, published) or published)
        cut = re.split(r"(?i)\s+(?:after|before|following|since|amid)\s+", best.text)[0]
        if not resolved.iso and cut != best.text:
            # "on Sunday after weeks of fighting": the tagger ran the day into the phrase after it
            resolved = resolve_date(cut, _year_anchor(sent, best, published) or published)
        if resolved.iso or _DATE_WORD.search(best.text):
            hit.date = {"iso": resolved.iso, "text": best.text}
            if _dates_the_claim(best, trigger):
                hit.claim_dated = True  # type: ignore[attr-defined]
        after = [d for d in in_scope if d.start_char > hit.start and _point_in_time(d.text)]
        if len({d.text.lower() for d in after}) >= 2:
            hit.all_dates = [  # type: ignore[attr-defined]
                {"iso": resolve_date(d.text, published).iso, "text": d.text} for d in after
            ]
    node = trigger
    while node.dep_ == "conj" and node.head.i < node.i and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head   # "Gunfire and explosions continued": the first conjunct is the subject
    head = node.head if node.dep_ == "nsubj" else None
    if head is not None and head.pos_ == "VERB" and (head.lemma_.lower() in ("continue", "persist", "rage", "drag") or (
            head.lemma_.lower() in ("end", "conclude", "last") and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in node.children))) \
            and not _AGAIN.search(stext) and not hit.another:
        # "Gunfire and explosions continued into Saturday as forces battled the attackers", "the
        # hotel siege ended early Wednesday": the incident just told goes on or ends; its day is
        # the start's
        hit.definite = True
        hit.date = None
        hit.continued = True  # type: ignore[attr-defined]
    # place: the most specific place in the sentence, countries last
    hit.place = _place(ctx, sent, geo, doc_country, scope, trigger)
    if hit.type == "ban":
        hit.place = _ban_place(stext, geo, hit.place)
        points = [e for e in span_ents(sent) if e.label_ == "DATE" and _point_in_time(e.text)
                  and not (e.start > 0 and e.doc[e.start - 1].lower_ in ("since", "until"))]
        just_before = [e for e in points if 0 <= trigger.i - e.end <= 2 and e.start_char >= sent.start_char]
        if hit.date is None and just_before:
            # "The government on Friday banned G, a group that claimed an attack in May": the
            # day written just before the ban's verb
            resolved = resolve_date(just_before[-1].text, published)
            if resolved.iso:
                hit.date = {"iso": resolved.iso, "text": just_before[-1].text}
        if hit.date is None and len(points) == 1:
            # a ban sentence tells one act: its only date is the act's, however the parser
            # hangs it ("In September 2015, the Department of State amended ABM's designation")
            resolved = resolve_date(points[0].text, published)
            if resolved.iso:
                hit.date = {"iso": resolved.iso, "text": points[0].text}
        if hit.date is None and published is not None and re.search(
                r"(?i)\b(?:has|have)\s+(?:\w+\s+)?(?:amended|designated|banned|proscribed|listed|outlawed|"
                r"blacklisted|declared|added)\b", stext):
            # "The Department of State has amended the designations of ISIS": an announcement,
            # made when it is published
            hit.date = {"iso": published.isoformat(), "text": None}
    # toll
    base = lo if (lo, hi) != (sent.start_char, sent.end_char) else sent.start_char
    spans = [(g.start - base, g.end - base) for g in groups]

    def forces_killing(text: str, m: re.Match[str]) -> bool:
        # "the Allied Democratic Forces killed 14 villagers": "Forces" in a group's name are
        # the attackers, not security forces killing them
        return _security_forces_killing(text, m) and not any(a < m.start() <= b + 20 for a, b in spans
                                                              if _FORCES_BEFORE.search(text[a:m.start()]))
    hit.killed = _count(_KILLED, stext, forces_killing if hit.type == "attack" else None)
    if hit.killed is None and hit.type == "attack":
        one = _KILLED_ONE.search(stext)
        if one is not None:   # "gunmen attacked a checkpoint, killing a soldier": one
            hit.killed = {"value": 1, "qualifier": "exact", "text": one.group("one") or one.group("one2")}
    along = _ALONG_WITH.search(stext)
    if along:
        c = parse_count(along.group("n"))
        if c is not None:
            hit.killed = {"value": c.value + 1, "qualifier": c.qualifier, "text": along.group(0)[along.group(0).find("along"):]}
    hit.wounded = _count(_WOUNDED, stext)
    if hit.type == "ban":
        # "Pakistan banned G, a group that claimed a bombing that killed 14 people in Quetta":
        # the toll and the town are the bombing's; a ban is located in the banning country
        hit.killed = hit.wounded = None
    if hit.type == "arrest":
        hit.killed = None   # "killing 25 insurgents and arresting 12": the toll is the fight's
    if hit.type == "ban":
        if hit.place is not None and hit.place.get("name"):
            country = _banning_country(trigger, geo) or hit.place.get("country")
            p = geo.geocode(country) if country else None
            hit.place = {"name": None, "country": country, "lat": p.lat if p else None, "lon": p.lon if p else None}
    if hit.type == "leader_killed" and hit.killed is None:
        # "two senior commanders of G were killed": the leaders counted; else the leader at least
        many = re.search(r"(?i)\b(?P<n>two|three|four|five|both|\d+)\s+(?:[\w“”\"'-]+\s+){0,2}?"
                         r"(?:leaders|commanders|chiefs|founders|deputies|emirs)\b", stext)
        n = parse_count("two" if many and many.group("n").lower() == "both" else many.group("n")) if many else None
        hit.killed = ({"value": n.value, "qualifier": "exact", "text": many.group(0)} if n is not None and many
                      else {"value": 1, "qualifier": "at_least", "text": None})
    # perpetrators: the groups the parse credits with the incident (extract/perpetrators.py),
    # never a group that merely shares the sentence
    # (the killers of a leader likewise: "ISWAP fighters surrounded Shekau, who blew himself up")
    if hit.type in ("attack", "leader_killed"):
        if hit.type == "leader_killed":
            trigger = None   # the sentence, not one word, tells of the death
        actors = [g for g in groups if lo <= g.start < hi] or groups
        doers = [g for g in actors if ctx.entities[g.key].type == ARMED_GROUP
                 and credited(ctx, sent, g.start, g.end, trigger)]
        # "Gunmen from G1 and G2 clashed ...": names joined by "and" or a comma share their role
        # even where the small parser glued them into one phrase
        for g in actors:
            if g not in doers and ctx.entities[g.key].type == ARMED_GROUP and any(
                    _JOINED.fullmatch(ctx.text[min(g.end, d.end) : max(g.start, d.start)]) for d in doers):
                doers.append(g)
        for g in actors:
            if g not in doers:
                continue
            owner = modified_group(ctx.text, g, groups)
            if owner is not None:
                # "militants from the al-Qaeda affiliated Ansar al-Sharia": the small model often
                # reads "affiliated" as a verb; the group it describes holds its place
                if ctx.entities[owner.key].type == ARMED_GROUP:
                    _add(hit.perpetrators, owner.key)
                continue
            _add(hit.perpetrators, g.key)
            if isinstance(g, (Description, _Ref)):
                _add(hit.described, g.key)
        if not hit.perpetrators:
            for key in pronoun_perpetrators(ctx, sent, lo, hi, trigger):
                if ctx.entities[key].type == ARMED_GROUP:
                    _add(hit.perpetrators, key)
                    _add(hit.described, key)
        if not hit.perpetrators and anonymous_actors(ctx, sent, lo, hi, trigger):
            hit.anonymous = True  # type: ignore[attr-defined]
        if hit.type == "attack" and hit.perpetrators and _fighting_broke_out(sent):
            # "Fighting broke out when G1 fighters attacked the camp of a G2 commander": the
            # fighting had two sides; the group attacked fought it too
            for g in [g for g in groups if lo <= g.start < hi]:
                if ctx.entities[g.key].type == ARMED_GROUP and g.key not in hit.perpetrators \
                        and not isinstance(g, _Ref) and modified_group(ctx.text, g, groups) is None:
                    _add(hit.perpetrators, g.key)
    tm = _TARGET.search(stext)
    if tm and hit.type == "attack":
        hit.target = re.sub(r"^(?:the|a|an)\s+", "", tm.group("t"), flags=re.I)
    elif hit.type in ("arrest", "ban", "military_operation"):
        named = [ctx.entities[g.key].name for g in groups if ctx.entities[g.key].type == ARMED_GROUP]
        hit.target = ", ".join(dict.fromkeys(named)) or None
    if hit.type in CONCERNING:
        # Every armed group of the trigger's clause that did not do it is what it is about.
        for g in [g for g in groups if lo <= g.start < hi] or groups:
            if ctx.entities[g.key].type == ARMED_GROUP and g.key not in hit.perpetrators:
                _add(hit.concerns, g.key)
    # How much of the incident this sentence tells; the richest mention becomes the evidence.
    hit.richness = (2 if hit.killed else 0) + (2 if hit.date and hit.date.get("iso") else 0) + (
        1 if hit.place and hit.place.get("name") else 0
    ) + (1 if hit.perpetrators else 0) + (1 if hit.target else 0)


_DATE_WORD = re.compile(
    r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|today|yesterday|tonight|"
    r"overnight|morning|evening|night|week|weekend|month|year|ago|recent\w*|earlier|last|"
    r"1[89]\d\d|20\d\d)"
)
# Government bodies that ban or designate groups, and the country they act for.
_AUTHORITIES = [
    (re.compile(r"\b(?:State\s+Department|Department\s+of\s+State|Treasury|Secretary\s+of\s+State|"
                r"U\.?S\.?\s+government|Washington|OFAC)\b"), "United States"),
    (re.compile(r"\b(?:Home\s+Office|Home\s+Secretary|British\s+government|UK\s+government)\b"), "United Kingdom"),
    (re.compile(r"\b(?:Security\s+Council|United\s+Nations|UN\s+sanctions)\b"), None),
]


def _point_in_time(text: str) -> bool:
    return bool(re.search(r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                          r"january|february|march|april|may|june|july|august|september|october|"
                          r"november|december|\d{4})\b", text))


def _specific(hit: EventHit) -> bool:
    """"their attacks" is talk about violence; "attacks on Friday in Borno" are incidents."""
    return bool((hit.date and hit.date.get("iso")) or _date_key(hit.date) or hit.killed or hit.wounded
                or (hit.place and hit.place.get("name")))


_MANY = re.compile(r"(?i)^(?:several|many|numerous|dozens|scores|hundreds|thousands|countless|"
                   r"a\s+series|a\s+string|a\s+wave|a\s+spate)$")
_TREND = re.compile(r"(?i)\bfrom\s+[\d,]+\s+in\s+\d{4}\s+to\s+[\d,]+|\b(?:per|a)\s+(?:year|month)\b|"
                    r"\b(?:rose|fell|surged|doubled|tripled|dropped|declined|jumped)\s+(?:from|by)\b")


_MILITANT_WORDS = re.compile(
    r"(?i)\b(?:militants?|terrorists?|terror\s+suspects?|insurgents?|jihadists?|extremists?|fighters?|"
    r"rebels?|commanders?|cell|bomb-?makers?|suicide\s+bombers?|gunmen|bandits|kidnappers|"
    r"separatists?|guerrill?as?)\b")
def _about_militants(ctx: Context, sent: Span) -> bool:
    """The sentence, or the one before it, speaks of an armed group or of militants."""
    if _MILITANT_WORDS.search(span_text(sent)):
        return True
    if sent.start == 0:
        return False
    prev = sent.doc[sent.start - 1].sent
    return bool(_MILITANT_WORDS.search(span_text(prev)) or ctx.groups_between(prev.start_char, prev.end_char))


_INCIDENT_NOUNS = {"attack", "bombing", "bomb", "blast", "explosion", "raid", "ambush", "assault",
                   "strike", "airstrike", "operation", "kidnapping", "abduction", "incident", "killing",
                   "shooting", "massacre", "hijacking", "offensive", "clash", "rampage",
                   "shootout", "encounter"}


def _named_incident(tok, group_spans: list[tuple[int, int]]) -> bool:
    """"the 2008 Mumbai attacks", "the Bali bombings", "the Easter Sunday bombings": a plural
    incident noun that a definite article and a place or day name (not a number of incidents)
    make the name of one incident. "the attacks in 2024" and "the Boko Haram attacks" do not."""
    left = [c for c in tok.children if c.i < tok.i]
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in left):
        return False
    if any(_MANY.match(c.text) or (c.dep_ == "nummod" and c.ent_type_ != "DATE") for c in left):
        return False
    mods = [t for c in left if c.dep_ in ("compound", "nmod", "amod") for t in c.subtree]
    # "the 2008 attacks on Mumbai", "the 2015 attacks in Paris": a dated definite plural whose
    # place follows it names one incident as well
    if any(c.ent_type_ == "DATE" and c.dep_ in ("nummod", "compound", "amod", "nmod") for c in left):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "in", "at", "against"):
                mods += [o for o in prep.children if o.dep_ == "pobj"]
    # (the small model tags "Mumbai" ORG and "Bali" nothing: any proper noun that is not a group)
    return any(t.pos_ == "PROPN" and not any(a <= t.idx < b for a, b in group_spans) for t in mods)


def _aggregate(hit: EventHit, tok, stext: str) -> bool:
    """Plural triggers that count or summarise many incidents ("killed nearly 400 people in over
    50 attacks in 2024", "since 2009, hundreds have died in suicide attacks", "deaths in the attacks
    surged from 88 in 2023 to 388 in 2024") are statistics, not one incident. "Twin bombings",
    "two blasts" and "Saturday's multiple blasts" stay incidents, and so do plural actors ("six
    militants were killed by troops")."""
    if tok.lemma_.lower() not in _INCIDENT_NOUNS:
        return False
    verb = _clause_verb(tok)
    if verb.lemma_.lower() in ("kill", "wound", "injure", "displace", "abduct", "kidnap") and any(
            c.dep_ == "aux" and c.lower_ in ("have", "has") for c in verb.children) and any(
            c.dep_ == "auxpass" for c in verb.children):
        return True   # "hundreds of people have been killed in attacks by the group": a running toll
    if _named_incident(tok, getattr(hit, "group_spans", [])):
        return False
    for child in tok.children:
        if child.dep_ == "nummod" and child.ent_type_ != "DATE":
            n = parse_count(child.text)
            if n is not None and n.value >= 5:
                return True
        if child.dep_ in ("amod", "nummod", "det") and _MANY.match(child.text):
            return True
        if child.dep_ == "amod" and child.lower_ in ("more", "most", "fewer"):
            return True   # "the city has suffered more attacks than any other": a comparison
    quantifier = stext[max(0, tok.idx - hit.sent.start_char - 15) : tok.idx - hit.sent.start_char]
    if re.search(r"(?i)\b(?:a\s+(?:series|string|wave|spate)|dozens|scores|hundreds)\s+of\s+(?:\w+\s+)?$", quantifier):
        return True
    if _TREND.search(stext):
        return True
    # "it had killed 20 soldiers in attacks over recent days": a span of days is many incidents
    if any(e.label_ == "DATE" and _BACKGROUND.search(e.text) for e in span_ents(hit.sent)):
        return True
    date = (hit.date or {}).get("text") or ""
    iso = (hit.date or {}).get("iso") or ""
    since = any(e.label_ == "DATE" and e.start > 0 and e.doc[e.start - 1].lower_ == "since"
                for e in span_ents(hit.sent))
    return bool(since or re.match(r"(?i)\s*since\b", date) or len(iso) == 4)


def _anchored(hit: EventHit) -> bool:
    if hit.type == "ban":
        return True
    return bool(hit.date or hit.killed or hit.wounded or (hit.place and hit.place.get("name"))
                or hit.perpetrators or hit.definite)


def _is_year(text: str, start: int, raw: str) -> bool:
    """"On January 3, 2016 gunmen killed": 2016 is the year of a date, not a toll; so is the
    year naming an incident ("a 2017 truck bombing in Mogadishu killed ...")."""
    if not re.fullmatch(r"(?:1[89]|20)\d\d", raw.strip()):
        return False
    if re.match(r"(?i)\s*(?:[\w-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|raids?|ambush|"
                r"massacre|assault|siege|kidnapping|abduction|shooting|strikes?)\b",
                text[start + len(raw):]):
        return True
    return bool(re.search(r"(?i)(?:\b(?:in|since|of|during|by|until|from|early|late|mid)\s+|"
                          r"[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*|\d{1,2}\s+[a-z]+\.?,?\s+)$",
                          text[max(0, start - 20) : start]))


def _one_more(part: str):
    """The "a" of "two soldiers and a civilian" is one more victim."""
    return Count(1, "exact", part.strip()) if re.fullmatch(r"(?i)\s*an?\s*", part) else None


_FORCES_BEFORE = re.compile(r"(?i)\b(?:troops|soldiers|forces|police(?:men)?|army|military|commandos)\s+"
                            r"(?:[\w-]+\s+){0,2}$")


def _security_forces_killing(text: str, m: re.Match[str]) -> bool:
    """"Our soldiers shot dead two militants": in an attack, a toll that soldiers or police
    inflicted counts the attackers, not the attack's victims."""
    return m.group("n") is None and bool(_FORCES_BEFORE.search(text[max(0, m.start() - 40) : m.start()]))


_VAGUE_TOLL = re.compile(rf"(?i)(?:{_QUAL})?(?:dozens|scores|hundreds|thousands)")


def _count(pattern: re.Pattern[str], text: str, reject=None) -> dict | None:
    """The first toll the pattern finds; a vague one ("has killed thousands") only when no
    number follows it ("G, which has killed thousands, claimed an attack that killed three")."""
    found = _first_count(pattern, text, reject)
    if found is not None and _VAGUE_TOLL.fullmatch(found["text"]):
        at = text.find(found["text"])
        later = _first_count(pattern, text[at + len(found["text"]):], reject) if at >= 0 else None
        if later is not None and not _VAGUE_TOLL.fullmatch(later["text"]):
            return later
    return found


def _first_count(pattern: re.Pattern[str], text: str, reject=None) -> dict | None:
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        pos = m.end()
        if reject is not None and reject(text, m):
            continue
        group = "n" if m.groupdict().get("n") else "m"
        raw = m.group(group)
        if not raw:
            continue
        if group == "n" and _COUNT_AFTER.match(text, m.end()):
            # "Three gunmen killed 7 villagers": the first number counts the killers, the
            # verb is active; read again from the verb for its object
            pos = text.rfind(" ", m.start(), m.end()) + 1
            continue
        if _is_year(text, m.start(group), raw):
            pos = m.end(group)              # look again just after the year
            continue
        parts = re.split(r"\s+and\s+", raw)
        total, qualifier = 0, "exact"
        ok = True
        for part in parts:
            c = _one_more(part) or parse_count(part)
            if c is None:
                ok = False
                break
            total += c.value
            if c.qualifier != "exact":
                qualifier = c.qualifier
        if not ok:
            c = parse_count(raw)
            if c is None:
                continue
            total, qualifier = c.value, c.qualifier
        return {"value": total, "qualifier": qualifier, "text": raw.strip()}
    return None


# Where the text itself says what kind of place a name is: "the village of Jangebe", "Kabul's
# western Dasht-e-Barchi neighborhood", "the Sahafi Hotel". spaCy's small model misses many
# small places, and these are the most specific ones an article names.
_WORD = r"[A-Z]\w*(?:['’](?!s\b)\w+)*(?:-[\w'’]+)*"   # "L'Estere", "Dasht-e-Barchi"; not "Balochistan's"
_NAME = (rf"(?:{_WORD})(?:\s+(?:{_WORD}|al-\w+|el-\w+|de|du|da|do|"
         r"dos|das|la|el)(?=\s+[A-Z]|[\s,.;:]|$))*")
_SMALL_PLACE = r"village|town|hamlet|settlement|locality|suburb|neighbou?rhood|camp|township"
# ("between the towns of Bocaranga and Bazoum": a plural kind names its first place too)
_CUE_OF = re.compile(rf"\b(?P<kind>{_SMALL_PLACE}|city|district|area|county|villages|towns|cities|districts|"
                     rf"settlements|localities)\s+of\s+(?P<name>{_NAME})")
# (the administrative units incident summaries name: "in Quiche department, Guatemala", "in
# Walikale territory", "in Menaka commune", "in Kotli tehsil"; ranked as districts)
_ADMIN_UNIT = r"department|territory|municipality|commune|tehsil|upazila|woreda|parish"
_CUE_AFTER = re.compile(rf"\b(?P<name>{_NAME})\s+(?P<kind>{_SMALL_PLACE}|district|area|{_ADMIN_UNIT})\b")
# "the Justice department", "the Fire department": a government's department, not a place
_OFFICE_DEPARTMENT = re.compile(
    r"(?i)\b(?:justice|state|police|fire|defen[cs]e|health|education|treasury|homeland|sheriff|"
    r"transport|transportation|interior|foreign|energy|labou?r|commerce|revenue|immigration|"
    r"agriculture|finance|water|parks|planning|public|works|news|sales|marketing)$")
# "Mali's Timbuktu region", "in Yobe state": a region the gazetteer knows, named with its kind
# (lower case: "Islamic State" is no state), which the small model often tags as a person
_ADMIN_AFTER = re.compile(rf"\b(?P<name>{_NAME})\s+(?P<kind>region|state|province|governorate|prefecture)\b")
# A capitalised name after "in" or "near" that the gazetteer knows as a town: the small model
# misses many ("in Mocimboa da Praia").
_AFTER_PREP = re.compile(rf"\b(?:in|near|outside|at|(?:attacks?|assaults?|strikes?|raids?|offensive|fire|"
                         rf"shelling|advance)\s+on)\s+(?P<name>{_NAME})")
_FEATURE = re.compile(rf"\b(?P<name>{_NAME}\s+(?P<kind>[Ff]orest|[Mm]ountains?|[Hh]ills|[Vv]alley|[Dd]esert|[Rr]ange))\b")
_FACILITY = re.compile(
    rf"\b(?P<name>{_NAME}\s+(?:Hotel|Mosque|Church|Cathedral|Temple|Shrine|Market|Bazaar|Airport|"
    r"Air\s+Base|Airbase|Base|Camp|Barracks|University|College|Academy|School|Prison|Jail|Stadium|"
    r"Mall|Embassy|Hospital|Station|Checkpoint))\b"
)
_PLACE_LABELS = ("GPE", "LOC", "FAC", "ORG", "PERSON", "DATE")  # what spaCy may call a place
_KIND_RANK = {"facility": 4, "city": 3, "admin1": 2, "region": 1, "country": 0}
_SMALL_WORDS = re.compile(rf"(?i)^(?:{_SMALL_PLACE})$")


@dataclass
class _PlaceCandidate:
    start: int
    end: int
    name: str
    place: object | None    # geo.Place when the gazetteer knows it
    rank: int               # how specific: facility 4, town 3, region 2 ...
    located: bool           # "in X", "the village of X": the text puts something there
    tok: object | None      # the spaCy token of the name, when there is one


# nouns for a part of a group that a place name may label ("its Jenin branch", "the Swat chapter")
_UNIT_NOUNS = {"branch", "chapter", "wing", "cell", "battalion", "brigade", "unit", "faction", "division",
               "affiliate", "office", "bureau", "franchise", "module",
               # "via its Andalus radio station": a medium's name, not a place
               "radio", "station", "channel", "agency", "television", "tv", "newspaper", "outlet", "website"}


def _place_candidates(ctx: Context, sent: Span, geo, doc_country, scope) -> tuple[list, str | None, list]:
    """Places named in the scope of the trigger, the first country named there, and every
    country named with its token."""
    lo, hi = scope
    out: list[_PlaceCandidate] = []
    countries: list[tuple] = []     # (token, country) of the countries named

    def add(start, end, name, place, rank, located, tok):
        if any(c.start <= start < c.end or start <= c.start < end for c in out):
            return
        out.append(_PlaceCandidate(start, end, name, place, rank, located, tok))

    text = span_text(sent)
    base = sent.start_char
    for pattern in (_FACILITY, _CUE_OF, _CUE_AFTER, _FEATURE):
        for m in pattern.finditer(text):
            start, end = base + m.start("name"), base + m.end("name")
            name = re.sub(r"[’']s$", "", m.group("name"))
            if not (lo <= start < hi) or ctx.group_at(start, end) is not None:
                continue
            if geo.is_country(name) or geo.country_of_demonym(name.split()[-1]) or \
                    _SMALL_WORDS.match(name.split()[0]) or name.split()[0].lower() in ("the", "a"):
                continue
            kind = (m.groupdict().get("kind") or "").lower()
            if kind == "department" and _OFFICE_DEPARTMENT.search(name):
                continue
            if pattern is _FACILITY:
                rank = 4
            elif pattern is _FEATURE or kind in ("district", "districts", "area", "county") or re.fullmatch(_ADMIN_UNIT, kind):
                rank = 2
            else:
                rank = 3    # a village, town, city, neighbourhood or camp
            place = geo.geocode(name, doc_country) if pattern is not _FACILITY else None
            tok = _token_at(sent, start)
            add(start, end, name, place, rank, pattern is not _CUE_AFTER or _prep_before(tok), tok)
    for m in _ADMIN_AFTER.finditer(text):
        start, end = base + m.start("name"), base + m.end("name")
        if not (lo <= start < hi) or ctx.group_at(start, end) is not None or geo.is_country(m.group("name")):
            continue
        place = geo.geocode(m.group("name"), doc_country)
        if place is None or place.kind not in ("admin1", "region", "city"):
            continue
        tok = _token_at(sent, start)
        owned = bool(re.search(r"[’']s\s+$", text[: m.start("name")]))   # "Mali's Timbuktu region"
        add(start, end, m.group("name"), place, _KIND_RANK.get(place.kind, 2) if place.kind != "city" else 2,
            _prep_before(tok) or owned, tok)
    for m in _AFTER_PREP.finditer(text):
        start, end = base + m.start("name"), base + m.end("name")
        if not (lo <= start < hi) or ctx.group_at(start, end) is not None or \
                any(ent.start_char <= start < ent.end_char and ent.label_ in _PLACE_LABELS
                    for ent in span_ents(sent)):
            continue  # judged below with spaCy's label
        place = geo.geocode(m.group("name"), doc_country)
        if place is not None and place.kind in ("city", "admin1") and not geo.is_country(m.group("name")):
            add(start, end, m.group("name"), place, _KIND_RANK[place.kind], True, _token_at(sent, start))
    for first, last in _compound_place_names(sent):
        # "the Agadez market attack", "the Grand Bassam resort attack": a town the gazetteer
        # knows named in the incident's own compound, which the tagger may leave unlabelled
        start, end = first.idx, last.idx + len(last.text)
        if not (lo <= start < hi) or ctx.group_at(start, end) is not None:
            continue
        name = ctx.text[start:end]
        place = geo.geocode(name, doc_country)
        if place is not None and place.kind in ("city", "admin1") and not geo.is_country(name):
            add(start, end, name, place, _KIND_RANK[place.kind], True, last)
    for ent in span_ents(sent):
        if ent.label_ not in _PLACE_LABELS or not (lo <= ent.start_char < hi):
            continue
        if ctx.group_at(ent.start_char, ent.end_char) is not None:
            continue
        if len(ent) == 1 and {ent.root.lemma_.lower(), ent.root.lower_} & lemmas("events_perpetrators", "actor_noun"):
            continue   # "Gunmen, suspected to be ...": the tagger's place is the attackers
        if ent.root.dep_ in ("compound", "nmod", "amod") and ent.root.head.lemma_.lower() in _UNIT_NOUNS:
            continue   # "two leaders of its Jenin branch": the unit's name, not where it happened
        mislabelled = ent.label_ in ("PERSON", "DATE")
        if mislabelled and (_DATE_WORD.search(ent.text) or not (
                ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("in", "near", "outside"))):
            continue  # "a hotel in Gao", "near Turbat": the small model may take a town for a person or a date
        name = re.sub(r"^(?:the)\s+", "", ent.text, flags=re.I)
        name = re.sub(r"[’']s$", "", name)
        if re.search(r"(?i)\s(?:of|the|and|de|del|of\s+the)$", name):
            continue  # a name the tagger cut short ("Democratic Republic of the" | "Congo")
        country = geo.is_country(name)
        if country and agent_of_participle(ent.root):
            continue  # "a convoy for a mining company operated by China": the doer, not the place
        if country:
            countries.append((ent.root, country))
            continue
        place = geo.geocode(name, doc_country)
        site = ent.label_ == "PERSON" and ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "near", "outside") \
            and not name.isupper() and (ent.root.head.head.lemma_.lower() in _SITE_NOUNS or (
                ent.root.head.head.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in _SITE_NOUNS
                                                          for c in ent.root.head.head.children)))
        if (ent.label_ == "ORG" or mislabelled) and (place is None or place.kind != "city" or name.isupper()) \
                and not site:
            # an organisation, unless the name is a town the tagger mislabelled; or the name of
            # "a base in Bulo Marer", "a market near Kulkul", a place the gazetteer lacks
            continue
        end = ent.end_char
        if place is None and "," in name:
            # "Guwahati, Assam" tagged as one name: the town, which the part after it locates
            first = name.split(",", 1)[0].strip()
            town = geo.geocode(first, doc_country) if first else None
            if town is not None and not geo.is_country(first):
                name, place, end = first, town, ent.start_char + len(ent.text.split(",", 1)[0])
        rank = _KIND_RANK.get(place.kind, 2) if place is not None else 2
        add(ent.start_char, end, name, place, rank, _prep_before(ent[0]), ent.root)
    out.sort(key=lambda c: c.start)
    # the first country named, but not the one that does it ("Turkey launched an offensive
    # against the YPG in northeast Syria": Syria) when another is named
    doers = [c for tok, c in countries if tok.dep_ in ("nsubj", "nsubjpass", "poss") and tok.head.pos_ in ("VERB", "AUX", "NOUN")]
    others = [c for _, c in countries if c not in doers]
    country_only = others[0] if others else (countries[0][1] if countries else None)
    return out, country_only, countries


def _compound_place_names(sent: Span) -> list:
    """Runs of proper nouns compounded onto an incident noun, before it or before a common noun
    compounded onto it: "the [Agadez] market attack", "the [Grand Bassam] attack"."""
    out = []
    for tok in sent:
        if tok.lemma_.lower() not in _INCIDENT_NOUNS or tok.pos_ != "NOUN":
            continue
        heads = [tok] + [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < tok.i]
        for h in heads:
            names = [c for c in h.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < h.i]
            if not names:
                continue
            last = names[-1]
            first = last
            while first.i > sent.start and first.doc[first.i - 1].pos_ == "PROPN" and \
                    first.doc[first.i - 1].dep_ == "compound":
                first = first.doc[first.i - 1]
            between = sent.doc[last.i + 1 : h.i]
            if all(t.dep_ == "compound" and t.pos_ == "NOUN" for t in between):
                out.append((first, last))
    return out


def _prep_before(tok) -> bool:
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.lower_ in _LOC_PREP:
        return True
    return prev.lower_ == "the" and tok.i > 1 and tok.doc[tok.i - 2].lower_ in _LOC_PREP


_INSIDE = re.compile(r"(?i)^(?:\s+(?:area|district|neighbou?rhood|village|town|city|province|region|"
                     r"county|state))?\s*(?:,|\s+in|\s+of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$")
_NEAR = re.compile(r"(?i)^(?:\s+(?:area|district|village|town))?\s*,?\s+(?:near|outside|close\s+to|"
                   r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of|\d+\s*(?:km|kilomet\w+|miles?)\s+"
                   r"(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")
_OWNER = re.compile(r"(?i)^(?:\s+(?:state|province|region|district|county))?[’']s\s+(?:[a-z-]+\s+){0,2}$")


def _broader(c: _PlaceCandidate, others: list[_PlaceCandidate], text: str) -> bool:
    """`c` only says where another named place lies: "Mir Ali, North Waziristan", "Chibok in
    Borno State", "L'Estere, near Gonaives", "Kabul's Dasht-e-Barchi neighborhood"."""
    for o in others:
        if o is c:
            continue
        if o.end <= c.start and (_INSIDE.match(text[o.end : c.start]) or _NEAR.match(text[o.end : c.start])):
            return True
        if c.end <= o.start and (_OWNER.match(text[c.end : o.start]) or (
                re.search(r"[’']s$", text[c.start : c.end]) and re.fullmatch(r"\s+(?:[a-z-]+\s+){0,2}", text[c.end : o.start]))):
            return True   # (the tagger may keep the "'s" in the name: "northeast Nigeria's Borno state")
    return False


_MOTION = re.compile(
    r"(?i)\b(?:travel(?:l?ing|l?ed|s)?|heading|headed|bound|en\s+route|driving|drove|flying|flew|"
    r"fleeing|fled|sailing|journeying|retreat(?:ed|ing)|escap(?:ed|ing))\s+(?:\w+\s+){0,2}?"
    # "travelling north from Quetta, Balochistan, to Peshawar": the far end after the near one
    r"(?:from\s+[^.;]{1,50}?\s+)?(?:from|to|towards?|for|into|across)\s+"
    r"(?:the\s+)?(?:[A-Z][\w-]+[’']s\s+)?$")


def _in_other_relative(tok, trigger) -> bool:
    """The token sits in a present-tense relative clause (a standing description: "which
    oversees", "that controls") that does not hold the trigger."""
    node = tok
    for _ in range(12):
        if node.i == trigger.i or node.head is node:
            return False
        if node.dep_ == "relcl" and node.tag_ in ("VBZ", "VBP") and not any(
                c.dep_ in ("aux", "auxpass") for c in node.children):
            return trigger not in node.subtree
        node = node.head
    return False


def _on_the_way(c: _PlaceCandidate, text: str) -> bool:
    """"The train was travelling north from Quetta to Peshawar when it came under fire": the
    ends of a journey are not where it happened."""
    return bool(_MOTION.search(text[max(0, c.start - 70) : c.start]))


def _place(ctx: Context, sent: Span, geo, doc_country: str | None, scope, trigger=None) -> dict | None:
    """The most specific place the trigger's own clause names, with coordinates from the
    gazetteer or, for a place it does not know, from the broader place the text puts it in."""
    candidates, country_only, countries = _place_candidates(ctx, sent, geo, doc_country, scope)
    if trigger is not None:
        # "Africa Command, which oversees operations in the Horn of Africa, said the commander
        # was killed in Jilib": a relative clause on another noun places something else
        candidates = [c for c in candidates if c.tok is None or not _in_other_relative(c.tok, trigger)]
    own_country = next((c for tok, c in countries if trigger is not None and tok in trigger.subtree), None)
    if candidates:
        text = ctx.text

        def key(c: _PlaceCandidate):
            near = 0
            if trigger is not None and c.tok is not None:
                near = 2 if c.tok in trigger.subtree else (1 if _clause_verb(c.tok) == _clause_verb(trigger) else 0)
            return (not _on_the_way(c, text), near, not _broader(c, candidates, text), c.located, c.rank,
                    c.place is not None)

        best = max(candidates, key=key)   # max keeps the first of equals
        if own_country and key(best)[1] < 2:   # the place is outside the trigger's phrase
            # "a trial opened in Paris over the bombing of a base in Ivory Coast": the
            # trigger's own phrase names only the country
            country_only, candidates = own_country, []
    if not candidates and not country_only:
        # "a roadside bomb killed 11 miners in the city": the place named just before
        candidates = _anaphoric_place(ctx, sent, geo, doc_country, scope)
        if candidates:
            best = candidates[-1]
    if candidates:
        place = best.place
        if place is None:
            known = [c.place for c in candidates if c.place is not None and c is not best]
            place = known[0] if known else None
        if place is not None:
            return {"name": best.name, "country": place.country, "lat": place.lat, "lon": place.lon}
        # "in Kokorou, Niger": an unknown place followed by its country
        after = re.match(r"\s*,\s*(?:the\s+)?([A-Z][\w .’'-]{1,40}?)(?=\s*[,.;)]|\s+(?:on|in)\b|$)",
                         text[best.end : best.end + 50])
        country = (geo.is_country(after.group(1)) if after else None) or country_only or doc_country
        return {"name": best.name, "country": country, "lat": None, "lon": None}
    if country_only:
        p = geo.geocode(country_only)
        return {"name": None, "country": country_only, "lat": p.lat if p else None, "lon": p.lon if p else None}
    if doc_country:
        return {"name": None, "country": doc_country, "lat": None, "lon": None}
    return None


_THE_PLACE = re.compile(r"\b(?:in|near|outside|around)\s+the\s+(?:same\s+)?(?:city|town|village|district|"
                        r"province|region|area)\b(?!\s+of\b|[’']s)")


def _anaphoric_place(ctx: Context, sent: Span, geo, doc_country, scope) -> list:
    """"Days later, a roadside bomb blast killed 11 coal miners in the city": a place kind with
    "the" and no name refers to the place named last in the one or two sentences before, in
    the same paragraph; [] when the clause names no such kind or nothing was named there."""
    lo, hi = scope
    if not _THE_PLACE.search(ctx.text, lo, hi):
        return []
    doc = sent.doc
    out: list = []
    first = sent.start
    for _ in range(2):
        if first == 0:
            break
        prev = doc[first - 1].sent
        between = ctx.text[prev.start_char : doc[first].idx]
        if "\n" in between[len(between.rstrip()):] or prev.start_char < ctx.body_start:
            break   # another paragraph (a line break after it), or the headline
        cands, _, _ = _place_candidates(ctx, prev, geo, doc_country, (prev.start_char, prev.end_char))
        if cands:
            out = cands
            break
        first = prev.start
    return out


def _banning_country(trigger, geo) -> str | None:
    """The country that bans: the subject ("Pakistan banned G") or the agent ("G was banned by
    Pakistan") of the ban's verb."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    cands = [c for c in verb.children if c.dep_ == "nsubj"]
    cands += [a for c in verb.children if c.dep_ == "agent" for a in c.children if a.dep_ == "pobj"]
    for c in cands:
        if c.ent_type_ == "GPE":
            ent = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
            country = geo.is_country(ent.text if ent is not None else c.text)
            if country:
                return country
    return None


def _ban_place(text: str, geo, place: dict | None) -> dict | None:
    """A ban happens where the banning authority rules: the State Department's designation is
    a United States event whatever country the group fights in."""
    for pattern, country in _AUTHORITIES:
        if pattern.search(text):
            if country is None:
                return None
            p = geo.geocode(country)
            return {"name": None, "country": country, "lat": p.lat if p else None, "lon": p.lon if p else None}
    return place


_NOT_CLAIMED = re.compile(r"(?i)\b(?:not|never|n[’']t|yet\s+to|denied|denies|deny|refused\s+to|"
                          r"no\s+(?:group|one|organi[sz]ation|faction))\s+(?:[\w-]+\s+){0,2}$")


def _claim_in(stext: str) -> re.Match[str] | None:
    """The first claim the sentence makes: "the group has not claimed it" and "denied carrying
    out" are no claims."""
    for m in _CLAIM.finditer(stext):
        if not _NOT_CLAIMED.search(stext[max(0, m.start() - 40) : m.start()]):
            return m
    return None


def _claimers(ctx: Context, sent: Span, groups, claim: re.Match) -> list[str]:
    """Groups that claimed: the subject of "claimed responsibility", the agent of "claimed by"."""
    pos = sent.start_char + claim.start()
    text = claim.group(0).lower()
    if "by" in text.split():
        after = [g for g in groups if g.start >= sent.start_char + claim.end()]
        return [after[0].key] if after else []
    # "The Resistance Front, a Lashkar-e-Taiba offshoot, claimed ...": a group named inside an
    # apposition describes the claimant, it is not one
    before = [g for g in groups if g.end <= pos and not _in_apposition(ctx, g, pos)
              and not _GROUP_MODIFIER.match(ctx.text, g.end)]
    if not before:
        return []
    # "Both the Islamic State and the Pakistani Taliban claimed the bombing": every conjunct
    claimers = [before[-1]]
    for g in reversed(before[:-1]):
        # "Tehrik-i-Taliban Pakistan (TTP) and Lashkar-e-Jhangvi (LeJ) claimed": a bracketed
        # acronym is the same name again
        gap = re.sub(r"\([^()]{1,15}\)", " ", ctx.text[g.end : claimers[-1].start])
        if not re.fullmatch(r"(?i)[\s,()]*(?:and|or|as\s+well\s+as)?[\s()]*(?:the\s+|its\s+)?", gap):
            break
        claimers.append(g)
    return list(dict.fromkeys(g.key for g in reversed(claimers)))


def _in_apposition(ctx: Context, g, claim_pos: int) -> bool:
    span = ctx.doc.char_span(g.start, g.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(6):
        if node.dep_ == "appos":
            return node.idx < claim_pos
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("acl", "relcl") and node.head.i < node.i \
                and node.idx < claim_pos and node.head.pos_ in ("NOUN", "PROPN"):
            # "G1, seen as an offshoot of G2, claimed", "G1, which is linked to G2, claimed": the
            # phrase describes the claimant
            return True
        if node.head is node or node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return False


def _merge_or_add(events: list[EventHit], hit: EventHit) -> None:
    """Merge a mention into the incident it reports again, or start a new incident."""
    same = [] if hit.another else [e for e in events if e.type == hit.type and _compatible(e, hit)]
    if not same and hit.definite and hit.type == "attack" and not (
            hit.date or hit.killed or hit.wounded or (hit.place and hit.place.get("name")) or hit.perpetrators):
        return   # "The Israeli military said it targeted Hamas militants": a mention of nothing told
    if not same:
        events.append(hit)
        return
    exact = [e for e in same if _same_anchor(e, hit)]
    # "the attack" refers to the story's main incident; otherwise the latest one
    target = exact[0] if exact else (same[0] if hit.definite else same[-1])
    _merge(target, hit)


def _date_key(d: dict | None) -> str | None:
    if not d:
        return None
    if d.get("iso"):
        return d["iso"]
    if not _point_in_time(d["text"]):
        return None  # "recent days" is no date
    # Without a publication date "July 29" and "July this year" stay unresolved: compare the
    # month (and day) they name, so that the two can still be the same incident.
    m = re.search(r"(?i)(january|february|march|april|may|june|july|august|september|october|"
                  r"november|december)(?:\s+(\d{1,2})\b)?", d["text"])
    if m:
        return m.group(1).lower() + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    return d["text"].lower()


_BACKGROUND = re.compile(r"(?i)\b(?:(?:recent|past|last|previous|coming)\s+(?:few\s+|several\s+)?"
                         r"(?:days|weeks|months|years|decades)|recently|years?\s+ago|decades?)\b")


def _background(d: dict | None) -> bool:
    return bool(d and not d.get("iso") and _BACKGROUND.search(d.get("text") or ""))


def _place_key(p: dict | None) -> str | None:
    return p["name"].lower() if p and p.get("name") else None


def _same_anchor(a: EventHit, b: EventHit) -> bool:
    da, db = _date_key(a.date), _date_key(b.date)
    pa, pb = _place_key(a.place), _place_key(b.place)
    return bool((da and da == db) or (pa and pa == pb))


def _is_region(p: dict) -> bool:
    return get_geocoder().is_region(p.get("name"), p.get("country"))


def _same_spot(a: dict, b: dict) -> bool:
    """"the Sahafi Hotel" and "Mogadishu" can be one incident: the hotel's coordinates are the
    city's. Places that far apart (more than a town's width) are not."""
    if a.get("country") and a.get("country") == b.get("country") and (_is_region(a) or _is_region(b)):
        return True  # "an attack near Sibi" and "the attack in Balochistan province"
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        # a hotel or base the gazetteer cannot place ("the Sahafi Hotel in Somalia's capital")
        # may well be in the other place
        return bool(_FACILITY.fullmatch(a.get("name") or "") or _FACILITY.fullmatch(b.get("name") or ""))
    return abs(a["lat"] - b["lat"]) < 0.2 and abs(a["lon"] - b["lon"]) < 0.2


def _compatible(a: EventHit, b: EventHit) -> bool:
    if a.sent.start_char == b.sent.start_char:
        return False  # incidents of one sentence were told apart on purpose
    if a.type == "leader_killed" and a.victims & b.victims:
        return True   # a man dies once, whatever day or place two reports give his death
    if _background(a.date) or _background(b.date):
        return False  # "in recent months, X has ..." tells of other incidents
    da, db = _date_key(a.date), _date_key(b.date)
    if getattr(a, "claim_dated", False) or getattr(b, "claim_dated", False):
        da = db = None   # a date of the claim says nothing of the incident's day
    if da and db and not (da.startswith(db) or db.startswith(da)):
        return False
    if a.type in ("ban", "arrest") and (da or db) and da != db:
        return False
    pa, pb = _place_key(a.place), _place_key(b.place)
    same_day = bool(da and db and da == db and len(da) == 10)
    if pa and pb and pa not in pb and pb not in pa and not b.definite and not same_day \
            and not (a.place and b.place and _same_spot(a.place, b.place)):
        return False
    if a.killed and b.killed and a.killed["value"] != b.killed["value"] and not b.definite \
            and a.killed.get("text") and b.killed.get("text"):  # not "the leader at least"
        return False
    return True


def _merge(into: EventHit, other: EventHit) -> None:
    main, extra = (other, into) if other.richness > into.richness else (into, other)
    date = _better_date(main.date, extra.date)
    if getattr(main, "claim_dated", False) and extra.date and not getattr(extra, "claim_dated", False):
        date = extra.date   # the incident's own date beats the day it was claimed
    merged = EventHit(
        type=into.type,
        sent=main.sent,
        start=main.start,
        date=date,
        place=_better_place(main.place, extra.place),
        perpetrators=_merged_perpetrators(into, other),
        claimed_by=list(dict.fromkeys(into.claimed_by + other.claimed_by)),
        target=main.target or extra.target,
        # a toll the text gives beats the "the leader at least" default of a leader's killing
        killed=(extra.killed if main.killed and main.killed.get("text") is None and extra.killed
                and extra.killed.get("text") else main.killed or extra.killed),
        wounded=main.wounded or extra.wounded,
        evidence=main.evidence,
        richness=max(into.richness, other.richness),
        described=[p for p in dict.fromkeys(into.described + other.described)
                   if not any(p in h.perpetrators and p not in h.described for h in (into, other))],
        concerns=list(dict.fromkeys(into.concerns + other.concerns)),
        victims=into.victims | other.victims,
    )
    claim_dated = any(date is h.date and getattr(h, "claim_dated", False) for h in (main, extra))
    into.__dict__.update(merged.__dict__)
    into.claim_dated = claim_dated  # type: ignore[attr-defined]


def _merged_perpetrators(a: EventHit, b: EventHit) -> list[str]:
    named = [p for h in (a, b) for p in h.perpetrators if p not in h.described]
    return list(dict.fromkeys(named or a.perpetrators + b.perpetrators))


def _better_date(main: dict | None, extra: dict | None) -> dict | None:
    """The main sentence's date wins; a resolved date beats an unresolved one."""
    if main and (main.get("iso") or not (extra and extra.get("iso"))):
        return main
    return extra or main


def _better_place(a: dict | None, b: dict | None) -> dict | None:
    if not a or not a.get("name"):
        return b if b and b.get("name") else (a or b)
    return a


def _add(items: list[str], key: str) -> None:
    if key not in items:
        items.append(key)
