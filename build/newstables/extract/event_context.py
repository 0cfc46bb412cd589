"""What the article gives the event extractor: actors, dates, quotations."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from ..corpus import Article
from .event_parse import compact
from .event_vocab import triggers

PLACE_TYPES = {"place", "country"}
NAME_TYPES = {"person", "place", "country"}
SCORE_DASHES = ["-", "–", "—"]
PERSON_PRONOUNS = {"he", "she", "his", "her", "him"}
CONTAINER_NOUNS = {"city", "capital", "town", "region", "province", "village", "port", "republic",
                   "oblast", "area", "state", "kingdom"}
DELEGATE_NOUNS = {"representative", "official", "delegation", "negotiator", "envoy", "diplomat",
                  "delegate", "team", "force", "troop", "military", "army", "government",
                  "administration", "leader", "side", "minister", "president", "spokesman",
                  "spokesperson", "authority", "soldier"}
DATE_VALUE = re.compile(r"^(\d{4})(?:-(W\d{2}|Q\d|\d{2})(?:-(\d{2}))?)?")


def date_of(value: str | None) -> tuple[str | None, str | None]:
    """(ISO date, precision) of a TimeML value: day, month or year; a time of
    day counts as its day, a week as the month of its Thursday, a quarter as
    its year."""
    if not value:
        return None, None
    m = DATE_VALUE.match(value)
    if not m:
        return None, None
    year, mid, day = m.groups()
    if mid is None:
        if len(value) > 4 and value[4:5].isalnum():  # "201X", "19XX": decades are not event dates
            return None, None
        return year, "year"
    if mid.startswith("W"):
        # an event's date is a day, month or year: a week is the month its Thursday falls in
        thursday = date.fromisocalendar(int(year), int(mid[1:]), 4)
        return f"{thursday.year}-{thursday.month:02d}", "month"
    if mid.startswith("Q"):
        return year, "year"
    if day is None:
        return f"{year}-{mid}", "month"
    return f"{year}-{mid}-{day}", "day"


def dates_a_happening(text: str) -> bool:
    """Whether a date expression that could not be resolved (no publication
    date to count from) still dates something past or present: "on
    Tuesday", "last week", "in January" do; "next year", "for three days",
    "later this month" do not."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    rules = triggers()["unresolved_dates"]
    return bool(words & rules["dating"]) and not words & rules["future"]


