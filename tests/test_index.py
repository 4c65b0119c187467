"""The incremental index: unchanged posts are not parsed again; a bad index is never trusted."""

from __future__ import annotations

import marshal
import pickle
import sqlite3
from pathlib import Path

from bloglint import engine
from bloglint.config import load_lint_config
from bloglint.index import INDEX_NAME, SiteIndex
from bloglint.site import load_site

POSTS = {
    "_posts/2024-01-01-first.md": "---\ntitle: First\n---\n\n## Setup\n\nSee [second]({% post_url 2024-01-02-second %}#usage).\n",
    "_posts/2024-01-02-second.md": "---\ntitle: Second\n---\n\n## Usage\n\nBack to [first](/2024/01/01/first.html#setup).\n",
    "_posts/2024-01-03-third.md": "---\ntitle: Third\n---\n\nA link to [a missing section](#nowhere).\n",
}


def make_site(root: Path) -> Path:
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    for relpath, text in POSTS.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text, encoding="utf-8")
    return root


def run(root: Path, *, selected: set[str] | None = None) -> tuple[list[tuple[str, int, str]], int]:
    with SiteIndex(root / ".bloglint-cache") as index:
        site = load_site(root, index=index)
        result = engine.run(site, load_lint_config(None), selected=selected)
        parsed = index.parsed
    return [(f.path, f.line, f.rule_id) for f in result.findings], parsed


