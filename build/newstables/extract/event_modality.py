"""Whether a trigger reports something that happened.

Not events (each rule has a test text in tests/test_events.py):
- negated: "did not meet", "never signed", "no talks were held", "left
  without signing", "passed without a vote";
- hypothetical or unrealised: a modal ("will meet", "could resign"), a
  condition or open question ("if they meet", "whether he met"), the
  complement of a wish, plan, expectation or readiness ("hopes to visit",
  "is expected to resign", "ready to sign", "his plans to visit"), any other
  "to" complement unless its head reports that it happened ("agreed to
  resume aid", "went on to win": `realised_heads`): "is to cut 500 jobs",
  "launched a campaign to ban smoking" are plans and purposes; a noun that
  is upcoming, possible or proposed ("the planned summit");
- habitual or an ongoing state: the plain present ("Russia controls",
  "the firm sells phones", "England play Wales on Saturday" -- a timetable),
  the progressive ("forces are advancing", "police were investigating"),
  the present passive ("the tax is levied"), a frequency word ("usually
  met", "met every year"), a gerund naming an activity ("delivering aid
  remains a priority", "accused of killing"), an imperative ("Introduce
  laws to ..."). Reports and figures speak in the present of what they found ("the
  survey shows"): for those types the present counts.
"""
from __future__ import annotations

from spacy.tokens import Token

MODALS = {"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "'d", "wo", "ca"}
FUTURE_MODIFIERS = {"upcoming", "future", "possible", "potential", "planned", "proposed", "next",
                    "forthcoming", "prospective", "further", "new", "any"}
HYPOTHETICAL_NOUN_HEADS = {"possibility", "prospect", "idea", "hope", "chance", "plan", "need",
                           "way", "question", "call", "demand", "readiness", "willingness", "threat",
                           "risk", "fear", "bid", "attempt", "campaign", "proposal", "desire", "wish",
                           "ambition", "goal", "aim", "quest", "search", "push", "talk", "speculation",
                           "rumour", "rumor", "prospects", "hopes", "view", "suggestion", "allegation",
                           "claim", "possibility"}
CONDITION_MARKS = {"whether", "if", "unless"}
NEGATING_PREPS = {"without", "instead", "despite"}
NEGATING_PARTICLES = {"out"}   # "ruled out amending the law"
PRESENT_TENSE_TYPES = {"report", "data_release"}
# "a statement proposing a ceasefire": a document's participle tells what it did
DOCUMENT_NOUNS = {"statement", "report", "letter", "document", "declaration", "communique", "resolution",
                  "bill", "motion", "proposal", "plan", "study", "survey", "announcement"}
PRESENT_TAGS = ("VBZ", "VBP")


def is_modal_or_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS | {"going"}:
            return True
    if verb.dep_ == "pcomp" and verb.head.lower_ in NEGATING_PREPS:
        return True  # "left without signing the deal"
    if verb.dep_ in ("xcomp", "ccomp", "pcomp") and verb.head.lemma_.lower() == "rule" and any(
            c.dep_ == "prt" and c.lower_ in NEGATING_PARTICLES for c in verb.head.children):
        return True  # "ruled out amending the law"
    return False


def is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def is_hypothetical(anchor: Token, T: dict) -> bool:
    """Negated, modal, conditional, or an unrealised complement ("hopes to
    meet", "is to cut", "in order to win")."""
    hyp_heads, realised = T["hypothetical_heads"], T["realised_heads"]
    x = anchor
    for _ in range(6):
        if is_modal_or_negated(x):
            return True
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in x.children):
            return True  # "have yet to confirm whether he met Putin", "asked if they met"
        if x.dep_ == "acl" and x.head.lemma_.lower() in hyp_heads and x.i > x.head.i:
            return True  # "his plans to visit", "hopes to meet"
        if x.dep_ in ("acl", "ccomp") and x.tag_ not in ("VBN", "VBG") and x.head.pos_ in ("NOUN", "PROPN") \
                and x.head.lemma_.lower() in HYPOTHETICAL_NOUN_HEADS:
            return True  # "speculation that he had held talks"
        if is_infinitive(x) and not (x.dep_ in ("xcomp", "ccomp", "advcl") and x.head.lemma_.lower() in realised):
            return True  # "is to cut", "set to return", "a campaign to ban"
        if is_infinitive(x) and x.dep_ == "advcl":
            x = x.head  # "cruised home to win": as real as the cruising
            continue
        if x.dep_ in ("xcomp", "acomp", "ccomp") and x.head.i != x.i:
            # an infinitive or "that" complement of a wish, plan or readiness
            if x.head.lemma_.lower() in hyp_heads and x.dep_ != "ccomp":
                return True
            if x.dep_ == "ccomp":
                return False
            x = x.head
            continue
        if x.dep_ == "conj" and x.head.pos_ in ("VERB", "AUX"):
            x = x.head
            continue
        if x.dep_ == "pcomp" and x.head.dep_ == "prep":
            # a gerund after a preposition: "at risk of ... agreeing to a ceasefire"
            owner = x.head.head
            if owner.pos_ in ("NOUN", "PROPN") and owner.lemma_.lower() in HYPOTHETICAL_NOUN_HEADS:
                return True
            if owner.pos_ in ("VERB", "AUX") and owner.i != x.i:
                x = owner
                continue
            return False
        if x.dep_ in ("auxpass",) or x.pos_ == "AUX" and x.dep_ == "acomp":
            x = x.head
            continue
        return False
    return False


