"""Reports built from the store: yearly (or any period) reviews with cited numbers."""

from diplograph.reports.period import Period, parse_period, previous_period
from diplograph.reports.review import Review, build_review

__all__ = ["Period", "Review", "build_review", "parse_period", "previous_period"]
