"""The event vocabulary: trigger rules read from `schema/event_triggers.yml`."""
from __future__ import annotations

from functools import lru_cache

import yaml

from ..settings import SCHEMA_DIR


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
