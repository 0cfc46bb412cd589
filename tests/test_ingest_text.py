"""Text input: markup removed before anything else, the language of each
article, and every file of the folder accounted for."""
import json

import pytest

from newstables.corpus import build_article, ingest, read_corpus
from newstables.ingest.language import declared, detect
from newstables.ingest.markup import strip_markup

XSS = """Council vote <b>delayed</b>

The <b>president</b> of the council said on Monday that the vote would wait.<script>alert(1)</script>
<style>p { color: red }</style><p>Members will meet again in <i>two</i> weeks.</p>
<img src=x onerror="alert('img')">The clerk wrote &lt;b&gt;urgent&lt;/b&gt; on the file &amp; left.
"""


def test_tags_scripts_and_styles_are_removed_and_references_decoded_once():
    text = strip_markup(XSS)
    markup_part = text[:text.index("The clerk")]
    assert "<" not in markup_part and ">" not in markup_part
    for gone in ("alert(1)", "color: red", "onerror", "alert('img')"):
        assert gone not in text, gone
    assert text.startswith("Council vote delayed\n")
    assert "The president of the council said" in text
    assert "Members will meet again in two weeks." in text
    # an escaped tag is text that reads "<b>", not a tag: decoded once, kept
    assert "The clerk wrote <b>urgent</b> on the file & left." in text


def test_prose_with_angle_brackets_is_not_markup():
    text = "Profit rose 5 < 6 analysts said; write to <desk@example.org> or x <y and z> stays."
    assert strip_markup(text) == text


def test_block_tags_end_lines_so_paragraphs_stay_apart():
    assert strip_markup("<p>One.</p><p>Two.</p>").split() == ["One.", "Two."]
    assert "One.\n" in strip_markup("One.<br>Two.")


def test_markup_never_reaches_raw_body_or_title_and_the_bytes_are_kept(tmp_path):
    (tmp_path / "xss.txt").write_text(XSS, encoding="utf-8")
    [article], problems = read_corpus(tmp_path)
    assert problems == []
    assert article.title == "Council vote delayed"
    for text in (article.raw, article.body, article.title):
        assert "<script" not in text and "alert(1)" not in text and "<i>" not in text
    assert "The president of the council" in article.body
    assert article.source.data == XSS.encode("utf-8")   # nothing lost
    assert article.source.media_type == "text/plain"


def test_plain_text_keeps_no_second_copy(tmp_path):
    (tmp_path / "plain.txt").write_text("The minister spoke on Monday.\n", encoding="utf-8")
    [article], _ = read_corpus(tmp_path)
    assert article.source is None and article.raw == "The minister spoke on Monday.\n"


def test_jsonl_text_loses_its_markup_too(tmp_path):
    record = {"id": "j1", "text": "<div>The <em>mayor</em> said the road would reopen.</div><script>x()</script>",
              "title": "Road <b>reopens</b>"}
    (tmp_path / "docs.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article], _ = read_corpus(tmp_path)
    assert article.body == "The mayor said the road would reopen."
    assert "x()" not in article.raw


RUSSIAN = ("Министр иностранных дел заявил во вторник в Москве, что переговоры продолжатся на следующей неделе. "
           "По его словам, делегации обсудят вопросы безопасности и обмен пленными.")
ENGLISH = "The foreign minister said on Tuesday that talks would continue next week in the capital."


def test_language_is_detected_from_the_body():
    assert build_article("r", "r.txt", RUSSIAN, {}).language == "ru"
    article = build_article("e", "e.txt", ENGLISH, {})
    assert article.language == "en" and article.metadata_source["language"] == "detected"


@pytest.mark.parametrize("text", ["Sunday, 3 March", "Old Trafford, Manchester", "Tuesday, 18 November",
                                  "Result: 6-4 7-5 (7/3)", "2024 — 12:30", ""])
def test_an_unsure_call_is_no_call(text):
    """Place names, days and scores are no language: a detector's best guess
    for them (Welsh, Uzbek, Nigerian Pidgin) would cost an English article
    its extraction. Below the confidence floor the answer is unknown."""
    assert detect(text)[0] is None


def test_given_language_wins_over_detection():
    article = build_article("r", "r.txt", RUSSIAN, {"language": "uk"})
    assert article.language == "uk" and article.metadata_source["language"] == "manifest"


def test_a_given_language_is_not_detected_again(monkeypatch):
    """Detection is most of the cost of reading a corpus; one that says its
    language does not pay it."""
    from newstables.ingest import language

    def no_detection(text):
        raise AssertionError("detected although given")

    monkeypatch.setattr(language, "detect", no_detection)
    assert build_article("r", "r.txt", RUSSIAN, {"language": "ru"}).language == "ru"


def test_declared_language_tags_are_cut_to_iso_639_1():
    assert declared("en-GB") == "en" and declared("pt_BR") == "pt" and declared("DE") == "de"
    assert declared("english") is None and declared(None) is None


def test_manifest_language_must_be_a_two_letter_code(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "manifest.yml").write_text("a.txt:\n  language: English\n", encoding="utf-8")
    [article], problems = read_corpus(tmp_path)
    assert article.language == "en"
    assert "two-letter" in problems[0].problem and problems[0].file == "manifest.yml"


def test_every_file_is_accounted_for(tmp_path):
    (tmp_path / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "table.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    found = ingest(tmp_path)
    assert [a.id for a in found.articles] == ["good"]
    unsupported = {p.file for p in found.problems if "not a supported format" in p.problem}
    assert unsupported == {"notes.md", "photo.jpg", "sub/table.xlsx"}


def test_uppercase_suffixes_are_read(tmp_path):
    (tmp_path / "LOUD.TXT").write_text(ENGLISH, encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["LOUD"] and problems == []


def test_a_rebuild_reads_detections_from_the_cache_folder(tmp_path, monkeypatch):
    """The second read of a corpus neither loads nor runs the detector."""
    from newstables.ingest import language

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    with language.remembered(tmp_path / "cache"):
        first = ingest(corpus).articles[0].language

    def no_detector(sample):
        raise AssertionError("detected again")

    monkeypatch.setattr(language, "_classify", no_detector)
    with language.remembered(tmp_path / "cache"):
        assert ingest(corpus).articles[0].language == first == "ru"
    outside = ingest(corpus)     # nothing remembered: the detector runs (and here fails the file)
    assert not outside.articles and "detected again" in str(outside.problems[0])
