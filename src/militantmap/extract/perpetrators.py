"""Perpetrators: the groups a sentence credits with an incident, read from the dependency parse.

A group is a perpetrator only in a position that credits it: the subject of a verb of violence
("G ambushed a convoy"), the agent of a passive or of an incident noun ("were killed by
militants of G", "an attack by G"), a modifier of the incident noun ("G's attack", "the G
bombing", "a G-led assault"), the claimant ("G claimed the attack", "claimed by G", "G said its
fighters carried out ..."), the one blamed or suspected ("blamed the attack on G", "G is
suspected to be behind it"). A group that merely shares the sentence — the victim ("killed four
members of G"), the target ("attacked G positions"), a group that reacts ("G condemned the
attack", "G denied involvement"), a group in a clause about someone else — is not.

The constructions and their word lists live in `data/patterns/events_perpetrators.jsonl`, one row
each with an example; this module only walks the parse. People named through a group ("members
of G", "G fighters", "its fighters") take the group's place in the clause first.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from militantmap.extract.context import Context
from militantmap.extract.event_patterns import lemmas, table

_PRONOUNS = {"it", "they", "we"}
_POSS_PRONOUNS = {"its", "their", "our"}
# nouns that name another group in "a faction of G" (cf. mentions._PART_NOUNS)
_PART_NOUNS = {"faction", "wing", "branch", "brigade", "cell", "unit", "splinter", "offshoot", "affiliate"}


def constructions() -> dict[str, dict]:
    """The rows of the perpetrator table by construction name."""
    return table("events_perpetrators")


def _lemmas(name: str) -> frozenset[str]:
    return lemmas("events_perpetrators", name)


def _claim_objects() -> frozenset[str]:
    return lemmas("events_perpetrators", "claim", "objects")


def _lemmas_nouns(name: str) -> frozenset[str]:
    return lemmas("events_perpetrators", name, "nouns")


def _lemmas_preps(name: str) -> frozenset[str]:
    return lemmas("events_perpetrators", name, "preps")


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    opens = tok.is_sent_start or (tok.i > 0 and tok.doc[tok.i - 1].text in (":", "-", "–", "—", '"', "“"))
    if tok.pos_ == "PROPN" and opens and tok.is_title and lemma == lower and lower.endswith("s") \
            and lower[:-1] in _lemmas("actor_noun"):
        # "Fighters of G clashed ...", "06/06/2008: Assailants ...": the small model takes the
        # opening plural for a name
        return lower[:-1]
    if tok.pos_ == "VERB" and lower.endswith("ed") and lemma == lower[:-2] and lemma + "e" in _lemmas("subject"):
        return lemma + "e"   # the small model lemmatises "staged" as "stag"
    return lemma


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _mention_root(ctx: Context, start: int, end: int) -> Token | None:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    # "Islamic State in the Greater Sahara": the parser may hang "in ..." on the outer phrase;
    # the name's own head is its first noun whose head lies outside the span
    heads = [t for t in span if (t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i)
             and t.pos_ in ("NOUN", "PROPN", "PRON", "X", "NUM")]
    return heads[0] if heads else span.root


def _step_up(tok: Token) -> Token:
    """From a group mention to the noun phrase that plays its role in the clause: the first
    conjunct of a coordination, the head of an apposition, the people named through the group
    ("members of G", "fighters from G", "G fighters", "hundreds of G militants"), and the
    attackers "suspected to be (members of) G"."""
    actors = _lemmas("actor_noun")
    suspect = _lemmas("suspected_to_be")
    for _ in range(8):
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ in ("compound", "nmod", "amod", "poss", "npadvmod") and tok.head.i > tok.i and (
                _lemma(tok.head) in actors or (_lemma(tok.head) in _lemmas("weapon_noun")
                                               and tok.head.dep_ in ("nsubj", "nsubjpass", "conj"))):
            tok = tok.head   # ("G drones struck a depot": the group's weapons as the subject)
        elif tok.dep_ == "pobj" and (companion := _companion_of(tok)) is not None:
            tok = companion   # "G1, together with G2, attacked": G2 takes G1's part
        elif tok.dep_ == "pobj" and tok.head.lower_ in _lemmas_preps("speaker_for") \
                and _lemma(tok.head.head) in _lemmas("speaker_for") and tok.head.head.dep_ == "nsubj":
            tok = tok.head.head   # "a spokesman for G said its fighters ...": G's voice
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("of", "from") and _lemma(tok.head.head) in actors:
            if tok.head.head.dep_ == "appos" and _lemma(tok.head.head) in _PART_NOUNS:
                break   # "G1, a faction of G2, said ...": G2 describes G1, it is not the actor
            tok = tok.head.head
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("with", "to") and tok.head.head.dep_ in ("acl", "amod") \
                and _lemma(tok.head.head) in _lemmas("linked_actor") and _lemma(tok.head.head.head) in actors:
            tok = tok.head.head.head   # "militants linked with G", "gunmen loyal to G"
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("with", "to") and _lemma(tok.head.head) in _lemmas("linked_actor") \
                and (owner := _relative_owner(tok.head.head)) is not None and _lemma(owner) in actors:
            tok = owner   # "the gunmen, who police said belonged to G, attacked"
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("with", "to") and tok.head.head.dep_ == "xcomp" \
                and _lemma(tok.head.head) in _lemmas("linked_actor") and _lemma(tok.head.head.head) in suspect \
                and (actor := _suspected_one(tok.head.head.head)) is not None and _lemma(actor) in actors:
            tok = actor   # "assailants believed to belong to G", "gunmen thought to be linked to G"
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("from", "with") and _lemma(tok.head.head) == "be" \
                and tok.head.head.dep_ == "xcomp" and _lemma(tok.head.head.head) in suspect \
                and (actor := _suspected_one(tok.head.head.head)) is not None and _lemma(actor) in actors:
            tok = actor   # "gunmen suspected to be from G", "fighters believed to be with G"
        elif tok.dep_ in ("oprd", "dobj", "attr", "appos") and _lemma(tok.head) in _lemmas("self_named") \
                and ((tok.head.dep_ in ("acl", "relcl") and tok.head.head.i < tok.head.i
                      and _lemma(tok.head.head) in _lemmas_nouns("self_named"))
                     or (tok.head.dep_ in ("nsubj", "nsubjpass") and any(
                         _lemma(c) in _lemmas_nouns("self_named") for c in tok.head.lefts))):
            # "a group calling itself G", "an outfit known as G": the noun is G; the parser may
            # make the participle itself the subject ("An outfit styling itself G torched ...")
            tok = tok.head.head if tok.head.dep_ in ("acl", "relcl") else tok.head
        elif tok.dep_ == "attr" and _lemma(tok.head) == "be" and tok.head.dep_ == "xcomp" \
                and (_lemma(tok.head.head) in suspect
                     or _lemma(tok.head.head) in lemmas("events_perpetrators", "suspected_to_be", "self_described")):
            verb = tok.head.head       # "assailants suspected / claiming to be members of G"
            if verb.dep_ in ("acl", "relcl") and verb.head.i != verb.i:
                tok = verb.head
            else:
                subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
                if not subj:
                    break
                tok = subj[0]
        else:
            break
    return tok


def _suspected_one(verb: Token) -> Token | None:
    """Who "suspected / believed to ..." describes: the noun the participle hangs on
    ("assailants believed to ..."), or the subject when the parser made the verb the clause's
    own ("Assailants believed to belong to G killed ...")."""
    if verb.dep_ in ("acl", "relcl", "amod") and verb.head.i != verb.i:
        return verb.head
    subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
    return subj[0] if subj else None


def _companion_of(tok: Token) -> Token | None:
    """The noun that "together with G", "along with G", "alongside G" hang on, when it is a
    noun (a group or its fighters), not a verb ("fought alongside G" is the clash row's)."""
    together = _lemmas("together_with")
    prep = tok.head
    owner = prep.head
    if prep.lower_ == "with" and (any(c.dep_ == "advmod" and c.lower_ in together for c in prep.children)
                                  or owner.lower_ in together):
        if owner.lower_ in together:
            owner = owner.head
    elif prep.lower_ not in together:
        return None
    if owner.pos_ in ("NOUN", "PROPN") and owner.i < tok.i:
        return owner
    return None


def _credits_subject(verb: Token) -> bool:
    """The subject of this verb did the incident."""
    if _negated(verb):
        return False
    lemma = _lemma(verb)
    if lemma == "claim":
        if any(c.dep_ == "ccomp" and _credits_subject(c) and _says_itself(c) for c in verb.children):
            return True   # "G claimed that its fighters had stormed the base"
        if verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in verb.children):
            node = verb.head   # "the bombing (on Friday), which G claimed, ...": the parser may
            for _ in range(3):  # hang the clause on a word inside the incident's phrase
                if _lemma(node) in _lemmas("incident_noun"):
                    return True
                node = node.head
        return any(c.dep_ in ("dobj", "prep") and (_lemma(c) in _claim_objects() or c.lower_ in _claim_objects()
                                                    or c.lower_ == "for")
                   for c in verb.children) or not any(c.dep_ in ("dobj", "ccomp") for c in verb.children)
    if lemma in _lemmas("subject"):
        return True
    if lemma == "be":   # "G was behind the attack", "G was responsible for it"
        return any(_lemma(c) in _lemmas("behind") for c in verb.children if c.dep_ in ("prep", "acomp"))
    if lemma in _lemmas("statement"):   # "G said its fighters / it carried out the raid"
        for c in verb.children:
            if c.dep_ == "ccomp" and _credits_subject(c) and _says_itself(c):
                return True
    return False


