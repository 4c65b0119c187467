"""URLs the way Jekyll 4.3 builds them: slugify, permalink templates, escaping, sanitising.

Ports of `Jekyll::Utils.slugify`, `Jekyll::URL` and `Jekyll::Drops::UrlDrop`. Every quirk kept
here was checked against a real `jekyll build` (see tests/test_permalink.py).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import unquote

# Configuration::STYLE_TO_PERMALINK: the named `permalink:` styles.
STYLE_TO_PERMALINK: dict[str, str] = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

# Utils::SLUGIFY_PRETTY_REGEXP keeps these besides letters, marks and decimal digits.
_PRETTY_KEEP = frozenset("._~!$&'()+,;=@")
_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_EDGE_HYPHENS = re.compile(r"^-|-$", re.MULTILINE)
_SLASH_RUNS = re.compile(r"/{2,}")
_RAW_SPACE = re.compile(r"[ \t\n\v\f\r]+")  # Ruby's \s is ASCII only
# For ASCII text: the runs of characters each mode replaces with one hyphen.
_ASCII_SLUG_RUNS = {
    "default": re.compile(r"[^A-Za-z0-9]+"),
    "ascii": re.compile(r"[^A-Za-z0-9]+"),
    "pretty": re.compile(r"[^A-Za-z0-9._~!$&'()+,;=@]+"),
}


def style_to_permalink(style: object) -> str:
    """The template for a `permalink:` value: a named style or the value itself."""
    text = ruby_str(style)
    return STYLE_TO_PERMALINK.get(text, text)


def ruby_str(value: object) -> str:
    """`value.to_s` as Ruby would print a YAML scalar (true, not True; nil is empty)."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _is_slug_char(char: str, mode: str) -> bool:
    if mode == "ascii":
        return char in _ASCII_WORD
    category = unicodedata.category(char)
    if category[0] in "LM" or category == "Nd":
        return True
    return mode == "pretty" and char in _PRETTY_KEEP


def slugify(text: str | None, mode: str = "default", *, cased: bool = False) -> str | None:
    """`Jekyll::Utils.slugify` for the modes raw, default, pretty and ascii ("none" keeps the text).

    Runs of other characters become one hyphen, then one leading and one trailing hyphen go.
    """
    if text is None:
        return None
    if mode not in ("raw", "default", "pretty", "ascii", "latin"):
        return text if cased else text.lower()
    if mode == "latin":  # I18n.transliterate approximation: drop accents, then "default"
        text = (
            unicodedata.normalize("NFKD", text)
            .encode("ascii", "replace")
            .decode()
            .replace("?", "-")
        )
        mode = "default"
    if mode == "raw":
        slug = _RAW_SPACE.sub("-", text)
    elif text.isascii():  # the common case, without a Python loop over characters
        slug = _ASCII_SLUG_RUNS[mode].sub("-", text)
    else:
        out: list[str] = []
        for char in text:
            if _is_slug_char(char, mode):
                out.append(char)
            elif not out or out[-1] != "-" or _is_slug_char("-", mode):
                out.append("-")
        slug = "".join(out)
    # `slug.gsub!(/^-|-$/, "")`: ^ and $ are line anchors in Ruby.
    slug = _EDGE_HYPHENS.sub("", slug)
    return slug if cased else slug.lower()


def titleize_slug(slug: str) -> str:
    """`Utils.titleize_slug`: split on '-', capitalize each part (rest lowercased), join with spaces."""
    parts = slug.split("-")
    while parts and parts[-1] == "":  # Ruby's String#split drops trailing empty fields
        parts.pop()
    return " ".join(part[:1].upper() + part[1:].lower() for part in parts)


# Characters Addressable::URI.encode leaves alone in a path (RFC 3986 pchar, '/' and the '?'
# that starts a query); '#' always ends up as %23 (Jekyll replaces the fragment mark).
_URL_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?"
)
_PLAIN_PATH = re.compile(r"[a-zA-Z0-9./-]+")


def escape_path(path: str) -> str:
    """`Jekyll::URL.escape_path`: percent-encode what a URL path segment may not hold."""
    if not path or _PLAIN_PATH.fullmatch(path):
        return path
    out: list[str] = []
    for char in path:
        if char in _URL_SAFE:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def unescape_path(path: str) -> str:
    """`Jekyll::URL.unescape_path`: percent-decoding (UTF-8), used for destination paths."""
    return unquote(path) if "%" in path else path


