"""Actor mentions of one article, resolved within the article.

Mentions come from the (corrected) entities: PERSON -> person, ORG ->
organization, GPE -> country when the `countries` table knows it else place,
LOC/FAC -> place (a PERSON after a capitalised "A" mid-sentence is a
work's title: none), NORP -> group only as a plural noun ("Ukrainians") or a
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
  ("Northrop Grumman" ... "Northrop", "NBC News" ... "NBC"; not when the
  rest is a place: "Ford Australia") or that is it with a country in front
  ("U.S. Federal Reserve" ... "Federal Reserve"); an acronym may take the
  first letters of each word ("SIA" ... "Singapore Airlines");
- a name of the gazetteers (gazetteer.py: bodies, countries, places) is
  the entry's actor under its established name ("Labour", "the Labour
  Party", "Labour party" are one actor, the Labour Party), with its Wikidata
  id, `kind` words and, for a body, its country as affiliation;
- one word in brackets right after an organisation's name is its short
  form ("the Greek Athletics Federation (Segas)");
- a capitalised organisation word ("the Commission", "the Committee") that
  ends exactly one longer organisation name of the article is that one;
- a lone word that is nobody's surname but the first name of exactly one
  person in the article is that person ("Steve Jobs" ... "Steve"); read as
  a person's but the first word of exactly one organisation's name, that
  organisation ("Multiplex Group" ... "Multiplex reported");
- two or more words, the first no given name, that end exactly one longer
  person name are its compound surname ("Fouzia Al Hashish" ... "Al Hashish").

Titles and affiliations (persons), as the article states them:
- premodifiers made of title words, role nouns, lower-case modifiers of them,
  ORG/GPE/NORP names and a possessive ("Kremlin spokesman Dmitry Peskov",
  "Senior market strategist Tim Ash", "Germany's outgoing Chancellor Olaf
  Scholz", "Russian philosopher Alexander Dugin");
- appositions after the name headed by a title word ("Konstantin Kosachev,
  chairman of ... the Federation Council") and before it ("Vladimir
  Zelensky's chief of staff, Andrey Yermak");
- a country, demonym, capital ("Moscow political analyst") or party
  adjective ("Tory leader") before the role word goes to `affiliation`, not
  the title ("former US President" -> "former President", United States);
  portfolios ("Home Secretary") stay in the title;
- "at"/"with" + a named organisation gives the affiliation and ends the
  title ("senior fellow at the Center for ..."); a trailing ", ORG" likewise;
  the title ends in its role noun, not in an adjective or an honorific;
- relation nouns ("Russian counterpart") give no title;
- a role owned by a person ("Trump's special envoy") records
  `patron`; resolve_actors gives the patron's affiliation;
- authors and persons in credits ("Editing by ...") work for the publisher.
The article's most frequent title wins (the fuller one on a tie); `titles`
keeps them all. Organisations get the country `org_country` ties them to
(an ambiguous name such as "Treasury" only when the article names one of its
countries most) or one in front of them; places a country in apposition
("Jeddah, Saudi Arabia") or a possessive one ("Ukraine's Donetsk").

Extra keys (for later extractors such as quotes):
- local_actors[i]["title_words"]: sorted lower-case words of every title the
  article gives the actor, plus the demonym and name of its affiliation
  country ("president", "russian", "russia") and the role an abbreviated
  title stands for ("Sen." -> "senator"), to resolve "the Russian
  president" or "the senator" to the actor;
- local_actors[i]["gender"]: "male"/"female" from an honorific (Mr., Mrs.)
  before a mention, else None;
- local_actors[i]["label"]: the spaCy label of its first mention;
- local_actors[i]["short_forms"]: the words the article put in brackets
  after the organisation's name ("Segas"), present only then; its later
  mentions so written are the organisation's, whatever the model labels
  them, and the name so given is the canonical one;
- mentions[i]["label"]: the spaCy label of the mention;
- mentions[i]["nested"]: True on the extra country mention inside an
  organisation's name ("U.S." in "U.S. Air Force"); such a mention overlaps
  the organisation's own mention (absent otherwise).
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span

from ..resolve_actors import (acronym_of, country_name, fold, name_prefix, name_words, org_words,
                              same_person, same_thing)
from . import doc_index, gazetteer
from .actor_index import LocalActors
from .entities import _gazetteer_spans, rules


def _type(ent: Span, surnames: frozenset = frozenset()) -> str | None:
    r = rules()
    entry = gazetteer.entry_of(ent.doc, ent.start, ent.end)
    if entry is not None:
        return entry["type"]
    label, low = ent.label_, fold(ent.text).removeprefix("the ")
    if low in r["groups"] and label in ("LOC", "NORP", "ORG", "GPE"):
        return "group"
    if label == "PERSON":
        before = ent.doc[ent.start - 1] if ent.start else None
        if before is not None and before.text in ("A", "An") and not before.is_sent_start:
            return None                        # a title mid-sentence ("the film, A Different Story,")
        # the parser's slips: a party's short name ("Labour", "Lib Dems") or
        # a country taken for a person's name
        if (low in r["party_adjectives"] or (low.endswith("s") and low[:-1] in r["party_adjectives"])) \
                and low not in surnames:       # not "Tory" after "John Tory"
            return "organization"
        if country_name(ent.text):
            return "country"
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
    actors = LocalActors()        # local actors being built
    pending_single = []           # (mention index) of person short forms with no earlier full name
    surnames = frozenset(e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1)
    body = doc_index.text(doc)    # (doc.text builds the whole text anew on every access)
    for ent in doc.ents:
        type_ = _type(ent, surnames)
        if type_ is None:
            continue
        span = _strip(ent)
        text = span.text
        if not text.strip() or not any(c.isalpha() for c in text):
            continue
        mention = {"text": text, "start": span.start_char, "end": span.end_char,
                   "actor": None, "label": ent.label_}
        la = _also_known_as(actors, result.mentions, body, span, type_)
        if la is not None:
            pass
        elif type_ == "person":
            # a short form given in brackets after an organisation's name, read
            # as a person by the small model ("Segas said")
            la = actors.of_short_form(text) or _match_person(actors, text)
            if la is None and len(name_words(text)) <= 1:
                pending_single.append(len(result.mentions))
            elif la is None:
                la = _new(actors, text, type_, ent.label_, span.start_char)
            elif len(name_words(text)) > len(name_words(la["name"])):
                actors.rename(la, text)
        else:
            entry = gazetteer.entry_of(doc, ent.start, ent.end)
            la = _match_entry(actors, entry, text) if entry is not None else \
                actors.of_short_form(text) or _match_other(actors, text, type_)
            if la is None and entry is None:
                la = _bracketed_short_form(actors, result.mentions, body, span, type_)
            if la is None:
                la = _new(actors, text, type_, ent.label_, span.start_char, entry)
        if la is not None:
            mention["actor"] = la["key"]
            short = BRACKETED.match(body, span.end_char)
            if short and la["type"] == "organization":
                actors.add_short_form(la, short.group(1))
        result.mentions.append(mention)
        _describe(la, span, mention, article)
        if type_ == "organization":
            _nested_country(actors, span, result)
    # surnames seen before (or without) their full name
    for i in pending_single:
        m = result.mentions[i]
        la = _match_person(actors, m["text"], after=m["start"]) or _organization_begun(actors, m["text"])
        if la is None:
            la = _new(actors, m["text"], "person", m["label"], m["start"])
        m["actor"] = la["key"]
        _describe(la, result.mentions[i]["_span"], m, article)
    _staff_affiliation(actors, result.mentions, doc, article)
    for m in result.mentions:
        m.pop("_span", None)
    for la in actors:
        if la["_titles"]:
            # the title the article gives most often, the fuller one on a tie
            counts = Counter(la["_titles"])
            la["title"] = max(counts, key=lambda t: (counts[t], len(t.split()), -la["_titles"].index(t)))
        la["titles"] = list(la["_titles"])
        la["title_words"] = sorted(la.pop("_words"))
        la.pop("_titles")
        la.pop("_affils")
        la.pop("_first")
        if la.get("_short"):
            la["short_forms"] = sorted(la["_short"])    # the name it was given with is established
        la.pop("_short", None)
    result.local_actors.extend(actors)


def _new(actors, text, type_, label, first, entry=None):
    name = country_name(text) if type_ == "country" else text
    la = {"key": len(actors), "name": name, "type": type_, "title": None, "affiliation": None,
          "wikidata": None, "gender": None, "label": label,
          "patron": None, "_titles": [], "_affils": [], "_words": set(), "_first": first}
    if entry is not None:
        # a known body, country or place: its established name and id, what
        # it is ("regulator", "union"), and the country it belongs to
        la.update(name=entry["name"], wikidata=entry.get("wikidata"), gazetteer=entry["key"],
                  kind=list(entry.get("kind") or []))
        if type_ == "organization" and entry.get("country"):
            la["affiliation"] = entry["country"]
    actors.append(la)
    return la


def _bracketed_short_form(actors, mentions, text, span: Span, type_):
    """'the Greek Athletics Federation (Segas)', 'Music Managers' Forum
    (MMF)': one word in brackets right after an organisation's name is its
    short form."""
    if type_ != "organization" or len(span) != 1 or not mentions:
        return None
    prev = mentions[-1]
    if text[prev["end"]:span.start_char] not in (" (", "(") or text[span.end_char:span.end_char + 1] != ")":
        return None
    la = actors[prev["actor"]] if prev.get("actor") is not None else None
    return la if la is not None and la["type"] == "organization" else None


# "JK, also known as Jason King", "Sean Combs (aka P Diddy)"
KNOWN_AS = re.compile(r",?\s+\(?(?:also\s+|better\s+|otherwise\s+)?(?:known\s+as|aka|a\.k\.a\.)\s+")


def _also_known_as(actors, mentions, text, span: Span, type_):
    """A name right after another and "also known as" / "aka" is that
    actor's other name; a person's name makes an actor read as an
    organisation ("JK", a DJ) a person, under the fuller name."""
    if not mentions or mentions[-1].get("actor") is None:
        return None
    prev = mentions[-1]
    if not KNOWN_AS.fullmatch(text[prev["end"]:span.start_char]):
        return None
    la = actors[prev["actor"]]
    if type_ == "person" and la["type"] in ("person", "organization"):
        if la["type"] == "organization" and la.get("gazetteer"):
            return None                   # a known body is no person
        la["type"] = "person"
        fuller = len(name_words(span.text)) > len(name_words(la["name"]))
        actors.rename(la, span.text if fuller else la["name"])   # filed as a person now
        return la
    return la if la["type"] == type_ else None


# "the Greek Athletics Federation (Segas)": one capitalised word in brackets
BRACKETED = re.compile(r" ?\(([A-Z][A-Za-z]{1,11})\)")


def _match_entry(actors, entry, text):
    """The local actor of the same gazetteer entry, else one written the same
    way that no entry claims ("Labour" before "the Labour Party" was found)."""
    same = actors.of_entry(entry["key"])
    if same is not None:
        return same
    for la in actors.similar(text, entry["type"]) + actors.similar(entry["name"], entry["type"]):
        if not la.get("gazetteer") and fold(la["name"]) in (fold(text), fold(entry["name"])):
            actors.claim(la, entry)
            return la
    return None


def _match_person(actors, text, after=None):
    """The nearest earlier person this name can be; for a surname met before
    its full name (`after` = its offset), the first later one. A lone word that
    is no one's surname may be the first name of exactly one person ("Steve")."""
    actors = actors.similar(text, "person")   # all those the rules below may take
    candidates = [la for la in actors if la["type"] == "person" and same_person(text, la["name"])]
    if not candidates:
        candidates = _compound_surname_of(actors, text)
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


