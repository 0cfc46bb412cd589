"""Stories (newstables.link.stories): articles that report one happening,
grouped by the words, events and actors they share within a time window."""
from __future__ import annotations

from newstables.link import stories

FERRY = [
    ("Port Ellen ferry terminal to close", """The harbour authority of Port Ellen will close the old ferry
     terminal for eighteen months while engineers rebuild the storm-damaged sea wall. Ferry passengers will
     use a temporary pontoon on the north quay."""),
    ("Islanders angry at terminal closure", """Shopkeepers in Port Ellen say the closure of the ferry
     terminal will ruin their summer. The harbour authority insists the sea wall is unsafe and the pontoon
     on the north quay is ready for passengers."""),
    ("Sea wall works: what ferry travellers need to know", """Ferry passengers leaving Port Ellen will board
     from the north quay pontoon from June, when the harbour authority starts rebuilding the sea wall and
     closes the terminal."""),
]
LIBRARY = ("Library opens late", """The county library will stay open until nine in the evening on
     weekdays after a winter trial drew students and parents. The mobile library van will stop on Sundays.""")


def row(article_id, title, body, published="2024-05-02", publisher=None):
    return {"id": article_id, "title": title, "body": body, "published": published, "publisher": publisher}


def group(articles, duplicate_of=None, events=None, actors=None):
    groups, vectors = stories.group_stories(articles, events or {}, actors or {}, duplicate_of or {})
    return sorted(groups), vectors


def test_reports_of_one_happening_are_one_story_and_the_rest_alone():
    articles = [row(f"f{i}", t, b, publisher=f"Outlet {i}") for i, (t, b) in enumerate(FERRY)] + \
               [row("lib", *LIBRARY, publisher="Outlet 0")]
    groups, vectors = group(articles)
    assert groups == [["f0", "f1", "f2"], ["lib"]]
    rows, story_of = stories.story_rows(groups, {a["id"]: a for a in articles}, vectors)
    ferry = rows[story_of["f0"]- 1]
    assert (ferry["article_count"], ferry["outlet_count"], ferry["first_published"]) == (3, 3, "2024-05-02")
    assert "Port" in ferry["label"] or "terminal" in ferry["label"] or "pontoon" in ferry["label"]


def test_articles_a_month_apart_are_two_stories():
    articles = [row("f0", *FERRY[0], published="2024-05-02"), row("f2", *FERRY[2], published="2024-06-10")]
    assert group(articles)[0] == [["f0"], ["f2"]]


def test_a_shared_event_brings_two_reports_together():
    plain = [row("x", "Pool plan approved", "The town council approved the budget for a new swimming pool."),
             row("y", "Leisure centre backed", "Town councillors approved spending on a leisure centre by the river.")]
    assert group(plain)[0] == [["x"], ["y"]]
    assert group(plain, events={"x": {7}, "y": {7}}, actors={"x": {3, 4, 5}, "y": {3, 4, 5}})[0] == [["x", "y"]]


def test_a_copy_is_in_its_original_story_whatever_its_words():
    articles = [row("f0", *FERRY[0]), row("lib", *LIBRARY)]
    assert group(articles, duplicate_of={"lib": "f0"})[0] == [["f0", "lib"]]
