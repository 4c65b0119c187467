"""Match a TOC's entries to the post's headings, and work out the site's TOC style.

The headings and their ids come from the parsed document (kramdown-GFM ids, the ones Jekyll
writes), so an entry is right exactly when its fragment is an id on the built page. Near misses
(another tool's slug: capitals kept, punctuation kept, a leading `-` dropped) are mapped back to
the heading they meant, so the report can name the id to use and `--fix` keeps the entry's text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote

from bloglint.model import ConfigError
from bloglint.toc.scan import STYLES, TocBlock, TocEntry, TocScan, scan_text

if TYPE_CHECKING:
    from bloglint.document import Document
    from bloglint.index import SiteIndex
    from bloglint.site import Post, Site


# --- settings (`bloglint: toc:` in _config.yml) ----------------------------------------------


class TocSettings(NamedTuple):
    style: str | None = None  # the site's TOC style; None: detect it; "none": the site uses none
    bullet: str | None = None  # list marker for TOCs that have no entries yet ("-", "*", "+", "1.")
    indent: int | None = None  # spaces per nesting level for such TOCs


_SETTING_KEYS = ("style", "bullet", "indent")


def toc_settings(section: Mapping[str, Any] | None, source: str = "_config.yml") -> TocSettings:
    """Validate the `bloglint: toc:` mapping."""
    section = section or {}
    unknown = sorted(set(map(str, section)) - set(_SETTING_KEYS))
    if unknown:
        raise ConfigError(
            f"unknown key `bloglint.toc.{unknown[0]}`; known keys: {', '.join(_SETTING_KEYS)}",
            source,
        )
    style = section.get("style")
    if style is not None and style not in STYLES + ("none",):
        raise ConfigError(
            f"`bloglint.toc.style` is `{style}`; use one of {', '.join(STYLES)} or none", source
        )
    bullet = section.get("bullet")
    if bullet is not None and not re.fullmatch(r"[-*+]|1[.)]", str(bullet)):
        raise ConfigError(f"`bloglint.toc.bullet` is `{bullet}`; use -, *, +, 1. or 1)", source)
    indent = section.get("indent")
    if indent is not None and (
        isinstance(indent, bool) or not isinstance(indent, int) or not 1 <= indent <= 8
    ):
        raise ConfigError(
            f"`bloglint.toc.indent` is `{indent}`; use a number of spaces from 1 to 8", source
        )
    return TocSettings(style=style, bullet=None if bullet is None else str(bullet), indent=indent)


# --- per-post facts ------------------------------------------------------------------------


def scan_post(post: Post) -> TocScan:
    toc = post.data.get("toc")
    return scan_text(
        post.source.text,
        post.document,
        body_line=post.source.body_line,
        front_matter_toc=toc if isinstance(toc, bool) else None,
    )


def cached_scan(memo: dict[str, Any], post: Post, index: SiteIndex | None = None) -> TocScan:
    """One scan per post per run, shared by the TOC rules and the fixer; with an `index`, an
    unchanged post's scan is replayed from it."""
    scans: dict[str, TocScan] = memo.setdefault("toc.scans", {})
    scan = scans.get(post.relpath)
    if scan is None:
        key = derived_key("toc.scan") if index is not None else ""
        saved = index.derived(post.relpath, key) if index is not None else None
        if isinstance(saved, TocScan):
            toc = post.data.get("toc")  # (front matter defaults come from the configuration)
            scan = saved._replace(front_matter=toc if isinstance(toc, bool) else None)
        else:
            scan = scan_post(post)
            if index is not None:
                index.store_derived(post.relpath, key, scan._replace(front_matter=None))
        scans[post.relpath] = scan
    return scan


def derived_key(name: str) -> str:
    """An index key for TOC facts worked out from a post's content: `name` and the code that
    works them out (so an edited checkout never replays old facts)."""
    from bloglint.index import code_fingerprint

    code = code_fingerprint("toc/scan.py", "toc/analysis.py", "document.py", "heading_ids.py")
    return f"{name}:{code}"


_IAL_NO_TOC = re.compile(r"\{:[^}\n]*\.no_toc\b[^}\n]*\}")
_OMIT_COMMENT = re.compile(r"<!--\s*(?:omit (?:from|in) toc|no toc)\s*-->", re.IGNORECASE)
_ATX = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*")
_TRAILING_IAL = re.compile(r"[ \t]*\{[:#][^}]*\}[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_INLINE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")


