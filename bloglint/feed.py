"""Regenerate a site's feed exactly as Jekyll publishes it, and say why it would be broken.

Two cases (facts §1.2, §5): a site with its own feed template (`atom.xml`, `feed.xml`, ...: a page
with front matter that loops over `site.posts`) gets that template rendered byte for byte as
Jekyll renders it, flaws included; a site without one gets the feed jekyll-feed 0.17 would
write, made valid (single escaping, no characters XML forbids, absolute ids). Either way the
text is checked: not well-formed XML or not valid Atom becomes a `Problem` naming the template
line and the post responsible, with the fix.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from bloglint.cachedir import DEFAULT_CACHE_DIR as CACHE_DIR
from bloglint.cachedir import configured as configured_cache_dir
from bloglint.model import Problem

if TYPE_CHECKING:
    from bloglint.liquid import JekyllLiquid, LiquidRenderError, PageDrop
    from bloglint.render.batch import Conversions, RenderCache
    from bloglint.site import Post, Site, SourceFile

FEED_EXTENSIONS = (".xml", ".atom", ".rss")
PREFERRED_NAMES = ("atom.xml", "feed.xml", "rss.xml", "index.xml", "feed.atom", "feed.rss")
ATOM_NS = "http://www.w3.org/2005/Atom"

# Characters XML 1.0 forbids (everything below U+0020 except tab, LF and CR; surrogates;
# U+FFFE/U+FFFF). They make a feed not well-formed; jekyll-feed passes them through.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


_ENTRY_ID = re.compile(r"<(id|guid)[^>]*>([^<]*)</\1>|<link>([^<]*)</link>")


@dataclass
class FeedResult:
    """One generated feed file."""

    path: str  # site-relative output path, e.g. "atom.xml"
    text: str  # the exact file contents
    template: str | None  # the template's relpath, None for the jekyll-feed style feed
    problems: list[Problem] = field(default_factory=list)
    posts: int = 0  # entries written
    _encoded: tuple[str, bytes] | None = field(default=None, repr=False, compare=False)

    def data(self) -> bytes:
        """`text` as UTF-8, encoded once for every file it is written to (5 MB for daiwk)."""
        if self._encoded is None or self._encoded[0] is not self.text:
            self._encoded = (self.text, self.text.encode("utf-8"))
        return self._encoded[1]

    @property
    def fatal(self) -> bool:
        """Jekyll would stop the build (a post or the template cannot be rendered)."""
        return not self.text or any(p.kind == "liquid-render" for p in self.problems)

    @property
    def entries(self) -> list[str]:
        """Each entry's id (Atom `<id>`, RSS `<guid>` or `<link>`), in feed order."""
        starts = [m.start() for m in re.finditer(r"<(?:entry|item)[\s>]", self.text)]
        found = []
        for start, end in zip(starts, [*starts[1:], len(self.text)], strict=True):
            ident = _ENTRY_ID.search(self.text, start, end)
            found.append((ident.group(2) or ident.group(3) or "") if ident else "")
        return found


# --------------------------------------------------------------------------------------------
# Build time, config and the public entry points.


