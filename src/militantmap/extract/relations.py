"""Ties between groups stated in one sentence.

Each sentence is masked: every group mention (and every description resolved to a group, such as
"the splinter group") becomes a placeholder ⟨i⟩. Relation patterns are then written over the
masked text, so they read like the sentences they describe ("⟨a⟩ split from ⟨b⟩") and never
match inside a name. Direction, negation, modality and attribution come from the clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from militantmap.extract.attribution import Attribution, is_negated, modality_of
from militantmap.extract.context import Context, GroupRef, evidence, span_text
from militantmap.extract.mentions import GroupResolver
from militantmap.extract.patterns import ELIDED, find_pattern_ties, object_controllers, stated_objects
from militantmap.nlp.gazetteer import get_gazetteer, normalize
from militantmap.schema import SYMMETRIC

_G = r"⟨(?P<{}>\d+)⟩"
A, B = _G.format("a"), _G.format("b")
GAP = r"[^⟨.;:?!]{0,150}?"         # words between an argument and its trigger, no other group
SHORT = r"[^⟨.;:?!]{0,40}?"
# Determiners and modifiers allowed before an object group: "from Nigeria-based Boko Haram"
PRE = (r"(?:(?:the|its|their|his|a|an)\s+)?(?:(?:[A-Z]?[a-z]+-(?:based|linked|backed|led|affiliated)|"
       r"parent|former|rival|larger|main|mother|local|global|jihadist|militant|banned|outlawed|"
       r"notorious|powerful|embattled|shadowy|smaller|small|new|rebel|armed|Islamist|separatist|"
       r"splinter|breakaway|(?-i:[A-Z][a-z]+(?:i|an|ese|ish)))\s+){0,2}")
AND = r"\s*(?:,|and|&|as\s+well\s+as)\s*"

_VERB_COOP = (
    r"(?:work(?:s|ed|ing)?|cooperat\w+|collaborat\w+|coordinat\w+|partner(?:s|ed|ing)?|"
    r"team(?:s|ed|ing)?\s+up|join(?:s|ed|ing)?\s+(?:hands|forces)|allied|ally|allies|"
    r"fought\s+alongside|fight(?:s|ing)?\s+alongside|conspir\w+|coalesc\w+|carr(?:y|ied)\s+out"
    r"\s+joint\s+\w+|operat\w+\s+jointly|plott\w+)"
)
_LINK_NOUN = r"(?:links?|ties|connections?|relations(?:hips?)?|contacts?|affiliations?|association)"

# (type, pattern, subject group name). The subject group is "a" unless the pattern says "b".
PATTERNS: list[tuple[str, re.Pattern[str], str]] = []
# Patterns that read a tie off a noun phrase ("X, an offshoot of Y"): the phrase says it
# wherever X stands in its clause, even as the object of a verb or preposition.
NOUN_PHRASE: set[re.Pattern[str]] = set()
# Patterns that state the end of a tie ("severed ties with"): the tie is negated.
NEGATING: set[re.Pattern[str]] = set()


def _p(type_: str, pattern: str, subject: str = "a", noun_phrase: bool = False,
       negating: bool = False) -> None:
    compiled = re.compile(pattern, re.I)
    PATTERNS.append((type_, compiled, subject))
    if noun_phrase:
        NOUN_PHRASE.add(compiled)
    if negating:
        NEGATING.add(compiled)


# What a part of a group is called (SCHEMA: branch, province, wing, offshoot are faction_of;
# "an affiliate", "linked to", "affiliated with" are affiliated_with: the pattern row affiliate_of).
_PART = (r"(?:faction|splinter(?:\s+group|\s+faction)?|wing|arm|branch|offshoot|"
         r"breakaway\s+(?:group|faction)|province|chapter|franchise)")


# faction_of (subject is the faction)
_p("faction_of", rf"{A}{GAP}\b(?:split|broke|broken|splinter(?:ed)?|break(?:s|ing)?|splitting|"
   rf"separated|defected|breakaway)\s+(?:away\s+|off\s+)?from\s+{PRE}{B}")
# "X, which was earlier operating under the banner of Y, split off in 2014", "X, once part of Y,
# broke away": the clause names what X split from
_p("faction_of", rf"{A}\s*,\s*(?:which|who|once|formerly|previously|earlier)\b[^⟨,;.:?!]{{0,80}}?\b(?:under\s+the\s+"
   rf"(?:banner|umbrella|flag|command|wing|aegis)\s+of|part\s+of|(?:a\s+)?(?:member|faction|wing|unit)\s+of|within|inside)\s+"
   rf"{PRE}{B}\s*,\s*(?:[\w-]+\s+){{0,3}}?(?:split|broke|splintered|separated|seceded|parted|walked\s+out)\b"
   rf"(?!\s+(?:\w+\s+)?(?:with|from)\b)")
# "X, an ideological offshoot of Y", "X, which is an affiliate of Y"
_p("faction_of", rf"{A}(?:\s+(?:group|outfit|gang|faction|militia|movement|network))?\s*,?\s*(?:\([^)]*\)\s*,?\s*)?(?:which\s+is\s+|is\s+|was\s+|as\s+)?(?:a|an|the|one)\s+"
   rf"(?:[\w-]+\s+){{0,3}}?(?:{_PART}|cell)\s+of\s+(?:the\s+)?{B}", noun_phrase=True)
# "Y's Somali affiliate, X"
_p("faction_of", rf"{B}[’']s?\s+(?:[\w-]+\s+){{0,3}}?{_PART}\s*,?\s*(?:the\s+)?{A}", noun_phrase=True)
# "X, the group's Sahel affiliate" / "X (Y's wing)"
_p("faction_of", rf"{A}\s*(?:,|\(|—|–|--)\s*(?:the\s+|its\s+)?{B}[’']s?\s+(?:[\w-]+\s+){{0,3}}?{_PART}\b",
   noun_phrase=True)
# the same constructions with "affiliate", an affiliation: "Y's Somali affiliate, X", "X, the
# group's Sahel affiliate", "X, an al-Qaeda affiliate", "X, an affiliate of Y", "the IS affiliate X"
_AFFILIATE = r"affiliates?\b"
_p("affiliated_with", rf"{B}[’']s?\s+(?:[\w-]+\s+){{0,3}}?{_AFFILIATE}\s*,?\s*(?:the\s+)?{A}", noun_phrase=True)
_p("affiliated_with", rf"{A}\s*(?:,|\(|—|–|--)\s*(?:the\s+|its\s+)?{B}[’']s?\s+(?:[\w-]+\s+){{0,3}}?{_AFFILIATE}",
   noun_phrase=True)
_p("affiliated_with", rf"{A}\s*(?:,|\(|—|–|--)\s*(?:a|an|the|one)\s+(?:[a-z][\w-]*\s+){{0,2}}?{B}\s+{_AFFILIATE}",
   noun_phrase=True)
_p("affiliated_with", rf"{A}(?:\s+(?:group|outfit|gang|faction|militia|movement|network))?\s*,?\s*(?:\([^)]*\)\s*,?\s*)?"
   rf"(?:which\s+is\s+|is\s+|was\s+|as\s+)?(?:a|an|the|one)\s+(?:[\w-]+\s+){{0,3}}?{_AFFILIATE}\s+of\s+(?:the\s+)?{B}",
   noun_phrase=True)
_p("affiliated_with", rf"{B}\s+(?:(?:local|regional)\s+)?affiliate\s*,?\s*(?:the\s+)?{A}", noun_phrase=True)
_p("faction_of", rf"{B}\s+(?:splinter|breakaway)\s+(?:group|faction)\s*,?\s*(?:the\s+)?{A}")
# "the rival TTP faction Jamaat-ul-Ahrar", "the IS affiliate ISWAP": the parent names the part
_p("faction_of", rf"{B}\s+(?:(?:armed|militant|political|military|dissident|hardline|local|regional|"
   rf"splinter|breakaway)\s+)?(?:faction|wing|branch|offshoot|franchise|chapter|province)"
   rf"\s*,?\s*(?:the\s+)?{A}", noun_phrase=True)
# "Jamaat-ul-Ahrar, a TTP faction, ...", "X (an al-Qaeda affiliate)"
_p("faction_of", rf"{A}\s*(?:,|\(|—|–|--)\s*(?:a|an|the|one)\s+(?:[a-z][\w-]*\s+){{0,2}}?{B}\s+"
   rf"(?:(?:armed|militant|political|military|splinter|breakaway)\s+)?{_PART}\b", noun_phrase=True)
# "the BLA's Majeed Brigade", "Islamic Jihad's al-Quds Brigades": a group owned by a group
_p("faction_of", rf"{B}[’']s?\s+{A}", noun_phrase=True)
# "the armed wing of Hamas, the Izz ad-Din al-Qassam Brigades"
_p("faction_of", rf"\b(?:the|an?|its)\s+(?:[\w-]+\s+){{0,2}}?{_PART}\s+of\s+(?:the\s+)?{B}\s*(?:,|—|–|--|\()\s*(?:the\s+)?{A}",
   noun_phrase=True)
# "X is part of Y", "X, an Iran-backed militia that is part of Y", "X is a proxy of Y",
# "X, a front for Y"
_p("faction_of", rf"{A}{GAP}\b(?:is|are|was|were|became|remains?|as)\s+(?:now\s+|still\s+)?(?:an?\s+)?"
   rf"(?:(?:integral|key|important|formal|official)\s+)?part\s+of\s+(?:the\s+)?{B}")
_p("faction_of", rf"{A}(?:\s+(?:group|outfit|gang|faction|militia|movement|network))?\s*,?\s*(?:\([^)]*\)\s*,?\s*)?(?:which\s+is\s+|is\s+|was\s+|as\s+)?(?:a|an|the)\s+"
   rf"(?:[\w-]+\s+){{0,2}}?(?:proxy|front(?:\s+(?:group|organi[sz]ation|outfit))?|shadow\s+(?:group|outfit))"
   rf"\s+(?:of|for)\s+{PRE}{B}", noun_phrase=True)
# "X is widely considered a front organisation for Y", "X, seen as the armed wing of Y"
_p("faction_of", rf"{A}\s*(?:,\s*|\s+(?:is|was|are|were|has\s+been)\s+)(?:\w+\s+)?(?:considered|seen\s+as|regarded\s+as|"
   rf"viewed\s+as|described\s+as|known\s+as|labell?ed)\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?"
   rf"(?:{_PART}|proxy|front(?:\s+(?:group|organi[sz]ation|outfit))?)\s+(?:of|for)\s+{PRE}{B}", noun_phrase=True)
# "X, an umbrella of factions including Y", "the X coalition, which includes Y": a member of a
# coalition has joined it (allegiance_to, as the pattern table's member_of and coalition rows)
_p("allegiance_to", rf"{B}\s*,?\s*(?:\([^)]*\)\s*,?\s*)?(?:which\s+is\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?"
   rf"(?:umbrella|coalition|alliance|grouping|conglomerate)\s+(?:group\s+|organi[sz]ation\s+)?"
   rf"(?:of\s+[^⟨.;:?!]{{0,60}}?)?(?:including|comprising|that\s+includes|which\s+includes|made\s+up\s+of)\s+"
   rf"{PRE}{A}", noun_phrase=True)
# "X, one of the more radical elements in the Y coalition", "X is one of the members of Y": a
# member of a coalition (allegiance_to, as the table's member_of row); "one of the factions of Y"
_ONE_OF = rf"{A}\s*(?:,\s*|\s+(?:is|was|remains|remained|became)\s+)(?:one|some|two|three)\s+of\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){{0,3}}?"
_COALITION = r"(?:coalition|alliance|umbrella|bloc|grouping|federation|operations\s+room)"
_p("allegiance_to", rf"{_ONE_OF}(?:elements|members|components|constituents|member\s+(?:groups|organi[sz]ations|factions))"
   rf"\s+(?:of|in|within)\s+(?:the\s+)?{B}", noun_phrase=True)
_p("allegiance_to", rf"{_ONE_OF}(?:groups|factions|organi[sz]ations|militias)\s+(?:of|in|within)\s+(?:the\s+)?{B}"
   rf"\s+{_COALITION}\b", noun_phrase=True)
_p("faction_of", rf"{_ONE_OF}(?:factions|wings|branches|splinters|offshoots|affiliates|provinces|chapters)\s+of\s+"
   rf"(?:the\s+)?{B}(?!\s+{_COALITION}\b)", noun_phrase=True)
# "X, a member group of Y", "X is a founding member organisation of Y"
_p("allegiance_to", rf"{A}\s*(?:,\s*|\s+(?:is|was|are|were|became|remains|remained)\s+)(?:a|an|one)\s+(?:[\w-]+\s+)?"
   rf"member\s+(?:group|organi[sz]ation|faction|movement|militia|outfit)\s+(?:of|in|within)\s+(?:the\s+)?{B}",
   noun_phrase=True)
# allegiance_to
_p("allegiance_to", rf"{A}{GAP}\b(?:pledg\w+|swor?e|swear\w*|declar\w+|announc\w+|offer\w+|vow\w*|"
   rf"renew\w+|reaffirm\w+|gave|giv\w+|sworn)\s+(?:its\s+|their\s+|his\s+|an?\s+oath\s+of\s+)?"
   rf"(?:allegiance|loyalty|fealty|bay[’']?a[h]?|bayat|oath)\s+to\s+{PRE}{B}")
# ("X joined Y fighters" is fighting side by side: the pattern table reads it as cooperation)
_p("allegiance_to", rf"{A}{GAP}\b(?:re)?join(?:s|ed|ing)?\s+(?:the\s+ranks\s+of\s+)?(?:the\s+)?{B}"
   rf"(?!\s+(?:\w+\s+)?(?:fighters?|militants?|combatants?|gunmen|troops|peshmerga|guerrillas?|units?)\b)")
_p("allegiance_to", rf"{A}{GAP}\b(?:merg\w+\s+(?:into|with)|becom\w+\s+(?:a\s+)?part\s+of|"
   rf"became\s+(?:a\s+)?part\s+of|absorbed\s+(?:into|by)|fold\w*\s+into|return\w*\s+to\s+the\s+fold\s+of)"
   rf"\s+(?:the\s+)?{B}")
_p("allegiance_to", rf"{A}{GAP}\b(?:became|become|becoming|is\s+now|was\s+made|recogni[sz]ed\s+as)\s+"
   rf"(?:a|an|the)\s+(?:[\w-]+\s+)?(?:franchise|province|wilayat|branch)\s+of\s+(?:the\s+)?{B}")
_p("allegiance_to", rf"{A}[’']s\s+(?:pledge\s+of\s+)?allegiance\s+to\s+(?:the\s+)?{B}")
# cooperates_with
_p("cooperates_with", rf"{A}{GAP}\b{_VERB_COOP}\s+(?:closely\s+|together\s+)?(?:with|alongside)\s+"
   rf"{PRE}{B}")
# "X fought alongside Y" (the verb alone is no cooperation: "fought with Y" may be against it)
_p("cooperates_with", rf"{A}{GAP}\b(?:fought|fight(?:s|ing)?|battl\w+|operat\w+|serv\w+|stood|stand\w*)\s+"
   rf"(?:side\s+by\s+side\s+)?(?:alongside|along\s+side|side\s+by\s+side\s+with)\s+{PRE}{B}")
_p("cooperates_with", rf"{A}{AND}(?:the\s+)?{B}{GAP}\b(?:worked\s+together|work\s+together|fought\s+together|"
   rf"fight\s+together|fought\s+side\s+by\s+side|joined\s+hands|join\s+hands|"
   rf"cooperat\w+|collaborat\w+|joined\s+forces|teamed\s+up|allied|alliance|joint\s+(?:attack|"
   rf"operation|raid|assault)|coordinat\w+|partners|(?:carried\s+out|conducted|staged|launched|claimed|"
   rf"planned|executed)\s+(?:\w+\s+){{0,4}}?(?:jointly|together)|jointly\s+(?:claimed|carried\s+out|"
   rf"conducted|staged|launched|planned))"
   # "X and Y, two groups allied with Z": the verb ties them to Z, not to each other
   rf"(?!\w*\s+(?:closely\s+|formally\s+)?(?:with|to|alongside)\s+(?!each\b|one\b))")
_p("cooperates_with", rf"\b(?:alliance|coalition|partnership|pact|cooperation|collaboration|"
   rf"joint\s+(?:attack|operation|raid|assault))\s+(?:between|of|by)\s+(?:the\s+)?{A}{AND}(?:the\s+)?{B}")
_p("cooperates_with", rf"{A}{GAP}\b(?:formed|forged|announced|entered|sealed|struck|signed)\s+"
   rf"(?:an?\s+|into\s+an?\s+)?(?:(?!(?:ceasefire|truce|peace|armistice)\b)\w+\s+)?(?:alliance|coalition|partnership|pact|agreement)\s+with\s+"
   rf"(?:the\s+)?{B}")
_p("cooperates_with", rf"{A}{SHORT}\b(?:allied)\s+(?:with|to)\s+(?:the\s+)?{B}")
_p("cooperates_with", rf"{B}[-‐ ](?:allied)\s+(?:the\s+)?{A}")
# Words that call relations between two groups hostile (a rivalry, not an affiliation: the rows
# hostile_relations_with / _between of data/patterns/ties.jsonl); "antagonis" is a stem
_HOSTILE = ("hostile", "tense", "strained", "antagonis", "adversarial", "acrimonious", "frosty", "fraught",
            "rocky", "troubled", "uneasy", "bitter", "violent", "bloody", "conflictual", "confrontational")

# affiliated_with
# "aligned with IS" says whose side a group is on, not that they act together (allied)
_p("affiliated_with", rf"{A}{GAP}\b(?:affiliated|associated|linked|connected|tied|close|aligned)\s+"
   rf"(?:with|to)\s+(?:the\s+)?{B}")
_p("affiliated_with", rf"{A}{GAP}\b(?:has|have|had|maintains?|maintained|develop\w*|built|with|"
   rf"established|forged|retains?|denied|denies|deny|denying|rejected|rejects)\s+"
   # not "X has cut all ties with Y": the tie's end, read by the negating pattern below
   # nor "X has tense / hostile relations with Y": rivals (data/patterns/ties.jsonl, hostile_relations_with)
   rf"(?:(?!(?:sever|cut|broke|break|renounc|end|abandon|dissolv|terminat|{'|'.join(_HOSTILE)}|bad|poor|"
   rf"competitive)\w*\b)\w+\s+){{0,2}}?"
   rf"{_LINK_NOUN}\s+(?:with|to)\s+(?:the\s+)?{B}")
# "the Al-Qaeda affiliated Ansar al-Sharia": a noun phrase, whatever its role in the clause
_p("affiliated_with", rf"{B}[-‐ ](?:affiliated|linked|inspired|allied|aligned)\s+(?:group\s+)?(?:the\s+)?{A}",
   noun_phrase=True)
# "X, a pro-IS militant group"
_p("affiliated_with", rf"{A}\s*,\s*(?:a|an|the)\s+(?:\w+\s+)?pro[-‐]\s*{B}\s+(?:[\w-]+\s+)?"
   rf"(?:group|outfit|militia|faction|organi[sz]ation|network|movement|gang|cell)\b", noun_phrase=True)
_p("affiliated_with", rf"{_LINK_NOUN}\s+between\s+(?:the\s+)?{A}{AND}(?:the\s+)?{B}")
# "X, an al-Qaeda-inspired outfit", "X, an ISIS-linked group"
_p("affiliated_with", rf"{A}(?:\s+(?:group|outfit|gang|faction|militia|movement|network))?\s*,?\s*(?:\([^)]*\)\s*,?\s*)?(?:which\s+is\s+|is\s+|was\s+)?(?:a|an|the)\s+"
   rf"(?:[\w]+\s+)?{B}[-‐ ](?:affiliated|linked|inspired|aligned)\s+(?:[\w-]+\s+)?"
   rf"(?:group|outfit|militia|faction|organi[sz]ation|network|movement|gang|cartel|cell|insurgents?)\b",
   noun_phrase=True)
# A tie cut: "X, which severed ties with al-Qaeda in 2016" (a negated affiliation)
_p("affiliated_with", rf"{A}{GAP}\b(?:sever\w*|cut|cuts|cutting|broke\s+off|break\w*\s+off|renounc\w+|"
   rf"end\w*|abandon\w*)\s+(?:\w+\s+){{0,2}}?{_LINK_NOUN}\s+(?:with|to)\s+{PRE}{B}", negating=True)
# rivals
_p("rivals", rf"{A}{GAP}\b(?:rival\w*|clash\w*\s+(?:with\s+|against\s+)?|compet\w+\s+(?:with|against)|"
   rf"feud\w*\s+with|(?:at\s+)?war\s+(?:with|against)|fought\s+(?:back\s+)?(?:against\s+)?|"
   rf"fight(?:s|ing)?\s+(?:back\s+)?(?:against\s+)?|battl\w+\s+(?:with\s+|against\s+)?|"
   rf"turned\s+(?:its|their)\s+guns\s+on|attack\w*|at\s+loggerheads\s+with)\s*{PRE}{B}"
   # "blamed the rival TTP faction JuA": the parent only names the faction
   rf"(?!\s+(?:[a-z][\w-]*\s+)?(?:faction|wing|branch|offshoot|affiliate|franchise|chapter|province|splinter)"
   rf"\s*,?\s*(?:the\s+)?⟨)")
# "X is a bitter rival of Y", "X, the arch-enemy of Y"
_p("rivals", rf"{A}{GAP}\b(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+)?(?:rivals?|enem(?:y|ies)|arch-?enem(?:y|ies)|"
   rf"foes?|nemesis)\s+of\s+{PRE}{B}")
# "X says it protects herders from attacks by Y": X stands against Y
_p("rivals", rf"{A}{GAP}\b(?:protect\w*|defend\w*|shield\w*)\s+{GAP}\b(?:from|against)\s+(?:[\w-]+\s+){{0,2}}?"
   rf"(?:attacks?|raids?|abuses?|incursions?)\s+(?:by|from)\s+{PRE}(?:[A-Z][\w-]*\s+)?{B}")
_p("rivals", rf"\b(?:rivalry|competition|fighting|clashes|feud|infighting|turf\s+war|war)\s+between\s+"
   rf"(?:the\s+)?{A}{AND}(?:the\s+)?{B}")
_p("rivals", rf"{A}{AND}(?:the\s+)?{B}{SHORT}\b(?:are|were|have\s+been|remain)\s+(?:\w+\s+)?"
   rf"(?:rivals|enemies|at\s+war|fighting\s+each\s+other|competing)")
_p("rivals", rf"{A}{AND}(?:the\s+)?{B}{SHORT}\b(?:fought|clashed|battled|fight|clash|battle)\s+"
   rf"(?:with\s+)?each\s+other")
# "Al-Shabaab and ISIS-Somalia fighters clashed near Qandala": intransitive, so with each other
# (not "... clashed with troops", nor "Hamas and Islamic Jihad fighters battled Israeli troops",
# where the two fought side by side against an object)
_p("rivals", rf"{A}{AND}(?:the\s+)?{B}\s+(?:fighters\s+|militants\s+|members\s+|forces\s+)?"
   rf"(?:clashed|have\s+clashed|fought|battled)\b(?=\s*(?:[.,;:]|$)|\s+(?:in|on|near|over|for|at|"
   rf"across|around|inside|outside|through|during|again|overnight|repeatedly|last|this|early|late|"
   rf"fiercely|heavily|briefly|sporadically|yesterday|today)\b)")
_p("rivals", rf"{A}[’']s\s+(?:\w+\s+)?(?:rival|rivals|enemy|foe|nemesis)\s*,?\s*(?:the\s+)?{B}")
# supports (subject is the supporter)
_p("supports", rf"{A}{GAP}(?<![-‐])\b(?:fund(?:s|ed|ing)?|financ\w+|arm(?:s|ed|ing)?|shelter\w*|"
   rf"train(?:s|ed|ing)?|back(?:s|ed|ing)?|support(?:s|ed|ing)?|sponsor\w*|equip\w*|"
   rf"suppl(?:y|ies|ied|ying)|harbou?r\w*|provid\w+\s+(?:\w+\s+){{0,3}}?(?:to|for))\s+(?:the\s+)?{B}")
_p("supports", rf"{B}{GAP}\b(?:funded|financed|armed|backed|supported|sponsored|trained|sheltered|"
   rf"equipped|supplied|harbou?red)\s+by\s+(?:the\s+)?{A}", subject="a")
_p("supports", rf"{B}{GAP}{A}\s*(?:--|—|–|,|\()\s*(?:their|its|the\s+group[’']s)\s+(?:\w+\s+){{0,2}}?"
   rf"(?:backers?|sponsors?|patrons?|benefactors?|funders?|financiers?)")
_p("supports", rf"{A}\s*,?\s*(?:the\s+)?(?:\w+\s+){{0,2}}?(?:backers?|sponsors?|patrons?|benefactors?|"
   rf"funders?|financiers?)\s+of\s+(?:the\s+)?{B}")
# "the Hezbollah-backed Kataib Hezbollah", "X, a Hamas-funded militia": the group before the
# participle backs the one the phrase names (a state before it, "Iran-backed", is no group)
_p("supports", rf"{A}[-‐](?:backed|funded|financed|sponsored|supported|armed|trained|bankrolled)\s+"
   rf"(?:[\w-]+\s+){{0,2}}?(?:the\s+)?{B}", noun_phrase=True)
_p("supports", rf"{B}\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+)?{A}[-‐](?:backed|funded|financed|sponsored|"
   rf"supported|armed|trained|bankrolled)\s+(?:[\w-]+\s+)?(?:group|outfit|militia|faction|organi[sz]ation|"
   rf"network|movement|gang|cell|proxy|insurgents?|force)\b", noun_phrase=True)
# "TTP draws ideological guidance from AQ", "elements of AQ rely on TTP for safe haven":
# the group named second is the supporter
_p("supports", rf"{A}{GAP}\b(?:receiv\w+|draw\w*|drew|get\w*|got|obtain\w*|enjoy\w*|secur\w+|accept\w*)\s+"
   rf"(?:[\w-]+\s+){{0,2}}?(?:support|funding|funds|money|cash|weapons|arms|guidance|training|backing|"
   rf"help|assistance|shelter|safe\s+havens?|sanctuary|logistics|recruits|fighters)\s+from\s+{PRE}{B}",
   subject="b")
_p("supports", rf"{A}{GAP}\brel(?:y|ies|ied|ying)\s+(?:\w+\s+){{0,3}}?on\s+{PRE}{B}\s+for\s+(?:\w+\s+){{0,2}}?"
   rf"(?:support|safe\s+havens?|shelter|funding|money|weapons|arms|protection|sanctuary|fighters|logistics)",
   subject="b")

# A name that ends a pattern but only modifies the next noun: "the ⟨al-Qaeda⟩-linked ⟨JNIM⟩"
_MODIFIER_AFTER = re.compile(r"[-‐](?:linked|backed|affiliated|aligned|inspired|allied|led|based|"
                             r"sponsored|supported|funded|style|type)\b", re.I)

# Words in the clause that invert or block a pattern ("fought alongside" is not rivalry).
_BLOCK = {
    "rivals": re.compile(r"alongside|along\s+side|side\s+by\s+side|together|with\s+the\s+help|jointly|against\s+(?:the\s+)?(?:government|army|state)|"
                         r"\b(?:former|erstwhile|one-time|onetime|ex-)\s*(?:rivals?|enem(?:y|ies)|foes?)\b", re.I),
    "supports": re.compile(r"\b(?:support(?:ed|s)?\s+for\s+the\s+talks|peace)\b", re.I),
    "allegiance_to": re.compile(r"\bjoin(?:ed|s)?\s+(?:hands|forces)\b", re.I),
    # "X ended its alliance with Y" is no cooperation today (the table reads it, negated)
    "cooperates_with": re.compile(r"\b(?:end|sever|cut|br[oe]ak|dissolv|abandon|renounc|terminat|quit)\w*\s+"
                                  r"(?:(?:its|their|the|an?|this|that)\s+)?(?:\w+\s+)?"
                                  r"(?:alliance|cooperation|partnership|pact|collaboration)\b", re.I),
}


# On the parse a blocking word counts only where it joins an argument to the cue: "X fought
# *alongside* Y" is no rivalry of X and Y, but "X fought alongside Y against Z" is one of X and Z,
# and so is "X and Y fought together against Z".
_ALONGSIDE = frozenset({"alongside", "together", "jointly", "side"})
_FORMER = re.compile(r"\b(?:former|erstwhile|one-time|onetime|ex-)\s*(?:rivals?|enem(?:y|ies)|foes?)\b", re.I)


def _pattern_blocked(doc, hit, type_: str, clause: str) -> bool:
    if hit.negated:
        return False  # the blocks guard positive readings ("ended its alliance" is read negated)
    if type_ == "allegiance_to":
        return False  # the table's "join" row itself forbids "joined forces / hands"
    if type_ != "rivals":
        block = _BLOCK.get(type_)
        # from the verb that governs the cue: "X *ended* its alliance with Y"
        start = min(hit.tokens[0], hit.cue.head.i)
        return bool(block and block.search(doc[start : hit.tokens[1] + 1].text))
    if _FORMER.search(clause):
        return True
    cue, below = hit.cue, False
    for i in hit.args:
        if i < 0:
            continue
        t = doc[i]
        chain = []
        while t.i != cue.i and t.head.i != t.i:
            chain.append(t)
            t = t.head
        if t.i != cue.i:
            continue  # the argument is above the cue ("<dobj>nsubj"): not on a path down
        below = True
        for c in chain:
            if c.lower_ == "against":
                # "X fought along side Y against Z" parsed with "against Z" under "side": Z is
                # the opponent, whatever the parser hung "against" on
                break
            if c.lower_ in _ALONGSIDE or (c.lower_ == "with" and c.i > 0
                                          and doc[c.i - 1].lower_ in _ALONGSIDE):
                return True
    if not below:
        block = _BLOCK[type_]
        return bool(block.search(clause))
    return False


@dataclass
class RelationHit:
    subject: str
    type: str
    object: str
    polarity: str
    modality: str
    attribution: Attribution | None
    evidence: dict
    from_structure: bool = False  # read off a noun phrase ("the X faction of Y"): the outlet's own
    rule: str = ""  # the construction that found it (debugging aid; not output)


def find_relations(ctx: Context, attributions: dict, descriptions: list,
                   leaders: dict[str, str] | None = None) -> list[RelationHit]:
    """Ties stated in each sentence; `leaders` (person key -> the group he leads, from the
    roles) lets a leader's pledge or fight stand for his group's (see GroupResolver)."""
    hits: list[RelationHit] = []
    seen: set[tuple] = set()
    spans = [(m.start, m.end, m.key) for m in ctx.group_mentions if not m.complement]
    spans += [(m.start, m.end, m.key) for m in ctx.group_mentions if m.complement]
    spans += [(d.start, d.end, d.key) for d in descriptions]
    linked = {(d.start, d.end) for d in descriptions if getattr(d, "linked", False)}
    # Pronouns resolved to one group ("Two years later it swore loyalty to al-Qaeda")
    # (subject pronouns only: "their main backers" is a surface cue the rules read as words)
    spans += [(r.start, r.end, r.keys[0]) for r in ctx.group_refs if r.kind == "pronoun" and len(r.keys) == 1
              and ctx.text[r.start:r.end].lower() in ("it", "they")]
    spans.sort()
    resolver = GroupResolver(ctx, leaders)
    # "we", "our", "us" inside a group spokesman's quotation stand for his group, for the
    # parse patterns too ('"Hezbollah is our ally," a Houthi official said')
    for sent in ctx.sentences():
        for ws, we, speaker in _quoted_we(ctx, sent, attributions.get(sent.start_char)):
            wspan = ctx.doc.char_span(ws, we, alignment_mode="expand")
            for t in wspan if wspan is not None else ():
                resolver.by_token.setdefault(t.i, GroupRef(ws, we, (speaker,), "pronoun"))
    for sent in ctx.title_sentences() + ctx.sentences():
        att = attributions.get(sent.start_char)
        inside = [s for s in spans if s[0] >= sent.start_char and s[1] <= sent.end_char]
        inside = sorted(inside + _quoted_we(ctx, sent, att))
        if len({k for _, _, k in inside}) < 2:
            _pattern_relations(ctx, sent, att, resolver, seen, hits)
            continue
        masked, keys, offsets = _mask(ctx.text, sent.start_char, sent.end_char, inside)
        # Also read the sentence without the clauses that describe its subject ("ISWAP, which
        # split from Boko Haram in 2016, has pledged allegiance to IS"): the main verb then
        # follows its subject.
        variants = [masked]
        elided = _RELATIVE.sub(",", masked)
        if elided != masked:
            variants.append(elided)
        for type_, pattern, _subj, masked in [(t, p, sj, v) for v in variants for t, p, sj in PATTERNS]:
            for m in pattern.finditer(masked):
                a, b = keys[int(m.group("a"))], keys[int(m.group("b"))]
                if _subj == "b":
                    a, b = b, a
                if a == b:
                    continue
                if (type_ in ("faction_of", "allegiance_to") and m.end() == m.end("b") + 1
                        and _MODIFIER_AFTER.match(masked, m.end())):
                    continue  # "X is part of the al-Qaeda-linked JNIM": the name only modifies
                clause = m.group(0)
                first = min(("a", "b"), key=m.start)
                gap = masked[m.end(first) + 1 : m.start("b" if first == "a" else "a") - 1]
                # (a coordinator alone is no gap: "the feud between X and Y", "X and Y are rivals")
                if (pattern not in NOUN_PHRASE and re.search(r"[A-Za-z]{3,}", _COORDINATOR.sub("", gap))
                        and not _heads_clause(ctx, offsets[int(m.group(first))], gap)):
                    continue
                block = _BLOCK.get(type_)
                if block and block.search(clause):
                    continue
                if type_ == "affiliated_with" and _HOSTILE_NEAR.search(
                        masked, max(0, m.start() - 25), min(len(masked), m.end() + 50)):
                    continue  # "hostile relations between X and Y", "ties ... became strained": rivals
                if _participle_elsewhere(ctx, offsets[int(m.group(first))],
                                         offsets[int(m.group("b" if first == "a" else "a"))]):
                    continue
                if _object_controlled_between(ctx, offsets[int(m.group(first))],
                                              offsets[int(m.group("b" if first == "a" else "a"))]):
                    continue
                last = max(int(m.group("a")), int(m.group("b")))
                # a denial in the main clause does not reach a tie the noun phrase states
                # ("X, an offshoot of Y, denied the attack")
                negated = (pattern in NEGATING or is_negated(_between(clause))
                           or (pattern not in NOUN_PHRASE and _under_denial(ctx, offsets[last])))
                modality = modality_of(clause, att)
                tie_type = type_
                a_start, a_end = offsets[int(m.group("a"))]
                if (tie_type == "faction_of" and re.search(r"(?i)affiliates?$", ctx.text[a_start:a_end])
                        and (a_start, a_end) not in linked):
                    tie_type = "affiliated_with"  # "G's Sahel affiliate": an affiliation (see _PART)
                key = (a, tie_type, b)
                if key in seen or (tie_type in SYMMETRIC and (b, tie_type, a) in seen):
                    continue
                seen.add(key)
                # An appositive ("X, the group's Somali affiliate") is the writer's own
                # description even inside a reported clause, unless it stands in a quotation.
                # A predicate ("Officials say the group is a front for Y") is not an appositive:
                # it keeps its clause's attribution.
                structural = (pattern in NOUN_PHRASE and not negated and not _QUOTES.search(span_text(sent))
                              and not _COPULA.search(clause))
                hits.append(RelationHit(
                    a, tie_type, b, "negated" if negated else "positive", modality, att, evidence(sent),
                    structural, f"surface:{PATTERNS.index((type_, pattern, _subj))}",
                ))
        _pattern_relations(ctx, sent, att, resolver, seen, hits)
        _between_fallback(ctx, sent, att, inside, seen, hits)
        _renamed_inherits(masked, keys, sent, seen, hits)
        # "the Al-Alami faction of the LeJ": a faction named in the text belongs to its parent
        for group in {k for _, _, k in inside}:
            ent = ctx.entities[group]
            if ent.kb_id is None and ent.parent_key and ent.parent_key in {k for _, _, k in inside}:
                tie = (group, "faction_of", ent.parent_key)
                if tie not in seen:
                    seen.add(tie)
                    hits.append(RelationHit(group, "faction_of", ent.parent_key, "positive", "asserted",
                                            None, evidence(sent), True, "named_faction"))
    return hits


# Words that make "relations / ties between X and Y" a rivalry (data/patterns/ties.jsonl,
# hostile_relations_between), read just before and after an affiliation the surface rules find
_HOSTILE_NEAR = re.compile(
    r"(?i)\b(?:" + "|".join(w + r"\w*" if w == "antagonis" else w for w in _HOSTILE)
    + r"|soured|sour|deteriorat\w*|worsen\w*|frayed|broke\s+down|collapsed|ruptured)\b")
_COORDINATOR = re.compile(r"(?i)^\s*(?:,\s*)?(?:and|&|as\s+well\s+as)?\s*$")


# Cues that tie two groups whatever their order, read between two names when the parse gave
# nothing (the small parser often mis-attaches long names): symmetric types only, so that a
# misread clause cannot reverse a direction.
_BETWEEN_CUES = (
    # ("fought with" may be side by side or against: no cue)
    ("rivals", re.compile(r"(?i)\b(?:rivalry|rivals?|feud(?:ing|s)?|clash(?:es|ed)?|infighting|"
                          r"fought(?!\s+(?:with|alongside))|fighting|at\s+war|turf\s+war)\b")),
    ("cooperates_with", re.compile(r"(?i)\b(?:alliance|allied|allies|cooperat\w+|collaborat\w+|"
                                   r"coordinat\w+|jointly|joined\s+forces|teamed\s+up)\b")),
)


# the object of "fought" that is the fight itself, not a third party
_FIGHT_NOUNS = frozenset({"war", "battle", "feud", "fight", "turf", "conflict", "skirmish", "duel", "vendetta"})

def _against_third(verb, fight) -> bool:  # type: ignore[no-untyped-def]
    """"fought a war against the junta": the fight has a third party as its opponent."""
    return any(p.dep_ == "prep" and p.lower_ in ("against", "with", "on") for p in (*verb.children, *fight.children))


_CLAUSE_BREAK = re.compile(r"(?i)\b(?:which|who|whose|whom|that|while|whereas|but|although|though)\b")


# "A was renamed B", "A rebranded itself as B", "A, later renamed B", "A changed its name to B":
# A named right before the renaming, or A the sentence's first group and the renaming its verb
_RENAME = (r"(?:(?:was|were|had\s+been|has\s+since\s+been|is\s+now)\s+)?(?:later\s+|subsequently\s+|then\s+|"
           r"officially\s+|formally\s+|since\s+)?(?:renamed|rebranded|re-branded)|"
           r"(?:renam\w+|rebrand\w+|re-brand\w+)\s+(?:itself|themselves|the\s+(?:group|organi[sz]ation|movement|outfit))|"
           r"chang\w+\s+(?:its|their)\s+name")
_RENAMED_NEXT = re.compile(rf"⟨(?P<a>\d+)⟩\s*,?\s*(?:which\s+|and\s+)?(?:{_RENAME})\s+(?:as\s+|to\s+)?(?:the\s+)?⟨(?P<b>\d+)⟩", re.I)
_RENAMED_FIRST = re.compile(rf"^[^⟨]*⟨(?P<a>0)⟩[^.;:?!]{{0,160}}?\b(?:and|,)\s+(?:\w+\s+)?(?:{_RENAME})\s+(?:as\s+|to\s+)?"
                            rf"(?:the\s+)?⟨(?P<b>\d+)⟩", re.I)
_INHERITED = {"allegiance_to", "faction_of", "affiliated_with", "cooperates_with", "rivals"}


def _renamed_inherits(masked: str, keys: list[str], sent, seen: set[tuple],
                      hits: list[RelationHit]) -> None:
    """A group renamed in the sentence that states its tie is the same group under its new
    name: "Boko Haram pledged allegiance to IS and was renamed ISWAP" is ISWAP's pledge too."""
    for m in [*_RENAMED_NEXT.finditer(masked), *_RENAMED_FIRST.finditer(masked)]:
        old, new = keys[int(m.group("a"))], keys[int(m.group("b"))]
        if old == new:
            continue
        # one group under two names: no tie between the names in this sentence
        for h in [h for h in hits if h.evidence["start"] == sent.start_char
                  and {h.subject, h.object} == {old, new}]:
            hits.remove(h)
            seen.discard((h.subject, h.type, h.object))
        for h in [h for h in hits if h.evidence["start"] == sent.start_char and h.type in _INHERITED]:
            for a, b in ((h.subject, h.object), (h.object, h.subject)) if h.type in SYMMETRIC else ((h.subject, h.object),):
                if a != old or b == new:
                    continue
                key = (new, h.type, b)
                if key in seen or (h.type in SYMMETRIC and (b, h.type, new) in seen):
                    continue
                seen.add(key)
                hits.append(RelationHit(new, h.type, b, h.polarity, h.modality, h.attribution, h.evidence,
                                        h.from_structure, "renamed:" + h.rule))


