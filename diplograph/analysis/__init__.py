"""Analysis over stored history: series (trends), early warning (alerts) and forecasts."""
