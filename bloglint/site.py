"""A Jekyll site as Jekyll 4.3 reads it: config, posts, pages, static files, URLs.

INTERFACE SKELETON: the classes below are the contract other modules code against.
`load_site` is implemented by the site-model work item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bloglint.document import Document
from bloglint.model import Problem


@dataclass(slots=True)
class SourceFile:
    """One file's text split the way Jekyll splits it."""

    path: Path  # absolute
    relpath: str  # relative to the site root, POSIX separators
    text: str  # decoded text as Jekyll sees it (BOM removed; CRLF kept as is)
    has_front_matter: bool
    front_matter: dict[str, Any]  # {} when absent or invalid
    front_matter_lines: tuple[int, int] | None  # (first, last) file lines of the YAML, inclusive
    body: str  # the content Jekyll renders (blank lines after front matter swallowed)
    body_line: int  # file line where `body` starts
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Post:
    """A document of a collection (`posts` or another one with documents)."""

    source: SourceFile
    collection: str  # "posts" for posts
    url: str  # e.g. "/posts/hello.html" (without baseurl, like Jekyll's post.url)
    id: str  # Jekyll's post.id
    date: datetime  # timezone-aware, in the site's timezone
    slug: str
    title: str  # front matter title, else Jekyll's fallback
    categories: list[str]
    tags: list[str]
    draft: bool
    data: dict[str, Any]  # front matter merged with `defaults`

    @property
    def relpath(self) -> str:
        return self.source.relpath

    @property
    def document(self) -> Document:
        """The body parsed with mistune, computed once on first use."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class SkippedFile:
    relpath: str
    reason: str  # says why Jekyll does not publish it, in words a blogger understands


@dataclass(slots=True)
class Site:
    root: Path
    config: dict[str, Any]  # effective Jekyll config (defaults applied)
    posts: list[Post]  # published posts in site.posts order
    documents: list[Post]  # documents of other collections with output: true
    pages: list[SourceFile]  # pages (files with front matter outside collections)
    static_files: list[str]  # relpaths of files copied as is
    skipped: list[SkippedFile]
    problems: list[Problem]

    def url_exists(self, path: str) -> bool:
        """Whether a URL path (no scheme/host, no baseurl, percent-decoded) is on the built site."""
        raise NotImplementedError


def load_site(root: Path, *, drafts: bool = False, future: bool | None = None) -> Site:
    raise NotImplementedError