def _embedded_apart(doc, first: tuple, second: tuple) -> bool:
    """Whether the name said first stands in a relative or adverbial clause that ends before
    the second name ("The province, which is loyal to X, has fought Y")."""
    a = doc.char_span(first[0], first[1], alignment_mode="expand")
    b = doc.char_span(second[0], second[1], alignment_mode="expand")
    if a is None or b is None:
        return False
    for anc in a.root.ancestors:
        if anc.dep_ in ("relcl", "advcl"):
            return not any(t.i == b.root.i for t in anc.subtree)
    return False


def _between_fallback(ctx: Context, sent, att: Attribution | None, inside: list, seen: set[tuple],
                      hits: list[RelationHit]) -> None:
    """Exactly two groups named in the sentence, no tie read between them, and one cue of one
    symmetric type (never both) in the words that join them (at most 12): that tie."""
    names = [(a, b, k) for a, b, k in inside if ctx.group_at(a, b) is not None]
    keys = list(dict.fromkeys(k for _, _, k in names))
    if len(keys) != 2 or any({h.subject, h.object} == set(keys) for h in hits):
        return
    first = [x for x in names if x[2] == keys[0]][0]
    second = [x for x in names if x[2] == keys[1]][0]
    gap = ctx.text[first[1]:second[0]]
    if len(gap.split()) > 12 or re.search(r"[;:]", gap) or _CLAUSE_BREAK.search(gap):
        return  # a clause of its own between the names may tie one of them to a third party
    if _embedded_apart(sent.doc, first, second):
        return  # "the province, which is loyal to X, has fought Y": X is in a clause of its own
    span = sent.doc.char_span(first[0], first[1], alignment_mode="expand")
    if span is not None and _in_appositive(span.root):
        return  # "Z, an X-linked group, fought Y": Z fought (a third group, the patterns' tie)
    # "X and Y clashed", "X's and Y's rivalry": when the two are coordinated, the cue follows them
    words = gap
    if re.fullmatch(r"(?:[’']s?)?\s*,?\s*(?:and|&)\s+(?:the\s+)?", gap):
        tail = ctx.text[second[1]:sent.end_char]
        after = re.match(r"(?:[’']s?)?(?:\s+[\w’'-]+){0,3}", tail)
        # ... unless the cue goes on to a third party: "X and Y fighters clashed with troops"
        if after and not re.match(r"(?:[’']s?)?(?:\s+[\w’'-]+){0,4}?\s+(?:with|against|alongside|on)\b", tail):
            # ... or has an object: "X and Y fighters fought government troops" (side by side)
            span = sent.doc.char_span(second[1], second[1] + len(after.group(0)), alignment_mode="expand")
            if span is not None and any(t.pos_ == "VERB" and any(
                    c.dep_ == "dobj" and (c.lemma_.lower() not in _FIGHT_NOUNS or _against_third(t, c))
                    for c in t.children) for t in span):
                return   # ... but "X and Y have fought a bloody turf war": against each other
            words += after.group(0)
    found = [t for t, cue in _BETWEEN_CUES if cue.search(words)]
    if len(found) != 1:
        return
    a, b = keys
    if (a, found[0], b) in seen or (b, found[0], a) in seen:
        return
    seen.add((a, found[0], b))
    negated = is_negated(gap) or _under_denial(ctx, (second[0], second[1]))
    hits.append(RelationHit(a, found[0], b, "negated" if negated else "positive",
                            modality_of(gap, att), att, evidence(sent), False, "between_fallback"))


