"""The walk over a site's folders that `load_site` performs, following Jekyll 4.3's reader.

Order of events, as in `Jekyll::Reader#read`: every folder that survives the EntryFilter is
walked; in each one `_posts` (and `_drafts` with drafts on) is read; other files become pages
(front matter on line 1) or static files. Collections are read afterwards.
"""

from __future__ import annotations

import copy
import dataclasses
import fnmatch
import glob
import marshal
import os
import pickle
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bloglint.jekyll_config import config_key_line, deep_merge, load_config, markdown_extensions
from bloglint.jekyll_time import normalize_date, parse_time, resolve_timezone
from bloglint.model import Problem
from bloglint.permalink import (
    add_permalink_suffix,
    date_placeholders,
    destination_path,
    generate_url_from_drop,
    generate_url_from_hash,
    output_ext_for,
    ruby_dirname,
    ruby_join,
    ruby_str,
    sanitize_url,
    slugify,
    titleize_slug,
)
from bloglint.site import Post, Site, SkippedFile
from bloglint.source import SourceFile, has_yaml_header, read_source

if TYPE_CHECKING:
    from bloglint.index import SiteIndex

# Document::DATE_FILENAME_MATCHER / DATELESS_FILENAME_MATCHER (Ruby's \d is ASCII only).
DATE_FILENAME = re.compile(r"^(?:.*/)?([0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2})-([^/]*)(\.[^./]+)$")
DATELESS_FILENAME = re.compile(r"^(?:.*/)?([^/]*)(\.[^./]+)$")
_SPECIAL_LEADING = (".", "_", "#", "~")
# Extensions never holding front matter are not opened to look for it (keeps 30k-file asset
# trees fast). Jekyll opens every file, but a binary that starts with "---\n" does not happen.
_BINARY_EXTENSIONS = frozenset(
    ".png .jpg .jpeg .gif .webp .bmp .ico .tif .tiff .psd .pdf .zip .gz .tgz .bz2 .xz .7z .rar "
    ".tar .woff .woff2 .ttf .eot .otf .mp3 .mp4 .m4a .mov .avi .mkv .webm .ogg .wav .flac .jar "
    ".class .so .dll .exe .pyc .bin .dat .doc .docx .ppt .pptx .xls .xlsx .key .numbers .swf "
    ".ai .eps .dmg .iso .apk .npy .npz .pkl .h5 .onnx .pt .pb .mat".split()
)
# Liquid block tags, for Excerpt#sanctify_liquid_tags.
_LIQUID_BLOCKS = frozenset(
    "if unless for case capture comment raw tablerow ifchanged highlight".split()
)
_LIQUID_TAG = re.compile(r"{%-?\s*(\w+)\s*.*?-?%}", re.DOTALL)
_LINK_REFERENCE = re.compile(r"^ {0,3}(?:(\[[^\]]+\])(:.+))$", re.MULTILINE)


_RUBY_SPACE = re.compile(r"[ \t\n\v\f\r]+")


# The Post fields an outcome records (the source and the parse are the index's business).
_POST_FIELDS = tuple(
    f.name for f in dataclasses.fields(Post) if f.name not in ("source", "parse", "_document")
)

_DATE, _DATA = _POST_FIELDS.index("date"), _POST_FIELDS.index("data")


@dataclass(slots=True)
class _DocumentOutcome:
    """What reading one document did, kept in the index to be replayed for the same content."""

    # The Post's fields in _POST_FIELDS order (a tuple, not a dict: a warm run on a large
    # blog unpickles thousands of these); None: not published.
    post: tuple[Any, ...] | None
    source_problems: list[Problem]
    front_matter_valid: bool
    reader_problems: list[Problem]
    skipped: list[SkippedFile]

    @classmethod
    def record(
        cls, reader: SiteReader, source: SourceFile, post: Post | None, marks: tuple[int, int, int]
    ) -> _DocumentOutcome:
        fields = None if post is None else tuple(getattr(post, name) for name in _POST_FIELDS)
        return cls(
            fields,
            list(source.problems[marks[2] :]),
            source.front_matter_valid,
            list(reader.problems[marks[0] :]),
            list(reader.skipped[marks[1] :]),
        )

    def plain(self, tz: tzinfo) -> tuple[Any, ...] | None:
        """This outcome in values marshal can write, for the posts snapshot; None unless it
        is the common case: no problems, and the post's date in the site's zone."""
        if self.source_problems or self.reader_problems or self.skipped:
            return None
        if self.post is None:
            return (None, self.front_matter_valid)
        fields = list(self.post)
        date, data = fields[_DATE], fields[_DATA]
        if not (isinstance(date, datetime) and date.tzinfo is tz and data.get("date") is date):
            return None
        stamp = (*date.timetuple()[:6], date.microsecond, date.fold)
        fields[_DATE] = stamp
        fields[_DATA] = {**data, "date": stamp}  # the key keeps its place
        return (tuple(fields), self.front_matter_valid)

    @classmethod
    def from_plain(cls, plain: tuple[Any, ...], tz: tzinfo) -> _DocumentOutcome:
        fields, valid = plain
        if fields is None:
            return cls(None, [], valid, [], [])
        fields = list(fields)
        stamp = fields[_DATE]
        date = datetime(*stamp[:7], tzinfo=tz, fold=stamp[7])
        fields[_DATE] = fields[_DATA]["date"] = date
        return cls(tuple(fields), [], valid, [], [])

    def replay(self, reader: SiteReader, source: SourceFile) -> Post | None:
        # The post first: fields of the wrong shape fail here, before anything is recorded.
        post = None if self.post is None else Post(source, *self.post)
        if self.source_problems:
            source.problems.extend(self.source_problems)
        source.front_matter_valid = self.front_matter_valid
        if self.reader_problems:
            reader.problems.extend(self.reader_problems)
        if self.skipped:
            reader.skipped.extend(self.skipped)
        if post is not None and reader.index is not None:
            post.parse = reader.index.document
        return post


