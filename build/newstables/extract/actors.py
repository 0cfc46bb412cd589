"""Actor mentions of one article, resolved within the article.

Mentions come from the (corrected) entities: PERSON -> person, ORG ->
organization, GPE -> country when the `countries` table knows it else place,
LOC/FAC -> place, NORP -> group only as a plural noun ("Ukrainians") or a
listed group ("the West"); demonym adjectives ("Russian forces") are not
mentions. Metonymy is kept as written ("the Kremlin" is an organization,
"Moscow" a place). A leading "the" is not part of the mention.

Within the article (in text order):
- a person's surname or short form joins the nearest earlier person whose
  surname is a spelling variant of it and whose first name is compatible
  (`resolve_actors.same_person`); failing that, the first later one;
- a country joins by its canonical name ("U.S." = "United States");
- organisations and places join by equal name, spelling variant word by word,
  or acronym ("United States Air Force" ... "USAF"); an organisation name
  with no exact match joins the only earlier longer name it begins
  ("Northrop Grumman" ... "Northrop"; not when the rest is a place: "Ford
  Australia") or that is it with a country in front ("U.S. Federal Reserve"
  ... "Federal Reserve");
- a lone word that is nobody's surname but the first name of exactly one
  person in the article is that person ("Steve Jobs" ... "Steve").

Titles and affiliations: premodifiers made of title words and ORG/GPE/NORP
names ("Kremlin spokesman Dmitry Peskov", "U.S. Secretary of State Marco
Rubio") and appositions headed by a title word ("Konstantin Kosachev,
chairman of ... the Federation Council"). A leading country or demonym goes
to `affiliation` (an organisation listed in `org_country` gives its country);
the rest is the title.

Extra keys (for later extractors such as quotes):
- local_actors[i]["title_words"]: sorted lower-case words of every title the
  article gives the actor, plus the demonym and name of its affiliation
  country ("president", "russian", "russia"), to resolve "the Russian
  president" to the actor;
- local_actors[i]["gender"]: "male"/"female" from an honorific (Mr., Mrs.)
  before a mention, else None;
- local_actors[i]["label"]: the spaCy label of its first mention;
- mentions[i]["label"]: the spaCy label of the mention;
- mentions[i]["nested"]: True on the extra country mention inside an
  organisation's name ("U.S." in "U.S. Air Force"); such a mention overlaps
  the organisation's own mention (absent otherwise).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..resolve_actors import (acronym_of, country_name, fold, name_prefix, name_words, same_person,
                              same_thing)
from .entities import rules


def _type(ent: Span) -> str | None:
    r = rules()
    label, low = ent.label_, fold(ent.text).removeprefix("the ")
    if low in r["groups"] and label in ("LOC", "NORP", "ORG", "GPE"):
        return "group"
    if label == "PERSON":
        return "person"
    if label == "ORG":
        return "country" if country_name(ent.text) else "organization"
    if label == "GPE":
        return "country" if country_name(ent.text) else "place"
    if label in ("LOC", "FAC"):
        return "place"
    if label == "NORP":
        root = ent.root
        if root.tag_ in ("NNPS", "NNS") and root.dep_ not in ("amod", "compound"):
            return "group"
    return None


def _strip(ent: Span) -> Span:
    """The mention without a leading "the" or honorific and trailing possessive."""
    r = rules()
    s, e = ent.start, ent.end
    doc = ent.doc
    while s < e - 1 and (doc[s].lower_ == "the" or doc[s].lower_ in r["honorific_set"]):
        s += 1
    while e > s + 1 and (doc[e - 1].tag_ == "POS" or doc[e - 1].text in r["possessives"]):
        e -= 1
    return doc[s:e]


def extract(doc: Doc, article, result) -> None:
    actors: list[dict] = []       # local actors being built
    pending_single = []           # (mention index) of person short forms with no earlier full name
    for ent in doc.ents:
        type_ = _type(ent)
        if type_ is None:
            continue
        span = _strip(ent)
        text = span.text
        if not text.strip() or not any(c.isalpha() for c in text):
            continue
        mention = {"text": text, "start": span.start_char, "end": span.end_char,
                   "actor": None, "label": ent.label_}
        if type_ == "person":
            la = _match_person(actors, text)
            if la is None and len(name_words(text)) <= 1:
                pending_single.append(len(result.mentions))
            elif la is None:
                la = _new(actors, text, type_, ent.label_, span.start_char)
            elif len(name_words(text)) > len(name_words(la["name"])):
                la["name"] = text
        else:
            la = _match_other(actors, text, type_)
            if la is None:
                la = _new(actors, text, type_, ent.label_, span.start_char)
        if la is not None:
            mention["actor"] = la["key"]
        result.mentions.append(mention)
        _describe(la, span, mention)
        if type_ == "organization":
            _nested_country(actors, span, result)
    # surnames seen before (or without) their full name
    for i in pending_single:
        m = result.mentions[i]
        la = _match_person(actors, m["text"], after=m["start"])
        if la is None:
            la = _new(actors, m["text"], "person", m["label"], m["start"])
        m["actor"] = la["key"]
        _describe(la, result.mentions[i]["_span"], m)
    for m in result.mentions:
        m.pop("_span", None)
    for la in actors:
        la["title_words"] = sorted(la.pop("_words"))
        la.pop("_titles")
        la.pop("_affils")
        la.pop("_first")
    result.local_actors.extend(actors)


def _new(actors, text, type_, label, first):
    name = country_name(text) if type_ == "country" else text
    la = {"key": len(actors), "name": name, "type": type_, "title": None, "affiliation": None,
          "wikidata": None, "gender": None, "label": label,
          "_titles": [], "_affils": [], "_words": set(), "_first": first}
    actors.append(la)
    return la


def _match_person(actors, text, after=None):
    """The nearest earlier person this name can be; for a surname met before
    its full name (`after` = its offset), the first later one. A lone word that
    is no one's surname may be the first name of exactly one person ("Steve")."""
    candidates = [la for la in actors if la["type"] == "person" and same_person(text, la["name"])]
    if not candidates and len(name_words(text)) == 1:
        firsts = [la for la in actors if la["type"] == "person" and len(name_words(la["name"])) > 1
                  and fold(name_words(la["name"])[0]) == fold(text)]
        candidates = firsts if len(firsts) == 1 else []
    if not candidates:
        return None
    if after is not None:
        later = [la for la in candidates if la["_first"] > after]
        return later[0] if later else candidates[-1]
    return candidates[-1]