def _relative_owner(verb: Token) -> Token | None:
    """The noun a relative clause ("who belonged to G", "who police said belonged to G")
    describes, when the clause's subject is the relative pronoun."""
    node = verb
    for _ in range(2):
        # (the small model may take "who" in "who police said belonged to" for an object)
        if node.dep_ == "relcl" and any(c.dep_ in ("nsubj", "dobj") and c.lower_ in ("who", "that", "which")
                                        for c in node.children):
            return node.head
        if node.dep_ != "ccomp":
            return None
        node = node.head
    return None


def _credits_subject_of(verb: Token, trigger: Token | None) -> bool:
    """The subject of this verb did the incident: a verb of violence or of carrying out, a verb
    whose purpose clause is one ("worked with G2 to carry out the attack"), or any verb that
    takes the incident as its object or means ("created havoc through an attack"), unless it
    reacts to the incident ("condemned", "denied", "survived")."""
    if _credits_subject(verb):
        return True
    if _negated(verb) or _lemma(verb) in _lemmas("not_subject"):
        return False
    if any(c.dep_ in ("xcomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
           and (_credits_subject(c) or any(d.dep_ == "conj" and _credits_subject(d) for d in c.children))
           for c in verb.children):
        return True   # ("G managed to track down and surround X": the coordinated verb does it)
    if _lemma(verb) in _lemmas("light_verb") and any(
            (c.dep_ == "prep" and c.lower_ in _lemmas_preps("light_verb")
             and any(_lemma(o) in _lemmas("incident_noun") for o in c.children))
            or (c.dep_ == "dobj" and _lemma(c) in _lemmas("incident_noun")) for c in verb.children):
        return True   # "G went on a rampage", "G unleashed an offensive"
    if trigger is not None and trigger.pos_ in ("NOUN", "PROPN"):
        if trigger.head.i == verb.i and trigger.dep_ in ("dobj", "attr"):
            return True
        prep = trigger.head
        if trigger.dep_ == "pobj" and prep.head.i == verb.i and prep.lower_ in ("through", "with", "in", "during"):
            return True
    return False


def _says_itself(verb: Token) -> bool:
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    s = subj[0]
    # "its fighters", and "one of its suicide bombers": the possessive may sit deeper in the subject
    return s.lower_ in _PRONOUNS or any(t.dep_ == "poss" and t.lower_ in _POSS_PRONOUNS for t in s.subtree)


def _suspected_subject(verb: Token) -> bool:
    """"G is suspected to be behind the attack", "G was blamed for the blast"."""
    if _negated(verb) or _lemma(verb) not in _lemmas("suspected_subject"):
        return False
    if _lemma(verb) in ("blame", "accuse"):
        return True   # "G was blamed for"
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children):
        # "G is suspected of involvement in / of carrying out the attack / of the bombing", not
        # "G was suspected of recruiting in the area"
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            _lemma(o) in _lemmas("incident_noun") | {"involvement", "role", "complicity", "part", "it"}
            or (o.pos_ == "VERB" and _lemma(o) in _lemmas("subject"))
            # "suspected of being involved in the assassination"
            or (o.pos_ == "VERB" and _lemma(o) in lemmas("events_perpetrators", "suspected_subject", "in_lemmas"))
            for o in c.children) for c in verb.children)
    if _lemma(verb) in lemmas("events_perpetrators", "suspected_subject", "in_lemmas") and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(_lemma(o) in _lemmas("incident_noun") or o.lower_ == "it"
                                                        for o in c.children) for c in verb.children):
        return True   # "G was suspected / implicated / involved in the bombing"
    for c in verb.children:
        if c.dep_ == "xcomp" and (_credits_subject(c) or _lemma(c) in _lemmas("subject")):
            return True
    return False


