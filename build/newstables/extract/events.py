"""Event mentions: what happened, when, where and who took part.

Triggers and their types come from `schema/event_triggers.yml` and are matched
on lemmas and the dependency parse:

- a trigger verb ("met", "arrived", "invaded"), a phrase ("spoke by phone"),
  a noun naming a happening ("talks", "call", "invasion"), or a noun naming a
  thing together with its verb ("imposed sanctions", "resumed military aid",
  "the war began", "set out his terms");
- it is not an event when negated or hypothetical (modal auxiliary, or under
  "hope to", "plan to", "ready to" ...), or inside a direct quotation;
  speech verbs and some nouns ("said", "statement", "strikes") count only with
  a date in their own clause: ongoing states and undated remarks are not news
  events;
- "agreed to resume aid": a light verb with an event complement gives way to
  the complement, which keeps the light verb's date;
- not events either: a participle modifier ("the proposed ceasefire"), a
  clause under "whether"/"if", a shared view in the plain present ("both
  agree that ...", `stance_verbs`); a noun event with a past date of its own
  stays one under a modal about its effects ("the call on 12 February could
  have swayed him").

Date: the `dates` row of the trigger's own phrase or clause, failing that of
the clauses governing it (the sentence's main clause last); a date in a
neighbouring subordinate clause belongs to that clause's event, not this one.
A "where"/"when"/"during which" relative clause tells the same occasion as its
antecedent and takes its date.
Place: a place or country actor in an "in/at X" complement of the trigger
(or "to X", the object, for visits). Participants: subject (agent), object or
passive subject (patient), "with/between" complements (participant), a noun's
possessor (agent) and "of/on/against/to" complements (patient); for meetings,
calls and agreements every side is a participant, and so is the subject of
the clause a meeting or call noun stands in ("in a call with Y, X said").
"he/she/his" stand for the nearest person named as a subject before them.

Mention text: the contiguous phrase, never across a line break. Description
(`describe`): who did what, when and where, and for statements what was said
("Lavrov said on Tuesday: the talks must go on"), from the sentence's words.
"""
from __future__ import annotations
from __future__ import annotations

from spacy.tokens import Doc

from ..corpus import Article
from .event_args import choose_date, date_words, find_participants, find_place, place_tokens
from .event_context import Context
from .event_modality import is_hypothetical, noun_is_hypothetical
from .event_text import describe, phrase
from .event_triggers import find_candidates
from .event_vocab import triggers


def extract(doc: Doc, article: Article, result) -> None:
    T = triggers()
    ctx = Context(doc, article, result)
    body = article.body
    for sent in doc.sents:
        mentions = []
        for c in find_candidates(sent, ctx):
            trig = c["trigger"]
            if ctx.in_quote(trig):
                continue
            if c["kind"] == "verb" and is_hypothetical(trig, T["hypothetical_heads"]):
                continue
            if c["kind"] == "object" and is_hypothetical(c["anchor"], T["hypothetical_heads"]):
                continue
            if c["kind"] == "noun" and noun_is_hypothetical(trig, T["hypothetical_heads"]) \
                    and not ctx.own_past_date(trig):
                continue
            # "held a meeting" is a happening by its verb; "the meeting" alone needs a date
            dated_only = c["lemma"] in T["dated_only"] and not (c["kind"] == "object" and c["type"] != "statement")
            d = choose_date(c, ctx, sent, dated_only)
            if dated_only and d is None:
                continue
            place = find_place(c, ctx)
            participants, heads = find_participants(c, ctx, place)
            if d is None and not participants and place is None:
                continue  # "the results of the meeting": a reference, not a report
            start, end = phrase(c, ctx, heads, place_tokens(c, place, ctx))
            text = body[start:end]
            description = describe(c, ctx, d)
            mentions.append({
                "type": c["type"], "text": text, "start": start, "end": end,
                "trigger": trig.text, "description": description,
                "date_text": date_words(d, body) if d else None,
                "date": d["date"] if d else None,
                "date_precision": d["precision"] if d else None,
                "location": place, "participants": participants,
                "sentence": sent.start_char,
                "reference": article.reference_date(start),
                "lemma": c["lemma"],
            })
        result.event_mentions.extend(dedupe_sentence(mentions))


def dedupe_sentence(mentions: list[dict]) -> list[dict]:
    """One mention per happening within a sentence: of two of the same type
    that share an actor or place (or where one names none), keep the one that
    tells more (dated, more participants, place), else the earlier."""
    def info(m):
        return (m["date"] is not None, len(m["participants"]), m["location"] is not None, -m["start"])

    def actors(m):
        return {k for k, _ in m["participants"]} | ({m["location"]} if m["location"] is not None else set())

    kept: list[dict] = []
    for m in sorted(mentions, key=info, reverse=True):
        same = None
        for k in kept:
            if k["type"] != m["type"]:
                continue
            if k["date"] and m["date"] and k["date"] != m["date"]:
                continue
            a, b = actors(k), actors(m)
            if not a or not b or a & b:
                same = k
                break
        if same is None:
            kept.append(m)
    return sorted(kept, key=lambda m: m["start"])