class TocHeading(NamedTuple):
    """A heading as a TOC sees it."""

    index: int
    level: int
    id: str | None
    line: int
    source: str  # the heading's source line from its first '#' (ATX) or its text (setext)
    plain: str  # the heading's plain text, from the parser
    omitted: bool  # `{:.no_toc}`, `<!-- omit from toc -->`: the author keeps it out of TOCs

    @property
    def text(self) -> str:
        """The heading's Markdown text as a TOC entry's link text (worked out when needed)."""
        return _entry_text(self.source, self.plain)


def _entry_text(source_line: str, plain: str) -> str:
    """The heading's own Markdown (links unwrapped, images and comments dropped) for a link text."""
    match = _ATX.fullmatch(source_line)
    text = (match.group("text") or "") if match else source_line.strip()
    text = _TRAILING_IAL.sub("", text)
    text = _COMMENT.sub("", text)
    text = _IMAGE.sub("", text)
    text = _INLINE_LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = " ".join(text.split()) or plain
    if text.count("[") != text.count("]"):
        text = re.sub(r"(?<!\\)([\[\]])", r"\\\1", text)
    return text


def toc_headings(document: Document, lines: Sequence[str]) -> list[TocHeading]:
    """The post's headings with what a TOC needs; `lines` are the file's lines (index 0 = line 1,
    a CRLF line keeps its `\\r`)."""
    result = []
    for index, heading in enumerate(document.headings):
        line_text = (
            lines[heading.line - 1].rstrip("\r") if heading.line <= len(lines) else heading.text
        )
        source = line_text[heading.column - 1 :] if heading.column <= len(line_text) else line_text
        following = lines[heading.line] if heading.line < len(lines) else ""
        omitted = bool(
            ("<!--" in source and _OMIT_COMMENT.search(source))
            or ("{:" in source and _IAL_NO_TOC.search(source))
            or ("{:" in following and _IAL_NO_TOC.fullmatch(following.strip()))
        )
        result.append(
            TocHeading(
                index, heading.level, heading.id, heading.line, source, heading.text, omitted
            )
        )
    return result


# --- matching entries to headings ------------------------------------------------------------


def _loose(text: str) -> str:
    """Letters and digits only, case-folded: what different slug algorithms still agree on."""
    return "".join(char for char in text.casefold() if char.isalnum())


def fragment_candidates(target: str) -> list[str]:
    """The ids a same-page link may reach: as written, and percent-decoded (browsers try both)."""
    fragment = target[1:]
    if "%" not in fragment:
        return [fragment]
    decoded = unquote(fragment)
    return [fragment] if decoded == fragment else [fragment, decoded]


class Issue(NamedTuple):
    kind: str  # "wrong-anchor", "unknown", "duplicate", "order", "missing"
    line: int
    column: int
    message: str


class Matching(NamedTuple):
    """How one TOC block's entries map to headings."""

    heading_of: dict[int, int]  # entry position -> heading index (exact or near miss)
    exact: set[int]  # entry positions whose fragment reaches their heading as written
    depth: tuple[int, int]
    listed: list[TocHeading]  # the headings a regenerated TOC lists, in order
    issues: list[Issue]


class HeadingIndex:
    """Lookups from fragments to headings for one post."""

    def __init__(self, document: Document, headings: list[TocHeading]) -> None:
        self.headings = headings
        self.ids = document.ids()
        self.by_id: dict[str, int] = {}
        for heading in headings:
            if heading.id is not None:
                self.by_id.setdefault(heading.id, heading.index)
        # VS Code's insertAnchor writes `<a id="markdown-x" name="x"></a>` right above a heading.
        by_line = {h.line: h.index for h in headings}
        for anchor in document.anchors:
            target = by_line.get(anchor.line + 1, by_line.get(anchor.line))
            if target is not None and anchor.id not in self.by_id:
                self.by_id[anchor.id] = target
        self._loose: dict[str, list[int]] | None = None

    @property
    def loose(self) -> dict[str, list[int]]:
        """Headings by their letters and digits (id and text), built only for near misses."""
        if self._loose is None:
            self._loose = {}
            for heading in self.headings:
                for key in {_loose(heading.id or ""), _loose(heading.text)}:
                    if key:
                        self._loose.setdefault(key, []).append(heading.index)
        return self._loose

    def exact(self, target: str) -> tuple[bool, int | None]:
        """(reaches an id on the page, the heading it reaches if any)."""
        for fragment in fragment_candidates(target):  # as written, then percent-decoded
            if fragment in self.by_id:
                return True, self.by_id[fragment]
            if fragment in self.ids:
                return True, None
        return False, None

    def near(self, entry: TocEntry, taken: set[int]) -> int | None:
        keys = [_loose(f) for f in fragment_candidates(entry.target or "#")] + [_loose(entry.text)]
        for key in keys:
            for index in self.loose.get(key, ()):
                if index not in taken:
                    return index
        return None


