"""`bloglint.feed`: a site's own feed template, the jekyll-feed style feed, problems, writing.

`tests/data/feed/jekyll-feed-0.17.xml` is what Debian's Jekyll 4.3.1 with jekyll-feed 0.17.0
wrote for the site in `JEKYLL_FEED_SITE` (plus `plugins: [jekyll-feed]`). bloglint's feed keeps
its elements and values but escapes titles once (`type="text"`), one entry per line.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

import pytest
from lxml import etree

from bloglint.feed import (
    build_feed,
    build_feeds,
    build_time_from,
    cached_feed,
    destination_file,
    feed_flavour,
    feed_is_current,
    find_feed_template,
    source_date_epoch,
    validate_settings,
    write_feed_atomically,
)
from bloglint.model import ConfigError
from bloglint.site import load_site

DATA = Path(__file__).parent / "data" / "feed"
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
BUILD_TIME = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)

JEKYLL_FEED_SITE = {
    "_config.yml": """\
title: "Notes & <Sketches>"
description: "Small things, \\"quoted\\""
url: "https://blog.example.org"
baseurl: "/b"
timezone: America/New_York
author:
  name: Kim Doe
  email: kim@example.org
feed:
  posts_limit: 3
""",
    "_data/authors.yml": "lee:\n  name: Lee Roe\n  uri: https://lee.example.org\n",
    "_posts/2021-03-01-first-light.md": """\
---
title: First light
category: astro
tags: [sky, "night & day"]
---
The *first* paragraph is the excerpt.