_DENY = lemmas("events_triggers", "denial")


def credited(ctx: Context, sent: Span, mention_start: int, mention_end: int, trigger: Token | None = None) -> bool:
    """Whether the group mention at these offsets holds a position that credits it with an
    incident the sentence reports."""
    if mention_start > 0 and ctx.text[max(0, mention_start - 4) : mention_start].lower().rstrip("-").endswith(
            tuple(_lemmas("not_the_group"))) and ctx.text[mention_start - 1] == "-":
        return False   # "a pro-IS group"
    root = _mention_root(ctx, mention_start, mention_end)
    if root is None:
        return False
    tok = _step_up(root)
    if any(a.pos_ == "VERB" and a.lemma_.lower() in _DENY for a in tok.ancestors):
        return False   # "G denied that it had attacked the church": what it denies does not credit it
    if tok.dep_ in ("aux", "auxpass") and tok.text.isupper() and len(tok.text) > 1:
        # the small model reads the acronym "IS" as the verb "is": it is the verb's subject
        return _credits_subject_of(tok.head, trigger) if not any(
            c.dep_ == "auxpass" for c in tok.head.children if c.i != tok.i) else _suspected_subject(tok.head)
    incident = _lemmas("incident_noun")
    for a in [*tok.children, *(c for c in root.children if c.dep_ == "appos" and root.i != tok.i)]:
        # "Neo-JMB, a pro-IS militant group created havoc through an attack": the small model
        # hangs the verb on the apposition; a finite verb there without its own subject is the
        # name's predicate
        if a.dep_ == "appos":
            for v in a.children:
                if v.dep_ in ("acl", "relcl") and v.tag_ == "VBD" and not any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in v.children) and _credits_subject_of(v, trigger):
                    return True
                # "Pakistan banned G, a separatist group that claimed a bombing in Quetta": the
                # relative clause on the apposition tells of G, for the incident it names
                if v.dep_ == "relcl" and trigger is not None and trigger in v.subtree and any(
                        c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") for c in v.children) \
                        and _credits_subject_of(v, trigger):
                    return True
    for v in tok.children:
        # "soldiers killed 20 G fighters who had attacked a checkpoint": the relative clause's
        # subject is its antecedent
        if v.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") for c in v.children) \
                and _credits_subject(v) and (trigger is None or trigger.i == v.i or trigger in v.subtree):
            return True
    if tok.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN"):
        for v in tok.children:
            # "Boko Haram insurgents embarked on a killing spree ...": the small model makes the
            # subject the root and the verb its participle; a light verb or a past tense there
            # (not "fighters killed in a raid", a headline's passive) is the subject's own verb
            if v.dep_ == "acl" and v.i > tok.i and (v.tag_ == "VBD" or _lemma(v) in _lemmas("light_verb")) \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) \
                    and _credits_subject_of(v, trigger):
                return True
    head = tok.head
    dep = tok.dep_
    if dep in ("poss", "compound", "nmod", "amod") and _lemma(head) in incident and head.i > tok.i:
        return True   # "G's attack", "the G bombing"
    if dep in ("npadvmod", "compound", "nmod") and _lemma(head) in _lemmas("led") and head.head.i > head.i \
            and _lemma(head.head) in incident:
        return True   # "a G-led assault"
    if dep == "nsubj":
        verb = head
        if _credits_subject_of(verb, trigger):
            return True
        # "G stormed the town and killed ...": the subject is shared by coordinated verbs; and
        # "gunmen thought to be linked to G kidnapped ...", where the parser makes the participle
        # the clause's verb and the attack verb its subject-less complement
        if trigger is not None and trigger.head.i == verb.i and trigger.dep_ == "advcl" and trigger.tag_ == "VBG" \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in trigger.children) \
                and _lemma(trigger) in _lemmas("subject") and not _negated(verb) \
                and _lemma(verb) not in _lemmas("not_subject"):
            return True   # "G fighters crossed into the town, killing 40 people": the participle's doer
        return any((c.dep_ == "conj" or (c.dep_ == "ccomp" and _lemma(verb) in _lemmas("suspected_to_be")
                                         and not any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children)))
                   and _credits_subject(c) for c in verb.children)
    if dep == "nsubjpass":
        return _suspected_subject(head)
    if dep == "pobj":
        prep = head
        owner = prep.head
        if prep.lower_ in _lemmas_preps("come_under") and _came_under(owner, incident):
            return True   # "came under attack by G", "came under fire from G fighters", "an attack from G"
        if prep.lower_ == "by":
            if _lemma(owner) in _lemmas("led") or _lemma(owner) in incident:
                return True   # "an attack led by G", "an attack by G"
            if owner.pos_ in ("VERB", "AUX") and any(c.dep_ == "auxpass" for c in owner.children):
                if _lemma(owner) in _lemmas("passive_not_agent"):
                    # "the area is frequented / controlled by G": where G is, not what G did
                    return False
                # ("his death was confirmed / reported by G": G tells of it, it did not do it)
                return _lemma(owner) not in ("back", "support", "fund", "arm", "condemn", "deny") \
                    and _lemma(owner) not in _lemmas("not_subject")
            # (a participle on a noun, "a jailbreak staged by G", which the small model may tag VBD)
            if owner.pos_ == "VERB" and (owner.tag_ == "VBN" or owner.dep_ == "acl"):
                if _weapon_placed(owner):
                    return True   # "a mine laid by G", "rockets fired by G"
                return _lemma(owner) in _lemmas("subject") or _lemma(owner) == "claim"
            return False
        if prep.lower_ == "of" and _hallmark(owner):
            return True   # "the blast bore the hallmarks of G"
        if _finger_at(prep):
            return True   # "pointed the finger at G for the blast"
        if prep.lower_ == "between" and _lemma(owner) in _lemmas("clash"):
            return True   # "fighting between G1 and G2": both sides
        if prep.lower_ == "with" and (_lemma(owner) in _lemmas("clash") or owner.lower_ in _lemmas("clash")) \
                and owner.dep_ in ("pobj", "pcomp") and owner.head.lower_ in ("in", "during", "amid") \
                and _lemma(owner.head.head) in lemmas("events_perpetrators", "clash", "death_verbs"):
            return True   # "X died during fighting with G", "was killed in clashes with G"
        if prep.lower_ in ("with", "alongside") and owner.pos_ == "VERB" and (
                _lemma(owner) in _lemmas("clash") or _credits_subject_of(owner, trigger)) and any(
                c.dep_ == "nsubj" for c in owner.children):
            return True   # "G1 clashed with G2", "G1 worked with G2 to carry out the attack"
        if prep.lower_ in _lemmas_preps("blame_on"):
            node = owner
            for _ in range(2):   # "blamed the bombing (of a line near X) on G"
                if _lemma(node) in _lemmas("blame_on") and not _negated(node):
                    if node.pos_ != "VERB" or not _blames_an_incident(node, incident):
                        return False   # "G1, which has links to G2, stormed ...": a tie, no blame
                    # ... but "a cleric linked to G" describes the cleric, not an incident
                    return node.dep_ not in ("acl", "amod") or _describes_incident(node, incident)
                node = node.head
        return False
    if dep == "dobj":
        return _lemma(head) in _lemmas("blame_object") and not _negated(head) and (
            _lemma(head) != "hold" or any(_lemma(c) == "responsible" for c in head.children))
    return False


