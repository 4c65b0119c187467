"""Regenerate a TOC between its markers, in the list style it already has.

Only the text strictly between an opening and a closing marker is ever replaced. The list is
rebuilt from the headings (kramdown-GFM ids), keeping what the author chose: bullet, indent
width, ordered numbering, links or plain text, the depth range, lines around the list (doctoc's
title), and for headings the TOC already reached, the entry's own text and fragment spelling.
Running it on its own output changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from bloglint.toc.analysis import (
    HeadingIndex,
    Matching,
    TocHeading,
    TocSettings,
    heading_index,
    match_block,
    scan_post,
    toc_settings,
)
from bloglint.toc.scan import TocBlock, TocEntry, parse_entry

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bloglint.site import Post, Site

# What each generator writes when it starts a list: (bullet, spaces per level).
_STYLE_DEFAULTS = {
    "vscode": ("-", 4),
    "markdown-toc": ("-", 2),
    "doctoc": ("-", 2),
    "vim-markdown-toc": ("*", 4),
    "mdformat-toc": ("-", 2),
}


# Source problems after which `post.source.text` is not a faithful copy of the file.
_UNFAITHFUL = frozenset({"encoding", "binary", "unreadable"})


@dataclass(frozen=True, slots=True)
class ListFormat:
    bullet: str  # "-", "*", "+", or the delimiter after the number ("." or ")") when ordered
    ordered: bool
    sequential: bool  # ordered lists: 1. 2. 3. (True) or 1. 1. 1. (False)
    indent: int  # spaces per nesting level
    links: bool


def _numbered_all_ones(entries: tuple[TocEntry, ...]) -> bool:
    """Whether siblings are all numbered `1.` (a Markdown habit) rather than 1. 2. 3."""
    previous: dict[int, str] = {}  # indent -> number of the last item at that indent
    for entry in entries:
        for indent in [i for i in previous if i > entry.indent]:
            del previous[indent]  # a shallower item closes the deeper lists
        number = entry.bullet[:-1]
        if previous.get(entry.indent) == "1" and number == "1":
            return True
        previous[entry.indent] = number
    return False


def list_format(block: TocBlock, settings: TocSettings) -> ListFormat:
    """The list style of a TOC, read from its entries; defaults when it has none."""
    bullet, indent = _STYLE_DEFAULTS.get(block.style, ("-", 2))
    if settings.bullet:
        bullet = settings.bullet
    if settings.indent:
        indent = settings.indent
    entries = block.entries
    if entries:
        bullet = entries[0].bullet
        levels = sorted({e.indent for e in entries})
        steps = [b - a for a, b in zip(levels, levels[1:], strict=False) if b > a]
        if steps:
            indent = min(steps)
    ordered = bullet[0].isdigit()
    sequential = ordered and not _numbered_all_ones(entries)
    links = not entries or any(e.target is not None for e in entries)
    return ListFormat(bullet[-1] if ordered else bullet, ordered, sequential, indent, links)


def _fragment(heading: TocHeading) -> str:
    """The heading id as a link fragment: as is (raw CJK reads best), escaping only what would
    end or break a Markdown link destination (an explicit `{#id}` may hold such characters)."""
    return "".join(
        quote(char) if char in " ()<>[]\\" or ord(char) < 32 else char for char in heading.id or ""
    )


def render_list(
    listed: list[TocHeading], matching: Matching, block: TocBlock, fmt: ListFormat
) -> list[str]:
    """The TOC lines for `listed`, nested by heading level (never more than one level deeper)."""
    entry_for = {index: block.entries[pos] for pos, index in matching.heading_of.items()}
    exact_for = {matching.heading_of[pos] for pos in matching.exact}
    if not listed:
        return []
    base = min(h.level for h in listed)
    lines = []
    depth = -1
    counters: list[int] = []
    for heading in listed:
        depth = min(heading.level - base, depth + 1)
        del counters[depth + 1 :]
        while len(counters) <= depth:
            counters.append(0)
        counters[depth] += 1
        old = entry_for.get(heading.index)
        text = old.text if old is not None else heading.text
        if old is not None and old.target is not None and heading.index in exact_for:
            target = old.target
        else:
            target = "#" + _fragment(heading)
        marker = (
            f"{counters[depth] if fmt.sequential else 1}{fmt.bullet}" if fmt.ordered else fmt.bullet
        )
        item = f"[{text}]({target})" if fmt.links else text
        lines.append(" " * (fmt.indent * depth) + f"{marker} {item}")
    return lines


def regenerate(block: TocBlock, index: HeadingIndex, settings: TocSettings, newline: str) -> str:
    """The new text between the block's markers; the same text unless the rules find fault.

    A TOC is rewritten when it is stale (stale-toc), empty while it has headings to list
    (empty-toc), or holds list text on a marker's line (glued-toc-marker); a TOC they accept is
    left exactly as it is, so `--fix` never changes what `check` passes.
    """
    matching = match_block(block, index)
    segments = [s.rstrip("\r") for s in block.inner.split("\n")]
    # segments[0] shares the opening marker's line, segments[-1] the closing marker's line:
    # text there is TOC content glued to a marker (VS Code's `autoauto` bug), so it goes.
    glued = bool(segments[0].strip() or segments[-1].strip())
    if not (matching.issues or glued or (block.empty and matching.listed)):
        return block.inner
    new_list = render_list(matching.listed, matching, block, list_format(block, settings))
    middle = segments[1:-1]
    positions = [i for i, line in enumerate(middle) if parse_entry(line, 0) is not None]
    if positions:  # keep the lines around the list exactly (blank or not, doctoc's title)
        prefix, suffix = middle[: positions[0]], middle[positions[-1] + 1 :]
    else:  # a new list gets a blank line on each side, as every generator writes it
        prefix, suffix = [line for line in middle if line.strip()] + [""], [""]
    if new_list:
        new_middle = prefix + new_list + suffix
    else:  # every heading is gone: leave the markers (and any title) with one blank line
        new_middle = [line for line in prefix + suffix if line.strip()] + [""]
    return newline + newline.join(new_middle) + newline


def fixed_text(
    post: Post, site: Site | None = None, options: Mapping[str, Any] | None = None
) -> str | None:
    """The post's full new text with every marked TOC regenerated, or None when all are current.

    `options` is the site's `bloglint: toc:` mapping (None for defaults; a bad value raises
    ConfigError); it only sets the bullet and indent of TOCs that have no entries yet. `site` is
    accepted for symmetry with the checks; heading ids come from `post.document`. Only TOCs the
    TOC rules report are rewritten, text outside the markers is untouched, CRLF stays CRLF, and
    applying the result again returns None.
    """
    settings = toc_settings(options)
    if any(problem.kind in _UNFAITHFUL for problem in post.source.problems):
        return None  # the text is not what is on disk: writing it back would lose bytes
    scan = scan_post(post)
    if not scan.blocks:
        return None
    text = post.source.text
    file_newline = "\r\n" if "\r\n" in text else "\n"
    index = heading_index(post.document, text)
    pieces = []
    last = 0
    changed = False
    for block in scan.blocks:
        newline = "\r\n" if "\r\n" in block.inner else "\n" if "\n" in block.inner else file_newline
        new_inner = regenerate(block, index, settings, newline)
        if new_inner != block.inner:
            changed = True
        pieces.append(text[last : block.opening.end])
        pieces.append(new_inner)
        last = block.closing.start
    if not changed:
        return None
    pieces.append(text[last:])
    return "".join(pieces)
