"""Invented articles of one tier upgrade (Vietnam and the United States, September 2023) told
three times: ``a`` and ``b`` on the same day, ``c`` ten days later. A review counts it once;
``conflicts`` flags the reports a count of records would add (#17)."""

from __future__ import annotations

UPGRADE_A = (
    "published: 2023-09-11\ntitle: Vietnam and the United States upgrade ties\n"
    "outlet: Hanoi Daily\nurl: https://hanoi-daily.example/2023/09/upgrade\n---\n"
    "HANOI – Vietnam and the United States upgraded their relationship to a comprehensive "
    "strategic partnership on September 10, 2023.\n"
)
UPGRADE_B = (
    "published: 2023-09-12\ntitle: US and Vietnam lift relations\noutlet: Washington Wire\n---\n"
    "The United States and Vietnam raised their ties from a comprehensive partnership to a "
    "comprehensive strategic partnership on September 10, 2023.\n"
)
UPGRADE_C = (
    "published: 2023-12-28\ntitle: The year in review\noutlet: Saigon Review\n---\n"
    "Vietnam and the United States upgraded their relationship to a comprehensive strategic "
    "partnership on September 20, 2023.\n"
)