def _compound_surname_of(actors, text) -> list:
    """"Al Hashish" after "Fouzia Al Hashish", "Paz Akin" after "Lorena Paz
    Akin": two or more words, the first no given name, that end exactly one
    longer person name of the article are that person's compound surname."""
    words = [fold(w) for w in name_words(text)]
    if len(words) < 2 or words[0] in rules()["given_name_set"]:
        return []
    fits = [la for la in actors if la["type"] == "person"
            and len(name_words(la["name"])) > len(words)
            and [fold(w) for w in name_words(la["name"])[-len(words):]] == words]
    return fits if len(fits) == 1 else []


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
    actors = actors.similar(text, type_)   # all those the rules below may take
    exact = [la for la in actors if la["type"] == type_ and fold(la["name"]) == fold(text)]
    if exact:
        return exact[0]
    if type_ == "organization":
        # "the Commission" after "the European Commission": a capitalised
        # short form that ends exactly one longer organisation name
        tail = [la for la in actors if la["type"] == type_ and _ends_name(la["name"], text)]
        if len(tail) == 1:
            return tail[0]
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
                acronym_of(text, la["name"], loose=True) or acronym_of(la["name"], text, loose=True):
            return la
    return None


def _organization_begun(actors, word: str):
    """'Multiplex Group' ... 'Multiplex reported': a lone name read as a
    person's, that is no person's name in the article but begins exactly one
    organisation's name there, is that organisation."""
    words = org_words(word)
    longer = [la for la in actors if la["type"] == "organization" and words
              and (name_prefix(word, la["name"]) or org_words(la["name"]) == words)]
    return longer[0] if len(longer) == 1 else None


