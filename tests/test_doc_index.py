"""The per-document look-ups that keep extraction linear in the article's
length: each must give exactly what the scan it replaces gave."""
from __future__ import annotations

import itertools
import random
import re

import pytest
from spacy.tokens import Span

from newstables.extract import doc_index
from newstables.extract.actor_index import LocalActors, other_keys, other_lookups, person_keys, person_lookups
from newstables.extract.actors import _ends_name
from newstables.extract.doc_index import Intervals
from newstables.resolve_actors import acronym_of, country_name, fold, name_prefix, same_person, same_thing

TEXT = ("Maria Lindqvist-Berg, the harbour master of Tromso, said on Monday the ferry would sail.\n"
        "Lindqvist-Berg added that the Norwegian Coastal Administration agreed.\n\n"
        "Ms Lindqvist-Berg (who has run the port since 2011) said: \"Berg is my second name.\"\n"
        "The NCA and the Tromso Port Authority meet again in June; Lindqvist-Bergs is a shop.")


def test_text_and_entities_as_spacy_gives_them(nlp):
    doc = nlp(TEXT)
    assert doc_index.text(doc) == doc.text
    ents = list(doc.ents)
    assert list(doc_index.ents(doc)) == ents
    for lo, hi in itertools.combinations(range(0, len(doc) + 1, 3), 2):
        assert doc_index.ents_within(doc, lo, hi) == [e for e in ents if e.start >= lo and e.end <= hi]
        assert list(doc_index.ents_starting(doc, lo, hi)) == [e for e in ents if lo <= e.start < hi]
    for token in doc:
        assert doc_index.ent_containing(doc, token.i) == next(
            (e for e in ents if e.start <= token.i < e.end), None)


def test_changed_entities_are_seen_after_forget(nlp):
    doc = nlp(TEXT)
    assert doc_index.ents(doc) == tuple(doc.ents)
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    doc_index.forget_entities(doc)
    assert [e.text for e in doc_index.ents(doc)] == ["Maria Lindqvist"]


def test_extract_article_leaves_no_stale_entities(nlp, article):
    """The entities extractor rewrites doc.ents; what the extractors after it
    look up must be the new ones, even if the old ones were indexed first."""
    import dataclasses

    from newstables.extract import extract_article

    art = article("Norway's Fisheries Minister Kari Solheim's aide, Mr Dahl, said on Monday the "
                  "Coastal Administration chief Ola Berg had met US Commerce Secretary Tom Grant in Oslo. "
                  "Solheim said Berg and Grant agreed. Senior fellow at the Nansen Institute Eva Lund said "
                  "the Nansen Institute and Kystverket would report.")
    fresh = extract_article(nlp(art.body), art)
    doc = nlp(art.body)
    model_ents = doc_index.ents(doc)          # indexed before the entities are corrected
    stale = extract_article(doc, art)
    assert tuple(doc.ents) != model_ents      # the test means something: the entities changed
    assert doc_index.ents(doc) == tuple(doc.ents)
    assert dataclasses.asdict(stale) == dataclasses.asdict(fresh)


@pytest.mark.parametrize("phrase", ["Lindqvist-Berg", "Berg", "berg", "Lindqvist", "Tromso", "NCA",
                                    "Lindqvist-Bergs", "Maria Lindqvist-Berg", "June", "2011", "nobody"])
