"""Reading one file as Jekyll 4.3 reads it, and dates/time zones as Jekyll (Ruby + glibc)
sees them. Expected values marked "jekyll" were printed by a real `jekyll build` (4.3.1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bloglint.jekyll_time import normalize_date, parse_time, resolve_timezone
from bloglint.source import (
    LARGE_FILE_BYTES,
    has_yaml_header,
    parse_source,
    read_source,
    text_and_body,
)

UTC = timezone.utc
PARIS = ZoneInfo("Europe/Paris")


def split(data: bytes | str, relpath: str = "_posts/2024-01-01-a.md"):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse_source(Path("/site") / relpath, relpath, raw)


# -- front matter -----------------------------------------------------------------------------


def test_front_matter_body_and_lines() -> None:
    source = split("---\ntitle: Hi\ntags: [a, b]\n---\nBody line\n")
    assert source.has_front_matter
    assert source.front_matter == {"title": "Hi", "tags": ["a", "b"]}
    assert source.front_matter_lines == (2, 3)
    assert (source.body, source.body_line) == ("Body line\n", 5)
    assert source.problems == []


def test_blank_lines_after_the_closer_are_swallowed_but_indentation_is_kept() -> None:
    # facts §3.0: `\s*$` in Jekyll's regexp runs over whitespace-only lines.
    source = split("---\ntitle: x\n---\n\n\n  \n目录\n")
    assert (source.body, source.body_line) == ("目录\n", 7)
    indented = split("---\ntitle: x\n---\n\n    code\n")
    assert (indented.body, indented.body_line) == ("    code\n", 5)


def test_dots_close_front_matter_and_empty_front_matter_is_valid() -> None:
    assert split("---\ntitle: x\n...\nbody\n").front_matter == {"title": "x"}
    empty = split("---\n---\nbody\n")
    assert (empty.has_front_matter, empty.front_matter, empty.body, empty.body_line) == (
        True,
        {},
        "body\n",
        3,
    )
    assert empty.front_matter_lines == (2, 1)  # no YAML line: last < first


@pytest.mark.parametrize(
    "text",
    [
        "\n---\ntitle: x\n---\nbody\n",
        "----\ntitle: x\n----\n",
        "--- \ntitle: x",
        "---\n",
        "no front matter\n",
    ],
)
def test_front_matter_must_open_on_line_one_and_close(text: str) -> None:
    source = split(text)
    assert not source.has_front_matter
    assert (source.body, source.body_line, source.front_matter) == (text, 1, {})


def test_crlf_front_matter_is_read_and_crlf_kept_in_the_body() -> None:
    # jekyll: a CRLF post gets its title and date like any other.
    source = split("---\r\ntitle: Crlf\r\n---\r\n\r\nx\r\n")
    assert source.front_matter == {"title": "Crlf"}
    assert (source.body, source.body_line) == ("x\r\n", 5)
    assert source.problems == []


def test_yaml_error_is_reported_at_the_line_where_the_construct_starts() -> None:
    # jekyll (Psych): "did not find expected ',' or ']' ... at line 2 column 8"
    source = split("---\ntitle: [unclosed\n---\nbody\n")
    [problem] = source.problems
    assert (problem.kind, problem.line, problem.column) == ("yaml", 2, 8)
    assert not source.front_matter_valid
    assert source.front_matter == {}
    assert source.body == "body\n"  # Jekyll still renders the body


def test_yaml_error_inside_the_front_matter_uses_the_problem_line() -> None:
    source = split("---\ntitle: ok\nbad: a: b\n---\nbody\n")
    [problem] = source.problems
    assert (problem.kind, problem.line) == ("yaml", 3)


def test_front_matter_that_is_not_a_mapping() -> None:
    source = split("---\n- a\n- b\n---\nbody\n")
    [problem] = source.problems
    assert problem.kind == "front-matter"
    assert "list" in problem.message
    assert not source.front_matter_valid


def test_front_matter_keys_become_strings() -> None:
    assert split("---\n2019: year\ntrue: yes\n---\n").front_matter == {"2019": "year", "True": True}


# -- bytes ------------------------------------------------------------------------------------


def test_bom_is_removed_and_reported() -> None:
    # jekyll: the BOM post kept its front-matter title "Bom".
    source = split(b"\xef\xbb\xbf---\ntitle: Bom\n---\nx\n")
    assert source.text.startswith("---")
    assert source.front_matter == {"title": "Bom"}
    assert [problem.kind for problem in source.problems] == ["bom"]


def test_bom_makes_a_page_static_for_jekyll(tmp_path: Path) -> None:
    # jekyll: `has_yaml_header?` reads raw bytes, so bompage.md was copied as a static file.
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf---\ntitle: B\n---\nx\n")
    (tmp_path / "crlf.md").write_bytes(b"---\r\ntitle: C\r\n---\r\nx\r\n")
    (tmp_path / "plain.md").write_bytes(b"plain\n")
    assert not has_yaml_header(tmp_path / "bom.md")
    assert has_yaml_header(tmp_path / "crlf.md")
    assert not has_yaml_header(tmp_path / "plain.md")
    assert not has_yaml_header(tmp_path / "missing.md")


def test_invalid_utf8_names_line_and_column() -> None:
    source = split(b"---\ntitle: Bad\n---\nab \xff\xfe\n")
    [problem] = source.problems
    assert (problem.kind, problem.line, problem.column) == ("encoding", 4, 4)
    assert "0xff" in problem.message
    assert not source.valid_utf8
    assert not source.has_front_matter  # Ruby's regexp raises on the invalid string
    assert "\ufffd" in source.text


def test_nul_byte_and_empty_file() -> None:
    source = split("---\ntitle: Nul\n---\nx\0y\n")
    [problem] = source.problems
    assert (problem.kind, problem.line, problem.column) == ("binary", 4, 2)
    assert source.front_matter == {"title": "Nul"}
    assert [p.kind for p in split(b"").problems] == ["empty"]


def test_large_file_is_read_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"---\ntitle: Big\n---\n" + b"x" * (LARGE_FILE_BYTES + 1))
    source = read_source(path, "big.md")
    assert source.front_matter == {"title": "Big"}
    assert [problem.kind for problem in source.problems] == ["large"]


def test_unreadable_file_gives_a_problem_not_an_exception(tmp_path: Path) -> None:
    link = tmp_path / "dangling.md"
    link.symlink_to(tmp_path / "nowhere.md")
    source = read_source(link, "dangling.md")
    assert not source.readable
    [problem] = source.problems
    assert problem.kind == "unreadable"
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert read_source(folder, "folder.md").problems[0].kind == "unreadable"


def test_symlink_loop_file_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    [problem] = read_source(tmp_path / "a.md", "a.md").problems
    assert problem.kind == "unreadable"
    assert "loop" in problem.message


# -- dates ------------------------------------------------------------------------------------


def test_the_four_pyyaml_date_shapes_under_europe_paris() -> None:
    # jekyll, timezone Europe/Paris:
    #   date: 2024-01-07                 -> 2024-01-07T00:00:00+01:00
    #   date: 2024-01-03 10:00:00        -> 2024-01-03T11:00:00+01:00 (Psych: zoneless = UTC)
    #   date: 2024-01-04 10:00:00 +0100  -> 2024-01-04T10:00:00+01:00 (a str to PyYAML)
    #   date: 2024-01-05 10:00:00 +05:30 -> 2024-01-05T05:30:00+01:00
    shapes = split(
        "---\na: 2024-01-07\nb: 2024-01-03 10:00:00\nc: 2024-01-04 10:00:00 +0100\nd: 2024-01-05 10:00:00 +05:30\n---\n"
    ).front_matter
    assert isinstance(shapes["a"], date) and isinstance(shapes["c"], str)
    got = {key: normalize_date(value, PARIS).isoformat() for key, value in shapes.items()}
    assert got == {
        "a": "2024-01-07T00:00:00+01:00",
        "b": "2024-01-03T11:00:00+01:00",
        "c": "2024-01-04T10:00:00+01:00",
        "d": "2024-01-05T05:30:00+01:00",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # jekyll with no timezone on a UTC machine
        ("2024-05-02T10:00", "2024-05-02T10:00:00+00:00"),
        ("May 3 2024", "2024-05-03T00:00:00+00:00"),
        ("2024-05-04 10:00:00 PST", "2024-05-04T18:00:00+00:00"),
        ("2024/05/05", "2024-05-05T00:00:00+00:00"),
        ("2024-1-5", "2024-01-05T00:00:00+00:00"),
        ("24-01-25", "2024-01-25T00:00:00+00:00"),  # from a post named 24-01-25-yy.md
    ],
)
def test_parse_time_accepts_what_ruby_time_parse_accepts(text: str, expected: str) -> None:
    assert parse_time(text, UTC).isoformat() == expected


@pytest.mark.parametrize("text", ["2024-13-45", "not a date", "1714800000", "2024-05-06 25:00"])
def test_parse_time_rejects_what_jekyll_rejects(text: str) -> None:
    # jekyll: "Invalid date '...': Document ... does not have a valid date" and the build stops.
    assert parse_time(text, UTC) is None
    assert normalize_date(text, UTC) is None


def test_normalize_date_converts_aware_values_and_keeps_fractions() -> None:
    value = datetime(2024, 1, 1, 12, 0, 0, 250000, tzinfo=timezone(timedelta(hours=2)))
    assert normalize_date(value, UTC).isoformat() == "2024-01-01T10:00:00.250000+00:00"
    assert normalize_date(["2024-01-01"], UTC) is None
    assert normalize_date(True, UTC) is None


@pytest.mark.parametrize(
    ("name", "noon_utc_shown_as"),
    [  # jekyll: `date: 2024-05-01 12:00:00` under `timezone: <name>`
        ("UTC+8", "2024-05-01T04:00:00-08:00"),  # POSIX: hours *west* of Greenwich
        ("GMT-3", "2024-05-01T15:00:00+03:00"),
        ("Etc/GMT-8", "2024-05-01T20:00:00+08:00"),
        ("EST5EDT", "2024-05-01T08:00:00-04:00"),
        (":Asia/Tokyo", "2024-05-01T21:00:00+09:00"),
        ("Asia/Nowhere", "2024-05-01T12:00:00+00:00"),
        ("CST", "2024-05-01T12:00:00+00:00"),
        ("China/Beijing", "2024-05-01T12:00:00+00:00"),  # facts §1.2
    ],
)
def test_timezones_resolve_like_glibc(name: str, noon_utc_shown_as: str) -> None:
    tz, _ = resolve_timezone(name)
    assert normalize_date(datetime(2024, 5, 1, 12, 0), tz).isoformat() == noon_utc_shown_as


def test_timezone_notes_and_fallback() -> None:
    assert resolve_timezone("China/Beijing")[1] is not None
    assert resolve_timezone("Europe/Paris") == (ZoneInfo("Europe/Paris"), None)
    tokyo = ZoneInfo("Asia/Tokyo")
    # No `timezone`: Jekyll uses the machine's zone (jekyll with TZ=Asia/Tokyo gave +09:00).
    assert resolve_timezone(None, tokyo) == (tokyo, None)
    assert resolve_timezone(None) == (UTC, None)


def test_a_name_that_is_no_zone_is_not_searched_for_by_zoneinfo() -> None:
    """zoneinfo's own search for a missing key imports importlib.resources and tempfile
    (tens of milliseconds of every run on a site with `timezone: China/Beijing`)."""
    import subprocess
    import sys

    probe = (
        "import sys; from bloglint.jekyll_time import resolve_timezone; "
        "assert resolve_timezone('China/Beijing')[1]; "
        "print('importlib.resources' in sys.modules, 'tempfile' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[1]
    shown = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["False", "False"]


def test_dates_at_the_edge_of_the_calendar_do_not_crash() -> None:
    new_york = ZoneInfo("America/New_York")
    assert normalize_date(datetime(1, 1, 1, 0, 0), new_york) is None
    assert parse_time("0001-01-01 00:00:00 +0100", new_york) is None
    assert normalize_date(date(1, 1, 1), new_york).year == 1


@pytest.mark.parametrize(
    "data",
    [
        b"---\ntitle: A\n---\n\n\nBody\n",
        b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n\r\nBody\r\n",
        b"---\ntitle: [unclosed\n---\nBody\n",
        b"No front matter\n---\n",
        b"---\ntitle: \xff\n---\nBody\n",
        b"",
        b"---\n...\n",
    ],
)
def test_text_and_body_cut_as_parse_source_does(data: bytes) -> None:
    """The index re-reads an unchanged file's text and body without its YAML: same cut."""
    source = parse_source(Path("x.md"), "x.md", data)
    assert text_and_body(data, "x.md") == (source.text, source.body)
