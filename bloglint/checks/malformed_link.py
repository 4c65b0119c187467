"""BL004 malformed-link: a link whose target was mistyped so that it cannot work.

Empty targets, a bracket or full-width mark captured into the URL, `[text](1)` where the
reference form `[text][1]` was meant, a `{post_url ...}` that lost its `%`, and `file:` links
into the author's own disk.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.links import BROKEN_TAG, hidden_from_markdown, hit_at, resolved_links, shown
from bloglint.model import Hit


def check(ctx: CheckContext) -> Iterator[Hit]:
    reported: set[tuple[int, int]] = set()
    for link, where in resolved_links(ctx):
        if link.kind == "definition":
            # Only unused definitions get here; `[text]:(url)` was meant as a link.
            if where.cls == "stray" and where.detail == "(":
                yield hit_at(
                    link,
                    f"`[{link.label}]:{link.url}` is read as a link definition that nothing uses, "
                    f"so the line vanishes from the page; write `[{link.label}]{link.url}`",
                )
            continue
        message = _message(link.url, link.text, where.cls, where.detail)
        if message:
            reported.add((link.url_line, link.url_column))
            yield hit_at(link, message)
    yield from _broken_tags_in_text(ctx, reported)


def _broken_tags_in_text(ctx: CheckContext, reported: set[tuple[int, int]]) -> Iterator[Hit]:
    """`{post_url x}` anywhere in the text: kramdown accepts a space inside a link target
    (`[t]({post_url x})` is a link to `{post_url x}`) where the Markdown parser does not."""
    body = ctx.post.source.body
    if "post_url" not in body and "link" not in body:
        return
    document = ctx.post.document
    for offset, line in enumerate(body.split("\n")):
        number = document.first_line + offset
        for match in BROKEN_TAG.finditer(line):
            column = match.start() + 1
            if (number, column) in reported:
                continue  # already reported as a link target
            if not hidden_from_markdown(document, number, column):
                yield Hit(number, column, _message("", "", "broken_tag", match.group(0)) or "")


def _message(url: str, text: str, cls: str, detail: str) -> str | None:
    if cls == "empty":
        return "link target is empty; add the URL or remove the link"
    if cls == "stray":
        where = "starts" if url.startswith(detail) else "ends"
        return (
            f"{shown(url)} {where} with a stray `{detail}` that became part of the URL; remove it"
        )
    if cls == "numeric":
        return (
            f"`({url})` links to the relative path `{url}`; "
            f"to use the reference definition write `[{text}][{url}]`"
        )
    if cls == "broken_tag":
        return f"{shown(detail)} is not a Liquid tag, so it stays in the URL; write it as `{{% ... %}}`"
    if cls == "local_file":
        return f"{shown(url)} points into a file on your own computer; link to a copy published with the site"
    return None