def _pattern_relations(ctx: Context, sent, att: Attribution | None, resolver: GroupResolver,
                       seen: set[tuple], hits: list[RelationHit]) -> None:
    """Ties read by the pattern table over the parse (extract.patterns), for pairs the surface
    rules did not already tie in this sentence; negation, modality and attribution as for them."""
    tied = {frozenset((h.subject, h.object)) for h in hits
            if h.evidence["start"] >= sent.start_char and h.evidence["end"] <= sent.end_char}
    for p in find_pattern_ties(sent, resolver):
        a, b, type_ = p.subject, p.object, p.type
        if b == ELIDED:
            said = _elided_object(ctx, sent, type_, hits, resolver)
            if said is None:
                continue
            b = said
        if a == b or frozenset((a, b)) in tied:
            continue
        key = (a, type_, b)
        if key in seen or (type_ in SYMMETRIC and (b, type_, a) in seen):
            continue
        doc = sent.doc
        clause = doc[p.tokens[0] : p.tokens[1] + 1].text
        if _pattern_blocked(doc, p, type_, clause):
            continue
        obj_tok = doc[p.tokens[1]]
        # a denial in the main clause does not reach what an apposition states ("X, the parent
        # group of Y, denied the attack")
        negated = p.negated or (not p.appositive
                                and _under_denial(ctx, (obj_tok.idx, obj_tok.idx + len(obj_tok.text))))
        seen.add(key)
        # an apposition ("X, an offshoot of Y, said ...") is the outlet's own description, as
        # for the noun-phrase surface rules, unless it stands in a quotation
        structural = p.appositive and not negated and not _QUOTES.search(span_text(sent))
        modality = modality_of(clause + _hedge_of_verb(p.cue, p.tokens), att)
        if modality in ("asserted", "reported") and any(
                t.lemma_.lower() in _ACCUSING for t in [p.cue, *p.cue.ancestors]):
            modality = "speculated"  # "The Houthis accused Hamas of funding IS": an accusation
        elif modality == "asserted" and (
                (p.cue.dep_ in ("oprd", "xcomp") and p.cue.head.lemma_.lower() in _REGARDING)
                or (p.cue.dep_ == "pobj" and p.cue.head.lower_ == "as"
                    and p.cue.head.head.lemma_.lower() in _REGARDING)):
            # "which it described as a front for Y", "X is considered a wing of Y": a view
            modality = "reported"
        hits.append(RelationHit(a, type_, b, "negated" if negated else "positive",
                                modality, att, evidence(sent), structural, f"pattern:{p.pattern}"))


