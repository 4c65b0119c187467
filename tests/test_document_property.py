"""Property test: parse_document never raises, and every position it reports is real.

Random Markdown-ish text (fragments of every construct, mixed with random Unicode) goes
through parse_document; every position must lie inside the text, every item must start
with its syntax character there, and every link's URL must be found verbatim at its
url_line/url_column.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bloglint.document import parse_document

FRAGMENTS = [
    "[",
    "]",
    "(",
    ")",
    "![",
    "<",
    ">",
    "`",
    "``",
    "*",
    "**",
    "_",
    "~~",
    "#",
    "## ",
    "- ",
    "* ",
    "1. ",
    "> ",
    ">",
    "\n",
    "\n\n",
    "    ",
    "  ",
    "\t",
    "|",
    "| a | b |\n|---|---|\n",
    "---\n",
    "===\n",
    "[a](/u)",
    '[b](</x y> "t")',
    "![i](/i.png)",
    "[r][ref]",
    "[ref][]",
    "[ref]",
    "[ref]: /def\n",
    "[^1]",
    "[^1]: note\n",
    "<http://a.b/c>",
    "<a href='/h' id=x>",
    "</a>",
    '<img src="/s.png">',
    "<div>\n",
    "</div>\n",
    "<!-- c -->",
    "<!--",
    "-->",
    "```\n",
    "```py\n",
    "~~~\n",
    "$$",
    "$",
    "\\",
    "\\[",
    "中文",
    "\r\n",
    "\r",
    " ",
    "text",
    "x",
    "{% post_url 2019-01-01-a %}",
    "{% link a.md %}",
    "{{ site.url }}",
    "{% raw %}",
    "{% endraw %}",
    "{%",
    "%}",
    "{#id}",
    "{: #ial}",
    "&amp;",
    "\x00",
    "\x08",
]

markdownish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map(
    "".join
)

# Lines made of container prefixes and inline content dense with links: exercises the
# mapping of positions through block quotes, list items and lazy continuation lines.
PREFIXES = [
    "",
    "",
    "> ",
    ">",
    "- ",
    "  ",
    "    ",
    "1. ",
    "\t",
    "> - ",
    "- > ",
    ">  > ",
    "   ",
    "* ",
]
INLINE = [
    "[a](/u)",
    '[b c](/v "t")',
    "![i](/i.png)",
    "[x](\n/y)",
    "[r][ref]",
    "[ref][]",
    "[ref]",
    "[u][nope]",
    "<http://a.b>",
    "`c`",
    "``[no](/no)``",
    "*",
    "_",
    "**",
    "[",
    "]",
    " ",
    "中文",
    "<a href='/h'>",
    "<!-- c -->",
    "{% post_url p %}",
    "[q]({{ u }}/z)",
    "$$[m](/m)$$",
    "~~",
    "|",
    "\\",
    "text",
    "#",
]
structured = st.lists(
    st.tuples(
        st.sampled_from(PREFIXES),
        st.lists(st.sampled_from(INLINE), max_size=6).map("".join),
        st.sampled_from(["\n", "\n", "\n\n", "\r\n"]),
    ),
    max_size=12,
).map(lambda lines: "[ref]: /def\n\n" + "".join(p + t + e for p, t, e in lines))

START_CHARS = {
    "inline": "[!",
    "reference": "[!",
    "definition": "[",
    "autolink": "<",
    "html": "<",
    "post_url": "{",
    "link_tag": "{",
}


def _lines(body: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", body)


def _check(body: str, first_line: int) -> None:
    doc = parse_document(body, first_line)
    lines = _lines(body)

    def at(line: int, column: int) -> str:
        index = line - first_line
        assert 0 <= index < len(lines), (line, column)
        text = lines[index]
        assert 1 <= column <= len(text) + 1, (line, column, text)
        return text[column - 1 : column]

    for link in doc.links:
        assert at(link.line, link.column) in START_CHARS[link.kind], link
        at(link.url_line, link.url_column)
        source = lines[link.url_line - first_line]
        url_start = link.url_column - 1
        assert source[url_start : url_start + len(link.url)] == link.url, (link, source)
    for heading in doc.headings:
        assert at(heading.line, heading.column), heading
    for span in doc.code_spans:
        assert at(span.line, span.column) == "`", span
        at(span.end_line, span.end_column - 1)
    for comment in doc.comments:
        assert at(comment.line, comment.column) == "<", comment
    for region in doc.raw_regions:
        assert at(region.line, region.column) == "{", region
    for block in doc.code_blocks:
        assert first_line <= block.line <= block.end_line < first_line + len(lines), block
    for anchor in doc.anchors:
        at(anchor.line, anchor.column)
    for undefined in doc.undefined_references:
        assert at(undefined.line, undefined.column) in "[!", undefined


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=markdownish, first_line=st.integers(min_value=1, max_value=40))
def test_markdownish_positions_are_real(body: str, first_line: int) -> None:
    _check(body, first_line)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=structured, first_line=st.integers(min_value=1, max_value=40))
def test_links_in_containers_positions_are_real(body: str, first_line: int) -> None:
    _check(body, first_line)


@settings(max_examples=100, deadline=None)
@given(body=st.text(max_size=300))
def test_random_unicode_never_raises(body: str) -> None:
    _check(body, 1)