def _came_under(owner: Token, incident: frozenset[str]) -> bool:
    """"came under attack / fire" (the verb with its "under" phrase), or an incident noun itself
    ("an attack from G")."""
    if owner.pos_ == "NOUN":
        return _lemma(owner) in incident
    return owner.pos_ == "VERB" and _lemma(owner) in _lemmas("come_under") and any(
        c.dep_ == "prep" and c.lower_ == "under" and any(
            o.dep_ == "pobj" and _lemma(o) in lemmas("events_perpetrators", "come_under", "objects") for o in c.children)
        for c in owner.children)


def _weapon_placed(verb: Token) -> bool:
    """"a bomb planted by G", "a mine laid by G", "rockets fired by G": a participle of
    placing or firing that describes the incident's weapon."""
    if _lemma(verb) not in _lemmas("weapon_by"):
        return False
    weapons = lemmas("events_perpetrators", "weapon_by", "objects")
    if verb.dep_ in ("acl", "amod", "relcl"):
        return _lemma(verb.head) in weapons
    # "Rockets fired by G struck ...": the parser may make the participle the clause's verb
    return any(c.dep_ == "nsubj" and _lemma(c) in weapons for c in verb.children)


def _hallmark(noun: Token) -> bool:
    """"bore the hallmarks of G", "was the handiwork of G": the noun of an attribution, said
    of the incident (object of bear/have/carry, or what the incident is), not negated."""
    if _lemma(noun) not in _lemmas("hallmark") or noun.dep_ not in ("dobj", "attr"):
        return False
    verb = noun.head
    if _lemma(noun) in lemmas("events_perpetrators", "hallmark", "be_only") and not (
            _lemma(verb) == "be" and any(c.dep_ == "nsubj" and (_lemma(c) in _lemmas("incident_noun") or c.lower_ in ("it", "this"))
                                         for c in verb.children)):
        return False   # "the work of G" credits G only as what the incident was
    return _lemma(verb) in lemmas("events_perpetrators", "hallmark", "verbs") and not _negated(verb)