def _elided_object(ctx: Context, sent, type_: str, hits: list[RelationHit],
                   resolver: GroupResolver) -> str | None:
    """The object of a tie whose object the sentence leaves unsaid ("Other groups have also
    pledged their allegiance"): the object of the last positive tie of the same type stated
    in this sentence or the two before it, or else the last object such a construction names
    there whatever its subject ("several groups have pledged allegiance to it"); None when
    there is none."""
    sents = ctx.sentences()
    i = next((n for n, s in enumerate(sents) if s.start == sent.start), None)
    if i is None:
        return None
    lo = sents[max(0, i - 2)].start_char
    for h in reversed(hits):
        if h.type == type_ and h.polarity == "positive" and lo <= h.evidence["start"] < sent.end_char:
            return h.object
    for prev in reversed(sents[max(0, i - 2) : i]):
        objects = stated_objects(prev, resolver, type_)
        if objects:
            return objects[-1]
    return None


# verbs whose hedge bears on the tie's end, not on the tie ("an alliance ... could collapse")
_ENDING = frozenset({"collapse", "end", "fail", "break", "falter", "crumble", "unravel", "dissolve",
                     "weaken", "fracture", "split", "fade", "cease", "stop"})


def _hedge_of_verb(cue, span: tuple[int, int]) -> str:  # type: ignore[no-untyped-def]
    """The auxiliaries and adverbs of the verb whose subject the cue is, when they stand after
    the words of the construction: "Tensions between X and Y *may* have grown" hedges the tie
    as the verb hedges it."""
    if cue.dep_ not in ("nsubj", "nsubjpass") or cue.head.pos_ not in ("VERB", "AUX") \
            or cue.head.lemma_.lower() in _ENDING:
        return ""
    words = [c.text for c in cue.head.children if c.dep_ in ("aux", "auxpass", "advmod") and c.i > span[1]]
    return (" " + " ".join(words)) if words else ""


