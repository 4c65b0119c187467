"""Converting many posts in worker processes gives exactly what converting one by one gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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


def test_chunks_keep_order_and_balance_length() -> None:
    texts = [f"{i}:" + "x" * (10 * (i % 5 + 1)) for i in range(40)]
    chunks = _chunks(texts, 8)
    assert [t for chunk in chunks for t in chunk] == texts  # contiguous, in order
    assert 6 <= len(chunks) <= 9
    sizes = [sum(map(len, chunk)) for chunk in chunks]
    assert max(sizes[:-1]) < 2.5 * min(sizes[:-1])


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
