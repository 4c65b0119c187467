"""The link rules (BL001-BL009) on the tricky cases: URL resolution like a browser, Liquid,
baseurl, fragments, malformed targets, and silence inside code."""

from __future__ import annotations

from pathlib import Path

from tests.sites import lint, post, write_site

LINK_RULES = [f"BL00{n}" for n in range(1, 10)]
PERMALINK = "/posts/:title.html"


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of `needle` in a file's text."""
    return text[: text.index(needle)].count("\n") + 1


def by_rule(findings: list) -> dict[str, list[int]]:
    result: dict[str, list[int]] = {}
    for finding in findings:
        result.setdefault(finding.rule_id, []).append(finding.line)
    return result


# --- BL001 broken-internal-link -------------------------------------------------------------


def test_relative_links_resolve_from_the_posts_own_url(tmp_path: Path) -> None:
    text = post(
        "![ok](../assets/x.png)\n"
        "![above the root stays at the root](../../../assets/x.png)\n"
        "![relative to /posts/](assets/x.png)\n"
        "[sibling post](other.html) and [missing sibling](gone.html)\n"
    )
    write_site(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": text,
            "_posts/2024-01-02-other.md": post("Hi", title="Other"),
            "assets/x.png": "png",
        },
        permalink=PERMALINK,
    )
    findings = lint(tmp_path, *LINK_RULES)
    assert by_rule(findings) == {
        "BL001": [line_of(text, "(assets/x.png)"), line_of(text, "(gone.html)")]
    }
    message = next(f.message for f in findings if "gone.html" in f.message)
    assert "`/posts/gone.html`" in message


def test_baseurl_liquid_and_absolute_self_links(tmp_path: Path) -> None:
    text = post(
        "[a]({{ site.baseurl }}/assets/x.png)\n"
        "[b](/blog/assets/x.png)\n"
        "[c]({{ '/assets/x.png' | relative_url }})\n"
        '[d]({{ "assets/x.png" | absolute_url }})\n'
        "[e](https://example.org/blog/assets/x.png)\n"
        "[f](http://example.org/blog/assets/x.png)\n"
        "[g](../assets/x.png)\n"
        "[no baseurl](/assets/x.png)\n"
        "[self link, wrong path](https://example.org/assets/x.png)\n"
        "[other site](https://other.example/assets/nothing.png)\n"
        "[unknown liquid]({{ page.image }})\n"
    )
    write_site(
        tmp_path,
        {"_posts/2024-01-01-a.md": text, "assets/x.png": "png"},
        permalink=PERMALINK,
        baseurl="/blog",
    )
    findings = lint(tmp_path, *LINK_RULES)
    assert by_rule(findings) == {
        "BL001": [line_of(text, "[no baseurl]"), line_of(text, "[self link, wrong path]")]
    }
    outside = next(f for f in findings if f.line == line_of(text, "[no baseurl]"))
    assert "baseurl `/blog`" in outside.message and "relative_url" in outside.message


def test_liquid_tags_and_percent_encoded_paths(tmp_path: Path) -> None:
    text = post(
        "[post]({% post_url 2024-01-02-other %}) and [nested]({% post_url 2023/2023-05-01-deep %})\n"
        "[file]({% link assets/my file.pdf %}) [page]({% link about.md %})\n"
        "[encoded](/assets/my%20file.pdf) [raw space](</assets/my file.pdf>)\n"
        "[source file instead of post](2024-01-02-other.md)\n"
        "[wrong case](/posts/Other.html)\n"
        "[page source](/about.md) {% link {{ page.related }} %}\n"
    )
    write_site(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": text,
            "_posts/2024-01-02-other.md": post("Hi", title="Other"),
            "_posts/2023/2023-05-01-deep.md": post("Deep", title="Deep"),
            "assets/my file.pdf": "pdf",
            "about.md": "---\ntitle: About\n---\nMe\n",
        },
        permalink=PERMALINK,
    )
    findings = lint(tmp_path, *LINK_RULES)
    assert by_rule(findings) == {
        "BL001": [
            line_of(text, "[source file"),
            line_of(text, "[wrong case]"),
            line_of(text, "[page source]"),
        ]
    }
    messages = " ".join(f.message for f in findings)
    assert (
        "that is a source file: link to its URL `/about` or use `{% link about.md %}`" in messages
    )
    assert "{% post_url 2024-01-02-other %}" in messages
    assert "did you mean `/posts/other.html`" in messages


# --- BL002 broken-fragment --------------------------------------------------------------------


