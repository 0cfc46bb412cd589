"""Duplicate articles (newstables.link.duplicates): MinHash LSH over word
shingles finds exact and near copies; duplicate_of names the earliest."""
from __future__ import annotations

from newstables.link import duplicates
from newstables.link.cache import LinkCache

HARBOUR = """The harbour authority of Port Ellen said on Tuesday that the old ferry terminal would close for
eighteen months while engineers replace the sea wall, which was badly damaged in the January storms.
Passengers will board from a temporary pontoon on the north quay, and the council has promised a shuttle
bus from the town centre every twenty minutes during the summer timetable.
Local businesses had asked for the work to wait until the autumn. The owner of the quayside bakery said
the closure would cost her most of the summer trade, while the fishermen's association welcomed the plan
and said the wall had been unsafe for years.
The authority expects the new terminal to open in the spring of next year, with a covered waiting room,
a cycle store and a second berth for the larger ferries that the operator plans to bring into service."""

LIBRARY = """The county library will stay open until nine in the evening on weekdays from next month, after
a trial last winter drew more readers than the staff had expected. Students preparing for exams were the
largest group of late visitors, the head librarian said, followed by parents with young children.
The longer hours will be paid for by closing the mobile library van on Sundays, a change that the
villages on the western edge of the county have opposed. Their councillors will raise it at the next
meeting of the finance committee."""


def row(article_id, body, published=None, title=None):
    return {"id": article_id, "body": body, "published": published, "title": title}


def test_exact_copies_point_to_the_earliest(tmp_path):
    articles = [row("b", HARBOUR, "2024-05-02"), row("a", HARBOUR, "2024-05-03"), row("c", LIBRARY, "2024-05-02"),
                row("d", HARBOUR)]
    found = duplicates.find_duplicates(articles, LinkCache(tmp_path))
    assert found == {"a": "b", "d": "b"}   # dated before undated, then the earlier date


def test_same_date_copies_point_to_the_lower_id(tmp_path):
    articles = [row("z", LIBRARY, "2024-05-02"), row("m", LIBRARY, "2024-05-02")]
    assert duplicates.find_duplicates(articles, LinkCache(None)) == {"z": "m"}


def test_near_copies_with_small_edits_and_a_boilerplate_line_are_found(tmp_path):
    edited = (HARBOUR.replace("eighteen months", "18 months").replace("badly damaged", "severely damaged")
              .replace("every twenty minutes", "every 20 minutes")
              + "\nShare this article on social media. Follow us for more local news.")
    articles = [row("a-wire", HARBOUR, "2024-05-02", title="Ferry terminal to close"),
                row("b-site", edited, "2024-05-02", title="Port Ellen terminal shut for 18 months")]
    assert duplicates.find_duplicates(articles, LinkCache(tmp_path)) == {"b-site": "a-wire"}


def test_an_article_on_the_same_subject_is_no_duplicate(tmp_path):
    follow_up = """The harbour authority of Port Ellen has delayed the closure of the old ferry terminal by a
    month after business owners complained that the work would ruin the summer season. Engineers will now
    start on the sea wall in the autumn, and the temporary pontoon on the north quay will be ready before
    the first sailing of the winter timetable. The fishermen's association said it was disappointed."""
    articles = [row("first", HARBOUR, "2024-05-02"), row("later", follow_up, "2024-05-09")]
    assert duplicates.find_duplicates(articles, LinkCache(tmp_path)) == {}


def test_signatures_are_kept_in_the_link_cache(tmp_path):
    articles = [row("a", HARBOUR), row("b", LIBRARY)]
    first = LinkCache(tmp_path)
    duplicates.find_duplicates(articles, first)
    first.close()
    again = LinkCache(tmp_path)
    assert duplicates.find_duplicates(articles + [row("c", HARBOUR)], again) == {"c": "a"}
    assert (again.hits, again.misses) == (2, 0)   # nothing hashed again; the copy shares its text's entry


def test_a_long_text_is_signed_in_batches_with_the_same_signature(monkeypatch):
    """Batches bound the memory of a long article; the MinHash is the same."""
    text = " ".join(f"word{i % 997} other{i % 13}" for i in range(3000))
    whole = duplicates.signature(text)
    monkeypatch.setattr(duplicates, "BATCH_SHINGLES", 50)
    assert (duplicates.signature(text).hashvalues == whole.hashvalues).all()