def _nested_country(actors, span: Span, result) -> None:
    """"U.S. Air Force", "US Embassy": the country the name starts with is
    mentioned too (an extra, overlapping mention marked nested=True)."""
    for n in (2, 1):
        if len(span) > n and country_name(span[:n].text) and span[n].is_title:
            head = span[:n]
            la = _match_other(actors, head.text, "country") or \
                _new(actors, head.text, "country", "GPE", head.start_char)
            mention = {"text": head.text, "start": head.start_char, "end": head.end_char,
                       "actor": la["key"], "label": "GPE", "nested": True, "_span": head}
            result.mentions.append(mention)
            return


def _match_other(actors, text, type_):
    exact = [la for la in actors if la["type"] == type_ and fold(la["name"]) == fold(text)]
    if exact:
        return exact[0]
    if type_ == "organization":
        # "Northrop" after "Northrop Grumman", "Federal Reserve" after "U.S. Federal
        # Reserve": the one longer name it begins, or ends after a country
        longer = [la for la in actors if la["type"] == type_ and
                  (name_prefix(text, la["name"]) or _country_prefixed(la["name"], text))]
        if len(longer) == 1:
            return longer[0]
    for la in actors:
        if la["type"] != type_:
            continue
        if type_ == "country":
            if la["name"] == country_name(text):
                return la
        elif fold(la["name"]) == fold(text) or same_thing(la["name"], text) or \
                acronym_of(text, la["name"]) or acronym_of(la["name"], text):
            return la
    return None


def _country_prefixed(long: str, short: str) -> bool:
    words = long.split()
    return any(country_name(" ".join(words[:n])) and fold(" ".join(words[n:])) == fold(short)
               for n in (1, 2, 3) if len(words) > n)


# --- titles and affiliations -------------------------------------------------------

