"""TOC markers of every generator, entry matching, and the `--fix` library (regenerate, diff, write)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bloglint.document import parse_document
from bloglint.model import ConfigError
from bloglint.site import Post, Site, load_site
from bloglint.toc import fixed_text, unified_diff, write_atomically
from bloglint.toc.analysis import (
    TocSettings,
    heading_index,
    match_block,
    scan_post,
    site_style,
    toc_settings,
)
from bloglint.toc.scan import scan_text

POST = "_posts/2024-01-01-post.md"


def scan(text: str):  # noqa: ANN201 - a TocScan
    return scan_text(text, parse_document(text))


def issues(text: str) -> list[tuple[str, int]]:
    document = parse_document(text)
    index = heading_index(document, text)
    found = []
    for block in scan_text(text, document).blocks:
        found += [(issue.kind, issue.line) for issue in match_block(block, index).issues]
    return found


def site_with(root: Path, posts: dict[str, str | bytes], config: dict | None = None) -> Site:
    settings_ = {"title": "Test", "url": "https://example.org", **(config or {})}
    (root / "_config.yml").write_text(yaml.safe_dump(settings_), encoding="utf-8")
    for relpath, text in posts.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_site(root)


def one_post(root: Path, text: str | bytes) -> tuple[Site, Post]:
    site = site_with(root, {POST: text})
    (post,) = [p for p in site.posts if p.relpath == POST]
    return site, post


def fix_twice(root: Path, text: str | bytes) -> str | None:
    """Fix the post on disk, then check a second run has nothing left to change."""
    site, post = one_post(root, text)
    new = fixed_text(post, site)
    if new is not None:
        write_atomically(post.source.path, new)
        site, post = one_post(root, (root / POST).read_bytes())
        assert fixed_text(post, site) is None, "a second --fix must change nothing"
    return new


# --- markers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opener", "closer", "style"),
    [
        ("<!-- TOC -->", "<!-- /TOC -->", "vscode"),
        ("<!-- TOC depthFrom:2 depthTo:4 orderedList:false -->", "<!-- /TOC -->", "vscode"),
        ("<!-- toc -->", "<!-- tocstop -->", "markdown-toc"),
        (
            "<!-- START doctoc generated TOC please keep comment here to allow auto update -->",
            "<!-- END doctoc generated TOC please keep comment here to allow auto update -->",
            "doctoc",
        ),
        ("<!-- vim-markdown-toc GFM -->", "<!-- vim-markdown-toc -->", "vim-markdown-toc"),
        (
            "<!-- mdformat-toc start --slug=github --maxlevel=3 --minlevel=2 -->",
            "<!-- mdformat-toc end -->",
            "mdformat-toc",
        ),
    ],
)
def test_each_generator_s_markers_make_one_block(opener: str, closer: str, style: str) -> None:
    text = f"Intro\n\n{opener}\n\n- [Alpha](#alpha)\n  - [Beta](#beta)\n\n{closer}\n\n## Alpha\n\n### Beta\n"
    result = scan(text)
    assert [b.style for b in result.blocks] == [style]
    assert not result.unpaired
    block = result.blocks[0]
    assert (block.opening.line, block.closing.line) == (3, 8)
    assert [(e.text, e.target, e.indent) for e in block.entries] == [
        ("Alpha", "#alpha", 0),
        ("Beta", "#beta", 2),
    ]
    assert style in result.styles
    assert issues(text) == []


def test_marker_options_are_read() -> None:
    vscode = scan("<!-- TOC depthFrom:2 depthTo:3 -->\n<!-- /TOC -->\n").blocks[0]
    assert vscode.opening.options == {"depthfrom": "2", "depthto": "3"}
    mdformat = scan(
        "<!-- mdformat-toc start --slug=github --maxlevel=3 -->\n<!-- mdformat-toc end -->\n"
    )
    assert mdformat.blocks[0].opening.options == {"slug": "github", "maxlevel": "3"}
    vim = scan("<!-- vim-markdown-toc Redcarpet -->\n<!-- vim-markdown-toc -->\n")
    assert vim.blocks[0].opening.options == {"style": "Redcarpet"}


def test_the_closer_decides_between_vscode_and_markdown_toc() -> None:
    assert scan("<!-- toc -->\n<!-- /TOC -->\n").blocks[0].style == "vscode"
    assert scan("<!-- TOC -->\n<!-- tocstop -->\n").blocks[0].style == "markdown-toc"


def test_markers_in_code_are_text() -> None:
    text = (
        "Write `<!-- TOC -->` and then:\n\n```\n<!-- TOC -->\n<!-- /TOC -->\n```\n\n"
        "    <!-- toc -->\n\nEnd.\n"
    )
    result = scan(text)
    assert result.blocks == () and result.unpaired == ()


def test_unpaired_markers() -> None:
    result = scan(
        "<!-- TOC -->\n\n- [a](#a)\n\n<!-- tocstop -->\n<!-- /TOC -->\n<!-- START doctoc -->\n\n## a\n"
    )
    assert [b.style for b in result.blocks] == ["markdown-toc"]
    assert [(m.line, m.opening) for m in result.unpaired] == [(6, False), (7, True)]
    assert scan("<!-- TOC -->\n<!-- TOC -->\n<!-- /TOC -->\n").unpaired[0].line == 1


def test_markers_with_a_heading_or_code_between_them_are_no_toc(tmp_path: Path) -> None:
    text = "<!-- TOC -->\n\n## A\n\nText.\n\n<!-- /TOC -->\n\n<!-- toc -->\n```\nx\n```\n<!-- tocstop -->\n"
    result = scan(text)
    assert result.blocks == ()
    assert [m.line for m in result.unpaired] == [1, 7, 9, 13]
    site, post = one_post(tmp_path, "---\ntitle: T\n---\n" + text)
    assert fixed_text(post, site) is None  # a fix must never swallow the sections


def test_kramdown_toc_needs_a_list_item_before_the_ial() -> None:
    assert scan("* TOC\n{:toc}\n\n## A\n").kramdown_lines == (2,)
    assert scan("1. contents\n{: toc}\n").kramdown_lines == (2,)
    assert scan("A paragraph\n{:toc}\n").kramdown_lines == ()
    assert scan("A paragraph\n{:toc}\n").kramdown_orphans == (2,)
    assert scan("* TOC\n\n{: toc}\n").kramdown_orphans == (3,)
    assert scan("```\n* TOC\n\n{:toc}\n```\n").kramdown_orphans == ()
    assert "kramdown" in scan("- x\n{:toc}\n").styles


def test_front_matter_switch_is_a_style(tmp_path: Path) -> None:
    site, post = one_post(tmp_path, "---\ntitle: T\ntoc: true\n---\n\n## A\n")
    assert scan_post(post).styles == frozenset({"front-matter"})


def test_markers_in_front_matter_are_ignored(tmp_path: Path) -> None:
    site, post = one_post(tmp_path, "---\ntitle: T\nnote: <!-- TOC -->\n---\n\n## A\n")
    assert scan_post(post).unpaired == ()


# --- matching entries to headings --------------------------------------------------------


def test_wrong_anchors_unknown_entries_and_missing_headings() -> None:
    text = (
        "<!-- TOC -->\n"  # 1
        "- [Café Menu](#Café-Menu)\n"  # 2 capitals kept by another tool
        "- [tf.reduce-*](#tfreduce)\n"  # 3 trailing '-' dropped by another tool
        "- [Gone](#gone)\n"  # 4 no such heading
        "<!-- /TOC -->\n"  # 5
        "\n## Café Menu\n\n## tf.reduce-*\n\n## Added later\n"
    )
    assert issues(text) == [
        ("missing", 1),
        ("wrong-anchor", 2),
        ("wrong-anchor", 3),
        ("unknown", 4),
    ]


def test_percent_encoded_fragments_resolve_like_in_a_browser() -> None:
    text = "<!-- TOC -->\n- [你好](#%E4%BD%A0%E5%A5%BD)\n- [好](#%e5%a5%bd)\n<!-- /TOC -->\n\n## 你好\n\n## 好\n"
    assert issues(text) == []


def test_depth_options_limit_missing_headings() -> None:
    text = "<!-- TOC depthFrom:2 depthTo:2 -->\n- [A](#a)\n<!-- /TOC -->\n\n# Top\n\n## A\n\n### Deep\n"
    assert issues(text) == []
    assert issues(text.replace("depthTo:2", "depthTo:3")) == [("missing", 1)]


def test_depth_without_options_depends_on_whether_the_generator_records_it() -> None:
    body = "- [A](#a)\n- [B](#b)\n"
    headings = "\n## A\n\n### A1\n\n## B\n"
    doctoc = f"<!-- START doctoc -->\n{body}<!-- END doctoc -->\n{headings}"
    vscode = f"<!-- TOC -->\n{body}<!-- /TOC -->\n{headings}"
    assert issues(doctoc) == []  # doctoc --maxlevel is not in the markers: keep the listed levels
    assert issues(vscode) == [("missing", 1)]  # VS Code would write depthTo:2 into the marker


def test_omitted_headings_and_headings_above_the_toc_are_not_missing() -> None:
    text = (
        "# Title\n\n<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n# A\n\n"
        "# Not here\n{:.no_toc}\n\n# Nor here <!-- omit from toc -->\n"
    )
    assert issues(text) == []


def test_vscode_insert_anchor_links_resolve() -> None:
    text = (
        "<!-- TOC -->\n- [Setup](#markdown-setup)\n<!-- /TOC -->\n\n"
        '<a id="markdown-setup" name="setup"></a>\n## Setup\n'
    )
    assert issues(text) == []


def test_order_and_duplicates() -> None:
    text = "<!-- TOC -->\n- [B](#b)\n- [A](#a)\n- [A](#a)\n<!-- /TOC -->\n\n## A\n\n## B\n"
    assert issues(text) == [("order", 2), ("duplicate", 4)]


def test_a_colliding_id_maps_to_the_heading_meant() -> None:
    # `## SVD++` gets id `svd-1` after `## SVD`; a TOC made by another tool links both to `#svd`.
    text = "<!-- TOC -->\n- [SVD](#svd)\n- [SVD++](#svd)\n<!-- /TOC -->\n\n## SVD\n\n## SVD++\n"
    assert issues(text) == [("wrong-anchor", 3)]


# --- settings and the site's style -------------------------------------------------------


def test_toc_settings_are_validated() -> None:
    assert toc_settings({"style": "doctoc", "bullet": "*", "indent": 4}) == TocSettings(
        "doctoc", "*", 4
    )
    assert toc_settings(None) == TocSettings()
    for bad in (
        {"stlye": "vscode"},
        {"style": "word"},
        {"bullet": "x"},
        {"indent": 0},
        {"indent": True},
    ):
        with pytest.raises(ConfigError):
            toc_settings(bad)


def test_site_style_is_the_majority_generator(tmp_path: Path) -> None:
    posts = {
        f"_posts/2024-01-0{i}-p{i}.md": f"---\ntitle: P{i}\n---\n\n<!-- TOC -->\n<!-- /TOC -->\n\n## A\n"
        for i in range(1, 4)
    }
    posts["_posts/2024-01-05-other.md"] = "---\ntitle: O\n---\n\n<!-- toc -->\n<!-- tocstop -->\n"
    site = site_with(tmp_path, posts)
    assert site_style(site, TocSettings(), 3, {}) == "vscode"
    assert site_style(site, TocSettings(style="none"), 3, {}) is None
    assert site_style(site, TocSettings(style="kramdown"), 3, {}) == "kramdown"


def test_no_site_style_without_a_habit(tmp_path: Path) -> None:
    posts = {
        f"_posts/2024-01-0{i}-p{i}.md": f"---\ntitle: P{i}\n---\n\n## A\n\n## B\n\n## C\n"
        for i in range(1, 5)
    }
    posts["_posts/2024-01-08-x.md"] = "---\ntitle: X\n---\n\n<!-- TOC -->\n<!-- /TOC -->\n"
    assert site_style(site_with(tmp_path, posts), TocSettings(), 3, {}) is None


def test_site_style_from_kept_votes_follows_edits(tmp_path: Path) -> None:
    """With an index, votes come back from the last run by content; edited posts vote anew."""
    from bloglint.index import SiteIndex

    vscode = "---\ntitle: V{}\n---\n\n<!-- TOC -->\n<!-- /TOC -->\n\n## A\n"
    markdown_toc = "---\ntitle: M{}\n---\n\n<!-- toc -->\n<!-- tocstop -->\n\n## A\n"
    posts = {f"_posts/2024-01-0{i}-p{i}.md": vscode.format(i) for i in range(1, 10)}
    site_with(tmp_path, posts)

    def style() -> str | None:
        with SiteIndex(tmp_path / ".jekyll-cache") as index:
            site = load_site(tmp_path, index=index)
            return site_style(site, TocSettings(), 3, {})

    assert style() == "vscode"  # worked out from the texts, then kept
    assert style() == "vscode"  # from the kept votes
    for i in range(1, 7):  # a few posts at a time: the kept row is not rewritten each run
        (tmp_path / f"_posts/2024-01-0{i}-p{i}.md").write_text(markdown_toc.format(i))
        assert style() == ("markdown-toc" if i >= 5 else "vscode")


# --- --fix -------------------------------------------------------------------------------


def test_fix_keeps_the_list_style_and_fixes_anchors(tmp_path: Path) -> None:
    text = (
        "---\ntitle: T\n---\n\nBefore.\n\n"
        "<!-- vim-markdown-toc GFM -->\n\n"
        "* [Getting Started](#Getting-Started)\n"
        "    * [Install it](#install)\n"
        "* [Old](#old)\n\n"
        "<!-- vim-markdown-toc -->\n\nAfter.\n\n"
        "## Getting Started\n\n### Install\n\n### Configure `x`\n\n## 第二章：用法\n"
    )
    new = fix_twice(tmp_path, text)
    assert new is not None
    assert new.split("<!-- vim-markdown-toc GFM -->")[1].split("<!-- vim-markdown-toc -->")[0] == (
        "\n\n"
        "* [Getting Started](#getting-started)\n"
        "    * [Install it](#install)\n"  # the entry keeps its own text
        "    * [Configure `x`](#configure-x)\n"
        "* [第二章：用法](#第二章用法)\n"
        "\n"
    )


def test_fix_keeps_an_entry_s_own_text_and_working_fragment(tmp_path: Path) -> None:
    text = (
        "---\ntitle: T\n---\n\n<!-- TOC -->\n\n"
        "- [The intro](#%E7%AE%80%E4%BB%8B)\n\n<!-- /TOC -->\n\n## 简介\n\n## Next\n"
    )
    new = fix_twice(tmp_path, text)
    assert new is not None and "- [The intro](#%E7%AE%80%E4%BB%8B)\n- [Next](#next)\n" in new


def test_fix_numbers_ordered_lists(tmp_path: Path) -> None:
    text = (
        "---\ntitle: T\n---\n\n<!-- TOC orderedList:true -->\n\n1. [A](#a)\n\n<!-- /TOC -->\n\n"
        "## A\n\n### A1\n\n### A2\n\n## B\n"
    )
    new = fix_twice(tmp_path, text)
    assert new is not None and (
        "1. [A](#a)\n    1. [A1](#a1)\n    2. [A2](#a2)\n2. [B](#b)\n\n<!-- /TOC -->" in new
    )


def test_fix_fills_an_empty_toc_and_leaves_an_empty_one_without_headings(tmp_path: Path) -> None:
    new = fix_twice(
        tmp_path, "---\ntitle: T\n---\n\n<!-- toc -->\n<!-- tocstop -->\n\n# One\n\n## Two\n"
    )
    assert (
        new is not None
        and "<!-- toc -->\n\n- [One](#one)\n  - [Two](#two)\n\n<!-- tocstop -->" in new
    )
    assert (
        fix_twice(tmp_path, "---\ntitle: T\n---\n\n<!-- TOC -->\n\n<!-- /TOC -->\n\nNo headings.\n")
        is None
    )


def test_fix_uses_configured_bullet_and_indent_for_new_lists(tmp_path: Path) -> None:
    site, post = one_post(
        tmp_path, "---\ntitle: T\n---\n\n<!-- TOC -->\n<!-- /TOC -->\n\n## A\n\n### B\n"
    )
    new = fixed_text(post, site, {"bullet": "+", "indent": 3})
    assert new is not None and "\n+ [A](#a)\n   + [B](#b)\n" in new


def test_fix_touches_nothing_outside_the_markers(tmp_path: Path) -> None:
    text = (
        "---\ntitle: T\n---\n\nContents <!-- TOC -->autoauto- [One](#One)auto<!-- /TOC --> tail\n\n"
        "<!-- START doctoc -->\n<!-- DON'T EDIT THIS SECTION -->\n**Table of Contents**\n\n- [x](#x)\n\n"
        "<!-- END doctoc -->\n\n## One\n\n## Two\n\n<!-- TOC -->\nunclosed\n"
    )
    site, post = one_post(tmp_path, text)
    new = fixed_text(post, site)
    assert new is not None
    first_open = text.index("<!-- TOC -->") + len("<!-- TOC -->")
    assert new[:first_open] == text[:first_open]
    assert new.endswith(
        "<!-- /TOC --> tail\n\n<!-- START doctoc -->\n<!-- DON'T EDIT THIS SECTION -->\n"
        "**Table of Contents**\n\n- [One](#one)\n- [Two](#two)\n\n"
        "<!-- END doctoc -->\n\n## One\n\n## Two\n\n<!-- TOC -->\nunclosed\n"
    )
    assert "<!-- TOC -->\n\n- [One](#one)\n    - " not in new  # both headings are level 2
    assert "Contents <!-- TOC -->\n\n- [One](#one)\n- [Two](#two)\n\n<!-- /TOC --> tail" in new
    assert fix_twice(tmp_path, text) is not None


def test_fix_leaves_up_to_date_and_unpaired_tocs_alone(tmp_path: Path) -> None:
    current = "---\ntitle: T\n---\n\n<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n## A\n"
    assert fix_twice(tmp_path, current) is None
    assert fix_twice(tmp_path, "---\ntitle: T\n---\n\n<!-- toc -->\n- [A](#old)\n\n## A\n") is None


def test_fix_leaves_a_toc_the_rules_accept_exactly_as_written(tmp_path: Path) -> None:
    # Loose list, a hand-made entry to a raw HTML anchor: no rule objects, so --fix does nothing.
    text = (
        "---\ntitle: T\n---\n\n<!-- TOC -->\n\n- [A](#a)\n\n- [B](#b)\n- [Comments](#comments)\n\n"
        '<!-- /TOC -->\n\n## A\n\n## B\n\n<a id="comments"></a>\n'
    )
    assert issues(text.split("---\n", 2)[2]) == []
    assert fix_twice(tmp_path, text) is None


def test_fix_keeps_crlf_and_the_byte_order_mark(tmp_path: Path) -> None:
    text = "---\r\ntitle: T\r\n---\r\n\r\n<!-- TOC -->\r\n\r\n<!-- /TOC -->\r\n\r\n## A\r\n\r\n## B\r\n"
    raw = b"\xef\xbb\xbf" + text.encode("utf-8")
    new = fix_twice(tmp_path, raw)
    assert new is not None and "\n" not in new.replace("\r\n", "")
    written = (tmp_path / POST).read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    assert b"<!-- TOC -->\r\n\r\n- [A](#a)\r\n- [B](#b)\r\n\r\n<!-- /TOC -->\r\n" in written
    assert written.count(b"\n") == written.count(b"\r\n")


def test_fix_never_rewrites_a_file_it_could_not_decode(tmp_path: Path) -> None:
    raw = b"---\ntitle: T\n---\n\n<!-- TOC -->\n- [A](#A)\n<!-- /TOC -->\n\n## A \xff\n"
    site = site_with(tmp_path, {POST: raw})
    assert [fixed_text(post, site) for post in site.posts + site.documents] in ([], [None])
    site, post = one_post(tmp_path, raw.replace(b"\xff", b"\x00"))  # read, but looks binary
    assert [p.kind for p in post.source.problems] == ["binary"]
    assert fixed_text(post, site) is None


def test_write_atomically_keeps_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"a\r\nb\r\n")
    os.chmod(path, 0o640)
    write_atomically(path, "a\nc\n")
    assert path.read_bytes() == b"a\r\nc\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]
    link = tmp_path / "link.md"
    link.symlink_to(path.name)
    write_atomically(link, "d\n")
    assert link.is_symlink() and path.read_bytes() == b"d\r\n"
    link.unlink()
    fresh = tmp_path / "new.md"
    write_atomically(fresh, "x\n")
    assert fresh.read_text(encoding="utf-8") == "x\n"


def test_unified_diff() -> None:
    assert unified_diff("_posts/a.md", "x\n", "x\n") == ""
    diff = unified_diff("_posts/a.md", "a\nb\nc", "a\nB\nc")
    assert diff.startswith("--- a/_posts/a.md\n+++ b/_posts/a.md\n@@ -1,3 +1,3 @@\n")
    assert "-b\n+B\n" in diff and diff.endswith(" c\n\\ No newline at end of file\n")


_WORDS = st.sampled_from(
    ["Intro", "Setup", "用法", "Café", "API v2", "tf.reduce_*", "Q&A", "Why?", "-1. x"]
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    headings=st.lists(st.tuples(st.integers(1, 4), _WORDS), min_size=0, max_size=8),
    bullet=st.sampled_from(["-", "*", "1."]),
    stale=st.lists(st.tuples(st.integers(0, 2), _WORDS), max_size=4),
)
def test_fix_is_idempotent_and_every_link_resolves(
    tmp_path: Path, headings: list[tuple[int, str]], bullet: str, stale: list[tuple[int, str]]
) -> None:
    entries = "".join(f"{'  ' * depth}{bullet} [{word}](#{word})\n" for depth, word in stale)
    body = "".join(f"\n{'#' * level} {word}\n" for level, word in headings)
    text = f"---\ntitle: T\n---\n\n<!-- TOC -->\n{entries}<!-- /TOC -->\n{body}"
    fix_twice(tmp_path, text)
    site, post = one_post(tmp_path, (tmp_path / POST).read_bytes())
    ids = post.document.ids()
    for block in scan_post(post).blocks:
        for entry in block.entries:
            assert entry.target is not None and entry.target[1:] in ids
        if not stale:  # with old entries the TOC keeps their depth range, so it may list fewer
            listed = {e.target[1:] for e in block.entries if e.target}
            assert listed == {h.id for h in post.document.headings if h.id}


def test_unchanged_posts_replay_their_toc_facts_from_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bloglint import engine
    from bloglint.checks import toc_stale
    from bloglint.config import load_lint_config
    from bloglint.index import SiteIndex
    from bloglint.toc import analysis

    stale = (
        "---\ntitle: A\n---\n<!-- TOC -->\n\n- [Old name](#old-name)\n- [Second](#second)\n\n"
        "<!-- /TOC -->\n\n## New name\n\ntext\n\n## Second\n\n<!-- TOC -->\n"
    )
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-a.md").write_text(stale, encoding="utf-8")

    def lint_with_index() -> list[tuple[str, int, int, str]]:
        with SiteIndex(tmp_path / ".bloglint-cache") as index:
            site = load_site(tmp_path, index=index)
            result = engine.run(site, load_lint_config(None), only=["BL021", "BL022", "BL024"])
        return [(f.rule_id, f.line, f.column, f.message) for f in result.findings]

    first = lint_with_index()
    assert {rule for rule, *_ in first} == {"BL021", "BL022"}

    def no_work(*args: object) -> object:
        raise AssertionError("an unchanged post's TOC was worked out again")

    monkeypatch.setattr(analysis, "scan_post", no_work)
    monkeypatch.setattr(toc_stale, "match_block", no_work)
    assert lint_with_index() == first
