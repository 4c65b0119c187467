"""Parsing many posts in worker processes gives exactly what parsing them one by one gives."""

from __future__ import annotations

from pathlib import Path

from bloglint.document import parse_document
from bloglint.index import SiteIndex
from bloglint.parallel import MIN_PARALLEL, parse_documents
from bloglint.site import load_site


def make_site(root: Path, count: int) -> Path:
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    posts = root / "_posts"
    posts.mkdir()
    for n in range(count):
        body = "".join(
            f"## Part {k} of post {n}\n\n- item with [a link](/p{n}.html#part-{k})\n  > quoted `code`\n\n"
            for k in range(n % 7 + 1)
        )
        (posts / f"2024-01-{n % 28 + 1:02d}-post-{n}.md").write_text(
            f"---\ntitle: Post {n}\n---\n\n{body}", encoding="utf-8"
        )
    return root


def test_workers_parse_like_the_parent(tmp_path: Path) -> None:
    site = load_site(make_site(tmp_path, MIN_PARALLEL + 12))
    assert not any(post.is_parsed for post in site.posts)
    parse_documents(site, site.posts, workers=1)
    assert all(post.is_parsed for post in site.posts)
    for post in site.posts:
        assert post.document == parse_document(post.source.body, post.source.body_line)


def test_parses_made_by_workers_go_into_the_index(tmp_path: Path) -> None:
    root = make_site(tmp_path, MIN_PARALLEL + 4)
    with SiteIndex(root / ".cache") as index:
        site = load_site(root, index=index)
        parse_documents(site, site.posts, workers=1)
        assert index.parsed == len(site.posts)
    with SiteIndex(root / ".cache") as index:
        site = load_site(root, index=index)
        parse_documents(site, site.posts, workers=1)
        assert index.parsed == 0
        assert all(post.is_parsed for post in site.posts)


def test_shares_split_the_text_evenly() -> None:
    from bloglint.parallel import _shares

    jobs = [(n, "x" * size, 1) for n, size in enumerate([50, 40, 30, 30, 20, 10, 10, 10])]
    first, second = _shares(jobs, 2)
    assert sorted(n for n, _, _ in first + second) == list(range(8))
    assert abs(sum(len(b) for _, b, _ in first) - sum(len(b) for _, b, _ in second)) <= 10
