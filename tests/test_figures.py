"""Figures: one or more short texts per rule (written for these tests)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def figs(extract):
    def run(text):
        result = extract(text)
        for f in result.figures:
            assert text[f["start"]:f["end"]] == f["text"]
        return result.figures
    return run


def one(figures, fragment):
    hits = [f for f in figures if fragment in f["text"]]
    assert hits, f"no figure containing {fragment!r} in {[f['text'] for f in figures]}"
    return hits[0]


def texts(figures):
    return [f["text"] for f in figures]


# --- values, units, comparators ---------------------------------------------

def test_percent_and_more_than(figs):
    f = figs("The army holds 64% of the valley and more than 98% of the northern plain.")
    a, b = one(f, "64%"), one(f, "98%")
    assert (a["value"], a["unit"], a["comparator"]) == (64, "percent", "=")
    assert (b["value"], b["unit"], b["comparator"]) == (98, "percent", ">")


def test_per_cent_words(figs):
    f = one(figs("Prices rose 3.5 per cent last quarter."), "3.5")
    assert (f["value"], f["unit"], f["text"]) == (3.5, "percent", "3.5 per cent")


def test_area_with_about(figs):
    f = one(figs("The rebels hold about 4,500 square km of farmland."), "4,500")
    assert (f["value"], f["unit"], f["comparator"], f["text"]) == (4500, "km2", "~", "about 4,500 square km")


def test_square_miles(figs):
    f = one(figs("The fire burned 12 square miles of forest."), "12")
    assert f["unit"] == "mi2"


def test_fraction_just_under(figs):
    f = one(figs("The coalition now controls just under a third of the province."), "third")
    assert (f["value"], f["unit"], f["comparator"]) == (pytest.approx(33.333, abs=0.01), "percent", "<")


def test_two_thirds_and_half(figs):
    f = figs("Two-thirds of voters agreed and half of the budget went to roads.")
    assert one(f, "Two-thirds")["value"] == pytest.approx(66.667, abs=0.01)
    assert one(f, "half")["value"] == 50


def test_ordinal_third_is_not_a_fraction(figs):
    assert figs("A third Canadian official declined to comment.") == []


def test_one_in_five(figs):
    f = one(figs("One in five farmers lost their harvest."), "One in five")
    assert (f["value"], f["unit"]) == (20, "percent")


def test_hyphenated_durations(figs):
    f = figs("They agreed a 60-day truce after a 45-minute meeting and a week-long pause.")
    assert (one(f, "60-day")["value"], one(f, "60-day")["unit"]) == (60, "day")
    assert (one(f, "45-minute")["value"], one(f, "45-minute")["unit"]) == (45, "minute")
    assert (one(f, "week-long")["value"], one(f, "week-long")["unit"]) == (1, "week")


def test_duration_with_comparator_and_article(figs):
    f = one(figs("The envoys talked for at least an hour."), "an hour")
    assert (f["value"], f["unit"], f["comparator"]) == (1, "hour", ">=")


def test_spelled_duration(figs):
    f = one(figs("The strike will last for 14 days."), "14")
    assert (f["value"], f["unit"]) == (14, "day")


def test_decades_convert_to_years(figs):
    f = one(figs("The dispute has lasted two decades."), "two decades")
    assert (f["value"], f["unit"]) == (20, "year")


# --- vague amounts -------------------------------------------------------------

def test_vague_amounts(figs):
    f = figs("The flood left tens of thousands of people homeless and dozens of villages cut off.")
    a, b = one(f, "tens of thousands"), one(f, "dozens")
    assert (a["value"], a["unit"], a["comparator"]) == (10000, "person", ">=")
    assert (b["value"], b["unit"], b["comparator"]) == (24, "count", ">=")


def test_vague_object_of_person_verb(figs):
    f = one(figs("The storms displaced millions across the region."), "millions")
    assert (f["value"], f["unit"], f["comparator"]) == (1e6, "person", ">=")


def test_thousands_of_soldiers(figs):
    f = one(figs("Thousands of troops crossed the border."), "Thousands")
    assert (f["value"], f["unit"]) == (1000, "soldier")


# --- counts ---------------------------------------------------------------------

def test_counted_noun_in_text(figs):
    f = one(figs("Inspectors visited seven coastal towns."), "seven")
    assert (f["text"], f["value"], f["unit"]) == ("seven coastal towns", 7, "count")


def test_people_and_soldiers(figs):
    f = figs("The blast injured 35 civilians and 2,300 soldiers were moved.")
    assert one(f, "35")["unit"] == "person"
    assert (one(f, "2,300")["value"], one(f, "2,300")["unit"]) == (2300, "soldier")


def test_word_numbers(figs):
    f = one(figs("Twenty-one delegates signed the letter."), "Twenty-one")
    assert (f["value"], f["unit"]) == (21, "person")


def test_bare_one_is_not_a_figure(figs):
    assert figs("One of the ministers said no one had called.") == []


# --- money -----------------------------------------------------------------------

def test_money_with_scales(figs):
    f = figs("The fund paid $4.2bn, then €350m and 12 million roubles.")
    assert (one(f, "$4.2bn")["value"], one(f, "$4.2bn")["unit"]) == (4.2e9, "usd")
    assert (one(f, "€350m")["value"], one(f, "€350m")["unit"]) == (350e6, "eur")
    assert (one(f, "12 million")["value"], one(f, "12 million")["unit"]) == (12e6, "rub")


def test_currency_codes(figs):
    f = figs("The yacht sold for USD12m, about 1.1 billion hryvnias.")
    assert one(f, "USD12m")["unit"] == "usd"
    g = one(f, "hryvnias")
    assert (g["value"], g["unit"], g["comparator"]) == (1.1e9, "uah", "~")


def test_glued_m_is_metres_without_currency(figs):
    f = one(figs("She won the 400m in record time."), "400m")
    assert (f["value"], f["unit"]) == (400, "m")


# --- ranges and qualifiers after --------------------------------------------------

def test_range_between(figs):
    f = one(figs("Between 40 and 60 fishermen were rescued."), "40")
    assert (f["value"], f["value_max"], f["unit"]) == (40, 60, "person")


def test_range_with_units_on_both(figs):
    f = figs("Output may grow 2% to 4% next year.")
    assert len(f) == 1
    assert (f[0]["value"], f[0]["value_max"], f[0]["unit"]) == (2, 4, "percent")


def test_up_to_and_or_more(figs):
    f = figs("Up to 300 workers may go; 50 or more shops will close.")
    assert one(f, "300")["comparator"] == "<="
    assert one(f, "50")["comparator"] == ">="


def test_negative_value(figs):
    f = one(figs("The night was cold, minus 12 degrees Celsius."), "12")
    assert (f["value"], f["unit"]) == (-12, "celsius")


# --- scale points ------------------------------------------------------------------

def test_scale_points(figs):
    f = figs("On a scale of one to 10, the talks were a four.")
    four = one(f, "four")
    assert (four["value"], four["unit"]) == (4, "scale_point")


# --- not figures -------------------------------------------------------------------

def test_years_dates_and_times_are_not_figures(figs):
    f = figs("In 2019 the talks began on March 14 at 9:30am and the 1994 accord lapsed on 3 May 2021.")
    assert f == [], texts(f)


def test_ordinals_and_names_are_not_figures(figs):
    f = figs("The 3rd Brigade flew F-35 jets from Gate 12 after the G20 summit and COVID-19.")
    assert f == [], texts(f)


def test_relative_dates_are_not_figures(figs):
    f = figs("Two weeks ago the minister resigned.")
    assert f == [], texts(f)


def test_plural_count_beside_year_like_number(figs):
    f = one(figs("The plant employs 2000 workers."), "2000")
    assert (f["value"], f["unit"]) == (2000, "person")


# --- measures and source -------------------------------------------------------------

def test_measures_share_of(figs):
    f = one(figs("Rebels control 40% of the northern districts."), "40%")
    assert "northern districts" in f["measures"]


def test_measures_modified_noun(figs):
    f = one(figs("They proposed a 10-day truce."), "10-day")
    assert f["measures"] == "truce"


def test_source_according_to(figs):
    f = one(figs("About 900 homes were damaged, according to local officials."), "900")
    assert f["source"] == "according to local officials"
    assert f["unit"] == "count"


def test_age_after_a_name(figs):
    f = one(figs("Maria Lopez, 66, has run the farm since the war."), "66")
    assert (f["value"], f["unit"]) == (66, "year")
    assert f["measures"] == "age of Maria Lopez"


def test_spaced_currency_prefix(figs):
    f = one(figs("The flat sold for HK $5.4m last week."), "5.4m")
    assert (f["value"], f["unit"]) == (5.4e6, "hkd")
