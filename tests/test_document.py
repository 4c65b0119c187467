"""parse_document: every construct, with (line, column) values counted by hand.

Columns are 1-based code points; a tab is one column. Most bodies are parsed with
first_line=10, as if nine lines of front matter preceded them.
"""

from __future__ import annotations

from bloglint.document import Document, parse_document


def links(doc: Document) -> list[tuple]:
    return [(k.kind, k.url, k.line, k.column, k.url_line, k.url_column) for k in doc.links]


def test_inline_link_and_image_positions_are_file_positions() -> None:
    doc = parse_document('Intro [home](/index.html "Home") and ![logo](/a.png).\n', first_line=10)
    assert links(doc) == [
        ("inline", "/index.html", 10, 7, 10, 14),
        ("inline", "/a.png", 10, 38, 10, 46),
    ]
    home, logo = doc.links
    assert (home.text, home.title, home.image) == ("home", "Home", False)
    assert (logo.text, logo.image) == ("logo", True)


def test_nested_lists() -> None:
    body = "- one [a](/a)\n  - two [b](/b)\n    1. three [c](/c)\n\n1) x\n\n   [d](/d)\n"
    assert links(parse_document(body, 10)) == [
        ("inline", "/a", 10, 7, 10, 11),
        ("inline", "/b", 11, 9, 11, 13),
        ("inline", "/c", 12, 14, 12, 18),
        ("inline", "/d", 16, 4, 16, 8),
    ]


def test_list_item_whose_first_line_is_empty() -> None:
    body = "-\n  [a](/a)\n- b\n-   \n  [c](/c)\n"
    assert links(parse_document(body, 1)) == [
        ("inline", "/a", 2, 3, 2, 7),
        ("inline", "/c", 5, 3, 5, 7),
    ]


def test_block_quotes_with_lazy_continuation_and_nesting() -> None:
    body = "> quoted [q](/q)\nlazy [z](/z)\n\n> > inner [i](/i)\n>\n>     code [no](/no)\n"
    doc = parse_document(body, 10)
    assert links(doc) == [
        ("inline", "/q", 10, 10, 10, 14),
        ("inline", "/z", 11, 6, 11, 10),
        ("inline", "/i", 13, 11, 13, 15),
    ]
    assert [(c.fenced, c.text, c.line, c.end_line) for c in doc.code_blocks] == [
        (False, "code [no](/no)", 15, 15)
    ]


def test_list_inside_quote_inside_list() -> None:
    body = "- a\n  > - [x](/x)\n  >   more [y](/y)\n"
    assert links(parse_document(body, 1)) == [
        ("inline", "/x", 2, 7, 2, 11),
        ("inline", "/y", 3, 12, 3, 16),
    ]


def test_tabs_count_as_one_column() -> None:
    body = "-\t[t](/t)\n\n>\t[q](/q)\n\n\tcode [x](/x)\n\nend\t[e](/e)\n"
    doc = parse_document(body, 1)
    assert links(doc) == [
        ("inline", "/t", 1, 3, 1, 7),
        ("inline", "/q", 3, 3, 3, 7),
        ("inline", "/e", 7, 5, 7, 9),
    ]
    assert [(c.line, c.end_line) for c in doc.code_blocks] == [(5, 5)]


def test_crlf_and_lone_cr_line_endings() -> None:
    doc = parse_document("a [x](/x)\r\n## H [y](/y)\r\nb\r[z](/z)\r", first_line=3)
    assert links(doc) == [
        ("inline", "/x", 3, 3, 3, 7),
        ("inline", "/y", 4, 6, 4, 10),
        ("inline", "/z", 6, 1, 6, 5),
    ]
    assert [(h.id, h.line, h.column) for h in doc.headings] == [("h-y", 4, 1)]


