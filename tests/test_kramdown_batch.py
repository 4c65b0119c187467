"""Converting many posts in worker processes gives exactly what converting one by one gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bloglint.liquid import JekyllLiquid
from bloglint.render import render_markdown
from bloglint.render.batch import Conversions, RenderCache, _chunks
from bloglint.site import load_site

BUILD_TIME = dt.datetime(2026, 11, 21, 9, 0, 0, tzinfo=dt.timezone.utc)


def post_text(n: int) -> str:
    return (
        f"## Part {n}\n\nSome *text* with `code` and a [link](/x/{n}).\n\n"
        "```python\n" + f"def f{n}(x):\n    return x * {n}\n" + "```\n\n" + "- one\n- two\n" * n
    )


def test_chunks_keep_order_and_shrink_toward_the_end() -> None:
    texts = [f"{i}:" + "x" * (10 * (i % 5 + 1)) for i in range(200)]
    lengths = [len(t) for t in texts]
    chunks = _chunks(texts, 2, lengths)
    assert [t for chunk in chunks for t in chunk] == texts  # contiguous, in order
    sizes = [sum(map(len, chunk)) for chunk in chunks]
    total = sum(lengths)
    assert 0.2 * total <= sizes[0] <= 0.3 * total  # the first: a quarter (2 workers)
    assert sizes[:6] == sorted(sizes[:6], reverse=True)  # then smaller and smaller...
    assert all(size <= 0.07 * total for size in sizes[-4:])  # ...down to a twentieth
    assert len(chunks) <= 14


def test_workers_convert_like_the_parent() -> None:
    texts = [post_text(n) for n in range(1, 13)]
    conversions = Conversions(workers=2)
    try:
        conversions.submit(texts)
        assert conversions.running
        assert all(text in conversions for text in texts)
        assert [conversions.get(t) for t in texts] == [render_markdown(t) for t in texts]
        assert conversions.get("never submitted") is None
    finally:
        conversions.close()
    assert not conversions.running


def test_too_little_work_starts_no_process() -> None:
    conversions = Conversions(workers=2)
    conversions.submit([post_text(1), post_text(2)])
    assert not conversions.running
    assert conversions.get(post_text(1)) is None  # the caller converts it itself


def test_prerendered_posts_wait_for_their_worker_and_fill_the_cache(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: Batch\n", encoding="utf-8")
    posts = tmp_path / "_posts"
    posts.mkdir()
    for n in range(1, 11):
        body = post_text(n) + ("Built {{ site.title }}.\n" if n % 3 == 0 else "")
        (posts / f"2024-01-{n:02d}-post-{n}.md").write_text(
            f"---\ntitle: Post {n}\n---\n{body}", encoding="utf-8"
        )
    site = load_site(tmp_path)
    cache = RenderCache(tmp_path / "cache", version="test")
    renderer = JekyllLiquid(site, build_time=BUILD_TIME, cache=cache)
    conversions = Conversions(workers=2)
    try:
        renderer.prerender(site.posts, conversions=conversions)
        assert conversions.running
        first = site.posts[0]
        assert renderer.post_content(first) == render_markdown(renderer.liquid_body(first))
        renderer.collect()
    finally:
        conversions.close()
        cache.close()
    fresh = JekyllLiquid(site, build_time=BUILD_TIME)
    reopened = RenderCache(tmp_path / "cache", version="test")
    try:
        for post in site.posts:
            text = fresh.liquid_body(post)
            assert reopened.get(text) == render_markdown(text)
            assert renderer.post_content(post) == render_markdown(text)
    finally:
        reopened.close()
    # Three posts went through Liquid before kramdown (their text differs from the body).
    assert sum("Built Batch." in renderer.liquid_body(p) for p in site.posts) == 3


FEED_TEMPLATE = """\
---
layout: null
---
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{{ site.title | xml_escape }}</title>
<id>https://example.org/</id><updated>{{ site.time | date_to_xmlschema }}</updated>
{% for post in site.posts %}<entry><title>{{ post.title | xml_escape }}</title>
<id>https://example.org{{ post.id }}</id><updated>{{ post.date | date_to_xmlschema }}</updated>
<content type="html">{{ post.content | xml_escape }}</content></entry>
{% endfor %}</feed>
"""


def write_blog(root: Path, posts: int) -> None:
    (root / "_config.yml").write_text("title: Early & often\n", encoding="utf-8")
    (root / "atom.xml").write_text(FEED_TEMPLATE, encoding="utf-8")
    folder = root / "_posts" / "notes"
    folder.mkdir(parents=True)
    for n in range(1, posts + 1):
        body = post_text(n) + ("{{ page.title }} done.\n" if n == 4 else "")
        (folder / f"2024-02-{n:02d}-note-{n}.md").write_text(
            f"---\ntitle: Note {n}\n---\n{body}", encoding="utf-8"
        )


def test_conversions_started_before_reading_the_site_give_the_same_feed(tmp_path: Path) -> None:
    from bloglint.feed import build_feed, start_conversions
    from bloglint.jekyll_config import load_config

    write_blog(tmp_path, 12)
    config = load_config(tmp_path)
    early = start_conversions(tmp_path, config, cache=False)
    assert early is not None and early.running
    site = load_site(tmp_path)
    got = build_feed(site, build_time=BUILD_TIME, cache=False, conversions=early)
    assert not early.running  # build_feed closed it
    expected = build_feed(load_site(tmp_path), build_time=BUILD_TIME, cache=False)
    assert got.text == expected.text
    assert got.posts == 12 and "Note 4 done." in got.text


def test_early_conversions_only_count_for_the_text_the_worker_read(tmp_path: Path) -> None:
    write_blog(tmp_path, 10)
    files = sorted((p, p.relative_to(tmp_path).as_posix()) for p in tmp_path.rglob("*.md"))
    conversions = Conversions(workers=2)
    try:
        conversions.submit_files(files)
        first, second, liquid = files[0][1], files[1][1], files[3][1]
        body = post_text(1)
        conversions.adopt(first, body)
        conversions.adopt(second, "a text this file does not hold")
        same_length = post_text(2)[:-2] + "X\n"  # as long as the file's body, one letter off
        conversions.adopt(second, same_length)
        conversions.adopt(liquid, post_text(4) + "{{ page.title }} done.\n")
        assert conversions.get(body) == render_markdown(body)
        assert conversions.get("a text this file does not hold") is None
        assert conversions.get(same_length) is None
        assert conversions.get(post_text(2)) is None  # never adopted: not this file's text
        assert conversions.get(post_text(4) + "{{ page.title }} done.\n") is None  # Liquid first
    finally:
        conversions.close()


def test_no_early_start_when_the_html_cache_exists_or_no_template_lists_posts(
    tmp_path: Path,
) -> None:
    from bloglint.feed import start_conversions

    write_blog(tmp_path, 10)
    cache = RenderCache(tmp_path / ".jekyll-cache" / "bloglint", version="test")
    cache.close()
    assert start_conversions(tmp_path, {}, cache=True) is None
    (tmp_path / "atom.xml").unlink()
    assert start_conversions(tmp_path, {}, cache=False) is None


def test_call_runs_a_function_in_a_worker_or_says_none() -> None:
    idle = Conversions(workers=2)
    assert idle.call(render_markdown, "*a*\n") is None  # no worker yet: the caller runs it
    conversions = Conversions(workers=2)
    try:
        conversions.submit([post_text(n) for n in range(1, 13)])
        future = conversions.call(render_markdown, "*a*\n")
        assert Conversions.result(future) == "<p><em>a</em></p>\n"
        broken = conversions.call(lambda text: text, "x")  # not picklable: fails in the pool
        assert broken is None or Conversions.result(broken) is None
    finally:
        conversions.close()


def test_early_conversions_start_only_the_posts_a_limited_template_shows(tmp_path: Path) -> None:
    """A `limit: 9` feed must not wait for every post of the site to be converted."""
    from bloglint.feed import build_feed, start_conversions

    write_blog(tmp_path, 12)
    template = tmp_path / "atom.xml"
    template.write_text(
        template.read_text(encoding="utf-8").replace("in site.posts", "in site.posts limit: 9"),
        encoding="utf-8",
    )
    early = start_conversions(tmp_path, {}, cache=False)
    assert early is not None
    try:
        newest = sorted(p.name for p in (tmp_path / "_posts" / "notes").iterdir())[-9:]
        assert sorted(relpath.rsplit("/", 1)[1] for relpath in early._files) == newest
    finally:
        got = build_feed(load_site(tmp_path), build_time=BUILD_TIME, cache=False, conversions=early)
    assert got.posts == 9
    assert got.text == build_feed(load_site(tmp_path), build_time=BUILD_TIME, cache=False).text


def test_cached_html_is_keyed_to_the_libraries_it_was_rendered_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Upgrading a library the converter renders with (a new `__init__.py`) must not serve
    HTML from the cache that the old version made."""
    import sys

    from bloglint.render import batch

    library = tmp_path / "renderlib_for_test"
    library.mkdir()
    (library / "__init__.py").write_text('__version__ = "1.0"\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(batch, "CONVERTER_LIBRARIES", (*batch.CONVERTER_LIBRARIES, library.name))
    before = batch.converter_version()
    assert batch.converter_version() == before  # stable while nothing changes
    (library / "__init__.py").write_text('__version__ = "1.1"\n', encoding="utf-8")
    assert batch.converter_version() != before
    assert library.name not in sys.modules  # found, never imported
