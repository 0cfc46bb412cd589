"""Correct the model's named entities in place, before any other extractor.

The small English model is reliably wrong in a few ways on this kind of text
(see LIBRARY-NOTES): Ukrainian places as PERSON, Kursk PRODUCT, people as ORG,
possessives and titles inside spans, spans swallowing the next name, "30-day"
as a DATE. The parse cache holds the model's own output, so the fixes run here,
on the Doc, in this order:

1. span surgery: split at an inner possessive ("Russia's Federation Council"),
   at "and" between known names ("Rubio and Waltz"), before a verb; trim a
   trailing possessive, leading titles/honorifics ("Crown Prince X"), trailing
   title words of an ORG ("White House National Security [Adviser]"), leading
   or trailing function words and lower-case words (not an acronym such as
   "US" opening a sentence); add a given name the model left out before a
   surname (a listed one, or a proper-noun compound of it: "Andrius Tursa");
   join a span that is only a listed given name to the surname after it
   ("Yury" ORG + "Ushakov"); drop "State" in "Secretary of State";
2. the gazetteers (`gazetteer.py`: bodies with their aliases, countries,
   places, in one PhraseMatcher pass) and honorific persons ("Lord X"),
   over the model where they are sure; then capitalised words ending in an
   organisation word, where the model saw nothing ("Open Source Development
   Labs"), are ORG;
3. labels: hyphenated number-unit durations become QUANTITY; demonyms become
   NORP; spans of function words are dropped, and one-word spans that are no
   name: a sentence-opening adverbial before a comma ("Notwithstanding,"), a
   generic noun ("the Kingdom"), a lone compass/region adjective ("Central")
   or title word ("National"); a name in apposition with a person's role
   noun ("Tursa, a consultant at Teneo") or followed by ", who" is a
   PERSON; a span whose text (or last word) is a person elsewhere in the
   article, an author, or starts with a common given name becomes PERSON; so
   does a two- or three-word "ORG" subject whose next subject pronoun is
   "he" or "she" ("Chrystel Ferland spoke ... she said"); FAC/PRODUCT spans with organisation words
   become ORG; a PERSON span ending in another person's surname is split.

All word lists come from `schema/actor_rules.yml`.
"""
from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from functools import lru_cache

import yaml
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..settings import SCHEMA_DIR
from . import doc_index, gazetteer

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
                "ninety", "hundred", "half", "multi", "several"}