def test_link_spanning_lines() -> None:
    body = 'see [multi\nline](/m) and [t](\n  /next "title")\n'
    doc = parse_document(body, 1)
    assert links(doc) == [
        ("inline", "/m", 1, 5, 2, 7),
        ("inline", "/next", 2, 15, 3, 3),
    ]
    assert doc.links[0].text == "multi line"
    assert doc.links[1].title == "title"


def test_links_in_headings_and_heading_positions() -> None:
    body = "# Top\n\n## See [x](/x) now\n\n  ### Indented is a paragraph\n\nSetext\n======\n"
    doc = parse_document(body, 10)
    assert [(h.level, h.text, h.id, h.line, h.column) for h in doc.headings] == [
        (1, "Top", "top", 10, 1),
        (2, "See x now", "see-x-now", 12, 1),
        (1, "Setext", "setext", 16, 1),
    ]
    assert links(doc) == [("inline", "/x", 12, 8, 12, 12)]


def test_explicit_ids_and_the_duplicate_counter() -> None:
    body = "## A\n\n## A\n\n## A {#x}\n\n## A ##   {#y}\n\n## A\n{: #from-ial}\n\n## A\n\n## ???\n\n## !!!\n"
    doc = parse_document(body, 1)
    assert [(h.text, h.id, h.explicit) for h in doc.headings] == [
        ("A", "a", False),
        ("A", "a-1", False),
        ("A", "x", True),
        ("A", "y", True),
        ("A", "from-ial", True),
        ("A", "a-2", False),
        ("???", None, False),
        ("!!!", "-1", False),
    ]
    assert doc.ids() == {"a", "a-1", "x", "y", "from-ial", "a-2", "-1"}


def test_heading_raw_text_for_ids() -> None:
    body = (
        '### It\'s "quoted" -- and... done\n'
        "## 中文 `co de` &amp; $$x^2$$ ![img](/i.png) *em* <span>h</span>\n"
        "## a----b\n"
    )
    doc = parse_document(body, 1)
    assert [h.id for h in doc.headings] == [
        "its-quoted--and-done",
        "中文-co-de--x2--em-h",
        "a-b",
    ]


def test_reference_links_definitions_and_undefined_references() -> None:
    body = (
        "Use [the docs][Docs] or [Docs][] or [docs].\n"
        "Broken: [t][missing] and [gone][] and ![i][nope].\n"
        "\n"
        '[docs]: /docs/index.html "The docs"\n'
        "   [r2]: <http://x.y/a b>\n"
    )
    doc = parse_document(body, 10)
    assert links(doc) == [
        ("reference", "/docs/index.html", 10, 5, 13, 9),
        ("reference", "/docs/index.html", 10, 25, 13, 9),
        ("reference", "/docs/index.html", 10, 37, 13, 9),
        ("definition", "/docs/index.html", 13, 1, 13, 9),
        ("definition", "http://x.y/a b", 14, 4, 14, 11),
    ]
    assert [link.label for link in doc.links] == ["Docs", "Docs", "docs", "docs", "r2"]
    assert doc.links[0].title == "The docs"
    assert [(u.label, u.text, u.line, u.column) for u in doc.undefined_references] == [
        ("missing", "t", 11, 9),
        ("gone", "gone", 11, 26),
        ("nope", "i", 11, 39),
    ]


def test_autolinks_only_in_angle_brackets() -> None:
    doc = parse_document("<https://x.y/z> and https://bare.example <me@x.org>\n", 1)
    assert links(doc) == [
        ("autolink", "https://x.y/z", 1, 1, 1, 2),
        ("autolink", "me@x.org", 1, 42, 1, 43),
    ]


def test_html_blocks_and_inline_html() -> None:
    body = (
        "<div>\n"
        "<a href=\"/h\">x</a> <img src='/i.png'>\n"
        "<!-- inner -->\n"
        "</div>\n"
        "\n"
        'Text <a name="old">o</a> and <span id="anc">s</span> <iframe src=/v></iframe>\n'
    )
    doc = parse_document(body, 10)
    assert [(k.kind, k.url, k.image, k.line, k.column, k.url_column) for k in doc.links] == [
        ("html", "/h", False, 11, 1, 10),
        ("html", "/i.png", True, 11, 20, 30),
        ("html", "/v", False, 15, 54, 66),
    ]
    assert [(a.id, a.line, a.column) for a in doc.anchors] == [("old", 15, 15), ("anc", 15, 40)]
    assert [(c.text, c.line, c.column, c.end_line, c.end_column) for c in doc.comments] == [
        (" inner ", 12, 1, 12, 15)
    ]