def sanitize_url(url: str) -> str:
    """`URL#sanitize_url`: one leading slash, '..' and './' removed, slashes squeezed."""
    result = ("/" + url).replace("..", "/").replace("./", "")
    return _SLASH_RUNS.sub("/", result)


def ruby_dirname(path: str) -> str:
    """`File.dirname`: trailing slashes are ignored ("/a/b/" -> "/a")."""
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path.startswith("/") else "."
    return posixpath.dirname(stripped) or "."


def ruby_join(*parts: str) -> str:
    """`File.join`: joins with '/' and collapses the doubled separators at the joins."""
    result = ""
    for index, part in enumerate(parts):
        if index == 0:
            result = part
        elif result.endswith("/") and part.startswith("/"):
            result += part[1:]
        elif result.endswith("/") or part.startswith("/"):
            result += part
        else:
            result += "/" + part
    return result


def add_permalink_suffix(template: str, permalink_style: str) -> str:
    """`Utils.add_permalink_suffix`: end a page/collection template like the site's style."""
    if permalink_style == "pretty":
        return template + "/"
    if permalink_style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if permalink_style.endswith("/"):
        template += "/"
    if permalink_style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def date_placeholders(date: datetime) -> dict[str, str]:
    """The date keys of UrlDrop (strftime with C-locale names, ISO week fields)."""
    iso_year, iso_week, iso_weekday = date.isocalendar()
    return {
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "day": f"{date.day:02d}",
        "hour": f"{date.hour:02d}",
        "minute": f"{date.minute:02d}",
        "second": f"{date.second:02d}",
        "i_day": str(date.day),
        "i_month": str(date.month),
        "short_month": _MONTHS[date.month - 1][:3],
        "long_month": _MONTHS[date.month - 1],
        "short_year": f"{date.year % 100:02d}",
        "w_year": str(iso_year),
        "week": f"{iso_week:02d}",
        "w_day": str(iso_weekday),
        "short_day": _DAYS[iso_weekday - 1][:3],
        "long_day": _DAYS[iso_weekday - 1],
        "y_day": f"{date.timetuple().tm_yday:03d}",
    }


_DROP_KEY = re.compile(r":([a-z_]+)")


def generate_url_from_drop(template: str, placeholders: Mapping[str, str]) -> tuple[str, list[str]]:
    """`URL#generate_url_from_drop`: replace each `:key` with its escaped value.

    Returns the URL and the unknown keys, which stay as written (Jekyll stops the build there).
    """
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        # Ruby's `[name, name.chomp!("_")]` mutates `name`: only the chomped key is ever tried,
        # and the '_' stays in the URL ("/:month_:day" -> "/01_31").
        key = name[:-1] if name.endswith("_") else name
        if key not in placeholders:
            unknown.append(name)
            return match.group(0)
        return escape_path(placeholders[key] or "") + match.group(0)[1 + len(key) :]

    return _DROP_KEY.sub(replace, template), unknown


def generate_url_from_hash(template: str, placeholders: Mapping[str, str | None]) -> str:
    """`URL#generate_url_from_hash` (pages): plain substring replacement in key order."""
    result = template
    for key, value in placeholders.items():
        if ":" not in result:
            break
        if value is None:
            result = result.replace(f"/:{key}", "")
        else:
            result = result.replace(f":{key}", escape_path(value))
    return result


def output_ext_for(ext: str, markdown_exts: frozenset[str], permalink: object = None) -> str:
    """`Renderer#output_ext`: the permalink's extension, else the converter's (.md -> .html)."""
    if isinstance(permalink, str) and permalink and not permalink.endswith("/"):
        permalink_ext = posixpath.splitext(permalink)[1]
        if permalink_ext:
            return permalink_ext
    lowered = ext.lower()
    if lowered in markdown_exts:
        return ".html"
    if lowered in (".sass", ".scss"):  # jekyll-sass-converter ships with Jekyll 4
        return ".css"
    return ext


def destination_path(url: str, output_ext: str, *, page: bool = False) -> str:
    """The file a URL is written to, relative to `_site` (`Document/Page#destination`)."""
    path = unescape_path(url)
    if url.endswith("/"):
        if not page:
            return path + "index.html"
        path += "index"
    if not path.endswith(output_ext):
        path += output_ext
    return path
