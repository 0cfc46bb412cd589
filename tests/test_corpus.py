"""Reading and cleaning: boilerplate out, metadata in, live-feed sections, bad input."""
import json

import pytest

from newstables.corpus import CorpusError, build_article, read_corpus

REUTERS = """A wary capital waits for details

By Anna Example and Boris Sample

BERLIN (Reuters) -The government said on Wednesday it was studying the plan.

"We will study it," the spokesman said.

(Reporting by Anna Example; Editing by Carl Editor)

tagreuters.com2025binary_LYNXMPEL2B0CA-VIEWIMAGE"""

WIDGETS = """Leaders meet in Geneva for talks

robot
Abstract generation in progress

The talks began on Monday and will last two days.

This article, Leaders meet in Geneva for talks, first appeared in Example Media.

View Original
The content is for reference only, not a solicitation or offer. See Disclaimer for more risks disclosure.
  • Reward
  • Comment
  • Share
Comment
0/400
No comments"""

LIVE_FEED = """Officials met on Thursday, the ministry said.
This live feed has ended.
14 March 2025
The envoy left on Friday.
13 March 2025
The envoy arrived on Thursday."""


def test_reuters_headline_byline_dateline_and_wire_tag():
    article = build_article("a", "a.txt", REUTERS, {})
    assert article.title == "A wary capital waits for details"
    assert article.authors == ["Anna Example", "Boris Sample"]
    assert article.dateline == "BERLIN"
    assert article.publisher == "Reuters"
    assert "tagreuters" not in article.body
    assert not article.body.startswith("A wary capital")  # the headline is the title, not body
    assert "BERLIN (Reuters) - The government said" in article.body  # dash set apart from the word
    assert article.metadata_source["publisher"] == "inferred"
    assert article.raw.endswith("VIEWIMAGE")  # nothing lost


def test_widgets_disclaimers_and_ai_summary_are_removed_credit_line_gives_publisher():
    article = build_article("b", "b.txt", WIDGETS, {})
    for gone in ("robot", "Abstract generation", "View Original", "Disclaimer", "Reward", "0/400",
                 "No comments"):
        assert gone not in article.body, gone
    assert article.title == "Leaders meet in Geneva for talks"
    assert article.publisher == "Example Media"
    assert article.body.startswith("The talks began on Monday")


def test_live_feed_headings_become_dated_sections():
    article = build_article("c", "c.txt", LIVE_FEED, {"published": "2025-03-13"})
    assert "This live feed has ended" not in article.body
    assert [(s.heading, s.date) for s in article.sections] == [
        ("14 March 2025", "2025-03-14"), ("13 March 2025", "2025-03-13")]
    left = article.body.index("The envoy left")
    arrived = article.body.index("The envoy arrived")
    assert article.reference_date(left) == "2025-03-14"
    assert article.reference_date(arrived) == "2025-03-13"
    assert article.reference_date(0) == "2025-03-13"  # the lead: the publication day


def test_manifest_values_win_over_inferred_ones():
    article = build_article("a", "a.txt", REUTERS, {"publisher": "Reuters UK", "published": "2025-03-12"})
    assert article.publisher == "Reuters UK"
    assert article.metadata_source["publisher"] == "manifest"
    assert article.published == "2025-03-12"


def test_a_short_first_paragraph_is_not_a_headline():
    text = "Third-quarter profit rose 5% at the company.\n\nSales were flat, it said on Tuesday."
    article = build_article("f", "f.txt", text, {})
    assert article.title is None
    assert article.body.startswith("Third-quarter profit")


def test_ap_dateline_with_country_and_underscore():
    article = build_article("g", "g.txt", "CANBERRA, Australia (AP)_ Qantas will double its flights.", {})
    assert (article.dateline, article.publisher) == ("CANBERRA, Australia", "AP")


def test_a_paragraph_is_not_mistaken_for_a_headline():
    text = ("Russian President Vladimir Putin agreed yesterday to a proposal for a month-long halt "
            "to strikes against energy infrastructure but stopped short of accepting a ceasefire.\n"
            "Talks will begin immediately, the White House said.")
    article = build_article("d", "d.txt", text, {})
    assert article.title is None
    assert article.body.startswith("Russian President")


def test_seed_corpus_metadata(tmp_path):
    articles, problems = read_corpus("corpus")
    assert problems == []
    by_id = {a.id: a for a in articles}
    assert len(by_id) == 5
    reuters = by_id["000_968f6dcd922b88a6"]
    assert (reuters.publisher, reuters.published) == ("Reuters", "2025-03-12")
    assert all(a.published for a in articles)
    assert all(a.published_basis for a in articles)
    feed = by_id["004_4c5806617983fe4d"]
    assert [s.date for s in feed.sections] == ["2025-03-14", "2025-03-13"]


