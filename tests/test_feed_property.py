"""The jekyll-feed style feed is always well-formed XML and valid Atom (RFC 4287), whatever
the posts say: titles with markup characters and control characters, odd bodies, any dates."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bloglint.feed import build_feed
from bloglint.site import load_site

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S+")

# Characters bloggers (and their editors) put in titles: markup, quotes, controls, ZWSP, CJK.
TITLE_CHARS = st.sampled_from(
    list("ab Z09&<>'\"-_.!?*#[](){}|\\/:;")
    + ["\x08", "\x1c", "\x0c", "\x00", "\x7f", "\x81", "\u200b", "中", "é", "\U0001f600", "]]>"]
)
BODY_CHARS = st.sampled_from(
    list("ab \n\n`*_#->[]()!&<\"'|$\\")
    + ["\x08", "\u200b", "中文", "]]>", "<b>", "</i>", "{{ x }}", "{% raw %}", "&amp;", "\t"]
)
WORDS = st.text(alphabet="abcxyz-", min_size=1, max_size=8).filter(lambda w: w.strip("-"))


@st.composite
def posts(draw: st.DrawFn) -> list[dict[str, object]]:
    count = draw(st.integers(min_value=1, max_value=4))
    result = []
    for index in range(count):
        result.append(
            {
                "title": "".join(draw(st.lists(TITLE_CHARS, min_size=0, max_size=12))),
                "body": "".join(draw(st.lists(BODY_CHARS, max_size=30))),
                "date": draw(
                    st.datetimes(
                        min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2020, 12, 31)
                    )
                ),
                "categories": draw(st.lists(WORDS, max_size=3)),
                "tags": draw(st.lists(WORDS, max_size=2)),
                "index": index,
            }
        )
    return result


def write_post(root: Path, post: dict[str, object]) -> None:
    date = post["date"]
    assert isinstance(date, dt.datetime)
    front = {
        "title": post["title"],
        "date": date.strftime("%Y-%m-%d %H:%M:%S +0000"),
        "categories": post["categories"],
        "tags": post["tags"],
    }
    path = root / "_posts" / f"{date:%Y-%m-%d}-post-{post['index']}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "---\n" + yaml.safe_dump(front, allow_unicode=False) + "---\n" + str(post["body"])
    path.write_text(text, encoding="utf-8")


def check_atom(text: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(text.encode("utf-8"), parser)  # raises unless well-formed
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    assert IRI.fullmatch(root.findtext(f"{ATOM}id") or "")
    assert RFC3339.fullmatch(root.findtext(f"{ATOM}updated") or "")
    feed_author = root.find(f"{ATOM}author")
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id") or ""
        assert IRI.fullmatch(entry_id), entry_id
        ids.append(entry_id)
        assert entry.find(f"{ATOM}title") is not None
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}updated") or "")
        assert feed_author is not None or entry.find(f"{ATOM}author") is not None
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
        links = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(links) == 1 and links[0].get("href")
        assert entry.find(f"{ATOM}content") is not None or links
    assert len(ids) == len(set(ids))
    return root


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    posts(),
    st.sampled_from(["url: https://example.com\n", 'url: "http://x.y"\nbaseurl: /b l\n', ""]),
    st.sampled_from(["author: Ann & Bo <a@b>\n", 'author:\n  name: "Q\'"\n', ""]),
)
def test_generated_feed_is_always_valid_atom(
    generated: list[dict[str, object]], url: str, author: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "_config.yml").write_text(f'title: "T & <t>"\n{url}{author}', encoding="utf-8")
        for post in generated:
            write_post(root, post)
        site = load_site(root)
        result = build_feed(
            site, build_time=dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc), cache=False
        )
        feed = check_atom(result.text)
        entries = feed.findall(f"{ATOM}entry")
        # A post Jekyll cannot render (e.g. an unclosed `{% raw %}`) is reported, not written.
        failing = {p.path for p in result.problems if p.kind == "liquid-render"}
        assert len(entries) == min(len(site.posts) - len(failing), 10)
        for entry in entries:
            title = entry.findtext(f"{ATOM}title") or ""
            # Escaped exactly once: a reader never sees entity text that was not written.
            assert "&amp;" not in title and "&lt;" not in title
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", title)
        assert not [p for p in result.problems if p.kind in ("feed-xml", "feed-atom")]


CONTENT_PIECES = st.sampled_from(
    ["<content>", '<content type="html">', "</content>", "<description>", "</description>"]
    + ["<contents>", "</contents>", "x", "\n", "<", "</", "content", ">", '<link href="/a"/>']
)


@given(st.lists(CONTENT_PIECES, max_size=14).map("".join))
def test_entry_text_without_content_is_the_lazy_regex_result(chunk: str) -> None:
    from bloglint.feed import _without_content

    expected = re.sub(r"<(content|description)\b.*?</\1>", "", chunk, flags=re.DOTALL)
    assert _without_content(chunk) == expected