def test_whole_word_matches_are_finditer(nlp, phrase):
    doc = nlp(TEXT)
    expected = [(m.start(), m.end()) for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", TEXT)]
    assert doc_index.whole_word_matches(doc, phrase) == expected


def test_whole_word_matches_do_not_overlap(nlp):
    doc = nlp("ab-ab-ab and ab-ab")
    assert doc_index.whole_word_matches(doc, "ab-ab") == [(0, 5), (13, 18)]


def test_line_bounds_and_last_before(nlp):
    doc = nlp(TEXT)
    for char in range(len(TEXT) + 1):
        start = TEXT.rfind("\n", 0, char) + 1
        end = TEXT.find("\n", char)
        assert doc_index.line_bounds(doc, char) == (start, len(TEXT) if end < 0 else end)
        for mark in ("\n", "(", '"'):
            assert doc_index.last_before(doc, mark, char) == TEXT.rfind(mark, 0, char)


def test_intervals_answer_as_a_scan_does():
    rng = random.Random(7)
    ranges = []
    for _ in range(300):
        a = rng.randrange(0, 2000)
        ranges.append((a, a + rng.randrange(0, 60)))
    index = Intervals()
    for a, b in ranges:
        index.add(a, b)
    for x in range(0, 2100, 7):
        assert index.contains(x) == any(a <= x < b for a, b in ranges)
        assert sorted(r[:2] for r in index.containing(x)) == sorted(r for r in ranges if r[0] <= x < r[1])
        assert index.overlaps(x, x + 13) == any(a < x + 13 and x < b for a, b in ranges)


# --- local actors: the keys are complete -------------------------------------------

PERSONS = ["Maria Lindqvist", "Lindqvist", "M. Lindqvist", "Mr Lindkvist", "Marie Lindqvist", "Anna Holm",
           "Holm", "Ana Holm", "Jonas Al Hashim", "Al Hashim", "Jonas", "Olek Kharkivsky", "Kharkivskiy",
           "Olek Harkivskij", "Peter Dahl", "Petter Dahl", "Dahl", "Svein Aarseth-Olsen", "Aarseth-Olsen",
           "Dr Svein Aarseth", "Kim Van der Berg", "Van der Berg", "Berg"]
OTHERS = ["Norwegian Coastal Administration", "NCA", "Coastal Administration", "Tromso Port Authority",
          "Port Authority", "TPA", "Tromso Port Authorities", "Port Authority of Tromso", "Nordlys Shipping Group",
          "Nordlys Shipping", "Nordlys", "Nordlys Shiping Group", "Arctic Council", "Arctic Councils",
          "U.S. Coast Guard", "Coast Guard", "USCG", "United States Coast Guard", "Hurtigruten", "Hurtigruten Cruise",
          "Northern Fisheries Directorate", "NFD", "Fisheries Directorate of the North", "The Fjord Institute",
          "Fjord Institute", "FI", "Kystverket", "Kystverkets", "Norway", "Norge", "Kingdom of Norway",
          "Barents Sea Commission", "the Commission", "Commission", "Fjord Council", "the Council"]


def test_every_person_pair_a_rule_accepts_shares_a_key():
    for text, name in itertools.product(PERSONS, repeat=2):
        words = [fold(w) for w in name.split()]
        accepted = same_person(text, name) or (
            len(text.split()) == 1 and len(words) > 1 and words[0] == fold(text))
        if accepted:
            assert person_lookups(text) & person_keys(name), (text, name)


@pytest.mark.parametrize("type_", ["organization", "place", "country"])
def test_every_name_pair_a_rule_accepts_shares_a_key(type_):
    for text, name in itertools.product(OTHERS, repeat=2):
        accepted = (fold(name) == fold(text) or same_thing(name, text)
                    or acronym_of(text, name, loose=True) or acronym_of(name, text, loose=True)
                    or name_prefix(text, name) or name == country_name(text) or _ends_name(name, text))
        if accepted:
            assert other_lookups(text, type_) & other_keys(name, type_), (text, name)


def test_local_actors_offer_candidates_in_the_order_met():
    actors = LocalActors()
    for key, (name, type_) in enumerate([("Nordlys Shipping Group", "organization"), ("Anna Holm", "person"),
                                         ("Nordlys", "organization"), ("Arctic Council", "organization")]):
        actors.append({"key": key, "name": name, "type": type_})
    assert [a["key"] for a in actors.similar("Nordlys Shiping Group", "organization")] == [0, 2]
    assert [a["key"] for a in actors.similar("Holm", "person")] == [1]
    assert actors.similar("Holm", "organization") == []
    actors.rename(actors[1], "Anna Maria Holm")
    assert [a["key"] for a in actors.similar("Maria Holm", "person")] == [1]
    assert actors.of_entry("Q1") is None
    actors.claim(actors[3], {"key": "Q1", "name": "The Arctic Council", "wikidata": "Q1", "kind": ["forum"]})
    assert actors.of_entry("Q1") is actors[3] and actors[3]["name"] == "The Arctic Council"
