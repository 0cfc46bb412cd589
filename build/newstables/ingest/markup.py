"""Markup in text input (.txt, JSON Lines and CSV `text`): removed before
anything else reads the text, so none of it reaches a table.

Only tags of real HTML elements are markup (lxml's list of HTML and HTML5
element names): `<b>`, `</p>`, `<img src=x onerror=...>` go, while prose such
as "x <y and z>", "<john@example.com>" or "5 < 6" stays. Scripts and styles go
with their content; comments and doctype/CDATA markers go. Block elements and
line breaks become line breaks, so paragraphs stay paragraphs. Character
references are decoded after the tags are gone ("&lt;b&gt;" is the text "<b>",
not a tag), once.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from lxml.html import defs

from .rules import cleaning_rules

# Elements whose content is code or styling, not text.
HIDDEN_CONTENT = ("script", "style", "template", "noscript")
# Elements that end a line (lxml's block tags, HTML5 sectioning, line breaks).
LINE_ENDING = frozenset(defs.block_tags) | {"article", "aside", "footer", "header", "main", "nav", "section",
                                            "figure", "figcaption", "details", "summary", "br", "hr", "tr"}
ELEMENTS = frozenset(defs.tags) | frozenset(defs.html5_tags) | LINE_ENDING | {"main", "template", "picture"}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    names = "|".join(sorted(ELEMENTS, key=len, reverse=True))
    return {
        "hidden": re.compile(rf"<({'|'.join(HIDDEN_CONTENT)})\b[^>]*>.*?</\1\s*>", re.I | re.S),
        "comment": re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|<!DOCTYPE[^>]*>|<\?xml[^>]*\?>", re.I | re.S),
        "tag": re.compile(rf"</?({names})(?=[\s/>])(?:\s[^<>]*)?/?>", re.I),
        "opening": re.compile(r"<[!?/A-Za-z]"),
    }


def strip_markup(text: str) -> str:
    """`text` with its markup removed and character references decoded."""
    patterns = _patterns()
    if patterns["opening"].search(text):
        text = patterns["hidden"].sub("", text)
        text = patterns["comment"].sub("", text)
        text = patterns["tag"].sub(_tag_replacement, text)
    return cleaning_rules()["references"].sub(lambda m: html.unescape(m.group()), text)


def _tag_replacement(match: re.Match) -> str:
    return "\n" if match.group(1).lower() in LINE_ENDING else ""
