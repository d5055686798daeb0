"""Date expressions: formats, ranges, precision, relative anchoring and non-dates."""

from __future__ import annotations

import pytest

from diplograph.extract.dates import find_dates

PUB = "2024-03-07"  # a Thursday


def _values(text: str, published: str | None = PUB, default_year: str | None = None) -> list:
    return [(d.value, d.kind) for d in find_dates(text, published, default_year)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The talks took place on September 10, 2023 in Hanoi.", "2023-09-10"),
        ("The summit opened on 10 September 2023 in New Delhi.", "2023-09-10"),
        ("Leaders met on Sept. 10, 2023 in Hanoi.", "2023-09-10"),
        ("The document was dated 2023-09-10 by the ministry.", "2023-09-10"),
    ],
)
def test_dates_full_date_formats(text: str, value: str) -> None:
    assert _values(text) == [(value, "explicit")]


def test_dates_range_keeps_first_day() -> None:
    assert _values("APEC week ran from November 15 to 17, 2023 in San Francisco.") == [
        ("2023-11-15", "explicit")
    ]


def test_dates_hyphen_range_keeps_first_day() -> None:
    assert _values("The forum was held December 15-18, 2023.") == [("2023-12-15", "explicit")]


def test_dates_month_year_has_month_precision() -> None:
    assert _values("The two countries upgraded ties in March 2022.") == [("2022-03", "explicit")]


def test_dates_bare_year_has_year_precision() -> None:
    assert _values("Vietnam joined the council in 2019.") == [("2019", "year")]


def test_dates_quarter_is_year_precision() -> None:
    assert _values("Exports rose in the first quarter of 2023.") == [("2023", "quarter")]


def test_dates_q_notation_is_quarter() -> None:
    assert _values("Investment slowed in Q3 2022.") == [("2022", "quarter")]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("last year", "2023"),
        ("this month", "2024-03"),
        ("yesterday", "2024-03-06"),
        ("tomorrow", "2024-03-08"),
        ("on Tuesday", "2024-03-05"),
        ("next month", "2024-04"),
    ],
)
def test_dates_relative_anchored_on_publication(phrase: str, value: str) -> None:
    assert _values(f"Vietnam and Laos held talks {phrase}.") == [(value, "relative")]


def test_dates_relative_needs_publication_date() -> None:
    assert _values("Vietnam and Laos held talks yesterday.", published=None) == []


def test_dates_month_day_without_year_later_month_is_previous_year() -> None:
    assert _values("The envoy arrived on October 14.") == [("2023-10-14", "explicit")]


def test_dates_month_day_without_year_same_season_is_publication_year() -> None:
    assert _values("The envoy arrived on March 1.") == [("2024-03-01", "explicit")]


def test_dates_default_year_completes_undated_document() -> None:
    assert _values("The envoy arrived on October 14.", None, "2019") == [("2019-10-14", "explicit")]


def test_dates_year_range_is_not_a_year() -> None:
    assert _values("The action plan for the 2021-2025 period was adopted.") == []


def test_dates_year_inside_name_is_not_a_date() -> None:
    assert _values("Vietnam handed over the ASEAN 2020 Chairmanship to Brunei.") == []


def test_dates_year_after_the_is_a_name() -> None:
    assert _values("Both sides respect the 1982 UNCLOS.") == []


def test_dates_modal_may_is_not_a_month() -> None:
    assert _values("The two sides may sign a deal soon.") == []
    assert _values("The two sides may sign a deal in May.") == [("2024-05", "explicit")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In June, the president paid a state visit to Laos.", "2023-06"),
        ("A delegation visited Taipei in late May and met the president.", "2023-05"),
        ("The treaty was signed in mid-July.", "2023-07"),
    ],
)
def test_dates_a_month_alone_after_a_preposition(text: str, value: str) -> None:
    # a month alone takes the year of the publication date
    assert _values(text, "2023-12-30") == [(value, "explicit")]


def test_dates_offsets_match_text() -> None:
    text = "Leaders met on 6 March 2024 and again last week."
    for d in find_dates(text, PUB):
        assert text[d.start : d.end] == d.text


def test_dates_text_without_date_gives_none() -> None:
    assert _values("Vietnam and Cambodia pledged closer cooperation.") == []


def test_event_date_skips_years_that_name_a_thing() -> None:
    from diplograph.extract import extract
    from diplograph.models import Document

    text = "On Monday, Chile accused Peru of ignoring a 2016 arbitral ruling."
    x = extract(Document(id="t", text=text, published="2024-03-07", title=None))
    assert [e.date for e in x.events] == ["2024-03-04"]


