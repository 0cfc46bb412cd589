"""What a quote says, as words to compare: the content lemmas of every quote,
whether it is negated, and the claims it makes (who does what).

The cross-article stage (newstables.link.statements) groups quotes that
report one statement in other words ("we need to study it" / "it must be
studied carefully"). Lemmas and the parse need the tagger and parser, and the
Doc is only at hand here, so they are taken now and travel with the quote
row (and the extraction cache) instead of parsing every quote a second time.
Content words are those that carry meaning: not stop words, punctuation,
pronouns, auxiliaries, determiners, prepositions or particles, nor a verb
that frames a clause of the quote ("he thought [he would talk to her]", "I
stated [that ...]"): it says how the speaker holds the content, and two
reports of one statement frame it differently or not at all. A quote is
negated when the parser marks a negation or a negative word ("no", "never",
"nothing") stands in it: "will appeal" and "will not appeal" are two
statements. A negative word that opens a phrase restricting or stressing
what follows ("nothing more than a pause", "not only", schema/quote_terms.yml)
negates nothing: "nothing more than a breather" is "just a breather"; nor
does the "not" of a contrast ("a lasting settlement, not a short truce",
"on our terms, not theirs", "not boasting but understanding"): the claim
itself is affirmed.

Claims: for each clause at the top of the quote (and the clauses reported
under its verbs, "he thinks [Putin wants to end the war]"), the verb's lemma,
whose claim it is and the verb it is reported under: [lemma, subject, under].
The subject is "self" for the speaker (I, we; he or she outside direct
speech, where they stand for the speaker), "other" for a noun or name, and
None for other pronouns or none. The statement rule uses them to tell "he
thinks Putin wants to end the war" (a belief about someone else) from "he
wants to end the war" (his own aim), which share every content word.
"""
from __future__ import annotations

from functools import lru_cache

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..corpus import Article
from ..settings import SCHEMA_DIR

FUNCTION_POS = frozenset({"AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "SYM", "X"})
NEGATIVE_WORDS = frozenset({"not", "n't", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
THIRD_PERSON = frozenset({"he", "she"})
SUBJECTS = ("nsubj", "nsubjpass")
CONTRAST_PUNCT = frozenset({",", "–", "—", "-", ";"})
CONTRASTED_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADP"})   # "not" on these contrasts, not negates


@lru_cache(maxsize=1)
def rules() -> dict:
    return yaml.safe_load((SCHEMA_DIR / "quote_terms.yml").read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=4)
def _restrictive_matcher(vocab: Vocab) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("restrictive", [Doc(vocab, words=phrase.split())
                                for phrase in rules().get("restrictive_phrases", [])])
    return matcher


def extract(doc: Doc, article: Article, result) -> None:
    restricting = {start for _, start, _ in _restrictive_matcher(doc.vocab)(doc)} if result.quotes else set()
    for quote in result.quotes:
        span = doc.char_span(quote["start"], quote["end"], alignment_mode="expand")
        tokens = list(span) if span is not None else []
        inside = {t.i for t in tokens}
        quote["terms"] = sorted({t.lemma_.lower() for t in tokens
                                 if not t.is_stop and t.pos_ not in FUNCTION_POS and any(c.isalnum() for c in t.text)
                                 and not _frames_a_clause(t, inside)})
        quote["negated"] = any(_negates(t) and t.i not in restricting for t in tokens)
        quote["claims"] = claims(tokens, quote.get("kind"))


def _frames_a_clause(token: Token, inside: set[int]) -> bool:
    """A verb whose finite clausal complement is in the quote: "thought" in
    "he thought [he would talk to her]", not "want" in "we want [the harbour
    to reopen]" (an aim, not a frame)."""
    return token.pos_ == "VERB" and any(
        c.dep_ == "ccomp" and c.i in inside and not any(g.tag_ == "TO" for g in c.children) for c in token.children)


def _negates(token: Token) -> bool:
    """A negative word, unless it is a "not" of a contrast rather than a
    negated claim (_contrasts)."""
    if not (token.dep_ == "neg" or token.lower_ in NEGATIVE_WORDS):
        return False
    return not (token.lower_ == "not" and _contrasts(token))


def _contrasts(token: Token) -> bool:
    """ "not" setting one thing against another: hung on a noun or
    preposition ("peace, not a truce"), right after a comma or dash ("on our
    terms, not America's"), or "not X but Y" where Y has no subject of its
    own ("not boasting, but understanding"; not "we did not win, but we
    learned")."""
    if token.head.pos_ in CONTRASTED_POS:
        return True
    if token.i > 0 and token.doc[token.i - 1].text in CONTRAST_PUNCT:
        return True
    for word in (token.head, *token.head.children):
        if any(c.dep_ == "cc" and c.lower_ == "but" for c in word.children) and any(
                c.dep_ == "conj" and not any(g.dep_ in SUBJECTS for g in c.children) for c in word.children):
            return True
    return False


def claims(tokens: list[Token], kind: str | None) -> list[list]:
    """[lemma, subject, under] for each top clause of the quote and for each
    clause complement of those clauses' verbs (under: the lemma of that verb)."""
    inside = {t.i for t in tokens}
    found = []
    for root in (t for t in tokens if t.head.i not in inside or t.head.i == t.i):
        for verb in _coordinated(root):
            found.append([verb.lemma_.lower(), _subject(verb, kind), None])
            for complement in (c for c in verb.children if c.dep_ == "ccomp" and c.i in inside):
                found += [[v.lemma_.lower(), _subject(v, kind), verb.lemma_.lower()] for v in _coordinated(complement)]
    return found


def _coordinated(verb: Token) -> list[Token]:
    """A verb and the verbs coordinated with it ("studying ... and would await")."""
    return [verb] + [c for c in verb.subtree if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                     and _clause_head(c) is verb]


def _clause_head(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _subject(verb: Token, kind: str | None):
    head = verb
    while True:
        subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
        if subject is not None or head.dep_ != "conj" or head.head.i == head.i:
            break
        head = head.head                     # "he hoped ... and would talk": the subject of the first verb
    if subject is None:
        return None
    word = subject.lower_
    if word in FIRST_PERSON or (word in THIRD_PERSON and kind != "direct"):
        return "self"
    return "other" if subject.pos_ in ("NOUN", "PROPN") else None
