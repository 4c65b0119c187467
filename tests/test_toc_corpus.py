"""The TOC rules and `--fix` on daiwk.github.io, whose broken internal links are mostly TOC entries.

`expected/htmlproofer-broken-links.tsv` lists what html-proofer found on Jekyll's build; every
same-page `#fragment` row that is a TOC entry must be reported by stale-toc at that entry, and
`--fix` on a copy must leave every TOC link pointing at a heading id, with a second run idle.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from bloglint import engine
from bloglint.config import load_lint_config
from bloglint.site import Site, load_site
from bloglint.toc import fixed_text, write_atomically
from bloglint.toc.analysis import fragment_candidates, scan_post
from tests.corpus import corpus_dir

TOC_RULES = ["BL020", "BL021", "BL022", "BL023", "BL024"]


@pytest.fixture(scope="module")
def daiwk() -> Path:
    return corpus_dir("daiwk")


@pytest.fixture(scope="module")
def findings(daiwk: Path) -> list:
    site = load_site(daiwk)
    return engine.run(site, load_lint_config(None), only=TOC_RULES).findings


def _broken_fragments(daiwk: Path) -> list[tuple[str, str]]:
    rows = []
    for line in (
        (daiwk / "expected" / "htmlproofer-broken-links.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        if line.startswith("#") or not line.strip():
            continue
        page, target = line.split("\t")
        if target.startswith("#"):
            rows.append((page, target))
    return rows


def _toc_entries(site: Site) -> dict[tuple[str, str], tuple[str, int]]:
    """(built page, target as written) -> (source relpath, line) for every TOC entry."""
    entries = {}
    for post in site.posts:
        for block in scan_post(post).blocks:
            for entry in block.entries:
                if entry.target:
                    entries[(post.url.lstrip("/"), entry.target)] = (post.relpath, entry.line)
    return entries


def test_stale_toc_reports_the_broken_toc_links_html_proofer_found(
    daiwk: Path, findings: list
) -> None:
    rows = _broken_fragments(daiwk)
    entries = _toc_entries(load_site(daiwk))
    in_toc = [entries[row] for row in rows if row in entries]
    assert len(in_toc) >= 0.9 * len(rows), "most broken fragments on daiwk are TOC entries"
    stale = {(f.path, f.line) for f in findings if f.rule_id == "BL022"}
    assert [where for where in in_toc if where not in stale] == []


def test_toc_rule_counts_on_daiwk(findings: list) -> None:
    by_rule = Counter(f.rule_id for f in findings)
    assert by_rule["BL021"] == 0  # every marker is paired
    assert by_rule["BL023"] == 0  # the 125 empty TOCs are all in posts without headings
    glued = [(f.path, f.line) for f in findings if f.rule_id == "BL024"]
    assert glued == [("_posts/2017-07-05-ml-tips.md", 10)]
    missing = sorted(f.path for f in findings if f.rule_id == "BL020")
    assert missing == [
        "_posts/2016-10-20-platform-paddlepaddle-layers.md",
        "_posts/2019-03-20-nlp-paddle-lark.md",
    ]
    assert 100 <= by_rule["BL022"] <= 130


def _outside_markers(site: Site, post_relpath: str) -> str:
    (post,) = [p for p in site.posts if p.relpath == post_relpath]
    text, pieces, last = post.source.text, [], 0
    for block in scan_post(post).blocks:
        pieces.append(text[last : block.opening.end])
        last = block.closing.start
    return "".join(pieces) + text[last:]


def test_fix_on_a_copy_makes_every_toc_link_resolve(daiwk: Path, tmp_path: Path) -> None:
    copy = tmp_path / "daiwk"
    shutil.copytree(daiwk, copy, ignore=shutil.ignore_patterns("expected", "assets", "js"))
    before = load_site(copy)
    changed = []
    for post in before.posts:
        new = fixed_text(post, before)
        if new is not None:
            write_atomically(post.source.path, new)
            changed.append(post.relpath)
    assert 20 <= len(changed) <= 40
    assert "_posts/2017-07-05-ml-tips.md" in changed

    after = load_site(copy)
    assert [p.relpath for p in after.posts if fixed_text(p, after) is not None] == []
    unresolved = []
    for post in after.posts:
        ids = post.document.ids()
        for block in scan_post(post).blocks:
            for entry in block.entries:
                if entry.target and not any(f in ids for f in fragment_candidates(entry.target)):
                    unresolved.append((post.relpath, entry.target))
    assert unresolved == []
    for relpath in changed:
        assert _outside_markers(before, relpath) == _outside_markers(after, relpath), relpath
    result = engine.run(after, load_lint_config(None), only=["BL022", "BL023", "BL024"])
    assert [(f.path, f.line, f.message) for f in result.findings] == []
