"""Dates: resolving expressions (newstables.dates) and finding them in text
(newstables.extract.dates). Reference day in these tests: Wednesday 2025-03-12."""
from __future__ import annotations

import pytest

from newstables.dates import resolve
from newstables.extract.dates import is_duration

REF = "2025-03-12"  # a Wednesday


@pytest.mark.parametrize("text, direction, value, precision", [
    # weekdays: the last one, the reference day itself, or the next one ahead
    ("on Tuesday", "past", "2025-03-11", "day"),
    ("Wednesday", "past", "2025-03-12", "day"),
    ("on Friday", "past", "2025-03-07", "day"),
    ("on Friday", "future", "2025-03-14", "day"),
    ("last Wednesday", "past", "2025-03-05", "day"),
    # modifiers dateparser cannot read are stripped
    ("late on Monday", "past", "2025-03-10", "day"),
    ("last August", "past", "2024-08", "month"),
    ("next March", "past", "2026-03", "month"),
    ("earlier this month", "past", "2025-03", "month"),
    ("mid-1996", "past", "1996", "year"),
    # bare months: last one unless looking ahead; the reference month is this one
    ("in June", "past", "2024-06", "month"),
    ("in June", "future", "2025-06", "month"),
    ("in March", "future", "2025-03", "month"),
    # named days without a year: the nearest, leaning the clause's way
    ("March 13", "past", "2025-03-13", "day"),
    ("Aug. 2", "past", "2024-08-02", "day"),
    ("13 March 2025", "past", "2025-03-13", "day"),
    # relative units at their own precision
    ("yesterday", "past", "2025-03-11", "day"),
    ("last week", "past", "2025-W10", "week"),
    ("this month", "past", "2025-03", "month"),
    ("last year", "past", "2024", "year"),
    ("two years ago", "past", "2023", "year"),
    ("the week of March 6", "past", "2025-W10", "week"),
    # clock times and parts of day on a known day
    ("by 1:30am Friday", "future", "2025-03-14T01:30", "time"),
    # small hours named by the next day's weekday, in a report of the day before: that next day
    ("by 2:15am Thursday", "past", "2025-03-13T02:15", "time"),
    ("early Thursday morning", "past", "2025-03-13TMO", "time"),
    ("10am Thursday", "past", "2025-03-06T10:00", "time"),      # daytime: last week's
    ("Thursday morning", "past", "2025-03-06TMO", "time"),      # no "early": last week's
    ("10:35 a.m.", "past", "2025-03-12T10:35", "time"),
    ("Friday morning", "past", "2025-03-07TMO", "time"),
    ("last night", "past", "2025-03-11TNI", "time"),
    # years, decades, quarters, seasons
    ("1962", "past", "1962", "year"),
    ("the 1980s", "past", "198", "decade"),
    ("the 20th century", "past", "19", "century"),
    ("the third quarter", "past", "2024-Q3", "quarter"),
    ("the third quarter of 1990", "past", "1990-Q3", "quarter"),
    ("the year-ago third quarter", "past", "2023-Q3", "quarter"),
    ("last fall", "past", "2024-FA", "season"),
    ("this summer", "past", "2025-SU", "season"),
])
def test_resolve(text, direction, value, precision):
    assert resolve(text, REF, direction) == (value, precision)


@pytest.mark.parametrize("text", ["recently", "now", "in the past", "for years"])
def test_vague_expressions_have_no_value(text):
    assert resolve(text, REF).value is None


def test_without_reference_only_absolute_expressions_resolve():
    assert resolve("on Tuesday", None).value is None
    assert resolve("last year", None).value is None
    assert resolve("13 March 2025", None).value == "2025-03-13"
    assert resolve("in 2014", None).value == "2014"


@pytest.mark.parametrize("text, duration", [
    ("30 days", True), ("30-day", True), ("90-minute", True), ("the past three years", True),
    ("a 6-year-old", True), ("daily", True),
    ("two years ago", False), ("last year", False), ("the third quarter", False), ("Tuesday", False),
])
def test_durations_are_not_dates(text, duration):
    assert is_duration(text) is duration


def _dates(extract, text, **meta):
    return {d["text"]: d["value"] for d in extract(text, **meta).dates}


