"""kramdown-GFM heading ids: the algorithm, and every heading of the daiwk corpus against its feed."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from bloglint.document import parse_document
from bloglint.heading_ids import HeadingIdCounter, gfm_id
from tests.corpus import corpus_dir

# Jekyll's front matter pattern (Jekyll::Document::YAML_FRONT_MATTER_REGEXP).
FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)
ENTRY_LINK = re.compile(r'<link href="http://daiwk\.github\.io/posts/([^"]+)\.html"/>')
CONTENT = re.compile(r'<content type="html">(.*?)</content>', re.S)
H_TAG_ID = re.compile(r"<h([1-6])\b([^>]*)>")
ID_ATTR = re.compile(r'\bid="([^"]*)"')


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ACE(cv相关)", "acecv相关"),
        ("土豪版：Megatron", "土豪版megatron"),
        ("docker + k8s + tf-serving[自己搞]", "docker--k8s--tf-serving自己搞"),
        ("ProxylessNAS & HAQ", "proxylessnas--haq"),
        ("tf.reduce_*", "tfreduce_"),
        ("Ünïcödé Straße ①②  a\tb", "ünïcödé-straße---a-b"),
        ("算法流程\x08", "算法流程"),
        ("???", ""),
        ("ΑΣ x", "ασ-x"),  # Ruby's downcase has no final-sigma rule
        ("a\u200db", "ab"),  # Ruby 3.1's \p{Word} does not include ZWJ (checked with the oracle)
        ("\u24d0x\u00b2", "\u24d0x"),  # circled letters are Other_Alphabetic; superscripts are not
        ("İ", "i\u0307"),  # full Unicode downcase
    ],
)
def test_gfm_id(raw: str, expected: str) -> None:
    assert gfm_id(raw) == expected


def test_counter_is_keyed_on_the_unsuffixed_id() -> None:
    counter = HeadingIdCounter()
    ids = [counter.next_id(text) for text in ["LR", "LR", "LR", "lr-1", "???", "!!!"]]
    assert ids == ["lr", "lr-1", "lr-2", "lr-1", None, "-1"]


def _post_for_slug(posts: Path, slug: str) -> Path:
    matches = [p for p in posts.glob(f"????-??-??-{slug}.*") if p.suffix in (".md", ".markdown")]
    assert len(matches) == 1, (slug, matches)
    return matches[0]


def test_every_daiwk_heading_id_matches_the_feed() -> None:
    corpus = corpus_dir("daiwk")
    feed = (corpus / "expected" / "atom.xml").read_text(encoding="utf-8")
    entries = feed.split("<entry>")[1:]
    assert len(entries) == 348
    checked = 0
    mismatches = []
    for entry in entries:
        slug = ENTRY_LINK.search(entry).group(1)
        content = html.unescape(CONTENT.search(entry).group(1))
        expected = []
        for m in H_TAG_ID.finditer(content):
            found = ID_ATTR.search(m.group(2))
            expected.append(found.group(1) if found else None)
        text = _post_for_slug(corpus / "_posts", slug).read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text)
        body = text[front.end() :] if front else text
        first_line = text.count("\n", 0, front.end()) + 1 if front else 1
        document = parse_document(body, first_line)
        actual = [h.id for h in document.headings]
        if actual != expected:
            mismatches.append((slug, actual, expected))
        checked += len(expected)
    assert mismatches == []
    assert checked == 2368
