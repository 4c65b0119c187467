"""Jekyll's URL building, ported. Every expected value below was printed by Jekyll 4.3.1
itself (`Jekyll::Utils.slugify`, `Jekyll::URL.escape_path`, or a `jekyll build` of the site
written here), then recorded as literals: the tests do not need Jekyll."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bloglint.permalink import (
    add_permalink_suffix,
    date_placeholders,
    escape_path,
    generate_url_from_drop,
    generate_url_from_hash,
    ruby_dirname,
    ruby_join,
    sanitize_url,
    slugify,
    style_to_permalink,
    titleize_slug,
)
from bloglint.site import load_site

# (input, default, pretty, pretty cased, raw, ascii, none) from Jekyll::Utils.slugify.
SLUGIFY_CASES = [
    ("The _config.yml file", "the-config-yml-file", "the-_config.yml-file", "The-_config.yml-file", "the-_config.yml-file", "the-config-yml-file", "the _config.yml file"),
    ("Hello, World!", "hello-world", "hello,-world!", "Hello,-World!", "hello,-world!", "hello-world", "hello, world!"),
    ("c++11 & stuff", "c-11-stuff", "c++11-&-stuff", "c++11-&-stuff", "c++11-&-stuff", "c-11-stuff", "c++11 & stuff"),
    ("中文 标题", "中文-标题", "中文-标题", "中文-标题", "中文-标题", "", "中文 标题"),
    ("  --lead trail--  ", "lead-trail", "lead-trail", "lead-trail", "--lead-trail--", "lead-trail", "  --lead trail--  "),
    ("Ünïcödé Straße", "ünïcödé-straße", "ünïcödé-straße", "Ünïcödé-Straße", "ünïcödé-straße", "n-c-d-stra-e", "ünïcödé straße"),
    ("a/b\\c?d#e", "a-b-c-d-e", "a-b-c-d-e", "a-b-c-d-e", "a/b\\c?d#e", "a-b-c-d-e", "a/b\\c?d#e"),
    ("CamelCase_Name.v2", "camelcase-name-v2", "camelcase_name.v2", "CamelCase_Name.v2", "camelcase_name.v2", "camelcase-name-v2", "camelcase_name.v2"),
    ("tab\there", "tab-here", "tab-here", "tab-here", "tab-here", "tab-here", "tab\there"),
    ("émoji 🎉 ok", "émoji-ok", "émoji-ok", "émoji-ok", "émoji-🎉-ok", "moji-ok", "émoji 🎉 ok"),
    ("x--y", "x-y", "x-y", "x-y", "x--y", "x-y", "x--y"),
]  # fmt: skip


@pytest.mark.parametrize("case", SLUGIFY_CASES, ids=[case[0] for case in SLUGIFY_CASES])
def test_slugify_matches_jekyll_in_every_mode(case: tuple[str, ...]) -> None:
    text, default, pretty, pretty_cased, raw, ascii_, none = case
    assert slugify(text) == default
    assert slugify(text, "pretty") == pretty
    assert slugify(text, "pretty", cased=True) == pretty_cased
    assert slugify(text, "raw") == raw
    assert slugify(text, "ascii") == ascii_
    assert slugify(text, "none") == none
    assert slugify(None) is None


ESCAPE_CASES = [
    ("/a b", "/a%20b"),
    ("中文", "%E4%B8%AD%E6%96%87"),
    ("c++11-&-stuff", "c++11-&-stuff"),
    ("x%20y", "x%2520y"),
    ("a?b", "a?b"),
    ("a#b#c", "a%23b%23c"),
    ("semi;colon=1", "semi;colon=1"),
    ("my cat", "my%20cat"),
    ("[x]", "%5Bx%5D"),
    ("tilde~ok", "tilde~ok"),
    ('quote"', "quote%22"),
    ("a|b", "a%7Cb"),
    ("", ""),
    ("plain/path-1.0", "plain/path-1.0"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPE_CASES)
def test_escape_path_matches_jekyll(text: str, expected: str) -> None:
    assert escape_path(text) == expected


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("hello-world", "Hello World"),
        ("platform-TVM", "Platform Tvm"),
        ("a--b", "A  B"),
        ("trailing-", "Trailing"),
        ("-lead", " Lead"),
        ("c++11 & stuff", "C++11 & stuff"),
        ("élan-vital", "Élan Vital"),
        ("Mixed_Case.Name", "Mixed_case.name"),
    ],
)
def test_titleize_slug_matches_jekyll(slug: str, title: str) -> None:
    assert titleize_slug(slug) == title


def test_sanitize_url_and_ruby_path_helpers() -> None:
    assert sanitize_url("a//b/../c/./d") == "/a/b/c/d"
    assert sanitize_url("") == "/"
    assert ruby_dirname("/custom/perma/2024/") == "/custom/perma"
    assert ruby_dirname("/posts/x.html") == "/posts"
    assert ruby_dirname("/x.html") == "/"
    assert ruby_join("/", "x") == "/x"
    assert ruby_join("/posts", "x") == "/posts/x"
    assert ruby_join("/a/", "/b") == "/a/b"


def test_named_styles_and_suffixes() -> None:
    assert style_to_permalink("pretty") == "/:categories/:year/:month/:day/:title/"
    assert style_to_permalink("/posts/:title.html") == "/posts/:title.html"
    assert add_permalink_suffix("/:path/:basename", "pretty") == "/:path/:basename/"
    assert add_permalink_suffix("/:path/:basename", "date") == "/:path/:basename:output_ext"
    # weekdate is not in Jekyll's suffix list: pages get no extension in their URL.
    assert add_permalink_suffix("/:path/:basename", "weekdate") == "/:path/:basename"
    assert add_permalink_suffix("/:collection/:path", "/posts/:title.html") == "/:collection/:path"
    assert add_permalink_suffix("/:collection/:path", "/:title/") == "/:collection/:path/"


def test_date_placeholders_use_iso_weeks_and_c_locale_names() -> None:
    # 2024-01-01 08:30:05 is a Monday, ISO week 1 of 2024.
    values = date_placeholders(datetime(2024, 1, 1, 8, 30, 5, tzinfo=timezone(timedelta(hours=9))))
    assert values == {
        "year": "2024", "month": "01", "day": "01", "hour": "08", "minute": "30", "second": "05",
        "i_day": "1", "i_month": "1", "short_month": "Jan", "long_month": "January",
        "short_year": "24", "w_year": "2024", "week": "01", "w_day": "1", "short_day": "Mon",
        "long_day": "Monday", "y_day": "001",
    }  # fmt: skip
    # 2021-01-03 is a Sunday in ISO week 53 of 2020.
    sunday = date_placeholders(datetime(2021, 1, 3))
    assert (sunday["w_year"], sunday["week"], sunday["w_day"], sunday["short_day"]) == (
        "2020",
        "53",
        "7",
        "Sun",
    )


def test_drop_templates_keep_trailing_underscore_and_report_unknown_keys() -> None:
    values = {"month": "01", "day": "31", "title": "a b"}
    assert generate_url_from_drop("/:month_:day/:title", values) == ("/01_31/a%20b", [])
    url, unknown = generate_url_from_drop("/:year/:title", values)
    assert (url, unknown) == ("/:year/a%20b", ["year"])


def test_hash_templates_for_pages() -> None:
    values = {"path": "/sub", "basename": "about", "output_ext": ".html"}
    assert (
        sanitize_url(generate_url_from_hash("/:path/:basename:output_ext", values))
        == "/sub/about.html"
    )
    # A page permalink with a key pages do not have keeps the key as text (Jekyll does too).
    assert generate_url_from_hash("/:title/", values) == "/:title/"


def _write(root: Path, relpath: str, text: str) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _style_site(root: Path, permalink: str) -> None:
    _write(root, "_config.yml", f'timezone: Asia/Tokyo\npermalink: "{permalink}"\n')
    _write(root, "_posts/2024-01-01-new-year.md", '---\ncategories: [Tech, "My Cat"]\n---\nx\n')
    _write(root, "_posts/2023-12-31-Last_Day.md", "---\ndate: 2023-12-31 23:30:05\n---\nx\n")
    _write(root, "cat1/_posts/2021-03-07-Sunday-Post.md", "---\nslug: Sluggy Thing\n---\nx\n")
    _write(root, "_posts/2020-02-29-leap.markdown", "---\ncategory: solo\n---\nx\n")
    _write(root, "about.md", "---\n---\nx\n")


ALL_KEYS = (
    "/x/:year/:short_year/:month/:i_month/:short_month/:long_month/:day/:i_day/:y_day/:w_year/"
    ":week/:w_day/:short_day/:long_day/:hour/:minute/:second/:title/:slug/:name/:path/"
    ":output_ext/:slugified_categories/:collection/end"
)

# (permalink, [(url, id) in site.posts order], about.md's URL) printed by `jekyll build`.
STYLE_CASES = [
    ("date", [
        ("/2024/01/01/Last_Day.html", "/2024/01/01/Last_Day"),
        ("/tech/my%20cat/2024/01/01/new-year.html", "/tech/my%20cat/2024/01/01/new-year"),
        ("/cat1/2021/03/07/Sluggy-Thing.html", "/cat1/2021/03/07/Sluggy Thing"),
        ("/solo/2020/02/29/leap.html", "/solo/2020/02/29/leap"),
    ], "/about.html"),
    ("pretty", [
        ("/2024/01/01/Last_Day/", "/2024/01/01/Last_Day"),
        ("/tech/my%20cat/2024/01/01/new-year/", "/tech/my%20cat/2024/01/01/new-year"),
        ("/cat1/2021/03/07/Sluggy-Thing/", "/cat1/2021/03/07/Sluggy Thing"),
        ("/solo/2020/02/29/leap/", "/solo/2020/02/29/leap"),
    ], "/about/"),
    ("ordinal", [
        ("/2024/001/Last_Day.html", "/2024/001/Last_Day"),
        ("/tech/my%20cat/2024/001/new-year.html", "/tech/my%20cat/2024/001/new-year"),
        ("/cat1/2021/066/Sluggy-Thing.html", "/cat1/2021/066/Sluggy Thing"),
        ("/solo/2020/060/leap.html", "/solo/2020/060/leap"),
    ], "/about.html"),
    ("weekdate", [
        ("/2024/W01/Mon/Last_Day.html", "/2024/W01/Mon/Last_Day"),
        ("/tech/my%20cat/2024/W01/Mon/new-year.html", "/tech/my%20cat/2024/W01/Mon/new-year"),
        ("/cat1/2021/W09/Sun/Sluggy-Thing.html", "/cat1/2021/W09/Sun/Sluggy Thing"),
        ("/solo/2020/W09/Sat/leap.html", "/solo/2020/W09/Sat/leap"),
    ], "/about"),
    ("none", [
        ("/Last_Day.html", "/Last_Day"),
        ("/tech/my%20cat/new-year.html", "/tech/my%20cat/new-year"),
        ("/cat1/Sluggy-Thing.html", "/cat1/Sluggy Thing"),
        ("/solo/leap.html", "/solo/leap"),
    ], "/about.html"),
    ("/:categories/:title/", [
        ("/Last_Day/", "/Last_Day"),
        ("/tech/my%20cat/new-year/", "/tech/my%20cat/new-year"),
        ("/cat1/Sluggy-Thing/", "/cat1/Sluggy Thing"),
        ("/solo/leap/", "/solo/leap"),
    ], "/about/"),
    ("/:month_:day/:title", [
        ("/01_01/Last_Day", "/01_01/Last_Day"),
        ("/01_01/new-year", "/01_01/new-year"),
        ("/03_07/Sluggy-Thing", "/03_07/Sluggy Thing"),
        ("/02_29/leap", "/02_29/leap"),
    ], "/about"),
    (ALL_KEYS, [
        ("/x/2024/24/01/1/Jan/January/01/1/001/2024/01/1/Mon/Monday/08/30/05/Last_Day/last-day/2023-12-31-last-day/2023-12-31-Last_Day/.html/posts/end",
         "/x/2024/24/01/1/Jan/January/01/1/001/2024/01/1/Mon/Monday/08/30/05/Last_Day/last-day/2023-12-31-last-day/2023-12-31-Last_Day/.html/posts/Last_Day"),
        ("/x/2024/24/01/1/Jan/January/01/1/001/2024/01/1/Mon/Monday/00/00/00/new-year/new-year/2024-01-01-new-year/2024-01-01-new-year/.html/tech/my-cat/posts/end",
         "/x/2024/24/01/1/Jan/January/01/1/001/2024/01/1/Mon/Monday/00/00/00/new-year/new-year/2024-01-01-new-year/2024-01-01-new-year/.html/tech/my-cat/posts/new-year"),
        ("/x/2021/21/03/3/Mar/March/07/7/066/2021/09/7/Sun/Sunday/00/00/00/Sluggy-Thing/sluggy-thing/2021-03-07-sunday-post/cat1/2021-03-07-Sunday-Post/.html/cat1/posts/end",
         "/x/2021/21/03/3/Mar/March/07/7/066/2021/09/7/Sun/Sunday/00/00/00/Sluggy-Thing/sluggy-thing/2021-03-07-sunday-post/cat1/2021-03-07-Sunday-Post/.html/cat1/posts/Sluggy Thing"),
        ("/x/2020/20/02/2/Feb/February/29/29/060/2020/09/6/Sat/Saturday/00/00/00/leap/leap/2020-02-29-leap/2020-02-29-leap/.html/solo/posts/end",
         "/x/2020/20/02/2/Feb/February/29/29/060/2020/09/6/Sat/Saturday/00/00/00/leap/leap/2020-02-29-leap/2020-02-29-leap/.html/solo/posts/leap"),
    ], "/about"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("permalink", "posts", "about"), STYLE_CASES, ids=[c[0][:20] for c in STYLE_CASES]
)
def test_permalink_styles_match_jekyll_build(
    tmp_path: Path, permalink: str, posts: list[tuple[str, str]], about: str
) -> None:
    _style_site(tmp_path, permalink)
    site = load_site(tmp_path)
    assert [(post.url, post.id) for post in site.posts] == posts
    assert site.page_urls["about.md"] == about
    # The naive time is UTC to Psych; Asia/Tokyo shows it 9 hours later, on the next day.
    assert site.posts[0].date.isoformat() == "2024-01-01T08:30:05+09:00"


def test_unknown_placeholder_is_a_problem_on_the_post(tmp_path: Path) -> None:
    _write(tmp_path, "_posts/2024-01-01-a.md", "---\ntitle: A\npermalink: /:nope/:title/\n---\nx\n")
    site = load_site(tmp_path)
    post = site.posts[0]
    assert post.url == "/:nope/a/"
    [problem] = post.source.problems
    assert (problem.kind, problem.line) == ("permalink", 3)
    assert "`:nope`" in problem.message


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_slugs_follow_the_per_character_rule(text: str) -> None:
    """The regex fast path for ASCII gives what Jekyll's per-character rule gives."""
    import re

    from bloglint.permalink import _is_slug_char

    for mode in ("default", "pretty", "ascii"):
        out: list[str] = []
        for char in text:
            if _is_slug_char(char, mode):
                out.append(char)
            elif not out or out[-1] != "-":
                out.append("-")
        expected = re.sub(r"^-|-$", "", "".join(out), flags=re.MULTILINE)
        assert slugify(text, mode, cased=True) == expected
