"""A Jekyll site as Jekyll 4.3 reads it: config, posts, pages, static files, URLs.

`load_site` follows Jekyll's own reader (`Reader#read_directories`, `PostReader`,
`EntryFilter`, `Document#read`, `Collection#read`, `FrontmatterDefaults`); the URL rules are
in `bloglint.permalink`, reading one file is `bloglint.source`, the configuration is
`bloglint.jekyll_config`. Behaviour was checked against Debian's jekyll 4.3.1; the verified
cases are recorded in tests/test_site.py and tests/test_permalink.py.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bloglint.jekyll_config import ConfigError, load_config
from bloglint.jekyll_time import parse_time
from bloglint.model import Problem
from bloglint.permalink import destination_path, unescape_path
from bloglint.source import SourceFile

if TYPE_CHECKING:
    from collections.abc import Callable

    from bloglint.document import Document
    from bloglint.index import SiteIndex

__all__ = [
    "ConfigError",
    "load_config",
    "Post",
    "Site",
    "SkippedFile",
    "SourceFile",
    "find_site_root",
    "load_site",
]

# Tags::PostComparer::MATCHER, for {% post_url %}.
_POST_URL_NAME = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


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
    fixed_excerpt: str | None = None  # front matter `excerpt`
    excerpt_separator: str | None = None  # cut the excerpt from the body at this, when needed
    output_ext: str = ".html"
    # How to parse the body: the incremental index's lookup when there is one.
    parse: Callable[[SourceFile], Document] | None = field(default=None, repr=False, compare=False)
    _document: Document | None = field(default=None, repr=False, compare=False)

    @property
    def relpath(self) -> str:
        return self.source.relpath

    @property
    def name(self) -> str:
        """The file name without extension, e.g. "2019-01-01-foo"."""
        return posixpath.splitext(posixpath.basename(self.source.relpath))[0]

    @property
    def excerpt(self) -> str | None:
        """The excerpt's Markdown source, None when Jekyll makes none (cut from the body lazily:
        most runs never need it, and the body of an indexed post is not read until asked)."""
        if self.fixed_excerpt is not None or not self.excerpt_separator:
            return self.fixed_excerpt
        from bloglint.site_reader import extract_excerpt

        return extract_excerpt(self.source.body, self.excerpt_separator)

    @property
    def is_parsed(self) -> bool:
        return self._document is not None

    def set_document(self, document: Document) -> None:
        """Hand over a parse made elsewhere (a worker process, the index)."""
        self._document = document

    @property
    def document(self) -> Document:
        """The body parsed with mistune, computed once on first use."""
        if self._document is None:
            if self.parse is not None:
                self._document = self.parse(self.source)
            else:
                from bloglint.document import parse_document

                self._document = parse_document(self.source.body, self.source.body_line)
        return self._document


@dataclass(frozen=True, slots=True)
class SkippedFile:
    relpath: str
    reason: str  # says why Jekyll does not publish it, in words a blogger understands


# What a URL or a path points at. A str is a static file's source relpath (`Site.url_of`
# gives its URL), or, for a file a plugin writes (jekyll-feed's "feed.xml"), its _site path.
SiteItem = Post | SourceFile | str


@dataclass(slots=True)
class Site:
    """The site as `jekyll build` would write it.

    Every URL here is what Jekyll's `url` gives: without `baseurl` and percent-encoded where
    Jekyll encodes (post.url). Lookups (`resolve`, `url_exists`) take percent-decoded paths
    without `baseurl`; strip `site.config["baseurl"]` from a link before asking.
    """

    root: Path
    config: dict[str, Any]  # effective Jekyll config (defaults applied)
    posts: list[Post]  # published posts in site.posts order
    documents: list[Post]  # documents of other collections with output: true
    pages: list[SourceFile]  # pages (files with front matter outside collections)
    static_files: list[str]  # relpaths of files copied as is
    skipped: list[SkippedFile]
    problems: list[Problem]
    timezone: tzinfo = timezone.utc
    page_urls: dict[str, str] = field(default_factory=dict)  # page relpath -> url
    page_files: dict[str, str] = field(default_factory=dict)  # page relpath -> "/file" written
    # static files of collections have a URL from the collection's template; others "/relpath"
    static_urls: dict[str, str] = field(default_factory=dict)
    generated: list[str] = field(default_factory=list)  # URLs plugins add (feed, sitemap, pager)
    index: SiteIndex | None = field(default=None, repr=False)  # where parses are cached, if any
    _by_url: dict[str, SiteItem] = field(default_factory=dict, repr=False)
    _by_file: dict[str, SiteItem] = field(default_factory=dict, repr=False)
    _by_relpath: dict[str, SiteItem] = field(default_factory=dict, repr=False)
    _indexed: bool = field(default=False, repr=False)

    def _index(self) -> None:
        """Build the URL and path lookups, once, on the first lookup."""
        if self._indexed:
            return
        self._indexed = True

        def add(url: str, destination: str, item: SiteItem) -> None:
            self._by_url.setdefault(unescape_path(url), item)
            self._by_file.setdefault(destination, item)

        for relpath in self.static_files:
            url = self.static_urls.get(relpath, "/" + relpath)
            add(url, unescape_path(url), relpath)
            self._by_relpath.setdefault(relpath, relpath)
        for page in self.pages:
            add(self.page_urls[page.relpath], self.page_files[page.relpath], page)
            self._by_relpath.setdefault(page.relpath, page)
        for post in [*self.posts, *self.documents]:
            add(post.url, destination_path(post.url, post.output_ext), post)
            self._by_relpath.setdefault(post.relpath, post)
        for url in self.generated:
            add(url, destination_path(url, ".html"), url.lstrip("/"))

    def resolve(self, path: str) -> SiteItem | None:
        """What a URL path (no baseurl, percent-decoded) shows on the built site, or None.

        Besides exact URLs and written files this accepts what GitHub Pages serves:
        `/dir` and `/dir/` for `dir/index.html`, and `/about` for `about.html`.
        """
        self._index()
        if not path.startswith("/"):
            path = "/" + path
        for candidate in (
            path,
            path + "index.html" if path.endswith("/") else path + "/index.html",
        ):
            item = self._by_url.get(candidate) or self._by_file.get(candidate)
            if item is not None:
                return item
        if not path.endswith("/"):
            return self._by_file.get(path + ".html")
        return None

    def url_exists(self, path: str) -> bool:
        """Whether a URL path (no scheme/host, no baseurl, percent-decoded) is on the built site."""
        return self.resolve(path) is not None

    def page_by_path(self, relpath: str) -> SiteItem | None:
        """The site file at a source path, as `{% link path %}` looks it up."""
        self._index()
        return self._by_relpath.get(relpath.lstrip("/")) if relpath else None

    def url_of(self, item: SiteItem) -> str:
        """The URL (without baseurl) of a post, page or static relpath."""
        if isinstance(item, Post):
            return item.url
        if isinstance(item, SourceFile):
            return self.page_urls[item.relpath]
        return self.static_urls.get(item, "/" + item)

    def post_by_name(self, name: str) -> Post | None:
        """The post `{% post_url name %}` points at ("2019-01-01-foo" or "dir/2019-01-01-foo")."""
        match = _POST_URL_NAME.match(name.strip().removeprefix("/"))
        if not match:
            return None
        folder, date_text, slug = match.group(1) or "", match.group(2), match.group(3)
        # PostComparer: `folder` goes into the regexp unescaped, the slug escaped; no end anchor.
        basename = f"{date_text}-{re.escape(slug)}\\.[^.]+"
        try:
            pattern = re.compile(f"^_posts/{folder}{basename}|^{folder}_posts/?{basename}")
        except re.error:
            return None
        in_jekyll_order = sorted(self.posts, key=lambda post: (post.date, post.relpath))
        for post in in_jekyll_order:
            if pattern.search(post.relpath):
                return post
        # The deprecated fallback: same slug and same calendar day.
        wanted = parse_time(date_text, self.timezone)
        if wanted is None:
            return None
        for post in in_jekyll_order:
            if post.slug == slug and post.date.date() == wanted.date():
                return post
        return None


def find_site_root(start: Path) -> Path | None:
    """The nearest directory (start or above) holding `_config.yml` or a `_posts` folder."""
    current = start.resolve()
    if current.is_file():
        current = current.parent
    for directory in (current, *current.parents):
        if (directory / "_config.yml").is_file() or (directory / "_config.yaml").is_file():
            return directory
        if (directory / "_posts").is_dir():
            return directory
    return None


def load_site(
    root: Path,
    *,
    drafts: bool = False,
    future: bool | None = None,
    now: datetime | None = None,
    local_timezone: tzinfo = timezone.utc,
    index: SiteIndex | None = None,
) -> Site:
    """Read the site at `root` like `jekyll build` does (raises ConfigError for a bad config).

    `now` is Jekyll's `site.time` (future posts are hidden, unusable dates fall back to it);
    `local_timezone` stands for the build machine's zone, used when `_config.yml` has no
    `timezone` (Jekyll then uses the machine's zone; UTC keeps results reproducible).
    With an `index`, unchanged files are taken from it instead of being read and parsed.
    """
    from bloglint.site_reader import SiteReader

    return SiteReader(
        root, drafts=drafts, future=future, now=now, local_timezone=local_timezone, index=index
    ).read()
