"""Where each link of a post goes on the built site: the one URL resolver every link rule shares.

A link is resolved the way the page's reader meets it: Jekyll first expands the Liquid in it
(`{% post_url %}`, `{% link %}`, `{{ site.baseurl }}`, `relative_url`), then the browser
resolves what is left against the page's own URL (`../assets/x.png` from `/posts/a.html` is
`/assets/x.png`), and finally the server looks the percent-decoded path up. Internal links
are checked against the site model, never over HTTP.

Every link gets exactly one `LinkClass`, so each problem is reported by exactly one rule:
a scheme-less `goo.gl/x` is reported as scheme-less, not also as a broken internal link.
Resolutions are computed once per post per run and shared through the run's memo.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote, urlsplit

from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.document import Document, Link
    from bloglint.engine import CheckContext
    from bloglint.site import Post, Site, SourceFile

LinkClass = Literal[
    "internal",  # a path on this site (with or without '#fragment')
    "fragment",  # '#fragment' on the same page
    "external",  # another host, or a scheme nobody can check offline (mailto:, data:, ...)
    "liquid",  # Liquid we do not evaluate: not checked
    "empty",  # [text]() or <a href="">
    "scheme_less",  # goo.gl/x, www.site.com: a browser reads them as paths on this site
    "stray",  # a character captured into the URL by mistake: `...html]`, `(https://...`
    "numeric",  # [text](1) where [text][1] was meant
    "local_file",  # file:///C:/... points into the author's own disk
    "attachment",  # attachment:image.png left by a notebook export
    "broken_tag",  # {post_url x} / {{ post_url x }}: Liquid never sees a tag
    "missing_tag_target",  # {% post_url %} / {% link %} naming nothing: Jekyll aborts the build
    "doubled_baseurl",  # {{ site.baseurl }}{% post_url %} under Jekyll 4
]


@dataclass(frozen=True, slots=True)
class Resolved:
    """What one link turned out to be."""

    cls: LinkClass
    url: str  # the URL after Liquid expansion ('' when it could not be expanded)
    path: str | None = None  # site path without baseurl, percent-decoded (internal/fragment)
    fragment: str | None = None  # percent-decoded fragment, None when there is no '#'
    raw_fragment: str | None = None  # the fragment as written
    exists: bool = False  # whether `path` is on the built site
    detail: str = ""  # class-specific: the stray character, the tag argument, ...


_MEMO_KEY = "links.index"
# Resolved.detail of a root-relative link that leaves out the baseurl.
OUTSIDE_BASEURL = "outside-baseurl"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# `{post_url x}` or `{{ post_url x }}`: a tag written without `{%`, so Liquid prints it or nothing.
BROKEN_TAG = re.compile(r"\{(?!%)\{?-?\s*(post_url|link)\s+[^}]*\}")
_TAG = re.compile(r"\{%-?\s*(post_url|link)\s+(.*?)\s*-?%\}")
_BASEURL_VAR = re.compile(r"\{\{-?\s*site\.baseurl\s*-?\}\}")
_URL_VAR = re.compile(r"\{\{-?\s*site\.url\s*-?\}\}")
_URL_FILTER = re.compile(
    r"""\{\{-?\s*(?:"([^"]*)"|'([^']*)')\s*\|\s*(relative_url|absolute_url)\s*-?\}\}"""
)
_DOUBLED_BASEURL = re.compile(
    r"(\{\{-?\s*site\.baseurl\s*-?\}\}|\{\{-?\s*(?:\"\"|'')\s*\|\s*relative_url\s*-?\}\})/?"
    r"\{%-?\s*(post_url|link)\s"
)
# A host typed without its scheme: `www.` anything, a dotted name ending in .com/.org/...,
# or one ending in a rarer top-level domain and followed by a path. File names such as
# `notes.md` or `logo.ai` do not match: they have no '/' after them.
_SCHEME_LESS = re.compile(
    r"^(?:www\d?\.[^/\s]+|(?:[A-Za-z0-9-]+\.)+(?:(?:com|org|net|io|gl|ly|cn|edu|gov)(?::\d+)?"
    r"(?=[/?#]|$)|(?:ai|co|me|info|dev|app|us|uk|de|jp|fr|ru|in|tv|cc|so|to|be|xyz|site|tech|top)"
    r"(?::\d+)?(?=[/?#])))",
    re.IGNORECASE,
)
_TRAILING_STRAY = "])>\"'，。；：！？）】》」、"
_LEADING_STRAY = "([<\"'"
_PAIRS = {")": "(", "]": "[", ">": "<", "）": "（", "】": "【", "》": "《", "」": "「"}


