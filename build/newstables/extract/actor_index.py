"""An article's local actors, filed under keys, so that matching a new mention
looks at the few actors it could join instead of all of them.

`actors.py` decides whether a mention is an actor it has already met with
its own rules (`same_person`, `same_thing`, `acronym_of`, `name_prefix`, a
country's canonical name, ...). Those rules are unchanged and still decide;
`LocalActors.similar(text, type)` only hands them the candidates: every
actor that shares a key with the text, in the order the actors were met.
A key is a necessary condition of one of the rules, so no actor a rule
would accept is left out:

- persons: the skeleton of the surname (spelling variants share it), the
  first name, the last two or more words (compound surnames);
- others: the folded name; of the first significant word (`org_words`)
  its form without a plural s, its skeleton, and (7 letters or more) its
  first letter and length (one changed letter, `same_thing`); the sorted
  content words (names reordered around "of"); the first letter of its
  initials and of an acronym (`acronym_of`, strict or loose); the name
  after a country in front ("U.S. Federal Reserve" files under "federal
  reserve"); the country's canonical name; the last word of a name of two
  or more words (a one-word short form that ends it: "the Commission");
- a gazetteer entry's key, for an actor that is that entry.

tests/test_actors.py checks on a list of names that every pair a rule
accepts shares a key; a new matching rule needs a key here too.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..resolve_actors import country_name, fold, name_words, org_words, person_parts, skeleton, word_bag

_ACRONYM_SKIP = ("of", "and", "the", "for", "&")


def initials(name: str) -> str:
    """The capitals opening the words of a name, as `acronym_of` reads them."""
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", name) if w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isupper()).upper()


def acronym_letters(name: str) -> str | None:
    """The letters of a name written as an acronym ("U.S.A.F." -> "USAF"), else None."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return letters.upper() if 2 <= len(letters) <= 6 and name.replace(".", "").isupper() else None


def person_keys(name: str) -> set[tuple]:
    """Where a person is filed."""
    keys = set()
    _first, surname = person_parts(name)
    if surname:
        keys.add(("surname", skeleton(surname)))
    words = [fold(w) for w in name_words(name)]
    if len(words) > 1:
        keys.add(("first", words[0]))
    keys.update(("tail", tuple(words[-k:])) for k in range(2, len(words)))
    return keys


def person_lookups(text: str) -> set[tuple]:
    """The keys a mention of a person looks under: its surname's skeleton, the
    whole text as someone's first name, its words as someone's last words."""
    keys = {("first", fold(text))}
    _first, surname = person_parts(text)
    if surname:
        keys.add(("surname", skeleton(surname)))
    keys.add(("tail", tuple(fold(w) for w in name_words(text))))
    return keys


def _first_word_keys(type_: str, word: str, lengths) -> set[tuple]:
    keys = {("plural", type_, word.rstrip("s")), ("skeleton", type_, skeleton(word))}
    keys.update(("letter", type_, word[:1], n) for n in lengths if n >= 7)
    return keys


def other_keys(name: str, type_: str) -> set[tuple]:
    """Where an organisation, place, group or country is filed."""
    keys = {("fold", type_, fold(name)), ("country", type_, name)}
    words = org_words(name)
    if words:
        keys |= _first_word_keys(type_, words[0], (len(words[0]),))
    keys.add(("bag", type_, word_bag(name)))
    keys.add(("initials", type_, initials(name)[:1]))
    acronym = acronym_letters(name)
    if acronym:
        keys.add(("acronym", type_, acronym[0]))
    raw = name.split()
    for n in (1, 2, 3):   # "U.S. Federal Reserve": also under "federal reserve"
        if len(raw) > n and country_name(" ".join(raw[:n])):
            keys.add(("after country", type_, fold(" ".join(raw[n:]))))
    folded = fold(name).split()
    if len(folded) > 1:   # "European Commission": also under "commission"
        keys.add(("last word", type_, folded[-1]))
    return keys


def other_lookups(text: str, type_: str) -> set[tuple]:
    """The keys a mention of an organisation, place, group or country looks under."""
    keys = {("fold", type_, fold(text)), ("country", type_, country_name(text)),
            ("after country", type_, fold(text)), ("acronym", type_, initials(text)[:1])}
    words = org_words(text)
    if words:
        n = len(words[0])
        keys |= _first_word_keys(type_, words[0], (n - 1, n, n + 1))
    keys.add(("bag", type_, word_bag(text)))
    acronym = acronym_letters(text)
    if acronym:
        keys.add(("initials", type_, acronym[0]))
    tail = fold(text).removeprefix("the ").split()
    if len(tail) == 1:
        keys.add(("last word", type_, tail[0]))
    return keys


class LocalActors(list):
    """The article's local actors in the order met (an actor's key is its
    place in the list), filed under the keys above."""

    def __init__(self):
        super().__init__()
        self._filed: dict[tuple, list[int]] = defaultdict(list)
        self._seen: set[tuple] = set()

    def append(self, actor: dict) -> None:
        super().append(actor)
        self._file(actor)

    def rename(self, actor: dict, name: str) -> None:
        """A fuller name for an actor: filed under its new keys too (the old
        ones stay; candidates are checked by the rules anyway)."""
        actor["name"] = name
        self._file(actor)

    def claim(self, actor: dict, entry: dict) -> None:
        """An actor found to be a gazetteer entry: its established name and id."""
        actor.update(name=entry["name"], wikidata=entry.get("wikidata"), gazetteer=entry["key"],
                     kind=list(entry.get("kind") or []))
        self._file(actor)

    def add_short_form(self, actor: dict, word: str) -> None:
        """`word` was given in brackets after the actor's name ("(Segas)")."""
        actor.setdefault("_short", set()).add(word)
        self._put(("short form", word), actor)

    def of_short_form(self, word: str) -> dict | None:
        """The first actor given `word` as its bracketed short form, if any."""
        return self._first(("short form", word))

    def of_entry(self, key: str) -> dict | None:
        """The first actor that is the gazetteer entry `key`, if any."""
        return self._first(("gazetteer", key))

    def _file(self, actor: dict) -> None:
        name, type_ = actor["name"], actor["type"]
        keys = person_keys(name) if type_ == "person" else other_keys(name, type_)
        if actor.get("gazetteer") is not None:
            keys.add(("gazetteer", actor["gazetteer"]))
        for key in keys:
            self._put(key, actor)

    def _put(self, key: tuple, actor: dict) -> None:
        if (key, actor["key"]) not in self._seen:
            self._seen.add((key, actor["key"]))
            self._filed[key].append(actor["key"])

    def _first(self, key: tuple) -> dict | None:
        """The actor met first of those filed under `key` (filing order may differ)."""
        found = self._filed.get(key)
        return self[min(found)] if found else None

    def similar(self, text: str, type_: str) -> list[dict]:
        """The actors of this type that a rule might match with `text`, in the order met."""
        keys = person_lookups(text) if type_ == "person" else other_lookups(text, type_)
        found = set()
        for key in keys:
            found.update(self._filed.get(key, ()))
        return [self[k] for k in sorted(found) if self[k]["type"] == type_]