@lru_cache(maxsize=1)
def rules() -> dict:
    """actor_rules.yml with convenience sets (lower-cased)."""
    data = yaml.safe_load((SCHEMA_DIR / "actor_rules.yml").read_text(encoding="utf-8"))
    hon = data["honorifics"]
    data["honorific_set"] = {w for k in ("male", "female", "any") for w in hon[k]}
    data["title_head_set"] = set(data["title_heads"])
    data["title_word_set"] = set(data["title_heads"]) | set(data["title_modifiers"]) | data["honorific_set"]
    country_alias = {}
    # every country of pycountry (scripts/build_gazetteers.py), under the
    # canonical names of `countries`, whose short forms ("UK") count too
    for line in (SCHEMA_DIR / "gazetteer_countries.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            for alias in [row["name"], *row["aliases"]]:
                country_alias.setdefault(alias.lower(), row["name"])
    for name, aliases in data["countries"].items():
        for alias in [name, *(aliases or [])]:
            country_alias[alias.lower()] = name
    data["country_alias"] = country_alias
    # the gendered given names of speech_cues.yml count too, less those that
    # are also common words ("Will", "Grant", "Dawn")
    from .quote_cues import cues

    gendered = cues()["female_names"] | cues()["male_names"]
    data["given_name_set"] = set(data["given_names"]) | (gendered - set(data.get("ambiguous_given_names") or []))
    data["org_keyword_set"] = set(data["org_keywords"])
    # nouns that name what a person is or does: the title heads (less the
    # ones that also head organisations) and the role nouns
    data["person_role_set"] = (set(data["title_heads"]) | set(data["role_nouns"])) - {"head", "chief", "member", "partner"}
    data["title_head_set"] = data["title_head_set"] | set(data["role_nouns"])
    data["title_word_set"] = data["title_word_set"] | set(data["role_nouns"])
    return data


def extract(doc: Doc, article, result) -> None:
    _set_ents(doc, filter_spans(_surgery(doc, list(doc.ents), article)))
    before = list(doc.ents)
    gazetteer.annotate(doc, rules()["title_word_set"])
    doc_index.forget_entities(doc)
    _set_ents(doc, filter_spans(list(doc.ents) + _longer_names(before, list(doc.ents))))
    _set_ents(doc, filter_spans(list(doc.ents) + _keyword_names(doc)))
    _set_ents(doc, filter_spans(_relabel(doc, list(doc.ents), article)))
    _set_ents(doc, _missed_surnames(doc))


def _set_ents(doc: Doc, spans) -> None:
    """New entities: what the document index knew of the old ones is dropped."""
    doc.ents = spans
    doc_index.forget_entities(doc)


def _longer_names(before: list[Span], after: list[Span]) -> list[Span]:
    """The model's organisation names that a shorter gazetteer name begins
    ("CNBC News", "BBC World Service"): the longer name stands."""
    out = []
    starts = [r.start for r in after]   # `after` is in text order, without overlaps
    for e in before:
        if e.label_ != "ORG":
            continue
        inside = [r for r in after[bisect.bisect_left(starts, e.start):bisect.bisect_left(starts, e.end)]
                  if r.end <= e.end and len(r) < len(e) and r.label_ == "ORG"]
        if inside and all(t.is_title or t.is_upper for t in e if not any(r.start <= t.i < r.end for r in inside)):
            out.append(e)
    return out


@lru_cache(maxsize=1)
def _keyword_matcher():
    """Capitalised words (joined by "of", "for", "and", "&") that end in an
    organisation word ("Open Source Development Labs", "Crown Prosecution
    Service"), where the model saw no entity."""
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab
    heads = sorted(rules()["org_keyword_set"] | set(rules()["org_name_heads"]))
    word = {"IS_TITLE": True, "ENT_TYPE": "", "IS_STOP": False}
    matcher = Matcher(Vocab())
    matcher.add("ORG", [[word, {"IS_TITLE": True, "ENT_TYPE": "", "OP": "*"},
                         {"LOWER": {"IN": heads}, "IS_TITLE": True, "ENT_TYPE": ""}],
                        [word, {"IS_TITLE": True, "ENT_TYPE": "", "OP": "*"},
                         {"LOWER": {"IN": ["of", "for", "and", "&"]}, "ENT_TYPE": ""},
                         {"IS_TITLE": True, "ENT_TYPE": "", "OP": "*"},
                         {"LOWER": {"IN": heads}, "IS_TITLE": True, "ENT_TYPE": ""}]],
                greedy="LONGEST")
    return matcher


def _keyword_names(doc: Doc) -> list[Span]:
    """Organisation names the model missed: two or more capitalised words
    ending in an organisation word (schema: org_keywords, org_name_heads), none
    of them inside an entity, the first no sentence opener ("Labs" alone, or
    "Police" opening a sentence, is no name)."""
    out = []
    for _key, start, end in _keyword_matcher()(doc):
        if end - start < 2 or doc[start].is_sent_start:
            continue
        out.append(Span(doc, start, end, label="ORG"))
    return out


def _missed_surnames(doc: Doc) -> list[Span]:
    """A capitalised word that is the surname of a person the article names
    elsewhere is that person, even where the model saw no entity ("Trump on
    Tuesday said ..." with "Trump" tagged a common noun)."""
    ents = list(doc.ents)
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and e[-1].text[:1].isupper()
                and re.sub(r"['’-]", "", e[-1].text).isalpha() and len(e[-1].text) > 2}   # ("O'Connor")
    if not surnames:
        return ents
    taken = {t.i for e in ents for t in e}
    added = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc
             if t.text in surnames and t.i not in taken and t.pos_ in ("PROPN", "NOUN")
             and not (t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper() and doc[t.i + 1].pos_ == "PROPN")]
    return sorted(ents + added, key=lambda e: e.start) if added else ents


# --- 1. span surgery ---------------------------------------------------------

