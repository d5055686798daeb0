"""Reporting periods: ``2023``, ``2023-Q2``, ``2023-05`` or a range ``A..B``, and the period of
the same length just before one (2022 for 2023, 2023-Q1 for 2023-Q2)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.errors import ConfigError


@dataclass
class Period:
    """A reporting period: inclusive ``since``/``until`` dates as ISO prefixes."""

    label: str
    since: str
    until: str

    def contains(self, value: str | None) -> bool:
        return (
            bool(value)
            and self.since <= str(value)[: len(self.since)]
            and str(value)[: len(self.until)] <= self.until
        )

    @property
    def months(self) -> list[str]:
        """Every ``YYYY-MM`` the period covers, in order."""
        first, last = _month_index(self.since, start=True), _month_index(self.until, start=False)
        return [_month_text(i) for i in range(first, last + 1)]


def parse_period(text: str) -> Period:
    """``2023``, ``2023-Q2``, ``2023-05`` or ``A..B`` (each end any of those) → a Period."""
    text = text.strip()
    if ".." in text:
        a, b = (parse_period(x) for x in text.split("..", 1))
        return Period(text, a.since, b.until)
    if re.fullmatch(r"\d{4}", text):
        return Period(text, text, text)
    m = re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.I)
    if m:
        y, q = m.group(1), int(m.group(2))
        return Period(text.upper(), f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}")
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return Period(text, text, text)
    raise ConfigError(
        f"unknown period {text!r}: use YYYY, YYYY-Qn, YYYY-MM or A..B (e.g. 2023-Q1..2023-Q3)",
        code="D420",
    )


def _month_index(value: str, start: bool) -> int:
    """``2023`` (January when ``start``, else December) or ``2023-05`` → months since year 0."""
    month = int(value[5:7]) if len(value) >= 7 else (1 if start else 12)
    return int(value[:4]) * 12 + month - 1


def _month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def previous_period(p: Period) -> Period:
    """The period of the same length that ends the month before ``p`` starts.

    Whole years give years (2023 → 2022, 2021..2023 → 2018..2020), a quarter the quarter
    before (2023-Q1 → 2022-Q4), a month the month before, anything else a month range.
    """
    first, last = _month_index(p.since, start=True), _month_index(p.until, start=False)
    n = last - first + 1
    since, until = first - n, first - 1
    if n % 12 == 0 and since % 12 == 0:
        a, b = f"{since // 12:04d}", f"{until // 12:04d}"
        return Period(a if a == b else f"{a}..{b}", a, b)
    a, b = _month_text(since), _month_text(until)
    if n == 1:
        return Period(a, a, a)
    if n == 3 and since % 3 == 0 and "Q" in p.label.upper():
        return Period(f"{a[:4]}-Q{since % 12 // 3 + 1}", a, b)
    return Period(f"{a}..{b}", a, b)
