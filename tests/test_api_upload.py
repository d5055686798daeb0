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
