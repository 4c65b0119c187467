"""The site model on small sites written here. Each expectation marked "jekyll" was printed
by `jekyll build` (Debian's 4.3.1) on the same files, through a Liquid page dumping
`site.posts`/`site.pages`/`site.static_files`, and recorded here as literals."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bloglint.jekyll_config import ConfigError, load_config
from bloglint.model import ConfigError as UsageError
from bloglint.site import Post, SourceFile, find_site_root, load_site

NOW = datetime(2026, 11, 21, 9, 40, 49, tzinfo=timezone.utc)


def write(root: Path, relpath: str, text: str | bytes) -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture
def odd_site(tmp_path: Path) -> Path:
    """Posts named and dated every way Jekyll accepts or refuses (timezone Europe/Paris)."""
    files: dict[str, str | bytes] = {
        "_config.yml": "timezone: Europe/Paris\n",
        "_posts/2024-01-02-hello-World.md": "---\nlayout: x\n---\n\n\nbody\n",
        "_posts/2024-01-03-naive.md": "---\ndate: 2024-01-03 10:00:00\n---\nx\n",
        "_posts/2024-01-04-str.md": "---\ndate: 2024-01-04 10:00:00 +0100\n---\nx\n",
        "_posts/2024-01-05-aware.md": "---\ndate: 2024-01-05 10:00:00 +05:30\n---\nx\n",
        "_posts/2024-01-06-dateonly.md": "---\ndate: 2024-01-07\ncategories: Foo Bar\ntags: t1 t2\n---\nx\n",
        "_posts/2024-01-06-cat.md": "---\ncategory: One Two\ntags: [a, 3]\n---\nx\n",
        "_posts/sub/2024-01-08-sub.md": "---\ntitle: Sub\n---\nx\n",
        "a/b/_posts/2024-01-09-nested.md": "---\ncategories: [Extra]\n---\nx\n",
        "_posts/_hidden/2024-01-09-hidden.md": "---\n---\nx\n",
        "_posts/x/_y/2024-01-10-deep.md": "---\n---\nx\n",
        "_posts/2024-01-11-pub-false.md": "---\npublished: false\n---\nx\n",
        "_posts/2024-01-11-pub-nil.md": "---\npublished:\n---\nx\n",
        "_posts/2099-01-01-future.md": "---\n---\nx\n",
        "_posts/2024-01-12-bad-yaml.md": "---\ntitle: [unclosed\n---\nbody\n",
        "_posts/2024-01-13-bom.md": b"\xef\xbb\xbf---\ntitle: Bom\n---\nx\n",
        "_posts/2024-01-13-crlf.md": "---\r\ntitle: Crlf\r\n---\r\n\r\nx\r\n",
        "_posts/2024-01-13-badutf.md": b"---\ntitle: Bad\n---\nx \xff\xfe\n",
        "_posts/2024-01-14-slugfm.md": "---\nslug: My Slug!\n---\nx\n",
        "_posts/2024-01-15-foo.bar.md": "---\n---\nx\n",
        "_posts/#x.md": "x",
        "_posts/~x.md": "x",
        "_posts/2024-01-16-tilde.md~": "x",
        "_posts/2024-01-17-c++11 & stuff.md": "---\n---\nx\n",
        "_posts/2024-01-18-中文标题.md": "---\n---\nx\n",
        "_posts/2024-01-19-perma.md": "---\npermalink: /custom/:title/:year/\n---\nx\n",
        "_posts/2024-01-21-empty.md": "",
        "_posts/2024-01-22-nofm.md": "just text\n",
        "_posts/2024-01-23-html.html": "---\n---\n<p>x</p>\n",
        "_posts/2024-01-24-Mixed_Case.Name.markdown": "---\n---\nx\n",
        "_posts/notadate.md": "---\n---\nx\n",
        "_posts/2024-1-5-short.md": "---\n---\nx\n",
        "_posts/24-01-25-yy.md": "---\n---\nx\n",
        "_posts/2024-01-26-dots....md": "---\n---\nx\n",
        "_posts/2024-01-27-noext": "---\n---\nx\n",
        "_posts/2024-01-28-txt.txt": "---\n---\nx\n",
        "_posts/2024-01-29-dotend.": "---\n---\nx\n",
        "_posts/2024-01-30-dash--double.md": "---\n---\nx\n",
        "_posts/2024-01-31-sametime-b.md": "---\n---\nx\n",
        "_posts/2024-01-31-sametime-a.md": "---\n---\nx\n",
        "_posts/2024-02-01-excerpt.md": "---\n---\nfirst para [ref]\n\nsecond\n\n[ref]: http://x\n[other]: http://y\n",
        "_posts/.DS_Store": b"\0\0\0\1Bud1",
        "_drafts/draft-one.md": "---\ntitle: D\ndate: 2024-03-02\n---\nx\n",
        "_drafts/2024-03-01-dated-draft.md": "---\n---\nx\n",
        "about.md": "---\ntitle: About\n---\nx\n",
        "sub/index.md": "---\n---\nx\n",
        "sub/page.html": "---\npermalink: /elsewhere/\n---\nx\n",
        "bompage.md": b"\xef\xbb\xbf---\ntitle: B\n---\nx\n",
        "crlfpage.md": "---\r\ntitle: C\r\n---\r\nx\r\n",
        "assets/x.png": "PNG",
        "assets/style.scss": "---\n---\nbody { color: red; }\n",
        "nofm.md": "plain\n",
    }
    for relpath, text in files.items():
        write(tmp_path, relpath, text)
    return tmp_path


# jekyll --drafts: (url, id, date, title, slug, categories, tags) in site.posts order.
# bad-yaml is left out: Jekyll publishes it dated site.time (tested separately).
ODD_POSTS = [
    ("/2024/03/02/draft-one.html", "/2024/03/02/draft-one", "2024-03-02T00:00:00+01:00", "D", "draft-one", [], []),
    ("/2024/03/01/dated-draft.html", "/2024/03/01/dated-draft", "2024-03-01T00:00:00+01:00", "Dated Draft", "dated-draft", [], []),
    ("/2024/02/01/excerpt.html", "/2024/02/01/excerpt", "2024-02-01T00:00:00+01:00", "Excerpt", "excerpt", [], []),
    ("/2024/01/31/sametime-b.html", "/2024/01/31/sametime-b", "2024-01-31T00:00:00+01:00", "Sametime B", "sametime-b", [], []),
    ("/2024/01/31/sametime-a.html", "/2024/01/31/sametime-a", "2024-01-31T00:00:00+01:00", "Sametime A", "sametime-a", [], []),
    ("/2024/01/30/dash-double.html", "/2024/01/30/dash--double", "2024-01-30T00:00:00+01:00", "Dash  Double", "dash--double", [], []),
    ("/2024/01/28/txt.txt", "/2024/01/28/txt", "2024-01-28T00:00:00+01:00", "Txt", "txt", [], []),
    ("/2024/01/26/dots.html", "/2024/01/26/dots", "2024-01-26T00:00:00+01:00", "Dots", "dots", [], []),
    ("/2024/01/25/yy.html", "/2024/01/25/yy", "2024-01-25T00:00:00+01:00", "Yy", "yy", [], []),
    ("/2024/01/24/Mixed_Case.Name.html", "/2024/01/24/Mixed_Case.Name", "2024-01-24T00:00:00+01:00", "Mixed_case.name", "Mixed_Case.Name", [], []),
    ("/2024/01/23/html.html", "/2024/01/23/html", "2024-01-23T00:00:00+01:00", "Html", "html", [], []),
    ("/2024/01/22/nofm.html", "/2024/01/22/nofm", "2024-01-22T00:00:00+01:00", "Nofm", "nofm", [], []),
    ("/2024/01/21/empty.html", "/2024/01/21/empty", "2024-01-21T00:00:00+01:00", "Empty", "empty", [], []),
    ("/custom/perma/2024/", "/custom/perma/perma", "2024-01-19T00:00:00+01:00", "Perma", "perma", [], []),
    ("/2024/01/18/%E4%B8%AD%E6%96%87%E6%A0%87%E9%A2%98.html", "/2024/01/18/中文标题", "2024-01-18T00:00:00+01:00", "中文标题", "中文标题", [], []),
    ("/2024/01/17/c++11-&-stuff.html", "/2024/01/17/c++11 & stuff", "2024-01-17T00:00:00+01:00", "C++11 & stuff", "c++11 & stuff", [], []),
    ("/2024/01/15/foo.bar.html", "/2024/01/15/foo.bar", "2024-01-15T00:00:00+01:00", "Foo.bar", "foo.bar", [], []),
    ("/2024/01/14/My-Slug!.html", "/2024/01/14/My Slug!", "2024-01-14T00:00:00+01:00", "Slugfm", "My Slug!", [], []),
    ("/2024/01/13/crlf.html", "/2024/01/13/crlf", "2024-01-13T00:00:00+01:00", "Crlf", "crlf", [], []),
    ("/2024/01/13/bom.html", "/2024/01/13/bom", "2024-01-13T00:00:00+01:00", "Bom", "bom", [], []),
    ("/2024/01/10/deep.html", "/2024/01/10/deep", "2024-01-10T00:00:00+01:00", "Deep", "deep", [], []),
    ("/a/b/extra/2024/01/09/nested.html", "/a/b/extra/2024/01/09/nested", "2024-01-09T00:00:00+01:00", "Nested", "nested", ["a", "b", "Extra"], []),
    ("/2024/01/08/sub.html", "/2024/01/08/sub", "2024-01-08T00:00:00+01:00", "Sub", "sub", [], []),
    ("/foo/bar/2024/01/07/dateonly.html", "/foo/bar/2024/01/07/dateonly", "2024-01-07T00:00:00+01:00", "Dateonly", "dateonly", ["Foo", "Bar"], ["t1", "t2"]),
    ("/one%20two/2024/01/06/cat.html", "/one%20two/2024/01/06/cat", "2024-01-06T00:00:00+01:00", "Cat", "cat", ["One Two"], ["a", "3"]),
    ("/2024/01/05/aware.html", "/2024/01/05/aware", "2024-01-05T05:30:00+01:00", "Aware", "aware", [], []),
    ("/2024/01/05/short.html", "/2024/01/05/short", "2024-01-05T00:00:00+01:00", "Short", "short", [], []),
    ("/2024/01/04/str.html", "/2024/01/04/str", "2024-01-04T10:00:00+01:00", "Str", "str", [], []),
    ("/2024/01/03/naive.html", "/2024/01/03/naive", "2024-01-03T11:00:00+01:00", "Naive", "naive", [], []),
    ("/2024/01/02/hello-World.html", "/2024/01/02/hello-World", "2024-01-02T00:00:00+01:00", "Hello World", "hello-World", [], []),
]  # fmt: skip


def _rows(posts: list[Post]) -> list[tuple[object, ...]]:
    return [(p.url, p.id, p.date.isoformat(), p.title, p.slug, p.categories, p.tags) for p in posts]


def test_posts_match_jekyll_with_drafts(odd_site: Path) -> None:
    site = load_site(odd_site, drafts=True, now=NOW)
    posts = [post for post in site.posts if post.relpath != "_posts/2024-01-12-bad-yaml.md"]
    assert _rows(posts) == ODD_POSTS
    assert [post.draft for post in posts[:3]] == [True, True, False]
    assert site.timezone == ZoneInfo("Europe/Paris")


def test_a_post_with_broken_yaml_is_published_at_site_time(odd_site: Path) -> None:
    # jekyll: "/2026/11/21/2024-01-12-bad-yaml.html", id ".../2024-01-12-bad-yaml", date =
    # site.time, empty title and slug: the title/slug/date-from-name step never ran.
    site = load_site(odd_site, now=NOW)
    post = site.posts[0]
    assert post.relpath == "_posts/2024-01-12-bad-yaml.md"
    assert (post.url, post.id, post.title, post.slug) == (
        "/2026/11/21/2024-01-12-bad-yaml.html",
        "/2026/11/21/2024-01-12-bad-yaml",
        "",
        "",
    )
    assert post.date == NOW
    assert [problem.kind for problem in post.source.problems] == ["yaml"]
    assert post.excerpt is None


def test_skipped_files_in_posts_folders_say_why(odd_site: Path) -> None:
    site = load_site(odd_site, now=NOW)
    skipped = {item.relpath: item.reason for item in site.skipped}
    assert set(skipped) == {
        "_posts/.DS_Store",
        "_posts/#x.md",
        "_posts/~x.md",
        "_posts/2024-01-16-tilde.md~",
        "_posts/_hidden/2024-01-09-hidden.md",
        "_posts/2024-01-11-pub-false.md",
        "_posts/2024-01-11-pub-nil.md",  # jekyll: an empty `published:` is nil, i.e. false
        "_posts/2099-01-01-future.md",
        "_posts/2024-01-13-badutf.md",
        "_posts/notadate.md",
        "_posts/2024-01-27-noext",
        "_posts/2024-01-29-dotend.",
        "_drafts/draft-one.md",
        "_drafts/2024-03-01-dated-draft.md",
    }
    assert "future" in skipped["_posts/2099-01-01-future.md"]
    assert "`published: false`" in skipped["_posts/2024-01-11-pub-false.md"]
    assert "date" in skipped["_posts/notadate.md"]
    assert "backup" in skipped["_posts/2024-01-16-tilde.md~"]
    assert "UTF-8" in skipped["_posts/2024-01-13-badutf.md"]
    assert "--drafts" in skipped["_drafts/draft-one.md"]
    [encoding] = [problem for problem in site.problems if problem.kind == "encoding"]
    assert (encoding.path, encoding.line) == ("_posts/2024-01-13-badutf.md", 4)


def test_future_posts_appear_with_future_true(odd_site: Path) -> None:
    site = load_site(odd_site, future=True, now=NOW)
    assert site.posts[0].url == "/2099/01/01/future.html"
    write(odd_site, "_config.yml", "timezone: Europe/Paris\nfuture: true\n")
    assert load_site(odd_site, now=NOW).posts[0].url == "/2099/01/01/future.html"


def test_pages_and_static_files_match_jekyll(odd_site: Path) -> None:
    site = load_site(odd_site, now=NOW)
    # jekyll: PAGE lines (bompage.md is static: the BOM hides its front matter from Jekyll).
    assert site.page_urls == {
        "about.md": "/about.html",
        "assets/style.scss": "/assets/style.css",
        "crlfpage.md": "/crlfpage.html",
        "sub/index.md": "/sub/",
        "sub/page.html": "/elsewhere/",
    }
    assert all(isinstance(page, SourceFile) for page in site.pages)
    assert site.static_files == ["assets/x.png", "bompage.md", "nofm.md"]
    # jekyll wrote these files into _site:
    assert site.page_files == {
        "about.md": "/about.html",
        "assets/style.scss": "/assets/style.css",
        "crlfpage.md": "/crlfpage.html",
        "sub/index.md": "/sub/index.html",
        "sub/page.html": "/elsewhere/index.html",
    }


def test_excerpt_keeps_the_link_definitions_it_uses(odd_site: Path) -> None:
    posts = {post.relpath: post for post in load_site(odd_site, now=NOW).posts}
    # jekyll rendered the excerpt as `<p>first para <a href="http://x">ref</a></p>`.
    assert posts["_posts/2024-02-01-excerpt.md"].excerpt == "first para [ref]\n\n[ref]: http://x"
    assert posts["_posts/2024-01-02-hello-World.md"].excerpt == "body\n"
    assert posts["_posts/2024-01-21-empty.md"].excerpt == ""


def test_url_lookups(odd_site: Path) -> None:
    site = load_site(odd_site, now=NOW)
    posts = {post.relpath: post for post in site.posts}
    chinese = posts["_posts/2024-01-18-中文标题.md"]
    assert site.resolve("/2024/01/18/中文标题.html") is chinese  # lookups take decoded paths
    assert site.url_exists("/custom/perma/2024/")
    assert site.url_exists("/custom/perma/2024")  # GitHub Pages redirects to the slash
    assert site.url_exists("/custom/perma/2024/index.html")
    assert site.url_exists("/one two/2024/01/06/cat.html")
    assert site.url_exists("/2024/01/28/txt.txt")
    assert site.url_exists("/about.html") and site.url_exists("/about")
    assert (
        site.url_exists("/sub/") and site.url_exists("/sub") and site.url_exists("/sub/index.html")
    )
    assert site.url_exists("/elsewhere/")
    assert site.url_exists("/assets/x.png") and site.url_exists("/assets/style.css")
    assert site.url_exists("/bompage.md")
    assert not site.url_exists("/assets/style.scss")
    assert not site.url_exists("/2099/01/01/future.html")
    assert not site.url_exists("/notadate.html")
    assert isinstance(site.resolve("/about.html"), SourceFile)
    assert site.resolve("/assets/x.png") == "assets/x.png"
    assert site.url_of(site.resolve("/sub/")) == "/sub/"


def test_post_url_and_link_lookups(odd_site: Path) -> None:
    # jekyll: {% post_url 2024-01-15-foo %} -> /2024/01/15/foo.bar.html and
    # {% post_url 2024-01-14-My Slug! %} -> /2024/01/14/My-Slug!.html (deprecated fallback).
    site = load_site(odd_site, now=NOW)
    assert site.post_by_name("2024-01-02-hello-World").url == "/2024/01/02/hello-World.html"
    assert site.post_by_name("sub/2024-01-08-sub").url == "/2024/01/08/sub.html"
    assert site.post_by_name("/sub/2024-01-08-sub").url == "/2024/01/08/sub.html"
    assert site.post_by_name("a/b/2024-01-09-nested").relpath == "a/b/_posts/2024-01-09-nested.md"
    # Jekyll's pattern has no end anchor: "…-foo" also finds "…-foo.bar.md".
    assert site.post_by_name("2024-01-15-foo").relpath == "_posts/2024-01-15-foo.bar.md"
    # The deprecated fallback: the front-matter slug and the day.
    assert site.post_by_name("2024-01-14-My Slug!").relpath == "_posts/2024-01-14-slugfm.md"
    assert site.post_by_name("2024-01-11-pub-false") is None
    assert site.post_by_name("no-date-here") is None
    assert isinstance(site.page_by_path("about.md"), SourceFile)
    assert site.page_by_path("/assets/x.png") == "assets/x.png"
    assert site.page_by_path("_posts/2024-01-13-crlf.md").url == "/2024/01/13/crlf.html"
    assert site.page_by_path("missing.md") is None


def test_config_defaults_collections_and_exclude(tmp_path: Path) -> None:
    write(
        tmp_path,
        "_config.yml",
        'timezone: China/Beijing\npermalink: /blog/:title\nexcerpt_separator: "<!--more-->"\n'
        "collections:\n  docs:\n    output: true\n  notes:\n    output: false\n"
        "defaults:\n"
        '  - scope: {path: "", type: posts}\n    values: {layout: post, author: A, categories: [dflt]}\n'
        '  - scope: {path: "_posts/special"}\n    values: {author: B, published: false}\n'
        '  - scope: {path: "sub"}\n    values: {permalink: /from-defaults/}\n'
        'exclude: [secret, "*.bak"]\n',
    )
    files = {
        "_posts/2024-05-01-one.md": "---\ncategories: mine\n---\nbefore\n<!--more-->\nafter\n",
        "_posts/special/2024-05-02-two.md": "---\n---\nx\n",
        "_posts/2024-05-03-three.md.bak": "---\n---\nx\n",
        "_posts/2024-05-04-exc.md": '---\nexcerpt_separator: ""\n---\nx\n\ny\n',
        "_docs/guide.md": "---\ntitle: Guide\n---\nx\n",
        "_docs/sub/deep.md": "---\n---\nx\n",
        "_docs/2024-01-01-dated-doc.md": "---\n---\nx\n",
        "_docs/img.png": "x",
        "_docs/nofm.md": "x",
        "_notes/n.md": "---\n---\nx\n",
        "sub/p.md": "---\n---\nx\n",
        "sub/q.md": "---\npermalink: /own/\n---\nx\n",
        "secret/s.md": "---\n---\nx\n",
        "about.md": "---\n---\nx\n",
        "index.md": "---\n---\nx\n",
    }
    for relpath, text in files.items():
        write(tmp_path, relpath, text)
    site = load_site(tmp_path, now=NOW)
    # jekyll: POST|/blog/exc|/blog/exc|2024-05-04T00:00:00+00:00|dflt|A|post|""
    #         POST|/blog/one|/blog/one|2024-05-01T00:00:00+00:00|dflt,mine|A|post|"<p>before</p>\n"
    assert [(p.url, p.id, p.date.isoformat(), p.categories) for p in site.posts] == [
        ("/blog/exc", "/blog/exc", "2024-05-04T00:00:00+00:00", ["dflt"]),
        ("/blog/one", "/blog/one", "2024-05-01T00:00:00+00:00", ["dflt", "mine"]),
    ]
    assert [(p.data["author"], p.data["layout"]) for p in site.posts] == [
        ("A", "post"),
        ("A", "post"),
    ]
    assert [p.excerpt for p in site.posts] == [None, "before\n"]
    # jekyll: DOC lines; dateless documents are dated site.time.
    assert [(d.url, d.id, d.title) for d in site.documents] == [
        ("/docs/2024-01-01-dated-doc", "/docs/dated-doc", "Dated Doc"),
        ("/docs/guide", "/docs/guide", "Guide"),
        ("/docs/sub/deep", "/docs/sub/deep", "Deep"),
    ]
    assert site.documents[1].date == NOW
    assert {d.collection for d in site.documents} == {"docs"}
    assert site.page_urls == {
        "about.md": "/about",
        "index.md": "/",
        "sub/p.md": "/from-defaults/",
        "sub/q.md": "/own/",
    }
    # jekyll wrote _site/about.html, index.html, from-defaults/index.html, own/index.html
    assert sorted(site.page_files.values()) == [
        "/about.html",
        "/from-defaults/index.html",
        "/index.html",
        "/own/index.html",
    ]
    assert site.static_files == ["_docs/img.png", "_docs/nofm.md"]
    assert site.url_exists("/docs/img.png") and site.url_exists("/docs/guide")
    assert site.url_exists("/docs/guide.html")  # the file Jekyll writes
    assert not site.url_exists("/secret/s.html")
    skipped = {item.relpath: item.reason for item in site.skipped}
    assert "`exclude`" in skipped["_posts/2024-05-03-three.md.bak"]
    assert "published" in skipped["_posts/special/2024-05-02-two.md"]
    assert site.timezone == timezone.utc


def test_exclude_is_a_prefix_and_include_beats_the_underscore_rule(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "exclude: [README]\ninclude: [_pages, .well-known]\n")
    write(tmp_path, "README.md", "---\n---\nx\n")  # "README" excludes README.md too
    write(tmp_path, "_pages/team.md", "---\n---\nx\n")
    write(tmp_path, ".well-known/security.txt", "x")
    write(tmp_path, "node_modules/pkg/index.html", "---\n---\nx\n")  # a default exclude
    write(tmp_path, "Gemfile.lock", "x")
    write(tmp_path, "_site/old.html", "x")
    site = load_site(tmp_path)
    assert site.page_urls == {"_pages/team.md": "/_pages/team.html"}
    assert site.static_files == [".well-known/security.txt"]
    assert "node_modules" in site.config["exclude"] and "README" in site.config["exclude"]


def test_no_config_gives_jekyll_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config["permalink"] == "date"
    assert config["markdown_ext"] == "markdown,mkdown,mkdn,mkd,md"
    assert config["excerpt_separator"] == "\n\n"
    assert config["future"] is False
    assert config["include"] == [".htaccess"]
    assert config["collections"]["posts"] == {
        "output": True,
        "permalink": "/:categories/:year/:month/:day/:title:output_ext",
    }
    assert config["kramdown"]["input"] == "GFM"


def test_config_merges_nested_mappings(tmp_path: Path) -> None:
    write(
        tmp_path,
        "_config.yml",
        "kramdown:\n  hard_wrap: true\nbaseurl: /blog\nmarkdown_ext: md,txt\n",
    )
    config = load_config(tmp_path)
    assert config["kramdown"]["hard_wrap"] is True
    assert config["kramdown"]["input"] == "GFM"
    assert config["baseurl"] == "/blog"
    write(tmp_path, "_posts/2024-01-01-a.txt", "---\n---\nx\n")
    assert load_site(tmp_path).posts[0].url == "/2024/01/01/a.html"  # .txt is Markdown now


def test_config_read_twice_is_two_independent_copies(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "kramdown:\n  hard_wrap: true\nexclude: [drafts]\n")
    first = load_config(tmp_path)
    first["kramdown"]["hard_wrap"] = False
    first["exclude"].append("changed")
    second = load_config(tmp_path)
    assert second["kramdown"]["hard_wrap"] is True
    assert "changed" not in second["exclude"]
    write(tmp_path, "_config.yml", "kramdown:\n  hard_wrap: false\n")
    assert load_config(tmp_path)["kramdown"]["hard_wrap"] is False  # a new text is parsed


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("title: x\nbad: [\n", 2, "YAML"),
        ("- a\n- b\n", 1, "mapping"),
        ("title: x\nexclude: secret\n", 2, "list"),
    ],
)
def test_broken_config_raises_config_error(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    write(tmp_path, "_config.yml", text)
    with pytest.raises(ConfigError) as caught:
        load_site(tmp_path)
    assert (caught.value.path, caught.value.line) == ("_config.yml", line)
    assert words in caught.value.message
    assert isinstance(caught.value, UsageError)  # the CLI's exit-2 error


def test_timezone_fallback_is_explicit(tmp_path: Path) -> None:
    write(tmp_path, "_posts/2024-05-01-one.md", "---\ndate: 2024-05-01 12:00:00\n---\nx\n")
    # jekyll without `timezone`: TZ=Asia/Tokyo gave 21:00+09:00, TZ unset (UTC) 12:00+00:00.
    assert load_site(tmp_path).posts[0].date.isoformat() == "2024-05-01T12:00:00+00:00"
    tokyo = load_site(tmp_path, local_timezone=ZoneInfo("Asia/Tokyo"))
    assert tokyo.posts[0].date.isoformat() == "2024-05-01T21:00:00+09:00"


def test_invalid_dates_become_problems(tmp_path: Path) -> None:
    # jekyll stops the whole build on both; bloglint reports them and goes on.
    write(tmp_path, "_posts/2024-05-01-bad-fm.md", "---\ntitle: t\ndate: not a date\n---\nx\n")
    write(tmp_path, "_posts/2024-13-45-bad-name.md", "---\n---\nx\n")
    site = load_site(tmp_path)
    [post] = site.posts
    assert post.date.isoformat() == "2024-05-01T00:00:00+00:00"  # the file name's date
    [problem] = post.source.problems
    assert (problem.kind, problem.line) == ("date", 3)
    skipped = {item.relpath: item.reason for item in site.skipped}
    assert "not a real date" in skipped["_posts/2024-13-45-bad-name.md"]
    assert any(
        p.kind == "date" and p.path == "_posts/2024-13-45-bad-name.md" for p in site.problems
    )


def test_symbolic_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "2024-05-02-ext.md", "---\n---\nx\n")
    site_root = tmp_path / "site"
    write(site_root, "_posts/real/2024-05-01-one.md", "---\n---\nx\n")
    write(site_root, "sub/p.md", "---\n---\nx\n")
    (site_root / "_posts/linked").symlink_to(outside)
    (site_root / "_posts/2024-05-03-filelink.md").symlink_to(outside / "2024-05-02-ext.md")
    (site_root / "_posts/2024-05-04-broken.md").symlink_to(tmp_path / "nowhere.md")
    (site_root / "sub/loop").symlink_to(site_root)
    site = load_site(site_root)
    # jekyll (without the loop, which makes it recurse until the OS refuses):
    # POST /2024/05/03/filelink.html, POST /2024/05/01/one.html, PAGE /sub/p.html
    assert [post.url for post in site.posts] == [
        "/2024/05/03/filelink.html",
        "/2024/05/01/one.html",
    ]
    assert site.page_urls == {"sub/p.md": "/sub/p.html"}
    kinds = {(problem.kind, problem.path) for problem in site.problems}
    assert ("symlink-loop", "sub/loop") in kinds
    assert ("unreadable", "_posts/2024-05-04-broken.md") in kinds
    skipped = {item.relpath for item in site.skipped}
    assert {"_posts/linked", "_posts/2024-05-04-broken.md"} <= skipped


def test_limit_posts_and_plugin_urls(tmp_path: Path) -> None:
    write(
        tmp_path, "_config.yml", "limit_posts: 2\nplugins: [jekyll-feed]\ngems: [jekyll-sitemap]\n"
    )
    for day in range(1, 5):
        write(tmp_path, f"_posts/2024-05-0{day}-p{day}.md", "---\n---\nx\n")
    site = load_site(tmp_path)
    assert [post.url for post in site.posts] == ["/2024/05/04/p4.html", "/2024/05/03/p3.html"]
    assert site.url_exists("/feed.xml") and site.url_exists("/sitemap.xml")
    assert site.resolve("/feed.xml") == "feed.xml"
    assert site.url_of(site.resolve("/feed.xml")) == "/feed.xml"


def test_pagination_pages_exist_when_the_plugin_is_named(tmp_path: Path) -> None:
    write(
        tmp_path,
        "_config.yml",
        'paginate: 2\npaginate_path: "posts/page:num"\ngems: [jekyll-paginate]\n',
    )
    for day in range(1, 6):
        write(tmp_path, f"_posts/2024-05-0{day}-p{day}.md", "---\n---\nx\n")
    site = load_site(tmp_path)
    assert site.url_exists("/posts/page2/") and site.url_exists("/posts/page3/")
    assert not site.url_exists("/posts/page4/")


def test_find_site_root(tmp_path: Path) -> None:
    write(tmp_path, "blog/_config.yml", "title: x\n")
    write(tmp_path, "blog/_posts/2024-01-01-a.md", "x")
    write(tmp_path, "bare/_posts/2024-01-01-a.md", "x")
    assert find_site_root(tmp_path / "blog/_posts/2024-01-01-a.md") == (tmp_path / "blog").resolve()
    assert find_site_root(tmp_path / "blog/_posts") == (tmp_path / "blog").resolve()
    assert find_site_root(tmp_path / "bare/_posts") == (tmp_path / "bare").resolve()
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    assert find_site_root(lonely) is None


def test_unreadable_page_folder_is_a_problem(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root reads everything; a dangling link stands in for an unreadable page.
        (tmp_path / "page.md").symlink_to(tmp_path / "nowhere.md")
        site = load_site(tmp_path)
        assert site.static_files == ["page.md"]  # Jekyll copies what it cannot open as static
        return
    write(tmp_path, "locked/p.md", "---\n---\nx\n")
    (tmp_path / "locked").chmod(0)
    try:
        site = load_site(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert any(problem.kind == "unreadable" for problem in site.problems)


def test_defaults_precedence_singular_keys_and_liquid_in_excerpt(tmp_path: Path) -> None:
    write(
        tmp_path,
        "_config.yml",
        "limit_posts: 5\ndefaults:\n"
        '  - scope: {path: "_posts/*/deep"}\n    values: {author: glob}\n'
        '  - scope: {path: "_posts", type: posts}\n    values: {author: typed}\n'
        '  - scope: {path: "_posts"}\n    values: {author: untyped, tag: dtag}\n',
    )
    files = {
        "_posts/2024-01-15-foo.bar.md": "---\n---\nx\n",
        "_posts/2024-01-14-slugfm.md": "---\nslug: My Slug!\n---\nx\n",
        "_posts/a/deep/2024-01-16-g.md": "---\ncategory: one\ncategories: [two, three]\ntag: solo\ntags: [x, y]\n---\nx\n",
        "_posts/2024-01-17-t.md": "---\ntitle: false\n---\nx\n",
        "_posts/2024-01-18-u.md": '---\ntitle: ""\n---\n{% if true %}\nhead\n\nafter {% endif %}\n',
        "_posts/2024-01-10-old.md": "---\n---\nx\n",
        "_posts/2024-01-09-older.md": "---\n---\nx\n",
    }
    for relpath, text in files.items():
        write(tmp_path, relpath, text)
    site = load_site(tmp_path)
    # jekyll: POST|url|title|author|categories|tags (limit_posts keeps the 5 newest)
    assert [(p.url, p.title, p.data["author"], p.categories, p.tags) for p in site.posts] == [
        ("/2024/01/18/u.html", "", "typed", [], ["dtag"]),
        ("/2024/01/17/t.html", "T", "typed", [], ["dtag"]),
        ("/two/three/one/2024/01/16/g.html", "G", "glob", ["two", "three", "one"], ["solo"]),
        ("/2024/01/15/foo.bar.html", "Foo.bar", "typed", [], ["dtag"]),
        ("/2024/01/14/My-Slug!.html", "Slugfm", "typed", [], ["dtag"]),
    ]
    # jekyll rendered this excerpt as "\n<p>head</p>\n": the open {% if %} gets closed.
    assert site.posts[0].excerpt == "{% if true %}\nhead\n{% endif %}"
    # jekyll: {% post_url a/deep/2024-01-16-g %} -> /two/three/one/2024/01/16/g.html
    assert site.post_by_name("a/deep/2024-01-16-g") is site.posts[2]


def test_categories_split_on_ascii_space_only_and_a_number_breaks_the_front_matter(
    tmp_path: Path,
) -> None:
    write(tmp_path, "_posts/2024-01-01-num.md", "---\ncategories: 2019\ntitle: Num\n---\nx\n")
    write(
        tmp_path, "_posts/2024-01-02-wide.md", '---\ncategories: "机器学习\u3000深度学习"\n---\nx\n'
    )
    site = load_site(tmp_path, now=NOW)
    # jekyll: "could not read file ...: no implicit conversion of Integer into Array", then
    # POST|/2026/11/21/2024-01-01-num.html|||<site.time>
    # POST|/%E6%9C%BA...%E4%B9%A0/2024/01/02/wide.html|Wide|机器学习　深度学习|2024-01-02
    number, wide = site.posts
    assert (number.url, number.title, number.date) == ("/2026/11/21/2024-01-01-num.html", "", NOW)
    assert [problem.kind for problem in number.source.problems] == ["front-matter"]
    assert number.source.problems[0].line == 2
    assert wide.categories == ["机器学习\u3000深度学习"]
    assert wide.url == (
        "/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0%E3%80%80%E6%B7%B1%E5%BA%A6%E5%AD%A6%E4%B9%A0/2024/01/02/wide.html"
    )


def test_pretty_pages_hidden_files_and_htaccess(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "permalink: pretty\n")
    files = {
        ".htaccess": "x",
        ".hidden/a.md": "---\n---\nx\n",
        "#tmp.md": "---\n---\nx\n",
        "page.md~": "---\n---\nx\n",
        "sub/about.md": "---\n---\nx\n",
        "sub/deeper/index.html": "---\n---\nx\n",
        "hidden.md": "---\npublished: false\n---\nx\n",
        "feed.xml": "---\n---\nx\n",
        "sub/weird name.md": "---\n---\nx\n",
        "robots.txt": "x",
        "data.json": "---\n---\n{}\n",
    }
    for relpath, text in files.items():
        write(tmp_path, relpath, text)
    site = load_site(tmp_path)
    # jekyll: PAGE and STATIC lines, and the files it wrote into _site
    assert site.page_urls == {
        "sub/about.md": "/sub/about/",
        "data.json": "/data.json",
        "feed.xml": "/feed.xml",
        "sub/deeper/index.html": "/sub/deeper/",
        "sub/weird name.md": "/sub/weird%20name/",
    }
    assert site.page_files["sub/weird name.md"] == "/sub/weird name/index.html"
    assert [page.relpath for page in site.pages] == [
        "sub/about.md", "data.json", "feed.xml", "sub/deeper/index.html", "sub/weird name.md",
    ]  # fmt: skip
    assert site.static_files == [".htaccess", "robots.txt"]
    assert site.url_exists("/sub/weird name/") and not site.url_exists("/hidden.html")


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.text(alphabet="ab -_/:.%#?中\u3000", max_size=12),
    st.dates(),
    st.datetimes(),
)
_VALUES = st.one_of(
    _SCALARS,
    st.lists(_SCALARS, max_size=3),
    st.dictionaries(st.text("ab", max_size=2), _SCALARS, max_size=2),
)
_KEYS = [
    "date",
    "title",
    "slug",
    "categories",
    "category",
    "tags",
    "tag",
    "permalink",
    "published",
    "excerpt_separator",
    "excerpt",
    "layout",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front_matter=st.dictionaries(st.sampled_from(_KEYS), _VALUES, max_size=6))
def test_any_front_matter_loads_without_crashing(
    tmp_path: Path, front_matter: dict[str, object]
) -> None:
    import yaml

    text = "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\nbody\n"
    write(tmp_path, "_posts/2024-01-01-fuzz.md", text)
    site = load_site(tmp_path, now=NOW, future=True)
    for post in site.posts:
        assert post.url.startswith("/")
        assert post.date.tzinfo is not None
        assert isinstance(post.title, str) and isinstance(post.id, str)
    assert len(site.posts) + len(site.skipped) == 1


def test_odd_post_file_names(tmp_path: Path) -> None:
    names = [
        "2024-01-01-a\nb.md", "2024-01-02-%41.md", "2024-01-03-..md", "2024-01-04-#hash.md",
        "2024-01-05-back\\slash.md", "2024-01-06-co:lon.md", "2024-01-07-q?.md", "2024-01-08-[x].md",
        "2024-01-09-.md", "2024-01-10-it's.md", "2024-01-11- space.md", "2024-01-12-ü.MD",
    ]  # fmt: skip
    for name in names:
        write(tmp_path, f"_posts/{name}", "---\n---\nx\n")
    site = load_site(tmp_path)
    # jekyll: POST|url|id|title
    assert [(p.url, p.id, p.title) for p in site.posts] == [
        ("/2024/01/12/%C3%BC.html", "/2024/01/12/ü", "Ü"),
        ("/2024/01/11/space.html", "/2024/01/11/ space", " space"),
        ("/2024/01/10/it's.html", "/2024/01/10/it's", "It's"),
        ("/2024/01/09/.html", "/2024/01/09/", ""),
        ("/2024/01/08/x.html", "/2024/01/08/[x]", "[x]"),
        ("/2024/01/07/q.html", "/2024/01/07/q?", "Q?"),
        ("/2024/01/06/co-lon.html", "/2024/01/06/co:lon", "Co:lon"),
        ("/2024/01/05/back-slash.html", "/2024/01/05/back\\slash", "Back\\slash"),
        ("/2024/01/04/hash.html", "/2024/01/04/#hash", "#hash"),
        ("/2024/01/03/.html", "/2024/01/03/", ""),
        ("/2024/01/02/41.html", "/2024/01/02/%41", "%41"),
        ("/2024/01/01/a-b.html", "/2024/01/01/a\nb", "A\nb"),
    ]


def test_an_undated_draft_is_dated_by_its_modification_time(tmp_path: Path) -> None:
    path = write(tmp_path, "_drafts/undated.md", "---\n---\nx\n")
    stamp = datetime(2023, 6, 15, 12, 34, 56, tzinfo=timezone.utc).timestamp()
    os.utime(path, (stamp, stamp))
    [draft] = load_site(tmp_path, drafts=True).posts
    # jekyll --drafts: POST|/2023/06/15/undated.html|2023-06-15T12:34:56+00:00
    assert (draft.url, draft.date.isoformat(), draft.draft) == (
        "/2023/06/15/undated.html",
        "2023-06-15T12:34:56+00:00",
        True,
    )


def test_a_day_past_the_month_end_rolls_over_like_ruby(tmp_path: Path) -> None:
    """`jekyll build` (4.3.1) publishes _posts/2024-02-30-b.md at /2024/03/01/b.html."""
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-02-30-b.md").write_text(
        "---\ntitle: B\n---\nx\n", encoding="utf-8"
    )
    (tmp_path / "_posts" / "2024-13-01-c.md").write_text(
        "---\ntitle: C\n---\nx\n", encoding="utf-8"
    )
    site = load_site(tmp_path)
    assert [post.url for post in site.posts] == ["/2024/03/01/b.html"]
    assert site.posts[0].date.isoformat() == "2024-03-01T00:00:00+00:00"
