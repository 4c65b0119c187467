"""BL011 missing-title: a post whose front matter has no usable `title`.

Jekyll then invents a title from the file name (`2024-02-03-untitled.md` becomes "Untitled"),
and feeds, archives and browser tabs show that instead of what the post is about.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.front_matter import key_line
from bloglint.model import Hit


def check(ctx: CheckContext) -> Iterator[Hit]:
    source = ctx.post.source
    if not source.has_front_matter or not source.front_matter_valid:
        return  # missing-front-matter / invalid-front-matter report those files
    placeholders = {str(p).strip().casefold() for p in ctx.options.get("placeholders", [])}
    matter = source.front_matter
    if "title" not in matter:
        yield Hit(
            key_line(source, "title"),
            1,
            f"front matter has no `title`, so Jekyll shows `{ctx.post.title}` made from the "
            "file name; add a `title:` line",
        )
        return
    title = matter["title"]
    if isinstance(title, (list, dict)):
        message = "`title` is a list or mapping, not text; write the title as one line of text"
    elif title is None or str(title).strip() == "":
        message = "`title` is empty; write the post's title after `title:`"
    elif str(title).strip().casefold() in placeholders:
        message = (
            f"`title` is still the placeholder `{str(title).strip()}`; give the post its real title"
        )
    else:
        return
    yield Hit(key_line(source, "title"), 1, message)