def _normal_baseurl(value: Any) -> str:
    text = str(value or "").strip()
    if not text or text == "/":
        return ""
    return "/" + text.strip("/")


class LinkIndex:
    """Per-run lookups over the site: its hosts, baseurl, URL -> post, ids per target."""

    def __init__(self, site: Site) -> None:
        self.site = site
        config = site.config or {}
        self.baseurl = _normal_baseurl(config.get("baseurl"))
        url = str(config.get("url") or "")
        self.hosts = {urlsplit(url).netloc.lower()} - {""} if url else set()
        self.by_url: dict[str, Post] = {}
        for post in [*site.posts, *site.documents]:
            self.by_url.setdefault(post.url, post)
        self.jekyll3 = _builds_with_jekyll3(site.root)
        self._ids: dict[str, frozenset[str]] = {}
        self._page_id_cache: dict[str, frozenset[str] | None] = {}
        self._layout_ids: dict[str, frozenset[str]] = {}
        self._exists: dict[str, bool] = {}
        self._lowered: dict[str, str] | None = None

    # --- existence -----------------------------------------------------------------------

    def exists(self, path: str) -> bool:
        known = self._exists.get(path)
        if known is None:
            known = self._exists[path] = bool(self.site.url_exists(path))
        return known

    def target_ids(self, path: str) -> frozenset[str] | None:
        """The ids on the page served at `path`, or None when they cannot be known (a static
        file, or an HTML page whose ids come from Liquid)."""
        from bloglint.site import Post

        item = self.site.resolve(path)
        if isinstance(item, Post):
            return self.ids(item)
        if item is None or isinstance(item, str):
            return None
        if item.relpath not in self._page_id_cache:
            self._page_id_cache[item.relpath] = self._page_ids(item)
        return self._page_id_cache[item.relpath]

    def _page_ids(self, page: SourceFile) -> frozenset[str] | None:
        from bloglint.jekyll_config import markdown_extensions

        extension = posixpath.splitext(page.relpath)[1].lower()
        layout = self.layout_ids(page.front_matter.get("layout"))
        if extension in markdown_extensions(self.site.config):
            from bloglint.document import parse_document

            return parse_document(page.body, page.body_line).ids() | layout
        if "{{" in page.body or "{%" in page.body:
            return None  # ids made by Liquid are known only after the build
        return frozenset(_html_ids(page.body)) | layout

    def url_in_other_case(self, path: str) -> str | None:
        """A post URL or static file equal to `path` but for letter case (GitHub Pages cares)."""
        if self._lowered is None:
            self._lowered = {url.lower(): url for url in self.by_url}
            for relpath in self.site.static_files:
                self._lowered.setdefault("/" + relpath.lower(), "/" + relpath)
        return self._lowered.get(path.lower())

    # --- Liquid tags ----------------------------------------------------------------------

    def post_url(self, name: str) -> str | None:
        """`{% post_url name %}`: the URL of the post Jekyll 4.3 matches, else None."""
        post = self.site.post_by_name(name)
        return post.url if post is not None else None

    def link_tag_url(self, relpath: str) -> str | None:
        """`{% link path %}`: the URL of the page, document or static file at `path`."""
        item = self.site.page_by_path(relpath.strip().strip("\"'"))
        return self.site.url_of(item) if item is not None else None

    # --- fragments ------------------------------------------------------------------------

    def ids(self, post: Post) -> frozenset[str]:
        """Every id a fragment can name on the post's page: its headings, anchors, its layout's."""
        known = self._ids.get(post.relpath)
        if known is None:
            layout = post.data.get("layout") if isinstance(post.data, dict) else None
            known = post.document.ids() | self.layout_ids(layout)
            self._ids[post.relpath] = known
        return known

    def layout_ids(self, layout: Any) -> frozenset[str]:
        """Static `id`/`name` attributes of a layout, its parent layouts and their includes."""
        if not isinstance(layout, str) or not layout or layout in ("none", "null"):
            return frozenset()
        known = self._layout_ids.get(layout)
        if known is None:
            self._layout_ids[layout] = frozenset()  # guards against layout cycles
            known = self._read_layout_ids(layout)
            self._layout_ids[layout] = known
        return known

    def _read_layout_ids(self, layout: str) -> frozenset[str]:
        from bloglint.source import read_source

        folder = self.site.root / str(self.site.config.get("layouts_dir") or "_layouts")
        files = sorted(folder.glob(f"{_glob_escape(layout)}.*")) if folder.is_dir() else []
        if not files:
            return frozenset()
        # Split as Jekyll splits any file: the front matter names the parent layout.
        layout_file = read_source(files[0], files[0].name)
        ids = set(_html_ids(layout_file.body))
        ids.update(self._include_ids(layout_file.body, set()))
        parent = layout_file.front_matter.get("layout")
        if isinstance(parent, str):
            ids |= self.layout_ids(parent)
        return frozenset(ids)

    def _include_ids(self, text: str, seen: set[str]) -> Iterator[str]:
        for name in re.findall(r"\{%-?\s*include\s+([\w./-]+)", text):
            if name in seen:
                continue
            seen.add(name)
            path = self.site.root / "_includes" / name
            if path.is_file():
                included = _read(path)
                yield from _html_ids(included)
                yield from self._include_ids(included, seen)


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


