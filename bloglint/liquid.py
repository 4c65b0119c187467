"""Jekyll's Liquid: python-liquid 2 set up to render posts and feed templates as Jekyll 4.3 does.

Jekyll renders every post body through Liquid *before* Markdown, in `warn` error mode: a syntax
error is a warning and the bad markup renders as nothing, an undefined variable or filter gives
"" (or the input, for a filter), but an error while rendering stops the build. `JekyllLiquid`
reproduces that: syntax errors are collected as `LiquidIssue`s, render errors raise
`LiquidRenderError` with the line. It adds Jekyll's filters, tags (`post_url`, `link`, `include`,
`include_relative`, `highlight`) and the `site` / `page` / `post` drops.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote, quote_plus

from liquid import Environment, Mode
from liquid import ast as liquid_ast
from liquid.builtin.expressions import parse_primitive, tokenize
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token
from liquid.undefined import is_undefined

from bloglint.render.batch import (
    Conversions,
    RenderCache,
    default_markdown,
    is_markdown_file,
)

if TYPE_CHECKING:
    from liquid.context import RenderContext

    from bloglint.site import Post, Site, SourceFile

# Which Ruby/Jekyll produced the site decides two visible details (facts §2.3):
# GitHub Pages (Jekyll 3.9.5 on Ruby 2.7) leaves `'` alone in xml_escape; Jekyll 4.3.1 on
# Ruby >= 3.0 writes `&apos;`. `jekyll.version` differs too.
FLAVOURS = {"github-pages": "3.9.5", "jekyll4": "4.3.1"}
DEFAULT_FLAVOUR = "github-pages"


class LiquidRenderError(Exception):
    """Rendering failed where Jekyll would stop the build ("Liquid Exception ... in <file>")."""

    def __init__(self, message: str, relpath: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.relpath = relpath
        self.line = line


@dataclass(frozen=True, slots=True)
class LiquidIssue:
    """A Liquid syntax error in `{{ }}` markup: Jekyll only warns, the markup renders as ""."""

    relpath: str
    line: int  # 1-based line in the file
    column: int
    message: str


# --------------------------------------------------------------------------------------------
# Time: Ruby's Time#to_s, strftime and Time.parse, as far as Jekyll's filters need them.


class RubyTime(dt.datetime):
    """A datetime that prints like Ruby's Time#to_s (`2016-11-10 00:00:00 +0000`)."""

    def __str__(self) -> str:
        return self.strftime("%Y-%m-%d %H:%M:%S %z")

    @classmethod
    def of(cls, value: dt.datetime) -> RubyTime:
        if isinstance(value, RubyTime):
            return value
        return cls(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            tzinfo=value.tzinfo,
        )


def site_timezone(config: Mapping[str, Any]) -> dt.tzinfo:
    """The zone Jekyll's date filters convert to (`timezone`, with glibc's UTC fallback)."""
    from bloglint.jekyll_time import resolve_timezone

    return resolve_timezone(config.get("timezone"))[0]


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_STRFTIME_RE = re.compile(r"%([-_0^#]*)(\d*)(:{0,2}[a-zA-Z%+])")


def _utc_offset(value: dt.datetime, colons: int) -> str:
    offset = value.utcoffset() or dt.timedelta(0)
    total = int(offset.total_seconds())
    sign = "-" if total < 0 else "+"
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if colons == 0:
        return f"{sign}{hours:02d}{minutes:02d}"
    if colons == 1:
        return f"{sign}{hours:02d}:{minutes:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}"


def ruby_strftime(value: dt.datetime, fmt: str) -> str:
    """Format like Ruby's Time#strftime (flags `-_0^#`, widths, `%-d`, `%e`, `%L`, `%:z`...)."""

    def convert(match: re.Match[str]) -> str:
        flags, width, conv = match.group(1), match.group(2), match.group(3)
        colons = conv.count(":")
        conv = conv.lstrip(":")
        numeric: tuple[int, int, str] | None = None  # value, default width, default pad
        text: str | None = None
        if conv == "Y":
            numeric = (value.year, 1, "0")
        elif conv == "C":
            numeric = (value.year // 100, 2, "0")
        elif conv == "y":
            numeric = (value.year % 100, 2, "0")
        elif conv == "m":
            numeric = (value.month, 2, "0")
        elif conv == "d":
            numeric = (value.day, 2, "0")
        elif conv == "e":
            numeric = (value.day, 2, " ")
        elif conv == "j":
            numeric = (value.timetuple().tm_yday, 3, "0")
        elif conv == "H":
            numeric = (value.hour, 2, "0")
        elif conv == "k":
            numeric = (value.hour, 2, " ")
        elif conv == "I":
            numeric = ((value.hour % 12) or 12, 2, "0")
        elif conv == "l":
            numeric = ((value.hour % 12) or 12, 2, " ")
        elif conv == "M":
            numeric = (value.minute, 2, "0")
        elif conv == "S":
            numeric = (value.second, 2, "0")
        elif conv == "L":
            digits = int(width) if width else 3
            text = f"{value.microsecond:06d}{'0' * 9}"[:digits]
            width = ""
        elif conv == "N":
            digits = int(width) if width else 9
            text = f"{value.microsecond:06d}{'0' * 9}"[:digits]
            width = ""
        elif conv == "u":
            numeric = (value.isoweekday(), 1, "0")
        elif conv == "w":
            numeric = (value.isoweekday() % 7, 1, "0")
        elif conv == "U":
            numeric = (int(value.strftime("%U")), 2, "0")
        elif conv == "W":
            numeric = (int(value.strftime("%W")), 2, "0")
        elif conv == "G":
            numeric = (value.isocalendar()[0], 1, "0")
        elif conv == "g":
            numeric = (value.isocalendar()[0] % 100, 2, "0")
        elif conv == "V":
            numeric = (value.isocalendar()[1], 2, "0")
        elif conv == "s":
            numeric = (int(value.timestamp()), 1, "0")
        elif conv == "A":
            text = _DAYS[value.weekday()]
        elif conv == "a":
            text = _DAYS[value.weekday()][:3]
        elif conv == "B":
            text = _MONTHS[value.month - 1]
        elif conv in ("b", "h"):
            text = _MONTHS[value.month - 1][:3]
        elif conv == "p":
            text = "PM" if value.hour >= 12 else "AM"
            if "#" in flags:
                text = text.lower()
        elif conv == "P":
            text = "pm" if value.hour >= 12 else "am"
        elif conv == "z":
            text = _utc_offset(value, colons)
        elif conv == "Z":
            text = value.tzname() or ""
            if text.startswith(("UTC+", "UTC-")):
                text = ""
        elif conv == "n":
            text = "\n"
        elif conv == "t":
            text = "\t"
        elif conv == "%":
            text = "%"
        elif conv == "c":
            text = ruby_strftime(value, "%a %b %e %H:%M:%S %Y")
        elif conv in ("D", "x"):
            text = ruby_strftime(value, "%m/%d/%y")
        elif conv == "F":
            text = ruby_strftime(value, "%Y-%m-%d")
        elif conv in ("T", "X"):
            text = ruby_strftime(value, "%H:%M:%S")
        elif conv == "R":
            text = ruby_strftime(value, "%H:%M")
        elif conv == "r":
            text = ruby_strftime(value, "%I:%M:%S %p")
        elif conv == "+":
            text = ruby_strftime(value, "%a %b %e %H:%M:%S %Z %Y")
        else:
            return match.group(0)  # Ruby prints unknown directives verbatim
        if numeric is not None:
            number, default_width, pad = numeric
            if "-" in flags:
                return str(number)
            if "_" in flags:
                pad = " "
            elif "0" in flags:
                pad = "0"
            size = int(width) if width else default_width
            digits = str(abs(number))
            sign = "-" if number < 0 else ""
            return sign + digits.rjust(size - len(sign), pad)
        assert text is not None
        if "^" in flags:
            text = text.upper()
        elif "#" in flags and conv not in ("p",):
            text = text.swapcase()
        if width:
            text = text.rjust(int(width), "0" if "0" in flags else " ")
        return text

    return _STRFTIME_RE.sub(convert, fmt)


def parse_time(value: object, zone: dt.tzinfo) -> dt.datetime | None:
    """Read a value the way Liquid's `to_date` / Jekyll's `Utils.parse_date` would, or None."""
    from bloglint.jekyll_time import normalize_date

    if isinstance(value, bool) or value is None or is_undefined(value):
        return None
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value, tz=zone)
    if isinstance(value, str):
        text = value.strip()
        if text in ("now", "today"):
            return dt.datetime.now(tz=zone)
        if text.isdigit():
            return dt.datetime.fromtimestamp(int(text), tz=zone)
        return normalize_date(text, zone)
    return normalize_date(value, zone)


