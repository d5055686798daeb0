"""Reports built from the store: yearly (or any period) reviews with cited numbers."""

from diplograph.reports.review import Period, Review, build_review, parse_period

__all__ = ["Period", "Review", "build_review", "parse_period"]
