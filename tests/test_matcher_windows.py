"""The windowed Matcher finds what a plain Matcher finds, in order, while
looking only around anchor words; patterns it cannot anchor make it look at
the whole doc."""
from newstables.extract import dates
from newstables.extract.matcher_windows import WindowedMatcher

TEXT = ("Late on Monday the board met. Shares rose in 2014 and again in early 2019, "
        "and the talks resume next week, on 3 March 2025 or Jan. 5. "
        + "Nothing of the kind happened here at all. " * 20
        + "The result comes this month, before Christmas Eve.")


def test_date_patterns_found_as_by_a_plain_matcher(nlp):
    doc = nlp(TEXT)
    windowed = dates._matcher(nlp.vocab)
    found = windowed(doc)
    assert found == sorted(windowed.matcher(doc), key=lambda m: (m[1], m[2], m[0]))
    texts = {doc[s:e].text for _, s, e in found}
    assert {"Monday", "2014", "next week", "3 March 2025", "Jan. 5", "this month"} <= texts
    # the filler sentences in the middle are never looked at
    covered = sum(end - start for start, end in windowed.windows(doc))
    assert covered < len(doc) / 2


def test_matches_at_the_edges_of_the_doc(nlp):
    matcher = WindowedMatcher(nlp.vocab)
    matcher.add("CUE", [[{"LOWER": "according"}, {"LOWER": "to"}], [{"LEMMA": {"IN": ["say"]}}]])
    doc = nlp("According to the firm, sales fell, it said")
    assert [doc[s:e].text for _, s, e in matcher(doc)] == ["According to", "said"]


def test_a_repeating_pattern_looks_at_the_whole_doc(nlp):
    matcher = WindowedMatcher(nlp.vocab)
    matcher.add("NAME", [[{"LOWER": "sir"}, {"IS_TITLE": True, "OP": "+"}]], greedy="LONGEST")
    doc = nlp("Sir Alex Ferguson Junior spoke.")
    assert matcher.windows(doc) == [(0, len(doc))]
    assert [doc[s:e].text for _, s, e in matcher(doc)] == ["Sir Alex Ferguson Junior"]