_ACCUSING = frozenset({"accuse", "allege", "suspect"})
# verbs of regarding and describing: a tie read off their predicate is their subject's view
_REGARDING = frozenset({"describe", "regard", "consider", "view", "see", "label", "call", "brand",
                        "characterise", "characterize", "depict", "portray", "designate", "term", "deem"})


# A clause set off by commas that describes the group before it: "X, which split from Y in
# 2016, ...", "X, led by Z, ...", "X, backed by Y, ...".
_RELATIVE = re.compile(
    r"(?<=⟩)(?:\s*\(⟨\d+⟩\))?\s*,\s*(?:which|who|whose|(?:led|headed|founded|backed|based|formed|"
    r"created|known|commanded|run)\s+(?:by|in|as|from)|once|formerly|now)\b[^,;:?!()]{3,120}?,(?=\s+[a-z])")
_QUOTED = re.compile(r"[\"“](?P<q>[^\"“”]+)[\"”]")
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")


def _quoted_we(ctx: Context, sent, att: Attribution | None) -> list[tuple[int, int, str]]:
    """'"We have joined hands with the Islamic State," said X, a spokesman for JuA': inside the
    quotation "we" is the group the speaker speaks for, when the attribution names exactly one."""
    if att is None or att.kind not in ("group_spokesperson", "militant_source"):
        return []
    at = span_text(sent).find(att.text)
    if at < 0:
        return []
    lo, hi = sent.start_char + at, sent.start_char + at + len(att.text)
    speaks_for = {m.key for m in ctx.group_mentions if lo <= m.start and m.end <= hi}
    if len(speaks_for) != 1:
        return []
    (group,) = speaks_for
    out = []
    for q in _QUOTED.finditer(span_text(sent)):
        for w in _WE.finditer(q.group("q")):
            start = sent.start_char + q.start("q") + w.start()
            if not (lo <= start < hi):
                out.append((start, start + len(w.group(0)), group))
    return out