def test_warm_run_parses_nothing_and_finds_the_same(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    cold, parsed_cold = run(root)
    assert parsed_cold == 3
    assert ("_posts/2024-01-03-third.md", 5, "BL002") in cold
    warm, parsed_warm = run(root)
    assert warm == cold
    assert parsed_warm == 0


def test_only_the_changed_post_is_parsed(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    run(root)
    second = root / "_posts/2024-01-02-second.md"
    second.write_text(
        second.read_text(encoding="utf-8").replace("## Usage", "## How to use"), encoding="utf-8"
    )
    findings, parsed = run(root, selected={"_posts/2024-01-01-first.md"})
    # the first post's fragment link now points at a heading that is gone
    assert ("_posts/2024-01-01-first.md", 7, "BL002") in findings
    assert parsed == 1  # only the changed target; the checked post's parse comes from the index


def test_corrupt_or_foreign_index_is_replaced(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    cold, _ = run(root)
    path = root / ".bloglint-cache" / INDEX_NAME
    path.write_bytes(b"this is not a database at all" * 100)
    findings, parsed = run(root)
    assert findings == cold and parsed == 3
    path.unlink()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE files (x)")
    db.execute("INSERT INTO files VALUES (1)")
    db.commit()
    db.close()
    findings, parsed = run(root)
    assert findings == cold and parsed == 3
    _, parsed = run(root)
    assert parsed == 0


def test_deleting_the_cache_folder_is_always_safe(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    cold, _ = run(root)
    import shutil

    shutil.rmtree(root / ".bloglint-cache")
    findings, parsed = run(root)
    assert findings == cold and parsed == 3


def test_unchanged_posts_are_not_read_again(tmp_path: Path) -> None:
    """A warm load takes front matter and URLs from the index; a post's text is read on demand."""
    root = make_site(tmp_path)
    run(root)
    with SiteIndex(root / ".bloglint-cache") as index:
        site = load_site(root, index=index)
        post = next(p for p in site.posts if p.relpath.endswith("second.md"))
        assert post.url == "/2024/01/02/second.html" and post.title == "Second"
        assert post.source._unread  # type: ignore[attr-defined]
        assert "## Usage" in post.source.body and post.source.body_line == 5
        assert post.source.text.startswith("---\ntitle: Second\n---\n")


def test_a_config_change_is_not_answered_from_the_index(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    run(root)
    (root / "_config.yml").write_text("title: t\npermalink: /:title/\n", encoding="utf-8")
    with SiteIndex(root / ".bloglint-cache") as index:
        site = load_site(root, index=index)
        assert sorted(p.url for p in site.posts) == ["/first/", "/second/", "/third/"]


def test_identical_posts_under_different_names_keep_their_own_urls(tmp_path: Path) -> None:
    """Two files with the same bytes are two posts: the index must not hand one the other's URL."""
    root = make_site(tmp_path)
    text = "---\ntitle: Twin\n---\n\nSame words.\n"
    for name in ("2024-02-01-twin.md", "2024-02-01-twin-copy.md"):
        (root / "_posts" / name).write_text(text, encoding="utf-8")
    run(root)
    with SiteIndex(root / ".bloglint-cache") as index:
        site = load_site(root, index=index)
        urls = {p.relpath: p.url for p in site.posts if "twin" in p.relpath}
    assert urls == {
        "_posts/2024-02-01-twin.md": "/2024/02/01/twin.html",
        "_posts/2024-02-01-twin-copy.md": "/2024/02/01/twin-copy.html",
    }


def _titles_and_urls(root: Path) -> dict[str, tuple[str, str]]:
    with SiteIndex(root / ".bloglint-cache") as index:
        site = load_site(root, index=index)
        return {p.relpath: (p.title, p.url) for p in site.posts}


def test_the_posts_snapshot_follows_edits_deletions_and_renames(tmp_path: Path) -> None:
    """Warm loads take unchanged posts from one snapshot row; anything changed is read again."""
    root = make_site(tmp_path)
    cold = _titles_and_urls(root)
    assert _titles_and_urls(root) == cold  # written by the first run, used by the second
    first = root / "_posts/2024-01-01-first.md"
    first.write_text(POSTS["_posts/2024-01-01-first.md"].replace("First", "First, edited"))
    (root / "_posts/2024-01-03-third.md").unlink()
    (root / "_posts/2024-01-02-second.md").rename(root / "_posts/2024-01-05-second.md")
    warm = _titles_and_urls(root)
    assert warm == {
        "_posts/2024-01-01-first.md": ("First, edited", "/2024/01/01/first.html"),
        "_posts/2024-01-05-second.md": ("Second", "/2024/01/05/second.html"),
    }
    assert _titles_and_urls(root) == warm


def test_a_rewritten_snapshot_equals_a_cold_read(tmp_path: Path) -> None:
    """Many new posts rewrite the snapshot; what it replays equals reading without an index."""
    root = make_site(tmp_path)
    _titles_and_urls(root)
    for day in range(10, 22):
        (root / f"_posts/2024-02-{day}-note.md").write_text(
            f"---\ntitle: Note {day}\ncategories: [a, b]\n---\n\nText {day}.\n", encoding="utf-8"
        )
    _titles_and_urls(root)  # reads the 12 new posts afresh and rewrites the snapshot
    with SiteIndex(root / ".bloglint-cache") as index:
        warm = load_site(root, index=index)
        warm_posts = [(p.relpath, p.url, p.title, p.date, p.categories, p.data) for p in warm.posts]
        assert all(p.source._unread for p in warm.posts)  # type: ignore[attr-defined]
    db = sqlite3.connect(root / ".bloglint-cache" / INDEX_NAME)
    (blob,) = db.execute("SELECT data FROM snapshots").fetchone()
    db.close()
    assert len(pickle.loads(blob)) == 15  # every post, the new ones included
    plain = load_site(root)
    assert warm_posts == [
        (p.relpath, p.url, p.title, p.date, p.categories, p.data) for p in plain.posts
    ]
    assert [(s.relpath, s.reason) for s in warm.skipped] == [
        (s.relpath, s.reason) for s in plain.skipped
    ]


def test_snapshot_entries_of_both_kinds_replay_exactly(tmp_path: Path) -> None:
    """Plain posts are kept with marshal, the others (a date in the front matter, a problem)
    with pickle; both replay as a cold read gives them, dates in the site's own zone."""
    root = make_site(tmp_path)
    (root / "_config.yml").write_text("title: t\ntimezone: Asia/Tokyo\n", encoding="utf-8")
    extra = {
        "_posts/2024-03-01-plain.md": "---\ntitle: Plain\ntags: [a, b]\n---\n\nText.\n",
        "_posts/2024-03-02-dated.md": "---\ntitle: Dated\ndate: 2024-03-02 23:30:00\n"
        "updated: 2024-03-05\n---\n\nText.\n",
        "_posts/2024-03-03-broken.md": "---\ntitle: Broken\ndate: someday\n---\n\nText.\n",
    }
    for day in range(10, 20):
        extra[f"_posts/2024-03-{day}-note.md"] = f"---\ntitle: Note {day}\n---\n\nText.\n"
    for relpath, text in extra.items():
        (root / relpath).write_text(text, encoding="utf-8")

    def read() -> tuple[list[tuple[object, ...]], list[object]]:
        with SiteIndex(root / ".bloglint-cache") as index:
            site = load_site(root, index=index)
        posts = [
            (p.relpath, p.url, p.title, p.date, p.date.tzinfo, p.data, p.source.front_matter_valid)
            for p in site.posts
        ]
        return posts, [(q.path, q.line, q.message) for q in site.problems]

    first = read()  # reads everything and writes the snapshot
    db = sqlite3.connect(root / ".bloglint-cache" / INDEX_NAME)
    (blob,) = db.execute("SELECT data FROM snapshots").fetchone()
    db.close()
    kinds = {relpath: entry[3][:1] for relpath, entry in pickle.loads(blob).items()}
    assert kinds["_posts/2024-03-01-plain.md"] == b"M"
    assert kinds["_posts/2024-03-02-dated.md"] == b"P"
    assert kinds["_posts/2024-03-03-broken.md"] == b"P"
    plain = load_site(root)
    cold = (
        [
            (p.relpath, p.url, p.title, p.date, p.date.tzinfo, p.data, p.source.front_matter_valid)
            for p in plain.posts
        ],
        [(q.path, q.line, q.message) for q in plain.problems],
    )
    assert first == cold
    assert read() == cold  # every post from the snapshot


def test_a_damaged_snapshot_is_not_trusted(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    cold = _titles_and_urls(root)
    db = sqlite3.connect(root / ".bloglint-cache" / INDEX_NAME)
    db.execute("UPDATE snapshots SET data = ?", (b"not a pickle",))
    db.commit()
    db.close()
    assert _titles_and_urls(root) == cold
    db = sqlite3.connect(root / ".bloglint-cache" / INDEX_NAME)
    rows = db.execute("SELECT name, data FROM snapshots").fetchall()
    db.close()
    name, data = rows[0]
    entries = pickle.loads(data)
    relpath = next(iter(entries))
    stat = (root / relpath).stat()  # unchanged file, damaged entry
    for junk in (b"junk", b"Mjunk", b"M" + marshal.dumps(((), (("x",), True))), b"Pjunk"):
        entries[relpath] = (stat.st_size, stat.st_mtime_ns, "digest", junk)
        db = sqlite3.connect(root / ".bloglint-cache" / INDEX_NAME)
        db.execute("UPDATE snapshots SET data = ? WHERE name = ?", (pickle.dumps(entries), name))
        db.commit()
        db.close()
        assert _titles_and_urls(root) == cold
