"""Merging event mentions into events, within and across articles.

The rule: two mentions report the same happening when

1. they have the same type;
2. their dates are compatible: the same day, or one contains the other
   ("2025-03-11" lies in "2025-03", in "2025-W11" and in "2025"); an undated
   mention joins only an event it shares at least two actors with, or its
   place and one actor;
3. they share a participant or the place; for statements, a participant
   (the speaker) -- two people speaking in the same city are two statements;
   within one article, two mentions of the same type (not statements) on
   the same day are one happening unless they name different places or
   disjoint sets of participants ("Tuesday's talks between the US and
   Ukraine" ... "Tuesday's talks in Jeddah");
   but within one article two mentions that name people on each side, none
   shared, are two happenings even at one place and day ("Witkoff arrived
   for talks in Moscow", "Lukashenko's talks with Putin" in Moscow); and
   for what happens to one person (an arrest, a resignation, an award, a
   death: `PERSONAL_TYPES`) so are two such mentions of any articles;
4. they do not stand in the same sentence (the extractor already made one
   mention of what one sentence says twice, so two left there are two events).

An undated mention also joins a dated event of the same type by the place
alone -- across articles only a town or region, not a country ("talks in
Jeddah" are Tuesday's talks in Jeddah; "arrived in the UK" is not the UK
arrival another article dated) --, or by one actor when the event is its own
article's news (a mention of that article dated within the week before its
reference day), but only where exactly one event fits best; an ambiguous
undated mention stays an event of its own.

Mentions are taken most precise date first (day, week, month, year, undated),
then by article id and position; each joins the compatible event it shares
most actors with (the earliest such on a tie) or starts a new one. An event's
date is the most precise date of its mentions, so every mention's date
contains it and chains of coarse dates cannot join different days.

Ids are deterministic: events are numbered in order of (date, type, first
mention's article id and offset).
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}
# Happenings to one person: mentions naming different people are different
# events, in one article or across articles, whatever place and day they share.
PERSONAL_TYPES = {"legal_action", "resignation", "appointment", "death", "award"}
ROLE_RANK = {"agent": 0, "patient": 1, "participant": 2}


@lru_cache(maxsize=65536)
def interval(value: str | None) -> tuple[date, date] | None:
    """First and last day a date value covers."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if m:
        y, mo, d = m.groups()
        y = int(y)
        if d:
            day = date(y, int(mo), int(d))
            return day, day
        if mo:
            mo = int(mo)
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday, monday + timedelta(days=6)
    return None


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Same day, or one contains the other."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return a == b
    return (ia[0] <= ib[0] and ib[1] <= ia[1]) or (ib[0] <= ia[0] and ia[1] <= ib[1])


class _Event:
    def __init__(self, m: dict, order: int):
        self.type = m["type"]
        self.date = m["date"]
        self.precision = m["date_precision"]
        self.members = [m]
        self.actors = set(m["actor_ids"])
        self.places = {m["location_id"]} - {None}
        self.sentences = {(m["article_id"], m["sentence"])}
        self.order = order

    def add(self, m: dict) -> None:
        self.members.append(m)
        self.actors |= set(m["actor_ids"])
        if m["location_id"] is not None:
            self.places.add(m["location_id"])
        self.sentences.add((m["article_id"], m["sentence"]))
        if PRECISION_RANK.get(m["date_precision"], 4) < PRECISION_RANK.get(self.precision, 4):
            self.date, self.precision = m["date"], m["date_precision"]

    def shared(self, m: dict) -> int:
        """How strongly `m` fits: shared actors (+1 for the place); 0 if it may not join."""
        if m["type"] != self.type or (m["article_id"], m["sentence"]) in self.sentences:
            return 0
        actors = len(self.actors & set(m["actor_ids"]))
        place = 1 if m["location_id"] is not None and m["location_id"] in self.places else 0
        same_article = [x for x in self.members if x["article_id"] == m["article_id"]]
        if self.type != "statement" and _persons_clash(same_article, [m]):
            return 0  # one article, different people on each side: two happenings
        if self.type in PERSONAL_TYPES and _persons_clash(self.members, [m]):
            return 0  # two people arrested in Leeds on Monday: two arrests
        if m["date"] is None and self.date is not None and actors and same_article \
                and self.type != "statement" and actors + place < 2 and _recent(self.date, m.get("reference")):
            return 0.75  # the article's own dated report of it, told again undated
        if m["date"] is None or self.date is None:
            if actors < 2 and not (place and actors) and not (
                    place and self.date is not None and self.type != "statement"
                    and (same_article or m.get("location_is_town"))):
                return 0
        elif not dates_compatible(self.date, m["date"]):
            return 0
        if self.type == "statement":
            return actors + place if actors else 0
        if not actors and not place and m["date"] is not None and self.type != "statement":
            # same article, same day: the same happening unless the two clash
            same_day = [x for x in self.members if x["article_id"] == m["article_id"]
                        and x["date"] == m["date"] and x["date_precision"] == "day"]
            if same_day and not self._clashes(m):
                return 0.5
        return actors + place

    def _clashes(self, m: dict) -> bool:
        if m["location_id"] is not None and self.places and m["location_id"] not in self.places:
            return True
        if m["actor_ids"] and self.actors and not (self.actors & set(m["actor_ids"])):
            return True
        return False


