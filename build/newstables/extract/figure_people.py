"""Bare numbers that count people or give an age.

"Maddon, 66, said", "aged 45", "he will be 35", "an MP at 27", "life
expectancy is 73" are ages in years; "12 dead", "a crowd of 20,000",
"95,800 who have been unemployed", "employs 2,000" count people; the noun
after a number says what it counts ("300 engineers": person, "2,000 troops":
soldier, "517 rushing yards": a unit). Word lists: schema/figure_rules.yml.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import doc_index
from .figure_rules import Rules

if TYPE_CHECKING:
    from .figures import Figure, TokenIndex


def noun_unit(noun: Token, rules: Rules) -> str:
    lemma = noun.lemma_.lower()
    low = noun.lower_
    if low in rules.unit_words and low not in rules.weak_unit_words:
        return rules.unit_words[low]     # "517 rushing yards"
    if noun.ent_type_ == "NORP" and noun.tag_ in ("NNS", "NNPS"):
        return "person"                  # "1,307,000 Americans"
    singular = {lemma, low, re.sub(r"(?<=[^aeiou])ies$", "y", low), re.sub(r"(?<=[sxzh])es$", "", low),
                re.sub(r"s$", "", low)}
    if singular & rules.soldier_nouns:
        return "soldier"
    if singular & rules.person_nouns:
        return "person"                  # "300 engineers", "3 million Britons"
    return "count"


def is_age(fig: Figure, idx: TokenIndex, rules: Rules) -> Token | None:
    """"Maddon, 66, said", "the suspect, 32, was", "said Hynde, 53.": a bare
    number set off by commas (or brackets) after a person's name or a noun
    for a person. The name (or noun) it follows, or None."""
    if fig.kind != "number" or fig.value_max is not None or not (1 <= fig.value <= 120) or fig.value != int(fig.value):
        return None
    prev = idx.before(fig.num_start)
    nxt = idx.after(fig.num_end)
    final = prev is not None and nxt is not None and prev.text == "," and nxt.text == "."    # "said Hynde, 53."
    if prev is None or nxt is None or not (prev.text == "," and nxt.text in (",", ")", ";")
                                           or prev.text == "(" and nxt.text == ")" or final):
        return None
    name = idx.before(prev.idx)
    if name is None or not name.is_alpha:
        return None                      # "Henry 2, 29.": goal minutes in a match report
    if name.ent_type_ == "PERSON":
        return name
    num = idx.at(fig.num_start)
    if name.pos_ == "PROPN" and name.is_title and num is not None and num.ent_type_ == "DATE":
        return name                      # "Jones, 45, of Leeds": spaCy reads the age as a date
    person_noun = not final and name.pos_ == "NOUN" and name.tag_ == "NN" \
        and (name.lemma_.lower() in rules.person_nouns or name.lower_ in rules.person_nouns) \
        and name.lower_ not in ("family", "household", "staff", "crew", "workforce", "personnel")
    return name if person_noun else None


def person_collective(fig: Figure, idx: TokenIndex, text: str, rules: Rules) -> bool:
    if fig.kind not in ("number", "words", "vague"):
        return False
    if re.match(r"-strong\b|\s+who\b", text[fig.end:fig.end + 8]):
        return True                      # "a 9,000-strong union", "95,800 who have been unemployed"
    m = re.search(r"\b([A-Za-z]+)\s+of\s+(?:(?:about|around|some|nearly|almost|over|more\s+than|up\s+to|at\s+least|roughly)\s+)?$",
                  text[max(0, fig.start - 40):fig.start])
    return bool(m and m.group(1).lower() in rules.person_collectives)


def age_after_people(fig: Figure, idx: TokenIndex, rules: Rules) -> bool:
    """"patients over 65", "players under 23": a bare age bound after people."""
    if fig.kind != "number" or fig.comparator == "=" or not (1 <= fig.value <= 120) or fig.value != int(fig.value):
        return False
    prev = idx.before(fig.start)
    nxt = idx.after(fig.end)
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "NUM") or nxt.lower_ in ("%", "percent")):
        return False
    return prev is not None and prev.tag_ == "NNS" and noun_unit(prev, rules) == "person"


def age_words_before(fig: Figure, text: str, rules: Rules) -> bool:
    if rules.age_before_re is None or fig.kind not in ("number", "words"):
        return False
    return bool(rules.age_before_re.search(text[max(0, fig.start - 30):fig.start])
                or rules.age_before_re.search(text[max(0, fig.num_start - 30):fig.num_start]))


def age_complement(fig: Figure, idx: TokenIndex, rules: Rules) -> Token | None:
    """"He will be 35 by then", "Smith, who is 45,", "she turned 60", "life
    expectancy is around 73": a bare number said of a person (or of an age).
    The subject it is said of, or None."""
    if fig.kind not in ("number", "words") or fig.value_max is not None or not (1 <= fig.value <= 120) \
            or fig.value != int(fig.value):
        return None
    toks = idx.covering(fig.num_start, fig.num_end)
    if not toks:
        return None
    num = toks[-1]
    nxt = idx.after(fig.end)
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "NUM") or nxt.lower_ in ("of", "%", "percent", "per")):
        return None                     # "He was 1 of 5 bidders"
    verb = num.head
    if num.dep_ == "pobj" and verb.lower_ in ("to", "at", "from") and fig.kind == "number":
        sent_start = num.sent.start
        near = num.doc[max(sent_start, verb.i - 8):verb.i]
        noun = next((t for t in reversed(near) if t.lemma_.lower() in rules.age_subject_nouns), None)
        if noun is not None and not any(t.like_num or t.pos_ == "NUM" for t in near):
            return noun                  # "a lowering of the voting age to 16", "the age for standing at 21"
    if num.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "to":
        verb = verb.head                 # "the retirement age will rise to 67"
    elif not (num.dep_ == "attr" and verb.lemma_ == "be" or num.dep_ == "dobj" and verb.lemma_ == "turn"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in rules.age_subject_nouns or subject.lower_ in rules.age_subject_nouns:
        return subject
    if num.dep_ == "pobj":
        return None
    return subject if is_person(subject, rules) else None


def age_at_event(fig: Figure, idx: TokenIndex, rules: Rules) -> Token | None:
    """"became an MP at 27", "she died at 85": a bare number after "at" on a
    life-event verb whose subject is a person."""
    if fig.kind not in ("number", "words") or fig.value_max is not None or not (10 <= fig.value <= 120) \
            or fig.value != int(fig.value) or fig.comparator != "=":
        return None
    toks = idx.covering(fig.num_start, fig.num_end)
    if not toks or toks[-1].dep_ != "pobj" or toks[-1].head.lower_ != "at":
        return None
    nxt = idx.after(fig.end)
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "NUM") or nxt.lower_ in ("%", "percent", "per", "points")):
        return None
    verb = toks[-1].head.head
    if verb.lemma_.lower() not in rules.age_event_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject if subject is not None and is_person(subject, rules) else None


def is_person(tok: Token, rules: Rules) -> bool:
    return tok.lower_ in ("he", "she", "i", "who") or tok.ent_type_ == "PERSON" \
        or tok.tag_ == "NN" and tok.lemma_.lower() in rules.person_nouns


def age_of(subject: Token) -> str:
    """"age of Hague" for a named person, "age" for a pronoun or a role."""
    if subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN":
        ent = doc_index.ent_containing(subject.doc, subject.i)
        return f"age of {ent.text if ent else subject.text}"
    return "age"


def verb_object_person(fig: Figure, idx: TokenIndex, rules: Rules) -> bool:
    toks = idx.covering(fig.num_start, fig.num_end)
    for t in toks:
        if t.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "conj", "npadvmod", "oprd") and t.head.lemma_.lower() in rules.person_verbs:
            return True
    return False
