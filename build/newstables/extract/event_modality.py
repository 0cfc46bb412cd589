"""Whether a trigger reports something that happened: negation, modality, hypotheticals."""
from __future__ import annotations

from spacy.tokens import Token

MODALS = {"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "'d", "wo", "ca"}
FUTURE_MODIFIERS = {"upcoming", "future", "possible", "potential", "planned", "proposed", "next",
                    "forthcoming", "prospective", "further", "new", "any"}
HYPOTHETICAL_NOUN_HEADS = {"possibility", "prospect", "idea", "hope", "chance", "plan", "need",
                           "way", "question", "call", "demand", "readiness", "willingness"}


def is_modal_or_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS | {"going"}:
            return True
    return False


def is_hypothetical(anchor: Token, hyp_heads: set[str]) -> bool:
    """Negated, modal, or the complement of "hope to", "plan to", "ready to"..."""
    x = anchor
    for _ in range(6):
        if is_modal_or_negated(x):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in x.children):
            return True  # "have yet to confirm whether he met Putin", "asked if they met"
        if x.dep_ == "acl" and x.head.lemma_.lower() in hyp_heads and x.i > x.head.i:
            return True  # "his plans to visit", "hopes to meet"
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
        if x.dep_ in ("auxpass",) or x.pos_ == "AUX" and x.dep_ == "acomp":
            x = x.head
            continue
        return False
    return False


def noun_is_hypothetical(noun: Token, hyp_heads: set[str]) -> bool:
    if any(c.lemma_.lower() in FUTURE_MODIFIERS and c.dep_ in ("amod", "det", "compound") for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ in ("NOUN", "PROPN") and head.head.lemma_.lower() in HYPOTHETICAL_NOUN_HEADS:
        return True
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj") and head.pos_ in ("VERB", "AUX"):
        return is_hypothetical(head, hyp_heads)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return is_modal_or_negated(head.head)  # "must be included in peace talks"
    return False
