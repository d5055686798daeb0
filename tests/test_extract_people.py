"""People learned from how a document introduces them (extract/people.py)."""

from __future__ import annotations

import pytest

from diplograph.extract import extract
from diplograph.models import Document


def _people(text: str) -> list[tuple[str, str, str | None, str | None]]:
    x = extract(Document(id="t", text=text, published="2024-05-02", title=None))
    return [
        (m.text, m.actor.code, m.actor.person, m.actor.role) for m in x.mentions if m.actor.person
    ]


@pytest.mark.parametrize(
    ("intro", "code", "role"),
    [
        ("Kenya's ambassador to Egypt Amani Wekesa spoke first.", "KEN", "ambassador"),
        ("Amani Wekesa, Kenya's ambassador to Egypt, spoke first.", "KEN", "ambassador"),
        ("Kenyan Foreign Ministry spokeswoman Amani Wekesa spoke first.", "KEN", "spokesperson"),
        (
            "The Deputy Minister of Trade of Kenya Amani Wekesa spoke first.",
            "KEN",
            "deputy_minister",
        ),
    ],
)
def test_people_introduced_with_country_and_role(intro: str, code: str, role: str) -> None:
    found = _people(intro + " Later, Wekesa told reporters the talks went well.")
    assert ("Amani Wekesa", code, "Amani Wekesa", role) in found
    assert ("Wekesa", code, "Amani Wekesa", role) in found


@pytest.mark.parametrize(
    ("intro", "name", "surname"),
    [
        (
            "Iraqi Prime Minister Karim Ali al-Tamimi sent a cable.",
            "Karim Ali al-Tamimi",
            "al-Tamimi",
        ),
        (
            "Qatar's ambassador to Peru Sheikh Nasser Ahmed bin Khalid Al-Kuwari spoke.",
            "Nasser Ahmed bin Khalid Al-Kuwari",
            "Al-Kuwari",
        ),
    ],
)
def test_people_names_keep_their_particles(intro: str, name: str, surname: str) -> None:
    found = _people(intro + f" Later, {surname} told reporters the talks went well.")
    assert any(text == name and person == name for text, _, person, _ in found)
    assert any(text == surname and person == name for text, _, person, _ in found)


def test_people_family_name_first_for_chinese_names() -> None:
    found = _people("Chinese Vice Foreign Minister Deng Liqun met the envoy. Deng said little.")
    assert ("Deng", "CHN", "Deng Liqun", "deputy_minister") in found


@pytest.mark.parametrize(
    "text",
    [
        "Amani Wekesa spoke first. Wekesa told reporters the talks went well.",  # no country
        "Kenya's ambassador spoke first. Wekesa told reporters the talks went well.",  # no name
        "The Lao People's Revolutionary Party sent a delegation.",  # possessive is no name
    ],
)
def test_people_not_learned_without_an_introduction(text: str) -> None:
    assert _people(text) == []


def test_people_learned_name_is_an_event_actor() -> None:
    text = (
        "Amani Wekesa, Kenya's ambassador to Egypt, arrived on Monday. "
        "Wekesa lodged a protest with Egypt over the detention of two fishermen."
    )
    x = extract(Document(id="t", text=text, published="2024-05-02", title=None))
    protests = [(e.source.code, e.target.code if e.target else None)
                for e in x.events if e.type == "PROTEST_ACCUSE" and e.source]  # fmt: skip
    assert protests == [("KEN", "EGY")]


@pytest.mark.parametrize(
    ("intro", "surname", "code"),
    [
        ("Kremlin spokesman Pavel Orlovsky briefed reporters.", "Orlovsky", "RUS"),
        ("White House press secretary Dana Whitcombe briefed reporters.", "Whitcombe", "USA"),
        ("Downing Street's chief spokesman Tom Ashcombe briefed reporters.", "Ashcombe", "GBR"),
    ],
)
def test_people_introduced_by_a_seat_of_government(intro: str, surname: str, code: str) -> None:
    found = _people(intro + f" Later, {surname} said the talks went well.")
    assert any(text == surname and c == code for text, c, _, _ in found)


@pytest.mark.parametrize(
    ("intro", "given"),
    [
        ("Thai Deputy Prime Minister Narong Wattanasiri met the envoy.", "Narong"),
        ("Malaysian Foreign Minister Datuk Seri Hakim Rosli met the envoy.", "Hakim"),
        ("Lao Deputy Foreign Minister Phoxay Vongsavath met the envoy.", "Phoxay"),
    ],
)
def test_people_known_by_the_given_name_in_southeast_asia(intro: str, given: str) -> None:
    found = _people(intro + f" {given} later told reporters the talks went well.")
    assert any(
        text == given and person and person.startswith(given) for text, _, person, _ in found
    )