def _is_possessive(token) -> bool:
    return token.tag_ == "POS" or token.text in rules()["possessives"]


def _surgery(doc: Doc, ents: list[Span], article) -> list[Span]:
    r = rules()
    out = []
    for ent in ents:
        if ent.label_ not in NAME_LABELS:
            out.append(ent)
            continue
        pieces = [(ent.start, ent.end)]
        # split at an inner possessive: "Russia's Federation Council"
        inner = [t.i for t in ent[:-1] if _is_possessive(t) and t.i > ent.start]
        if inner:
            right = doc[inner[0] + 1:ent.end]
            if len(right) >= 2 and right[0].text[:1].isupper():
                pieces = [(ent.start, inner[0]), (inner[0] + 1, ent.end)]
            elif all(t.lower_.replace(".", "") in r["title_head_set"] for t in right):
                pieces = [(ent.start, inner[0])]   # "Apple's C.E.O."
        # cut before a verb: "Trump reorganized America's"
        new = []
        for s, e in pieces:
            verb = next((t.i for t in doc[s:e] if t.pos_ in ("VERB", "AUX") and t.i > s
                         and not t.is_title), None)
            new.append((s, verb) if verb else (s, e))
        pieces = new
        for s, e in pieces:
            s, e = _trim(doc, s, e, ent.label_)
            # a given name the model left out ("Dmitry" opening a sentence)
            if ent.label_ == "PERSON" and s == ent.start and s > 0 and e - s == 1 and \
                    doc[s - 1].is_title and not doc[s - 1].ent_type_ and (
                        doc[s - 1].lower_ in r["given_name_set"]
                        or _unlabelled_name_part(doc[s - 1], doc[s])):
                s -= 1
            if e > s:
                out.append(Span(doc, s, e, label=ent.label_))
    out = _join_given_names(doc, out)
    # "Secretary of State": State is part of a title, not an organisation
    out = [sp for sp in out if not (
        len(sp) == 1 and sp[0].lower_ in r["title_modifiers"] and sp.start >= 2
        and doc[sp.start - 1].lower_ == "of" and doc[sp.start - 2].lower_ in r["title_head_set"])]
    return out


def _unlabelled_name_part(tok, nxt) -> bool:
    """"Andrius Tursa": a capitalised proper noun the model left out of the
    name it modifies (compound of the surname), not a title or function word."""
    r = rules()
    return (tok.pos_ == "PROPN" and tok.dep_ == "compound" and tok.head.i == nxt.i
            and tok.lower_ not in r["title_word_set"] and tok.lower_.rstrip(".") not in r["honorific_set"]
            and not tok.is_stop and tok.text.isalpha())


def _join_given_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Yury" (ORG) + "Ushakov" (PERSON): a span that is only a listed given
    name, right before a person's span, is part of that name."""
    r = rules()
    spans = sorted(spans, key=lambda sp: sp.start)
    out = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev is not None and sp.label_ == "PERSON" and prev.end == sp.start and len(prev) == 1 \
                and prev.label_ in NAME_LABELS and prev[0].lower_ in r["given_name_set"] and prev[0].is_title:
            out[-1] = Span(doc, prev.start, sp.end, label="PERSON")
            continue
        if prev is not None and prev.label_ == "PERSON" and prev.end == sp.start and len(sp) == 1 \
                and sp.label_ in NAME_LABELS and len(prev) == 1 and prev[0].lower_ in r["given_name_set"] \
                and sp[0].is_title and sp[0].pos_ == "PROPN":
            out[-1] = Span(doc, prev.start, sp.end, label="PERSON")
            continue
        if len(sp) == 1 and sp.label_ in NAME_LABELS and sp[0].lower_ in r["given_name_set"] and sp[0].is_title \
                and sp.end < len(doc) and doc[sp.end].pos_ == "PROPN" and doc[sp.end].is_title \
                and not doc[sp.end].ent_type_ and doc[sp.end].lower_ not in r["title_word_set"]:
            sp = Span(doc, sp.start, sp.end + 1, label="PERSON")   # "Yury" (ORG) + "Ushakov" (none)
        out.append(sp)
    return out