def test_comments_block_inline_and_toc_markers() -> None:
    body = "目录\n\n<!-- TOC -->\n\n- [a](#a)\n\n<!-- /TOC -->\n\ntext <!-- c --> more\n\n<!--\nmulti\n-->\n"
    doc = parse_document(body, 1)
    assert [(c.text, c.line, c.column, c.end_line, c.end_column) for c in doc.comments] == [
        (" TOC ", 3, 1, 3, 13),
        (" /TOC ", 7, 1, 7, 14),
        (" c ", 9, 6, 9, 16),
        ("\nmulti\n", 11, 1, 13, 4),
    ]
    assert links(doc) == [("inline", "#a", 5, 3, 5, 7)]


def test_text_after_a_comment_on_its_line_is_markdown() -> None:
    # kramdown ends the comment block at `-->` (VS Code's TOC bug leaves text there).
    doc = parse_document("<!-- TOC -->autoauto- [A](#a)auto\n", 1)
    assert [(c.text, c.column) for c in doc.comments] == [(" TOC ", 1)]
    assert links(doc) == [("inline", "#a", 1, 23, 1, 27)]


def test_emphasis_around_links() -> None:
    doc = parse_document("**[b](/b)** and *[c](/c)* and _[d](/d)_\n", 1)
    assert links(doc) == [
        ("inline", "/b", 1, 3, 1, 7),
        ("inline", "/c", 1, 18, 1, 22),
        ("inline", "/d", 1, 32, 1, 36),
    ]


def test_cjk_columns_count_code_points() -> None:
    doc = parse_document("中文[链接](/zh)，再来`代码`。\n", 1)
    assert links(doc) == [("inline", "/zh", 1, 3, 1, 8)]
    assert [(s.text, s.line, s.column, s.end_column) for s in doc.code_spans] == [
        ("代码", 1, 15, 19)
    ]


def test_same_url_repeated_on_a_line() -> None:
    doc = parse_document("[a](/same) [b](/same) [a](/same)\n", 1)
    assert links(doc) == [
        ("inline", "/same", 1, 1, 1, 5),
        ("inline", "/same", 1, 12, 1, 16),
        ("inline", "/same", 1, 23, 1, 27),
    ]


def test_image_inside_link() -> None:
    doc = parse_document("[![alt](/img.png)](/target)\n", 1)
    assert [(k.image, k.url, k.column, k.url_column) for k in doc.links] == [
        (False, "/target", 1, 20),
        (True, "/img.png", 2, 9),
    ]
    assert doc.links[1].text == "alt"


def test_links_in_table_cells() -> None:
    body = "| a | b |\n|---|:-:|\n| [c](/c) | `d` |\n| x \\| y | [e](/e) |\n"
    doc = parse_document(body, 10)
    assert links(doc) == [("inline", "/c", 12, 3, 12, 7), ("inline", "/e", 13, 12, 13, 16)]
    assert [(s.text, s.line, s.column, s.end_column) for s in doc.code_spans] == [("d", 12, 13, 16)]


def test_url_as_written_not_normalised() -> None:
    body = "[a](</foo bar.html>) [b](/x\\_y.html) [c](/%E4%B8%AD?q=1&amp;r=2#f)\n"
    assert [k.url for k in parse_document(body, 1).links] == [
        "/foo bar.html",
        "/x\\_y.html",
        "/%E4%B8%AD?q=1&amp;r=2#f",
    ]


