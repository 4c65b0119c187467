"""Reading one file the way Jekyll 4.3 reads it: bytes, text, front matter, body.

Jekyll reads with `bom|utf-8` (a UTF-8 BOM is dropped), keeps CRLF as is, and cuts the front
matter with `Document::YAML_FRONT_MATTER_REGEXP`. Anything odd becomes a `Problem` on the file;
reading never raises.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bloglint.model import Problem

LARGE_FILE_BYTES = 10 * 1024 * 1024  # above this a text file is reported as suspiciously large
_BOM = b"\xef\xbb\xbf"

# Jekyll's regexp, with Ruby's ASCII-only `\s`. Because `\s*$` may cross newlines, every
# whitespace-only line after the closing `---` is swallowed (facts §3.0).
_WS = r"[ \t\n\v\f\r]"
FRONT_MATTER = re.compile(
    rf"\A(---{_WS}*\n.*?\n?)^((---|\.\.\.){_WS}*$\n?)", re.MULTILINE | re.DOTALL
)
# `Utils.has_yaml_header?`: the first raw line (BOM not stripped) opens front matter.
_YAML_HEADER = re.compile(rb"\A---[ \t\n\v\f\r]*\r?\n")


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
    # False when the front matter could not be used (YAML error, not a mapping, bad encoding):
    # Jekyll then skips the title/slug/date-from-filename step for that document.
    front_matter_valid: bool = True
    readable: bool = True  # False when the bytes could not be read at all
    valid_utf8: bool = True


def has_yaml_header(path: Path | str) -> bool:
    """Whether Jekyll treats a file outside `_posts` as a page (front matter on line 1)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        start = os.read(descriptor, 512)
        if not start.startswith(b"---"):
            return False
        while b"\n" not in start and len(start) < 65536:  # a very long first line
            more = os.read(descriptor, 4096)
            if not more:
                break
            start += more
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return bool(_YAML_HEADER.match(start.split(b"\n", 1)[0] + b"\n")) and b"\n" in start


def _line_of(data: bytes | str, offset: int) -> int:
    return data.count(b"\n" if isinstance(data, bytes) else "\n", 0, offset) + 1


def decode(data: bytes, relpath: str) -> tuple[str, list[Problem], bool]:
    """Bytes to text as Jekyll reads them, with problems; the bool says whether it was UTF-8."""
    problems: list[Problem] = []
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        problems.append(
            Problem(
                relpath,
                1,
                1,
                "bom",
                "file starts with a UTF-8 byte order mark; Jekyll ignores it in posts and collections but treats a page that starts with it as a static file without front matter",
            )
        )
    valid = True
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        valid = False
        line = _line_of(data, error.start)
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        problems.append(
            Problem(
                relpath,
                line,
                column,
                "encoding",
                f"invalid UTF-8 byte `0x{data[error.start]:02x}`; Jekyll skips a post that is not valid UTF-8, save the file as UTF-8",
            )
        )
        text = data.decode("utf-8", "replace")
    nul = text.find("\0")
    if nul >= 0:
        line = _line_of(text, nul)
        column = nul - text.rfind("\n", 0, nul)
        problems.append(
            Problem(
                relpath, line, column, "binary", "file contains a NUL byte; is it a binary file?"
            )
        )
    if not data:
        problems.append(Problem(relpath, 1, 1, "empty", "file is empty"))
    elif len(data) > LARGE_FILE_BYTES:
        problems.append(
            Problem(
                relpath,
                1,
                1,
                "large",
                f"file is {len(data) / 1048576:.1f} MB; is it meant to be a text file?",
            )
        )
    return text, problems, valid


@lru_cache(maxsize=1)
def _yaml_loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """PyYAML safe load with the C loader when present (raises yaml.YAMLError)."""
    import yaml

    return yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader


def yaml_error_place(error: Exception, last_line: int) -> tuple[int, int, str]:
    """(line, column, description) of a PyYAML error in a text starting on file line 1.

    PyYAML often notices an unclosed `[`/`{`/quote only at the end of the text; the place
    where that construct started (its context mark) is then the useful line, as Psych says.
    """
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if context_mark is not None and (mark is None or mark.line + 1 > last_line):
        mark = context_mark
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    if line > last_line:  # an error at the very end: point at the last line of YAML
        line, column = max(last_line, 1), 1
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    return line, column, f"{context}: {what}" if context else what


def _yaml_problem(relpath: str, error: Exception, last_line: int) -> Problem:
    line, column, detail = yaml_error_place(error, last_line)
    return Problem(
        relpath,
        line,
        column,
        "yaml",
        f"front matter is not valid YAML ({detail}); Jekyll ignores all of it",
    )


def parse_source(path: Path, relpath: str, data: bytes) -> SourceFile:
    """Split already-read bytes into a SourceFile (front matter parsed, problems collected)."""
    text, problems, valid = decode(data, relpath)
    source = SourceFile(path, relpath, text, False, {}, None, text, 1, problems, valid_utf8=valid)
    if not valid:
        # Ruby's regexp raises on the invalid string, so Jekyll never sees front matter here.
        source.front_matter_valid = False
        return source
    match = FRONT_MATTER.match(text)
    if not match:
        return source
    closer_line = _line_of(text, match.start(2))
    source.has_front_matter = True
    source.front_matter_lines = (2, closer_line - 1)
    source.body = text[match.end() :]
    source.body_line = _line_of(text, match.end())
    try:
        value = load_yaml(match.group(1))
    except Exception as error:  # yaml.YAMLError, or a recursion error on absurd nesting
        problems.append(_yaml_problem(relpath, error, closer_line - 1))
        source.front_matter_valid = False
        return source
    if value is None:
        return source
    if not isinstance(value, dict):
        problems.append(
            Problem(
                relpath,
                2,
                1,
                "front-matter",
                f"front matter is a {type(value).__name__}, not a mapping of `key: value` lines; Jekyll cannot use it",
            )
        )
        source.front_matter_valid = False
        return source
    source.front_matter = {str(key): item for key, item in value.items()}
    return source


def text_and_body(data: bytes, relpath: str) -> tuple[str, str]:
    """The `text` and `body` that `parse_source` gives, without parsing the front matter's
    YAML: for a reader that already knows the rest (the index, a conversion worker)."""
    text, _, valid = decode(data, relpath)
    match = FRONT_MATTER.match(text) if valid else None
    return text, text[match.end() :] if match else text


def read_source(path: Path | str, relpath: str) -> SourceFile:
    """Read and split one file; an unreadable file gives an empty SourceFile with a problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == 40:  # ELOOP
            reason = "symbolic link loop"
        source = SourceFile(path, relpath, "", False, {}, None, "", 1, valid_utf8=False)
        source.problems.append(Problem(relpath, 1, 1, "unreadable", f"cannot read file: {reason}"))
        source.readable = False
        source.front_matter_valid = False
        return source
    return parse_source(path, relpath, data)