def _trim(doc: Doc, s: int, e: int, label: str) -> tuple[int, int]:
    r = rules()
    while e > s and (_is_possessive(doc[e - 1]) or doc[e - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT")
                     or doc[e - 1].is_punct or doc[e - 1].is_quote
                     or (doc[e - 1].is_lower and doc[e - 1].is_alpha and e - 1 > s)):
        e -= 1   # "Trump's", "United Auto Workers union", "the committee of"
    while e > s and (doc[s].pos_ in ("DET", "ADP", "PUNCT", "CCONJ") or doc[s].is_quote or doc[s].is_punct) \
            and doc[s].lower_ != "the":
        s += 1
    if label in ("PERSON", "ORG"):
        # a capitalised function word opening the sentence: "But Mr Balls"
        while e - s > 1 and doc[s].is_sent_start and doc[s].is_stop and doc[s].lower_ != "the" \
                and not doc[s].is_upper:   # "US National Security Advisor": US is no stop word
            s += 1
    if label == "PERSON":
        # anything before an honorific inside the span: "Labour's Mr Smith"
        inner = [k for k in range(s, e - 1) if doc[k].lower_.rstrip(".") in r["honorific_set"]
                 or doc[k].lower_ in r["honorific_set"]]
        if inner:
            s = inner[-1]
        # leading titles / honorifics glued to a name: "Crown Prince Mohammed bin Salman"
        k = s
        while k < e - 1 and (doc[k].lower_ in r["title_word_set"] or doc[k].lower_.rstrip(".") in r["honorific_set"]):
            k += 1
        if label == "PERSON":
            s = k
    if label == "ORG" and e < len(doc) and doc[e].lower_ in r["title_head_set"]:
        # "White House National Security [Adviser]": the tail is part of the title
        while e > s + 1 and doc[e - 1].lower_ in r["title_word_set"] | {"national", "security"}:
            e -= 1
    return s, e


# --- 3. labels -----------------------------------------------------------------

DURATION = re.compile(r"^(?:\d[\d,.]*|[a-z]+)\s?-\s?(?:%s)s?(?:\s?-\s?(?:long|old))?$")


def _relabel(doc: Doc, ents: list[Span], article) -> list[Span]:
    r = rules()
    duration = re.compile(DURATION.pattern % "|".join(r["duration_units"]), re.I)
    persons = [e for e in ents if e.label_ == "PERSON"]
    full_names = {e.text.lower() for e in persons}
    surnames = {e[-1].lower_ for e in persons if len(e) > 1}
    # whole last words, hyphenated ones included ("Kilroy-Silk")
    last_words = {e.text.split()[-1].lower() for e in persons if len(e.text.split()) > 1}
    # compound surnames: "Al Mnajer" of "Mohammad Al Mnajer"
    tails = {" ".join(e.text.split()[-k:]).lower() for e in persons for k in range(2, len(e.text.split()))}
    authors = {a.lower() for a in (getattr(article, "authors", None) or [])}
    gazetteer = _gazetteer_spans(doc)
    out = []
    for ent in ents:
        label, text, low = ent.label_, ent.text, ent.text.lower()
        if label in ("DATE", "TIME"):
            first = low.split("-")[0].strip()
            if duration.match(low) and (first[:1].isdigit() or first in NUMBER_WORDS):
                label = "QUANTITY"
            out.append(Span(doc, ent.start, ent.end, label=label))
            continue
        if label not in NAME_LABELS:
            out.append(ent)
            continue
        if all(t.pos_ in ("ADP", "SCONJ", "ADV", "VERB", "AUX", "PRON", "DET", "CCONJ", "PUNCT")
               and not t.is_upper for t in ent) and not (len(ent) == 1 and low in surnames):
            continue  # "Notwithstanding"; not a named person's odd surname ("Brind'Amour")
        if not any(t.is_title or t.is_upper or t.text[:1].isupper() for t in ent):
            continue  # "the international affairs committee of": no name in it
        if _not_a_name(doc, ent):
            continue  # "Notwithstanding, ...", "in the Kingdom", a lone "Central"
        if low in r["country_alias"] and label in ("ORG", "NORP", "PERSON", "LOC"):
            label = "GPE"
        elif low in r["demonyms"] and low not in r["country_alias"] and label in ("GPE", "NORP", "ORG", "LOC"):
            label = "NORP"
        elif (ent.start, ent.end) in gazetteer and (label != "GPE" or low in r["country_alias"]):
            pass  # the gazetteer has the last word (on a town, a person named so in the article wins)
        elif label in ("GPE", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC") and (
                _aged(doc, ent) or _who_follows(doc, ent)):
            label = "PERSON"  # "Nino Niederreiter, 26, scored", "Wilson, who has lived ...": only people
        elif label != "PERSON" and low not in r["country_alias"] and (
                low in full_names or low in authors
                or (len(ent) == 1 and low in surnames)
                or (len(low.split()) == 1 and low in last_words)
                or (len(low.split()) >= 2 and low in tails)
                or (label == "ORG" and 2 <= len(ent) <= 3 and ent[0].lower_ in r["given_name_set"]
                    and all(t.is_title for t in ent))
                or (label == "ORG" and len(ent) == 2 and all(t.is_title for t in ent)
                    and ent.start > 0 and doc[ent.start - 1].lower_ == "by")
                or (label in ("ORG", "GPE", "NORP", "FAC", "PRODUCT") and _has_role_apposition(ent))
                or (label == "ORG" and _taken_up_by_he_or_she(doc, ent, persons, r))
                or _after_honorific(doc, ent)):
            label = "PERSON"
        elif label in ("FAC", "PRODUCT", "PERSON", "WORK_OF_ART") and len(ent) > 1 and \
                any(t.lower_ in r["org_keyword_set"] for t in ent):
            label = "ORG"
        if label == "PERSON" and len(ent) >= 3 and ent[-1].lower_ in surnames:
            head = ent[:-1]
            if head[-1].lower_ in surnames and len(head[-1]) > 2 and not head[-1].text.endswith("."):
                out.append(Span(doc, head.start, head.end, label="PERSON"))
                out.append(Span(doc, ent.end - 1, ent.end, label="PERSON"))
                continue
        start = ent.start
        if label == "PERSON" and ent.label_ != "PERSON" and start > 0 and doc[start - 1].is_title \
                and not doc[start - 1].ent_type_ and _unlabelled_name_part(doc[start - 1], doc[start]):
            start -= 1   # "Andrius Tursa" where the model had ORG "Tursa"
        out.append(Span(doc, start, ent.end, label=label))
    return _split_conjoined(doc, out, surnames | full_names)


def _taken_up_by_he_or_she(doc: Doc, ent: Span, persons: list[Span], r: dict) -> bool:
    """'Chrystel Ferland spoke at the rally. ... "...," she said': a body is
    "it" or "they", never "he" or "she". A two- or three-word title-case
    "ORG" (or a surname the model took alone, its given name left out)
    without an organisation word or a country's name, subject of its sentence, whose
    next subject pronoun within two sentences is "he" or "she", with no
    person named between, is a person the model took for a body."""
    given_left_out = len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].is_title \
        and doc[ent.start - 1].pos_ == "PROPN" and not doc[ent.start - 1].ent_type_
    if not (2 <= len(ent) <= 3 or given_left_out) or not all(t.is_title and t.is_alpha for t in ent) \
            or any(t.lower_ in r["org_keyword_set"] or t.lower_ in r["org_name_heads"]
                   or t.lower_ in r["country_alias"] for t in ent) \
            or ent.root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    sentence = ent.sent
    end = sentence.end
    for _ in range(2):
        if end < len(doc):
            end = doc[end].sent.end
    for t in doc[ent.end:end]:
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" or any(p.start == t.i for p in persons):
            return False
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("it", "they"):
            return False
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("he", "she"):
            return True
    return False