def faction_phrase_relations(ctx: Context, found: list[RelationHit]) -> list[RelationHit]:
    """faction_of read off "the X faction of G" phrases (the complement mention marks them),
    "G's X affiliate" phrases (entities recorded them in ctx.faction_ties), names that
    carry their parent's name (`_names_own_parent`) and a narrative's closing list of related
    entities (`related_listed`), unless the sentences already tie the pair (`found`)."""
    tied = {frozenset((h.subject, h.object)) for h in found}
    hits = [h for h in _names_own_parent(ctx) + related_listed(ctx)
            if frozenset((h.subject, h.object)) not in tied]
    for child, parent, offset, type_ in ctx.faction_ties:
        span = ctx.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is not None and offset >= ctx.body_start:
            # (for support the phrase's named group is the backer: "the Hezbollah-backed group")
            subj, obj = (parent, child) if type_ == "supports" else (child, parent)
            hits.append(RelationHit(subj, type_, obj, "positive", "asserted", None,
                                    evidence(span.sent), True, "faction_phrase:possessive"))
    for i, m in enumerate(ctx.group_mentions):
        if not m.complement or i == 0:
            continue
        prev = ctx.group_mentions[i - 1]
        if prev.complement or prev.key == m.key:
            continue
        if not re.fullmatch(r"\s+of\s+(?:the\s+)?(?:(?!the\b|a\b|an\b)[a-z][a-z-]*\s+){0,2}",
                            ctx.text[prev.end : m.start]):
            continue  # "G's X affiliate" (a complement before its faction): see faction_ties
        sent = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if sent is None:
            continue
        hits.append(RelationHit(prev.key, "faction_of", m.key, "positive", "asserted", None,
                                evidence(sent.sent), True, "faction_phrase:of"))
    return hits