def _ends_name(long: str, short: str) -> bool:
    """'Commission' ends 'European Commission' (one word at least before it;
    the short form is a single capitalised word and not a generic one)."""
    words, tail = fold(long).split(), fold(short).removeprefix("the ").split()
    return len(tail) == 1 and len(words) > 1 and words[-1] == tail[0] and short[:1].isupper() \
        and tail[0] in rules()["org_keyword_set"]


def _country_prefixed(long: str, short: str) -> bool:
    words = long.split()
    return any(country_name(" ".join(words[:n])) and fold(" ".join(words[n:])) == fold(short)
               for n in (1, 2, 3) if len(words) > n)


# --- titles and affiliations -------------------------------------------------------

def _describe(la, span: Span, mention: dict, article=None) -> None:
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
    if la["type"] in ("organization", "place"):
        if la["affiliation"] is None:
            la["affiliation"] = _own_affiliation(la, span)
        return
    if la["type"] != "person":
        return
    for phrase in (_premodifier(span), _apposition(span), _preceding_apposition(span)):
        if phrase is not None:
            _add_title(la, phrase, span)


# --- organisations and places ----------------------------------------------------

def org_country(name: str, doc: Doc | None = None, leading: bool = True) -> str | None:
    """The country an organisation's name ties it to: a country or demonym in
    front ("US Treasury", "Russian Foreign Ministry"), else `org_country`; a
    name listed with several countries ("Treasury") takes the one of them the
    article names most, if one does."""
    r = rules()
    words = fold(name).removeprefix("the ").split()
    for n in (3, 2, 1):
        if leading and len(words) > n:
            head = " ".join(words[:n])
            c = country_name(head) or r["demonyms"].get(head)
            if c:
                return c
    value = r["org_country"].get(" ".join(words))
    if value is None or isinstance(value, str):
        return value
    if doc is None:
        return None
    named = _countries_named(doc)
    counts = {c: named[c] for c in value}
    best = sorted(counts.items(), key=lambda kv: -kv[1])
    if best and best[0][1] > 0 and (len(best) == 1 or best[0][1] > best[1][1]):
        return best[0][0]
    return None