def test_news_event_without_date_takes_the_lead_date_not_background_years() -> None:
    from diplograph.extract import extract
    from diplograph.models import Document

    text = (
        "Chile's president held talks with Peru's president in Lima on Monday. "
        "The two countries established diplomatic relations in 1971. "
        "Chile voiced support for Peru's bid to host the forum."
    )
    x = extract(Document(id="t", text=text, published="2024-03-07", title=None))
    support = [e for e in x.events if e.type == "STATEMENT_SUPPORT"]
    assert [e.date for e in support] == ["2024-03-04"]


def test_a_month_in_a_future_clause_is_the_one_to_come():
    from diplograph.extract.dates import find_dates

    said = find_dates("She took office on 1 October.", "2026-06-10")
    assert [d.value for d in said] == ["2025-10-01"]
    coming = find_dates("She will take office on 1 October.", "2026-06-10")
    assert [d.value for d in coming] == ["2026-10-01"]
    next_spring = find_dates("The leaders are due to meet in March.", "2026-06-10")
    assert [d.value for d in next_spring] == ["2027-03"]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("HANOI, May 2 (VNA) – Vietnam and Laos signed a pact.", "HANOI, May 2 (VNA) – "),
        ("(KPA) Vientiane, October 10 - The two sides met.", "(KPA) Vientiane, October 10 - "),
        ("Mexico City, 5 June 2024 – The minister spoke.", "Mexico City, 5 June 2024 – "),
        ("Prime Minister Chinh, on May 2 - no dateline here.", ""),
        ("SEOUL, May 6 (Yonhap) -- The two leaders spoke by phone.", "SEOUL, May 6 (Yonhap) -- "),
        ("TOKYO -- The prime minister met the envoy.", "TOKYO -- "),
    ],
)
def test_dates_dateline_end(text: str, dateline: str) -> None:
    from diplograph.extract.dates import dateline_end

    assert text[: dateline_end(text)] == dateline


def test_dates_dateline_with_a_colon_after_the_agency() -> None:
    from diplograph.extract.dates import dateline_end

    text = "RIYADH, September 18 (SPW): The two sides signed a pact."
    assert text[: dateline_end(text)] == "RIYADH, September 18 (SPW): "


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The delegation will fly on to Oslo on Friday.", "2026-05-08"),
        ("The envoy was scheduled to call on the king on Thursday before leaving.", "2026-05-07"),
        ("Lam is due to meet the Lao premier and the assembly chair on Tuesday.", "2026-05-12"),
        ("She is also expected to address the forum on Thursday.", "2026-05-07"),
        ("The two ministers will sign the accord on Wednesday.", "2026-05-06"),
        ("The two ministers met in Canberra on Friday.", "2026-05-01"),
        ("The minister, who will retire soon, met her counterpart on Monday.", "2026-05-04"),
    ],
)
def test_a_weekday_in_a_future_clause_is_the_one_to_come(text: str, value: str) -> None:
    from diplograph.extract.dates import find_dates

    assert [d.value for d in find_dates(text, "2026-05-06")] == [value]


def _event_dates(text: str, published: str = "2024-03-20") -> list[tuple[str, str | None]]:
    from diplograph.extract import extract
    from diplograph.models import Document

    x = extract(Document(id="d", text=text, published=published))
    return sorted((e.type, e.date) for e in x.events)


def test_anaphoric_days_count_from_the_day_told_before() -> None:
    text = (
        "Kenya signed a border pact with Uganda on March 4. "
        "Two days later, Kenya summoned Uganda's envoy over a shooting. "
        "The same day, Tanzania summoned the Ugandan ambassador too."
    )
    assert _event_dates(text) == [
        ("AGREE_SIGN", "2024-03-04"),
        ("PROTEST_ACCUSE", "2024-03-06"),
        ("PROTEST_ACCUSE", "2024-03-06"),
    ]


def test_anaphoric_day_without_a_day_before_keeps_the_context_date() -> None:
    from diplograph.extract.dates import anaphoric_dates

    assert anaphoric_dates("The same day, Kenya protested.", [], None) == []
    got = anaphoric_dates("The following day, Kenya protested.", [], "2024-02-29")
    assert [(m.value, m.kind) for m in got] == [("2024-03-01", "explicit")]
    # "the day before yesterday" is told against the publication, not the day before
    assert anaphoric_dates("Kenya protested the day before yesterday.", [], "2024-03-01") == []