def is_habitual(verb: Token, etype: str, T: dict) -> bool:
    """A state, a habit or a timetable rather than one happening: the plain
    present, the progressive, the present passive, a frequency word; a
    gerund naming an activity ("delivering aid remains a priority", "the
    ease of making a call", "accused of killing"), or an imperative
    ("Introduce laws to ...")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG" and not aux and _gerund_names_activity(verb):
        return True
    if verb.tag_ == "VBN" and (verb.dep_ == "acomp" or any(a.lemma_ in ("seem", "appear") for a in aux)):
        return True  # "what all seem agreed on": a participle as an adjective tells a state
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.lemma_.lower() not in DOCUMENT_NOUNS:
        return True  # "the unions meeting Mr Prescott", "laws coming into force": describing, not reporting
    if verb.tag_ == "VB" and not aux and not (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in T["realised_heads"]):
        return True  # an imperative, "rather than travel to the shops": the base form tells no happening
    perfect = any(a.lemma_ == "have" for a in aux)
    finite_be = any(a.lemma_ == "be" and a.dep_ == "aux" and a.tag_ != "VBG" for a in aux)
    if verb.tag_ == "VBG" and finite_be or finite_be and any(a.lower_ == "being" for a in aux):
        return True  # "forces are advancing", "police were investigating", "a law is being introduced"
    if etype not in PRESENT_TENSE_TYPES and not perfect:
        if verb.tag_ in PRESENT_TAGS and not aux:
            return True  # "Russia controls", "the firm sells phones", "England play Wales on Saturday"
        if verb.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.tag_ in PRESENT_TAGS for a in aux):
            return True  # "the tax is levied on imports"
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in T["habitual_words"]:
            return True  # "usually meets"
        if child.dep_ in ("npadvmod", "advmod") and any(
                g.dep_ == "det" and g.lower_ in T["habitual_words"] for g in child.children):
            return True  # "met every year"
    return False


def _gerund_names_activity(verb: Token) -> bool:
    x = verb
    while x.dep_ == "conj" and x.head.i != x.i:
        x = x.head
    if x.dep_ in ("csubj", "csubjpass", "nsubj", "nsubjpass", "dobj", "attr", "appos", "amod", "compound"):
        return True
    return x.dep_ == "pcomp" and x.head.lower_ == "of"


def noun_is_negated(noun: Token) -> bool:
    """"no talks were held", "passed without a vote"."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in NEGATING_PREPS


def noun_is_hypothetical(noun: Token, T: dict) -> bool:
    if noun_is_negated(noun):
        return True
    if any((c.lemma_.lower() in FUTURE_MODIFIERS or c.lower_ in FUTURE_MODIFIERS) and c.dep_ in ("amod", "det", "compound")
           for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ in ("NOUN", "PROPN") and head.head.lemma_.lower() in HYPOTHETICAL_NOUN_HEADS:
        return True
    if noun.dep_ == "dobj" and head.lemma_.lower() in T["hypothetical_heads"] or noun.dep_ == "pobj" \
            and head.dep_ == "prep" and head.head.lemma_.lower() in T["hypothetical_heads"]:
        return True  # "is planning a snap election", "being balloted about a walkout"
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj") and head.pos_ in ("VERB", "AUX"):
        return is_hypothetical(head, T)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return is_modal_or_negated(head.head)  # "must be included in peace talks"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "ahead":
        return True  # "ahead of its meeting on 12 January": still to come
    verb = _governing_verb(noun)
    return verb is not None and is_hypothetical(verb, T)  # "may be subject to a takeover", "fit for the trip"


def _governing_verb(tok: Token) -> Token | None:
    x = tok
    for _ in range(6):
        if x.head.i == x.i:
            return None
        x = x.head
        if x.pos_ in ("VERB", "AUX"):
            return x
    return None