def _who_follows(doc: Doc, ent: Span) -> bool:
    """A capitalised name of one to three words followed by ", who": a person
    (organisations and places take "which")."""
    return len(ent) <= 3 and all(t.is_title for t in ent) and ent.end + 1 < len(doc) \
        and doc[ent.end].text == "," and doc[ent.end + 1].lower_ == "who"


AGE_APPOSITION = re.compile(r",\s*(?:aged\s+)?\d{1,2},")


def _aged(doc: Doc, ent: Span) -> bool:
    """A title-case name of two words or more followed by an age in commas."""
    return len(ent) >= 2 and all(t.is_title for t in ent) \
        and AGE_APPOSITION.match(doc_index.text(doc), ent.end_char) is not None


def _not_a_name(doc: Doc, ent: Span) -> bool:
    """Spans the model takes for names that are not: a sentence-opening
    adverbial word before a comma ("Notwithstanding, Russia ..."), a generic
    noun standing alone ("the Kingdom", "the Republic"), a lone compass or
    region adjective ("Central" in "Central and Eastern Europe" cut in two)."""
    r = rules()
    if len(ent) != 1:
        return False
    tok = ent[0]
    low = tok.lower_
    if low in r["groups"]:
        return False
    if tok.is_sent_start and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "," and not tok.is_upper \
            and tok.dep_ in ("advcl", "advmod", "intj", "prep", "mark", "cc", "npadvmod") \
            and low not in r["country_alias"] and (ent.start, ent.end) not in _gazetteer_spans(doc) \
            and _entity_texts(doc)[tok.text] < 2:   # no other entity reads the same
        return True
    if low in r["generic_name_nouns"]:
        return True
    if low in r["title_word_set"] and low not in r["org_country"] and not tok.is_upper:
        return True   # "National" cut from "National Security Advisor"
    if low in r["region_adjectives"] and ent.label_ in ("ORG", "GPE", "LOC", "NORP"):
        return True
    return False