def source_date_epoch(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """The build time from SOURCE_DATE_EPOCH (reproducible builds), or None if unset/invalid."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)


def build_time_from(
    value: str | None, environ: Mapping[str, str] | None = None
) -> dt.datetime | None:
    """`--time` (ISO 8601 or Unix seconds), else SOURCE_DATE_EPOCH, else None (now).

    Raises ValueError with a message for the user when `value` is neither form.
    """
    if value is None or not value.strip():
        return source_date_epoch(environ)
    text = value.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return dt.datetime.fromtimestamp(float(text), tz=dt.timezone.utc)
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"--time `{value}` is not an ISO 8601 time or Unix seconds; "
            "use e.g. 2024-03-10T13:57:55+00:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


FEED_SETTINGS = {"xml_escape": ("github-pages", "jekyll4")}


def validate_settings(raw: Mapping[str, object], source: str) -> None:
    """Reject unknown keys and values in `bloglint.feed` (config.py calls this)."""
    from bloglint.model import ConfigError

    for key, value in raw.items():
        if key not in FEED_SETTINGS:
            known = ", ".join(FEED_SETTINGS)
            raise ConfigError(f"unknown key `bloglint.feed.{key}`; known keys: {known}", source)
        allowed = FEED_SETTINGS[key]
        if str(value) not in allowed:
            raise ConfigError(
                f"`bloglint.feed.{key}` must be one of {', '.join(allowed)}, not `{value}`", source
            )


def feed_settings(site: Site) -> dict[str, Any]:
    """`bloglint: feed:` from _config.yml, e.g. `{xml_escape: jekyll4}`."""
    bloglint = site.config.get("bloglint")
    settings = bloglint.get("feed") if isinstance(bloglint, Mapping) else None
    return dict(settings) if isinstance(settings, Mapping) else {}


def feed_flavour(site: Site) -> str:
    """Which builder the output must match: `github-pages` (default) or `jekyll4`.

    `bloglint: feed: {xml_escape: ...}` decides; without it, a Gemfile that asks for Jekyll 4
    (and not the github-pages gem) means jekyll4, anything else means GitHub Pages, whose
    Ruby 2.7 leaves `'` unescaped (facts §2.3).
    """
    from bloglint.liquid import DEFAULT_FLAVOUR, FLAVOURS

    chosen = feed_settings(site).get("xml_escape")
    if isinstance(chosen, str) and chosen in FLAVOURS:
        return chosen
    gemfile = site.root / "Gemfile"
    try:
        text = gemfile.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return DEFAULT_FLAVOUR
    if "github-pages" not in text and re.search(r"""gem\s+["']jekyll["']\s*,\s*["']~>\s*4""", text):
        return "jekyll4"
    return DEFAULT_FLAVOUR


def build_feed(
    site: Site,
    *,
    build_time: dt.datetime | None,
    flavour: str | None = None,
    cache: bool = True,
    renderer: JekyllLiquid | None = None,
    conversions: Conversions | None = None,
) -> FeedResult:
    """Render the site's feed as Jekyll would, with problems for everything that breaks it.

    `build_time` is `site.time` (the feed's own <updated>); None means now. `cache` keeps
    converted post HTML in `the cache folder` between runs, and with a fixed build
    time the whole result, reused while no file of the site (or of bloglint) changes.
    `conversions` is what `start_conversions` started before the site was read (this
    function closes it).
    """
    cache_dir = site.root / configured_cache_dir(site.config)
    key = None
    if cache and renderer is None and build_time is not None:
        key = site_fingerprint(site.root, build_time, flavour, cache_dir)
        hit = _load_feed(cache_dir, key)
        if hit is not None:
            if conversions is not None:
                conversions.close()
            return hit
    from bloglint.render.batch import Conversions, RenderCache

    render_cache = RenderCache(cache_dir) if cache and renderer is None else None
    template = find_feed_template(site)
    conversions = conversions or Conversions()
    if template is not None and renderer is None:
        # kramdown is most of a cold run: start it on the bodies Liquid leaves unchanged
        # now, in other processes, while python-liquid is imported and the rest rendered.
        posts = _posts_in_template(site, template)
        for post in posts:
            conversions.adopt(post.source.relpath, post.source.body)
        conversions.submit(_plain_bodies(site, posts, render_cache))
    try:
        if renderer is None:
            from bloglint.liquid import JekyllLiquid

            renderer = JekyllLiquid(
                site,
                build_time=build_time,
                flavour=flavour or feed_flavour(site),
                cache=render_cache,
            )
        if template is not None:
            result = _render_template_feed(site, renderer, template, conversions)
        else:
            result = _render_jekyll_feed(site, renderer)
        renderer.collect()  # conversions the template did not show still fill the cache
    finally:
        conversions.close()
        if render_cache is not None:
            render_cache.close()
    result.problems[:0] = [
        Problem(
            issue.relpath, issue.line, issue.column, "liquid-syntax", _syntax_message(issue.message)
        )
        for issue in renderer.issues
    ]
    if key is not None:
        _store_feed(cache_dir, key, result)
    return result


# --------------------------------------------------------------------------------------------
# The whole-result cache: "nothing changed since the last run" costs one directory walk.

_SKIP_DIRS = frozenset(
    {
        "_site",
        ".jekyll-cache",
        ".sass-cache",
        ".git",
        ".bundle",
        "node_modules",
        "vendor",
    }
)
_FEED_CACHE = "feed.json"
_FEED_TEXT = "feed.txt"


def site_fingerprint(
    root: Path, build_time: dt.datetime, flavour: str | None, cache_dir: Path
) -> str:
    """Changes when any source file (name, size, mtime), bloglint's code or the inputs change."""
    import hashlib

    digest = hashlib.sha256(f"{build_time.isoformat()}|{flavour}".encode())
    package = Path(__file__).parent
    skip = {str(root / name) for name in _SKIP_DIRS} | {str(cache_dir)}
    for base in (package, root):
        for directory, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(
                d for d in dirnames if d != "__pycache__" and os.path.join(directory, d) not in skip
            )
            for name in sorted(filenames):
                path = os.path.join(directory, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def cached_feed(
    root: Path,
    *,
    build_time: dt.datetime | None,
    flavour: str | None = None,
    cache_dir: str = CACHE_DIR,
) -> FeedResult | None:
    """The last run's result when nothing changed since (no site loading at all), else None.

    `cache_dir` is `bloglint.cache_dir` (site-relative) when the config sets it.
    """
    if build_time is None:
        return None  # `site.time` is now: the output differs on every run
    directory = root / cache_dir
    if not (directory / _FEED_CACHE).is_file():
        return None  # a cold run: skip walking the site for a fingerprint
    return _load_feed(directory, site_fingerprint(root, build_time, flavour, directory))


def _load_feed(cache_dir: Path, key: str) -> FeedResult | None:
    import json

    try:
        stored = json.loads((cache_dir / _FEED_CACHE).read_text(encoding="utf-8"))
        if stored.get("key") != key:
            return None
        # The text sits in its own file: reading it raw is ten times faster than JSON, and
        # its bytes are what gets written.
        encoded = (cache_dir / _FEED_TEXT).read_bytes()
        text = encoded.decode("utf-8")
        data = stored["result"]
        if len(text) != data["length"]:
            return None  # the two files are from different runs
        return FeedResult(
            path=data["path"],
            text=text,
            template=data["template"],
            problems=[Problem(*fields) for fields in data["problems"]],
            posts=data["posts"],
            _encoded=(text, encoded),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent or damaged: build normally


def _store_feed(cache_dir: Path, key: str, result: FeedResult) -> None:
    import json

    data = {
        "path": result.path,
        "length": len(result.text),
        "template": result.template,
        "problems": [[p.path, p.line, p.column, p.kind, p.message] for p in result.problems],
        "posts": result.posts,
    }
    try:
        # The length check in `_load_feed` catches a text file a power cut left empty.
        write_feed_atomically(cache_dir / _FEED_TEXT, result.data(), durable=False)
        write_feed_atomically(
            cache_dir / _FEED_CACHE,
            json.dumps({"key": key, "result": data}, ensure_ascii=False),
            durable=False,
        )
    except OSError:
        pass  # an unwritable cache only costs speed


def _syntax_message(message: str) -> str:
    return f"liquid syntax error ({message}); Jekyll renders this markup as nothing"


def destination_file(site: Site, result: FeedResult) -> Path:
    """Where Jekyll would write this feed: under the site's `destination` (`_site`).

    `FeedResult.path` is relative to the destination, not to the source: writing it beside
    the sources would overwrite a feed template such as `atom.xml`.
    """
    destination = Path(str(site.config.get("destination") or "_site"))
    if not destination.is_absolute():
        destination = site.root / destination
    return destination / result.path


def write_feed_atomically(path: Path, text: str | bytes, *, durable: bool = True) -> None:
    """Write the feed in one step (`bloglint.files.replace_file`): the old feed survives any
    error. `durable=False` is for the cache's copy, which need not survive a power cut."""
    from bloglint.files import replace_file

    replace_file(path, text if isinstance(text, bytes) else text.encode("utf-8"), durable=durable)


def feed_is_current(path: Path, text: str, *, ignore_updated: bool = False) -> bool:
    """Check mode: whether the file on disk already holds exactly this feed.

    With `ignore_updated`, the feed-level build time (`<updated>`, `<pubDate>`,
    `<lastBuildDate>` before the first entry) may differ.
    """
    try:
        current = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not ignore_updated:
        return current == text
    return _mask_build_time(current) == _mask_build_time(text)


def _mask_build_time(text: str) -> str:
    head_end = min(
        (i for i in (text.find("<entry"), text.find("<item")) if i >= 0), default=len(text)
    )
    head = re.sub(r"<(updated|pubDate|lastBuildDate)>[^<]*</\1>", r"<\1></\1>", text[:head_end])
    return head + text[head_end:]


# --------------------------------------------------------------------------------------------
# Case (a): the site's own feed template.


def find_feed_template(site: Site) -> SourceFile | None:
    """The page Jekyll turns into the site's feed: an .xml/.atom/.rss page looping over posts."""
    templates = find_feed_templates(site)
    return templates[0] if templates else None


_LISTS_POSTS = re.compile(r"\bsite\.(posts|categories|tags|documents)\b|\bpaginator\.posts\b")


def find_feed_templates(site: Site) -> list[SourceFile]:
    """Every feed template of the site, the main one first (top level, usual names)."""
    candidates = [
        page
        for page in site.pages
        if page.has_front_matter
        and page.relpath.lower().endswith(FEED_EXTENSIONS)
        and _LISTS_POSTS.search(page.body)
    ]

    def rank(page: SourceFile) -> tuple[int, int, str]:
        name = page.relpath.lower()
        preferred = PREFERRED_NAMES.index(name) if name in PREFERRED_NAMES else len(PREFERRED_NAMES)
        return (name.count("/"), preferred, name)

    return sorted(candidates, key=rank)


def output_path(site: Site, page: SourceFile) -> str:
    """Where Jekyll writes the page, relative to `_site` (a `permalink` may move it)."""
    from bloglint.jekyll_config import markdown_extensions
    from bloglint.permalink import destination_path, output_ext_for

    ext = Path(page.relpath).suffix
    out = output_ext_for(ext, markdown_extensions(site.config), page.front_matter.get("permalink"))
    return destination_path(site.url_of(page), out, page=True).lstrip("/")


def _render_template_feed(
    site: Site, renderer: JekyllLiquid, page: SourceFile, conversions: Conversions | None = None
) -> FeedResult:
    from bloglint.liquid import LiquidRenderError, PageDrop

    result = FeedResult(path=output_path(site, page), text="", template=page.relpath)
    drop = PageDrop(renderer, page)
    renderer.prerender(_posts_in_template(site, page), conversions=conversions)
    if conversions is not None and conversions.running:
        # Queued behind every conversion: a worker that runs out of posts imports lxml for
        # the reading at the end while the other still converts (one per worker, so that
        # whichever takes the reading most likely has it).
        for _ in range(conversions.workers):
            conversions.call(_import_lxml)
    try:
        text = renderer.render(page.body, page.relpath, first_line=page.body_line, page=drop)
        text = _apply_layouts(site, renderer, page, drop, text)
    except LiquidRenderError as err:
        result.problems.append(_render_problem(err))
        return result
    result.posts = len(re.findall(r"<(?:entry|item)[\s>]", text))
    # The workers are idle by now: one of them reads the text as XML while this process
    # cleans it (sending the text costs less than either).
    reading = None
    if conversions is not None and conversions.running:
        reading = conversions.call(read_feed_text, text.encode("utf-8"))
    result.text = published_text(text, renderer.flavour)
    # Still waiting: cut the text for placing errors now (wasted only if it has none).
    cut = FeedLines(site, text) if reading is not None else None
    found = conversions.result(reading) if conversions and reading else None
    result.problems.extend(check_feed_text(site, renderer, page, text, found, cut))
    return result


def published_text(text: str, flavour: str) -> str:
    """The feed as its site serves it: never with characters XML forbids.

    GitHub Pages serves feeds without any Unicode control or format character but tab and
    newline, although Jekyll writes them (facts §2.3: daiwk's published feed has none of the
    52 its posts contain); Jekyll 4 elsewhere writes them, so only those XML forbids go.
    """
    if flavour == "github-pages":
        return strip_format_characters(text)
    return _delete_invisible(text, lambda char: _XML_ILLEGAL.match(char) is not None)


def _delete_invisible(text: str, unwanted: Callable[[str], bool]) -> str:
    """`text` without the non-printable characters for which `unwanted` is true.

    `str.isprintable` (C speed) clears almost every line of a feed at once, and every
    character either caller deletes is non-printable; on the few other lines (a tab, a
    no-break space, a real control character) each distinct character is asked once.
    """
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if not line.isprintable():
            drop = {ord(c): None for c in set(line) if not c.isprintable() and unwanted(c)}
            if drop:
                lines[number] = line.translate(drop)
    return "\n".join(lines)


def _posts_in_template(site: Site, page: SourceFile) -> list[Post]:
    """The posts a template will most likely show: all, or the first `limit:` of site.posts."""
    shown = _shown_posts(page.body)
    return list(site.posts) if shown is None else site.posts[:shown]


def _shown_posts(template: str) -> int | None:
    """How many of site.posts a feed template renders the content of: None for all of them,
    else the largest `limit:` of its loops (0 when it shows no content)."""
    if "content" not in template:
        return 0
    limits = re.findall(r"\bin\s+site\.posts\b[^%]*?\blimit\s*:\s*(\d+)", template)
    everything = re.search(r"\bin\s+site\.posts\b(?![^%]*\blimit\b)", template)
    return max(int(n) for n in limits) if limits and not everything else None


def start_conversions(root: Path, config: Mapping[str, Any], *, cache: bool = True) -> Any:
    """Start kramdown on the site's posts before the site is read (returns `Conversions`).

    For a cold run of a site with a feed template: the workers read `_posts/` themselves
    (newest first, as the feed lists them) while this process reads the site, so reading
    the site and importing python-liquid no longer delay the conversions. Pass the result
    to `build_feed`. None when it would not pay: the HTML cache exists (most posts are in
    it) or no top-level feed template lists posts (the jekyll-feed style feed shows 10).
    """
    from bloglint.render.batch import Conversions, is_markdown_file

    if cache and (root / configured_cache_dir(config) / "render.sqlite").exists():
        return None
    counts = [
        _shown_posts(head)
        for path in root.iterdir()
        if path.suffix in FEED_EXTENSIONS and (head := _template_head(path)) is not None
    ]
    if not counts:
        return None
    # Only what the templates show: a `limit: 10` feed must not wait for the whole site.
    shown = None if None in counts else max(n for n in counts if n is not None)
    folder = root / "_posts"
    files = sorted(
        (
            (path, path.relative_to(root).as_posix())
            for path in folder.rglob("*")
            if is_markdown_file(path.name, config) and path.is_file()
        ),
        key=lambda item: item[0].name,
        reverse=True,
    )
    conversions = Conversions()
    conversions.submit_files(files if shown is None else files[:shown])
    return conversions if conversions.running else None


def _template_head(path: Path) -> str | None:
    """The start of a feed template that lists posts (front matter and Liquid), else None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(65536)
    except OSError:
        return None
    return head if head.startswith("---") and _LISTS_POSTS.search(head) else None


def _plain_bodies(site: Site, posts: Sequence[Post], cache: RenderCache | None) -> list[str]:
    """The Markdown bodies of posts without Liquid markup (what kramdown will get), uncached."""
    from bloglint.render.batch import is_markdown_file

    bodies = [
        post.source.body
        for post in posts
        if is_markdown_file(post.source.relpath, site.config)
        and "{{" not in post.source.body
        and "{%" not in post.source.body
    ]
    return [body for body in bodies if cache is None or cache.get(body) is None]


def _render_problem(err: LiquidRenderError) -> Problem:
    return Problem(
        err.relpath or "",
        err.line,
        1,
        "liquid-render",
        f"Jekyll stops here: {err.message}; fix this Liquid so the site builds",
    )


def _apply_layouts(
    site: Site, renderer: JekyllLiquid, page: SourceFile, drop: PageDrop, content: str
) -> str:
    """Wrap in the page's layout chain; a layout that does not exist (`nil`, `none`) is none."""
    from bloglint.source import read_source

    layouts_dir = site.root / str(site.config.get("layouts_dir") or "_layouts")
    layouts = {p.stem: p for p in sorted(layouts_dir.iterdir())} if layouts_dir.is_dir() else {}
    name = page.front_matter.get("layout")
    seen: set[str] = set()
    while isinstance(name, str) and name in layouts and name not in seen:
        seen.add(name)
        layout = read_source(layouts[name], layouts[name].relative_to(site.root).as_posix())
        content = renderer.render(
            layout.body,
            layout.relpath,
            first_line=layout.body_line,
            page=drop,
            extra={"content": content, "layout": layout.front_matter},
        )
        name = layout.front_matter.get("layout")
    return content


# --------------------------------------------------------------------------------------------
# Checking a feed: well-formed XML first, then Atom (RFC 4287) for Atom feeds.


@dataclass(frozen=True)
class _TemplateLine:
    number: int  # file line
    text: str
    pattern: re.Pattern[str]
    prefix: re.Pattern[str]
    expressions: tuple[str, ...]


def _template_lines(page: SourceFile) -> list[_TemplateLine]:
    lines = []
    for offset, text in enumerate(page.body.split("\n")):
        if "{{" not in text:
            continue
        parts = re.split(r"(\{\{.*?\}\}|\{%.*?%\})", text)
        regex = []
        expressions = []
        for part in parts:
            if part.startswith("{{"):
                regex.append("(.*?)")
                expressions.append(part)
            elif part.startswith("{%"):
                regex.append("(?:.*?)")
            else:
                regex.append(re.escape(part))
        first_literal = re.escape(parts[0]) if parts else ""
        lines.append(
            _TemplateLine(
                page.body_line + offset,
                text,
                re.compile("".join(regex) + r"\Z", re.DOTALL),
                re.compile(first_literal + r"\{?"),
                tuple(expressions),
            )
        )
    return lines


class XmlError(NamedTuple):
    """One error lxml reported: its line, its byte column and its message."""

    line: int
    column: int
    message: str


class FeedReading(NamedTuple):
    """What reading a feed text as XML found, before it is tied to templates and posts:
    plain data, so that an idle worker can read a long feed while this process cleans it."""

    errors: list[XmlError]  # where it is not well-formed (ERROR and FATAL, not warnings)
    atom: list[tuple[str, str]]  # (template fragment that writes it, message) per RFC 4287 gap


def _import_lxml() -> None:
    """Run in an idle worker (see `_render_template_feed`)."""
    import lxml.etree  # noqa: F401


def read_feed_text(text: str | bytes) -> FeedReading:
    """Parse the feed (recovering from errors) and note what breaks XML or Atom.

    Given as UTF-8 bytes, the text crosses to a worker without being decoded there only to
    be encoded again for lxml.
    """
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    root = etree.fromstring(data, parser)
    errors = [XmlError(e.line, e.column, e.message) for e in parser.error_log.filter_from_errors()]
    # Atom rules are checked on what lxml could read, even when the XML is broken.
    atom = _atom_findings(root) if root is not None and root.tag == f"{{{ATOM_NS}}}feed" else []
    return FeedReading(errors, atom)


def check_feed_text(
    site: Site,
    renderer: JekyllLiquid,
    page: SourceFile | None,
    text: str,
    reading: FeedReading | None = None,
    cut: FeedLines | None = None,
) -> list[Problem]:
    """Problems that make this feed text unusable: not well-formed XML, or not valid Atom.

    `reading` is `read_feed_text(text)` and `cut` is `FeedLines(site, text)` when they
    were made already (the first by a worker).
    """
    if reading is None:
        reading = read_feed_text(text)
    problems: list[Problem] = []
    if reading.errors:
        cut = cut if cut is not None and cut.text is text else FeedLines(site, text)
        problems.extend(_xml_problems(site, renderer, page, cut, reading.errors))
    relpath = page.relpath if page is not None else ""
    lines = _template_lines(page) if page is not None and reading.atom else []
    for fragment, message in reading.atom:
        problems.append(
            Problem(relpath, _template_line_of(page, lines, fragment), 1, "feed-atom", message)
        )
    return problems


class FeedLines:
    """A feed text cut into lines and entries, to place each XML error in it.

    Cutting 5 MB takes ~25 ms: a cold run does it while a worker reads the feed.
    """

    def __init__(self, site: Site, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.line_ends = list(itertools.accumulate(map(len, self.lines)))  # without newlines
        self.entries = _EntryIndex(site, text)


def _xml_problems(
    site: Site,
    renderer: JekyllLiquid,
    page: SourceFile | None,
    cut: FeedLines,
    errors: Sequence[XmlError],
) -> list[Problem]:
    lines, line_ends, entries = cut.lines, cut.line_ends, cut.entries
    template_lines = _template_lines(page) if page is not None else []
    producers = _Producers(template_lines, lines)
    name = page.relpath if page is not None else "the feed"
    problems: list[Problem] = []
    reported: set[tuple[str, int, str]] = set()
    for error in errors:
        if not 1 <= error.line <= len(lines):
            continue
        line_text = lines[error.line - 1]
        column = _char_column(line_text, error.column)
        invalid = re.search(r"invalid Char value (\d+)", error.message)
        bad = chr(int(invalid.group(1))) if invalid else _offending_char(line_text, column)
        index = error.line - 1
        line_start = line_ends[index - 1] + index if index else 0
        offset = line_start + max(column - 1, 0)
        post = entries.post_at(offset)
        where = producers.line_for(error.line)
        expression = where.expressions[-1] if where and where.expressions else None
        if where is not None and where.pattern.fullmatch(line_text):
            expression = _expression_at(where, line_text, column) or expression
        post_name = post.source.relpath if post is not None else "a post"
        if bad is not None and _XML_ILLEGAL.match(bad):
            # A control character in a post: only deleting it fixes the feed.
            key = (post_name, ord(bad), "char")
            if key in reported:
                continue
            reported.add(key)
            code = f"U+{ord(bad):04X}"
            if post is not None:
                pline, pcol = _locate_char(post.source.text, bad)
                problems.append(
                    Problem(
                        post.source.relpath,
                        pline,
                        pcol,
                        "feed-xml",
                        f"control character {code} is not allowed in XML: Jekyll writes it and "
                        f"breaks {name}, bloglint leaves it out; delete the character",
                    )
                )
            else:
                problems.append(
                    Problem(
                        page.relpath if page else "",
                        where.number if where else 1,
                        1,
                        "feed-xml",
                        f"control character {code} is not allowed in XML: Jekyll writes it and "
                        f"breaks {name}, bloglint leaves it out; delete the character",
                    )
                )
            continue
        shown = expression or "this output"
        fix = _escaped(expression) if expression else "`| xml_escape`"
        key = (post_name, where.number if where else 0, shown)
        if key in reported:
            continue
        reported.add(key)
        value = _snippet(line_text, column)
        problems.append(
            Problem(
                page.relpath if page is not None else "",
                where.number if where else 1,
                _template_column(where, expression),
                "feed-xml",
                f"`{shown}` writes `{value}` from {post_name} unescaped, so {name} is not "
                f"well-formed XML ({error.message.strip()}); use {fix}",
            )
        )
    return problems


def _escaped(expression: str) -> str:
    inner = expression[2:-2].strip()
    return f"`{{{{ {inner} | xml_escape }}}}`"


def _template_column(where: _TemplateLine | None, expression: str | None) -> int:
    if where is None or expression is None:
        return 1
    return where.text.find(expression) + 1


def _char_column(line: str, byte_column: int) -> int:
    """lxml reports byte columns; turn one into a 1-based character column."""
    encoded = line.encode("utf-8")
    prefix = encoded[: max(byte_column - 1, 0)].decode("utf-8", errors="ignore")
    return len(prefix) + 1


_BARE_MARKUP = re.compile(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z][\w.-]*;)|<(?![/!?A-Za-z])")


def _offending_char(line: str, column: int) -> str | None:
    """The character lxml choked on: a control character, a bare `&` or a stray `<`."""
    for index in (column - 1, column - 2, column):
        if 0 <= index < len(line) and (
            _XML_ILLEGAL.match(line[index]) or _BARE_MARKUP.match(line, index)
        ):
            return line[index]
    match = _XML_ILLEGAL.search(line) or _BARE_MARKUP.search(line)
    return match.group(0) if match else None


def _snippet(line: str, column: int) -> str:
    start = max(0, column - 25)
    text = line[start : column + 25].strip()
    text = re.sub(r"<[^>]*(?:>|$)|^[^<]*>", " ", text).strip() or text
    return text.replace("`", "'")


def _expression_at(where: _TemplateLine, line: str, column: int) -> str | None:
    match = where.pattern.fullmatch(line)
    if match is None:
        return None
    for group, expression in enumerate(where.expressions, start=1):
        start, end = match.span(group)
        if start <= column - 1 <= end:
            return expression
    return None


class _Producers:
    """Which template line produced an output line (a multi-line value walks up to it)."""

    def __init__(self, template_lines: Sequence[_TemplateLine], lines: Sequence[str]) -> None:
        self.candidates = [(c.text.split("{{", 1)[0], c) for c in template_lines]
        # One C-speed test rules out most lines (a post's content) before the loop below.
        self.prefixes = tuple(literal for literal, _ in self.candidates)
        self.lines = lines
        # index -> the answer for an output line at that index; filled by every walk, so
        # many errors in one long entry walk its lines once.
        self._known: dict[int, _TemplateLine | None] = {}

    def line_for(self, line_number: int) -> _TemplateLine | None:
        walked: list[int] = []
        found: _TemplateLine | None = None
        for index in range(line_number - 1, -1, -1):
            if index in self._known:
                found = self._known[index]
                break
            walked.append(index)
            found = self._match(self.lines[index])
            if found is not None:
                break
        for index in walked:
            self._known[index] = found
        return found

    def _match(self, line: str) -> _TemplateLine | None:
        if not line.startswith(self.prefixes):
            return None
        for literal, candidate in self.candidates:
            if line.startswith(literal) and (literal.strip() or candidate.pattern.fullmatch(line)):
                return candidate
        return None


class _EntryIndex:
    """Which post wrote the `<entry>`/`<item>` at an offset of the output (found by its URL)."""

    def __init__(self, site: Site, text: str) -> None:
        self.site = site
        self.text = text
        self.starts = [m.start() for m in re.finditer(r"<(?:entry|item)[\s>]", text)]
        self._posts: dict[int, Post | None] = {}

    def post_at(self, offset: int) -> Post | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        if index not in self._posts:
            self._posts[index] = self._find(index)
        return self._posts[index]

    def _find(self, index: int) -> Post | None:
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        # Only outside the content: a post's HTML may link to other posts.
        chunk = _without_content(self.text[start:end])
        best: Post | None = None
        for post in self.site.posts:
            if post.url and (f'{post.url}"' in chunk or f"{post.url}<" in chunk):
                if best is None or len(post.url) > len(best.url):
                    best = post
        if best is None and index < len(self.site.posts):
            best = self.site.posts[index]
        return best


_CONTENT_START = re.compile(r"<(content|description)\b")


def _without_content(chunk: str) -> str:
    """`chunk` without its `<content ...>...</content>` / `<description>` elements.

    The same as removing the non-greedy regex `<(content|description)\b.*?</\1>`, with a
    plain `find` for the end tag instead of a character-by-character lazy scan.
    """
    kept: list[str] = []
    pos = 0
    search_from = 0
    while (start := _CONTENT_START.search(chunk, search_from)) is not None:
        end = chunk.find(f"</{start.group(1)}>", start.end())
        if end < 0:
            search_from = start.start() + 1  # unclosed: the regex moves on, so do we
            continue
        kept.append(chunk[pos : start.start()])
        pos = search_from = end + len(start.group(1)) + 3
    kept.append(chunk[pos:])
    return "".join(kept)


def _locate_char(text: str, char: str) -> tuple[int, int]:
    index = text.find(char)
    if index < 0:
        return 1, 1
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _template_line_of(
    page: SourceFile | None, lines: Sequence[_TemplateLine], fragment: str
) -> int:
    """The template line that most likely writes `fragment` (an element's start tag)."""
    # Entry-level elements: prefer the template line that writes a `post.` value.
    for line in lines:
        if fragment in line.text and ("post." in line.text or fragment == "<feed"):
            return line.number
    for line in lines:
        if fragment in line.text:
            return line.number
    if page is not None:
        for offset, text in enumerate(page.body.split("\n")):
            if fragment in text:
                return page.body_line + offset
    return 1


def _atom_findings(root: Any) -> list[tuple[str, str]]:
    """RFC 4287 §4.1: required feed and entry elements, absolute ids, dates, authors."""
    ns = {"a": ATOM_NS}
    findings: list[tuple[str, str]] = []
    for element in ("id", "title", "updated"):
        if root.find(f"a:{element}", ns) is None:
            findings.append(
                ("<feed", f"the feed has no <{element}>, which RFC 4287 requires; add one")
            )
    entries = root.findall("a:entry", ns)
    if root.find("a:author", ns) is None and any(e.find("a:author", ns) is None for e in entries):
        findings.append(
            ("<feed", "the feed and some entries have no <author>; add one to the feed")
        )
    relative_ids: list[str] = []
    for entry in entries:
        for element in ("id", "title", "updated"):
            if entry.find(f"a:{element}", ns) is None:
                findings.append(
                    ("<entry", f"an entry has no <{element}>, which RFC 4287 requires; add one")
                )
        entry_id = entry.find("a:id", ns)
        if entry_id is not None and not re.match(
            r"^[a-zA-Z][a-zA-Z0-9+.-]*:", (entry_id.text or "").strip()
        ):
            relative_ids.append((entry_id.text or "").strip())
        updated = entry.find("a:updated", ns)
        if updated is not None and not _is_rfc3339((updated.text or "").strip()):
            findings.append(
                (
                    "<updated>",
                    f"entry <updated> `{updated.text}` is not an RFC 3339 date; "
                    "use `| date_to_xmlschema`",
                )
            )
    if relative_ids:
        findings.append(
            (
                "<id>",
                f"{len(relative_ids)} entry ids are not absolute IRIs "
                f"(first: `{relative_ids[0]}`); build them from the site URL, "
                "e.g. `{{ post.id | absolute_url }}`",
            )
        )
    return findings


def _is_rfc3339(value: str) -> bool:
    return bool(
        re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value)
    )


# --------------------------------------------------------------------------------------------
# Case (b): the feed jekyll-feed 0.17 would generate, made valid.


def xml_text(value: object) -> str:
    """Escape for XML text/attributes after removing characters XML forbids."""
    from bloglint.liquid import to_text

    text = _XML_ILLEGAL.sub("", to_text(value))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def cdata(value: str) -> str:
    """A CDATA section holding `value` (a `]]>` inside is split across two sections)."""
    text = _XML_ILLEGAL.sub("", value)
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def plain_title(value: object) -> str:
    """A title as readers should show it: smart quotes, no tags, entities decoded, one line."""
    import html

    from bloglint.liquid import normalize_whitespace, smartify, strip_html, to_text

    text = _XML_ILLEGAL.sub("", to_text(value))
    return html.unescape(normalize_whitespace(strip_html(smartify(text))))


def _absolute(renderer: JekyllLiquid, url: str) -> str:
    from bloglint.liquid import to_text

    return to_text(renderer.absolute_url(url))


def _entry_id(renderer: JekyllLiquid, post: Post) -> str:
    url = _absolute(renderer, post.id)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        return url
    # No site `url`: still give each entry a stable absolute IRI (RFC 4287 §4.2.6).
    return _urn(post.id)


def _urn(name: str) -> str:
    """A stable `urn:uuid:` IRI for `name` (uuid, and the platform module it imports, only
    when a site has no `url`: this module is imported before every cold run's workers start)."""
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _author(site: Site, value: Any) -> tuple[str, str | None, str | None]:
    from bloglint.liquid import to_text

    authors = site_data(site).get("authors")
    if isinstance(value, str) and isinstance(authors, Mapping) and value in authors:
        value = authors[value]
    if isinstance(value, Mapping):
        return (
            to_text(value.get("name", "")),
            to_text(value["email"]) if value.get("email") else None,
            to_text(value["uri"]) if value.get("uri") else None,
        )
    return to_text(value), None, None


def site_data(site: Site) -> Mapping[str, Any]:
    from bloglint.liquid import load_data_dir

    cached = getattr(site, "_bloglint_data", None)
    if cached is None:
        cached = load_data_dir(site.root / str(site.config.get("data_dir") or "_data"))
        try:
            site._bloglint_data = cached  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return cached


def _author_xml(name: str, email: str | None, uri: str | None) -> str:
    parts = [f"<author><name>{xml_text(name)}</name>"]
    if email:
        parts.append(f"<email>{xml_text(email)}</email>")
    if uri:
        parts.append(f"<uri>{xml_text(uri)}</uri>")
    parts.append("</author>")
    return "".join(parts)


def _render_jekyll_feed(
    site: Site,
    renderer: JekyllLiquid,
    *,
    path: str | None = None,
    posts: Iterable[Post] | None = None,
    title_suffix: str = "",
) -> FeedResult:
    from bloglint.liquid import FLAVOURS, LiquidRenderError, to_text

    config = site.config
    feed_config = config.get("feed") if isinstance(config.get("feed"), Mapping) else {}
    assert isinstance(feed_config, Mapping)
    path = (path or to_text(feed_config.get("path") or "feed.xml")).lstrip("/")
    result = FeedResult(path=path, text="", template=None)
    limit_value = feed_config.get("posts_limit", 10)
    try:
        limit = int(limit_value) if limit_value is not None else 10
    except (TypeError, ValueError):
        limit = 10
    selected = list(site.posts if posts is None else posts)
    selected = [p for p in selected if not p.draft or config.get("show_drafts")]
    # jekyll-feed: `sort: "date" | reverse`; Ruby's sort is unstable and left ties in
    # ascending path order on the corpus (facts §5). Make that order explicit.
    selected.sort(key=lambda p: p.source.relpath)
    selected.sort(key=lambda p: p.date, reverse=True)
    selected = selected[:limit] if limit >= 0 else selected
    url_base = _absolute(renderer, "/")
    lang = config.get("lang")
    head = ['<?xml version="1.0" encoding="utf-8"?>']
    head.append(
        f'<feed xmlns="{ATOM_NS}"' + (f' xml:lang="{xml_text(lang)}"' if lang else "") + ">"
    )
    head.append(
        f'<generator uri="https://jekyllrb.com/" version="{FLAVOURS[renderer.flavour]}">Jekyll</generator>'
    )
    head.append(
        f'<link href="{xml_text(_absolute(renderer, "/" + path))}" rel="self" type="application/atom+xml" />'
    )
    head.append(f'<link href="{xml_text(url_base)}" rel="alternate" type="text/html" />')
    head.append(f"<updated>{_xmlschema(renderer.build_time)}</updated>")
    feed_id = _absolute(renderer, "/" + path)
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", feed_id):
        feed_id = _urn("/" + path)
        result.problems.append(
            Problem(
                "_config.yml",
                1,
                1,
                "feed-url",
                "`url` is not set, so feed and entry ids cannot be the site's URLs; "
                "set `url: https://your.domain` in _config.yml",
            )
        )
    head.append(f"<id>{xml_text(feed_id)}</id>")
    title = to_text(config.get("title") or config.get("name") or "") + title_suffix
    head.append(f'<title type="text">{xml_text(plain_title(title))}</title>')
    if config.get("description"):
        head.append(f"<subtitle>{xml_text(config['description'])}</subtitle>")
    site_author = config.get("author")
    if site_author:
        head.append(_author_xml(*_author(site, site_author)))
    if not feed_config.get("excerpt_only"):
        renderer.prerender(selected)
    body: list[str] = []
    for post in selected:
        try:
            body.append(_entry_xml(site, renderer, post, feed_config))
        except LiquidRenderError as err:
            result.problems.append(_render_problem(err))
    result.text = "".join(head) + "\n" + "".join(body) + "</feed>\n"
    result.posts = len(body)
    result.problems.extend(check_feed_text(site, renderer, None, result.text))
    return result


def _xmlschema(value: dt.datetime) -> str:
    from bloglint.liquid import ruby_strftime

    return ruby_strftime(value, "%Y-%m-%dT%H:%M:%S%:z")


def _entry_xml(
    site: Site, renderer: JekyllLiquid, post: Post, feed_config: Mapping[str, Any]
) -> str:
    from bloglint.liquid import normalize_whitespace, strip_html, to_text

    data = post.data
    zone = renderer.zone
    link = _absolute(renderer, post.url)
    title = plain_title(post.title)
    parts = ["<entry" + (f' xml:lang="{xml_text(data["lang"])}"' if data.get("lang") else "") + ">"]
    parts.append(f'<title type="text">{xml_text(title)}</title>')
    parts.append(
        f'<link href="{xml_text(link)}" rel="alternate" type="text/html" title="{xml_text(title)}" />'
    )
    published = post.date.astimezone(zone)
    parts.append(f"<published>{_xmlschema(published)}</published>")
    updated = published
    if data.get("last_modified_at"):
        from bloglint.liquid import parse_time

        parsed = parse_time(data["last_modified_at"], zone)
        if parsed is not None:
            updated = parsed.astimezone(zone)
    parts.append(f"<updated>{_xmlschema(updated)}</updated>")
    parts.append(f"<id>{xml_text(_entry_id(renderer, post))}</id>")
    post_feed = data.get("feed") if isinstance(data.get("feed"), Mapping) else {}
    assert isinstance(post_feed, Mapping)
    excerpt_only = post_feed.get("excerpt_only", feed_config.get("excerpt_only"))
    if not excerpt_only:
        content = renderer.post_content(post).strip()
        parts.append(f'<content type="html" xml:base="{xml_text(link)}">{cdata(content)}</content>')
    authors = data.get("authors")
    author_value = data.get("author") or (
        authors[0] if isinstance(authors, list) and authors else None
    )
    author_value = author_value or site.config.get("author") or ""
    parts.append(_author_xml(*_author(site, author_value)))
    if data.get("category"):
        parts.append(f'<category term="{xml_text(data["category"])}" />')
    else:
        parts.extend(f'<category term="{xml_text(c)}" />' for c in post.categories)
    parts.extend(f'<category term="{xml_text(t)}" />' for t in post.tags)
    summary = data.get("description") or renderer.post_excerpt(post)
    if summary:
        text = normalize_whitespace(strip_html(to_text(summary)))
        if text:
            parts.append(f'<summary type="html">{cdata(text)}</summary>')
    image = data.get("image")
    if isinstance(image, Mapping):
        image = image.get("path")
    if image:
        image_url = to_text(image)
        if "://" not in image_url:
            image_url = _absolute(renderer, image_url)
        parts.append(
            f'<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="{xml_text(image_url)}" />'
            f'<media:content medium="image" url="{xml_text(image_url)}" '
            'xmlns:media="http://search.yahoo.com/mrss/" />'
        )
    parts.append("</entry>\n")
    return "".join(parts)


def build_feeds(
    site: Site, *, build_time: dt.datetime | None, flavour: str | None = None, cache: bool = True
) -> list[FeedResult]:
    """Every feed: all of the site's feed templates, or else the jekyll-feed style feed plus
    its per-category, per-collection and per-tag feeds."""
    from bloglint.liquid import JekyllLiquid, to_text
    from bloglint.render.batch import RenderCache

    render_cache = RenderCache(site.root / configured_cache_dir(site.config)) if cache else None
    renderer = JekyllLiquid(
        site, build_time=build_time, flavour=flavour or feed_flavour(site), cache=render_cache
    )
    try:
        results = [build_feed(site, build_time=build_time, renderer=renderer)]
        for template in find_feed_templates(site)[1:]:
            results.append(_render_template_feed(site, renderer, template))
        if find_feed_template(site) is None:
            feed_config = site.config.get("feed")
            if isinstance(feed_config, Mapping):
                base = to_text(feed_config.get("path") or "feed.xml").rsplit("/", 1)
                folder = base[0] + "/" if len(base) == 2 else "feed/"
                for category in _names(feed_config.get("categories")):
                    chosen = [p for p in site.posts if category in p.categories]
                    results.append(
                        _render_jekyll_feed(
                            site,
                            renderer,
                            path=f"{folder}{category}.xml",
                            posts=chosen,
                            title_suffix=f" | {category.capitalize()}",
                        )
                    )
                results.extend(_collection_feeds(site, renderer, feed_config.get("collections")))
                tags = feed_config.get("tags")
                if tags:
                    tag_names = sorted({t for p in site.posts for t in p.tags})
                    if isinstance(tags, Mapping):
                        only = _names(tags.get("only")) or tag_names
                        excluded = set(_names(tags.get("except")))
                        tag_names = [t for t in only if t not in excluded]
                        folder = to_text(tags.get("path") or "feed/by_tag/")
                    else:
                        folder = "feed/by_tag/"
                    for tag in tag_names:
                        chosen = [p for p in site.posts if tag in p.tags]
                        results.append(
                            _render_jekyll_feed(
                                site, renderer, path=f"{folder.strip('/')}/{tag}.xml", posts=chosen
                            )
                        )
    finally:
        if render_cache is not None:
            render_cache.close()
    return results


def _collection_feeds(site: Site, renderer: JekyllLiquid, config: Any) -> list[FeedResult]:
    """jekyll-feed's `feed.collections`: one feed per named collection (`/feed/<name>.xml`)."""
    if isinstance(config, (list, tuple)):
        config = {str(name): {} for name in config}
    if not isinstance(config, Mapping):
        return []
    results = []
    for name, meta in config.items():
        meta = meta if isinstance(meta, Mapping) else {}
        if name == "posts":
            documents = list(site.posts)
        else:
            documents = [d for d in site.documents if d.collection == name]
        results.append(
            _render_jekyll_feed(
                site,
                renderer,
                path=str(meta.get("path") or f"feed/{name}.xml"),
                posts=documents,
                title_suffix=f" | {str(name).capitalize()}" if name != "posts" else "",
            )
        )
    return results


def _names(value: Any) -> list[str]:
    from bloglint.liquid import to_text

    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [to_text(v) for v in value]
    return []


def strip_format_characters(text: str) -> str:
    """GitHub Pages' post-processing of the published feed (facts §2.3): no Cc/Cf but `\\t\\n`."""
    return _delete_invisible(text, _is_format_character)


def _is_format_character(char: str) -> bool:
    return char not in "\t\n" and unicodedata.category(char) in ("Cc", "Cf")