def test_liquid_link_tags_alone_and_inside_link_targets() -> None:
    body = (
        "[p]({% post_url 2019-01-01-a %}#frag) and {% link _posts/x.md %}\n"
        "[q]({{ site.baseurl }}/about/)\n"
    )
    doc = parse_document(body, 10)
    assert links(doc) == [
        ("inline", "{% post_url 2019-01-01-a %}#frag", 10, 1, 10, 5),
        ("post_url", "2019-01-01-a", 10, 5, 10, 17),
        ("link_tag", "_posts/x.md", 10, 43, 10, 51),
        ("inline", "{{ site.baseurl }}/about/", 11, 1, 11, 5),
    ]


def test_nothing_inside_code_or_raw_regions_is_an_item() -> None:
    body = (
        "`[s](/s) {% post_url a %}` and ``<a href='/x'>``\n"
        "\n"
        "- item\n"
        "\n"
        "  ```py\n"
        "  [no](/no) {% link b %}\n"
        "  ## not a heading\n"
        "  ```\n"
        "\n"
        "{% raw %}[r](/r) <!-- c --> {{ x }}\n"
        "## raw heading\n"
        "{% endraw %}\n"
        "{% comment %}[gone](/gone){% endcomment %}\n"
    )
    doc = parse_document(body, 1)
    assert doc.links == ()
    assert doc.headings == ()
    assert doc.comments == ()
    assert [(c.info, c.text, c.line, c.end_line) for c in doc.code_blocks] == [
        ("py", "[no](/no) {% link b %}\n## not a heading\n", 5, 8)
    ]
    assert [(s.text, s.line, s.column, s.end_column) for s in doc.code_spans] == [
        ("[s](/s) {% post_url a %}", 1, 1, 27),
        ("<a href='/x'>", 1, 32, 49),
    ]
    assert [(r.line, r.column, r.end_line, r.end_column) for r in doc.raw_regions] == [
        (10, 1, 12, 13)
    ]
    assert doc.raw_regions[0].text == "[r](/r) <!-- c --> {{ x }}\n## raw heading\n"
    assert doc.in_code(6, 3) and doc.in_code(1, 26) and not doc.in_code(1, 27)
    assert not doc.in_code(3, 1)


def test_indented_and_fenced_code_block_ranges() -> None:
    body = "para\n\n    code one\n\n    code two\n\n~~~\nfenced\n~~~\n\n```\nunclosed\n"
    doc = parse_document(body, 20)
    assert [(c.fenced, c.info, c.text, c.line, c.end_line) for c in doc.code_blocks] == [
        (False, None, "code one\n\ncode two", 22, 24),
        (True, None, "fenced\n", 26, 28),
        (True, None, "unclosed\n", 30, 31),
    ]


def test_footnote_definitions_have_positions() -> None:
    doc = parse_document("text[^1]\n\n[^1]: note [f](/f)\n    more [g](/g)\n", 1)
    assert links(doc) == [("inline", "/f", 3, 12, 3, 16), ("inline", "/g", 4, 10, 4, 14)]


def test_single_dollar_is_not_math_but_double_is() -> None:
    doc = parse_document("$5 and [a](/a) $$[b](/b)$$ and `$$`\n", 1)
    assert links(doc) == [("inline", "/a", 1, 8, 1, 12)]


def test_strikethrough_keeps_positions() -> None:
    doc = parse_document("x ~~old [a](/a)~~ y\n", 1)
    assert links(doc) == [("inline", "/a", 1, 9, 1, 13)]


def test_deep_nesting_does_not_crash() -> None:
    deep_list = "".join("  " * i + "- [x](/x)\n" for i in range(2000))
    doc = parse_document(deep_list, 1)
    assert doc.links and all(link.url == "/x" for link in doc.links)
    assert "nested 19 or more levels deep" in doc.problems[0]
    quotes = ">" * 5000 + " [q](/q)\n"
    doc = parse_document(quotes, 1)
    assert links(doc) == [("inline", "/q", 1, 5002, 1, 5006)]
    assert len(doc.problems) == 1
    assert parse_document("> " * 18 + "[q](/q)\n", 1).problems == ()