def _finger_at(prep: Token) -> bool:
    """"pointed the finger at G": the preposition of the finger row, on its verb with its object."""
    row = "finger"
    verb = prep.head
    if prep.lower_ not in _lemmas_preps(row) or _lemma(verb) not in _lemmas(row) or _negated(verb):
        return False
    return any(c.dep_ == "dobj" and _lemma(c) in lemmas("events_perpetrators", row, "objects") for c in verb.children)


def _describes_incident(verb: Token, incident: frozenset[str]) -> bool:
    """A participle or relative clause on an incident noun ("the bombing, which police linked
    to G"); the parser may hang the clause on a word inside the incident's phrase ("the bombing
    in Quetta, which ...") or read "which officials" as a noun phrase ("the ambush near Kidal,
    which officials attributed to G")."""
    if verb.dep_ not in ("acl", "relcl"):
        return False
    node = verb.head
    for _ in range(4):
        if _lemma(node) in incident:
            return True
        if node.dep_ not in ("pobj", "prep", "compound", "appos", "relcl") or node.head is node:
            break
        if node.dep_ == "relcl" and not any(c.lower_ in ("which", "that") for c in node.children):
            break
        node = node.head
    return False


def _blames_an_incident(verb: Token, incident: frozenset[str]) -> bool:
    """"blamed the blast on G", "the attack was traced to G", "police linked it to G": what the
    verb puts on the group is an incident (or a pronoun for one). "linked the cleric to G" ties
    a person, and "blamed on G" alone, as in "blamed on G", keeps the old reading."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    if _describes_incident(verb, incident):
        return True
    if verb.dep_ == "relcl":
        # "G1, which is linked to G2, said ...": the relative pronoun stands for the noun the
        # clause describes (a group, not an incident: that case returned above)
        objs = [o for o in objs if o.lower_ not in ("which", "that", "who")]
    if not objs:
        return _lemma(verb) in ("blame", "pin", "attribute", "ascribe") and verb.dep_ != "relcl"
    return any(_lemma(o) in incident or o.lower_ in ("it", "this", "that", "which") or
               any(_lemma(t) in incident for t in o.subtree) for o in objs)


def pronoun_perpetrators(ctx: Context, sent: Span, lo: int, hi: int, trigger: Token | None = None) -> list[str]:
    """"... when it claimed an attack", "They stormed the camp": a pronoun (or "its fighters")
    in a crediting position stands for the most recent group that was itself the subject of its
    clause, in this sentence before the pronoun or in the sentence before (a documented salience
    rule: subjects are what a text goes on talking about)."""
    out: list[str] = []
    for tok in sent:
        if not (lo <= tok.idx < hi) or tok.lower_ not in _PRONOUNS | _POSS_PRONOUNS:
            continue
        if tok.lower_ in _POSS_PRONOUNS and _lemma(tok.head) not in _lemmas("actor_noun"):
            continue
        if not credited(ctx, sent, tok.idx, tok.idx + len(tok.text), trigger):
            continue
        prev_start = ctx.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        for m in ctx.groups_before(tok.idx):
            if m.start < prev_start:
                break
            if m.complement:
                continue
            root = _mention_root(ctx, m.start, m.end)
            if root is not None and m.start >= sent.start_char and any(
                    a.lower_ in _lemmas("source_pronoun") for a in root.ancestors):
                out.append(m.key)   # "According to a statement from G, its fighters attacked ..."
                break
            if root is not None and _step_up(root).dep_ in ("nsubj", "nsubjpass") or (
                    root is not None and root.dep_ in ("aux", "auxpass") and root.text.isupper()):
                out.append(m.key)
                break
    return out


def anonymous_actors(ctx: Context, sent: Span, lo: int, hi: int, trigger: Token | None = None) -> bool:
    """The incident's doers are named only by a plain description ("Fighters also detonated
    explosives", "the attack was carried out by militants"), not as unknown ("unidentified
    gunmen"): in a story about one group, they are that group's."""
    anonymous = _lemmas("anonymous_actor")
    unknown = lemmas("events_perpetrators", "anonymous_actor", "unknown")
    for tok in sent:
        if lo <= tok.idx < hi and tok.lower_ == "they" and tok.dep_ == "nsubj" and \
                credited(ctx, sent, tok.idx, tok.idx + len(tok.text), trigger):
            # "A day later, they targeted a second ship": a "they" the mention layer left
            # unresolved (a sentence about the victim came between) is the story's doers
            return True
        if not (lo <= tok.idx < hi) or _lemma(tok) not in anonymous or tok.tag_ not in ("NNS", "NNPS", "NN"):
            continue
        if any(c.lower_ in unknown or c.dep_ in ("poss", "compound") for c in tok.children):
            continue
        if credited(ctx, sent, tok.idx, tok.idx + len(tok.text), trigger):
            return True
    return False


