"""Every input format the readers accept, and the three .txt layouts."""

from __future__ import annotations

import json
from pathlib import Path

from diplograph.cli import app
from diplograph.errors import IngestError
from diplograph.ingest import read_documents
from diplograph.ingest.readers import parse_text
from diplograph.models import Document

BODY = (
    "Ruritanian envoys met their Vietnamese hosts in Hanoi to discuss river transport.\n\n"
    "Both sides agreed to open two new ferry routes before the monsoon season."
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Vietnam and Laos open a new border gate | Mekong Daily Example</title>
<meta property="og:title" content="Vietnam and Laos open a new border gate">
<meta property="og:site_name" content="Mekong Daily Example">
<meta property="og:url" content="https://mekong-daily.example/2022/06/border-gate">
<meta property="article:published_time" content="2022-06-09T08:15:00+07:00">
<link rel="canonical" href="https://mekong-daily.example/2022/06/border-gate">
</head><body>
<header><nav class="menu"><ul>
<li><a href="/">Homepage Menu Link</a></li><li><a href="/world">World Menu Link</a></li>
</ul></nav></header>
<main><article>
<h1>Vietnam and Laos open a new border gate</h1>
<p>Deputy ministers of Vietnam and Laos cut the ribbon on a new international border gate in
Quang Tri province on Thursday, a step both governments said would speed up the movement of farm
goods between the two neighbours.</p>
<p>Officials from the two countries said the crossing would handle trucks, tourists and seasonal
workers, and that customs teams on each side would share an inspection lane to shorten queues.</p>
<p>Traders in the province welcomed the opening and said that cassava and coffee shipments had
waited for days at the older crossing during the last harvest.</p>
</article></main>
<aside class="related"><h3>Related news</h3><ul>
<li><a href="/a">Unrelated sidebar headline about football transfers</a></li>
<li><a href="/b">Another sidebar headline about the weather</a></li>
</ul></aside>
<footer class="site-footer"><p>Copyright Mekong Daily Example. All rights reserved.</p>
<p>Contact the newsroom footer address</p></footer>
</body></html>
"""


def _docs(paths: list[str], max_bytes: int = 25_000_000) -> list[Document]:
    items = list(read_documents(paths, max_bytes=max_bytes))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert not errors, errors
    return [i for i in items if isinstance(i, Document)]


def test_ingest_readers_txt_header_layout(write):
    p = write(
        "header-doc.txt",
        "url: https://example.org/ruritania-ferries\noutlet: River Gazette Example\n"
        "published: 2023-05-17\ntitle: Ruritania and Vietnam plan ferries\nlang: en\n---\n" + BODY,
    )
    (doc,) = _docs([str(p)])
    assert doc.id == "header-doc"
    assert doc.title == "Ruritania and Vietnam plan ferries"
    assert doc.url == "https://example.org/ruritania-ferries"
    assert doc.outlet == "River Gazette Example"
    assert doc.published == "2023-05-17"
    assert doc.lang == "en"
    assert doc.text == BODY
    assert doc.fmt == "txt"


def test_ingest_readers_txt_dateline_layout(write):
    p = write(
        "dateline-doc.txt",
        "Ruritania and Vietnam plan ferries\n\n9:23:48 AM | 2/14/2021\n\n" + BODY,
    )
    (doc,) = _docs([str(p)])
    assert doc.title == "Ruritania and Vietnam plan ferries"
    assert doc.published == "2021-02-14"
    assert "Both sides agreed to open two new ferry routes" in doc.text


def test_ingest_readers_txt_bare_layout(write):
    p = write("bare-doc.txt", "Ruritania and Vietnam plan ferries\n\n" + BODY)
    (doc,) = _docs([str(p)])
    assert doc.title == "Ruritania and Vietnam plan ferries"
    assert doc.published is None
    assert doc.text.endswith("before the monsoon season.")


def test_ingest_readers_parse_text_header_needs_known_keys():
    # a '---' rule after ordinary prose is not a header: the text is kept whole
    text = "Ruritania and Vietnam plan ferries\nSomething: else\n---\n" + BODY
    doc = parse_text("x", text)
    assert doc.text == text
    assert doc.title == "Ruritania and Vietnam plan ferries"


def test_ingest_readers_html_main_text_and_metadata(write):
    p = write("border-gate.html", HTML_PAGE)
    (doc,) = _docs([str(p)])
    assert doc.id == "border-gate"
    assert doc.fmt == "html"
    assert "new international border gate" in doc.text
    assert "cassava and coffee shipments" in doc.text
    for chrome in ("Menu Link", "Related news", "sidebar headline", "Copyright", "footer address"):
        assert chrome not in doc.text
    assert doc.title == "Vietnam and Laos open a new border gate"
    assert doc.published == "2022-06-09"
    assert doc.url == "https://mekong-daily.example/2022/06/border-gate"


def test_ingest_readers_htm_extension(write):
    p = write("gate.htm", HTML_PAGE)
    (doc,) = _docs([str(p)])
    assert doc.id == "gate"
    assert "border gate" in doc.text


def test_ingest_readers_jsonl_ids_from_records(write):
    lines = [
        {
            "id": "wire-001",
            "text": "Vietnam sent rescue teams to Ruritania after the flood.",
            "title": "Rescue teams",
            "published": "2024-02-03",
            "outlet": "Wire Example",
        },
        {"text": "Laos thanked Vietnam for the new school in Attapeu."},
        {"id": "wire 003/b", "text": "Cambodia and Vietnam held border talks in Phnom Penh."},
    ]
    p = write("wire.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n\n")
    docs = _docs([str(p)])
    assert [d.id for d in docs] == ["wire-001", "wire-2", "wire-003-b"]
    assert docs[0].title == "Rescue teams"
    assert docs[0].published == "2024-02-03"
    assert docs[0].outlet == "Wire Example"
    assert docs[1].text == "Laos thanked Vietnam for the new school in Attapeu."
    assert all(d.fmt == "jsonl" for d in docs)


def test_ingest_readers_json_single_object(write):
    rec = {
        "id": "one-article",
        "title": "Talks",
        "url": "https://example.org/t",
        "published": "2020-11-30T10:00:00Z",
        "text": "Vietnam and Chile met in Santiago.",
    }
    p = write("object.json", json.dumps(rec))
    (doc,) = _docs([str(p)])
    assert doc.id == "one-article"
    assert doc.published == "2020-11-30"
    assert doc.url == "https://example.org/t"
    assert doc.fmt == "json"


def test_ingest_readers_json_object_without_id_uses_stem(write):
    p = write("stem-name.json", json.dumps({"text": "Vietnam and Peru met in Lima."}))
    (doc,) = _docs([str(p)])
    assert doc.id == "stem-name"


def test_ingest_readers_json_array_and_articles_key(write):
    arr = [{"id": "a", "text": "Vietnam and Chile met."}, {"id": "b", "text": "Laos and Peru met."}]
    p1 = write("array.json", json.dumps(arr))
    p2 = write("wrapped.json", json.dumps({"articles": arr[:1]}))
    assert [d.id for d in _docs([str(p1)])] == ["a", "b"]
    assert [d.id for d in _docs([str(p2)])] == ["a"]


def test_ingest_readers_rss_items(write):
    rss = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Diplomacy Feed</title>
<link>https://feed.example/</link><description>d</description>
<item><title>Vietnam and Chile sign a visa waiver</title>
<link>https://feed.example/news/visa-waiver</link>
<guid>https://feed.example/news/visa-waiver</guid>
<pubDate>Tue, 07 Mar 2023 09:00:00 +0000</pubDate>
<description>&lt;p&gt;Vietnam and Chile signed a visa waiver deal in Hanoi.&lt;/p&gt;
&lt;p&gt;It takes effect in May.&lt;/p&gt;</description>
</item>
<item><title>Second item</title><link>https://feed.example/news/second</link>
<description>Laos and Vietnam opened a consulate in Pakse.</description></item>
</channel></rss>"""
    p = write("news.rss", rss)
    docs = _docs([str(p)])
    assert [d.id for d in docs] == ["visa-waiver", "second"]
    first = docs[0]
    assert first.title == "Vietnam and Chile sign a visa waiver"
    assert first.published == "2023-03-07"
    assert first.url == "https://feed.example/news/visa-waiver"
    assert first.outlet == "Example Diplomacy Feed"
    assert "<p>" not in first.text
    assert "Vietnam and Chile signed a visa waiver deal in Hanoi." in first.text
    assert "It takes effect in May." in first.text
    assert all(d.fmt == "feed" for d in docs)


def test_ingest_readers_atom_entries(write):
    atom = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x:feed</id><title>Atom Example</title>
<updated>2021-08-01T00:00:00Z</updated>
<entry><id>urn:x:entry-ferry</id><title>Ferry deal</title>
<link rel="alternate" href="https://atom.example/ferry"/>
<published>2021-07-30T12:00:00+07:00</published><updated>2021-07-30T12:00:00+07:00</updated>
<content type="text">Vietnam and Ruritania agreed on a ferry link across the bay.</content></entry>
</feed>"""
    for name in ("feed.atom", "feed.xml"):
        (doc,) = _docs([str(write(name, atom))])
        assert doc.title == "Ferry deal"
        assert doc.published == "2021-07-30"
        assert doc.text == "Vietnam and Ruritania agreed on a ferry link across the bay."
        assert doc.outlet == "Atom Example"


def test_ingest_readers_cp1252_encoding_detected(write):
    text = (
        "Café diplomacy in Paris\n\n"
        "The ministers of Vietnam and France met at the Élysée Palace and praised the "
        "“déjà vu” warmth of their ties, à la française, over crème brûlée."
    )
    p = write("cp1252.txt", text.encode("cp1252"))
    (doc,) = _docs([str(p)])
    assert doc.title == "Café diplomacy in Paris"
    assert "Élysée Palace" in doc.text
    assert "crème brûlée" in doc.text
    assert "“déjà vu”" in doc.text


def test_ingest_readers_latin1_encoding_detected(write):
    sentence = "The delegation from São Tomé e Príncipe met señor García in Hanoi. "
    text = "Señor García en São Tomé\n\n" + sentence * 3
    p = write("latin1.txt", text.encode("latin-1"))
    (doc,) = _docs([str(p)])
    assert "São Tomé e Príncipe" in doc.text
    assert "señor García" in doc.text


def test_ingest_readers_utf8_bom_stripped(write):
    p = write("bom.txt", b"\xef\xbb\xbf" + b"Ferry talks\n\nVietnam met Laos.")
    (doc,) = _docs([str(p)])
    assert doc.title == "Ferry talks"


def test_ingest_readers_folder_recursive_and_glob(write, tmp_path: Path):
    write("tree/a.txt", "A title\n\nVietnam met Laos.")
    write("tree/sub/b.txt", "B title\n\nVietnam met Chile.")
    write("tree/sub/.hidden.txt", "Hidden\n\nShould be skipped.")
    assert sorted(d.id for d in _docs([str(tmp_path / "tree")])) == ["a", "b"]
    assert [d.id for d in _docs([str(tmp_path / "tree" / "**" / "b.txt")])] == ["b"]


def test_ingest_readers_stdin_via_cli(runner, tmp_path: Path):
    db = tmp_path / "stdin.db"
    text = "Piped headline\n\n9:00:00 AM | 3/4/2022\n\nVietnam and Chile met in Hanoi on Friday."
    result = runner.invoke(app, ["ingest", "-", "--db", str(db)], input=text)
    assert result.exit_code == 0, result.output
    from diplograph.store import SQLiteStore

    s = SQLiteStore(str(db))
    try:
        row = s.get_document("stdin")
        assert row is not None
        assert row["title"] == "Piped headline"
        assert row["published"] == "2022-03-04"
        assert "Vietnam and Chile met in Hanoi on Friday." in row["text"]
    finally:
        s.close()