def test_control_characters_and_nul() -> None:
    doc = parse_document("a\x00b [x](/y) \x01\x02\n# h\x08\n", 1)
    assert links(doc) == [("inline", "/y", 1, 5, 1, 9)]
    assert [h.id for h in doc.headings] == ["h"]


def test_footnote_definition_inside_a_paragraph_keeps_positions() -> None:
    # mistune consumes the definition without ending the paragraph around it.
    doc = parse_document("a [x](/x)\n[^1]: note [n](/n)\nnote [y](/y)\n", 1)
    assert links(doc) == [
        ("inline", "/x", 1, 3, 1, 7),
        ("inline", "/n", 2, 12, 2, 16),
        ("inline", "/y", 3, 6, 3, 10),
    ]


def test_autolink_inside_link_text_is_text() -> None:
    doc = parse_document("[<http://a>](/b) and [c <http://d>] <http://e>\n", 1)
    assert links(doc) == [
        ("inline", "/b", 1, 1, 1, 14),
        ("autolink", "http://d", 1, 25, 1, 26),
        ("autolink", "http://e", 1, 37, 1, 38),
    ]
    assert doc.links[0].text == "<http://a>"


def test_spaces_in_link_destinations_like_kramdown() -> None:
    # kramdown reads up to the closing parenthesis (a quoted title stays apart); CommonMark
    # would not make these links at all.
    body = '[a](../assets/A Paper.pdf) ![i](x y.png "t y") `[c](d e)` [中](#３\u3000安装)\n'
    doc = parse_document(body, 1)
    assert [(k.url, k.image, k.title, k.column, k.url_column) for k in doc.links] == [
        ("../assets/A Paper.pdf", False, None, 1, 5),
        ("x y.png", True, "t y", 28, 33),
        ("#３\u3000安装", False, None, 59, 63),
    ]
    assert [s.text for s in doc.code_spans] == ["[c](d e)"]


def test_block_ial_ids_become_anchors() -> None:
    body = "Para text\n{: #para-id}\n\n{: #next .c}\nNext para\n\n## H\n{:#h-id}\n"
    doc = parse_document(body, 1)
    assert [(a.id, a.line, a.column) for a in doc.anchors] == [("para-id", 2, 1), ("next", 4, 1)]
    assert [h.id for h in doc.headings] == ["h-id"]


def test_hostile_input_is_parsed_without_errors() -> None:
    bodies = [
        "<!--" * 10000,
        "[" * 10000 + "x" + "]" * 10000,
        "`" * 10000,
        "*" * 10000 + "x" + "*" * 10000,
        "> " * 10000 + "[x](/x)\n",
        "- " * 10000 + "[x](/x)\n",
        "<a href='x'" * 5000,
        "{% raw %}" * 1000 + "{{" * 1000,
        "[x](a" + " b" * 5000 + " 'x'" * 5000,
        "x" * 20_000_000,  # a 20 MB body
    ]
    for body in bodies:
        doc = parse_document(body, 1)
        assert all(link.line == 1 for link in doc.links)
    assert links(parse_document("- " * 10000 + "[x](/x)\n", 1)) == [
        ("inline", "/x", 1, 20001, 1, 20005)
    ]


def test_liquid_highlight_blocks_are_code() -> None:
    body = "Text\n\n{% highlight ruby linenos %}\n# not a heading\n[no](/no)\n{% endhighlight %}\n\n# Real\n"
    doc = parse_document(body, 1)
    assert [(c.info, c.fenced, c.text, c.line, c.end_line) for c in doc.code_blocks] == [
        ("ruby", True, "# not a heading\n[no](/no)", 3, 6)
    ]
    assert [(h.text, h.line) for h in doc.headings] == [("Real", 8)]
    assert doc.links == ()
    assert doc.in_code(4, 1)
