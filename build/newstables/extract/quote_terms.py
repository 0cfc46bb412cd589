"""What a quote says, as words to compare: the content lemmas of every quote
and whether it is negated.

The cross-article stage (newstables.link.statements) groups quotes that
report one statement in other words ("we need to study it" / "it must be
studied carefully"). Lemmas need the tagger, and the Doc is only at hand
here, so they are taken now and travel with the quote row (and the
extraction cache) instead of parsing every quote a second time. Content
words are those that carry meaning: not stop words, punctuation, pronouns,
auxiliaries, determiners, prepositions or particles. A quote is negated when
the parser marks a negation or a negative word ("no", "never", "nothing")
stands in it: "will appeal" and "will not appeal" are two statements.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..corpus import Article

FUNCTION_POS = frozenset({"AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "SYM", "X"})
NEGATIVE_WORDS = frozenset({"not", "n't", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without"})


def extract(doc: Doc, article: Article, result) -> None:
    for quote in result.quotes:
        span = doc.char_span(quote["start"], quote["end"], alignment_mode="expand")
        tokens = list(span) if span is not None else []
        quote["terms"] = sorted({t.lemma_.lower() for t in tokens
                                 if not t.is_stop and t.pos_ not in FUNCTION_POS and any(c.isalnum() for c in t.text)})
        quote["negated"] = any(t.dep_ == "neg" or t.lower_ in NEGATIVE_WORDS for t in tokens)