def _countries_named(doc: Doc) -> Counter:
    """How often the article's entities name each country (as a country or a demonym)."""
    def count():
        r = rules()
        return Counter(country_name(ent.text) or (r["demonyms"].get(fold(ent.text)) if ent.label_ == "NORP" else None)
                       for ent in doc_index.ents(doc))
    return doc_index.memo(doc, "countries_named", count, entity_bound=True)


def _own_affiliation(la, span: Span) -> str | None:
    """The country of an organisation or place: "Russia's Federation Council",
    "Jeddah, Saudi Arabia", "US Embassy", "the Kremlin"."""
    doc = span.doc
    r = rules()
    if la["type"] == "organization":
        c = org_country(span.text, doc)
        if c and fold(c) != fold(span.text).removeprefix("the "):
            return c
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.lower_ in r["title_word_set"] or nxt.is_lower and nxt.pos_ == "NOUN"):
        return None   # a name used as a modifier: "Britain's Europe minister"
    if fold(span.text) in r["regions"]:
        return None
    # "Russia's X", "Ukraine's X" (a town, not "Britain's Guantanamo Bay")
    if span.start >= 2 and doc[span.start - 1].tag_ == "POS" and (la["type"] == "organization" or span.root.ent_type_ == "GPE"):
        prev = doc[span.start - 2]
        if prev.ent_type_ in ("GPE", "ORG"):
            c = country_name(doc[_ent_start(prev):span.start - 1].text)
            if c:
                return c
    if la["type"] == "organization":
        return None
    # "Jeddah, Saudi Arabia": a country in apposition right after the place
    if span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].ent_type_ == "GPE":
        k = span.end + 1
        e = k + 1
        while e < len(doc) and doc[e].ent_iob_ == "I":
            e += 1
        c = country_name(doc[k:e].text)
        nxt = doc[e].lower_ if e < len(doc) else "."
        if c and nxt not in ("and", "or", "&") and not country_name(span.text):
            return c
    return None