_HTML_ID = re.compile(r"""<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"{}]*)"|'([^'{}]*)')""")


def _html_ids(text: str) -> Iterator[str]:
    for match in _HTML_ID.finditer(text):
        value = match.group(1) if match.group(1) is not None else match.group(2)
        if value:
            yield value


def _builds_with_jekyll3(root: Path) -> bool:
    """GitHub Pages' gem pins Jekyll 3.9, where `post_url`/`link` do not add the baseurl."""
    for name in ("Gemfile.lock", "Gemfile"):
        text = _read(root / name)
        if "github-pages" in text or re.search(r"^\s*jekyll \(3\.", text, re.MULTILINE):
            return True
    return False


def link_index(site: Site, memo: dict[str, Any]) -> LinkIndex:
    index = memo.get(_MEMO_KEY)
    if index is None or index.site is not site:
        index = memo[_MEMO_KEY] = LinkIndex(site)
    return index


# --- resolving one link -----------------------------------------------------------------------


def resolved_links(ctx: CheckContext) -> list[tuple[Link, Resolved]]:
    """The checked post's links with what they resolve to; computed once per post per run.

    Reference definitions are left out (a reference link carries its definition's URL and
    position; several references to one definition count once), except an unused one whose
    URL starts with a stray `(`: `[text]:(url)` was meant as a link, and its line vanishes.
    """
    cache: dict[str, list[tuple[Link, Resolved]]] = ctx.memo.setdefault("links.resolved", {})
    relpath = ctx.post.relpath
    found = cache.get(relpath)
    if found is None:
        index = link_index(ctx.site, ctx.memo)
        links = ctx.post.document.links
        used = {(link.url_line, link.url_column) for link in links if link.kind == "reference"}
        seen: set[tuple[int, int]] = set()
        found = []
        for link in links:
            if link.kind in ("reference", "definition"):
                at = (link.url_line, link.url_column)
                if at in seen or (link.kind == "definition" and at in used):
                    continue
                seen.add(at)
            where = resolve(link, ctx.post, index)
            if link.kind == "definition" and where.cls != "stray":
                continue  # an unused definition is invisible; only `[x]:(url)` is a mistake
            found.append((link, where))
        cache[relpath] = found
    return found


