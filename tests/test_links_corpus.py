"""On the daiwk blog, the link rules report exactly the broken internal links html-proofer
finds on the built site (expected/htmlproofer-broken-links.tsv), plus the broken absolute
self-links named in reference/jekyll-kramdown-facts.md §4, at their Markdown lines, and
nothing on the links that work."""

from __future__ import annotations

import time
from functools import lru_cache

from bloglint import engine
from bloglint.config import load_lint_config
from bloglint.site import Site, load_site
from tests.corpus import corpus_dir

LINK_RULES = [f"BL00{n}" for n in range(1, 10)]

# html-proofer ran with `--disable-external`, so absolute links to the site's own host were
# not checked; a second run with `--internal-domains daiwk.github.io` found these (facts §4).
# (Its third extra fragment, `#massmicrosoft`, is in assets/collections.html, not a post; the
# 8 assets it also found are missing only from its mirror and exist in our corpus copy.)
SELF_LINKS = {
    ("posts/links-navigation-recommender-system.html", "https://daiwk.github.io/posts/dl-youtube-video-recommendation.html"),
    ("posts/links-navigation-recommender-system.html", "https://daiwk.github.io/posts/nlp-dssm.html"),
    ("posts/nlp-bert.html", "https://daiwk.github.io/posts/knowledge-pytorch-usage.html]"),
    ("posts/platform-k8s.html", "https://daiwk.github.io/assets/Borg_Omega_Kubernetes.pdf"),
    ("posts/rl-stepbystep-chap13.html", "https://daiwk.github.io/posts/knowledge-tf-usage.html#tfreduce_"),
    ("posts/knowledge-tf-usage.html", "https://daiwk.github.io/posts/nlp-word2vec.html#4-nce"),
}  # fmt: skip
# html-proofer was run with `--url-ignore '/%08|\x08/'` because links containing U+0008
# crash it (facts §4); this one is broken all the same (the heading id has no U+0008).
SKIPPED_BY_HTMLPROOFER = {
    ("posts/platform-tf-frameworks.html", "#%E5%AE%89%E8%A3%85minikubelocal%08%E5%AE%89%E8%A3%85"),
}
# Links kramdown makes that bloglint.document does not parse the same way yet (reported to
# its owner in ../notes/links-helper-to-document.md): expected -> what is reported instead
# today (None: nothing). Either state is accepted, so fixing the parser needs no test change.
PARSER_GAPS = {
    # a backslash right before `)`: kramdown ends the URL there, mistune reads `\)` as escaped
    ("posts/ml-svm-3-levels.html", "#131-函数间隔functional-margin\\\\hat\\gamma\\"): None,
    ("posts/ml-svm-3-levels.html", "#132-几何间隔geometric-margin\\\\tilde\\gamma\\"): None,
    # U+0008 inside the URL: kramdown links it; html-proofer had to skip it (it crashes on it)
    ("posts/rl-seqgan.html", "#算法流程\x08"): None,
    # U+3000 inside the URL: kramdown keeps it, the parser stops there
    ("posts/other-install-wget-1.18.html", "#３\u3000安装gnutl"): ("posts/other-install-wget-1.18.html", "#３"),
}  # fmt: skip


@lru_cache(maxsize=1)
def _site() -> Site:
    return load_site(corpus_dir("daiwk"))


def _expected() -> set[tuple[str, str]]:
    table = corpus_dir("daiwk") / "expected" / "htmlproofer-broken-links.tsv"
    pairs = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            page, target = line.split("\t")
            pairs.add((page, target.removeprefix("PAGE ")))
    return pairs


def _reported() -> tuple[set[tuple[str, str]], list[str]]:
    """(page, URL as written) for every link-rule finding, and any finding not on a link."""
    site = _site()
    result = engine.run(site, load_lint_config(None), only=LINK_RULES)
    posts = {post.relpath: post for post in site.posts}
    pairs, strays = set(), []
    for finding in result.findings:
        post = posts[finding.path]
        at = (finding.line, finding.column)
        urls = [link.url for link in post.document.links if (link.url_line, link.url_column) == at]
        if not urls:
            strays.append(f"{finding.path}:{finding.line}: {finding.message}")
            continue
        line = post.source.text.split("\n")[finding.line - 1]
        assert line[finding.column - 1 :].startswith(urls[0]), (finding, line)
        pairs.add((post.url.lstrip("/"), urls[0]))
    return pairs, strays


def test_html_proofer_finds_match_exactly() -> None:
    expected = _expected()
    assert len(expected) == 104  # 101 fragments in posts and 3 scheme-less pages
    expected |= SELF_LINKS | SKIPPED_BY_HTMLPROOFER | set(PARSER_GAPS)
    reported, strays = _reported()
    assert strays == []
    # Exact, except that each known parser gap may show either way (fixed or not yet).
    substitutes = {instead for instead in PARSER_GAPS.values() if instead is not None}
    assert sorted(reported - expected - substitutes) == [], "reported but not broken"
    assert sorted(expected - reported - set(PARSER_GAPS)) == [], "broken but not reported"
    for gap, instead in PARSER_GAPS.items():
        assert gap in reported or instead is None or instead in reported, gap


def test_broken_fragment_messages_name_the_case_only_mismatches() -> None:
    result = engine.run(_site(), load_lint_config(None), only=["BL002"])
    by_case = [f for f in result.findings if "ids are case-sensitive: did you mean" in f.message]
    assert len(by_case) == 68  # facts §4: 68 of the 101 differ from the id only by case
    resnext = [
        f
        for f in by_case
        if f.path.endswith("cv-cvpr2017-hekaiming.md") and "#ResNeXt" in f.message
    ]
    assert len(resnext) == 1 and "did you mean `#resnext`" in resnext[0].message


def test_link_and_file_rules_cost_little_next_to_parsing() -> None:
    """All offline rules of this family together stay well under 30% of the parse time."""
    root = corpus_dir("daiwk")
    started = time.process_time()
    site = load_site(root)
    for post in site.posts:
        post.document  # noqa: B018 - parse every post once, as `bloglint check` does
    parsed = time.process_time() - started
    rules = [f"BL0{n:02d}" for n in range(1, 20)]
    started = time.process_time()
    engine.run(site, load_lint_config(None), only=rules)
    checked = time.process_time() - started
    assert checked < 0.3 * parsed, (checked, parsed)