def heading_index(document: Document, text: str) -> HeadingIndex:
    """The fragment lookups for a post, from its parsed body and its file text."""
    return HeadingIndex(document, toc_headings(document, text.split("\n")))


# VS Code's Markdown TOC and mdformat-toc write non-default depths into the opening marker, so
# a marker without them means "all levels". The others keep depth limits on their command line;
# for them the levels the TOC lists now are the best evidence of the range the author chose.
_RECORDS_DEPTH = frozenset({"vscode", "mdformat-toc"})


def _depth(block: TocBlock, levels: list[int]) -> tuple[int, int]:
    """The heading levels a TOC covers: its own options, else its generator's default or what it lists."""
    options = block.opening.options
    low = options.get("depthfrom") or options.get("minlevel")
    high = options.get("depthto") or options.get("maxlevel")
    if block.style in _RECORDS_DEPTH or not levels:
        inferred = (1, 6)
    else:
        inferred = (min(levels), max(levels))
    low_level = int(low) if low and low.isdigit() else inferred[0]
    high_level = int(high) if high and high.isdigit() else inferred[1]
    return low_level, max(low_level, high_level)


def _increasing_subsequence(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting, n log n)."""
    if values == sorted(set(values)):
        return set(range(len(values)))  # already in order: the usual TOC
    import bisect

    tails: list[int] = []
    tail_pos: list[int] = []
    parent = [-1] * len(values)
    for pos, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        parent[pos] = tail_pos[k - 1] if k else -1
    keep = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos != -1:
        keep.add(pos)
        pos = parent[pos]
    return keep


def shorten(text: str, limit: int = 40) -> str:
    """One line of at most `limit` characters, for messages."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def match_block(block: TocBlock, index: HeadingIndex) -> Matching:
    """Map entries to headings and list what is wrong: unknown or wrong anchors, order, gaps."""
    headings = index.headings
    issues: list[Issue] = []
    heading_of: dict[int, int] = {}
    exact: set[int] = set()
    taken: set[int] = set()
    unresolved: list[int] = []
    for pos, entry in enumerate(block.entries):
        if entry.target is None:
            hits = index.loose.get(_loose(entry.text), [])
            target = next((i for i in hits if i not in taken), None)
            if target is not None:
                heading_of[pos] = target
                taken.add(target)
                exact.add(pos)
            continue
        if not entry.target.startswith("#"):
            continue  # a link to another page is not a TOC entry of this one
        reaches, target = index.exact(entry.target)
        if reaches and target is None:
            continue  # an anchor that is not a heading's: fine, nothing to compare
        if reaches and target not in taken:
            heading_of[pos] = target
            exact.add(pos)
            taken.add(target)
        else:
            unresolved.append(pos)
    for pos in unresolved:  # near misses only claim headings no exact entry took
        entry = block.entries[pos]
        reaches, listed_twice = index.exact(entry.target or "")
        target = index.near(entry, taken)
        if target is None and reaches and listed_twice is not None:
            issues.append(
                Issue(
                    "duplicate",
                    entry.line,
                    entry.column,
                    f"toc lists heading `{shorten(headings[listed_twice].text)}` twice; remove this entry",
                )
            )
        elif target is not None:
            heading_of[pos] = target
            taken.add(target)
            heading = headings[target]
            issues.append(
                Issue(
                    "wrong-anchor",
                    entry.line,
                    entry.column,
                    f"toc entry links to `{entry.target}` but the heading `{shorten(heading.text)}` "
                    f"(line {heading.line}) has id `#{heading.id}`; use that id",
                )
            )
        else:
            issues.append(
                Issue(
                    "unknown",
                    entry.line,
                    entry.column,
                    f"toc entry links to `{entry.target}`, which is no heading id in this post; "
                    f"remove the entry or fix its anchor",
                )
            )

    order = sorted(heading_of)
    in_order = _increasing_subsequence([heading_of[pos] for pos in order])
    for k, pos in enumerate(order):
        if k not in in_order:
            entry = block.entries[pos]
            heading = headings[heading_of[pos]]
            issues.append(
                Issue(
                    "order",
                    entry.line,
                    entry.column,
                    f"toc entry `{shorten(entry.text)}` is out of order: its heading is on line "
                    f"{heading.line}; reorder the toc to follow the headings",
                )
            )

    depth = _depth(block, [headings[i].level for i in heading_of.values()])
    listed = [
        h
        for h in headings
        if h.id is not None
        and not h.omitted
        and depth[0] <= h.level <= depth[1]
        and (h.line > block.closing.line or (h.index in taken and h.line < block.opening.line))
    ]
    missing = [h for h in listed if h.index not in taken]
    if missing and block.entries:
        names = ", ".join(f"`{shorten(h.text, 30)}` (line {h.line})" for h in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        issues.append(
            Issue(
                "missing",
                block.opening.line,
                block.opening.column,
                f"toc lacks {len(missing)} heading{'s' if len(missing) > 1 else ''}: {names}{more}; "
                f"add {'them' if len(missing) > 1 else 'it'} or run `bloglint check --fix`",
            )
        )
    issues.sort(key=lambda issue: (issue.line, issue.column))
    return Matching(heading_of, exact, depth, listed, issues)


# --- the site's TOC style ----------------------------------------------------------------

# One pass over a post's comments finds every marker style (each comment is at most one), then
# kramdown's `{:toc}`, which needs a `{:` to be there at all.
_VOTE_MARKER = re.compile(
    r"<!--(?=\s*(?:(?P<vscode>(?i:/\s*TOC\s*-->))|(?P<markdown_toc>(?i:tocstop\s*-->))"
    r"|(?P<doctoc>(?i:START doctoc\b))|(?P<vim_markdown_toc>vim-markdown-toc\s+\S+\s*-->)"
    r"|(?P<mdformat_toc>mdformat-toc\s+start\b)))"
)
_VOTE_KRAMDOWN = re.compile(r"^[ \t]{0,3}\{:(?:[^}\n]*\s)?toc(?:\s[^}\n]*)?\}", re.MULTILINE)
# A heading line, found from the newline before it (prefix the text with one): a search that
# starts with a literal is several times faster than a `^` tried at every position.
_HEADING_LINE = re.compile(r"\n[ \t]{0,3}#{1,6}[ \t]")


def _votes(text: str) -> set[str]:
    """The TOC styles a post's text shows (a marker in code counts too)."""
    found: set[str] = set()
    if "<!--" in text:
        found.update(
            m.lastgroup.replace("_", "-")  # type: ignore[union-attr]
            for m in _VOTE_MARKER.finditer(text)
        )
    if "{:" in text and "toc" in text and _VOTE_KRAMDOWN.search(text):
        found.add("kramdown")
    return found


def _text_vote(text: str, min_headings: int) -> tuple[frozenset[str], bool]:
    """The TOC styles a post's text shows, and whether it has `min_headings` heading lines."""
    long_enough = sum(1 for _ in islice(_HEADING_LINE.finditer("\n" + text), min_headings))
    return frozenset(_votes(text)), long_enough >= min_headings


def _site_votes(site: Site, min_headings: int) -> list[tuple[frozenset[str], bool]]:
    """Every post's vote, in `site.posts` order.

    With an index, the votes are kept as one row by content digest: a pre-commit run on one
    post of a large blog unpickles that row and reads only the changed posts' texts.
    """
    index = site.index
    if index is None:
        return [_text_vote(post.source.text, min_headings) for post in site.posts]
    name = f"{derived_key('toc.votes')}:{min_headings}"
    saved = index.snapshot(name)
    known = saved if isinstance(saved, dict) else {}
    votes = []
    kept: dict[str, tuple[frozenset[str], bool]] = {}
    fresh = 0
    for post in site.posts:
        digest = index.digest(post.relpath)
        vote = known.get(digest) if digest is not None else None
        if not (isinstance(vote, tuple) and len(vote) == 2):
            vote = _text_vote(post.source.text, min_headings)
            fresh += 1
        if digest is not None:
            kept[digest] = vote
        votes.append(vote)
    if index.snapshot_outdated(fresh, bool(known)):
        index.store_snapshot(name, kept)
    return votes


def site_style(
    site: Site, settings: TocSettings, min_headings: int, memo: dict[str, Any]
) -> str | None:
    """The TOC style most posts use, or the configured one; None when the site has no habit.

    A quick textual vote over every post (markers in code count too; a vote needs no
    precision): a style wins when at least two posts and half of the posts that have a TOC
    or `min_headings` heading lines use it.
    """
    key = f"toc.site_style.{min_headings}"
    if key in memo:
        return memo[key]
    if settings.style is not None:
        style = None if settings.style == "none" else settings.style
    else:
        votes: Counter[str] = Counter()
        voters = 0
        for post, (styles, long_enough) in zip(
            site.posts, _site_votes(site, min_headings), strict=True
        ):
            found = set(styles)
            if post.data.get("toc") is True:
                found.add("front-matter")
            votes.update(found)
            if found or long_enough:
                voters += 1
        style = None
        if votes:
            name, count = votes.most_common(1)[0]
            if count >= 2 and count * 2 >= voters:
                style = name
    memo[key] = style
    return style