# --------------------------------------------------------------------------------------------
# Filters that need no site: pure functions, importable and testable on their own.


def xml_escape(value: object, *, apos: bool = False) -> str:
    """Jekyll's xml_escape: `& < > "` (and `'` as `&apos;` when Ruby >= 3.0 built the site)."""
    if value is None or is_undefined(value):
        return ""
    text = to_text(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;")
    if apos:
        text = text.replace("'", "&apos;")
    return text


_STRIP_HTML_RE = re.compile(
    r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.DOTALL | re.IGNORECASE
)
_TAG_RE = re.compile(r"<.*?>", re.DOTALL)


def strip_html(value: object) -> str:
    """Liquid's strip_html: drop script/style/comments, then every `<...>`; entities stay."""
    return _TAG_RE.sub("", _STRIP_HTML_RE.sub("", to_text(value)))


def normalize_whitespace(value: object) -> str:
    """Jekyll's normalize_whitespace: runs of whitespace become one space, ends stripped."""
    return re.sub(r"\s+", " ", to_text(value)).strip()


def to_text(value: object) -> str:
    """Liquid's to_s for output: nil/undefined → "", true → "true", arrays joined."""
    if value is None or is_undefined(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "".join(to_text(item) for item in value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return f"{value:.1f}"
    return str(value)


def escape_html(value: object) -> Any:
    """Liquid's escape (Ruby's CGI.escapeHTML): `'` becomes `&#39;`."""
    if value is None or is_undefined(value):
        return value
    text = to_text(value)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!(?:[a-zA-Z]+|#\d+);)")
_ESCAPE_ONCE_MAP = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def escape_once(value: object) -> str:
    """Liquid's escape_once: like escape, but existing entities stay."""
    return _ESCAPE_ONCE.sub(lambda m: _ESCAPE_ONCE_MAP[m.group(0)], to_text(value))


def cgi_escape(value: object) -> str:
    """Ruby's CGI.escape: spaces as `+`, everything but `A-Za-z0-9_.-~` percent-encoded."""
    return quote_plus(to_text(value), safe="~")


def uri_escape(value: object) -> str:
    """Jekyll's uri_escape (Addressable normalize_component): keep reserved characters and `%`."""
    return quote(to_text(value), safe="!#$&'()*+,/:;=?@[]~%")


def slugify(value: object, mode: str = "default", cased: bool = False) -> str:
    """Jekyll's slugify filter (Utils.slugify)."""
    from bloglint.permalink import slugify as jekyll_slugify

    return jekyll_slugify(to_text(value), to_text(mode) or "default", cased=bool(cased)) or ""


def number_of_words(value: object, mode: str | None = None) -> int:
    """Jekyll's number_of_words; `cjk` / `auto` count each CJK character as a word."""
    text = to_text(value)
    cjk = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
    if mode == "cjk" or (mode == "auto" and re.search(cjk, text)):
        return len(re.findall(cjk, text)) + len(re.sub(cjk, " ", text).split())
    return len(text.split())


def array_to_sentence_string(items: object, connector: str = "and") -> str:
    """Jekyll's array_to_sentence_string: `a, b, and c`."""
    if not isinstance(items, (list, tuple)):
        return to_text(items)
    words = [to_text(item) for item in items]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return f"{words[0]} {connector} {words[1]}"
    return f"{', '.join(words[:-1])}, {connector} {words[-1]}"


def smartify(value: object) -> str:
    """Jekyll's smartify: kramdown's SmartyPants parser (smart quotes, dashes, ellipses, « »)
    over the text, HTML tags and entities passed through, the rest escaped as HTML.

    Uses the kramdown port's own quote rules and symbol tables.
    """
    from bloglint.render import kramdown as k

    text = to_text(value)
    out: list[str] = []
    position = 0
    while position < len(text):
        match = _smarty_start().search(text, position)
        if match is None:
            out.append(_escape_text(text[position:]))
            break
        out.append(_escape_text(text[position : match.start()]))
        position = match.start()
        kind = match.lastgroup
        if kind == "quote":
            for pattern, substitutions in k.SQ_RULES:
                rule = pattern.match(text, position)
                if rule is None:
                    continue
                for item in substitutions:
                    if isinstance(item, int):
                        out.append(_escape_text(rule.group(item) or ""))
                    else:
                        quote = rule.group(int(item[-1])) if item[-1].isdigit() else ""
                        out.append(k.SMART_QUOTE_CHARS[k.SQ_SUBSTS.get((item, quote), item)])
                position = rule.end()
                break
        elif kind == "symbol":
            name = k.TYPOGRAPHIC_SYMS[match.group()]
            out.append(name if name.startswith("&") else k.TYPOGRAPHIC_CHARS[name])
            position = match.end()
        elif kind == "entity":  # entity_output: as_char, like kramdown's converter
            reference = match.group()[1:-1]
            try:
                if reference.startswith("#x"):
                    parsed = k.entity(int(reference[2:], 16))
                elif reference.startswith("#"):
                    parsed = k.entity(int(reference[1:]))
                else:
                    parsed = k.entity(reference)
                out.append(k.entity_to_str(parsed, match.group()))
            except (KeyError, ValueError):
                out.append("&amp;" + match.group()[1:])
            position = match.end()
        else:  # an HTML tag: kept as written
            out.append(match.group())
            position = match.end()
    return "".join(out)


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SMARTY: re.Pattern[str] | None = None


def _smarty_start() -> re.Pattern[str]:
    """Where the next SmartyPants span starts (kramdown's span parser order)."""
    global _SMARTY
    if _SMARTY is None:
        from bloglint.render import kramdown as k

        _SMARTY = re.compile(
            f"(?P<quote>{k.SMART_QUOTES_RE})"
            r"|(?P<entity>&(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)"
            f"|(?P<symbol>{k.TYPOGRAPHIC_SYMS_RE})"
            r"|(?P<html></?[a-zA-Z][^<>]*>)",
            re.MULTILINE,
        )
    return _SMARTY


# --------------------------------------------------------------------------------------------
# Drops: the objects templates see. Mappings with lazily computed values.


class Drop(Mapping[str, Any]):
    """A read-only mapping whose values may be computed on first use (like Jekyll's drops)."""

    def _keys(self) -> list[str]:
        raise NotImplementedError

    def _lookup(self, key: str) -> Any:
        raise KeyError(key)

    def __getitem__(self, key: object) -> Any:
        if not isinstance(key, str):
            raise KeyError(key)
        return self._lookup(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def __contains__(self, key: object) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __str__(self) -> str:
        return json.dumps(to_plain(self), ensure_ascii=False, default=str)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


class DocumentDrop(Drop):
    """A post (or collection document) as templates see it: `post.url`, `post.content`..."""

    BUILTIN = (
        "content",
        "output",
        "path",
        "relative_path",
        "url",
        "id",
        "date",
        "title",
        "slug",
        "ext",
        "name",
        "categories",
        "tags",
        "collection",
        "excerpt",
        "next",
        "previous",
        "draft",
    )

    def __init__(self, renderer: JekyllLiquid, post: Post, index: int) -> None:
        self.renderer = renderer
        self.post = post
        self.index = index  # position in site.posts (descending date)

    def _keys(self) -> list[str]:
        keys = list(self.BUILTIN)
        keys += [k for k in self.post.data if k not in keys]
        return keys

    def _lookup(self, key: str) -> Any:
        post = self.post
        if key == "content":
            return self.renderer.post_content(post)
        if key == "output":
            return self.renderer.post_content(post)
        if key == "excerpt":
            return self.renderer.post_excerpt(post)
        if key == "url":
            return post.url
        if key == "id":
            return post.id
        if key == "date":
            return RubyTime.of(post.date)
        if key == "title":
            return post.title
        if key == "categories":
            return list(post.categories)
        if key == "tags":
            return list(post.tags)
        if key == "slug":
            return post.slug
        if key == "path":
            return post.data.get("path", post.source.relpath)
        if key == "relative_path":
            return post.source.relpath
        if key == "name":
            return post.source.relpath.rsplit("/", 1)[-1]
        if key == "ext":
            name = post.source.relpath.rsplit("/", 1)[-1]
            return "." + name.rsplit(".", 1)[-1] if "." in name else ""
        if key == "collection":
            return post.collection
        if key == "draft":
            return post.draft
        if key == "next":
            return self.renderer.neighbour(self.index, -1)
        if key == "previous":
            return self.renderer.neighbour(self.index, +1)
        if key in post.data:
            return post.data[key]
        raise KeyError(key)


class PageDrop(Drop):
    """A page (a file with front matter outside collections) as `page` / `site.pages` items."""

    def __init__(self, renderer: JekyllLiquid, page: SourceFile) -> None:
        self.renderer = renderer
        self.page = page

    def _keys(self) -> list[str]:
        return ["content", "url", "path", "name", "dir", *self.page.front_matter]

    def _lookup(self, key: str) -> Any:
        page = self.page
        if key == "content":
            return page.body
        if key == "url":
            return self.renderer.site.url_of(page)
        if key == "path":
            return page.front_matter.get("path", page.relpath)
        if key == "name":
            return page.relpath.rsplit("/", 1)[-1]
        if key == "dir":
            url = self.renderer.site.url_of(page)
            return url[: url.rfind("/") + 1] or "/"
        if key in page.front_matter:
            return page.front_matter[key]
        raise KeyError(key)


class SiteDrop(Drop):
    """`site`: the config keys plus time, posts, pages, categories, tags, data, collections."""

    COMPUTED = (
        "time",
        "posts",
        "pages",
        "html_pages",
        "categories",
        "tags",
        "data",
        "collections",
        "documents",
        "static_files",
        "related_posts",
    )

    def __init__(self, renderer: JekyllLiquid) -> None:
        self.renderer = renderer
        self._cache: dict[str, Any] = {}

    def _keys(self) -> list[str]:
        config = self.renderer.site.config
        return [*config, *(k for k in self.COMPUTED if k not in config)]

    def _lookup(self, key: str) -> Any:
        if key in self._cache:
            return self._cache[key]
        renderer = self.renderer
        site = renderer.site
        value: Any
        if key == "time":
            value = RubyTime.of(renderer.build_time)
        elif key == "posts":
            value = renderer.post_drops
        elif key in ("pages", "html_pages"):
            value = [PageDrop(renderer, page) for page in site.pages]
            if key == "html_pages":
                value = [p for p in value if str(p["url"]).endswith(("/", ".html"))]
        elif key in ("categories", "tags"):
            value = renderer.grouped_posts(key)
        elif key == "data":
            value = load_data_dir(site.root / str(site.config.get("data_dir") or "_data"))
        elif key == "collections":
            value = renderer.collection_drops()
        elif key == "documents":
            value = renderer.post_drops + [
                DocumentDrop(renderer, doc, -1) for doc in getattr(site, "documents", [])
            ]
        elif key == "static_files":
            value = [
                {"path": "/" + rel, "name": rel.rsplit("/", 1)[-1]}
                for rel in getattr(site, "static_files", [])
            ]
        elif key == "related_posts":
            value = []  # only filled while a post itself renders
        elif key in site.config:
            value = site.config[key]
        else:
            raise KeyError(key)
        self._cache[key] = value
        return value


def load_data_dir(directory: Path) -> dict[str, Any]:
    """`site.data`: every YAML/JSON/CSV/TSV file under `_data`, keyed by name (dirs nest)."""
    data: dict[str, Any] = {}
    if not directory.is_dir():
        return data
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith((".", "_", "#", "~")):
            continue
        if entry.is_dir():
            data[entry.name] = load_data_dir(entry)
            continue
        suffix = entry.suffix.lower()
        try:
            text = entry.read_text(encoding="utf-8-sig")
            if suffix in (".yml", ".yaml"):
                from bloglint.source import load_yaml

                data[entry.stem] = load_yaml(text)
            elif suffix == ".json":
                data[entry.stem] = json.loads(text)
            elif suffix in (".csv", ".tsv"):
                import csv
                import io

                delimiter = "\t" if suffix == ".tsv" else ","
                data[entry.stem] = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        except Exception:  # noqa: BLE001 - OSError, decoding, YAML/JSON/CSV errors alike
            # Jekyll would stop on a broken data file; templates then just see it missing.
            continue
    return data


def to_plain(value: Any) -> Any:
    """Turn drops and times into JSON-able values (for jsonify and inspect)."""
    if isinstance(value, DocumentDrop):
        return {k: to_plain(value[k]) for k in value if k not in ("next", "previous")}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return RubyTime.of(value).strftime("%Y-%m-%d %H:%M:%S %z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_undefined(value):
        return None
    return value


def _prop(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        try:
            return item[name]
        except KeyError:
            return None
    return None


# --------------------------------------------------------------------------------------------
# Tags: Jekyll's post_url, link, include, include_relative and highlight.


class _TextNode(liquid_ast.Node):
    """A node whose output is computed by a callback from the raw tag markup."""

    __slots__ = ("markup", "render_markup")

    def __init__(
        self, token: Any, markup: str, render_markup: Callable[[RenderContext, str], str]
    ) -> None:
        super().__init__(token)
        self.markup = markup
        self.render_markup = render_markup

    def __str__(self) -> str:
        return self.markup

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(self.render_markup(context, self.markup))

    def children(self, static_context: Any, *, include_partials: bool = True) -> list[Any]:
        return []


class _MarkupTag(Tag):
    """A tag whose whole expression is read as text (`{% post_url 2020-01-01-x %}`)."""

    block = False
    renderer: JekyllLiquid

    def render_markup(self, context: RenderContext, markup: str) -> str:
        raise NotImplementedError

    def parse(self, stream: TokenStream) -> liquid_ast.Node:
        # Leave the stream on the tag's last token: the parser steps past it.
        token = stream.current
        markup = ""
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
            markup = stream.current.value
        return _TextNode(token, markup.strip(), self.render_markup)


class PostUrlTag(_MarkupTag):
    name = "post_url"

    def render_markup(self, context: RenderContext, markup: str) -> str:
        post = self.renderer.find_post(markup.strip())
        if post is None:
            raise LiquidError(
                f"could not find post `{markup}` in tag 'post_url'; "
                "make sure the post exists and the name is correct",
                token=None,
            )
        return self.renderer.baseurl_prefix() + post.url


class LinkTag(_MarkupTag):
    name = "link"

    def render_markup(self, context: RenderContext, markup: str) -> str:
        path = self.renderer.expand_markup(context, markup).strip()
        url = self.renderer.find_url(path)
        if url is None:
            raise LiquidError(
                f"could not find document `{path}` in tag 'link'; "
                "make sure the path exists and is spelled correctly",
                token=None,
            )
        return self.renderer.baseurl_prefix() + url


_INCLUDE_RE = re.compile(r"^\s*(\{\{.+?\}\}|\S+)\s*(.*)$", re.DOTALL)
_INCLUDE_PARAM_RE = re.compile(
    r"([\w-]+)\s*=\s*(?:\"([^\"\\]*(?:\\.[^\"\\]*)*)\"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.\-\[\]'\"]+))"
)


class IncludeTag(_MarkupTag):
    """Jekyll's `{% include file.html key="value" other=page.var %}` (params as `include.*`)."""

    name = "include"
    relative = False

    def render_markup(self, context: RenderContext, markup: str) -> str:
        renderer = self.renderer
        match = _INCLUDE_RE.match(markup)
        if not match:
            raise LiquidError("invalid syntax for include tag", token=None)
        file_name = renderer.expand_markup(context, match.group(1)).strip()
        params: dict[str, Any] = {}
        for param in _INCLUDE_PARAM_RE.finditer(match.group(2)):
            key, dq, sq, var = param.groups()
            if dq is not None:
                params[key] = dq.replace('\\"', '"')
            elif sq is not None:
                params[key] = sq.replace("\\'", "'")
            else:
                params[key] = renderer.evaluate(context, var)
        return renderer.render_include(context, file_name, params, relative=self.relative)


class IncludeRelativeTag(IncludeTag):
    name = "include_relative"
    relative = True


class _HighlightNode(liquid_ast.Node):
    __slots__ = ("markup", "code", "renderer")

    def __init__(self, token: Any, markup: str, code: str, renderer: JekyllLiquid) -> None:
        super().__init__(token)
        self.markup = markup
        self.code = code
        self.renderer = renderer

    def __str__(self) -> str:
        return f"{{% highlight {self.markup} %}}{self.code}{{% endhighlight %}}"

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        # Jekyll puts the converter's highlighter_prefix/suffix ("\n" for Markdown) around
        # the block, so kramdown sees it as a block of its own.
        prefix = to_text(context.resolve("highlighter_prefix", default=""))
        suffix = to_text(context.resolve("highlighter_suffix", default=""))
        return buffer.write(prefix + self.renderer.highlight_block(self.markup, self.code) + suffix)

    def children(self, static_context: Any, *, include_partials: bool = True) -> list[Any]:
        return []


class HighlightTag(Tag):
    """`{% highlight lang [linenos] %}code{% endhighlight %}`: the body is not Liquid (a raw block)."""

    name = "highlight"
    end = "endhighlight"
    block = True
    renderer: JekyllLiquid

    def parse(self, stream: TokenStream) -> liquid_ast.Node:
        token = stream.eat(TOKEN_TAG)
        markup = ""
        if stream.current.kind == TOKEN_EXPRESSION:
            markup = stream.current.value.strip()
            next(stream)
        # Jekyll's highlight is a Liquid::Block, so its body is parsed as Liquid; we keep the
        # source text of the body as the code, like Jekyll's output for tag-free code.
        source = token.source
        start = stream.current.start_index
        while not (stream.current.kind == TOKEN_TAG and stream.current.value == self.end):
            if stream.current.kind == "eof" or stream.current.start_index < 0:
                raise LiquidSyntaxError("'highlight' tag was never closed", token=token)
            next(stream)
        end_index = stream.current.start_index
        code_source = source[start:end_index]
        # Cut the `{%`/`{%-` that opens the end tag from the captured text.
        code_source = re.sub(r"\{%-?\s*$", "", code_source)
        return _HighlightNode(token, markup, code_source, self.renderer)


# --------------------------------------------------------------------------------------------
# The environment and the renderer.


class _JekyllEnvironment(Environment):
    """python-liquid in Jekyll's `warn` mode: parse errors are recorded, render errors raise."""

    def __init__(self, renderer: JekyllLiquid) -> None:
        self.renderer = renderer
        super().__init__(tolerance=Mode.LAX, strict_filters=False)
        self.suppress_blank_control_flow_blocks = True

    def error(
        self,
        exc: type[LiquidError] | LiquidError,
        msg: str | None = None,
        token: Any = None,
    ) -> None:
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        elif not exc.token:
            exc.token = token
        self.renderer._on_error(exc)


class JekyllLiquid:
    """Renders a site's posts and templates the way Jekyll 4.3 does (Liquid, then Markdown).

    `markdown` converts Markdown after Liquid (bloglint.kramdown.render_markdown by default);
    `cache` keeps converted HTML between runs. Syntax warnings accumulate in `issues`.
    """

    def __init__(
        self,
        site: Site,
        *,
        build_time: dt.datetime | None = None,
        flavour: str = DEFAULT_FLAVOUR,
        markdown: Callable[[str], str] | None = None,
        cache: RenderCache | None = None,
    ) -> None:
        if flavour not in FLAVOURS:
            raise ValueError(f"unknown flavour {flavour!r}; use one of {', '.join(FLAVOURS)}")
        self.site = site
        self.flavour = flavour
        self.zone = getattr(site, "timezone", None) or site_timezone(site.config)
        # GitHub Pages builds in production; a local `jekyll build` defaults to development.
        default_environment = "production" if flavour == "github-pages" else "development"
        self.environment = os.environ.get("JEKYLL_ENV") or default_environment
        self.build_time = (build_time or dt.datetime.now(dt.timezone.utc)).astimezone(self.zone)
        self._markdown = markdown
        self.cache = cache
        self.issues: list[LiquidIssue] = []
        self._issue_keys: set[tuple[str, int, int, str]] = set()
        self._where: list[tuple[str, int]] = []  # (relpath, first line) of what is being parsed
        self._rendering = 0
        self._fatal: list[LiquidRenderError] = []  # syntax errors Jekyll does not forgive
        self._source = ""  # the template being parsed
        self._lax_outputs: set[int] = set()  # where `{{` markup needs Ruby's lax reading
        self._quiet = False
        self._content: dict[int, str] = {}
        # Posts whose HTML a worker is still making: id -> (post, Markdown text, conversions).
        self._converting: dict[int, tuple[Post, str, Conversions]] = {}
        self._liquid: dict[int, str] = {}
        self._excerpt: dict[int, str] = {}
        self._includes: dict[Path, Any] = {}
        self._expressions: dict[str, Any] = {}
        self.env = _JekyllEnvironment(self)
        self._register()

    # -- setup ---------------------------------------------------------------------------

    def _register(self) -> None:
        env = self.env
        apos = self.flavour == "jekyll4"
        for tag in (PostUrlTag, LinkTag, IncludeTag, IncludeRelativeTag, HighlightTag):
            instance = tag(env)
            instance.renderer = self  # type: ignore[attr-defined]
            env.tags[tag.name] = instance
        zone = self.zone

        def as_time(value: object) -> dt.datetime:
            parsed = parse_time(value, zone)
            if parsed is None:
                raise LiquidError(f"invalid date `{to_text(value)}`", token=None)
            return parsed.astimezone(zone)

        def date_to_string(value: object, kind: str | None = None, style: str | None = None) -> str:
            if value is None or is_undefined(value) or value == "":
                return to_text(value)
            return _date_string(as_time(value), "%b", kind, style)

        def date_to_long_string(
            value: object, kind: str | None = None, style: str | None = None
        ) -> str:
            if value is None or is_undefined(value) or value == "":
                return to_text(value)
            return _date_string(as_time(value), "%B", kind, style)

        def date_to_xmlschema(value: object) -> Any:
            if value is None or is_undefined(value) or value == "":
                return value
            return ruby_strftime(as_time(value), "%Y-%m-%dT%H:%M:%S%:z")

        def date_to_rfc822(value: object) -> Any:
            if value is None or is_undefined(value) or value == "":
                return value
            return ruby_strftime(as_time(value), "%a, %d %b %Y %H:%M:%S %z")

        def date(value: object, fmt: object = None) -> Any:
            # Liquid's date: a value it cannot read comes back unchanged.
            if fmt is None or is_undefined(fmt) or to_text(fmt) == "":
                return value
            parsed = parse_time(value, zone)
            if parsed is None:
                return value
            # Ruby's Time.parse keeps an offset written in the string (no localtime here).
            written = _WRITTEN_OFFSET.search(value) if isinstance(value, str) else None
            if written:
                parsed = parsed.astimezone(_offset_zone(written))
            return ruby_strftime(parsed, to_text(fmt))

        filters: dict[str, Callable[..., Any]] = {
            "date": date,
            "date_to_xmlschema": date_to_xmlschema,
            "date_to_rfc822": date_to_rfc822,
            "date_to_string": date_to_string,
            "date_to_long_string": date_to_long_string,
            "xml_escape": lambda value: xml_escape(value, apos=apos),
            "cgi_escape": cgi_escape,
            "escape": escape_html,
            "h": escape_html,
            "escape_once": escape_once,
            "uri_escape": uri_escape,
            "absolute_url": self.absolute_url,
            "relative_url": self.relative_url,
            "strip_html": strip_html,
            "normalize_whitespace": normalize_whitespace,
            "number_of_words": number_of_words,
            "slugify": slugify,
            "markdownify": lambda value: self.markdown(to_text(value)),
            "smartify": smartify,
            "array_to_sentence_string": array_to_sentence_string,
            "jsonify": lambda value: json.dumps(
                to_plain(value), ensure_ascii=False, separators=(",", ":"), default=str
            ),
            # Jekyll: `xml_escape(input.inspect)`.
            "inspect": lambda value: xml_escape(
                json.dumps(to_plain(value), ensure_ascii=False, default=str), apos=apos
            ),
            "where": _where,
            "where_exp": self._where_exp,
            "find": lambda items, prop, value: next(iter(_where(items, prop, value)), None),
            "find_exp": lambda items, var, expr: next(
                iter(self._where_exp(items, var, expr)), None
            ),
            "group_by": _group_by,
            "group_by_exp": self._group_by_exp,
            "sort": _sort,
            "sample": lambda items, n=1: (
                list(items)[: int(n)] if n != 1 else next(iter(items), None)
            ),
            "push": lambda items, item: [*(items or []), item],
            "pop": lambda items, n=1: list(items)[: -int(n)] if int(n) else list(items),
            "shift": lambda items, n=1: list(items)[int(n) :],
            "unshift": lambda items, item: [item, *(items or [])],
            "to_integer": lambda value: (
                int(float(to_text(value) or 0)) if not isinstance(value, bool) else int(value)
            ),
        }
        for name, func in filters.items():
            env.add_filter(name, func)

    # -- diagnostics ---------------------------------------------------------------------

    def _on_error(self, exc: LiquidError) -> None:
        relpath, first_line = self._where[-1] if self._where else ("", 1)
        line, column = 1, 1
        token = exc.token
        message = str(exc.message if exc.message is not None else exc)
        source, index = self._source, -1
        if token is not None and getattr(token, "start_index", -1) >= 0:
            source, index = token.source, token.start_index
        unclosed = re.match(r"expected tag end(\w+)", message)
        if unclosed:  # point at the block that was never closed, not at the end
            opening = list(re.finditer(r"\{%-?\s*" + unclosed.group(1) + r"\b", source))
            index = opening[-1].start() if opening else index
        if index >= 0:
            line = source.count("\n", 0, index) + 1
            column = index - (source.rfind("\n", 0, index) + 1) + 1
        if self._rendering:
            raise LiquidRenderError(message, relpath, first_line + line - 1)
        if not _inside_output(source, index):
            # Only `{{ ... }}` markup is parsed leniently (a warning); a bad, unknown,
            # stray or unclosed tag is a Liquid::SyntaxError that stops Jekyll's build.
            self._fatal.append(
                LiquidRenderError(f"liquid syntax error: {message}", relpath, first_line + line - 1)
            )
            return
        self._lax_outputs.add(source.rfind("{{", 0, index + 1))
        if self._quiet:
            return
        key = (relpath, first_line + line - 1, column, message)
        if key not in self._issue_keys:
            self._issue_keys.add(key)
            self.issues.append(LiquidIssue(relpath, first_line + line - 1, column, message))

    # -- rendering -----------------------------------------------------------------------

    def parse(self, source: str, relpath: str, first_line: int = 1) -> Any:
        """Parse a template, recording syntax errors as issues at file lines."""
        self._where.append((relpath, first_line))
        rendering, self._rendering = self._rendering, 0  # a nested parse only warns
        fatal, self._fatal = self._fatal, []
        outer_source, self._source = self._source, source
        lax, self._lax_outputs = self._lax_outputs, set()
        try:
            try:
                template = self.env.from_string(source, name=relpath)
            except LiquidError as err:  # unterminated `{{` or `{%`: the lexer gives up
                self._on_error(err)
                template = None
            if self._fatal:
                raise self._fatal[0]
            if self._lax_outputs:
                # Ruby Liquid re-reads bad `{{ }}` markup leniently; do the same, quietly.
                self._quiet = True
                try:
                    template = self.env.from_string(
                        _lax_outputs(source, self._lax_outputs), name=relpath
                    )
                finally:
                    self._quiet = False
            return template
        finally:
            self._lax_outputs = lax
            self._fatal = fatal
            self._source = outer_source
            self._rendering = rendering
            self._where.pop()

    def render(
        self,
        source: str,
        relpath: str,
        *,
        first_line: int = 1,
        page: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> str:
        """Render template text with Jekyll's payload (`site`, `page`, `jekyll`, ...).

        Raises LiquidRenderError (file and line) where Jekyll would stop the build.
        """
        if "{{" not in source and "{%" not in source:
            return source  # Liquid would copy it unchanged; skip the parse
        template = self.parse(source, relpath, first_line)
        payload = self.payload(page)
        if extra:
            payload.update(extra)
        self._where.append((relpath, first_line))
        self._rendering += 1
        try:
            return template.render(payload)
        except LiquidRenderError:
            raise
        except LiquidError as err:
            self._rendering = 0
            self._on_error(err)
            raise AssertionError("unreachable") from err
        except RecursionError as err:
            raise LiquidRenderError(
                "templates include each other endlessly", relpath, first_line
            ) from err
        except Exception as err:  # noqa: BLE001 - a filter got a value it cannot handle
            raise LiquidRenderError(f"{type(err).__name__}: {err}", relpath, first_line) from err
        finally:
            self._rendering = max(0, self._rendering - 1)
            self._where.pop()

    def payload(self, page: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The variables Jekyll gives every template."""
        return {
            "site": self.site_drop,
            "page": page if page is not None else {},
            "jekyll": {"version": FLAVOURS[self.flavour], "environment": self.environment},
            "paginator": None,
        }

    def markdown(self, text: str) -> str:
        """Convert Markdown (already through Liquid) to HTML, using the cache when there is one."""
        if self.cache is not None:
            cached = self.cache.get(text)
            if cached is not None:
                return cached  # and the converter is never imported
        convert = self._markdown
        if convert is None:
            convert = self._markdown = default_markdown()
        result = convert(text)
        if self.cache is not None:
            self.cache.put(text, result)
        return result

    def _converter_payload(self, post: Post) -> dict[str, str]:
        # Jekyll's kramdown converter asks for "\n" around highlight blocks.
        if self.is_markdown(post):
            return {"highlighter_prefix": "\n", "highlighter_suffix": "\n"}
        return {}

    def is_markdown(self, post: Post) -> bool:
        """Whether Jekyll converts this document with kramdown (`markdown_ext`)."""
        return is_markdown_file(post.source.relpath, self.site.config)

    def convert(self, post: Post, text: str) -> str:
        """Jekyll's converter step: Markdown files through kramdown, others unchanged."""
        return self.markdown(text) if self.is_markdown(post) else text

    def post_content(self, post: Post) -> str:
        """`post.content`: the body through Liquid then Markdown, rendered once per run."""
        key = id(post)
        if key not in self._content:
            waiting = self._converting.pop(key, None)
            if waiting is not None:
                self._take(*waiting)
        if key not in self._content:
            self._content[key] = self._convert_or_fail(post, self.liquid_body(post))
        return self._content[key]

    def liquid_body(self, post: Post) -> str:
        """The post body after Liquid, before Markdown (what kramdown receives)."""
        key = id(post)
        if key not in self._liquid:
            body = post.source.body
            if post.data.get("render_with_liquid") is not False:
                body = self.render(
                    body,
                    post.source.relpath,
                    first_line=post.source.body_line,
                    page=self.drop_for(post),
                    extra=self._converter_payload(post),
                )
            self._liquid[key] = body
        return self._liquid[key]

    def prerender(
        self,
        posts: Sequence[Post],
        workers: int | None = None,
        conversions: Conversions | None = None,
    ) -> None:
        """Convert many posts' Markdown up front, on all cores, filling the cache.

        `conversions` may already be converting some bodies (started before python-liquid
        was even imported); the rest join it. Only an optimisation: problems (Liquid errors,
        converter failures) are left for `post_content` to raise at the usual place.
        """
        pending: list[tuple[Post, str]] = []
        for post in posts:
            if id(post) in self._content or not self.is_markdown(post):
                continue
            try:
                text = self.liquid_body(post)
            except LiquidRenderError:
                continue
            cached = self.cache.get(text) if self.cache is not None else None
            if cached is not None:
                self._content[id(post)] = cached
            else:
                pending.append((post, text))
        if not pending or self._markdown is not None:
            return  # nothing to do, or a custom converter
        if conversions is not None:
            # The caller keeps the workers running: each post waits for its HTML only when
            # the template asks for it, so rendering overlaps the last conversions.
            conversions.submit(text for _, text in pending)
            for post, text in pending:
                if text in conversions:
                    self._converting[id(post)] = (post, text, conversions)
            return
        conversions = Conversions(workers)
        try:
            conversions.submit(text for _, text in pending)
            for post, text in pending:
                self._take(post, text, conversions)
        finally:
            conversions.close()

    def _take(self, post: Post, text: str, conversions: Conversions) -> None:
        """Keep the HTML a worker made for `post` (nothing when that conversion failed)."""
        html_text = conversions.get(text)
        if html_text is not None:
            self._content[id(post)] = html_text
            if self.cache is not None:
                self.cache.put(text, html_text)

    def collect(self) -> None:
        """Wait for every conversion `prerender` left running (the cache keeps them all)."""
        while self._converting:
            key, waiting = self._converting.popitem()
            if key not in self._content:
                self._take(*waiting)

    def _convert_or_fail(self, post: Post, text: str) -> str:
        try:
            return self.convert(post, text)
        except Exception as err:  # noqa: BLE001 - a converter bug must not be a traceback
            raise LiquidRenderError(
                f"the Markdown converter failed ({type(err).__name__}: {err})",
                post.source.relpath,
                post.source.body_line,
            ) from err

    def post_excerpt(self, post: Post) -> str:
        """`post.excerpt`: front-matter `excerpt`, else the rendered text before the separator."""
        if "excerpt" in post.data:
            return to_text(post.data["excerpt"])
        key = id(post)
        if key not in self._excerpt:
            text = post.excerpt or ""
            if text and post.data.get("render_with_liquid") is not False:
                text = self.render(
                    text,
                    post.source.relpath,
                    first_line=post.source.body_line,
                    page=self.drop_for(post),
                    extra=self._converter_payload(post),
                )
            self._excerpt[key] = self._convert_or_fail(post, text) if text else ""
        return self._excerpt[key]

    # -- drops ---------------------------------------------------------------------------

    @cached_property
    def site_drop(self) -> SiteDrop:
        return SiteDrop(self)

    @cached_property
    def post_drops(self) -> list[DocumentDrop]:
        return [DocumentDrop(self, post, i) for i, post in enumerate(self.site.posts)]

    @cached_property
    def _drop_index(self) -> dict[int, DocumentDrop]:
        return {id(drop.post): drop for drop in self.post_drops}

    def drop_for(self, post: Post) -> DocumentDrop:
        return self._drop_index.get(id(post)) or DocumentDrop(self, post, -1)

    def neighbour(self, index: int, step: int) -> DocumentDrop | None:
        # site.posts is newest first; Jekyll's `next` is the newer post.
        target = index + step
        if index < 0 or not 0 <= target < len(self.post_drops):
            return None
        return self.post_drops[target]

    def grouped_posts(self, attribute: str) -> dict[str, list[DocumentDrop]]:
        groups: dict[str, list[DocumentDrop]] = {}
        for drop in self.post_drops:
            for name in getattr(drop.post, attribute):
                groups.setdefault(str(name), []).append(drop)
        return groups

    def collection_drops(self) -> list[dict[str, Any]]:
        collections: dict[str, Any] = {
            "posts": {"output": True, "permalink": self.site.config.get("permalink")}
        }
        configured = self.site.config.get("collections")
        if isinstance(configured, Mapping):
            collections.update({k: v or {} for k, v in configured.items()})
        elif isinstance(configured, list):
            collections.update({str(k): {} for k in configured})
        drops: list[dict[str, Any]] = []
        for label, meta in collections.items():
            docs: list[Any]
            if label == "posts":
                docs = self.post_drops
            else:
                docs = [
                    DocumentDrop(self, doc, -1)
                    for doc in getattr(self.site, "documents", [])
                    if doc.collection == label
                ]
            drop = {"label": label, "docs": docs, "files": [], "relative_directory": f"_{label}"}
            if isinstance(meta, Mapping):
                drop.update({str(k): v for k, v in meta.items()})
            drops.append(drop)
        return drops

    # -- helpers for filters and tags ---------------------------------------------------

    def baseurl_prefix(self) -> str:
        return str(self.site.config.get("baseurl") or "").rstrip("/")

    def relative_url(self, value: object) -> Any:
        if value is None or is_undefined(value):
            return value
        text = to_text(value.get("url", "") if isinstance(value, Mapping) else value)
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text):
            return text
        parts = [self.baseurl_prefix(), text]
        joined = "".join(p if not p or p.startswith("/") else "/" + p for p in parts)
        return _normalize_url(joined)

    def absolute_url(self, value: object) -> Any:
        if value is None or is_undefined(value):
            return value
        text = to_text(value.get("url", "") if isinstance(value, Mapping) else value)
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text):
            return text
        site_url = to_text(self.site.config.get("url"))
        return _normalize_url(site_url + to_text(self.relative_url(text)))

    def find_post(self, name: str) -> Post | None:
        return self.site.post_by_name(name)

    def find_url(self, path: str) -> str | None:
        item = self.site.page_by_path(path)
        return None if item is None else self.site.url_of(item)

    def expand_markup(self, context: RenderContext, markup: str) -> str:
        """Render `{{ ... }}` inside tag markup with the current variables."""
        if "{{" not in markup:
            return markup
        template = self.env.from_string(markup)
        buffer = io.StringIO()
        template.render_with_context(context, buffer, partial=True)
        return buffer.getvalue()

    def evaluate(self, context: RenderContext, expression: str) -> Any:
        compiled = self._expressions.get(expression)
        if compiled is None:
            parent = Token(TOKEN_EXPRESSION, expression, 0, expression)
            compiled = parse_primitive(self.env, TokenStream(tokenize(expression, parent)))  # type: ignore[arg-type]
            self._expressions[expression] = compiled
        return compiled.evaluate(context)

    def render_include(
        self, context: RenderContext, name: str, params: dict[str, Any], *, relative: bool
    ) -> str:
        root = self.site.root
        if relative:
            current = self._where[-1][0] if self._where else ""
            base = (root / current).parent
        else:
            base = root / str(self.site.config.get("includes_dir") or "_includes")
        path = (base / name).resolve()
        if not str(path).startswith(str(root.resolve())) or not path.is_file():
            raise LiquidError(
                f"could not locate the included file `{name}` in `{base.relative_to(root) if base.is_relative_to(root) else base}`",
                token=None,
            )
        template = self._includes.get(path)
        relpath = path.relative_to(root.resolve()).as_posix()
        if template is None:
            template = self.parse(path.read_text(encoding="utf-8"), relpath)
            self._includes[path] = template
        buffer = io.StringIO()
        self._where.append((relpath, 1))
        try:
            with context.extend({"include": params}):
                template.render_with_context(context, buffer, partial=True)
        finally:
            self._where.pop()
        return buffer.getvalue()

    def highlight_block(self, markup: str, code: str) -> str:
        """Jekyll's highlight tag wrapped around rouge-style highlighted code."""
        parts = markup.split()
        lang = (parts[0] if parts else "plaintext").lower()
        code = re.sub(r"\A(\r?\n)+|(\r?\n)+\Z", "", code)
        # Jekyll: `Rouge::Lexer.find_fancy(lang) || Rouge::Lexers::PlainText`.
        from bloglint.render.highlight import highlight

        highlighted = highlight(code, lang, block=False)
        if highlighted is None:
            highlighted = html.escape(code, quote=False)
        if "linenos" in parts[1:]:
            # rouge's table formatter: a gutter of line numbers beside the code.
            numbers = "".join(f"{n}\n" for n in range(1, code.count("\n") + 2))
            highlighted = (
                '<table class="rouge-table"><tbody><tr><td class="gutter gl">'
                f'<pre class="lineno">{numbers}</pre></td><td class="code"><pre>'
                f"{highlighted}\n</pre></td></tr></tbody></table>"
            )
        return (
            f'<figure class="highlight"><pre><code class="language-{lang}" data-lang="{lang}">'
            f"{highlighted}</code></pre></figure>"
        )

    def _where_exp(self, items: object, variable: str, expression: str) -> list[Any]:
        if not isinstance(items, (list, tuple, Mapping)):
            return []
        values = list(items.values()) if isinstance(items, Mapping) else list(items)
        template = self._expressions.get("where:" + expression)
        if template is None:
            template = self.env.from_string(f"{{% if {expression} %}}1{{% endif %}}")
            self._expressions["where:" + expression] = template
        payload = self.payload()
        return [item for item in values if template.render({**payload, variable: item}) == "1"]

    def _group_by_exp(self, items: object, variable: str, expression: str) -> list[dict[str, Any]]:
        if not isinstance(items, (list, tuple)):
            return []
        template = self.env.from_string(f"{{{{ {expression} }}}}")
        groups: dict[str, list[Any]] = {}
        payload = self.payload()
        for item in items:
            groups.setdefault(template.render({**payload, variable: item}), []).append(item)
        return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


_WRITTEN_OFFSET = re.compile(r"(?:\d\s*|T[\d:.]+)(Z|UTC|GMT|([+-])(\d{2}):?(\d{2}))\s*$", re.I)


def _offset_zone(match: re.Match[str]) -> dt.tzinfo:
    if match.group(2) is None:
        return dt.timezone.utc
    delta = dt.timedelta(hours=int(match.group(3)), minutes=int(match.group(4)))
    return dt.timezone(-delta if match.group(2) == "-" else delta)


# Ruby Liquid's lax Variable parser (Liquid 5 `Variable#lax_parse`), as regular expressions.
_QUOTED = r"\"[^\"]*\"|'[^']*'"
_FRAGMENT = rf"(?:{_QUOTED})|(?:[^\s,\|'\"]|(?:{_QUOTED}))+"
_LOOKUP = re.compile(r"\[[^\[\]]*\]|[\w-]+\??")
_FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?(?:{_FRAGMENT}))")
_LITERAL = re.compile(r"^(?:nil|null|true|false|blank|empty|-?\d+(?:\.\d+)?|\(\S+\.\.\S+\))$")


def _lax_expression(markup: str) -> str:
    markup = markup.strip()
    if re.fullmatch(_QUOTED, markup) or _LITERAL.match(markup):
        return markup
    lookups = _LOOKUP.findall(markup)
    if not lookups:
        return "nil"
    return lookups[0] + "".join(x if x.startswith("[") else "." + x for x in lookups[1:])


def lax_output_markup(markup: str) -> str:
    """What Ruby Liquid's lax parser makes of `{{ markup }}` it cannot read strictly."""
    match = re.search(rf"({_FRAGMENT})(.*)", markup, re.DOTALL)
    if not match:
        return "nil"
    parts = [_lax_expression(match.group(1))]
    filters = re.search(r"\|\s*(.*)", match.group(2), re.DOTALL)
    if filters:
        for chunk in re.findall(rf"(?:\s+|{_FRAGMENT}|,)+", filters.group(1)):
            name = re.search(r"\w+", chunk)
            if not name:
                continue
            args = _FILTER_ARGS.findall(chunk)
            parts.append(name.group(0) + (": " + ", ".join(args) if args else ""))
    return " | ".join(parts)


def _lax_outputs(source: str, starts: set[int]) -> str:
    """`source` with the `{{ }}` at `starts` rewritten the lax way (same lines, same places)."""
    pieces = []
    position = 0
    for start in sorted(i for i in starts if i >= 0):
        end = source.find("}}", start + 2)
        if end < 0 or start < position:
            continue
        inner = source[start + 2 : end]
        left = "-" if inner.startswith("-") else ""
        right = "-" if inner.endswith("-") else ""
        markup = inner[len(left) : len(inner) - len(right)]
        rewritten = lax_output_markup(markup)
        pieces.append(source[position:start])
        pieces.append(f"{{{{{left} {rewritten} {right}" + "\n" * markup.count("\n") + "}}")
        position = end + 2
    pieces.append(source[position:])
    return "".join(pieces)


def _inside_output(source: str, index: int) -> bool:
    """Whether `index` lies inside an unclosed `{{ ... }}` (not a `{% ... %}` tag)."""
    if index < 0:
        return False
    output = source.rfind("{{", 0, index + 1)
    tag = source.rfind("{%", 0, index + 1)
    return output > tag and "}}" not in source[output:index]


def _date_string(value: dt.datetime, month: str, kind: str | None, style: str | None) -> str:
    if kind == "ordinal":
        day = value.day
        suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        if style == "US":
            return ruby_strftime(value, f"{month} %-d{suffix}, %Y")
        return ruby_strftime(value, f"%-d{suffix} {month} %Y")
    return ruby_strftime(value, f"%d {month} %Y")


def _normalize_url(url: str) -> str:
    # Addressable's normalize: percent-encode what may not appear raw, keep existing escapes.
    return quote(url, safe="!#$&'()*+,/:;=?@[]~%")


def _where(items: object, prop: str, value: object) -> list[Any]:
    if isinstance(items, Mapping):
        items = list(items.values())
    if not isinstance(items, (list, tuple)):
        return []
    wanted = to_text(value)
    result = []
    for item in items:
        actual = _prop(item, str(prop))
        if isinstance(actual, (list, tuple)):
            if wanted in [to_text(a) for a in actual]:
                result.append(item)
        elif to_text(actual) == wanted:
            result.append(item)
    return result


def _group_by(items: object, prop: str) -> list[dict[str, Any]]:
    if not isinstance(items, (list, tuple)):
        return []
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(to_text(_prop(item, str(prop))), []).append(item)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


def _sort(items: object, prop: object = None, nils: str = "first") -> list[Any]:
    if items is None or is_undefined(items):
        raise LiquidError("cannot sort a null object", token=None)
    values = list(items.values()) if isinstance(items, Mapping) else list(items)  # type: ignore[arg-type]
    if prop is None or is_undefined(prop):
        return sorted(values, key=_sort_key)
    present = [v for v in values if _prop(v, str(prop)) is not None]
    missing = [v for v in values if _prop(v, str(prop)) is None]
    present.sort(key=lambda v: _sort_key(_prop(v, str(prop))))
    return missing + present if nils == "first" else present + missing


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (1, str(value))
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, dt.datetime):
        return (0, value.timestamp())
    return (1, to_text(value))
