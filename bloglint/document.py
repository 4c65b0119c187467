"""A post body parsed once with mistune 3 into the items rules query, each with its source position.

INTERFACE SKELETON: the dataclasses below are the contract other modules code against.
`parse_document` is implemented by the document work item.

Positions are 1-based lines and columns in the *original file* (front matter included);
columns count Unicode code points, with a tab counting as one column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LinkKind = Literal[
    "inline",  # [text](url) / ![alt](url)
    "reference",  # [text][label], [label][], [label] with a definition
    "autolink",  # <https://...>
    "html",  # <a href>, <img src>, other raw HTML src/href
    "post_url",  # {% post_url name %}
    "link_tag",  # {% link path %}
    "definition",  # [label]: url  (a reference definition itself)
]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str  # the heading's plain text (what kramdown would build the id from)
    id: str | None  # kramdown-GFM id (explicit {#id} wins); None when kramdown omits it
    explicit: bool  # True when the id comes from {#id}
    line: int
    column: int  # column of the first '#' (ATX) or of the text (setext)


@dataclass(frozen=True, slots=True)
class Link:
    kind: LinkKind
    image: bool  # True for ![..](..), <img>, and images by reference
    url: str  # the target exactly as written in the source (not normalised, Liquid kept)
    text: str  # link text / alt text ('' when none)
    line: int  # where the link starts ('[' or '!' or '<' or '{%')
    column: int
    url_line: int  # where the URL itself starts (same as line for most links)
    url_column: int
    label: str | None = None  # reference label, for reference links and definitions
    title: str | None = None


@dataclass(frozen=True, slots=True)
class UndefinedReference:
    """`[text][label]` or `[label][]` whose label has no definition: kramdown prints it literally."""

    label: str
    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Span:
    """A region of source text: a code span, a code block, a comment, a {% raw %} region."""

    text: str  # the content (without the delimiters)
    line: int  # start of the whole construct, delimiters included
    column: int
    end_line: int  # last line of the construct, inclusive
    end_column: int  # column just past its last character


@dataclass(frozen=True, slots=True)
class CodeBlock:
    info: str | None  # fence info string; None for indented code
    fenced: bool
    text: str
    line: int  # the opening fence (or first indented line)
    end_line: int  # the closing fence (or last indented line), inclusive


@dataclass(frozen=True, slots=True)
class Anchor:
    """An id a link can target that is not a Markdown heading: raw HTML id/name, IAL {#id}."""

    id: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Document:
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]  # in source order; images included (see Link.image)
    undefined_references: tuple[UndefinedReference, ...]
    code_spans: tuple[Span, ...]
    code_blocks: tuple[CodeBlock, ...]
    comments: tuple[Span, ...]  # HTML comments <!-- ... -->, block or inline
    raw_regions: tuple[Span, ...]  # {% raw %} ... {% endraw %}
    anchors: tuple[Anchor, ...]
    first_line: int  # file line of the body's first line

    def ids(self) -> frozenset[str]:
        """Every fragment a link may target in this post: heading ids plus anchors."""
        return frozenset(
            [h.id for h in self.headings if h.id] + [a.id for a in self.anchors]
        )


def parse_document(body: str, first_line: int = 1) -> Document:
    """Parse a post body (text after the front matter) whose first line is file line `first_line`."""
    raise NotImplementedError