def drop_complement_parents(ctx: Context, relations: list[RelationHit]) -> list[RelationHit]:
    """A tie to "al-Qaeda's North African branch" is a tie to the branch: the parent named as
    the phrase's complement is no party to it. When one sentence gives the same tie to a
    faction phrase's head and to its parent, the parent's goes (the phrase's own faction_of
    stays)."""
    pairs = {(child, parent) for child, parent, _, _ in ctx.faction_ties}
    if not pairs:
        return relations

    def where(r: RelationHit) -> tuple:
        return (r.evidence.get("start"), r.evidence.get("end"))

    def key(a: str, type_: str, b: str, at: tuple) -> tuple:
        return (*sorted((a, b)), type_, at) if type_ in SYMMETRIC else (a, b, type_, at)

    heads = {key(r.subject, r.type, r.object, where(r)) for r in relations}
    out = []
    for r in relations:
        at = where(r)
        if r.type != "faction_of" and any(
                (r.object == parent and child != r.subject and key(r.subject, r.type, child, at) in heads)
                or (r.subject == parent and child != r.object and key(child, r.type, r.object, at) in heads)
                for child, parent in pairs):
            continue
        out.append(r)
    return out


# A sanctions narrative (UN 1267 and its like) ends with the entities the listing body itself
# relates to its subject: "Related listed individuals and entities: X (QDe.004), ... Y (QDe.141)".
_RELATED_HEADING = re.compile(
    r"(?im)^[ \t]*related\s+(?:listed\s+)?(?:individuals?\s+and\s+)?(?:entities|groups)(?:\s*:|[ \t]*$)")


_LISTED_ON = re.compile(r"\bwas\s+listed\s+on\b")


