"""Event mentions: what happened, when, where and who took part.

What counts as an event. A mention reports one happening -- something that
took place at a time, which a reader could put on a timeline: a meeting, a
vote, a resignation, an arrest, a crash, a match won, a report published.
Not events (each rule has short test texts in tests/test_events.py):
- an ongoing state: "Russia controls a fifth of Ukraine", "sanctions remain
  in place", "forces are advancing", "police are investigating";
- a habit or a timetable: "the firm sells phones", "he meets Putin every
  year", "England play Wales on Saturday";
- a hypothetical, a plan, a wish, a purpose or a question: "will meet",
  "could resign", "hopes to visit", "is to cut 500 jobs", "a campaign to ban
  smoking", "the planned summit", "whether he met Putin", "if they agree";
- a negated happening: "did not meet", "no talks were held", "left without
  signing";
- something reported inside a direct quotation (the speaker's words, not
  the article's report), unless it is named with a past date of its own
  ("the talks in Riyadh on February 18");
- a happening dated after the day the article reports from (it has not
  happened yet);
- a bare plural telling what is generally so: "reports suggest", "studies
  have shown" (no one report, no one happening), unless dated;
- a remark without a date: "X said" is how news is told, "X said on
  Tuesday" is a dated statement (`dated_only` triggers); an announcement
  by a named actor is news by itself ("Microsoft has announced ...");
- a noun alone ("the vote", "his resignation", "the inquiry") unless the
  text dates it (a date in its own phrase or its clause), places it (a
  place in its own phrase) or scores it (a sports result): "the vote on
  Tuesday", "his resignation in March", "the inquiry in Cardiff", "a 2-1
  win over Leeds"; "held a vote", "announced his resignation" are events
  by their verb;
The modality rules (negation, hypotheticals, habits, states) are in
`event_modality`; the words per type in `schema/event_triggers.yml`.

Triggers and their types come from `schema/event_triggers.yml`, matched in one
pass over the document on lemmas and the dependency parse (`event_triggers`):
a verb ("met", "resigned", "beat"), a phrase ("spoke by phone", "stepped
down"), a noun naming a happening ("talks", "earthquake"), or a noun naming a
thing with its verb ("imposed sanctions", "passed the bill", "released an
album"). An ambiguous word takes the type of its first sense that fits
("beat Arsenal 2-1" is a sports result, "beat the bill" a vote).
"agreed to resume aid": a light verb with an event complement gives way to
the complement, which keeps the light verb's date.

Date (`event_args.choose_date`): the `dates` row of the trigger's own phrase or
clause, failing that of the clauses governing it (the sentence's main clause
last); a date in a neighbouring subordinate clause belongs to that clause's
event, not this one. A "where"/"when"/"during which" relative clause tells
the same occasion as its antecedent and takes its date. A week counts as its
month (event dates are days, months or years).
Place: a place or country actor in an "in/at X" complement of the trigger
(or "to X", the object, for visits). Participants: subject (agent), object or
passive subject (patient), "with/between" complements (participant), a noun's
possessor (agent) and "of/on/against/to" complements (patient); for meetings,
calls and agreements every side is a participant, and so is the subject of
the clause a meeting or call noun stands in ("in a call with Y, X said").
"he/she/his" stand for the nearest person named as a subject before them.

Mention text: the contiguous phrase, never across a line break. Description
(`event_text.describe`): who did what, when and where, and for statements what
was said ("Lavrov said on Tuesday: the talks must go on"), from the sentence's
words.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..corpus import Article
from .event_args import choose_date, date_words, find_participants, find_place, place_tokens
from .event_context import Context
from .event_modality import is_habitual, is_hypothetical, noun_is_hypothetical, noun_is_negated
from .event_text import describe, phrase
from .event_triggers import find_candidates, subjects_of
from .event_vocab import triggers


def extract(doc: Doc, article: Article, result) -> None:
    ctx = Context(doc, article, result)
    by_sentence: dict[int, list[dict]] = {}
    for c in find_candidates(doc, ctx):
        mention = report(c, ctx, article)
        if mention is not None:
            by_sentence.setdefault(mention["sentence"], []).append(mention)
    mentions = [m for sentence in sorted(by_sentence) for m in dedupe_sentence(by_sentence[sentence])]
    result.event_mentions.extend(drop_retellings(mentions))


def happened(c: dict, ctx: Context) -> bool:
    """Whether the trigger reports a happening (see the module docstring)."""
    T = triggers()
    trig = c["trigger"]
    if ctx.in_quote(trig):
        return c["kind"] == "noun" and ctx.own_past_date(trig)  # "talks ... in Riyadh on February 18"
    if c["kind"] in ("verb", "object"):
        verb = trig if c["kind"] == "verb" else c["anchor"]
        if is_hypothetical(verb, T) or is_habitual(verb, c["type"], T):
            return False
        return not (c["kind"] == "object" and noun_is_negated(trig))
    return not (noun_is_hypothetical(trig, T) and not ctx.own_past_date(trig))


def report(c: dict, ctx: Context, article: Article) -> dict | None:
    """The event mention of trigger hit `c`, or None if it is not one."""
    if not happened(c, ctx):
        return None
    T = triggers()
    trig, body = c["trigger"], article.body
    # "held a meeting" is a happening by its verb; "the meeting" alone needs a date or a place
    dated_only = c["lemma"] in T["dated_only"] and not (c["kind"] == "object" and c["type"] != "statement") \
        and not (c["lemma"] in T["announcements"] and _actor_subject(trig, ctx))
    d = choose_date(c, ctx, dated_only)
    if d is None:
        d = entry_date(c, ctx, article)
    if dated_only and d is None:
        return None
    if c["kind"] == "noun" and not _dated_or_placed(c, ctx, T):
        return None
    if d is None and _bare_plural_subject(c):
        return None  # "reports suggest", "studies have shown": no one report, no one happening
    reference = article.reference_date(trig.idx)
    if d is not None and _after(d["date"], reference):
        return None  # "the vote on Thursday", written on Wednesday: not yet happened
    place = find_place(c, ctx)
    participants, heads = find_participants(c, ctx, place)
    start, end = phrase(c, ctx, heads, place_tokens(c, place, ctx))
    return {
        "type": c["type"], "text": body[start:end], "start": start, "end": end,
        "trigger": trig.text, "description": describe(c, ctx, d),
        "date_text": date_words(d, body) if d else None,
        "date": d["date"] if d else None,
        "date_precision": d["precision"] if d else None,
        "location": place, "participants": participants,
        "sentence": trig.sent.start_char,
        "reference": article.reference_date(start),
        "lemma": c["lemma"],
    }


def entry_date(c: dict, ctx: Context, article: Article) -> dict | None:
    """In a live feed, an entry reports that day's news: a clause in the past
    or present perfect with no date of its own ("Putin has said ...", "Putin
    held a phone call with ...") happened on the day of the heading it stands
    under, which gives its date. Not a pluperfect ("had met": earlier), not a
    noun, and not a remark ("X said"): a feed attributes every line to
    someone, and the remark is dated only by words of its own; an occasion
    is ("made the statement at a press conference")."""
    section = next((s for s in article.sections if s.start <= c["trigger"].idx < s.end and s.date), None)
    if section is None or c["kind"] == "noun" or c["kind"] == "verb" and c["type"] == "statement":
        return None
    verb = c["trigger"] if c["kind"] == "verb" else c["anchor"]
    aux = {a.lemma_ for a in verb.children if a.dep_ in ("aux", "auxpass")}
    perfect = any(a.lower_ in ("has", "have") for a in verb.children if a.dep_ == "aux")
    if not (perfect or verb.tag_ == "VBD" or verb.tag_ == "VBN" and aux == {"be"}):
        return None
    if any(a.lower_ == "had" for a in verb.children if a.dep_ == "aux") or verb.dep_ == "ccomp":
        return None  # earlier than the entry's day; a claim someone reports
    return ctx.heading_date(section.start)


def _actor_subject(verb, ctx: Context) -> bool:
    return any(ctx.actors(s) for s in subjects_of(verb))


def _dated_or_placed(c: dict, ctx: Context, T: dict) -> bool:
    """A noun trigger counts when the text dates it (a date in its own phrase
    or clause), places it (a place in its own phrase), tells it happen
    ("the call ended", "talks began", "the vote took place"), or, for a
    sports result, gives its score ("a 7-6 6-2 win over Molik")."""
    noun = c["trigger"]
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in T["occurrence_verbs"]:
        return True
    if c["type"] == "sport_result" and any(t.i in ctx.score_tokens for t in noun.subtree):
        return True  # "a 7-6 6-2 win over Molik": the score tells one match
    return choose_date(c, ctx, dated_only=True) is not None or find_place(c, ctx, own_only=True) is not None


def _bare_plural_subject(c: dict) -> bool:
    noun = c["noun"]
    return (c["kind"] == "object" and noun.dep_ == "nsubj" and noun.tag_ == "NNS"
            and not any(ch.dep_ != "punct" for ch in noun.children))


def _after(value: str | None, reference: str | None) -> bool:
    """Whether a date (a day, month or year) lies wholly after the reference day."""
    return bool(value and reference) and value > reference[:len(value)]


def drop_retellings(mentions: list[dict]) -> list[dict]:
    """An undated mention that tells again what an earlier dated mention of
    the article reported -- the same type, and no participant or place the
    earlier one lacks ("the United States agreed on Tuesday to resume aid"
    ... "the United States had agreed to resume aid") -- adds nothing: it
    is left out. A mention with date words of its own stays."""
    kept: list[dict] = []
    dated: dict[tuple, list[set]] = {}   # (type, actor) -> actor sets of the dated mentions kept
    for m in mentions:
        mine = _actors(m)
        if m["date_text"] is None and mine and any(
                mine <= theirs for theirs in dated.get((m["type"], min(mine, key=repr)), ())):
            continue
        kept.append(m)
        if m["date_text"] is not None:
            for key in mine:
                dated.setdefault((m["type"], key), []).append(mine)
    return kept


def _actors(m: dict) -> set:
    return {k for k, _ in m["participants"]} | ({m["location"]} if m["location"] is not None else set())


def dedupe_sentence(mentions: list[dict]) -> list[dict]:
    """One mention per happening within a sentence: of two of the same type
    that share an actor or place (or where one names none), keep the one that
    tells more (dated, more participants, place), else the earlier."""
    def info(m):
        return (m["date"] is not None, len(m["participants"]), m["location"] is not None, -m["start"])

    kept: list[dict] = []
    for m in sorted(mentions, key=info, reverse=True):
        same = None
        for k in kept:
            if k["type"] != m["type"]:
                continue
            if k["date"] and m["date"] and k["date"] != m["date"]:
                continue
            a, b = _actors(k), _actors(m)
            if not a or not b or a & b:
                same = k
                break
        if same is None:
            kept.append(m)
    return sorted(kept, key=lambda m: m["start"])