def _describe(la, span: Span, mention: dict) -> None:
    """Collect a title/affiliation stated next to this mention."""
    mention["_span"] = span
    if la is None:
        return
    r = rules()
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and la["gender"] is None:
        low = before.lower_
        if low in r["honorifics"]["male"]:
            la["gender"] = "male"
        elif low in r["honorifics"]["female"]:
            la["gender"] = "female"
    if la["type"] != "person":
        return
    for phrase in (_premodifier(span), _apposition(span)):
        if phrase is not None:
            _add_title(la, phrase)


def _premodifier(span: Span) -> Span | None:
    r = rules()
    doc = span.doc
    j = span.start
    while j > 0:
        t = doc[j - 1]
        if t.lower_ in r["title_word_set"] or t.lower_.rstrip(".") in r["honorific_set"]:
            j -= 1
        elif t.ent_type_ in ("ORG", "GPE", "NORP") and t.ent_iob_ in ("B", "I"):
            j = _ent_start(t)
        elif t.tag_ == "POS" and j - 2 >= 0 and doc[j - 2].ent_type_:
            j -= 1
        else:
            break
    # "the prime minister and Mr Brown": a title before "and" with no title
    # word after it belongs to someone else
    ands = [k for k in range(j, span.start) if doc[k].lower_ in ("and", "&")]
    if ands and not any(doc[k].lower_ in r["title_head_set"] for k in range(ands[-1] + 1, span.start)):
        j = ands[-1] + 1
    while j < span.start and (doc[j].lower_ in ("of", "and", "the", "-", "&", "for") or doc[j].tag_ == "POS"):
        j += 1
    phrase = doc[j:span.start]
    if not any(t.lower_ in r["title_head_set"] for t in phrase):
        return None
    return phrase


def _ent_start(token) -> int:
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.start
    return token.i


def _apposition(span: Span) -> Span | None:
    r = rules()
    doc = span.doc
    for child in span.root.children:
        if child.dep_ != "appos" or child.i < span.end:
            continue
        sub = list(child.subtree)
        s, e = sub[0].i, sub[-1].i + 1
        while s < e and doc[s].pos_ in ("DET", "PUNCT"):
            s += 1
        while e > s and doc[e - 1].pos_ == "PUNCT":
            e -= 1
        phrase = doc[s:e]
        if 0 < len(phrase) <= 16 and any(t.lower_ in r["title_head_set"] for t in phrase):
            return phrase
    return None


def _add_title(la, phrase: Span) -> None:
    r = rules()
    doc = phrase.doc
    s, e = phrase.start, phrase.end
    affiliation = None
    # a leading country / demonym is the affiliation
    first = doc[s]
    if first.ent_type_ in ("GPE", "NORP"):
        ent_end = s
        while ent_end < e and doc[ent_end].ent_type_ == first.ent_type_ and (
                ent_end == s or doc[ent_end].ent_iob_ == "I"):
            ent_end += 1
        name = doc[s:ent_end].text
        affiliation = country_name(name) or r["demonyms"].get(fold(name)) or name
        s = ent_end
        while s < e and (doc[s].tag_ == "POS"):
            s += 1
    title = doc[s:e].text.strip() if e > s else None
    if affiliation is None:
        inside = [ent for ent in doc.ents if ent.start >= phrase.start and ent.end <= phrase.end]
        for label in ("ORG", "GPE", "NORP"):
            ent = next((x for x in inside if x.label_ == label), None)
            if ent is not None:
                low = fold(ent.text).removeprefix("the ")
                affiliation = (r["org_country"].get(low) or country_name(ent.text)
                               or r["demonyms"].get(low) or ent.text.removeprefix("the "))
                break
    if title and any(w.lower() in r["title_head_set"] for w in title.split()):
        la["_titles"].append(title)
        if la["title"] is None:
            la["title"] = title
        la["_words"].update(w.lower() for w in title.replace("-", " ").split()
                            if w.lower() not in ("of", "the", "and", "for", "a", "an"))
    if affiliation:
        la["_affils"].append(affiliation)
        if la["affiliation"] is None:
            la["affiliation"] = affiliation
        la["_words"].add(affiliation.lower())
        for demonym, country in r["demonyms"].items():
            if country == affiliation:
                la["_words"].add(demonym)
