"""render_markdown against the post contents of real feeds built by GitHub Pages / Jekyll.

daiwk's atom.xml came from GitHub Pages (Ruby < 3: xml_escape leaves ' alone, and Cc/Cf
characters were stripped from the captured feed, facts §2.3); karpathy's RSS and mojombo's Atom
come from Jekyll 4.3.1 on Ruby 3 (' becomes &apos;, nothing stripped). Post bodies go through
Liquid (lax, undefined = "") before Markdown, as Jekyll does.
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

import pytest
import yaml

from bloglint.render import render_markdown
from tests.corpus import corpus_dir

FRONT_MATTER = re.compile(
    r"\A(---[ \t\n\v\f\r]*\n.*?\n?)^((---|\.\.\.)[ \t\n\v\f\r]*$\n?)", re.M | re.S
)
POST_NAME = re.compile(r"^\d{2,4}-\d{1,2}-\d{1,2}-(.*)\.[^.]+$")


def post_body(path: Path) -> str:
    """The post's body after Liquid (python-liquid, lax), as kramdown receives it."""
    text = path.read_text(encoding="utf-8")
    m = FRONT_MATTER.match(text)
    body, page = (text[m.end() :], yaml.safe_load(m.group(1)) or {}) if m else (text, {})
    if "{{" not in body and "{%" not in body:
        return body
    from liquid import Environment, Mode

    return Environment(tolerance=Mode.LAX).from_string(body).render(page=page)


def xml_escape(text: str, apos: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;")
    return text.replace("'", "&apos;") if apos else text


def strip_control(text: str) -> str:
    return "".join(c for c in text if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cf"))


def feed_contents(root: Path, feed: str, pattern: str) -> list[tuple[str, str]]:
    """(slug, escaped content) per entry, by regex: daiwk's feed is not well-formed XML."""
    raw = (root / "expected" / feed).read_text(encoding="utf-8")
    return [
        (m["link"].rstrip("/").rsplit("/", 1)[-1].removesuffix(".html"), m["content"])
        for m in re.finditer(pattern, raw, re.S)
    ]


def compare(root: Path, entries: list[tuple[str, str]], github_pages: bool) -> list[str]:
    posts = {}
    for path in (root / "_posts").iterdir():
        m = POST_NAME.match(path.name)
        if m:
            posts[m.group(1)] = path
    mismatches = []
    for slug, expected in entries:
        html = render_markdown(post_body(posts[slug]))
        got = xml_escape(strip_control(html), False) if github_pages else xml_escape(html, True)
        if got != expected:
            mismatches.append(slug)
    return mismatches


ATOM = r'<entry>.*?<link href="(?P<link>[^"]*)"/>.*?<content type="html">(?P<content>.*?)</content>'
RSS = r"<item>.*?<description>(?P<content>.*?)</description>.*?<link>(?P<link>.*?)</link>"


def test_daiwk_feed_contents() -> None:
    root = corpus_dir("daiwk")
    entries = feed_contents(root, "atom.xml", ATOM)
    assert len(entries) == 348
    start = time.perf_counter()
    mismatches = compare(root, entries, github_pages=True)
    elapsed = time.perf_counter() - start
    identical = len(entries) - len(mismatches)
    print(f"daiwk: {identical}/{len(entries)} identical in {elapsed:.2f}s; differ: {mismatches}")
    assert identical >= 0.99 * len(entries), f"mismatching posts: {mismatches}"


def test_mojombo_feed_contents() -> None:
    root = corpus_dir("mojombo")
    entries = feed_contents(root, "atom.xml", ATOM)
    assert len(entries) == 15
    mismatches = compare(root, entries, github_pages=False)
    print(
        f"mojombo: {len(entries) - len(mismatches)}/{len(entries)} identical; differ: {mismatches}"
    )
    assert not mismatches, mismatches


def test_karpathy_feed_contents() -> None:
    root = corpus_dir("karpathy")
    entries = feed_contents(root, "feed.xml", RSS)
    assert len(entries) == 10
    mismatches = compare(root, entries, github_pages=False)
    print(
        f"karpathy: {len(entries) - len(mismatches)}/{len(entries)} identical; differ: {mismatches}"
    )
    assert not mismatches, mismatches


@pytest.mark.parametrize("name", ["daiwk"])
def test_render_speed(name: str) -> None:
    root = corpus_dir(name)
    bodies = [post_body(p) for p in sorted((root / "_posts").glob("*.m*"))]
    start = time.perf_counter()
    for body in bodies:
        render_markdown(body)
    elapsed = time.perf_counter() - start
    print(f"{name}: rendered {len(bodies)} posts in {elapsed:.2f}s")
    assert elapsed < 10, "rendering should take about a second"