def resolve(link: Link, post: Post, index: LinkIndex) -> Resolved:
    """Classify one link of `post` and, for internal ones, find where it lands."""
    url = link.url.strip()
    if link.kind in ("post_url", "link_tag"):
        # The tag itself: its target must exist. Where it leads is checked on the link
        # that contains it, if any.
        if "{{" in url or "{%" in url:
            return Resolved("liquid", "")  # `{% link {{ page.x }} %}`: known only at build time
        tag = "post_url" if link.kind == "post_url" else "link"
        target = index.post_url(url) if tag == "post_url" else index.link_tag_url(url)
        if target is None:
            return Resolved("missing_tag_target", url, detail=f"{tag} {url}")
        return Resolved("liquid", target)
    if link.kind == "definition" and url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    if "{" in url:
        expanded = _expand_liquid(url, index)
        if isinstance(expanded, Resolved):
            return expanded
        url = expanded
    return _classify(url, post, index)


def _expand_liquid(url: str, index: LinkIndex) -> str | Resolved:
    broken = BROKEN_TAG.search(url)
    if broken:
        return Resolved("broken_tag", url, detail=broken.group(0))
    doubled = _DOUBLED_BASEURL.search(url)
    if doubled and index.baseurl and not index.jekyll3:
        return Resolved("doubled_baseurl", url, detail=doubled.group(0))

    def tag(match: re.Match[str]) -> str:
        name, argument = match.group(1), match.group(2).strip()
        target = index.post_url(argument) if name == "post_url" else index.link_tag_url(argument)
        if target is None:
            raise _MissingTarget(argument)
        return ("" if index.jekyll3 else index.baseurl) + target

    try:
        url = _TAG.sub(tag, url)
    except _MissingTarget:
        return Resolved("liquid", "")  # reported on the tag itself
    url = _BASEURL_VAR.sub(lambda _m: index.baseurl, url)
    site_url = str(index.site.config.get("url") or "").rstrip("/")
    url = _URL_VAR.sub(lambda _m: site_url, url)

    def filtered(match: re.Match[str]) -> str:
        value = match.group(1) if match.group(1) is not None else match.group(2)
        relative = index.baseurl + "/" + value.lstrip("/") if value else index.baseurl or "/"
        return (site_url if match.group(3) == "absolute_url" else "") + relative

    url = _URL_FILTER.sub(filtered, url)
    if "{{" in url or "{%" in url:
        return Resolved("liquid", "")
    return url


class _MissingTarget(Exception):
    """A Liquid tag inside a URL names nothing (reported on the tag's own link)."""


def _classify(url: str, post: Post, index: LinkIndex) -> Resolved:
    if url in ("", "<>"):
        return Resolved("empty", url)
    if url.startswith("#"):
        raw = url[1:]
        return Resolved("fragment", url, post.url, unquote(raw), raw, exists=True)
    stray = stray_character(url)
    if stray:
        return Resolved("stray", url, detail=stray)
    scheme = _SCHEME.match(url)
    if scheme and len(scheme.group(1)) > 1:  # one letter is a Windows drive, not a scheme
        name = scheme.group(1).lower()
        if name == "attachment":
            return Resolved("attachment", url)
        if name == "file":
            return Resolved("local_file", url)
        if name in ("http", "https"):
            return _absolute(url, post, index)
        return Resolved("external", url)
    if scheme:
        return Resolved("local_file", url)
    if url.startswith("//"):
        return _absolute("http:" + url, post, index)
    if url.isdigit():
        return Resolved("numeric", url)
    resolved = _internal(url, post, index)
    if not resolved.exists and _SCHEME_LESS.match(url):
        return Resolved("scheme_less", url, resolved.path)
    return resolved


def _absolute(url: str, post: Post, index: LinkIndex) -> Resolved:
    host = url.split("//", 1)[-1].split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]
    if host.lower() not in index.hosts:
        return Resolved("external", url)  # the common case, without parsing the URL
    parts = urlsplit(url)
    rest = parts.path or "/"
    if parts.query:
        rest += "?" + parts.query
    if "#" in url:
        rest += "#" + url.split("#", 1)[1]
    resolved = _internal(rest, post, index)
    return Resolved(
        "internal",
        url,
        resolved.path,
        resolved.fragment,
        resolved.raw_fragment,
        resolved.exists,
        resolved.detail,
    )


