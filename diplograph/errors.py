"""Error tree. Every message carries a code users can search for and says what to do next.

DiplographError
├── IngestError      one input item could not be read (recorded in `failures`, batch goes on)
├── ExtractError     extraction crashed on one document (recorded, batch goes on)
├── StoreError       the database cannot be opened or migrated
├── ConfigError      a setting or option is invalid
└── BudgetError      a request ran out of its time budget (D501) or its client left (D502)
"""

from __future__ import annotations


class DiplographError(Exception):
    """Base class: `code` is a stable identifier such as ``D101``."""

    code = "D000"

    def __init__(self, message: str, *, item: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.item = item
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        where = f"{self.item}: " if self.item else ""
        return f"[{self.code}] {where}{self.message}"


class IngestError(DiplographError):
    code = "D100"


class ExtractError(DiplographError):
    code = "D200"


class StoreError(DiplographError):
    code = "D300"


class ConfigError(DiplographError):
    code = "D400"


class BudgetError(DiplographError):
    """Work stopped at a :class:`~diplograph.budget.Budget` check; the server answers 503."""

    code = "D500"