def related_listed(ctx: Context) -> list[RelationHit]:
    """affiliated_with between a narrative's subject and every group of its closing "Related
    listed individuals and entities:" list. The subject is the group named most often before
    the list (first named on a tie); the list runs to the end of the text."""
    m = _RELATED_HEADING.search(ctx.text, ctx.body_start)
    if m is None:
        return []
    before: dict[str, list[int]] = {}
    for g in ctx.group_mentions:
        if ctx.body_start <= g.start < m.start() and not g.complement:
            before.setdefault(g.key, []).append(g.start)
    if not before:
        return []
    subject = max(before, key=lambda k: (len(before[k]), -before[k][0]))
    # the narrative opens on its subject: "X was listed on 2 June 2014 pursuant to ..." (a group
    # it is associated with may be named more often, and the narrative calls its subject "it")
    listed = _LISTED_ON.search(ctx.text, ctx.body_start, m.start())
    if listed is not None:
        first = [g for g in ctx.group_mentions
                 if ctx.body_start <= g.start < listed.start() and not g.complement
                 and "\n" not in ctx.text[g.end:listed.start()].strip()]
        if first:
            subject = first[-1].key
    hits: list[RelationHit] = []
    seen = {subject}
    for g in ctx.group_mentions:
        if g.start < m.end() or g.key in seen:
            continue
        seen.add(g.key)
        span = ctx.doc.char_span(g.start, g.end, alignment_mode="expand")
        if span is not None:
            hits.append(RelationHit(subject, "affiliated_with", g.key, "positive", "asserted", None,
                                    evidence(span.sent), True, "related_listed"))
    return hits


def _names_own_parent(ctx: Context) -> list[RelationHit]:
    """"Islamic State West Africa Province", "al-Qaeda in the Islamic Maghreb", "Red Brigades
    Walter Alasia Column": a branch's name that holds its parent's name says it is the parent's
    province, branch or faction. Read when the article also names the parent on its own; the
    parent is the one the gazetteer records for the branch (so "Tehrik-i-Taliban Pakistan"
    holds "Taliban" but is no branch of the Afghan Taliban). The evidence is the sentence of
    the first mention that spells the parent's name out."""
    gaz = get_gazetteer()
    hits: list[RelationHit] = []
    for ent in ctx.entities.values():
        parent = ctx.entities.get(ent.parent_key or "")
        if ent.kb_id is None or parent is None or not parent.mentions or not ent.mentions:
            continue
        entry = gaz.get(parent.key)
        names = {normalize(n) for n in [parent.name, *parent.aliases, *(entry.aliases if entry else [])]}
        names = {n for n in names if len(n) >= 4}
        for start, end in sorted(ent.mentions):
            if start < ctx.body_start:
                continue
            surface = f" {normalize(ctx.text[start:end])} "
            if any(f" {n} " in surface for n in names):
                span = ctx.doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    hits.append(RelationHit(ent.key, "faction_of", parent.key, "positive", "asserted",
                                            None, evidence(span.sent), True, "name_holds_parent"))
                break
    return hits


def _mask(text: str, start: int, end: int, spans: list[tuple[int, int, str]]):
    out: list[str] = []
    keys: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = start
    merged: list[tuple[int, int, str]] = []
    for s, e, key in spans:
        # "the Balochistan Liberation Front (BLF)": a name and the acronym it defines are one
        # argument, so "X (ACR) and Y joined hands" reads like "X and Y joined hands".
        if (merged and merged[-1][2] == key and re.fullmatch(r"\s*\(", text[merged[-1][1]:s])
                and text.startswith(")", e)):
            merged[-1] = (merged[-1][0], e + 1, key)
            continue
        merged.append((s, e, key))
    for s, e, key in merged:
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(f"⟨{len(keys)}⟩")
        keys.append(key)
        offsets.append((s, e))
        pos = e
    out.append(text[pos:end])
    return "".join(out), keys, offsets


_QUOTES = re.compile(r"[\"“”]")
_COPULA = re.compile(r"(?<!\bwhich)\s+(?:is|are|was|were)\s+(?:now\s+|still\s+)?(?:a|an|the|one)\s", re.I)
_OBJECT_DEPS = {"pobj", "dobj", "dative", "pcomp", "attr", "oprd"}


def _participle_elsewhere(ctx: Context, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the group named second is the agent of a participle that describes another noun
    than the group named first: in "X claimed an attack on a game sponsored by Y", "sponsored
    by Y" describes the game, so Y backs nothing of X ("X, backed by Y" and "X was backed by
    Y" keep their tie)."""
    s = ctx.doc.char_span(second[0], second[1], alignment_mode="expand")
    if s is None:
        return False
    agent = s.root.head
    if agent.dep_ != "agent" or agent.head.dep_ != "acl":
        return False
    noun = agent.head.head
    # the noun itself, or a noun made of the group ("Hamas fighters", "the group's cells")
    near = [noun] + [c for c in noun.children if c.dep_ in ("compound", "poss", "nmod", "appos")]
    return not any(first[0] <= t.idx < first[1] for t in near)


def _object_controlled_between(ctx: Context, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the words between two groups hold a gerund whose doer is another verb's object:
    in "Hamas accused Iran of funding the Houthis" the one funding is Iran, not Hamas
    (data/patterns/object_control.json)."""
    span = ctx.doc.char_span(first[1], second[0], alignment_mode="expand")
    return any(first[1] <= c.idx < tok.idx for tok in (span if span is not None else ())
               for c in object_controllers(tok) or ())


def _heads_clause(ctx: Context, span: tuple[int, int], gap: str) -> bool:
    """Whether a group named before a trigger can be the trigger's subject: not when it is the
    object of another verb or preposition ("declared allegiance to IS, announced it was
    rejoining the Taliban"), unless a relative clause follows it ("the Taliban, who pledge...")."""
    if re.match(r"\s*,?\s*(?:\([^)]*\)\s*,?\s*)?(?:who|which|that|whose)\b", gap):
        return True
    s = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    if s is None:
        return True
    root = s.root
    if root.dep_ == "conj":
        root = root.head
    return root.dep_ not in _OBJECT_DEPS and not _in_appositive(root)


def _in_appositive(root) -> bool:  # type: ignore[no-untyped-def]
    """"X, an al-Qaeda affiliate, clashed with Y", "X, an al-Qaeda-linked group, fought Y": a
    name inside an appositive describes X; the clause's subject is X (the parse patterns read
    it), not the group that modifies the appositive's noun."""
    t = root
    while t.head.i != t.i and (t.pos_ not in ("VERB", "AUX") or t.dep_ in ("amod", "compound")):
        if t.dep_ == "appos" and t is not root:
            return True
        t = t.head
    return False


DENIAL_LEMMAS = {"deny", "reject", "dismiss", "refute", "disavow", "rebuff"}


def _under_denial(ctx: Context, span: tuple[int, int]) -> bool:
    """Whether the clause naming a group hangs under a verb of denial: "X denied that the group
    had pledged allegiance to IS", "dismissed reports of ties with IS". The denial governs the
    tie only when it is an ancestor of the argument in the parse, so "X, which denied the
    attack, pledged allegiance to IS" stays positive."""
    s = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    if s is None:
        return False
    for anc in s.root.ancestors:
        if anc.lemma_.lower() in DENIAL_LEMMAS and anc.pos_ == "VERB":
            return not any(c.dep_ == "neg" for c in anc.children)      # "did not deny"
        if anc.dep_ == "relcl":
            # "KH, a militia that is part of the PMF, denied the strike": the relative clause
            # describes the group; the denial above it is about something else.
            return False
    return False


def _between(clause: str) -> str:
    """The words of a clause outside its arguments (negation is looked for there)."""
    clause = re.sub(r"⟨\d+⟩", " ", clause)
    # A relative clause set off by commas describes a group; its "denied" is not about the tie
    # ("Boko Haram, which denied the kidnapping, pledged allegiance to IS").
    return re.sub(r",\s*(?:which|who|whose)\b[^,]*,", ",", clause)