def test_extract_finds_and_resolves_with_offsets(extract):
    text = "Officials met in Jeddah on Tuesday and agreed a 30-day ceasefire."
    result = extract(text)
    assert [(d["text"], d["value"]) for d in result.dates] == [("Tuesday", "2025-03-11")]
    d = result.dates[0]
    assert text[d["start"]:d["end"]] == d["text"] and d["reference"] == REF


def test_future_clause_looks_ahead(extract):
    found = _dates(extract, "Putin will meet the envoy on Friday.")
    assert list(found.values()) == ["2025-03-14"]
    found = _dates(extract, "Putin met the envoy on Friday.")
    assert list(found.values()) == ["2025-03-07"]


def test_year_inside_a_name_and_modifiers(extract):
    found = _dates(extract, "It was the worst standoff since the 1962 Cuban Missile Crisis. "
                            "Talks began late on Monday.")
    assert found.get("1962") == "1962"
    assert any(v == "2025-03-10" and "Monday" in t for t, v in found.items())


def test_anaphoric_year_earlier_follows_the_named_quarter(extract):
    found = _dates(extract, "Profit rose in the third quarter of 2024 from a year earlier.")
    assert found["a year earlier"] == "2023-Q3"


def test_durations_and_ages_are_skipped(extract):
    found = _dates(extract, "The 90-minute call followed 30 days of talks with a 52-year-old envoy.")
    assert found == {}


def test_no_publication_date_keeps_relative_dates_null(extract):
    found = _dates(extract, "The deal was signed on Tuesday, 13 March 2025.", published=None)
    assert all(v in (None, "2025-03-13") for v in found.values())
    assert "2025-03-13" in found.values()


def test_live_feed_heading_is_the_reference(extract):
    text = "14 March 2025\n\nThe envoy arrived on Thursday.\n\n17 March 2025\n\nHe left on Sunday."
    rows = {d["text"]: d for d in extract(text, published="2025-03-12").dates}
    assert rows["Thursday"]["value"] == "2025-03-13" and rows["Thursday"]["reference"] == "2025-03-14"
    assert rows["Sunday"]["value"] == "2025-03-16" and rows["Sunday"]["reference"] == "2025-03-17"


@pytest.mark.parametrize("text, value", [
    ("nineteen ninety-six", "1996"), ("the year two thousand", "2000"),
    ("the winter of nineteen ninety-four", "1994-WI"),
])
def test_spoken_years(text, value):
    assert resolve(text, REF).value == value


@pytest.mark.parametrize("text, value", [
    ("the end of the year", "2025"), ("the current quarter", "2025-Q1"),
    ("the latest quarter", "2024-Q4"), ("the year-ago quarter", "2023-Q4"),
    ("the weekend", "2025-W10-WE"),
])
def test_aliases_and_periods_without_anchor(text, value):
    assert resolve(text, REF).value == value


# --- rules added for the TempEval development set (texts of our own) -----------

@pytest.mark.parametrize("text, direction, value", [
    ("the quarter ended Dec. 31", "past", "2024-12-31"),     # the day a period ended
    ("January this year", "past", "2025-01"),                # month + this/last/next year
    ("June last year", "past", "2024-06"),
    ("October next year", "past", "2026-10"),
    ("by year-end", "past", "2025"),                         # year-end: the year
    ("last Feb. 3", "past", "2025-02-03"),                   # "last" + a named day
    ("this coming Sunday, March 16", "past", "2025-03-16"),
    ("the last half of 2024", "past", "2024-H2"),            # halves
    ("the first two quarters of 2026", "past", "2026-H1"),
    ("last spring", "past", "2024-SP"),                      # last + season: last year's
    ("this past winter", "past", "2024-WI"),                 # this past + season: the last ended
    ("noon Tuesday", "past", "2025-03-11T12:00"),            # clock + weekday
    ("10 p.m. Monday", "past", "2025-03-10T22:00"),
    ("in April", "past", "2025-04"),                         # a month or two ahead: the coming one
    ("in May", "past", "2025-05"),
    ("in June", "past", "2024-06"),                          # three ahead: still the last one
    ("Thanksgiving Day", "past", "2024-11-28"),              # holidays
    ("Memorial Day", "future", "2025-05-26"),
    ("Easter week", "future", "2025-W16"),
    ("year-earlier", "past", "2024"),                        # a year back with no period named
])
def test_rules_for_news_conventions(text, direction, value):
    assert resolve(text, REF, direction).value == value


