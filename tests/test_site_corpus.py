"""Acceptance: on the three real blogs, the published posts, their URLs, ids, dates (time zone
included) and order are exactly those of the feeds Jekyll wrote (expected/). The feeds are read
with regexes over the raw text: daiwk's is not well-formed XML (raw `&` in titles)."""

from __future__ import annotations

import re
from email.utils import format_datetime

from bloglint.site import load_site
from tests.corpus import corpus_dir


def _atom_entries(text: str) -> list[tuple[str, str, str]]:
    """(link href, updated, id) of every <entry>, in order."""
    entries = re.findall(r"<entry>(.*?)</entry>", text, re.DOTALL)
    found = []
    for entry in entries:
        link = re.search(r'<link href="([^"]*)"/>', entry)
        updated = re.search(r"<updated>([^<]*)</updated>", entry)
        entry_id = re.search(r"<id>([^<]*)</id>", entry)
        assert link and updated and entry_id, entry[:200]
        found.append((link.group(1), updated.group(1), entry_id.group(1)))
    return found


def test_daiwk_posts_match_the_atom_feed_entry_for_entry() -> None:
    root = corpus_dir("daiwk")
    # atom.xml: <link href="http://{{ site.domain }}{{ post.url }}"/>,
    # <updated>{{ post.date | date_to_xmlschema }}</updated>, <id>{{ site.production_url }}{{ post.id }}</id>
    expected = _atom_entries((root / "expected" / "atom.xml").read_text(encoding="utf-8"))
    site = load_site(root)
    mine = [
        (f"http://daiwk.github.io{post.url}", post.date.isoformat(), post.id) for post in site.posts
    ]
    assert len(expected) == 348
    assert mine == expected
    # `timezone: China/Beijing` is not a zone: glibc, hence Jekyll, used UTC (facts §1.2).
    assert all(post.date.utcoffset().total_seconds() == 0 for post in site.posts)
    assert any(problem.kind == "timezone" for problem in site.problems)


def test_daiwk_names_the_three_files_jekyll_skips() -> None:
    site = load_site(corpus_dir("daiwk"))
    skipped = {item.relpath: item.reason for item in site.skipped}
    assert set(skipped) == {
        "_posts/.DS_Store",
        "_posts/tf_mul_nodes.py",
        "_posts/tf_single_node.py",
    }
    assert "date" in skipped["_posts/tf_mul_nodes.py"]
    assert "`.`" in skipped["_posts/.DS_Store"]


def test_karpathy_posts_match_the_rss_feed() -> None:
    root = corpus_dir("karpathy")
    text = (root / "expected" / "feed.xml").read_text(encoding="utf-8")
    # feed.xml: <pubDate>{{ post.date | date_to_rfc822 }}</pubDate>, <link> and <guid> are
    # {{ post.url | prepend: site.baseurl | prepend: site.url }}; `limit:10`.
    items = re.findall(
        r"<item>.*?<pubDate>([^<]*)</pubDate>\s*<link>([^<]*)</link>\s*<guid[^>]*>([^<]*)</guid>",
        text,
        re.DOTALL,
    )
    site = load_site(root)
    assert len(items) == 10
    assert len(site.posts) == 23
    mine = [
        (
            format_datetime(post.date),
            f"http://karpathy.github.io{post.url}",
            f"http://karpathy.github.io{post.url}",
        )
        for post in site.posts[:10]
    ]
    assert mine == items
    # `permalink: pretty` and naive front-matter times read as UTC.
    assert site.posts[0].url == "/2026/02/12/microgpt/"
    assert site.posts[0].date.isoformat() == "2026-02-12T07:00:00+00:00"


def test_mojombo_without_config_uses_jekyll_defaults() -> None:
    root = corpus_dir("mojombo")
    assert not (root / "_config.yml").exists()
    # atom.xml: link http://tom.preston-werner.com{{ post.url }}, id ...{{ post.id }}
    expected = _atom_entries((root / "expected" / "atom.xml").read_text(encoding="utf-8"))
    site = load_site(root)
    prefix = "http://tom.preston-werner.com"
    mine = [(prefix + post.url, post.date.isoformat(), prefix + post.id) for post in site.posts]
    assert len(expected) == 15
    assert mine == expected
    assert site.config["permalink"] == "date"


def test_corpus_urls_exist_and_posts_resolve() -> None:
    site = load_site(corpus_dir("daiwk"))
    post = site.posts[0]
    assert site.url_exists(post.url)
    assert site.resolve(post.url) is post
    assert site.url_exists("/atom.xml")
    assert site.url_exists("/about.html")
    assert not site.url_exists("/posts/no-such-post.html")
    assert site.post_by_name(post.name) is post