def _persons_clash(a: list[dict], b: list[dict]) -> bool:
    """Mentions of one article that name people on both sides, none shared:
    "Witkoff arrived for talks in Moscow" and "Lukashenko's talks with Putin"
    in Moscow that day are two meetings. (Countries and organizations stand
    for delegations under many names, so only people count here.)"""
    pa = {p for x in a for p in x.get("person_ids", ())}
    pb = {p for x in b for p in x.get("person_ids", ())}
    return bool(pa and pb and not pa & pb)


def _recent(value: str | None, reference: str | None) -> bool:
    """A date within the week before the reference day (an article's news)."""
    span = interval(value)
    if span is None or not reference:
        return False
    ref = date.fromisoformat(reference[:10])
    return ref - timedelta(days=7) <= span[1] and span[0] <= ref


def _flatten(results, local_to_actor) -> list[dict]:
    """Event mentions with actor ids, article by article (in any order of
    articles: `cluster` orders them by date precision, article and offset)."""
    out = []
    for result in results:
        aid = result.article_id
        persons = {a["key"] for a in result.local_actors if a.get("type") == "person"}
        towns = {a["key"] for a in result.local_actors if a.get("type") == "place"}
        for m in sorted(result.event_mentions, key=lambda m: (m["start"], m["end"])):
            participants, person_ids = [], []
            for key, role in m.get("participants") or []:
                actor = local_to_actor.get((aid, key))
                if actor is not None:
                    participants.append((actor, role))
                    if key in persons:
                        person_ids.append(actor)
            loc = m.get("location")
            out.append({**m, "article_id": aid, "participant_ids": participants, "person_ids": person_ids,
                        "actor_ids": [a for a, _ in participants],
                        "location_id": local_to_actor.get((aid, loc)) if loc is not None else None,
                        "location_is_town": loc in towns,
                        "sentence": m.get("sentence", m["start"]),
                        "date": m.get("date"), "date_precision": m.get("date_precision") if m.get("date") else None})
    return out


def _keys(m: dict, lookup: bool = False) -> set:
    """Index keys of a mention: an event that may take a mention shares one of
    its keys. Dated mentions are looked up by year (compatible dates share
    it), undated ones across years."""
    year = m["date"][:4] if m["date"] else None
    keys = set()
    if not lookup or year is None:
        keys |= {("a", m["type"], a) for a in m["actor_ids"]}
        if m["location_id"] is not None:
            keys.add(("p", m["type"], m["location_id"]))
    if year is not None:
        keys |= {("ay", m["type"], year, a) for a in m["actor_ids"]}
        if m["location_id"] is not None:
            keys.add(("py", m["type"], year, m["location_id"]))
        keys.add(("d", m["type"], m["article_id"], m["date"]))
    return keys


class _Index:
    def __init__(self):
        self.events: dict[tuple, dict[int, _Event]] = {}

    def add(self, ev: _Event, m: dict) -> None:
        for key in _keys(m):
            self.events.setdefault(key, {})[ev.order] = ev

    def candidates(self, m: dict, alive) -> list[_Event]:
        found = {}
        for key in _keys(m, lookup=True):
            for order, ev in self.events.get(key, {}).items():
                if order in alive:
                    found[order] = ev
        return [found[k] for k in sorted(found)]