# --- persons ----------------------------------------------------------------------

def _staff_affiliation(actors, mentions, doc: Doc, article) -> None:
    """An article's authors, and persons named in its credits ("Reporting by
    ...; Editing by ..."), work for its publisher."""
    publisher = getattr(article, "publisher", None) if article is not None else None
    if not publisher:
        return
    r = rules()
    authors = {fold(a) for a in (getattr(article, "authors", None) or [])}
    for m in mentions:
        la = actors[m["actor"]] if m.get("actor") is not None else None
        if la is None or la["type"] != "person" or la["affiliation"]:
            continue
        line_start = max(doc_index.last_before(doc, "\n", m["start"]),
                         doc_index.last_before(doc, "(", m["start"])) + 1
        before = fold(doc_index.text(doc)[line_start:m["start"]])
        if fold(m["text"]) in authors or fold(la["name"]) in authors or \
                any(p in before for p in r["credit_phrases"]):
            la["affiliation"] = publisher


def _premodifier(span: Span) -> Span | None:
    """Words before the name that state a role: title words, lower-case
    modifiers of them ("Senior market strategist"), names of countries and
    organisations ("Kremlin spokesman"), a possessive ("Germany's outgoing
    Chancellor", "Trump's special envoy")."""
    r = rules()
    doc = span.doc
    j = span.start
    while j > 0:
        t = doc[j - 1]
        if t.lower_ in r["title_word_set"] or t.lower_.rstrip(".") in r["honorific_set"]:
            j -= 1
        elif t.ent_type_ in ("ORG", "GPE", "NORP") and t.ent_iob_ in ("B", "I"):
            j = _ent_start(t)
        elif t.tag_ == "POS" and j - 2 >= 0 and doc[j - 2].ent_type_ and j < span.start:
            j -= 1
        elif t.is_lower and t.is_alpha and t.pos_ in ("ADJ", "NOUN") and \
                t.dep_ in ("amod", "compound", "nmod") and t.i < t.head.i < span.end:
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
    if not len(phrase):
        return None
    last = phrase[-1]
    if not any(t.lower_ in r["title_head_set"] for t in phrase) and not (
            last.pos_ == "NOUN" and last.is_lower and last.dep_ == "compound" and span.start <= last.head.i < span.end):
        return None
    if last.is_lower and last.pos_ not in ("NOUN", "PROPN") and last.lower_ not in r["title_head_set"]:
        return None
    return phrase