def test_fragments_case_decoding_and_suggestions(tmp_path: Path) -> None:
    text = post(
        "- [ResNeXt](#ResNeXt)\n"
        "- [ok](#resnext)\n"
        "- [encoded](#%E4%B8%AD%E6%96%87-heading)\n"
        "- [full-width dash](#下载图片－qa的标注数据集)\n"
        "- [stale](#no-such-heading)\n"
        "- [empty](#)\n"
        "- [top](#top)\n"
        "- [backspace](#算法流程%08)\n"
        "- [explicit](#custom) [html anchor](#here) [layout id](#comments) [footer](#bottom)\n"
        "\n## ResNeXt\n\n## 中文 heading\n\n## 下载图片-qa的标注数据集\n\n"
        '## Renamed {#custom}\n\n<a name="here"></a>\n\n#### 算法流程\n'
    )
    layout = '---\nlayout: default\n---\n{{ content }}<div id="comments"></div>\n'
    write_site(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": text,
            "_layouts/post.html": layout,
            "_layouts/default.html": "<body>{{ content }}{% include footer.html %}</body>\n",
            "_includes/footer.html": '<a name="bottom"></a>\n',
        },
        permalink=PERMALINK,
        defaults=[{"scope": {"path": ""}, "values": {"layout": "post"}}],
    )
    findings = lint(tmp_path, "BL002")
    reported = {f.line: f.message for f in findings}
    assert sorted(reported) == sorted(
        line_of(text, needle)
        for needle in ("[ResNeXt]", "[full-width dash]", "[stale]", "[empty]", "[backspace]")
    )
    assert "ids are case-sensitive: did you mean `#resnext`" in reported[line_of(text, "[ResNeXt]")]
    assert "did you mean `#下载图片-qa的标注数据集`" in reported[line_of(text, "[full-width dash]")]
    assert "U+0008" in reported[line_of(text, "[backspace]")]
    assert "empty fragment" in reported[line_of(text, "[empty]")]


def test_fragments_on_links_to_other_posts_and_pages(tmp_path: Path) -> None:
    text = post(
        "[ok]({% post_url 2024-01-02-other %}#install-the-tools)\n"
        "[absolute](https://example.org/posts/other.html#install_the_tools)\n"
        "[page ok](/about.html#contact) [page bad](/about.html#email)\n"
        "[no headings](/plain.html#x) [html page](/raw.html#intro) [liquid page](/made.html#x)\n"
        "[static file fragments are not checked](/assets/paper.pdf#page=3)\n"
    )
    write_site(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": text,
            "_posts/2024-01-02-other.md": post("## Install the tools\n", title="Other"),
            "about.md": "---\ntitle: About\n---\n## Contact\n",
            "plain.md": "---\ntitle: Plain\n---\nNo headings here.\n",
            "raw.html": '---\n---\n<h2 id="intro">Intro</h2>\n',
            "made.html": '---\n---\n<h2 id="{{ page.title }}">x</h2>\n',
            "assets/paper.pdf": "pdf",
        },
        permalink=PERMALINK,
    )
    findings = lint(tmp_path, *LINK_RULES)
    assert by_rule(findings) == {
        "BL002": [
            line_of(text, "[absolute]"),
            line_of(text, "[page bad]"),
            line_of(text, "[no headings]"),
        ]
    }
    absolute = findings[0].message
    assert "`/posts/other.html`" in absolute and "did you mean `#install-the-tools`" in absolute


# --- BL003-BL009 -----------------------------------------------------------------------------


def test_malformed_targets(tmp_path: Path) -> None:
    text = post(
        "[scheme-less](goo.gl/language/bert) [www](www.example.com) [bare](example.com)\n"
        "[stray](https://example.org/posts/x.html]) [fine](https://en.wikipedia.org/wiki/C_(language))\n"
        "[number](1) and [empty]()\n"
        "[lost percent]({post_url 2024-01-02-other}) [doubled braces]({{ post_url 2024-01-02-other }})\n"
        "![pasted](attachment:image.png)\n"
        "[local](file:///home/me/notes.html)\n"
        "[a file name is not a host](notes.md) [nor is this](logo.ai)\n"
        "\n[ref]:(https://example.org/a-paper)\n"
        "\n[1]: https://example.org/one\n"
    )
    write_site(
        tmp_path,
        {"_posts/2024-01-01-a.md": text, "_posts/2024-01-02-other.md": post("x", title="Other")},
        permalink=PERMALINK,
    )
    found = by_rule(lint(tmp_path, *LINK_RULES))
    assert found == {
        "BL001": [line_of(text, "[a file name")] * 2,
        "BL003": [line_of(text, "[scheme-less]")] * 3,
        "BL004": sorted(
            [line_of(text, "[stray]"), line_of(text, "[number]"), line_of(text, "[number]")]
            + [line_of(text, "[lost percent]")] * 2
            + [line_of(text, "[local]"), line_of(text, "[ref]:")]
        ),
        "BL006": [line_of(text, "![pasted]")],
    }


def test_numeric_target_message_suggests_the_reference_form(tmp_path: Path) -> None:
    text = post("See [the paper](1).\n\n[1]: https://example.org/paper\n")
    write_site(tmp_path, {"_posts/2024-01-01-a.md": text})
    (finding,) = lint(tmp_path, "BL004")
    assert "`[the paper][1]`" in finding.message


