"""`build_feed` on real blogs against the feeds their builders published (../shared/corpus).

* daiwk: `expected/atom.xml` is what GitHub Pages served (Jekyll 3.9.5 on Ruby 2.7, so `'` is
  not escaped). GitHub Pages' served copy also has every Unicode Cc/Cf character except `\\t`
  and `\\n` removed, although Jekyll writes them (facts §2.3); bloglint's `github-pages`
  flavour serves the feed the same way, so the comparison is of the raw bytes.
* karpathy (RSS template) and mojombo (Atom template, no _config.yml): built locally by Jekyll
  4.3.1 on Ruby 3, which writes `&apos;`, so they are rendered with the `jekyll4` flavour.

The feed's own build time is read from the expected file and passed as `build_time`.
Everything but `<content>`/`<description>` must be byte-identical; contents (which depend on
the kramdown renderer) must match for at least 99% of entries.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from bloglint.feed import FeedResult, build_feed
from bloglint.site import load_site
from tests.corpus import corpus_dir

ENTRY = re.compile(r"<(entry|item)>.*?</\1>", re.DOTALL)
CONTENT = re.compile(r"(<content[^>]*>|<description>)(.*?)(</content>|</description>)", re.DOTALL)


def split_feed(text: str) -> tuple[str, list[str], str]:
    entries = list(ENTRY.finditer(text))
    assert entries, "no entries found"
    head = text[: entries[0].start()]
    tail = text[entries[-1].end() :]
    middle = [m.group(0) for m in entries]
    separators = [text[a.end() : b.start()] for a, b in zip(entries, entries[1:], strict=False)]
    return head + "|" + "|".join(separators), middle, tail


def header_fields(entry: str) -> str:
    """Everything of an entry except its content (title, link, dates, id, categories)."""
    return CONTENT.sub(r"\1…\3", entry)


def content_of(entry: str) -> str:
    match = CONTENT.search(entry)
    assert match, entry[:200]
    return match.group(2)


def slug_of(entry: str) -> str:
    match = re.search(r"<link[^>]*?(?:href=\")?([^\"<>]+?)(?:\"/>|</link>)", entry)
    return match.group(1).rstrip("/").rsplit("/", 1)[-1] if match else entry[:60]


def compare(ours: str, expected: str) -> tuple[int, list[str]]:
    """Assert the feeds agree outside contents; return (entries, slugs whose content differs)."""
    our_frame, our_entries, our_tail = split_feed(ours)
    exp_frame, exp_entries, exp_tail = split_feed(expected)
    assert our_frame == exp_frame
    assert our_tail == exp_tail
    assert len(our_entries) == len(exp_entries)
    assert [header_fields(e) for e in our_entries] == [header_fields(e) for e in exp_entries]
    differing = [
        slug_of(exp)
        for got, exp in zip(our_entries, exp_entries, strict=True)
        if content_of(got) != content_of(exp)
    ]
    return len(exp_entries), differing


def assert_contents(name: str, total: int, differing: list[str]) -> None:
    same = total - len(differing)
    print(f"{name}: {same}/{total} contents byte-identical; differing: {differing}")
    assert same / total >= 0.99, f"{name}: only {same}/{total} contents match: {differing}"


def atom_updated(text: str) -> dt.datetime:
    match = re.search(r"<updated>([^<]+)</updated>", text)
    assert match
    return dt.datetime.fromisoformat(match.group(1))


@pytest.fixture(scope="module")
def daiwk() -> tuple[FeedResult, str]:
    root = corpus_dir("daiwk")
    expected = (root / "expected" / "atom.xml").read_text(encoding="utf-8")
    site = load_site(root)
    result = build_feed(
        site, build_time=atom_updated(expected), flavour="github-pages", cache=False
    )
    return result, expected


def test_daiwk_feed_matches_github_pages(daiwk: tuple[FeedResult, str]) -> None:
    result, expected = daiwk
    assert result.template == "atom.xml"
    assert result.path == "atom.xml"
    assert result.posts == 348
    total, differing = compare(result.text, expected)
    assert total == 348
    assert_contents("daiwk", total, differing)
    assert result.text == expected  # the whole file, given the published build time


def test_daiwk_unescaped_titles_are_reported_at_the_template_line(
    daiwk: tuple[FeedResult, str],
) -> None:
    result, _ = daiwk
    title_problems = [
        p for p in result.problems if p.kind == "feed-xml" and "post.title" in p.message
    ]
    # Four titles carry a raw `&`; the template writes `{{ post.title }}` on atom.xml line 19.
    assert len(title_problems) == 4
    for problem in title_problems:
        assert (problem.path, problem.line) == ("atom.xml", 19)
        assert "`{{ post.title | xml_escape }}`" in problem.message
        assert re.search(r"_posts/\S+\.(md|markdown)", problem.message)
        assert "&" in problem.message
    # The Go-template text in two posts is a Liquid syntax warning at its line.
    syntax = {(p.path, p.line) for p in result.problems if p.kind == "liquid-syntax"}
    assert len(syntax) == 5
    assert all(path.startswith("_posts/") for path, _ in syntax)
    # Not valid Atom either: no feed <id>, relative entry ids (written on line 22).
    atom = {(p.line, p.message.split(" (")[0]) for p in result.problems if p.kind == "feed-atom"}
    assert atom == {
        (6, "the feed has no <id>, which RFC 4287 requires; add one"),
        (22, "348 entry ids are not absolute IRIs"),
    }
    # U+0008 in posts is reported where it is written.
    chars = [p for p in result.problems if p.kind == "feed-xml" and "U+0008" in p.message]
    assert chars and all(p.path.startswith("_posts/") for p in chars)


def expected_and_site(name: str, feed: str) -> tuple[str, Path]:
    root = corpus_dir(name)
    return (root / "expected" / feed).read_text(encoding="utf-8"), root


def test_karpathy_rss_template_matches_jekyll_4() -> None:
    expected, root = expected_and_site("karpathy", "feed.xml")
    match = re.search(r"<pubDate>([^<]+)</pubDate>", expected)
    assert match
    result = build_feed(
        load_site(root),
        build_time=parsedate_to_datetime(match.group(1)),
        flavour="jekyll4",
        cache=False,
    )
    assert (result.template, result.path, result.posts) == ("feed.xml", "feed.xml", 10)
    total, differing = compare(result.text, expected)
    assert total == 10
    assert_contents("karpathy", total, differing)
    assert result.text == expected  # the whole file, given the build time
    assert result.problems == []


def test_mojombo_atom_template_without_config_matches_jekyll_4() -> None:
    expected, root = expected_and_site("mojombo", "atom.xml")
    result = build_feed(
        load_site(root), build_time=atom_updated(expected), flavour="jekyll4", cache=False
    )
    assert (result.template, result.path, result.posts) == ("atom.xml", "atom.xml", 15)
    total, differing = compare(result.text, expected)
    assert total == 15
    assert_contents("mojombo", total, differing)
    assert result.text == expected  # the whole file, given the build time
    assert result.problems == []