def cluster(mentions: list[dict]) -> list[_Event]:
    ordered = sorted(mentions, key=lambda m: (PRECISION_RANK.get(m["date_precision"], 4),
                                              m["article_id"], m["start"], m["end"]))
    events: list[_Event] = []
    index = _Index()
    alive: set[int] = set()
    for m in ordered:
        best, best_score, tied = None, 0, False
        for ev in index.candidates(m, alive):
            score = ev.shared(m)
            if score > best_score:
                best, best_score, tied = ev, score, False
            elif score and score == best_score:
                tied = True
        if best is not None and m["date"] is None and tied:
            best = None  # an undated mention that fits several events: keep it apart
        if best is None:
            best = _Event(m, len(events))
            events.append(best)
            alive.add(best.order)
        else:
            best.add(m)
        index.add(best, m)
    return _join_linked(events, index, alive)


def _join_linked(events: list[_Event], index: _Index, alive: set[int]) -> list[_Event]:
    """Join dated events that the greedy pass left apart although one of them
    fits the other by the same rule (a mention can be linked to two events;
    it joined one of them, and the link to the other must carry over)."""
    queue = [ev for ev in events if ev.date is not None]
    while queue:
        a = queue.pop(0)
        if a.order not in alive:
            continue
        for m in list(a.members):
            for b in index.candidates(m, alive):
                if b is a or b.date is None or b.type != a.type or not dates_compatible(a.date, b.date):
                    continue
                if a.sentences & b.sentences or (a.date != b.date and a.precision == b.precision):
                    continue
                if not b.shared(m):  # (b's members are checked against a from b's turn)
                    continue
                if a.type in PERSONAL_TYPES and _persons_clash(a.members, b.members):
                    continue
                if a.type != "statement" and any(
                        _persons_clash([x for x in a.members if x["article_id"] == art],
                                       [x for x in b.members if x["article_id"] == art])
                        for art in {x["article_id"] for x in a.members}):
                    continue
                keep, gone = (a, b) if a.order < b.order else (b, a)
                for x in gone.members:
                    keep.add(x)
                    index.add(keep, x)
                alive.discard(gone.order)
                queue.append(keep)
                break
            else:
                continue
            break
    return [ev for ev in events if ev.order in alive]


def _representative(ev: _Event) -> dict:
    return min(ev.members, key=lambda m: (m["date"] is None, m["location_id"] is None,
                                          -len(m["actor_ids"]), m["article_id"], m["start"]))


def resolve(results, local_to_actor: dict) -> dict:
    events = cluster(_flatten(results, local_to_actor))

    def first(ev):
        return min((m["article_id"], m["start"]) for m in ev.members)

    events.sort(key=lambda ev: (ev.date or "9999", ev.type, first(ev)))
    rows, mention_rows, actor_rows = [], [], []
    for number, ev in enumerate(events, start=1):
        rep = _representative(ev)
        places = Counter(m["location_id"] for m in ev.members if m["location_id"] is not None)
        location = min(places, key=lambda p: (-places[p], p)) if places else None
        rows.append({
            "id": number, "type": ev.type, "date": ev.date, "date_precision": ev.precision,
            "description": rep.get("description") or rep["text"], "location_id": location,
            "mention_count": len(ev.members),
            "article_count": len({m["article_id"] for m in ev.members}),
        })
        for m in sorted(ev.members, key=lambda m: (m["article_id"], m["start"])):
            mention_rows.append({"event_id": number, "article_id": m["article_id"], "text": m["text"],
                                 "start": m["start"], "end": m["end"], "date_text": m.get("date_text"),
                                 "trigger": m.get("trigger")})
        roles: dict[int, Counter] = {}
        for m in ev.members:
            for actor, role in m["participant_ids"]:
                roles.setdefault(actor, Counter())[role] += 1
        for actor in sorted(roles):
            role = min(roles[actor], key=lambda r: (-roles[actor][r], ROLE_RANK.get(r, 9)))
            actor_rows.append({"event_id": number, "actor_id": actor, "role": role})
    mention_rows.sort(key=lambda r: (r["article_id"], r["start"], r["event_id"]))
    return {"events": rows, "event_mentions": mention_rows, "event_actors": actor_rows}
