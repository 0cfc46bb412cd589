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

import bisect
import re
from functools import lru_cache

import yaml
from spacy.tokens import Doc, Token

from ..corpus import Article
from ..settings import SCHEMA_DIR
from . import doc_index
from .doc_index import Intervals

CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "csubj", "csubjpass", "parataxis", "acl", "pcomp"}
MODALS = {"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "'d", "wo", "ca"}
SYMMETRIC = {"meeting", "call", "agreement"}
PATIENT_PREPS = {"of", "on", "against", "to", "into", "over"}
PARTICIPANT_PREPS = {"with", "between", "among"}
AGENT_PREPS = {"by", "from"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
TAKING_PART_PREPS = {"in", "during", "at", "for"}
PLACE_TYPES = {"place", "country"}
PERSON_PRONOUNS = {"he", "she", "his", "her", "him"}
CONTAINER_NOUNS = {"city", "capital", "town", "region", "province", "village", "port", "republic",
                   "oblast", "area", "state", "kingdom"}
DELEGATE_NOUNS = {"representative", "official", "delegation", "negotiator", "envoy", "diplomat",
                  "delegate", "team", "force", "troop", "military", "army", "government",
                  "administration", "leader", "side", "minister", "president", "spokesman",
                  "spokesperson", "authority", "soldier"}
FUTURE_MODIFIERS = {"upcoming", "future", "possible", "potential", "planned", "proposed", "next",
                    "forthcoming", "prospective", "further", "new", "any"}
HYPOTHETICAL_NOUN_HEADS = {"possibility", "prospect", "idea", "hope", "chance", "plan", "need",
                           "way", "question", "call", "demand", "readiness", "willingness"}
DATE_VALUE = re.compile(r"^(\d{4})(?:-(W\d{2}|Q\d|\d{2})(?:-(\d{2}))?)?")
MAX_PHRASE_TOKENS = 22
DATE_PREPS = {"on", "in", "at", "during", "since", "until", "by", "from", "before", "after", "through", "throughout"}


@lru_cache(maxsize=1)
def triggers() -> dict:
    data = yaml.safe_load((SCHEMA_DIR / "event_triggers.yml").read_text(encoding="utf-8"))
    return {
        "verbs": dict(data.get("verbs") or {}),
        "nouns": dict(data.get("nouns") or {}),
        "dated_only": set(data.get("dated_only") or ()),
        "object_nouns": {k: {"type": v["type"], "verbs": set(v["verbs"])}
                         for k, v in (data.get("object_nouns") or {}).items()},
        "phrases": list(data.get("phrases") or ()),
        "light_verbs": set(data.get("light_verbs") or ()),
        "hypothetical_heads": set(data.get("hypothetical_heads") or ()),
        "verb_objects": {k: set(v or ()) for k, v in (data.get("verb_objects") or {}).items()},
        "stance_verbs": set(data.get("stance_verbs") or ()),
    }


# --- date values --------------------------------------------------------------

def date_of(value: str | None) -> tuple[str | None, str | None]:
    """(ISO date, precision) of a TimeML value: day, week, month or year; a
    time of day counts as its day, a quarter as its year."""
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
        return f"{year}-{mid}", "week"
    if mid.startswith("Q"):
        return year, "year"
    if day is None:
        return f"{year}-{mid}", "month"
    return f"{year}-{mid}-{day}", "day"


# --- the parse ------------------------------------------------------------------

def clause_head(tok: Token) -> Token:
    x = tok
    while x.head.i != x.i and x.dep_ not in CLAUSE_DEPS and not (
            x.dep_ == "conj" and x.pos_ in ("VERB", "AUX")):
        x = x.head
    return x


SCOPE_STOPS = {"ccomp", "relcl", "parataxis", "csubj"}


def clause_chain(tok: Token) -> list[Token]:
    """The clause of `tok`, then the clauses governing it, up to the root or
    up to reported speech or a relative clause: "said on Wednesday that they
    had met", "who met him last month" -- the governing date is not theirs."""
    chain = [clause_head(tok)]
    while chain[-1].head.i != chain[-1].i and (chain[-1].dep_ not in SCOPE_STOPS or same_occasion(chain[-1])):
        nxt = clause_head(chain[-1].head)
        if nxt in chain:
            break
        chain.append(nxt)
    return chain


OCCASION_WORDS = {"where", "when", "whereupon"}


def same_occasion(clause: Token) -> bool:
    """A relative clause that tells what happened at the occasion its
    antecedent names: "talks on Tuesday, where they issued a statement",
    "a call on Monday, during which they discussed trade"."""
    if clause.dep_ != "relcl":
        return False
    for child in clause.children:
        if child.dep_ == "advmod" and child.lower_ in OCCASION_WORDS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("during", "at", "in") and any(
                g.dep_ == "pobj" and g.lower_ == "which" for g in child.children):
            return True
    return False


def compact(tok: Token) -> list[Token]:
    """The phrase headed by `tok`, without the clauses it contains."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in CLAUSE_DEPS or child.dep_ in ("punct", "cc") and child.i > tok.i:
            continue
        if child.dep_ in ("appos", "conj") and child.i > tok.i:
            out.extend(compact(child))
            continue
        out.extend(compact(child))
    return out


def is_modal_or_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS | {"going"}:
            return True
    return False


def is_hypothetical(anchor: Token, hyp_heads: set[str]) -> bool:
    """Negated, modal, or the complement of "hope to", "plan to", "ready to"..."""
    x = anchor
    for _ in range(6):
        if is_modal_or_negated(x):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in x.children):
            return True  # "have yet to confirm whether he met Putin", "asked if they met"
        if x.dep_ == "acl" and x.head.lemma_.lower() in hyp_heads and x.i > x.head.i:
            return True  # "his plans to visit", "hopes to meet"
        if x.dep_ in ("xcomp", "acomp", "ccomp") and x.head.i != x.i:
            # an infinitive or "that" complement of a wish, plan or readiness
            if x.head.lemma_.lower() in hyp_heads and x.dep_ != "ccomp":
                return True
            if x.dep_ == "ccomp":
                return False
            x = x.head
            continue
        if x.dep_ == "conj" and x.head.pos_ in ("VERB", "AUX"):
            x = x.head
            continue
        if x.dep_ in ("auxpass",) or x.pos_ == "AUX" and x.dep_ == "acomp":
            x = x.head
            continue
        return False
    return False


def noun_is_hypothetical(noun: Token, hyp_heads: set[str]) -> bool:
    if any(c.lemma_.lower() in FUTURE_MODIFIERS and c.dep_ in ("amod", "det", "compound") for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ in ("NOUN", "PROPN") and head.head.lemma_.lower() in HYPOTHETICAL_NOUN_HEADS:
        return True
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj") and head.pos_ in ("VERB", "AUX"):
        return is_hypothetical(head, hyp_heads)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return is_modal_or_negated(head.head)  # "must be included in peace talks"
    return False


# --- what the article gives: actors, dates, quotations ---------------------------------

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
        self.dates = []
        for d in result.dates:
            value, precision = date_of(d.get("value"))
            span = doc.char_span(d["start"], d["end"], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.dates.append({"row": d, "span": span, "root": span.root, "date": value,
                               "precision": precision})
        self.dates_by_root = sorted((d["root"].i, order) for order, d in enumerate(self.dates))
        self.quoted = Intervals(_quoted_spans(article.body, result.quotes))
        self.speakers = {}
        for q in result.quotes:
            if q.get("speaker") is not None and q.get("cue"):
                self.speakers.setdefault((q.get("cue") or "").lower(), []).append(q)
        self._speaker_index: dict[str, tuple] = {}

    def dates_in(self, start: int, end: int) -> list[dict]:
        """The dates whose root token is in [start, end), in the order of self.dates."""
        lo = bisect.bisect_left(self.dates_by_root, (start, -1))
        hi = bisect.bisect_left(self.dates_by_root, (end, -1))
        return [self.dates[order] for _i, order in sorted(self.dates_by_root[lo:hi], key=lambda p: p[1])]

    def first_speaker_quote(self, cue: str, start: int, end: int) -> dict | None:
        """The first quote with this cue (and a speaker) that starts, or whose
        speaker starts, at a character in [start, end)."""
        quotes = self.speakers.get(cue, [])
        if cue not in self._speaker_index:
            self._speaker_index[cue] = (sorted((q["start"], k) for k, q in enumerate(quotes)),
                                        sorted((q.get("speaker_start") or -1, k) for k, q in enumerate(quotes)))
        found = [k for places in self._speaker_index[cue]
                 for _at, k in places[bisect.bisect_left(places, (start, -1)):bisect.bisect_left(places, (end, -1))]]
        return quotes[min(found)] if found else None

    def own_past_date(self, noun: Token) -> bool:
        """A date inside the noun's own phrase, before the reference day: "the
        call on February 12 could have swayed him" reports a call that took
        place, whatever the modal says of its effects."""
        own = {t.i for t in compact(noun)}
        for d in self.dates_in(min(own), max(own) + 1) if own else ():
            ref = d["row"].get("reference")
            if d["root"].i in own and d["date"] and ref and d["date"] < ref[:len(d["date"])]:
                return True
        return False

    def in_quote(self, tok: Token) -> bool:
        return self.quoted.contains(tok.idx)

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

    def is_place(self, key: int) -> bool:
        return self.actor_type.get(key) in PLACE_TYPES


def _quoted_spans(body: str, quotes: list[dict]) -> list[tuple[int, int]]:
    spans = [(q["start"], q["end"]) for q in quotes if q.get("kind") == "direct"]
    spans.extend((m.start(), m.end()) for m in re.finditer(r"“[^”“]*”", body))
    spans.extend((m.start(), m.end()) for m in re.finditer(r'(?<![\w])"[^"\n]{3,}"', body))
    return spans


# --- finding triggers -----------------------------------------------------------------

def find_candidates(sent, ctx: Context) -> list[dict]:
    """Trigger hits of one sentence: {trigger, anchor, noun, type, lemma}."""
    T = triggers()
    found = []
    consumed_verbs = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        # a thing noun with its verb: "imposed sanctions", "sanctions imposed", "the war began"
        if tok.pos_ in ("NOUN", "PROPN") and lemma in T["object_nouns"]:
            spec = T["object_nouns"][lemma]
            verb = None
            if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") and tok.head.lemma_.lower() in spec["verbs"]:
                verb = tok.head
            elif tok.dep_ == "conj" and tok.head.dep_ in ("dobj", "nsubjpass", "nsubj") \
                    and tok.head.lemma_.lower() in T["object_nouns"] \
                    and T["object_nouns"][tok.head.lemma_.lower()]["type"] == spec["type"]:
                continue  # "military aid and intelligence sharing": one event
            elif tok.dep_ == "conj" and tok.head.dep_ in ("dobj", "nsubjpass") \
                    and tok.head.head.lemma_.lower() in spec["verbs"]:
                verb = tok.head.head
            else:
                for child in tok.children:
                    if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in spec["verbs"] \
                            and child.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
                        verb = child
                        break
            if verb is not None and verb.pos_ in ("VERB", "AUX"):
                found.append({"trigger": tok, "anchor": verb, "noun": tok, "type": spec["type"],
                              "lemma": lemma, "kind": "object"})
                consumed_verbs.add(verb.i)
                continue
        if tok.pos_ in ("NOUN", "PROPN") and lemma in T["nouns"]:
            if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
                continue
            if lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
                continue  # "calls for a ceasefire"
            if lemma == "talk" and tok.tag_ != "NNS":
                continue  # "talk of a truce"; talks are plural
            found.append({"trigger": tok, "anchor": _governor(tok), "noun": tok,
                          "type": T["nouns"][lemma], "lemma": lemma, "kind": "noun"})
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or tok.i in consumed_verbs:
            continue
        etype = None
        for phrase in T["phrases"]:
            if phrase["verb"] != lemma:
                continue
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == phrase["prep"]:
                    objects = [c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"]
                    if not phrase.get("object") or set(objects) & set(phrase["object"]):
                        etype = phrase["type"]
        if etype is None:
            etype = T["verbs"].get(lemma)
        if etype is None:
            continue
        if tok.dep_ == "amod" and tok.head.i not in ctx.token_actor:
            continue  # "the proposed ceasefire", "an agreed text": a modifier, not a happening
        if lemma in T["stance_verbs"] and tok.tag_ in ("VBP", "VBZ") and any(
                ch.dep_ == "ccomp" for ch in tok.children):
            continue  # "Moscow and Washington agree that ...": a shared view, an ongoing state
        if lemma in T["verb_objects"]:
            allowed = T["verb_objects"][lemma]
            objects = [c for c in tok.children if c.dep_ == "dobj"]
            if allowed and not any(o.lemma_.lower() in allowed or
                                   any(ctx.is_place(k) for k in ctx.actors(o)) for o in objects):
                continue  # "seized the initiative"
            if not allowed and objects:
                continue  # "advance a plan"
        found.append({"trigger": tok, "anchor": tok, "noun": None, "type": etype, "lemma": lemma,
                      "kind": "verb"})
    # a light verb gives way to its event complement ("agreed to resume aid")
    anchors = {c["anchor"].i for c in found if c["anchor"] is not None}
    out = []
    for c in found:
        tok = c["trigger"]
        if c["kind"] == "verb" and c["lemma"] in T["light_verbs"]:
            if any(ch.dep_ in ("xcomp", "ccomp") and ch.i in anchors for ch in tok.children):
                continue
        out.append(c)
    return out


def _governor(noun: Token) -> Token | None:
    """The verb (or clause head) a noun trigger depends on."""
    x = noun
    for _ in range(8):
        if x.head.i == x.i:
            return x if x.pos_ in ("VERB", "AUX") else None
        x = x.head
        if x.pos_ in ("VERB", "AUX"):
            return x
    return None


# --- filling a mention ------------------------------------------------------------------

def choose_date(c: dict, ctx: Context, sent, dated_only: bool) -> dict | None:
    tok, anchor, noun = c["trigger"], c["anchor"], c["noun"]
    chain = clause_chain(anchor if anchor is not None else tok)
    own_tokens = set()
    if noun is not None:
        own_tokens = {t.i for t in compact(noun)}
    best = None
    for d in ctx.dates_in(sent.start, sent.end):
        if not d["date"]:
            continue
        if d["root"].i in own_tokens:
            rank = -1
        elif _next_to(tok, d["span"]):
            rank = 0  # "said on Wednesday", "on Tuesday said", whatever the parse
        else:
            head = clause_head(d["root"])
            if head not in chain:
                continue
            rank = chain.index(head)
        if dated_only and rank > 0:
            continue
        if dated_only and rank == 0 and noun is not None and c["kind"] == "noun" \
                and noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
            continue
        key = (rank, abs(d["root"].i - tok.i))
        if best is None or key < best[0]:
            best = (key, d)
    return best[1] if best else None


def _next_to(tok: Token, span) -> bool:
    """A date right after the trigger (its object or a preposition between) or
    right before it, with no other verb in between."""
    if span.start > tok.i:
        between = tok.doc[tok.i + 1:span.start]
        return len(between) <= 2 and not any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in between)
    if span.end <= tok.i:
        between = tok.doc[span.end:tok.i]
        return len(between) == 0
    return False


def find_place(c: dict, ctx: Context) -> int | None:
    heads = [t for t in (c["noun"], c["anchor"]) if t is not None]
    if c["kind"] == "verb":
        heads = [c["trigger"]]
    candidates = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and (prep.lower_ in PLACE_PREPS or
                                        (c["type"] == "visit" and prep.lower_ in ("to", "for"))):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        candidates.extend(k for k in ctx.actors(pobj) if ctx.is_place(k))
                        if c["type"] == "visit" and prep.lower_ == "for":
                            # "arrived for talks in Moscow": where the purpose takes place
                            for sub in pobj.children:
                                if sub.dep_ == "prep" and sub.lower_ in PLACE_PREPS:
                                    candidates.extend(k for g in sub.children if g.dep_ == "pobj"
                                                      for k in ctx.actors(g) if ctx.is_place(k))
            if c["type"] == "visit" and prep.dep_ == "dobj" and c["kind"] == "verb":
                candidates.extend(k for k in ctx.actors(prep) if ctx.is_place(k))
                for sub in prep.children:  # "visited the embassy in Moscow"
                    if sub.dep_ == "prep" and sub.lower_ in PLACE_PREPS:
                        candidates.extend(k for g in sub.children if g.dep_ == "pobj"
                                          for k in ctx.actors(g) if ctx.is_place(k))
    if not candidates:
        return None
    places = [k for k in candidates if ctx.actor_type.get(k) == "place"]
    return (places or candidates)[0]


def find_participants(c: dict, ctx: Context, place: int | None) -> tuple[list[list], list[Token]]:
    """[[key, role]] and the tokens heading each participant phrase."""
    symmetric = c["type"] in SYMMETRIC
    agent = "participant" if symmetric else "agent"
    found: list[tuple[int, str]] = []
    heads: list[Token] = []

    def add(tok: Token, role: str):
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "Kursk, which was invaded": the antecedent
        keys = ctx.actors(tok)
        if keys:
            heads.append(tok)
        for key in keys:
            if key == place and c["type"] != "military_action":
                continue
            found.append((key, role))

    def verb_args(verb: Token, with_objects: bool):
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                add(child, agent)
            elif child.dep_ == "nsubjpass":
                add(child, "participant" if symmetric else "patient")
            elif child.dep_ in ("dobj", "dative") and with_objects:
                add(child, "participant" if symmetric else "patient")
            elif child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(pobj, agent)
            elif child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS | ({"to"} if c["type"] == "aid" else set()):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(pobj, "participant" if child.lower_ in PARTICIPANT_PREPS else "patient")

    def noun_args(noun: Token):
        for child in noun.children:
            if child.dep_ == "poss":
                add(child, agent)
            elif child.dep_ in ("compound", "nmod") and ctx.actors(child):
                add(child, "participant" if symmetric else agent)  # "Trump and Putin's call"
            elif child.dep_ == "prep":
                role = ("participant" if child.lower_ in PARTICIPANT_PREPS else
                        agent if child.lower_ in AGENT_PREPS else
                        ("patient" if not symmetric else "participant") if child.lower_ in PATIENT_PREPS else None)
                if role is None:
                    continue
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(pobj, role)

    trig = c["trigger"]
    if c["kind"] == "verb":
        verb_args(trig, with_objects=True)
        x = trig
        # "the United States agreed to resume aid": the subject of the governing verb
        while not any(r == agent for _, r in found) and x.dep_ in ("xcomp", "conj") and x.head.i != x.i:
            x = x.head
            for child in x.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    add(child, agent)
        if trig.dep_ == "amod" and trig.head.i in ctx.token_actor:  # misparsed "Russia annexed Crimea"
            add(trig.head, "patient")
        if not any(r == agent for _, r in found):
            # no parsed subject: an actor right before the verb
            for i in range(trig.i - 1, max(trig.sent.start, trig.i - 3) - 1, -1):
                t = trig.doc[i]
                if i in ctx.token_actor:
                    found.append((ctx.token_actor[i], agent))
                    heads.append(t)
                    break
                if t.pos_ in ("VERB", "PUNCT", "SCONJ", "CCONJ"):
                    break
    else:
        noun_args(trig)
        if c["kind"] == "object" and c["anchor"] is not None:
            verb = c["anchor"]
            if verb.head.i == trig.i:  # "sanctions imposed by the EU on Russia"
                verb_args(verb, with_objects=False)
                for child in verb.children:
                    if child.dep_ == "prep" and child.lower_ in ("on", "against"):
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                add(pobj, "patient")
            else:
                verb_args(verb, with_objects=False)
                x = verb
                while not any(r == agent for _, r in found) and x.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") \
                        and x.head.i != x.i:  # "Putin showed ... by holding a meeting": Putin
                    x = x.head
                    for child in x.children:
                        if child.dep_ in ("nsubj",):
                            add(child, agent)
                for child in verb.children:
                    if child.dep_ == "prep" and child.lower_ in ("on", "against", "to", "for"):
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                add(pobj, "patient")
        elif c["anchor"] is not None and c["type"] in SYMMETRIC and not is_modal_or_negated(c["anchor"]) and (
                trig.dep_ == "dobj" or trig.dep_ == "pobj" and trig.head.lower_ in TAKING_PART_PREPS
                and trig.head.head.i == c["anchor"].i):
            # "X held talks with Y"; "in a call with Y, X said", "X arrived for talks"
            for child in c["anchor"].children:
                if child.dep_ == "nsubj":
                    add(child, "participant")
                elif child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            add(pobj, "participant")
    if c["type"] == "statement" and not found:
        q = ctx.first_speaker_quote(trig.lower_, trig.sent.start_char, trig.sent.end_char)
        if q is not None:
            found.append((q["speaker"], "agent"))
    out, seen = [], set()
    for key, role in found:
        if (key, role) not in seen and not (role != "agent" and (key, "agent") in seen):
            seen.add((key, role))
            out.append([key, role])
    return out, heads


def phrase(c: dict, ctx: Context, heads: list[Token], place_tok: list[Token]) -> tuple[int, int]:
    """Character span of a short phrase reporting the event."""
    trig = c["trigger"]
    sent = trig.sent
    toks = {trig.i}
    if c["anchor"] is not None and c["kind"] == "object":
        toks.add(c["anchor"].i)
    if c["noun"] is not None:
        toks.update(t.i for t in compact(c["noun"]) if t.i >= trig.i - 6)
    for h in heads + place_tok:
        toks.update(t.i for t in compact(h))
    if c["kind"] == "verb":
        for child in trig.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ not in ("WDT", "WP"):
                toks.update(t.i for t in compact(child) if t.i >= trig.i - 8)  # "a senior official said"
            if child.dep_ in ("dobj", "prt", "attr", "acomp") or (
                    child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS | PLACE_PREPS | {"to"}):
                toks.update(t.i for t in compact(child))
            if child.dep_ in ("ccomp", "xcomp") and c["type"] in ("statement", "agreement", "proposal"):
                toks.update(t.i for t in compact(child) if trig.i < t.i <= trig.i + 14)
    toks = {i for i in toks if sent.start <= i < sent.end}
    lo, hi = min(toks), max(toks)
    if hi - lo + 1 > MAX_PHRASE_TOKENS:
        lo = max(lo, trig.i - MAX_PHRASE_TOKENS // 2)
        hi = min(hi, lo + MAX_PHRASE_TOKENS - 1)
    doc = trig.doc
    # a phrase does not run across a line break (a heading and the text under it)
    for i in range(lo, hi):
        if "\n" in doc[i].whitespace_ or doc[i].is_space:
            if i < trig.i:
                lo = i + 1
            else:
                hi = i
                break
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].pos_ in ("CCONJ", "SCONJ")
                       or doc[lo].pos_ == "ADP" and doc[lo].i != trig.i):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space or doc[hi].pos_ in ("CCONJ", "SCONJ", "ADP", "DET")):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


QUOTE_MARKS = {"“", "”", '"', "‘", "’", "'", "``", "''"}
DESCRIPTION_WORDS = 18
CONTENT_TOKENS = 14


def describe(c: dict, ctx: Context, d: dict | None) -> str:
    """A short phrase a reader understands: who, what, when, where, and for a
    statement what was said -- "Putin said in December: we don't need a
    truce ...", "Zelensky arrived in Helsinki for an official visit yesterday".
    Built from the trigger's own phrase, its subject (a pronoun by the name
    it stands for, a relative pronoun by its antecedent), objects, place and
    date, and a reported clause wherever it stands."""
    trig = c["trigger"]
    doc, sent = trig.doc, trig.sent
    core = {trig.i}
    names: dict[int, str] = {}
    if c["noun"] is not None:
        own = [t.i for t in compact(c["noun"]) if t.i >= trig.i - 6]
        core.update(range(min(own), max(own) + 1))  # "Trump and Putin's call", whole
    verb = c["anchor"] if c["kind"] == "object" else trig if c["kind"] == "verb" else None
    content: list[int] = []
    def whole(tok: Token) -> range:
        own = [t.i for t in compact(tok)]
        return range(min(own), max(own) + 1)

    if verb is not None:
        core.add(verb.i)
        subjects = [ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")]
        x = verb
        while not subjects and c["kind"] == "object" and x.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") \
                and x.head.i != x.i:
            if x.dep_ == "xcomp":
                core.add(x.head.i)  # "agreed to resume aid"
            x = x.head  # "Putin showed ... by holding a meeting": Putin holding a meeting
            subjects = [ch for ch in x.children if ch.dep_ == "nsubj"]
        for subj in subjects:
            if subj.head.i != verb.i:
                core.update(whole(subj))
                if subj.lower_ in PERSON_PRONOUNS:
                    key = ctx.pronoun_actor(subj)
                    if key is not None and ctx.actor_name.get(key):
                        names[subj.i] = ctx.actor_name[key]
        for child in verb.children:
            dep = child.dep_
            if dep in ("nsubj", "nsubjpass"):
                subj = verb.head if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else child
                core.update(i for i in whole(subj) if i >= verb.i - 12 or i >= subj.i - 3)
                if subj.lower_ in PERSON_PRONOUNS:
                    key = ctx.pronoun_actor(subj)
                    if key is not None and ctx.actor_name.get(key):
                        names[subj.i] = ctx.actor_name[key]
            elif dep in ("aux", "auxpass", "neg", "prt", "dobj", "attr", "acomp", "agent", "dative") and \
                    not (dep == "dobj" and c["kind"] == "object"):
                core.update(whole(child))
            elif dep == "prep" and child.lower_ in PARTICIPANT_PREPS | PLACE_PREPS | {"to", "for", "on", "against"}:
                core.update(whole(child))
            elif dep in ("ccomp", "xcomp") and c["type"] in ("statement", "agreement", "proposal", "aid"):
                content = sorted(t.i for t in child.subtree)
        if c["type"] == "statement" and not content and verb.dep_ in ("ccomp", "parataxis") \
                and verb.head.i < verb.i:
            # "Moscow wants X, NBC News wrote": the reported clause is the governing one
            mine = {t.i for t in verb.subtree}
            content = [t.i for t in verb.head.subtree if t.i not in mine and t.i < verb.i]
    if d is not None:
        span = d["span"]
        core.update(range(span.start, span.end))
        if span.start > 0 and doc[span.start - 1].lower_ in DATE_PREPS:
            core.add(span.start - 1)
    line_lo, line_hi = doc_index.line_bounds(doc, trig.idx)
    in_line = lambda i: sent.start <= i < sent.end and line_lo <= doc[i].idx < line_hi
    core = {i for i in core if in_line(i) and i not in content}
    content = [i for i in content if in_line(i)
               and doc[i].text not in QUOTE_MARKS and not doc[i].is_space]
    while content and (doc[content[0]].is_punct or doc[content[0]].lower_ == "that" and content[0] < trig.i):
        content.pop(0)
    while content and doc[content[-1]].is_punct:
        content.pop()
    if len(content) > CONTENT_TOKENS:
        content = content[:CONTENT_TOKENS] + [-1]
    rest = [i for i in core if i not in range(d["span"].start - 1, d["span"].end)] if d is not None else []
    if d is not None and rest and d["span"].end <= trig.i and d["span"].end < min(rest):
        # "Late Wednesday, ... holding a meeting": the date after the happening it dates
        lo = d["span"].start - 1 if d["span"].start - 1 in core else d["span"].start
        first = doc[lo]
        for i in range(d["span"].start - 1, d["span"].end):
            core.discard(i)
        tail = doc[lo:d["span"].end].text
        if first.pos_ != "PROPN" and tail[:1].isupper():
            tail = tail[0].lower() + tail[1:]
        names[max(core)] = names.get(max(core), doc[max(core)].text) + " " + tail
    words = _render(doc, sorted(core), names)
    said = _render(doc, content, names)
    if said and content[0] < trig.i:
        text = f"{words}: {said}"
    elif said:
        text = _render(doc, sorted(set(core) | {i for i in content if i >= 0}), names) + (" …" if content[-1] == -1 else "")
    else:
        text = words
    text = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", text)
    parts = text.split()
    if len(parts) > DESCRIPTION_WORDS:
        text = " ".join(parts[:DESCRIPTION_WORDS]).rstrip(",;:") + " …"
    return text


def _render(doc: Doc, idx: list[int], names: dict[int, str]) -> str:
    """The tokens at `idx` as text: neighbours with their own spacing, gaps as one space."""
    out = []
    idx = [i for i in idx if i == -1 or not (doc[i].is_space or doc[i].text in QUOTE_MARKS)]
    while idx and idx[0] != -1 and (doc[idx[0]].is_punct or doc[idx[0]].pos_ in ("CCONJ", "SCONJ")):
        idx.pop(0)
    while idx and idx[-1] != -1 and (doc[idx[-1]].is_punct or doc[idx[-1]].pos_ in ("CCONJ", "SCONJ", "ADP", "DET")):
        idx.pop()
    for n, i in enumerate(idx):
        if i == -1:
            out.append(" …")
            break
        out.append(names.get(i, doc[i].text))
        nxt = idx[n + 1] if n + 1 < len(idx) else None
        if nxt is not None and nxt != -1:
            if nxt == i + 1:
                out.append(" " if doc[i].whitespace_ else "")
            elif doc[nxt].is_punct:
                out.append("")
            else:
                out.append(" ")
    text = "".join(out).strip()
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return re.sub(r"\s+", " ", re.sub(r"(,\s*){2,}", ", ", text)).strip(" ,;")


def place_tokens(c: dict, place: int | None, ctx: Context) -> list[Token]:
    if place is None:
        return []
    heads = [t for t in (c["trigger"], c["anchor"] if c["kind"] == "object" else None) if t is not None]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and place in ctx.actors(pobj):
                        return [prep]
    return []


def date_words(d: dict, body: str) -> str:
    """The words that give the date: the date expression with the preposition
    that introduces it ("on Tuesday", "in 2014")."""
    span = d["span"]
    start, end = d["row"]["start"], d["row"]["end"]
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.dep_ == "prep" and span.root.head.i == prev.i \
            and prev.lower_ in DATE_PREPS and body[prev.idx:start].strip() == prev.text:
        start = prev.idx
    return body[start:end]


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
