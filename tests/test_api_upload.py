"""POST /api/documents: only with DIPLOGRAPH_TOKEN, bearer-checked, size-capped, real ingest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from webcorpus import ARTICLES

from diplograph.server import create_app
from diplograph.settings import Settings
from diplograph.store import Store

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(db=str(tmp_path / "up.db"), token=TOKEN, max_upload_mb=0.01)
    with TestClient(create_app(settings)) as c:
        yield c


def test_api_upload_needs_the_bearer_token(client: TestClient) -> None:
    files = {"file": ("a.txt", b"Title\n\nVietnam and Chile held talks.")}
    for headers in (
        {},
        {"Authorization": "Bearer wrong-token-wrong-token"},
        {"Authorization": TOKEN},
    ):
        r = client.post("/api/documents", files=files, headers=headers)
        assert r.status_code == 401
        assert r.json()["error"] == "missing or wrong bearer token"
        assert r.headers["www-authenticate"] == "Bearer"


def test_api_upload_ingests_a_text_file(client: TestClient) -> None:
    name = "vn-chile-phone-2023.txt"
    r = client.post("/api/documents", files={"file": (name, ARTICLES[name].encode())}, headers=AUTH)
    assert r.status_code == 201
    assert r.json()["new"] == 1 and r.json()["events"] == 1
    doc = client.get("/api/documents/vn-chile-phone-2023").json()
    assert doc["events"][0]["type"] == "CALL"
    again = client.post(
        "/api/documents", files={"file": (name, ARTICLES[name].encode())}, headers=AUTH
    )
    assert again.json()["duplicate"] == 1


def test_api_upload_accepts_json_articles(client: TestClient) -> None:
    body = json.dumps(
        [{"id": "j1", "text": "Vietnam and Norway held talks in Oslo.", "title": "T"}]
    )
    r = client.post(
        "/api/documents",
        content=body,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert r.status_code == 201 and r.json()["new"] == 1
    assert client.get("/api/documents/j1").status_code == 200


def test_api_upload_plain_text_needs_an_id(client: TestClient) -> None:
    headers = {**AUTH, "Content-Type": "text/plain"}
    assert client.post("/api/documents", content=b"Some text.", headers=headers).status_code == 400
    r = client.post("/api/documents?id=note-1", content=b"Title\n\nSome text.", headers=headers)
    assert r.status_code == 201
    assert client.get("/api/documents/note-1").json()["id"] == "note-1"


def test_api_upload_refuses_large_bodies(client: TestClient) -> None:
    big = b"x" * 20_000
    r = client.post("/api/documents", files={"file": ("big.txt", big)}, headers=AUTH)
    assert r.status_code == 413
    assert r.json()["ok"] is False


def test_api_upload_refuses_unknown_file_types(client: TestClient) -> None:
    r = client.post("/api/documents", files={"file": ("evil.sh", b"rm -rf /")}, headers=AUTH)
    assert r.status_code == 415


def test_api_upload_strips_folders_from_names(client: TestClient) -> None:
    files = {"file": ("../../etc/x y.txt", b"Title\n\nVietnam and Chile held talks.")}
    r = client.post("/api/documents", files=files, headers=AUTH)
    assert r.status_code == 201
    assert client.get("/api/documents/x-y").status_code == 200


def test_api_upload_is_listed_in_openapi_with_token(client: TestClient) -> None:
    assert "post" in client.get("/openapi.json").json()["paths"]["/api/documents"]


def test_settings_refuse_short_token() -> None:
    with pytest.raises(ValidationError):
        Settings(token="short")


DEEP = "[" * 100_000 + "]" * 100_000
HOSTILE_UPLOADS = {  # issue 19's hostile items: each one refused with its code, never a 500
    "nested arrays": ("deep.json", DEEP.encode(), "D110"),
    "binary": ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)), "D101"),
    "empty": ("empty.txt", b"", "D102"),
    "broken JSON": ("broken.json", b'{"id": "x", "text": "unterminated', "D106"),
    "no text": ("notext.json", b'{"id": "x", "title": "only a title"}', "D106"),
    "nav-only page": ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body>", "D105"),
}


@pytest.fixture
def hostile_client(store: Store) -> Iterator[TestClient]:
    """An upload client on the ``store`` fixture: both backends."""
    settings = Settings(db=store.url, token=TOKEN, max_upload_mb=1)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("case", list(HOSTILE_UPLOADS))
def test_api_upload_hostile_items_are_4xx_with_their_code(
    hostile_client: TestClient, store: Store, case: str
) -> None:
    earlier = {"file": ("earlier.txt", b"Earlier\n\nVietnam and Chile held talks in Hanoi.")}
    assert hostile_client.post("/api/documents", files=earlier, headers=AUTH).status_code == 201
    name, data, code = HOSTILE_UPLOADS[case]
    r = hostile_client.post("/api/documents", files={"file": (name, data)}, headers=AUTH)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["ok"] is False and [e["code"] for e in body["errors"]] == [code]
    assert body["errors"][0]["item"] == name and "/" not in body["error"]  # no server path
    # beside a good item the bad one fails alone: 201, the good one stored, the bad one coded
    good = ("good.txt", b"Good\n\nVietnam and Laos signed a rail accord.")
    r = hostile_client.post(
        "/api/documents", files=[("file", (name, data)), ("file", good)], headers=AUTH
    )
    assert r.status_code == 201 and r.json()["new"] == 1 and r.json()["failed"] == 1
    assert r.json()["errors"][0].startswith(f"[{code}] {name}:")
    assert hostile_client.get("/api/documents/earlier").status_code == 200  # nothing lost


def test_api_upload_nuls_and_lone_surrogates_are_cleaned_not_refused(
    hostile_client: TestClient, store: Store
) -> None:
    body = (
        '{"id": "s1", "text": "Vietnam and Chile held talks \\ud800 in Hanoi\\u0000.",'
        ' "title": "x\\u0000y", "outlet": "The\\u0000 Post", "url": "https://e.x/\\ud800a"}'
    )
    r = hostile_client.post(
        "/api/documents", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert r.status_code == 201 and r.json()["new"] == 1, r.text
    row = store.get_document("s1")
    assert row is not None and (row["title"], row["outlet"]) == ("xy", "The Post")
    assert "\ud800" not in row["text"] and "\x00" not in row["text"]
    assert row["url"] == "https://e.x/a"
