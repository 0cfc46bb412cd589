"""The event vocabulary: types from `schema/event_types.yml`, trigger rules
from `schema/event_triggers.yml`, read once and checked.

Rules name word classes as "@name"; here they become plain sets of lemmas.
Every verb and noun rule becomes a list of senses (a bare type is one sense
that always fits), and object nouns are indexed by noun, each with the verb
groups that make it an event. A type that event_types.yml does not list, or an
unknown class, is an error naming the file and the rule: a typo must not
silently drop a trigger.
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from ..settings import SCHEMA_DIR

TYPES_FILE = "event_types.yml"
TRIGGERS_FILE = "event_triggers.yml"
WORD_FIELDS = ("verb", "prep", "particle", "under_prep", "not_prep", "not_particle")
WORD_CONDITIONS = ("object", "not_object", "subject", "not_subject", "prep_object", "modifier", "not_modifier",
                   "complement", "context", "object_words")


class EventVocabularyError(ValueError):
    pass


@lru_cache(maxsize=1)
def event_types() -> dict[str, dict]:
    rows = yaml.safe_load((SCHEMA_DIR / TYPES_FILE).read_text(encoding="utf-8"))
    return {row["code"]: row for row in rows}


@lru_cache(maxsize=1)
def triggers() -> dict:
    data = yaml.safe_load((SCHEMA_DIR / TRIGGERS_FILE).read_text(encoding="utf-8"))
    classes = {name: {w.lower() for w in words} for name, words in (data.get("classes") or {}).items()}
    types = event_types()

    def words(value, where: str) -> frozenset[str]:
        out = set()
        for item in [value] if isinstance(value, str) else value or ():
            if not isinstance(item, str):
                raise EventVocabularyError(f"{SCHEMA_DIR / TRIGGERS_FILE}: {where}: {item!r} is not a word "
                                           f"(YAML reads on/off/yes/no unquoted as true/false: quote them)")
            if item.startswith("@"):
                if item[1:] not in classes:
                    raise EventVocabularyError(f"{SCHEMA_DIR / TRIGGERS_FILE}: {where}: no class {item!r}")
                out |= classes[item[1:]]
            else:
                out.add(item.lower())
        return frozenset(out)

    def type_of(code: str, where: str) -> str:
        if code not in types:
            raise EventVocabularyError(f"{SCHEMA_DIR / TRIGGERS_FILE}: {where}: type {code!r} is not in {TYPES_FILE}")
        return code

    def checked_words(item: dict, where: str) -> dict:
        for key in WORD_FIELDS:
            if key in item and not isinstance(item[key], str):
                raise EventVocabularyError(f"{SCHEMA_DIR / TRIGGERS_FILE}: {where}: {key}: {item[key]!r} is not a word "
                                           f"(YAML reads on/off/yes/no unquoted as true/false: quote them)")
        return dict(item)

    def senses(rule, where: str) -> list[dict]:
        out = []
        for sense in [{"type": rule}] if isinstance(rule, str) else rule:
            sense = checked_words(sense, where)
            sense["type"] = type_of(sense["type"], where)
            for key in WORD_CONDITIONS:
                if key in sense:
                    sense[key] = words(sense[key], where)
            for key in ("object_actor", "subject_actor", "prep_object_actor"):
                if key in sense:
                    sense[key] = frozenset(sense[key])
            out.append(sense)
        return out

    object_nouns: dict[str, list[dict]] = {}
    for n, group in enumerate(data.get("object_nouns") or ()):
        where = f"object_nouns[{n}]"
        spec = {"type": type_of(group["type"], where), "verbs": words(group["verbs"], where),
                "not_prep": group.get("not_prep"), "not_modifier": words(group.get("not_modifier"), where)}
        for noun in words(group["nouns"], where):
            object_nouns.setdefault(noun, []).append(spec)
    phrases = []
    for n, phrase in enumerate(data.get("phrases") or ()):
        phrase = checked_words(phrase, f"phrases[{n}]")
        phrase["type"] = type_of(phrase["type"], f"phrases[{n}]")
        if "object" in phrase:
            phrase["object"] = words(phrase["object"], f"phrases[{n}]")
        phrases.append(phrase)
    return {
        "verbs": {lemma: senses(rule, f"verbs.{lemma}") for lemma, rule in (data.get("verbs") or {}).items()},
        "nouns": {lemma: senses(rule, f"nouns.{lemma}") for lemma, rule in (data.get("nouns") or {}).items()},
        "object_nouns": object_nouns,
        "phrases": phrases,
        "phrase_verbs": frozenset(p["verb"] for p in phrases),
        "dated_only": frozenset(data.get("dated_only") or ()),
        "announcements": frozenset(data.get("announcements") or ()),
        "light_verbs": frozenset(data.get("light_verbs") or ()),
        "decision_types": frozenset(data.get("decision_types") or ()),
        "realised_heads": frozenset(data.get("realised_heads") or ()),
        "hypothetical_heads": frozenset(data.get("hypothetical_heads") or ()),
        "habitual_words": frozenset(data.get("habitual_words") or ()),
        "stance_verbs": frozenset(data.get("stance_verbs") or ()),
        "occurrence_verbs": frozenset(data.get("occurrence_verbs") or ()),
        "unresolved_dates": {k: frozenset(v) for k, v in (data.get("unresolved_dates") or {}).items()},
    }
