"""`ingest URL` and `watch` against a local HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from diplograph.cli import app
from diplograph.errors import ConfigError
from diplograph.ingest import fetch as fetch_mod
from diplograph.ingest import read_documents
from diplograph.ingest.watch import Watcher, parse_every, read_feed_list
from diplograph.store import Filters, SQLiteStore

ARTICLE = """<html><head><title>Vietnam and Japan sign deal</title>
<meta property="og:site_name" content="Local Wire"></head><body>
<nav>Home | World | Business</nav>
<article><h1>Vietnam and Japan sign clean energy deal</h1>
<p>HANOI, May 2 (Local Wire) - Prime Minister Pham Minh Chinh held talks with Japanese Prime
Minister Fumio Kishida in Hanoi on Thursday, and the two sides signed an agreement on clean energy
cooperation worth 1.2 billion USD.</p>
<p>The two leaders also agreed to expand cooperation in semiconductors and digital
transformation over the coming years, officials said.</p></article></body></html>"""


def rss(items: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>http://127.0.0.1/{i}</link><guid>item-{i}</guid>"
        f"<pubDate>Thu, 02 May 2024 08:00:00 GMT</pubDate><description>{t}</description></item>"
        for i, t in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Feed</title>'
        f"<link>http://127.0.0.1/</link>{body}</channel></rss>"
    )


class Site:
    """The routes the handler serves; tests change them between polls."""

    def __init__(self) -> None:
        self.feed = rss(
            [
                ("a1", "Vietnam summoned the Chinese ambassador to protest the attack."),
                ("a2", "President Vo Van Thuong paid a state visit to Japan on November 27."),
            ]
        )
        self.feed_etag = '"v1"'
        self.requests: list[tuple[str, dict[str, str]]] = []


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _send(self, code: int, ctype: str, body: bytes, extra: dict[str, str] | None = None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            site.requests.append((self.path, dict(self.headers)))
            p = self.path
            if p == "/article.html":
                self._send(200, "text/html; charset=utf-8", ARTICLE.encode())
            elif p == "/moved":
                self._send(301, "text/plain", b"", {"Location": "/article.html"})
            elif p == "/loop":
                self._send(302, "text/plain", b"", {"Location": "/loop"})
            elif p == "/feed.xml":
                if self.headers.get("If-None-Match") == site.feed_etag:
                    self._send(304, "application/rss+xml", b"")
                    return
                self._send(
                    200,
                    "application/rss+xml",
                    site.feed.encode(),
                    {"ETag": site.feed_etag, "Last-Modified": formatdate(usegmt=True)},
                )
            elif p == "/broken.xml":
                self._send(200, "application/rss+xml", b"this is not a feed")
            elif p == "/image.png":
                self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
            elif p == "/big.html":
                self._send(200, "text/html", b"<p>" + b"x" * 3_000_000 + b"</p>")
            elif p == "/slow.html":
                time.sleep(1.5)
                self._send(200, "text/html", ARTICLE.encode())
            else:
                self._send(404, "text/plain", b"not here")

    return Handler


@pytest.fixture
def site() -> Iterator[tuple[str, Site]]:
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(s))
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", s
    server.shutdown()
    server.server_close()


def test_ingest_url_reads_the_article_text_and_metadata(site):
    base, _ = site
    items = list(read_documents([f"{base}/article.html"]))
    assert len(items) == 1
    doc = items[0]
    assert "Pham Minh Chinh held talks" in doc.text
    assert "Home | World" not in doc.text  # menus are not article text
    assert doc.url and doc.url.endswith("/article.html")
    assert doc.id.startswith("article-")


def test_ingest_url_follows_a_redirect_but_not_a_loop(site):
    base, _ = site
    (doc,) = read_documents([f"{base}/moved"])
    assert "Fumio Kishida" in doc.text
    (err,) = read_documents([f"{base}/loop"])
    assert err.code == "D114" and "redirects" in err.message


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [
        ("/missing.html", "D114", "HTTP 404"),
        ("/image.png", "D107", "image/png"),
        ("/big.html", "D103", "over 1 MB"),
    ],
)
def test_ingest_url_failures_are_items_and_the_batch_goes_on(site, path, code, words):
    base, _ = site
    items = list(read_documents([f"{base}{path}", f"{base}/article.html"], max_bytes=1_000_000))
    assert items[0].code == code and words in items[0].message
    assert "Pham Minh Chinh" in items[1].text


def test_ingest_url_times_out(site, monkeypatch):
    base, _ = site
    monkeypatch.setattr(fetch_mod, "TIMEOUT_S", 0.3)
    (err,) = read_documents([f"{base}/slow.html"])
    assert err.code == "D114" and "timed out" in err.message


def test_ingest_url_cli_stores_events(site, runner, tmp_path):
    base, _ = site
    db = tmp_path / "w.db"
    r = runner.invoke(app, ["ingest", f"{base}/article.html", f"{base}/nope", "--db", str(db)])
    assert r.exit_code == 1  # one item failed …
    assert "HTTP 404" in r.output
    store = SQLiteStore(str(db))
    docs = store.documents(Filters())
    assert len(docs) == 1  # … and the other was stored with its records
    assert store.events(Filters()), "the article's meeting was not extracted"


def test_watch_polls_conditionally_and_adds_only_new_items(site, settings, tmp_path):
    base, s = site
    store = SQLiteStore(settings.db)
    state = tmp_path / "feeds.txt.state.json"
    w = Watcher([f"{base}/feed.xml", f"{base}/missing.xml"], store, settings, state_path=state)
    first = w.poll()
    assert first.added == 2
    assert f"{base}/missing.xml" in first.failed  # a dead feed is reported, the other goes on
    second = w.poll()
    assert second.added == 0 and second.unchanged == [f"{base}/feed.xml"]
    sent = [h for p, h in s.requests if p == "/feed.xml"][-1]
    assert sent.get("If-None-Match") == '"v1"'
    # a new item: the feed changes its ETag; the old items are duplicates, one is new
    s.feed = rss(
        [
            ("a1", "Vietnam summoned the Chinese ambassador to protest the attack."),
            ("a3", "Vietnam and Australia upgraded ties to a comprehensive strategic partnership."),
        ]
    )
    s.feed_etag = '"v2"'
    restarted = Watcher([f"{base}/feed.xml"], store, settings, state_path=state)
    third = restarted.poll()  # a restarted watch keeps its validators
    assert third.added == 1 and third.summary.duplicate == 1
    assert len(store.documents(Filters())) == 3


def test_watch_cli_once_logs_what_it_added(site, runner, tmp_path):
    base, _ = site
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# local test feed\n{base}/feed.xml\n", encoding="utf-8")
    db = tmp_path / "w.db"
    r = runner.invoke(app, ["watch", str(feeds), "--once", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "2 new or updated" in r.output
    assert (tmp_path / "feeds.txt.state.json").is_file()


def test_watch_bad_inputs_exit_2_with_a_fix(runner, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("not-a-url\n", encoding="utf-8")
    r = runner.invoke(app, ["watch", str(feeds), "--once", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2 and "is not an http(s) URL" in r.output
    r = runner.invoke(app, ["watch", str(tmp_path / "none.txt"), "--every", "15m"])
    assert r.exit_code == 2 and "no feeds file" in r.output
    feeds.write_text("http://127.0.0.1:9/feed.xml\n", encoding="utf-8")
    r = runner.invoke(app, ["watch", str(feeds), "--every", "soon"])
    assert r.exit_code == 2 and "15m" in r.output


def test_watch_interval_and_feed_list_parsing(tmp_path: Path):
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200
    assert parse_every("45") == 45
    with pytest.raises(ConfigError):
        parse_every("0m")
    f = tmp_path / "f.txt"
    f.write_text("https://a.example/rss  # main\n\nhttps://a.example/rss\n", encoding="utf-8")
    assert read_feed_list(f) == ["https://a.example/rss"]  # comments, blanks, repeats


def test_watch_an_unreadable_feed_fails_alone(site, settings):
    base, _ = site
    store = SQLiteStore(settings.db)
    report = Watcher([f"{base}/broken.xml", f"{base}/feed.xml"], store, settings).poll()
    assert "not a readable RSS/Atom feed" in report.failed[f"{base}/broken.xml"]
    assert report.added == 2


def test_ingest_url_errors_name_the_url(site):
    base, _ = site
    (err,) = read_documents([f"{base}/broken.xml"])
    assert err.code == "D107" and err.item == f"{base}/broken.xml"