@pytest.mark.parametrize("text", [
    "three days later", "a minute and a half later", "a day earlier", "barely a month",
    "2 1/2 years", "hundreds of years", "two to three weeks", "an additional year",
    "five trading days", "the weeks ahead", "the first hours", "every quarter",
    "the fourth consecutive month",
])
def test_more_durations(text):
    assert is_duration(text)


def test_ranges_are_split(extract):
    found = _dates(extract, "Prices rose from 2019 to 2022 and fell between Jan. 5 and Feb. 9.")
    assert found.get("2019") == "2019" and found.get("2022") == "2022"
    assert "2025-01-05" in found.values() and "2025-02-09" in found.values()


def test_period_and_its_end_day_are_two_dates(extract):
    found = _dates(extract, "Net income for the fourth quarter ended Dec. 31 doubled.")
    assert found.get("Dec. 31") == "2024-12-31"
    assert any(v == "2024-Q4" for v in found.values())


def test_duration_of_a_year_keeps_the_year(extract):
    found = _dates(extract, "Sales grew in the first nine months of 2023.")
    assert found == {"2023": "2023"}


def test_clock_time_joins_the_day_after_it(extract):
    found = _dates(extract, "Talks collapsed at noon Tuesday, officials said.")
    assert found == {"noon Tuesday": "2025-03-11T12:00"}


def test_headline_quarter_anchors_a_year_earlier(extract):
    text = "Net rose to $5 million from $4 million a year earlier."
    rows = extract(text, title="Acme's fourth-quarter profit rose 20%").dates
    assert [(d["text"], d["value"]) for d in rows] == [("a year earlier", "2023-Q4")]


def test_year_back_quarter_does_not_become_the_anchor(extract):
    found = extract("Profit rose in the fourth quarter. In the year-ago quarter it fell. "
                    "Sales were flat from a year earlier.").dates
    assert [d["value"] for d in found] == ["2024-Q4", "2023-Q4", "2023-Q4"]


def test_a_quarter_still_running_is_not_the_anchor(extract):
    found = _dates(extract, "It expects a first-quarter charge. Sales rose from a year ago.")
    assert found["a year ago"] == "2024"


def test_nine_months_make_a_year_earlier_a_year(extract):
    found = extract("Profit rose in the fourth quarter. For the nine months, sales rose from "
                    "a year earlier.").dates
    assert found[-1]["value"] == "2024"


@pytest.mark.parametrize("text, value", [
    ("The company went public in May 2019 and split its stock the following year.", "2020"),
    ("The plant opened in March 2019; later that year it closed.", "2019"),
])
def test_anaphoric_years_follow_the_last_named_date(extract, text, value):
    rows = extract(text).dates
    assert rows[-1]["value"] == value


@pytest.mark.parametrize("sentence, value", [
    ("The team planned to leave on Friday.", "2025-03-14"),      # plan verb above an infinitive
    ("The exchange is to reopen Friday.", "2025-03-14"),         # "is to" + verb
    ("The ministers meet Friday in Geneva.", "2025-03-14"),      # plain present tense
    ("Troops could arrive as soon as Friday.", "2025-03-14"),    # "as soon as"
    ("The board has scheduled a vote for Friday.", "2025-03-14"),  # present perfect of a plan verb
    ("The vote was held on Friday.", "2025-03-07"),
    ("The decision follows Friday's vote.", "2025-03-07"),       # a possessive is not an adverb
])
def test_direction_rules(extract, sentence, value):
    found = _dates(extract, sentence)
    assert value in found.values(), found


def test_dates_without_time_words_are_dropped(extract):
    assert _dates(extract, "He won gold at the Olympic trials.") == {}


def test_day_number_before_the_month_belongs_to_the_date(extract):
    found = _dates(extract, "Officials met again.\n9 March 2025\nThe envoy left on 4 March after talks.")
    assert found.get("9 March 2025") == "2025-03-09" and found.get("4 March") == "2025-03-04"