def _internal(url: str, post: Post, index: LinkIndex) -> Resolved:
    """A root-relative or relative URL resolved against the post's URL, as a browser does."""
    raw_fragment: str | None = None
    if "#" in url:
        url, raw_fragment = url.split("#", 1)
    url = url.split("?", 1)[0]
    page = index.baseurl + post.url
    if not url:
        joined = page
    elif url.startswith("/"):
        joined = url
    else:
        joined = page.rsplit("/", 1)[0] + "/" + url
    path = _normalise(joined)
    fragment = unquote(raw_fragment) if raw_fragment is not None else None
    if index.baseurl:
        if path != index.baseurl and not path.startswith(index.baseurl + "/"):
            outside = unquote(path)
            return Resolved(
                "internal", url, outside, fragment, raw_fragment, False, OUTSIDE_BASEURL
            )
        path = path[len(index.baseurl) :] or "/"
    decoded = unquote(path)
    return Resolved("internal", url, decoded, fragment, raw_fragment, index.exists(decoded))


def _normalise(path: str) -> str:
    """Remove `.` and `..` segments the way a browser does (`..` above the root stays at it)."""
    trailing = path.endswith("/") or path.endswith("/.") or path.endswith("/..")
    parts: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
            continue
        parts.append(segment)
    joined = "/" + "/".join(parts)
    return joined + "/" if trailing and joined != "/" else joined


def stray_character(url: str) -> str:
    """A bracket, quote or full-width mark at the edge of a URL that cannot belong to it."""
    if url[0] in _LEADING_STRAY:
        closing = {"(": ")", "[": "]", "<": ">"}.get(url[0])
        if closing is None or url.count(closing) < url.count(url[0]) or url.endswith(closing):
            return url[0]
    last = url[-1]
    if last in _TRAILING_STRAY:
        opening = _PAIRS.get(last)
        if opening is None or url.count(opening) < url.count(last):
            return last
    return ""


def suggest_fragment(fragment: str, ids: frozenset[str]) -> str | None:
    """The id a mistyped fragment most likely meant: same letters in another case, or the id
    kramdown would build from the fragment's text, or a close spelling."""
    if not ids:
        return None
    lowered = fragment.lower()
    for candidate in sorted(ids):
        if candidate.lower() == lowered:
            return candidate
    from bloglint.heading_ids import gfm_id

    slug = gfm_id(fragment)
    if slug in ids:
        return slug
    stripped = slug.strip("-")
    for candidate in sorted(ids):
        if candidate.strip("-") == stripped and stripped:
            return candidate
    import difflib

    close = difflib.get_close_matches(lowered, sorted(ids), n=1, cutoff=0.8)
    return close[0] if close else None


def fragment_hint(fragment: str) -> str:
    """Why a fragment fails that is not about spelling: invisible characters in it."""
    import unicodedata

    invisible = [c for c in fragment if unicodedata.category(c) in ("Cc", "Cf")]
    if invisible:
        return f"; it contains the invisible character U+{ord(invisible[0]):04X}, delete it"
    return ""


def hit_at(link: Link, message: str) -> Hit:
    """A finding at the link's URL (where the fix goes)."""
    return Hit(link.url_line, link.url_column, message)


def shown(url: str, limit: int = 80) -> str:
    """A URL short enough for a message, in backticks."""
    text = url if len(url) <= limit else url[: limit - 1] + "…"
    return f"`{text}`"


def hidden_from_markdown(document: Document, line: int, column: int) -> bool:
    """Whether a file position is in code, an HTML comment or `{% raw %}`: text there is
    never a link, so rules scanning raw text skip it."""
    if document.in_code(line, column):
        return True
    for span in (*document.comments, *document.raw_regions):
        if (span.line, span.column) <= (line, column) < (span.end_line, span.end_column):
            return True
    return False