def blamed(ctx: Context, sent: Span, mention_start: int, mention_end: int) -> bool:
    """A sentence that names no incident of its own but blames a group for one told before:
    "Authorities blamed G.", "Police suspect G.", "The army said G was behind it.", "It was
    blamed on G." (the blame, suspicion and "behind" rows of the table, without the incident)."""
    root = _mention_root(ctx, mention_start, mention_end)
    if root is None:
        return False
    tok = _step_up(root)
    head, dep = tok.head, tok.dep_
    if dep in ("dobj", "nsubjpass") and not _blame_is_for_an_incident(head):
        return False   # "blamed G for the rise in violence": no one incident
    if dep == "dobj":
        return _lemma(head) in _lemmas("blame_object") and _lemma(head) != "hold" and not _negated(head)
    if dep == "nsubjpass" and _lemma(head) in ("suspect", "blame") and not _negated(head) and not any(
            c.dep_ in ("prep", "xcomp", "ccomp", "advcl", "dobj", "agent") for c in head.children):
        return True   # "Al-Shabaab was suspected.": the bare passive blames it for the incident told
    if dep == "nsubjpass":
        return _suspected_subject(head)
    if dep == "pobj" and head.lower_ == "of" and _hallmark(head.head):
        return True   # "It bore the hallmarks of G."
    if dep == "pobj" and _finger_at(head):
        return True   # "Police pointed the finger at G."
    if dep in ("attr", "pobj") and not _negated(head if dep == "attr" else head.head):
        verb = head if dep == "attr" else head.head
        if _lemma(verb) in _lemmas("identity") and (dep == "attr" or head.lower_ in ("to", "from")) and any(
                c.dep_ == "nsubj" and _lemma(c) in _lemmas("actor_noun") and c.lower_ != tok.lower_
                and any(d.dep_ == "det" and d.lower_ in ("the", "both", "all") for d in c.children)
                for c in verb.children):
            return True   # "the bombers were members of G", "the gunmen belonged to G"
    if dep == "pobj" and head.lower_ in _lemmas_preps("identified_as") and not _negated(head.head) \
            and _lemma(head.head) in _lemmas("identified_as") and any(
                c.dep_ == "nsubjpass" and _lemma(c) in _lemmas("actor_noun")
                and any(d.dep_ == "det" and d.lower_ in ("the", "both", "all") for d in c.children)
                for c in head.head.children):
        return True   # "the assailants were identified as members of G"
    if dep == "nsubj" and _lemma(head) == "be" and not _negated(head):
        return any(_lemma(c) in _lemmas("behind") for c in head.children if c.dep_ in ("prep", "acomp"))
    if dep == "pobj" and head.lower_ in _lemmas_preps("blame_on"):
        verb = head.head
        return _lemma(verb) in _lemmas("blame_on") and verb.dep_ not in ("acl", "amod") and not _negated(verb)
    return False


