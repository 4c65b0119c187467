"""Helpers the front-matter and file rules share: where a key is, which rule owns a problem.

Reading problems (`Problem.kind`, set by bloglint/source.py and bloglint/site_reader.py) are
mapped to rules here, in one table, so every problem becomes exactly one finding. Kinds not
listed (config, timezone, permalink, feed problems) belong to other rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.model import Hit, Problem

if TYPE_CHECKING:
    from bloglint.site import Site, SourceFile

# Problem.kind -> the rule reporting it.
PROBLEM_RULES: dict[str, str] = {
    "yaml": "BL013",
    "front-matter": "BL013",
    "date": "BL014",
    "encoding": "BL019",
    "bom": "BL019",
    "binary": "BL019",
    "empty": "BL019",
    "large": "BL019",
    "unreadable": "BL019",
    "symlink-loop": "BL019",
}

# What to do, for problems whose message (written where the problem is detected) only says
# what is wrong.
_ADVICE: dict[str, str] = {
    "yaml": "fix the YAML (quote values that contain `: ` or start with `[`, `{`, `*`, `&`)",
    "front-matter": "write one `key: value` per line",
    "date": "write it as `YYYY-MM-DD HH:MM:SS +0800`",
    "bom": "save the file as UTF-8 without BOM",
    "binary": "remove the NUL bytes, or move the file out of the site if it is not text",
    "empty": "write the post or delete the file",
    "large": "keep large files under `assets/`, not among the posts",
    "unreadable": "check the file's permissions",
    "symlink-loop": "remove the link",
}


def key_line(source: SourceFile, key: str) -> int:
    """The file line of a top-level front-matter key, else the line that opens the front matter."""
    if source.front_matter_lines is None:
        return 1
    first, last = source.front_matter_lines
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(source.text.split("\n")[first - 1 : last], start=first):
        if pattern.match(line):
            return number
    return 1


def problems_for(site: Site, rule_id: str) -> Iterator[tuple[str, Hit]]:
    """The site's reading problems that belong to `rule_id`, once each, as (relpath, Hit)."""
    seen: set[Problem] = set()
    posts = (*site.posts, *site.documents, *getattr(site, "unpublished", ()))
    sources = [post.source for post in posts] + list(site.pages)
    problems = [p for source in sources for p in source.problems] + list(site.problems)
    for problem in problems:
        if problem in seen:
            continue
        seen.add(problem)
        if PROBLEM_RULES.get(problem.kind) == rule_id:
            yield problem.path, Hit(problem.line, problem.column, _with_advice(problem))


def _with_advice(problem: Problem) -> str:
    advice = _ADVICE.get(problem.kind)
    if problem.kind == "date" and "file name" in problem.message:
        advice = "rename the file with a real date"
    if advice is None or advice in problem.message:
        return problem.message
    return f"{problem.message}; {advice}"