# --- bad input --------------------------------------------------------------

def write_corpus(tmp_path, files: dict, manifest: str | None = None):
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if manifest is not None:
        (tmp_path / "manifest.yml").write_text(manifest, encoding="utf-8")
    return tmp_path


GOOD = "The minister said on Monday that talks would resume.\n"


def test_bad_files_are_reported_by_name_and_the_rest_is_read(tmp_path):
    corpus = write_corpus(tmp_path, {
        "good.txt": GOOD,
        "empty.txt": "",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "latin1.txt": "Caf\xe9 talks".encode("latin-1"),
    })
    articles, problems = read_corpus(corpus)
    assert [a.id for a in articles] == ["good"]
    messages = {p.file: p.problem for p in problems}
    assert "empty" in messages["empty.txt"]
    assert "binary" in messages["binary.txt"]
    assert "UTF-8" in messages["latin1.txt"]


def test_malformed_manifest_entries(tmp_path):
    corpus = write_corpus(tmp_path, {"a.txt": GOOD, "b.txt": GOOD}, manifest=(
        "a.txt:\n  published: 12 March\n"
        "b.txt:\n  publisher: Example\n  colour: blue\n"
        "missing.txt:\n  title: Nowhere\n"))
    articles, problems = read_corpus(corpus)
    assert sorted(a.id for a in articles) == ["a", "b"]  # both still built, metadata inferred
    text = "\n".join(str(p) for p in problems)
    assert "'a.txt'" in text and "YYYY-MM-DD" in text
    assert "'b.txt'" in text and "colour" in text
    assert "'missing.txt' has no file" in text


def test_manifest_that_is_not_yaml(tmp_path):
    corpus = write_corpus(tmp_path, {"a.txt": GOOD}, manifest="a.txt: [unclosed\n")
    articles, problems = read_corpus(corpus)
    assert [a.id for a in articles] == ["a"]
    assert problems[0].file == "manifest.yml" and "YAML" in problems[0].problem


def test_jsonl_lines_that_are_not_json_or_lack_fields(tmp_path):
    lines = [
        json.dumps({"id": "one", "text": GOOD, "published": "2025-03-11", "authors": ["A B"]}),
        "{not json",
        json.dumps({"text": GOOD}),
        json.dumps({"id": "three", "text": ""}),
        json.dumps({"id": "one", "text": "Another text with the same id."}),
    ]
    corpus = write_corpus(tmp_path, {"docs.jsonl": "\n".join(lines) + "\n"})
    articles, problems = read_corpus(corpus)
    assert [a.id for a in articles] == ["one"]
    assert articles[0].published == "2025-03-11" and articles[0].authors == ["A B"]
    located = sorted((p.line, p.problem.split(" ")[0]) for p in problems if p.line)
    assert [line for line, _ in located] == [2, 3, 4, 5]
    assert any("duplicate article id 'one'" in p.problem for p in problems)


def test_duplicate_ids_across_text_and_jsonl(tmp_path):
    corpus = write_corpus(tmp_path, {"x.txt": GOOD, "docs.jsonl": json.dumps({"id": "x", "text": GOOD})})
    articles, problems = read_corpus(corpus)
    assert len(articles) == 1
    assert "duplicate article id 'x'" in problems[0].problem


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="not a folder"):
        read_corpus(tmp_path / "nope")


def test_a_one_paragraph_article_keeps_its_text_as_body():
    article = build_article("e", "e.txt", "Negotiators met in Geneva on Tuesday.\n", {})
    assert article.title is None
    assert article.body == "Negotiators met in Geneva on Tuesday."


def test_invisible_characters_are_removed_from_the_body():
    raw = "Union leader Jeff Traeger\u200b said the chain\u00adwide vote was\ufeff close."
    article = build_article("z", "z.txt", raw, {"title": "Vote"})
    assert article.body == "Union leader Jeff Traeger said the chainwide vote was close."
    assert "\u200b" in article.raw


def test_story_continues_lines_are_removed():
    raw = "The talks began on Monday.\n\nStory continues below advertisement\n\n\"We will see,\" he said."
    article = build_article("y", "y.txt", raw, {"title": "Talks"})
    assert "Story continues" not in article.body


def test_html_character_references_become_characters():
    raw = "Singer Bryn F&#244;n paid &#163;5m, a sum &gt; last year&#x27;s. R&D and AT&T stay."
    article = build_article("h", "h.txt", raw, {"title": "Refs"})
    assert article.body == "Singer Bryn Fôn paid £5m, a sum > last year's. R&D and AT&T stay."