def _missing(value: object) -> bool:
    """Ruby's `||=` treats nil and false as missing."""
    return value is None or value is False


def _ruby_array(value: object) -> list[Any]:
    """`Array(value)`."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _flatten(values: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for value in values:
        flat.extend(_flatten(value) if isinstance(value, list) else [value])
    return flat


def _pluralized(data: dict[str, Any], singular: str, plural: str) -> list[Any]:
    """`Utils.pluralized_array_from_hash`: the singular key wins, a plural string is split."""
    value = data.get(singular) if singular in data else None
    if _missing(value):
        value = None
        if plural in data:
            raw = data[plural]
            if isinstance(raw, str):
                value = _ruby_split(raw)
            elif isinstance(raw, list):
                value = [item for item in raw if item is not None]
    return [item for item in _flatten([value]) if item is not None]


def _ruby_split(text: str) -> list[str]:
    """`String#split` without arguments: ASCII white space only (a full-width space stays)."""
    return [part for part in _RUBY_SPACE.split(text) if part]


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _merge_data(data: dict[str, Any], other: dict[str, Any]) -> None:
    """`Document#merge_data!` minus the date step: categories are unioned, the rest deep-merged."""
    other = dict(other)
    categories = other.get("categories")
    if categories is not None:
        if isinstance(categories, str):
            categories = _ruby_split(categories)
        elif not isinstance(categories, list):
            categories = [categories]
        if isinstance(data.get("categories"), list):
            categories = _unique_any(data["categories"] + categories)
        other["categories"] = categories
    data.update(deep_merge(data, other))


def _unique_any(values: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def extract_excerpt(content: str, separator: str) -> str:
    """`Excerpt#extract_excerpt`: text before the separator, plus its link definitions."""
    head, found, tail = content.partition(separator)
    if not found or not tail:
        return head
    if "{%" in head:
        for name in reversed(_LIQUID_TAG.findall(head)):
            if name in _LIQUID_BLOCKS and not re.search(
                rf"{{%-?\s*end{name}.*?\s*-?%}}", head, re.DOTALL
            ):
                head += f"\n{{% end{name} %}}"
    definitions = [label + rest for label, rest in _LINK_REFERENCE.findall(tail) if label in head]
    return head + "\n\n" + "\n".join(definitions) if definitions else head


class _GlobMatcher:
    """Jekyll's `glob_include?` for a list of patterns, compiled once.

    A pattern (relative to the source, taken as "/") matches an entry path that starts with it
    (so `exclude: [README]` also drops README.md), or that File.fnmatch accepts without
    FNM_PATHNAME (`*` crosses '/'), or that is a folder named by the pattern plus '/'.
    """

    def __init__(self, patterns: list[str]) -> None:
        paths = ["/" + pattern.lstrip("/") for pattern in patterns]
        alternatives = [re.escape(path) for path in paths]
        alternatives += [fnmatch.translate(path) for path in paths if any(c in path for c in "*?[")]
        self.regex = (
            re.compile("|".join(f"(?:{alt})" for alt in alternatives)) if alternatives else None
        )
        self.folders = frozenset(path for path in paths if path.endswith("/"))


def _may_hold_front_matter(name: str) -> bool:
    return os.path.splitext(name)[1].lower() not in _BINARY_EXTENSIONS


class SiteReader:
    """Reads one site; `read()` returns the Site. Knows Jekyll's reading rules, nothing else."""

    def __init__(
        self,
        root: Path,
        *,
        drafts: bool,
        future: bool | None,
        now: datetime | None,
        local_timezone: tzinfo,
        index: SiteIndex | None = None,
    ) -> None:
        self.root = root.resolve()
        self.index = index
        self._used_now = False  # set when reading a document looked at today's date
        self._read_source = index.read_source if index else read_source
        self.config = load_config(self.root)
        self.problems: list[Problem] = []
        self.tz, note = resolve_timezone(self.config.get("timezone"), local_timezone)
        if note:
            self.problems.append(
                Problem("_config.yml", config_key_line(self.root, "timezone"), 1, "timezone", note)
            )
        self.now = (now or datetime.now(timezone.utc)).astimezone(self.tz)
        self.show_drafts = bool(drafts or self.config.get("show_drafts"))
        self.future = bool(self.config.get("future")) if future is None else future
        self.unpublished = bool(self.config.get("unpublished"))
        self.markdown = markdown_extensions(self.config)
        self.permalink_style = ruby_str(self.config.get("permalink"))
        self.include = [str(item) for item in self.config["include"]]
        self.exclude = [item for item in self.config["exclude"] if item not in self.include]
        self.collections_dir = ruby_str(self.config.get("collections_dir")).strip("/")
        destination = Path(ruby_str(self.config.get("destination")) or "_site")
        self.destination = (
            (self.root / destination).resolve() if not destination.is_absolute() else destination
        )
        self.posts: list[Post] = []
        self.documents: list[Post] = []
        self.pages: list[SourceFile] = []
        self.page_urls: dict[str, str] = {}
        self.static_urls: dict[str, str] = {}
        self.page_files: dict[str, str] = {}
        self.static_files: list[str] = []
        self.skipped: list[SkippedFile] = []
        self._defaults = self._valid_default_sets()
        self._glob_cache: dict[str, list[str]] = {}
        self._include = _GlobMatcher(self.include)
        self._exclude = _GlobMatcher(self.exclude)
        # Posts snapshot entries used (kept) and made (fresh) this run.
        self._kept: dict[str, tuple[int, int, str, bytes]] = {}
        self._fresh: dict[str, tuple[int, int, str, bytes, bytes]] = {}

    # -- EntryFilter ------------------------------------------------------------------------

    def _glob_include(self, matcher: _GlobMatcher, entry: str) -> bool:
        """`EntryFilter#glob_include?` with the site source as "/"."""
        entry_path = "/" + entry.lstrip("/")
        if matcher.regex is not None and matcher.regex.match(entry_path):
            return True
        return entry_path + "/" in matcher.folders and (self.root / entry.lstrip("/")).is_dir()

    def _filter_reason(self, entry: str, base: str) -> str | None:
        """Why EntryFilter drops `entry` (relative to the folder `base`), or None to keep it."""
        if entry.endswith("."):
            return "name ends with `.`; Jekyll ignores such files"
        name = posixpath.basename(entry)
        included = self._glob_include(self._include, entry) or (
            name != entry and self._glob_include(self._include, name)
        )
        if not included and self._glob_include(self._exclude, ruby_join(base, entry)):
            return "excluded by `exclude` in _config.yml (or Jekyll's default excludes)"
        if included:
            return None
        for text in (entry, name):
            if text.startswith(_SPECIAL_LEADING):
                return f"name starts with `{text[0]}`; Jekyll ignores files and folders whose name starts with `.`, `_`, `#` or `~`"
        if entry.endswith("~"):
            return "name ends with `~` (a backup file); Jekyll ignores it"
        return None

    # -- walking ----------------------------------------------------------------------------

    def read(self) -> Site:
        self._read_directories("", [])
        self._read_collections()
        self._save_snapshot()
        self.posts.sort(key=lambda post: (post.date, post.relpath), reverse=True)
        limit = self.config.get("limit_posts")
        if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
            self.posts = self.posts[:limit]
        self.pages.sort(key=lambda page: posixpath.basename(page.relpath))
        self.static_files.sort()
        site = Site(
            root=self.root,
            config=self.config,
            posts=self.posts,
            documents=self.documents,
            pages=self.pages,
            static_files=self.static_files,
            skipped=self.skipped,
            problems=self.problems,
            timezone=self.tz,
            page_urls=self.page_urls,
            static_urls=self.static_urls,
            page_files=self.page_files,
            generated=self._generated_urls(),
            index=self.index,
        )
        return site

    def _scandir(self, directory: Path | str, relpath: str) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(directory) as iterator:
                return sorted(iterator, key=lambda entry: entry.name)
        except OSError as error:
            self.problems.append(
                Problem(
                    relpath or ".",
                    1,
                    1,
                    "unreadable",
                    f"cannot list folder: {error.strerror or error}",
                )
            )
            return []

    def _read_directories(self, dir_rel: str, stack: list[str]) -> None:
        """`Reader#read_directories`: `dir_rel` is "" for the root, else "/sub/dir"."""
        base = self.root / dir_rel.lstrip("/")
        real = os.path.realpath(base)
        if real in stack:
            self.problems.append(
                Problem(
                    dir_rel.lstrip("/"),
                    1,
                    1,
                    "symlink-loop",
                    "symbolic link loop: this folder links back to a folder that contains it; Jekyll would descend forever",
                )
            )
            return
        stack = [*stack, real]
        subdirs: list[str] = []
        page_names: list[str] = []
        static_names: list[str] = []
        for entry in self._scandir(base, dir_rel.lstrip("/")):
            if self._filter_reason(entry.name, dir_rel) is not None:
                continue
            try:
                is_dir = entry.is_dir()  # follows symbolic links, as File.directory? does
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(entry.name)
            elif _may_hold_front_matter(entry.name) and has_yaml_header(entry.path):
                page_names.append(entry.name)
            else:
                static_names.append(entry.name)
        self._retrieve_posts(dir_rel)
        for name in subdirs:
            child = ruby_join(dir_rel, name) if dir_rel else "/" + name
            if Path(os.path.realpath(base / name)) == self.destination:
                continue
            self._read_directories(child, stack)
        for name in page_names:
            self._read_page(posixpath.join(dir_rel.lstrip("/"), name), dir_rel)
        for name in static_names:
            self.static_files.append(posixpath.join(dir_rel.lstrip("/"), name))

    def _list_tree(self, top: Path | str, prefix: str, *, dotfiles: bool) -> list[tuple[str, str]]:
        """Files under `top` as (path relative to top, absolute path); symlinked folders are not
        entered (Ruby's `Dir["**/*"]` does not follow them). Without `dotfiles`, names starting
        with '.' are reported as skipped, as the glob never lists them. Paths stay strings:
        a large blog has thousands of posts, and most are never opened."""
        found: list[tuple[str, str]] = []
        for entry in self._scandir(top, prefix):
            rel = entry.name
            if not dotfiles and rel.startswith("."):
                self.skipped.append(
                    SkippedFile(
                        f"{prefix}/{rel}", "name starts with `.`; Jekyll ignores hidden files"
                    )
                )
                continue
            if entry.is_dir(follow_symlinks=False):
                for sub, path in self._list_tree(entry.path, f"{prefix}/{rel}", dotfiles=dotfiles):
                    found.append((f"{rel}/{sub}", path))
            elif entry.is_symlink() and entry.is_dir():
                self.skipped.append(
                    SkippedFile(
                        f"{prefix}/{rel}",
                        "symbolic link to a folder; Jekyll does not look inside it here",
                    )
                )
            else:
                found.append((rel, entry.path))
        return found

    def _retrieve_posts(self, dir_rel: str) -> None:
        """`Reader#retrieve_posts`: `<dir>/_posts` (and `<dir>/_drafts`)."""
        if self.collections_dir and not dir_rel.startswith("/" + self.collections_dir):
            return
        for magic, matcher in (("_posts", DATE_FILENAME), ("_drafts", DATELESS_FILENAME)):
            folder_rel = posixpath.join(dir_rel.lstrip("/"), magic)
            folder = self.root / folder_rel
            if not folder.is_dir():
                continue
            for entry, path in self._list_tree(folder, folder_rel, dotfiles=False):
                relpath = f"{folder_rel}/{entry}"
                if magic == "_posts" and self._replay_unchanged(relpath, path):
                    continue
                reason = self._filter_reason(entry, "/" + folder_rel)
                if reason is None and magic == "_drafts" and not self.show_drafts:
                    reason = "a draft; Jekyll publishes drafts only with `--drafts` (show_drafts)"
                if reason is None and not matcher.match(entry):
                    reason = (
                        "file name does not start with a date (`YYYY-MM-DD-title.md`); Jekyll only publishes posts named that way"
                        if magic == "_posts"
                        else "file name has no extension; Jekyll ignores it"
                    )
                if reason is not None:
                    self.skipped.append(SkippedFile(relpath, reason))
                    continue
                post = self._read_document(path, relpath, "posts", draft=magic == "_drafts")
                if post is not None:
                    self.posts.append(post)

    # -- documents --------------------------------------------------------------------------

    def _valid_default_sets(self) -> list[dict[str, Any]]:
        sets: list[dict[str, Any]] = []
        renamed = {"page": "pages", "post": "posts", "draft": "drafts"}
        for item in self.config.get("defaults") or []:
            if not (isinstance(item, dict) and isinstance(item.get("values"), dict)):
                self.problems.append(
                    Problem(
                        "_config.yml",
                        config_key_line(self.root, "defaults"),
                        1,
                        "config",
                        f"invalid entry in `defaults` (needs `values:` mapping): `{item!r}`",
                    )
                )
                continue
            item = copy.deepcopy(item)
            scope = item.get("scope")
            if isinstance(scope, dict) and "type" in scope:
                scope["type"] = renamed.get(str(scope["type"]), scope["type"])
            sets.append(item)
        return sets

    @staticmethod
    def _sanitize_scope_path(path: object) -> str:
        if not isinstance(path, str) or not path:
            return ""
        return path[1:] if path.startswith("/") else path

    def _applies(self, scope: object, path: str, kind: str) -> bool:
        if not isinstance(scope, dict):
            return True
        if "type" in scope and str(scope["type"]) != kind:
            return False
        scope_path = scope.get("path")
        if not isinstance(scope_path, str) or not scope_path:
            return True
        sanitized = self._sanitize_scope_path(path)
        if "*" in scope_path:
            if scope_path not in self._glob_cache:
                hits = glob.glob(str(self.root / scope_path), recursive=True)
                self._glob_cache[scope_path] = [
                    os.path.relpath(hit, self.root).replace(os.sep, "/") for hit in hits
                ]
            for hit in self._glob_cache[scope_path]:
                if sanitized.startswith(hit):
                    return True
            return False
        return sanitized.startswith(scope_path)  # Jekyll does not strip a leading '/' here

    def _has_precedence(self, old: object, new: object) -> bool:
        if old is None:
            return True
        old_scope = old if isinstance(old, dict) else {}
        new_scope = new if isinstance(new, dict) else {}
        new_path = self._sanitize_scope_path(new_scope.get("path"))
        old_path = self._sanitize_scope_path(old_scope.get("path"))
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        return True if "type" in new_scope else "type" not in old_scope

    def defaults_for(self, path: str, kind: str) -> dict[str, Any]:
        """`FrontmatterDefaults#all(path, type)`."""
        merged: dict[str, Any] = {}
        old_scope: object = None
        for item in self._defaults:
            scope = item.get("scope")
            if "scope" in item and not self._applies(scope, path, kind):
                continue
            if self._has_precedence(old_scope, scope or {}):
                merged = deep_merge(merged, item["values"])
                old_scope = scope or {}
            else:
                merged = deep_merge(item["values"], merged)
        return merged

    def _date_problem(self, source: SourceFile, value: object, where: str) -> None:
        line = _front_matter_key_line(source, "date") if where == "front matter" else 1
        source.problems.append(
            Problem(
                source.relpath,
                line,
                1,
                "date",
                f"`{ruby_str(value)}` is not a date Jekyll can read ({where}); Jekyll stops the build here",
            )
        )

    def _read_document(
        self, path: Path | str, relpath: str, label: str, *, draft: bool = False
    ) -> Post | None:
        """`Document.new(...).read` plus the publishing decision; None when not published.

        With an index, the outcome for an unchanged file under an unchanged configuration is
        replayed from it: a warm one-post run on a large blog then costs little per post.
        """
        source = self._read_source(path, relpath)
        if self.index is None or draft:  # a draft's date is its file's mtime: not content
            return self._make_document(source, path, relpath, label, draft)
        # The outcome depends on the file's name too (its date, slug and URL): identical
        # files under two names are two different posts.
        key = f"document:{label}:{relpath}:{self._fingerprint}"
        saved = self.index.derived(relpath, key)
        if isinstance(saved, _DocumentOutcome):
            outcome = saved
            post = saved.replay(self, source)
        else:
            marks = (len(self.problems), len(self.skipped), len(source.problems))
            self._used_now = False
            post = self._make_document(source, path, relpath, label, draft)
            if self._used_now:  # an outcome that depends on today's date is not kept
                return post
            outcome = _DocumentOutcome.record(self, source, post, marks)
        blob = pickle.dumps(outcome, protocol=5)  # now, before rules touch the post's data
        if saved is not outcome:
            self.index.store_derived(relpath, key, outcome, blob)
        if label == "posts":
            self._remember(relpath, blob)
        return post

    # -- the posts snapshot -------------------------------------------------------------------
    #
    # A pre-commit run on a blog of thousands of posts reads them all, and all but one are
    # unchanged since the last run. The snapshot keeps, per post file, its size and mtime,
    # its content digest, and its split and reading outcome packed together, as one index
    # row: an unchanged post then costs a stat and one small unpack, without the name
    # filter or per-file index lookups. It is rewritten only when enough posts were read
    # afresh (a few edited posts are read the ordinary way, which is cheap for a few).

    @cached_property
    def _snapshot(self) -> dict[str, tuple[int, int, str, bytes]]:
        saved = self.index.snapshot(f"posts:{self._fingerprint}") if self.index else None
        return saved if isinstance(saved, dict) else {}

    def _replay_unchanged(self, relpath: str, path: str) -> bool:
        """Read a post from the snapshot when its file is unchanged; False: read it normally."""
        entry = self._snapshot.get(relpath) if self.index is not None else None
        if entry is None:
            return False
        try:
            stat = os.stat(path)
            if (stat.st_size, stat.st_mtime_ns) != entry[:2]:
                return False
            state, outcome = self._unpacked(entry[3])
            source = self.index.restore_source(relpath, path, entry[2], state)  # type: ignore[union-attr]
            post = outcome.replay(self, source)
        except Exception:  # noqa: BLE001 - a gone file or a damaged entry: read it normally
            return False
        if post is not None:
            self.posts.append(post)
        self._kept[relpath] = entry
        return True

    def _remember(self, relpath: str, outcome: bytes) -> None:
        """Keep a post read the ordinary way for the next snapshot, with the size and mtime
        its file had before it was read (an edit during the run is seen next time)."""
        reading = self.index.reading(relpath) if self.index is not None else None
        if reading is not None:
            self._fresh[relpath] = (*reading, outcome)

    def _save_snapshot(self) -> None:
        if self.index is None or not self.index.snapshot_outdated(
            len(self._fresh), bool(self._snapshot)
        ):
            return
        entries = dict(self._kept)
        for relpath, (size, mtime, digest, state, outcome) in self._fresh.items():
            packed = self._packed(pickle.loads(state), pickle.loads(outcome))
            entries[relpath] = (size, mtime, digest, packed)
        self.index.store_snapshot(f"posts:{self._fingerprint}", entries)

    # An entry's split and outcome are kept together, with marshal when they hold only plain
    # values (nearly every post): it reads them back three times faster than pickle, which
    # was half of reading 3,480 unchanged posts. Anything else (a date in the front matter,
    # a problem) is pickled.

    def _packed(self, state: tuple[Any, ...], outcome: _DocumentOutcome) -> bytes:
        plain = outcome.plain(self.tz)
        if plain is not None:
            try:
                return b"M" + marshal.dumps((state, plain))
            except ValueError:  # a value marshal cannot write
                pass
        return b"P" + pickle.dumps((state, outcome), protocol=5)

    def _unpacked(self, packed: bytes) -> tuple[tuple[Any, ...], _DocumentOutcome]:
        kind, body = packed[:1], memoryview(packed)[1:]
        if kind == b"M":
            state, plain = marshal.loads(body)
            return state, _DocumentOutcome.from_plain(plain, self.tz)
        if kind == b"P":
            state, outcome = pickle.loads(body)
            if isinstance(state, tuple) and isinstance(outcome, _DocumentOutcome):
                return state, outcome
        raise ValueError("not a snapshot entry")

    @cached_property
    def _fingerprint(self) -> str:
        """Everything besides a file's content that decides how it is read as a document."""
        import hashlib
        import pickle

        state = (self.config, str(self.tz), self.future, self.unpublished, self.show_drafts)
        return hashlib.blake2b(pickle.dumps(state, protocol=5), digest_size=12).hexdigest()

    def _make_document(
        self, source: SourceFile, path: Path | str, relpath: str, label: str, draft: bool
    ) -> Post | None:
        if not source.readable or not source.valid_utf8:
            self.problems.extend(source.problems)
            why = "cannot be read" if not source.readable else "is not valid UTF-8"
            self.skipped.append(SkippedFile(relpath, f"file {why}; Jekyll skips it"))
            return None
        collection_dir = f"_{label}" if label != "posts" or not draft else "_drafts"
        # Document#initialize: categories from the folders above `_posts` (not below it).
        head = relpath.split(collection_dir, 1)[0] if not relpath.startswith(collection_dir) else ""
        data: dict[str, Any] = {
            "categories": [part for part in head.split("/") if part and part != collection_dir]
        }
        defaults = self.defaults_for(relpath, label)
        if defaults:
            _merge_data(data, defaults)
            if "date" in defaults:
                data["date"] = normalize_date(defaults["date"], self.tz) or defaults["date"]
        categories = source.front_matter.get("categories")
        if not isinstance(categories, (str, list, type(None))):
            # `data["categories"] | other["categories"]` raises in Ruby: Jekyll logs "could not
            # read file" and keeps the document as if its front matter were broken.
            line = _front_matter_key_line(source, "categories")
            source.problems.append(
                Problem(
                    relpath,
                    line,
                    1,
                    "front-matter",
                    f"`categories: {ruby_str(categories)}` must be words or a list; Jekyll cannot read it and ignores the whole front matter",
                )
            )
            source.front_matter_valid = False
        if source.front_matter_valid:
            _merge_data(data, source.front_matter)
            if "date" in source.front_matter:
                parsed = normalize_date(source.front_matter["date"], self.tz)
                if parsed is None:
                    self._date_problem(source, source.front_matter["date"], "front matter")
                    data.pop("date", None)
                else:
                    data["date"] = parsed
        basename = posixpath.basename(relpath)
        stem = posixpath.splitext(basename)[0]
        ext = posixpath.splitext(basename)[1]
        if source.front_matter_valid:
            if not self._populate_title(source, data, relpath):
                self.problems.extend(source.problems)
                self.skipped.append(
                    SkippedFile(
                        relpath,
                        "the date in the file name is not a real date; Jekyll stops the build here",
                    )
                )
                return None
            categories = [
                ruby_str(item)
                for item in _flatten(
                    _ruby_array(data.get("categories"))
                    + _pluralized(data, "category", "categories")
                )
            ]
            data["categories"] = _unique(categories)
            data["tags"] = _pluralized(data, "tag", "tags")
        if not isinstance(data.get("date"), datetime):
            # Document#date: a draft falls back to the file's mtime, anything else to site.time.
            data["date"] = self._mtime(path) if draft else self.now
            self._used_now = True
        date: datetime = data["date"]
        if draft:
            data["draft"] = True

        if not self.unpublished and "published" in data and _missing(data["published"]):
            why = "`published: false`" if data["published"] is False else "an empty `published:`"
            self.skipped.append(
                SkippedFile(
                    relpath, f"{why} in the front matter or defaults; Jekyll does not publish it"
                )
            )
            return None
        if not self.future and int(date.timestamp()) > int(self.now.timestamp()):
            self._used_now = True
            self.skipped.append(
                SkippedFile(
                    relpath,
                    f"dated {date.isoformat()}, in the future; Jekyll publishes it only with `future: true`",
                )
            )
            return None

        permalink = data.get("permalink")
        output_ext = output_ext_for(ext, self.markdown, permalink)
        template = self._collection_template(label)
        url = self._document_url(source, data, label, relpath, stem, ext, output_ext, template)
        slug_value = data.get("slug")
        post_id = ruby_join(
            ruby_dirname(url), ruby_str(stem if _missing(slug_value) else slug_value)
        )
        excerpt, separator = None, None
        if source.front_matter_valid:
            own = data.get("excerpt_separator")
            separator = ruby_str(self.config.get("excerpt_separator") if _missing(own) else own)
            if not _missing(data.get("excerpt")):
                excerpt, separator = ruby_str(data["excerpt"]), None
        return Post(
            source=source,
            collection=label,
            url=url,
            id=post_id,
            date=date,
            slug=ruby_str(slug_value),
            title=ruby_str(data.get("title")),
            categories=[ruby_str(item) for item in _ruby_array(data.get("categories"))],
            tags=[ruby_str(item) for item in _ruby_array(data.get("tags"))],
            draft=draft,
            data=data,
            fixed_excerpt=excerpt,
            excerpt_separator=separator or None,
            output_ext=output_ext,
            parse=self.index.document if self.index else None,
        )

    def _populate_title(self, source: SourceFile, data: dict[str, Any], relpath: str) -> bool:
        """`Document#populate_title`; False when the file name's date is not a date."""
        slug: str | None = None
        ext: str | None = None
        match = DATE_FILENAME.match(relpath)
        if match:
            date_text, slug, ext = match.groups()
            if not isinstance(data.get("date"), datetime):
                parsed = parse_time(date_text, self.tz)
                if parsed is None:
                    self._date_problem(source, date_text, "file name")
                    return False
                data["date"] = parsed
        else:
            dateless = DATELESS_FILENAME.match(relpath)
            if dateless:
                slug, ext = dateless.groups()
        if slug is None:
            slug = posixpath.splitext(posixpath.basename(relpath))[0]
        slug = slug.rstrip(".")
        if _missing(data.get("title")):
            data["title"] = titleize_slug(slug)
        if _missing(data.get("slug")):
            data["slug"] = slug
        if _missing(data.get("ext")):
            data["ext"] = ext
        return True

    def _mtime(self, path: Path | str) -> datetime:
        try:
            return datetime.fromtimestamp(os.stat(path).st_mtime, self.tz)
        except OSError:
            return self.now

    def _collection_template(self, label: str) -> str:
        meta = self.config["collections"].get(label) or {}
        if meta.get("permalink"):
            return ruby_str(meta["permalink"])
        return add_permalink_suffix("/:collection/:path", self.permalink_style)

    def _document_url(
        self,
        source: SourceFile,
        data: dict[str, Any],
        label: str,
        relpath: str,
        stem: str,
        ext: str,
        output_ext: str,
        template: str,
    ) -> str:
        """`Document#url`: the permalink (if any) or the collection template, via UrlDrop."""
        slug_value = data.get("slug")
        slug_source = stem if slug_value is None else ruby_str(slug_value)
        categories = _ruby_array(data.get("categories"))
        cleaned = relpath[: len(relpath) - len(ext)] if ext else relpath
        # Even for a draft Jekyll removes the collection's folder name, "_posts".
        cleaned = cleaned.replace(f"_{label}", "", 1).rstrip(".")
        placeholders: dict[str, Any] = {
            "collection": label,
            "name": slugify(stem),
            # Ruby's `a || b`: an empty slug ("2024-01-09-.md") is kept, only nil falls back.
            "title": slugify(slug_source, "pretty", cased=True),
            "slug": slugify(slug_source),
            "categories": "/".join(_unique([ruby_str(item).lower() for item in categories])),
            "slugified_categories": "/".join(
                _unique([slugify(ruby_str(item)) or "" for item in categories])
            ),
            "output_ext": output_ext,
            "path": cleaned,
            **date_placeholders(data["date"]),
        }
        permalink = data.get("permalink")
        chosen = ruby_str(permalink) if not _missing(permalink) else template
        generated, unknown = generate_url_from_drop(chosen, placeholders)
        if unknown:
            line = _front_matter_key_line(source, "permalink") if not _missing(permalink) else 1
            names = ", ".join(f"`:{name}`" for name in unknown)
            source.problems.append(
                Problem(
                    source.relpath,
                    line,
                    1,
                    "permalink",
                    f"unknown placeholder {names} in permalink `{chosen}`; Jekyll stops the build here",
                )
            )
        return sanitize_url(generated)

    # -- pages and collections ----------------------------------------------------------------

    def _read_page(self, relpath: str, dir_rel: str) -> None:
        source = self._read_source(self.root / relpath, relpath)
        data = source.front_matter
        if "published" in data and _missing(data["published"]) and not self.unpublished:
            self.problems.extend(source.problems)
            return
        self.pages.append(source)
        name = posixpath.basename(relpath)
        ext = posixpath.splitext(name)[1]
        basename = name[: len(name) - len(ext)].rstrip(".") if ext else name.rstrip(".")
        permalink = (
            data["permalink"]
            if "permalink" in data
            else self.defaults_for(relpath, "pages").get("permalink")
        )
        output_ext = output_ext_for(ext, self.markdown, permalink)
        if output_ext not in (".html", ".xhtml", ".htm"):
            template = "/:path/:basename:output_ext"
        elif basename == "index":
            template = "/:path/"
        else:
            template = add_permalink_suffix("/:path/:basename", self.permalink_style)
        chosen = ruby_str(permalink) if not _missing(permalink) else template
        placeholders = {"path": dir_rel, "basename": basename, "output_ext": output_ext}
        url = sanitize_url(generate_url_from_hash(chosen, placeholders))
        self.page_urls[relpath] = url
        self.page_files[relpath] = destination_path(url, output_ext, page=True)

    def _read_collections(self) -> None:
        """`CollectionReader#read`: every configured collection except posts and data."""
        for label, meta in self.config["collections"].items():
            if label in ("posts", "data"):
                continue
            label = re.sub(r"[^a-z0-9_\-.]", "", label, flags=re.IGNORECASE)
            folder_rel = posixpath.join(self.collections_dir, f"_{label}")
            folder = self.root / folder_rel
            if not folder.is_dir():
                continue
            output = bool(meta.get("output"))
            for entry, path in self._list_tree(folder, folder_rel, dotfiles=True):
                relpath = f"{folder_rel}/{entry}"
                if self._filter_reason(entry, "/" + folder_rel) is not None:
                    continue
                if not has_yaml_header(path):
                    if output:
                        self.static_files.append(relpath)
                        self.static_urls[relpath] = self._collection_static_url(label, relpath)
                    continue
                post = self._read_document(path, relpath, label)
                if post is not None and output:
                    self.documents.append(post)
        self.documents.sort(key=lambda doc: (doc.collection, doc.date, doc.relpath))

    def _collection_static_url(self, label: str, relpath: str) -> str:
        """`StaticFile#url` for a file in a collection: the collection's template, then the
        extension (e.g. `_docs/img.png` -> `/docs/img.png`)."""
        name = posixpath.basename(relpath)
        ext = posixpath.splitext(name)[1]
        cleaned = (relpath[: len(relpath) - len(ext)] if ext else relpath).rstrip(".")
        placeholders = {
            "collection": label,
            "path": cleaned.replace(f"_{label}", "", 1),
            "output_ext": "",
            "name": name[: len(name) - len(ext)].rstrip(".") if ext else name,
            "title": "",
        }
        url = sanitize_url(generate_url_from_hash(self._collection_template(label), placeholders))
        return url.removesuffix("/") + ext

    def _generated_urls(self) -> list[str]:
        """URLs that plugins named in `plugins` (or GitHub Pages' `gems`) write."""
        plugins = {
            ruby_str(name)
            for name in _ruby_array(self.config.get("plugins"))
            + _ruby_array(self.config.get("gems"))
        }
        urls: list[str] = []
        if "jekyll-feed" in plugins:
            feed = self.config.get("feed")
            path = feed.get("path") if isinstance(feed, dict) and feed.get("path") else "feed.xml"
            urls.append("/" + ruby_str(path).lstrip("/"))
        if "jekyll-sitemap" in plugins:
            urls += ["/sitemap.xml", "/robots.txt"]
        per_page = self.config.get("paginate")
        if "jekyll-paginate" in plugins and isinstance(per_page, int) and per_page > 0:
            pattern = ruby_str(self.config.get("paginate_path") or "/page:num")
            pages = -(-len(self.posts) // per_page)
            urls += [
                sanitize_url(pattern.replace(":num", str(number))) + "/"
                for number in range(2, pages + 1)
            ]
        return urls


def _front_matter_key_line(source: SourceFile, key: str) -> int:
    """The file line of a top-level front-matter key (1 when not found)."""
    if not source.front_matter_lines:
        return 1
    first, last = source.front_matter_lines
    for number, line in enumerate(source.text.splitlines()[first - 1 : last], start=first):
        if line.startswith(f"{key}:"):
            return number
    return first