def _has_role_apposition(ent: Span) -> bool:
    """"Tursa, a ... consultant at Teneo": a name in apposition with a person's
    role noun is a person's name."""
    r = rules()
    if len(ent) > 3 or not all(t.is_title for t in ent):
        return False
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end and child.pos_ == "NOUN" and \
                child.lower_ in r["person_role_set"]:
            return True
    return False


def _after_honorific(doc: Doc, ent: Span) -> bool:
    """'Mr Cable', 'Ms Sturgeon', 'Dr Williams': a name right after a personal
    honorific is a person's, whatever label the model gave it."""
    r = rules()
    if len(ent) > 6 or ent.label_ not in ("ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"):
        return False
    personal = {h.rstrip(".") for k in ("male", "female", "any") for h in r["honorifics"][k]}
    name = list(ent)
    before = ent.start - 1
    while before >= 1 and ent.start - before <= 2 and _unlabelled_name_part(doc[before], doc[before + 1]):
        before -= 1                                  # a given name the model left out
    if before >= 1 and doc[before].text == ".":
        before -= 1                                  # "Coun. Ana Bailao", the stop split off
    if name[0].lower_.rstrip(".") in personal:          # "Mr Balls" as one ORG span
        name = name[1:]
    elif before < 0 or doc[before].lower_.rstrip(".") not in personal:
        return False
    words = [t for t in name if t.text not in ("-", "'", "’")]
    return 1 <= len(words) <= 3 and all(
        t.is_title and t.lower_ not in r["title_word_set"] and t.lower_ not in r["org_keyword_set"]
        for t in words)


def _gazetteer_spans(doc: Doc) -> set[tuple[int, int]]:
    return gazetteer.spans(doc)


def _entity_texts(doc: Doc) -> Counter:
    """How many entities read each text."""
    return doc_index.memo(doc, "entity_texts", lambda: Counter(e.text for e in doc_index.ents(doc)),
                          entity_bound=True)


def _split_conjoined(doc: Doc, ents: list[Span], names: set[str]) -> list[Span]:
    """"Rubio and Waltz" as one span: two PERSON spans when both sides are known names."""
    out = []
    for ent in ents:
        conj = [t.i for t in ent if t.pos_ == "CCONJ"]
        if ent.label_ in NAME_LABELS and len(conj) == 1:
            left, right = doc[ent.start:conj[0]], doc[conj[0] + 1:ent.end]
            if left.text.lower() in names and right.text.lower() in names:
                out += [Span(doc, left.start, left.end, label="PERSON"),
                        Span(doc, right.start, right.end, label="PERSON")]
                continue
        out.append(ent)
    return out