def _blame_is_for_an_incident(verb: Token) -> bool:
    """"blamed G (for it / for the bombing / of carrying out the attack)": what the blame is
    for, when said, is an incident, a pronoun for it, or a verb of carrying it out."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "over", "in"):
            for obj in prep.children:
                if obj.dep_ not in ("pobj", "pcomp"):
                    continue
                if _lemma(obj) in _lemmas("incident_noun") or obj.lower_ in ("it", "this", "that", "involvement",
                                                                             "complicity"):
                    return True   # "was suspected of involvement" (in the incident just told)
                if obj.pos_ == "VERB" and (_lemma(obj) in _lemmas("subject")):
                    return any(c.dep_ == "dobj" and (_lemma(c) in _lemmas("incident_noun") or c.lower_ == "it")
                               for c in obj.children)
            return False
    return True


def modified_group(text: str, mention, mentions: list):
    """The group that a group name only describes ("the al-Qaeda affiliated Ansar al-Sharia",
    "IS-linked ADF rebels", "the Iran-backed Houthis"): the next mention, when the words between
    the two are a modifier of the `group_modifier` row. None when the name is not such a modifier."""
    cues = "|".join(sorted(_lemmas("group_modifier")))
    for other in mentions:
        if other.start < mention.end or other is mention:
            continue
        gap = text[mention.end : other.start]
        if re.fullmatch(rf"(?i)\s*[-‐‑–]?\s*(?:{cues})\s+(?:[a-z][\w-]*\s+){{0,2}}?", gap):
            return other
        break
    return None