def _ent_start(token) -> int:
    ent = doc_index.ent_containing(token.doc, token.i)
    return ent.start if ent is not None else token.i


def _apposition(span: Span) -> Span | None:
    """"Konstantin Kosachev, chairman of ...": a role after the name."""
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


def _preceding_apposition(span: Span) -> Span | None:
    """"Vladimir Zelensky's chief of staff, Andrey Yermak", "special envoy to
    the President, Steve Witkoff": a role just before the name and a comma,
    when the parser made the name its apposition or the role is someone's
    ("X's envoy ..., NAME")."""
    r = rules()
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return None
    k = span.start - 2
    j = k + 1
    while j > 0:
        t = doc[j - 1]
        if t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") or t.is_sent_start and t.pos_ == "ADP":
            break
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "PART", "NUM", "CCONJ") and t.tag_ != "POS":
            break
        j -= 1
        if t.is_sent_start:
            break
    while j <= k and doc[j].pos_ in ("ADP", "DET", "CCONJ"):
        j += 1
    phrase = doc[j:k + 1]
    if not (0 < len(phrase) <= 12) or not any(t.lower_ in r["title_head_set"] for t in phrase):
        return None
    if phrase[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    appos = span.root.dep_ == "appos" and j <= span.root.head.i <= k
    owned = any(t.tag_ == "POS" for t in phrase[:4])
    if not (appos or owned):
        return None
    # the role must not itself be a named person ("Putin, Trump and ...")
    if any(t.ent_type_ == "PERSON" for t in phrase) and not owned:
        return None
    return phrase


def _add_title(la, phrase: Span, name: Span | None = None) -> None:
    r = rules()
    doc = phrase.doc
    s, e = phrase.start, phrase.end
    affiliation = None
    # "Trump's special envoy", "Germany's outgoing Chancellor": the possessor
    pos = next((t.i for t in phrase if t.tag_ == "POS" or t.text in r["possessives"]), None)
    if pos is not None and pos > s and pos - s <= 4:
        owner = doc[s:pos]
        while len(owner) > 1 and owner[0].lower_ in ("the", "a", "an", "his", "her", "its", "their"):
            owner = doc[owner.start + 1:pos]
        c = _country_of(owner.text)
        if not any(t.text[:1].isupper() for t in owner):
            pass   # "the party's Treasury spokesman": no named owner
        elif c:
            affiliation = c
        elif any(t.ent_type_ == "PERSON" or t.ent_type_ == "ORG" and not org_country(owner.text, doc)
                 for t in owner) and all(t.is_title for t in owner):
            if any(t.ent_type_ == "PERSON" for t in owner) or _is_person_name(owner):
                la["patron"] = owner.text
            else:
                affiliation = owner.text
        else:
            affiliation = org_country(owner.text, doc) or owner.text
        s = pos + 1
    # a leading country / demonym / capital is the affiliation
    first = doc[s] if s < e else None
    if first is not None and first.ent_type_ in ("GPE", "NORP"):
        ent_end = s
        while ent_end < e and doc[ent_end].ent_type_ == first.ent_type_ and (
                ent_end == s or doc[ent_end].ent_iob_ == "I"):
            ent_end += 1
        name_ = doc[s:ent_end].text
        known = _country_of(name_) or _party_of(name_)
        if known:
            affiliation = affiliation or known
            s = ent_end
            while s < e and (doc[s].tag_ == "POS"):
                s += 1
    # "senior fellow at the Center for ...": the organisation after at/with
    for k in range(s + 1, e):
        if doc[k].lower_ in r["affiliation_preps"]:
            org = [x for x in doc_index.ents_starting(doc, k + 1, e) if x.label_ == "ORG"]
            if org:
                a = s_ = k + 1
                while a < e and doc[a].lower_ == "the":
                    a += 1
                affiliation = doc[a:e].text
            e = k
            break
    # "head of the agency ..., Rossotrudnichestvo": a trailing named organisation
    commas = [k for k in range(s, e) if doc[k].text == ","]
    if commas:
        tail = doc[commas[-1] + 1:e]
        if len(tail) and all(t.ent_type_ == "ORG" for t in tail):
            affiliation = affiliation or tail.text.removeprefix("the ")
        e = commas[0]
    # countries and demonyms before the role word are affiliation, not title
    # ("former US President" -> "former President", United States)
    heads = [k for k in range(s, e) if doc[k].lower_ in r["title_head_set"]]
    words = []
    for k in range(s, e):
        t = doc[k]
        if heads and k < heads[0] and t.ent_type_ in ("GPE", "NORP") and _country_of(t.text):
            affiliation = affiliation or _country_of(t.text)
            continue
        words.append(t)
    # "Sen. John McCain" is "the senator" (the abbreviation itself is no title)
    la["_words"].update(r["title_abbreviations"][t.lower_] for t in words if t.lower_ in r["title_abbreviations"])
    # the title ends in its role noun ("political analyst with the Moscow
    # pro-Kremlin"), not in an honorific ("Attorney General Lord")
    while words and (words[-1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT", "PART") or
                     words[-1].is_lower and words[-1].pos_ == "ADJ" or
                     words[-1].lower_ in r["honorific_set"] or words[-1].lower_.rstrip(".") in r["honorific_set"]):
        words.pop()
    title = "".join(t.text_with_ws for t in words).strip() if words else None
    if title and words[-1].lower_ in r["relation_nouns"]:
        title = None
    if affiliation is None and not la.get("patron"):
        # a name before the role word ("CIA director"), or an organisation
        # the role is "of" ("chairman of ... the Federation Council")
        first_head = heads[0] if heads else e
        inside = [ent for ent in doc_index.ents_within(doc, phrase.start, phrase.end) if (
            ent.end <= first_head or ent.label_ == "ORG" and any(doc[k].lower_ == "of" for k in range(first_head, ent.start)))]
        # not a portfolio the model took for a name ("Home Secretary")
        inside = [x for x in inside if not (all(t.lower_ in r["title_word_set"] for t in x)
                                            and not org_country(x.text, doc, leading=False))
                  and not (len(x) == 1 and x[0].is_sent_start and not x[0].is_upper
                           and not org_country(x.text, doc, leading=False)
                           and (x.start, x.end) not in _gazetteer_spans(doc))]
        for label in ("ORG", "GPE", "NORP"):
            ent = next((x for x in inside if x.label_ == label), None)
            if ent is not None:
                low = fold(ent.text).removeprefix("the ")
                affiliation = (org_country(ent.text, doc, leading=False) or country_name(ent.text)
                               or r["demonyms"].get(low) or _party_of(ent.text)
                               or (None if label != "ORG" else ent.text.removeprefix("the ")))
                if affiliation:
                    break
    if title and any(w.lower() in r["title_head_set"] for w in title.replace("-", " ").split()) or \
            title and words[-1].pos_ == "NOUN" and phrase.end == (name.start if name is not None else -1):
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


def _country_of(text: str) -> str | None:
    """A country, demonym or capital standing for a country."""
    r = rules()
    low = fold(text).removeprefix("the ")
    return country_name(text) or r["demonyms"].get(low) or r["capitals"].get(low)


def _party_of(text: str) -> str | None:
    return rules()["party_adjectives"].get(fold(text).removeprefix("the "))


def _is_person_name(span: Span) -> bool:
    r = rules()
    return span[0].lower_ in r["given_name_set"] or span[-1].lower_ in _person_last_words(span.doc)


def _person_last_words(doc: Doc) -> set[str]:
    return doc_index.memo(doc, "person_last_words",
                          lambda: {e[-1].lower_ for e in doc_index.ents(doc) if e.label_ == "PERSON"},
                          entity_bound=True)
