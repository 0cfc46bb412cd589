"""Statements (newstables.link.statements): quotes of one speaker that say
the same thing in several articles, verbatim, paraphrased or translated."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from newstables.extract import quote_terms
from newstables.link import link, rules, sentence_model, statements
from newstables.link.cache import LinkCache
from newstables.link.quote_vectors import QuoteVectors

PAIRS = yaml.safe_load((Path(__file__).parent / "data" / "statement_pairs.yml").read_text(encoding="utf-8"))
FIRST_PAIRS = [p for p in PAIRS if not p.get("hard") and not p.get("added")]
ADDED_PAIRS = [p for p in PAIRS if p.get("added")]
HARD_PAIRS = [p for p in PAIRS if p.get("hard")]


@pytest.fixture(scope="module")
def make_quote(nlp):
    def make(text, article_id, speaker_id=1, speaker_text="Ms Example", kind="indirect"):
        row = {"text": text, "start": 0, "end": len(text), "article_id": article_id, "speaker_id": speaker_id,
               "speaker_text": speaker_text, "kind": kind}
        quote_terms.extract(nlp(text), None, SimpleNamespace(quotes=[row]))
        return row
    return make


def articles(*ids, published="2024-05-02", story_id=1, **dates):
    out = {i: {"id": i, "published": published, "publisher": f"Outlet {i}", "story_id": story_id} for i in ids}
    for i, day in dates.items():
        out[i]["published"] = day
    return out


def grouped(quotes, arts, actors=(), vectors=None):
    return statements.group_statements(quotes, arts, list(actors), rules(), vectors)


@pytest.fixture(scope="module")
def vectors(tmp_path_factory):
    """The sentence model, with a link cache of its own."""
    cache = LinkCache(tmp_path_factory.mktemp("links"))
    yield QuoteVectors(cache)
    cache.close()


def precision_recall(make_quote, pairs, vectors=None):
    """Every pair, each pair its own speaker in two articles: how many of the
    pairs grouped are the same statement, and how many of those are grouped."""
    quotes = []
    for n, pair in enumerate(pairs):
        quotes += [make_quote(pair["a"], "x", speaker_id=n), make_quote(pair["b"], "y", speaker_id=n)]
    groups = {tuple(g) for g in grouped(quotes, articles("x", "y"), vectors=vectors)}
    found = [(2 * n, 2 * n + 1) in groups for n in range(len(pairs))]
    same = [p["same"] for p in pairs]
    true_positives = sum(f and s for f, s in zip(found, same))
    return true_positives / max(1, sum(found)), true_positives / sum(same)


def test_written_pairs_are_told_apart_by_words_alone(make_quote):
    """Without the sentence model (not installed), the rule by words."""
    precision, recall = precision_recall(make_quote, FIRST_PAIRS)
    assert precision >= 0.75 and recall >= 0.7, (precision, recall)   # measured: 0.78, 0.72


def test_the_sentence_model_finds_more_written_paraphrases_at_the_same_precision(make_quote, vectors):
    words = precision_recall(make_quote, FIRST_PAIRS)
    with_model = precision_recall(make_quote, FIRST_PAIRS, vectors)
    assert with_model[0] >= 0.82 and with_model[1] >= 0.82, with_model   # measured: 0.84, 0.84 (0.80, 0.80 before
    # the rules on restricting phrases, contrasts and framing verbs)
    assert with_model[1] > words[1] and with_model[0] >= words[0]


def test_pairs_written_for_negation_and_framing_verbs(make_quote, vectors):
    """Restricting phrases, contrasts and framing verbs (quote_terms); these
    pairs also hold other statements sharing a key noun phrase, which the
    words take for one (measured: P 0.50, R 0.60; before these rules P 0.29,
    R 0.20)."""
    precision, recall = precision_recall(make_quote, ADDED_PAIRS, vectors)
    assert precision >= 0.5 and recall >= 0.6, (precision, recall)


def test_hard_written_pairs_are_beyond_the_rule(make_quote, vectors):
    """The harder pairs (rewordings sharing no word; other statements sharing
    almost every word) say where the rule stops: it finds none of those
    rewordings, and of the other statements it keeps apart those the
    polarity and belief checks see (measured: 9 of 20)."""
    quotes = []
    for n, pair in enumerate(HARD_PAIRS):
        quotes += [make_quote(pair["a"], "x", speaker_id=n), make_quote(pair["b"], "y", speaker_id=n)]
    groups = {tuple(g) for g in grouped(quotes, articles("x", "y"), vectors=vectors)}
    kept_apart = sum((2 * n, 2 * n + 1) not in groups for n, p in enumerate(HARD_PAIRS) if not p["same"])
    assert kept_apart >= 8


def test_a_rewording_that_shares_few_words_is_found_by_the_model(make_quote, vectors):
    quotes = [make_quote("Interest rates will stay where they are until inflation falls.", "a", kind="direct"),
              make_quote("rates would remain unchanged until inflation came down", "b")]
    assert grouped(quotes, articles("a", "b")) == []
    assert grouped(quotes, articles("a", "b"), vectors=vectors) == [[0, 1]]


def test_the_model_trusts_a_rewording_only_within_two_days(make_quote, vectors):
    quotes = [make_quote("Interest rates will stay where they are until inflation falls.", "a", kind="direct"),
              make_quote("rates would remain unchanged until inflation came down", "b")]
    assert grouped(quotes, articles("a", "b", b="2024-05-04"), vectors=vectors) == [[0, 1]]
    assert grouped(quotes, articles("a", "b", b="2024-05-05"), vectors=vectors) == []


def test_the_model_links_no_undated_reports(make_quote, vectors):
    """Without dates nothing says the two reports are of one occasion."""
    quotes = [make_quote("Interest rates will stay where they are until inflation falls.", "a", kind="direct"),
              make_quote("rates would remain unchanged until inflation came down", "b")]
    assert grouped(quotes, articles("a", "b", published=None), vectors=vectors) == []


def test_a_belief_about_someone_else_is_not_the_speakers_own_aim(make_quote, vectors):
    """'he thinks the rebels want to end the fighting' shares every content
    word with 'he wants to end the fighting', and the model finds them close."""
    quotes = [make_quote("he thinks the rebels want to end the fighting", "a"),
              make_quote("he wants to end the fighting soon", "b")]
    assert quotes[0]["claims"] == [["think", "self", None], ["want", "other", "think"]]
    assert quotes[1]["claims"] == [["want", "self", None]]
    assert grouped(quotes, articles("a", "b"), vectors=vectors) == []
    same_aim = [make_quote("he thinks the rebels want to end the fighting", "a"),
                make_quote("he believes the rebels want the fighting to end", "b")]
    assert grouped(same_aim, articles("a", "b"), vectors=vectors) == [[0, 1]]


def test_vectors_are_computed_once_then_read_from_the_link_cache(tmp_path, make_quote):
    texts = ["the harbour will close for a month", "The port is to shut for four weeks."]
    first = QuoteVectors(LinkCache(tmp_path))
    computed = first.vectors(texts)
    first.cache.close()
    again = QuoteVectors(LinkCache(tmp_path))
    read = again.vectors(texts + texts[:1])
    again.cache.close()
    assert (first.embedded, first.from_cache, again.embedded, again.from_cache) == (2, 0, 0, 2)
    assert all((computed[t] == read[t]).all() for t in texts)


def test_paraphrase_by_one_speaker_in_two_outlets_is_one_statement(make_quote):
    quotes = [make_quote("We need to study it carefully.", "a", kind="direct"),
              make_quote("the proposal must be studied carefully", "b"),
              make_quote("the harvest was the best in ten years", "b")]
    assert grouped(quotes, articles("a", "b")) == [[0, 1]]


def test_negation_makes_another_statement(make_quote, vectors):
    quotes = [make_quote("the club will appeal against the ban", "a"),
              make_quote("the club will not appeal against the ban", "b")]
    assert grouped(quotes, articles("a", "b")) == []
    assert grouped(quotes, articles("a", "b"), vectors=vectors) == []


@pytest.mark.parametrize("text, negated", [
    ("The truce is nothing more than a chance for the militia to rearm.", False),
    ("the pause was no more than a breather", False),
    ("We want a permanent agreement, not a temporary fix.", False),
    ("on our terms, not theirs", False),
    ("This is not surrender, but realism.", False),
    ("We did not sign the deal, but we will keep talking.", True),
    ("there is nothing to discuss", True),
    ("the club will not appeal against the ban", True),
])
def test_a_negative_word_that_restricts_or_contrasts_does_not_negate(make_quote, text, negated):
    assert make_quote(text, "a")["negated"] is negated


def test_a_restricting_phrase_does_not_split_one_statement(make_quote):
    quotes = [make_quote("The truce is nothing more than a chance for the militia to rearm.", "a", kind="direct"),
              make_quote("the truce was just a chance for the militia to rearm", "b")]
    assert grouped(quotes, articles("a", "b")) == [[0, 1]]


def test_a_verb_framing_the_quote_is_not_its_content(make_quote):
    """'thought' tells how the speaker holds the content: two reports of one
    statement need not share it, and two statements must not match on it."""
    quote = make_quote("he thought the harbour would reopen in June", "a")
    assert "think" not in quote["terms"] and {"harbour", "reopen", "june"} <= set(quote["terms"])
    assert "want" in make_quote("we want the harbour to reopen", "a")["terms"]


def test_other_speakers_and_one_article_are_never_grouped(make_quote):
    same_words = "the bridge will reopen to traffic on Monday"
    quotes = [make_quote(same_words, "a", speaker_id=1), make_quote(same_words, "b", speaker_id=2),
              make_quote(same_words, "c", speaker_id=3), make_quote(same_words, "c", speaker_id=3)]
    assert grouped(quotes, articles("a", "b", "c")) == []


def test_reports_more_than_a_week_apart_are_two_statements(make_quote):
    quotes = [make_quote("the bridge will reopen to traffic on Monday", "a"),
              make_quote("the bridge would reopen to traffic on Monday", "b")]
    assert grouped(quotes, articles("a", "b", b="2024-05-20")) == []
    assert grouped(quotes, articles("a", "b", b="2024-05-06")) == [[0, 1]]


def test_unnamed_sources_group_by_description_and_pronouns_never(make_quote):
    words = "the talks will resume in Geneva next week"
    quotes = [make_quote(words, "a", speaker_id=None, speaker_text="A senior official"),
              make_quote(words, "b", speaker_id=None, speaker_text="the senior official"),
              make_quote(words, "c", speaker_id=None, speaker_text="a junior official"),
              make_quote(words, "a", speaker_id=None, speaker_text="he"),
              make_quote(words, "b", speaker_id=None, speaker_text="He")]
    assert grouped(quotes, articles("a", "b", "c")) == [[0, 1]]


def test_a_spokesperson_speaks_for_the_organization_their_title_names(make_quote):
    actors = [{"id": 1, "name": "Harbour Board", "type": "organization", "title": None},
              {"id": 2, "name": "Ann Pilot", "type": "person", "title": "Harbour Board spokeswoman"},
              {"id": 3, "name": "Bob Keeper", "type": "person", "title": "Harbour Board chairman"}]
    quotes = [make_quote("the terminal will close for eighteen months", "a", speaker_id=1),
              make_quote("The terminal will close for 18 months.", "b", speaker_id=2, kind="direct"),
              make_quote("the terminal will close for eighteen months", "c", speaker_id=3)]
    groups = grouped(quotes, articles("a", "b", "c"), actors)
    assert groups == [[0, 1]]
    arts = articles("a", "b", "c")
    rows = statements.statement_rows(quotes, groups, arts, {a["id"]: a["type"] for a in actors})
    assert rows == [{"id": 1, "speaker_id": 2, "speaker_text": None, "text": "The terminal will close for 18 months.",
                     "first_article_id": "a", "first_published": "2024-05-02", "quote_count": 2,
                     "article_count": 2, "outlet_count": 2}]
    assert [q.get("statement_id") for q in quotes] == [1, 1, None]


def test_a_capital_speaks_for_its_country(make_quote):
    """'Nairobi said' and 'Kenya said': one speaker; a city that is no
    capital (Mombasa) stays itself, and so does a capital whose country is
    not an actor of the corpus (Lima)."""
    actors = [{"id": 1, "name": "Nairobi", "type": "place"}, {"id": 2, "name": "Kenya", "type": "country"},
              {"id": 3, "name": "Mombasa", "type": "place"}, {"id": 4, "name": "Lima", "type": "place"}]
    words = "it was ready to reopen the border crossing on Friday"
    quotes = [make_quote(words, "a", speaker_id=1), make_quote(words, "b", speaker_id=2),
              make_quote(words, "c", speaker_id=3), make_quote(words, "d", speaker_id=4)]
    assert grouped(quotes, articles("a", "b", "c", "d"), actors) == [[0, 1]]


# The sentence model itself (newstables.link.sentence_model).

def test_the_numpy_model_gives_the_published_similarities():
    """sentence-transformers' README shows these cosines for
    all-MiniLM-L6-v2 run by PyTorch: 0.6660, 0.1046 and 0.1411."""
    vectors = sentence_model.load().embed(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]).astype("float32")
    similarities = vectors @ vectors.T
    assert similarities[0, 1] == pytest.approx(0.6660, abs=0.002)
    assert similarities[0, 2] == pytest.approx(0.1046, abs=0.002)
    assert similarities[1, 2] == pytest.approx(0.1411, abs=0.002)


def test_a_vector_does_not_depend_on_the_texts_embedded_with_it():
    model = sentence_model.load()
    alone = model.embed(["We need to study it."])
    together = model.embed(["The strike goes ahead.", "We need to study it.", "We must study this proposal now."])
    assert (alone[0] == together[1]).all()


def test_without_the_model_package_words_decide_and_build_info_says_so(monkeypatch, make_quote):
    def not_installed():
        raise sentence_model.ModelNotInstalled("the sentence-similarity model is not installed (test)")
    monkeypatch.setattr(sentence_model, "model_dir", not_installed)
    quotes = [make_quote("the bridge will reopen to traffic on Monday", "a"),
              make_quote("the bridge would reopen to traffic on Monday", "b")]
    tables = {"articles": list(articles("a", "b").values()), "quotes": quotes, "actors": []}
    for article in tables["articles"]:
        article["body"] = article["title"] = ""
    info = {}
    link(tables, cache_dir=None, info=info)
    assert [q["statement_id"] for q in quotes] == [1, 1]
    assert info["statement_similarity"].startswith("content-lemma overlap >= 0.48 only: "
                                                   "the sentence-similarity model is not installed")


def test_model_files_that_are_not_the_model_stop_with_the_file_named(monkeypatch, tmp_path):
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    monkeypatch.setattr(sentence_model, "model_dir", lambda: tmp_path)
    sentence_model.load.cache_clear()
    try:
        with pytest.raises(sentence_model.ModelFilesWrong, match=r"model\.safetensors: SHA-256 .* is not the one of"):
            sentence_model.load()
    finally:
        sentence_model.load.cache_clear()