Then more text with a [link](https://example.org/a?b=1&c=2).
""",
    "_posts/2021-03-02-tom-and-jerry.md": """\
---
title: "Tom & Jerry's <b>big</b> \\"day\\" -- out..."
author: lee
last_modified_at: 2021-04-05 06:07:08 +0000
description: A description wins over the excerpt
---
Body with code:

```python
print("a < b")
```
""",
    "_posts/2021-03-03-plain.md": """\
---
title: Plain
categories: [one, two]
author: Someone Else
image: /img/p.png
---
Only one paragraph.
""",
    "_posts/2021-03-03-another.md": "---\ntitle: Another same day\n---\nSame date as plain.\n",
    "_posts/2020-12-31-old.md": "---\ntitle: Old one\n---\nBeyond the limit.\n",
}


def write_site(root: Path, files: dict[str, str]) -> Path:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def parse(text: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(text.encode("utf-8"), parser)


def entry_facts(entry: etree._Element) -> dict[str, object]:
    """What a reader sees in an entry (titles decoded from HTML when typed html)."""
    title = entry.find(f"{ATOM}title")
    assert title is not None
    title_text = title.text or ""
    if title.get("type") == "html":
        title_text = html.unescape(title_text)
    link = entry.find(f"{ATOM}link")
    author = entry.find(f"{ATOM}author")
    assert link is not None and author is not None
    return {
        "title": title_text,
        "link": (link.get("href"), link.get("rel"), link.get("type")),
        "published": entry.findtext(f"{ATOM}published"),
        "updated": entry.findtext(f"{ATOM}updated"),
        "id": entry.findtext(f"{ATOM}id"),
        "content": entry.findtext(f"{ATOM}content"),
        "xml:base": entry.find(f"{ATOM}content").get("{http://www.w3.org/XML/1998/namespace}base"),
        "author": [(child.tag, child.text) for child in author],
        "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        "summary": entry.findtext(f"{ATOM}summary"),
        "image": [m.get("url") for m in entry.findall(f"{MEDIA}thumbnail")],
    }


def test_jekyll_feed_style_feed_has_jekyll_feeds_entries(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path, JEKYLL_FEED_SITE))
    result = build_feed(site, build_time=BUILD_TIME, flavour="jekyll4", cache=False)
    assert (result.path, result.template, result.posts) == ("feed.xml", None, 3)
    assert result.problems == []
    ours = parse(result.text)
    oracle = parse((DATA / "jekyll-feed-0.17.xml").read_text(encoding="utf-8"))
    assert [entry_facts(e) for e in ours.findall(f"{ATOM}entry")] == [
        entry_facts(e) for e in oracle.findall(f"{ATOM}entry")
    ]
    for tag in ("id", "subtitle"):
        assert ours.findtext(f"{ATOM}{tag}") == oracle.findtext(f"{ATOM}{tag}")
    assert [(link.get("href"), link.get("rel")) for link in ours.findall(f"{ATOM}link")] == [
        (link.get("href"), link.get("rel")) for link in oracle.findall(f"{ATOM}link")
    ]
    assert etree.tostring(ours.find(f"{ATOM}author"), with_tail=False) == etree.tostring(
        oracle.find(f"{ATOM}author"), with_tail=False
    )
    generator = ours.find(f"{ATOM}generator")
    assert generator is not None and generator.get("version") == "4.3.1"
    # The build time, in the site's zone, is the feed's <updated>.
    assert ours.findtext(f"{ATOM}updated") == "2024-05-06T03:08:09-04:00"
    # Titles are escaped once: a reader shows `&`, not `&amp;`.
    assert (
        '<title type="text">Tom &amp; Jerry\u2019s big \u201cday\u201d \u2013 out\u2026</title>'
        in result.text
    )


def test_jekyll_feed_style_feed_stays_well_formed_with_hostile_input(tmp_path: Path) -> None:
    files = {
        # An .html post is not converted, so `]]>` reaches the CDATA section as written.
        "_posts/2022-01-01-evil.html": (
            '---\ntitle: "A \\b bell & ]]> <end>"\n---\n'
            "text with \u0008 backspace and ]]> inside, & < > \u000c\n"
        ),
    }
    site = load_site(write_site(tmp_path, files))
    result = build_feed(site, build_time=BUILD_TIME, cache=False)
    root = parse(result.text)  # raises if not well-formed
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == "A bell & ]]>"
    content = entry.findtext(f"{ATOM}content") or ""
    assert "]]>" in content and "\u0008" not in content and "\u000c" not in content
    # No `url`: ids are still absolute (urn:uuid) and the missing url is reported.
    assert (entry.findtext(f"{ATOM}id") or "").startswith("urn:uuid:")
    assert [p.kind for p in result.problems] == ["feed-url"]


def test_feed_path_and_limit_come_from_config(tmp_path: Path) -> None:
    files = dict(JEKYLL_FEED_SITE)
    files["_config.yml"] += "  path: /atom/index.xml\n"
    files["_config.yml"] = files["_config.yml"].replace("posts_limit: 3", "posts_limit: 1")
    result = build_feed(load_site(write_site(tmp_path, files)), build_time=BUILD_TIME, cache=False)
    assert result.path == "atom/index.xml"
    assert result.posts == 1
    assert 'href="https://blog.example.org/b/atom/index.xml" rel="self"' in result.text


def test_excerpt_only_drops_content_and_category_feeds_are_built(tmp_path: Path) -> None:
    files = dict(JEKYLL_FEED_SITE)
    files["_config.yml"] += "  excerpt_only: true\n  categories: [astro]\n"
    results = build_feeds(
        load_site(write_site(tmp_path, files)), build_time=BUILD_TIME, cache=False
    )
    assert [r.path for r in results] == ["feed.xml", "feed/astro.xml"]
    assert "<content" not in results[0].text
    astro = parse(results[1].text)
    assert [e.findtext(f"{ATOM}title") for e in astro.findall(f"{ATOM}entry")] == ["First light"]
    assert astro.findtext(f"{ATOM}title") == "Notes & | Astro"


TEMPLATE = """\
---
layout: nil
---
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>{{ site.title }}</title>
 <id>{{ site.url }}/</id>
 <updated>{{ site.time | date_to_xmlschema }}</updated>
 <author><name>{{ site.author }}</name></author>
 {% for post in site.posts %}
 <entry>
   <title>{{ post.title }}</title>
   <link href="{{ site.url }}{{ post.url }}"/>
   <updated>{{ post.date | date_to_xmlschema }}</updated>
   <id>{{ site.url }}{{ post.id }}</id>
   <content type="html">{{ post.content | xml_escape }}</content>
 </entry>
 {% endfor %}
</feed>
"""


def template_site(tmp_path: Path, title: str = "Hello") -> Path:
    return write_site(
        tmp_path,
        {
            "_config.yml": "title: T\nurl: https://t.example\nauthor: Ann\n",
            "atom.xml": TEMPLATE,
            "_posts/2020-02-02-hello.md": f'---\ntitle: "{title}"\n---\nHello *world*.\n',
            "_posts/2020-01-01-older.md": "---\ntitle: Older\n---\nOld.\n",
        },
    )


def test_site_template_is_rendered_without_a_missing_layout(tmp_path: Path) -> None:
    site = load_site(template_site(tmp_path))
    assert find_feed_template(site) is not None
    result = build_feed(site, build_time=BUILD_TIME, cache=False)
    assert (result.path, result.template, result.posts) == ("atom.xml", "atom.xml", 2)
    assert result.problems == []
    assert result.text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed')
    assert (
        " <entry>\n   <title>Hello</title>\n"
        '   <link href="https://t.example/2020/02/02/hello.html"/>\n'
        "   <updated>2020-02-02T00:00:00+00:00</updated>\n"
        "   <id>https://t.example/2020/02/02/hello</id>\n"
        '   <content type="html">&lt;p&gt;Hello &lt;em&gt;world&lt;/em&gt;.&lt;/p&gt;\n'
        "</content>\n </entry>\n"
    ) in result.text


def test_unescaped_title_is_reported_at_the_template_line_with_the_fix(tmp_path: Path) -> None:
    site = load_site(template_site(tmp_path, title="Salt & pepper"))
    result = build_feed(site, build_time=BUILD_TIME, cache=False)
    assert "<title>Salt & pepper</title>" in result.text  # reproduced faithfully
    [problem] = result.problems
    assert (problem.path, problem.line, problem.kind) == ("atom.xml", 12, "feed-xml")
    assert "_posts/2020-02-02-hello.md" in problem.message
    assert "`{{ post.title | xml_escape }}`" in problem.message


def test_relative_entry_ids_make_the_atom_feed_invalid(tmp_path: Path) -> None:
    root = template_site(tmp_path)
    text = (
        (root / "atom.xml")
        .read_text()
        .replace("<id>{{ site.url }}{{ post.id }}</id>", "<id>{{ post.id }}</id>")
    )
    (root / "atom.xml").write_text(text)
    result = build_feed(load_site(root), build_time=BUILD_TIME, cache=False)
    [problem] = result.problems
    assert (problem.path, problem.line, problem.kind) == ("atom.xml", 15, "feed-atom")
    assert "`/2020/02/02/hello`" in problem.message


def test_post_that_cannot_render_is_reported_with_file_and_line(tmp_path: Path) -> None:
    root = template_site(tmp_path)
    (root / "_posts/2020-01-01-older.md").write_text(
        "---\ntitle: Older\n---\nfine\n{% include missing.html %}\n"
    )
    result = build_feed(load_site(root), build_time=BUILD_TIME, cache=False)
    [problem] = result.problems
    assert problem.kind == "liquid-render"
    assert (problem.path, problem.line) == ("_posts/2020-01-01-older.md", 5)
    assert "missing.html" in problem.message


def test_flavour_from_config_or_gemfile(tmp_path: Path) -> None:
    root = template_site(tmp_path)
    assert feed_flavour(load_site(root)) == "github-pages"
    (root / "Gemfile").write_text('source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n')
    assert feed_flavour(load_site(root)) == "jekyll4"
    (root / "_config.yml").write_text("bloglint:\n  feed:\n    xml_escape: github-pages\n")
    assert feed_flavour(load_site(root)) == "github-pages"


def test_source_date_epoch() -> None:
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc
    )
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "soon"}) is None
    assert source_date_epoch({}) is None


def test_write_atomically_and_check_mode(tmp_path: Path) -> None:
    target = tmp_path / "site" / "feed.xml"
    write_feed_atomically(target, "<feed>one</feed>")
    assert target.read_text() == "<feed>one</feed>"
    assert feed_is_current(target, "<feed>one</feed>")
    assert not feed_is_current(target, "<feed>two</feed>")
    assert not feed_is_current(tmp_path / "absent.xml", "x")
    with_time = "<feed><updated>2020</updated><entry><updated>1</updated></entry></feed>"
    write_feed_atomically(target, with_time)
    assert feed_is_current(target, with_time.replace("2020", "2024"), ignore_updated=True)
    assert not feed_is_current(target, with_time.replace(">1<", ">2<"), ignore_updated=True)


def test_old_feed_survives_a_failed_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "feed.xml"
    write_feed_atomically(target, "old")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_feed_atomically(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]  # no temp file left


def test_cache_makes_a_second_run_reuse_html(tmp_path: Path) -> None:
    site = load_site(template_site(tmp_path))
    first = build_feed(site, build_time=BUILD_TIME)
    assert (tmp_path / ".jekyll-cache/bloglint" / "render.sqlite").is_file()
    second = build_feed(load_site(tmp_path), build_time=BUILD_TIME)
    assert second.text == first.text


def test_build_time_from_option_or_environment() -> None:
    utc = dt.timezone.utc
    assert build_time_from("1700000000") == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=utc)
    assert build_time_from("2024-03-10T13:57:55Z") == dt.datetime(
        2024, 3, 10, 13, 57, 55, tzinfo=utc
    )
    assert build_time_from(None, {"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1, tzinfo=utc)
    assert build_time_from(None, {}) is None
    with pytest.raises(ValueError, match="not an ISO 8601 time"):
        build_time_from("yesterday")


def test_result_lists_entries_and_fatal_render_errors(tmp_path: Path) -> None:
    site = load_site(template_site(tmp_path))
    result = build_feed(site, build_time=BUILD_TIME, cache=False)
    assert result.entries == [
        "https://t.example/2020/02/02/hello",
        "https://t.example/2020/01/01/older",
    ]
    assert not result.fatal
    (tmp_path / "_posts/2020-01-01-older.md").write_text(
        "---\ntitle: O\n---\n{% post_url nope %}\n"
    )
    broken = build_feed(load_site(tmp_path), build_time=BUILD_TIME, cache=False)
    assert broken.fatal


def test_feed_is_written_under_the_destination_not_over_the_template(tmp_path: Path) -> None:
    site = load_site(template_site(tmp_path))
    result = build_feed(site, build_time=BUILD_TIME, cache=False)
    assert destination_file(site, result) == tmp_path / "_site" / "atom.xml"


def test_unchanged_site_reuses_the_whole_result_and_any_change_rebuilds(tmp_path: Path) -> None:
    root = template_site(tmp_path, title="Salt & pepper")
    assert cached_feed(root, build_time=BUILD_TIME) is None
    first = build_feed(load_site(root), build_time=BUILD_TIME)
    hit = cached_feed(root, build_time=BUILD_TIME)
    assert hit is not None
    assert (hit.text, hit.path, hit.template, hit.posts) == (
        first.text,
        first.path,
        first.template,
        first.posts,
    )
    assert hit.problems == first.problems and hit.problems
    assert cached_feed(root, build_time=BUILD_TIME + dt.timedelta(seconds=1)) is None
    assert cached_feed(root, build_time=None) is None
    post = root / "_posts/2020-01-01-older.md"
    post.write_text(post.read_text().replace("Old.", "Older text."))
    assert cached_feed(root, build_time=BUILD_TIME) is None
    rebuilt = build_feed(load_site(root), build_time=BUILD_TIME)
    assert "Older text." in rebuilt.text
    (root / ".jekyll-cache/bloglint" / "feed.json").write_text("{not json")
    assert cached_feed(root, build_time=BUILD_TIME) is None
    assert build_feed(load_site(root), build_time=BUILD_TIME).text == rebuilt.text


def test_feed_settings_are_validated() -> None:
    validate_settings({"xml_escape": "jekyll4"}, "_config.yml")
    with pytest.raises(ConfigError, match="bloglint.feed.xml_escape"):
        validate_settings({"xml_escape": "ruby3"}, "_config.yml")
    with pytest.raises(ConfigError, match="unknown key `bloglint.feed.limit`"):
        validate_settings({"limit": 3}, "_config.yml")


def test_collection_feeds(tmp_path: Path) -> None:
    files = {
        "_config.yml": (
            "title: Site\nurl: https://c.example\ncollections:\n  notes:\n    output: true\n"
            "feed:\n  collections: [notes]\n"
        ),
        "_notes/first-note.md": "---\ntitle: A note\ndate: 2021-02-03\n---\nNote body.\n",
        "_posts/2021-01-01-post.md": "---\ntitle: A post\n---\nPost body.\n",
    }
    results = build_feeds(
        load_site(write_site(tmp_path, files)), build_time=BUILD_TIME, cache=False
    )
    assert [r.path for r in results] == ["feed.xml", "feed/notes.xml"]
    notes = parse(results[1].text)
    assert notes.findtext(f"{ATOM}title") == "Site | Notes"
    assert [e.findtext(f"{ATOM}title") for e in notes.findall(f"{ATOM}entry")] == ["A note"]
    assert [e.findtext(f"{ATOM}id") for e in notes.findall(f"{ATOM}entry")] == [
        "https://c.example/notes/first-note"
    ]


def test_every_feed_template_is_rendered_main_one_first(tmp_path: Path) -> None:
    root = template_site(tmp_path)
    rss = "---\n---\n<rss><channel>{% for post in site.posts %}<item><title>{{ post.title }}</title></item>{% endfor %}</channel></rss>\n"
    (root / "feeds").mkdir()
    (root / "feeds" / "rss.xml").write_text(rss)
    (root / "notes.xml").write_text("no front matter, {% for post in site.posts %}\n")
    results = build_feeds(load_site(root), build_time=BUILD_TIME, cache=False)
    assert [(r.path, r.template) for r in results] == [
        ("atom.xml", "atom.xml"),
        ("feeds/rss.xml", "feeds/rss.xml"),
    ]
    assert (
        results[1].text
        == "<rss><channel><item><title>Hello</title></item><item><title>Older</title></item></channel></rss>\n"
    )


def test_feed_template_layouts_are_applied_like_jekyll(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: T\n",
        "_layouts/wrap.xml": (
            "---\nlayout: outer\nkind: inner\n---\n"
            '<inner l="{{ layout.kind }}" p="{{ page.title }}">{{ content }}</inner>\n'
        ),
        "_layouts/outer.html": "---\nkind: outer\n---\n<outer>{{ content }}</outer>\n",
        "feed.xml": (
            "---\nlayout: wrap\ntitle: Feed\n---\n"
            "{% for post in site.posts %}<e>{{ post.title }}</e>{% endfor %}\n"
        ),
        "_posts/2020-01-01-one.md": "---\ntitle: One\n---\nx\n",
    }
    result = build_feed(load_site(write_site(tmp_path, files)), build_time=BUILD_TIME, cache=False)
    # Labelled with Jekyll 4.3.1.
    assert result.text == '<outer><inner l="inner" p="Feed"><e>One</e>\n</inner>\n</outer>\n'


def test_cache_dir_setting_is_honoured(tmp_path: Path) -> None:
    root = template_site(tmp_path)
    config = root / "_config.yml"
    config.write_text(config.read_text() + "bloglint:\n  cache_dir: .cache/bl\n")
    first = build_feed(load_site(root), build_time=BUILD_TIME)
    assert (root / ".cache" / "bl" / "render.sqlite").is_file()
    assert not (root / ".jekyll-cache/bloglint").exists()
    hit = cached_feed(root, build_time=BUILD_TIME, cache_dir=".cache/bl")
    assert hit is not None and hit.text == first.text


def test_format_characters_are_exactly_unicode_cc_and_cf_but_tab_and_newline() -> None:
    import unicodedata

    from bloglint.feed import strip_format_characters

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    kept = "".join(
        ch for ch in every if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    assert strip_format_characters(every) == kept


def test_feed_result_bytes_follow_its_text() -> None:
    from bloglint.feed import FeedResult

    result = FeedResult(path="atom.xml", text="<feed>é</feed>", template=None)
    assert result.data() == "<feed>é</feed>".encode()
    result.text = "<feed>ü</feed>"  # the published text replaces the rendered one
    assert result.data() == "<feed>ü</feed>".encode()


def test_a_feed_reading_crosses_to_a_worker_and_back_intact() -> None:
    """A worker reads the feed as XML at the end of a cold run: what it found must pickle."""
    import pickle

    from bloglint.feed import read_feed_text

    text = (
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "<title>A & B</title>\n<entry><id>/relative</id><title>x</title></entry>\n</feed>\n"
    )
    reading = read_feed_text(text)
    assert reading.errors and reading.errors[0].line == 3  # the bare `&`
    assert any("not absolute IRIs" in message for _, message in reading.atom)
    assert pickle.loads(pickle.dumps(reading)) == reading