def test_missing_tag_targets_stop_the_build(tmp_path: Path) -> None:
    text = post(
        "{% post_url 2024-01-02-other %} {% post_url 2024-01-03-draft %}\n"
        "[x]({% post_url 2024-01-04-nowhere %}#frag) {% link missing.md %} {% link about.md %}\n"
    )
    write_site(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": text,
            "_posts/2024-01-02-other.md": post("x", title="Other"),
            # an unpublished post is not in site.posts: post_url to it fails the build
            "_posts/2024-01-03-draft.md": post("x", title="Draft", published=False),
            "about.md": "---\ntitle: About\n---\n",
        },
    )
    findings = lint(tmp_path, *LINK_RULES)
    assert by_rule(findings) == {"BL007": [5, 6, 6]}
    assert all("Jekyll stops the build" in f.message for f in findings)


def test_doubled_baseurl_only_when_it_breaks(tmp_path: Path) -> None:
    text = post("[x]({{ site.baseurl }}{% post_url 2024-01-02-other %})\n")
    files = {"_posts/2024-01-01-a.md": text, "_posts/2024-01-02-other.md": post("x", title="O")}
    write_site(tmp_path / "jekyll4", files, baseurl="/blog")
    write_site(tmp_path / "no-baseurl", files)
    write_site(
        tmp_path / "pages",
        {**files, "Gemfile": 'gem "github-pages", group: :jekyll_plugins\n'},
        baseurl="/blog",
    )
    assert by_rule(lint(tmp_path / "jekyll4", *LINK_RULES)) == {"BL008": [5]}
    assert lint(tmp_path / "no-baseurl", *LINK_RULES) == []
    assert lint(tmp_path / "pages", *LINK_RULES) == []


def test_unlinked_urls_and_link_stubs(tmp_path: Path) -> None:
    text = post(
        "* (https://example.org/unclosed\n"
        "* (https://example.org/closed)\n"
        "* [space] (https://example.org/space)\n"
        "* [pytorch]\n"
        "### 4.2.1 [MCB]\n"
        "* [tensorflow][tf] and [keras][]\n"
        "* [1][A paper title](https://example.com/paper) keeps its link\n"
        "[INFO][main.cpp][run][40] a log line, and citations [7][8], and arrays [0 1 2]\n"
        "* [x] a task\n"
        "a bare URL in prose https://example.org/bare is not reported (see the docs (and more))\n"
        "on the website (https://example.org/site), you see prose, and so is\n"
        "(https://en.wikipedia.org/wiki/C_(language)) a balanced URL\n"
        "1. (https://example.org/numbered)</br>\n"
    )
    write_site(tmp_path, {"_posts/2024-01-01-a.md": text})
    found = by_rule(lint(tmp_path, *LINK_RULES))
    assert found == {
        "BL005": [
            line_of(text, "[pytorch]"),
            line_of(text, "[MCB]"),
            line_of(text, "[tensorflow]"),
            line_of(text, "[tensorflow]"),
        ],
        "BL009": [
            line_of(text, "unclosed"),
            line_of(text, "closed)"),
            line_of(text, "[space]"),
            line_of(text, "numbered"),
        ],
    }


def test_nothing_is_reported_inside_code_comments_or_raw(tmp_path: Path) -> None:
    text = post(
        "`[a](missing.html)` and `(https://example.org/x`\n\n"
        "```\n[b](#nowhere) [c][undefined] {post_url x} ![d](attachment:e.png)\n* [pytorch]\n"
        "(https://example.org/y)\n```\n\n"
        "    [indented](goo.gl/x)\n\n"
        "<!-- [commented](missing.html) {post_url x} (https://example.org/z -->\n\n"
        "{% raw %}[raw](missing.html) {% post_url nowhere %}{% endraw %}\n"
    )
    write_site(tmp_path, {"_posts/2024-01-01-a.md": text})
    assert lint(tmp_path, *LINK_RULES) == []


def test_links_that_work_give_no_findings(tmp_path: Path) -> None:
    text = post(
        "[home](/) [index](/index.html) [about](/about) [about page](/about.html)\n"
        "[feed-like static](/atom.xml) [mail](mailto:me@example.org) [external](https://example.com/x)\n"
        "[protocol-relative external](//cdn.example.com/lib.js) <https://example.com/auto>\n"
        '<a href="/about.html#me">html</a> <img src="/assets/x.png">\n'
        "[collection document](/docs/install.html#steps) [its source]({% link _docs/install.md %})\n"
        "\n## Me\n"
    )
    write_site(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": text,
            "index.html": "---\n---\nhome\n",
            "about.md": "---\ntitle: About\n---\n## Me\n",
            "atom.xml": "<feed/>",
            "assets/x.png": "png",
            "_docs/install.md": "---\ntitle: Install\n---\n## Steps\n",
        },
        collections={"docs": {"output": True}},
    )
    assert lint(tmp_path, *LINK_RULES) == []


def test_paths_made_by_unmodelled_plugins_can_be_assumed(tmp_path: Path) -> None:
    text = post("[tagged](/tags/python/) [missing](/nothing/)\n")
    write_site(tmp_path, {"_posts/2024-01-01-a.md": text})
    assert by_rule(lint(tmp_path, "BL001")) == {"BL001": [5, 5]}
    found = lint(tmp_path, "BL001", options={"BL001": {"assume_exist": ["/tags/*"]}})
    assert [f.message.split("`")[1] for f in found] == ["/nothing/"]