class Context:
    def __init__(self, doc: Doc, article: Article, result):
        self.doc = doc
        self.article = article
        self.actor_type = {a["key"]: a.get("type") for a in result.local_actors}
        self.actor_name = {a["key"]: a.get("name") for a in result.local_actors}
        self.token_actor: dict[int, int] = {}
        for m in result.mentions:
            if m.get("actor") is None:
                continue
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.token_actor.setdefault(t.i, m["actor"])
        # index once: each token's sentence, each sentence's dates, the quoted stretches
        self.sentence_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            self.sentence_of[sent.start:sent.end] = [n] * (sent.end - sent.start)
        self.dates_by_sentence: dict[int, list[dict]] = {}
        self.date_tokens: set[int] = set()
        for d in result.dates:
            value, precision = date_of(d.get("value"))
            span = doc.char_span(d["start"], d["end"], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.date_tokens.update(range(span.start, span.end))
            unresolved = value is None and dates_a_happening(d["text"])
            if value is None and not unresolved:
                continue  # a duration, a frequency, a future time: no event's date
            if unresolved and (span.root.dep_ == "compound" or span.start > span.sent.start and d["text"][:1].isupper()
                               and d["text"].lower() in ("today", "tonight")):
                continue  # "the Today programme", "told Radio 4's Today": a name, no date
            self.dates_by_sentence.setdefault(self.sentence_of[span.root.i], []).append(
                {"row": d, "span": span, "root": span.root, "date": value, "precision": precision,
                 "unresolved": unresolved})
        self.quoted = _merged(_quoted_spans(article.body, result.quotes))
        self.quote_starts = [s for s, _ in self.quoted]
        self.score_tokens = score_tokens(doc)
        self.speakers = {}
        for q in result.quotes:
            if q.get("speaker") is not None and q.get("cue"):
                self.speakers.setdefault((q.get("cue") or "").lower(), []).append(q)
        self._speaker_index: dict[str, tuple] = {}

    def first_speaker_quote(self, cue: str, start: int, end: int) -> dict | None:
        """The first quote with this cue (and a speaker) that starts, or whose
        speaker starts, at a character in [start, end): found by bisection in
        the cue's quotes ordered by those offsets, not by a scan of them all."""
        quotes = self.speakers.get(cue, [])
        if cue not in self._speaker_index:
            self._speaker_index[cue] = (sorted((q["start"], k) for k, q in enumerate(quotes)),
                                        sorted((q.get("speaker_start") or -1, k) for k, q in enumerate(quotes)))
        found = [k for places in self._speaker_index[cue]
                 for _at, k in places[bisect_left(places, (start, -1)):bisect_left(places, (end, -1))]]
        return quotes[min(found)] if found else None

    def own_past_date(self, noun: Token) -> bool:
        """A date inside the noun's own phrase, before the reference day: "the
        call on February 12 could have swayed him" reports a call that took
        place, whatever the modal says of its effects."""
        own = {t.i for t in compact(noun)}
        for d in self.dates_in(noun):
            ref = d["row"].get("reference")
            if d["root"].i in own and d["date"] and ref and d["date"] < ref[:len(d["date"])]:
                return True
        return False

    def heading_date(self, start: int) -> dict | None:
        """The date row of a live-feed heading that starts at `start`."""
        tok = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if tok is None:
            return None
        return next((d for d in self.dates_in(tok[0]) if d["row"]["start"] == start and d["date"]), None)

    def dates_in(self, tok: Token) -> list[dict]:
        """The dates of the sentence `tok` stands in."""
        return self.dates_by_sentence.get(self.sentence_of[tok.i], [])

    def in_quote(self, tok: Token) -> bool:
        i = bisect_right(self.quote_starts, tok.idx) - 1
        return i >= 0 and tok.idx < self.quoted[i][1]

    def actors(self, tok: Token, depth: int = 0) -> list[int]:
        """Actors named by the phrase headed by `tok` (conjuncts and appositions
        included; "the city of Jeddah" names Jeddah)."""
        if depth > 4:
            return []
        out = []
        if tok.i in self.token_actor:
            out.append(self.token_actor[tok.i])
        elif tok.lower_ in PERSON_PRONOUNS:
            key = self.pronoun_actor(tok)
            if key is not None:
                out.append(key)
        elif tok.lemma_.lower() in CONTAINER_NOUNS:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            out.extend(self.actors(pobj, depth + 1))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in DELEGATE_NOUNS:
            # "US negotiators", "representatives from the US and Ukraine"
            for child in tok.children:
                if child.dep_ == "compound" and child.i in self.token_actor:
                    out.append(self.token_actor[child.i])
                elif child.dep_ == "prep" and child.lower_ in ("from", "of"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(self.actors(pobj, depth + 1))
        for child in tok.children:
            if child.dep_ in ("conj", "appos"):
                out.extend(self.actors(child, depth + 1))
        seen, uniq = set(), []
        for key in out:
            if key not in seen:
                seen.add(key)
                uniq.append(key)
        return uniq

    def pronoun_actor(self, tok: Token) -> int | None:
        """The person a "he", "she" or "his" stands for: the nearest person
        named as a subject before it in the sentence ("Trump said he and Putin
        had agreed", "Lukashenko spoke on the sidelines of his talks"), else
        the person who is the subject of the sentence before."""
        def person_subject(t: Token) -> int | None:
            key = self.token_actor.get(t.i)
            if key is not None and t.dep_ in ("nsubj", "nsubjpass") and self.actor_type.get(key) == "person":
                return key
            return None
        sent = tok.sent
        for i in range(tok.i - 1, sent.start - 1, -1):
            key = person_subject(tok.doc[i])
            if key is not None:
                return key
        if sent.start > 0 and tok.i - sent.start <= 1:  # a sentence opening with "He ..."
            prev = tok.doc[sent.start - 1].sent
            keys = [person_subject(t) for t in prev]
            keys = [k for k in keys if k is not None]
            if keys:
                return keys[0]
        return None

    def in_name(self, tok: Token) -> bool:
        """Part of the name of a person or place ("C-Murder", "Fort Worth")."""
        key = self.token_actor.get(tok.i)
        return key is not None and self.actor_type.get(key) in NAME_TYPES

    def is_place(self, key: int) -> bool:
        return self.actor_type.get(key) in PLACE_TYPES


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping stretches joined, in order (for a binary search)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _quoted_spans(body: str, quotes: list[dict]) -> list[tuple[int, int]]:
    spans = [(q["start"], q["end"]) for q in quotes if q.get("kind") == "direct"]
    spans.extend((m.start(), m.end()) for m in re.finditer(r"“[^”“]*”", body))
    spans.extend((m.start(), m.end()) for m in re.finditer(r'(?<![\w])"[^"\n]{3,}"', body))
    return spans


_SCORE_MATCHERS: dict[int, Matcher] = {}


def score_tokens(doc: Doc) -> set[int]:
    """Token indices of scores ("2-1", "3–0"), found once per document."""
    matcher = _SCORE_MATCHERS.get(id(doc.vocab))
    if matcher is None:
        matcher = Matcher(doc.vocab)
        matcher.add("SCORE", [[{"IS_DIGIT": True, "LENGTH": {"<=": 3}}, {"ORTH": {"IN": SCORE_DASHES}},
                               {"IS_DIGIT": True, "LENGTH": {"<=": 3}}],
                              [{"TEXT": {"REGEX": r"^\d{1,3}[-–]\d{1,3}$"}}]])
        _SCORE_MATCHERS[id(doc.vocab)] = matcher
    return {i for _, start, end in matcher(doc) for i in range(start, end)}
