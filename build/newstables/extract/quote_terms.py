"""What a quote says, as words to compare: the content lemmas of every quote,
whether it is negated, and the claims it makes (who does what).

The cross-article stage (newstables.link.statements) groups quotes that
report one statement in other words ("we need to study it" / "it must be
studied carefully"). Lemmas and the parse need the tagger and parser, and the
Doc is only at hand here, so they are taken now and travel with the quote
row (and the extraction cache) instead of parsing every quote a second time.
Content words are those that carry meaning: not stop words, punctuation,
pronouns, auxiliaries, determiners, prepositions or particles. A quote is
negated when the parser marks a negation or a negative word ("no", "never",
"nothing") stands in it: "will appeal" and "will not appeal" are two
statements.

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

from spacy.tokens import Doc, Token

from ..corpus import Article

FUNCTION_POS = frozenset({"AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "SYM", "X"})
NEGATIVE_WORDS = frozenset({"not", "n't", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
THIRD_PERSON = frozenset({"he", "she"})
SUBJECTS = ("nsubj", "nsubjpass")


def extract(doc: Doc, article: Article, result) -> None:
    for quote in result.quotes:
        span = doc.char_span(quote["start"], quote["end"], alignment_mode="expand")
        tokens = list(span) if span is not None else []
        quote["terms"] = sorted({t.lemma_.lower() for t in tokens
                                 if not t.is_stop and t.pos_ not in FUNCTION_POS and any(c.isalnum() for c in t.text)})
        quote["negated"] = any(t.dep_ == "neg" or t.lower_ in NEGATIVE_WORDS for t in tokens)
        quote["claims"] = claims(tokens, quote.get("kind"))


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
