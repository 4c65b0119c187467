"""The front-matter and file rules (BL010-BL019) on the tricky cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sites import lint, post, write_site

FILE_RULES = [f"BL0{n}" for n in range(10, 20)]


def findings_of(tmp_path: Path, files: dict[str, str | bytes], *rules: str, **config: object):
    write_site(tmp_path, files, **config)
    return lint(tmp_path, *(rules or FILE_RULES))


# --- BL010 missing-front-matter ---------------------------------------------------------------


def test_a_post_without_front_matter_is_still_reported(tmp_path: Path) -> None:
    found = findings_of(
        tmp_path,
        {
            "_posts/2024-01-01-notes.md": "# Notes\n\n* one\n",
            "_posts/2024-01-02-more.markdown": "more notes\n",
            "_posts/2024-01-03-fine.md": post("ok"),
        },
    )
    assert sorted((f.path, f.line) for f in found) == [
        ("_posts/2024-01-01-notes.md", 1),
        ("_posts/2024-01-02-more.markdown", 1),
    ]
    assert {f.rule_id for f in found} == {"BL010"}
    assert "without any layout" in found[0].message and "`Notes`" in found[0].message


def test_missing_front_matter_with_a_default_layout_says_so(tmp_path: Path) -> None:
    defaults = [{"scope": {"type": "posts"}, "values": {"layout": "post"}}]
    (finding,) = findings_of(
        tmp_path, {"_posts/2024-01-01-notes.md": "notes\n"}, "BL010", defaults=defaults
    )
    assert "layout `post`" in finding.message


# --- BL011 missing-title, BL012 duplicate-title ----------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "line", "needle"),
    [
        ("layout: post\n", 1, "no `title`"),
        ("title:\n", 2, "empty"),
        ("title: '   '\n", 2, "empty"),
        ("layout: post\ntitle: Untitled\n", 3, "placeholder `Untitled`"),
        ("title: [a, b]\n", 2, "list or mapping"),
    ],
)
def test_missing_empty_placeholder_titles(
    tmp_path: Path, front_matter: str, line: int, needle: str
) -> None:
    text = f"---\n{front_matter}---\n\nBody.\n"
    (finding,) = findings_of(tmp_path, {"_posts/2024-02-03-untitled.md": text}, "BL011")
    assert finding.line == line and needle in finding.message


def test_placeholders_are_configurable_and_numbers_are_titles(tmp_path: Path) -> None:
    files = {
        "_posts/2024-01-01-a.md": post("x", title="Draft"),
        "_posts/2024-01-02-b.md": post("x", title=1984),
    }
    write_site(tmp_path, files)
    assert lint(tmp_path, "BL011") == []
    found = lint(tmp_path, "BL011", options={"BL011": {"placeholders": ["draft"]}})
    assert [(f.path, f.line) for f in found] == [("_posts/2024-01-01-a.md", 2)]


def test_duplicate_titles_ignore_case_and_spacing(tmp_path: Path) -> None:
    found = findings_of(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": post("x", title="Weekly notes"),
            "_posts/2024-01-02-b.md": post("x", title="weekly   NOTES"),
            "_posts/2024-01-03-c.md": post("x", title="Weekly notes 2"),
            "_posts/2024-01-04-d.md": "---\nlayout: post\n---\nno title\n",
            "_posts/2024-01-05-e.md": "---\nlayout: post\n---\nno title either\n",
        },
        "BL012",
    )
    assert sorted(f.path for f in found) == ["_posts/2024-01-01-a.md", "_posts/2024-01-02-b.md"]
    assert all(f.line == 2 for f in found)
    assert "`_posts/2024-01-02-b.md`" in found[0].message


# --- BL013 invalid-front-matter, BL014 invalid-date, BL015 date-mismatch ----------------------


def test_invalid_yaml_and_non_mapping_front_matter(tmp_path: Path) -> None:
    found = findings_of(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": "---\ntitle: ok\nbad: [1, 2\n---\nx\n",
            "_posts/2024-01-02-b.md": "---\n- just\n- a list\n---\nx\n",
            "_posts/2024-01-03-c.md": "---\ntitle: a: b\n---\nx\n",
        },
        "BL013",
    )
    assert sorted((f.path, f.line) for f in found) == [
        ("_posts/2024-01-01-a.md", 3),
        ("_posts/2024-01-02-b.md", 2),
        ("_posts/2024-01-03-c.md", 2),
    ]


def test_invalid_dates_in_front_matter_and_file_name(tmp_path: Path) -> None:
    found = findings_of(
        tmp_path,
        {
            "_posts/2024-01-01-a.md": "---\ntitle: a\nlayout: post\ndate: someday soon\n---\nx\n",
            "_posts/2024-13-01-b.md": post("x"),
            "_posts/2024-01-03-c.md": post("x", date="2024-01-03 10:00:00 +0800"),
        },
        "BL014",
    )
    assert sorted((f.path, f.line) for f in found) == [
        ("_posts/2024-01-01-a.md", 4),
        ("_posts/2024-13-01-b.md", 1),
    ]
    assert all("stops the build" in f.message for f in found)


def test_date_mismatch_is_judged_in_the_site_timezone(tmp_path: Path) -> None:
    text = "---\ntitle: a\ndate: 2024-01-01 23:30:00 -0500\n---\nx\n"
    files = {"_posts/2024-01-01-a.md": text}
    (finding,) = findings_of(tmp_path / "utc", files, "BL015", timezone="UTC")
    assert finding.line == 3 and "`2024-01-02`" in finding.message
    assert findings_of(tmp_path / "ny", files, "BL015", timezone="America/New_York") == []


# --- BL016 skipped-post-file ------------------------------------------------------------------


def test_post_files_jekyll_skips_silently(tmp_path: Path) -> None:
    body = post("x")
    found = findings_of(
        tmp_path,
        {
            "_posts/my-post.md": body,
            "_posts/2024-01-01_underscore.md": body,
            "_posts/2024-01-02-no-extension": body,
            "_posts/2024/notes.markdown": body,
            "_posts/2024/2024-01-03-nested-is-fine.md": body,
            "_posts/.hidden.md": body,
            "_posts/_partial.md": body,
            "_posts/train.py": "print(1)\n",
            "_posts/excluded.md": body,
            "_posts/2024-01-04-ok.md": body,
        },
        "BL016",
        exclude=["_posts/excluded.md"],
    )
    assert sorted(f.path for f in found) == [
        "_posts/2024-01-01_underscore.md",
        "_posts/2024-01-02-no-extension",
        "_posts/2024/notes.markdown",
        "_posts/my-post.md",
    ]
    messages = {f.path: f.message for f in found}
    assert "`2024-01-01-underscore.md`" in messages["_posts/2024-01-01_underscore.md"]
    assert "`2024-01-02-no-extension.md`" in messages["_posts/2024-01-02-no-extension"]


# --- BL017 misspelt-front-matter-key ----------------------------------------------------------


def test_misspelt_keys(tmp_path: Path) -> None:
    text = (
        "---\ntitle: ok\ncategoreis: [a]\nTags: [b]\ntgas: [c]\nlayuot: post\n"
        "urlcolor: blue\ntoc: true\nimages: [x.png]\nmy_theme_key: 1\n---\nx\n"
    )
    found = findings_of(tmp_path, {"_posts/2024-01-01-a.md": text}, "BL017")
    assert [f.line for f in found] == [3, 4, 5, 6, 9]
    assert "`categories`" in found[0].message
    assert "case-sensitive" in found[1].message
    found = lint(tmp_path, "BL017", options={"BL017": {"known_keys": ["images"]}})
    assert [f.line for f in found] == [3, 4, 5, 6]


# --- BL018 control-character ------------------------------------------------------------------


def test_invisible_characters_at_their_position(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Algo\x08rithms\n---\n\n## Steps\x08\n\n"
        "zero\u200bwidth, tab\tand emoji 👨\u200d👩\u200d👧 are fine except the first\n"
        "```\ncode\x1cseparator\n```\n"
    )
    found = findings_of(tmp_path, {"_posts/2024-01-01-a.md": text}, "BL018")
    assert [(f.line, f.column) for f in found] == [(2, 12), (5, 9), (7, 5), (9, 5)]
    assert "U+0008 (backspace)" in found[0].message


# --- BL019 unreadable-file --------------------------------------------------------------------


def test_file_level_problems_have_file_and_line(tmp_path: Path) -> None:
    found = findings_of(
        tmp_path,
        {
            "_posts/2024-01-01-latin1.md": b"---\ntitle: ok\n---\n\ncaf" + b"\xe9\n",
            "_posts/2024-01-02-bom.md": b"\xef\xbb\xbf---\ntitle: bom\n---\nx\n",
            "_posts/2024-01-03-binary.md": b"---\ntitle: bin\n---\nab\x00cd\n",
            "_posts/2024-01-04-empty.md": b"",
        },
        "BL019",
    )
    assert sorted((f.path, f.line, f.column) for f in found) == [
        ("_posts/2024-01-01-latin1.md", 5, 4),
        ("_posts/2024-01-02-bom.md", 1, 1),
        ("_posts/2024-01-03-binary.md", 4, 3),
        ("_posts/2024-01-04-empty.md", 1, 1),
    ]
    assert "UTF-8" in found[0].message


def test_an_unreadable_post_is_reported(tmp_path: Path) -> None:
    write_site(tmp_path, {"_posts/2024-01-01-ok.md": post("x")})
    (tmp_path / "_posts" / "2024-01-02-gone.md").symlink_to(tmp_path / "nowhere.md")
    found = lint(tmp_path, *FILE_RULES)
    assert [(f.rule_id, f.path, f.line) for f in found] == [
        ("BL019", "_posts/2024-01-02-gone.md", 1)
    ]
    assert "cannot read" in found[0].message


def test_problems_are_reported_once_and_not_for_config_issues(tmp_path: Path) -> None:
    found = findings_of(
        tmp_path,
        {"_posts/2024-01-01-a.md": b"\xef\xbb\xbf---\ntitle: x\n---\n"},
        timezone="China/Beijing",
    )
    assert [(f.rule_id, f.path) for f in found] == [("BL019", "_posts/2024-01-01-a.md")]
