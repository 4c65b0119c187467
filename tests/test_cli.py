"""The command line as a user meets it: exit codes, messages, formats, the site root."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bloglint import __version__
from bloglint.cli import main

CLEAN_POST = """---
title: A clean post
---

## First section

Some text and [a link to the section](#first-section).
"""


def make_site(root: Path, files: dict[str, str]) -> Path:
    for relpath, text in files.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def test_version_from_a_fresh_interpreter() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bloglint", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"bloglint {__version__}"


def test_check_help_explains_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "bloglint check --format github" in out
    assert "Exit status" in out


def test_clean_site_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(
        tmp_path, {"_config.yml": "title: t\n", "_posts/2024-01-02-clean.md": CLEAN_POST}
    )
    assert main(["check", str(site / "_posts")]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("1 file checked, no problems")
    assert "\x1b[" not in out  # not a terminal: no colour


def test_unknown_config_key_exits_2_naming_key_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(
        tmp_path,
        {
            "_config.yml": "title: t\nbloglint:\n  ignroe: [BL001]\n",
            "_posts/2024-01-02-clean.md": CLEAN_POST,
        },
    )
    assert main(["check", "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "bloglint.ignroe" in err and "_config.yml" in err


def test_outside_any_site_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.md").write_text("# hi\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "notes.md")]) == 2
    assert "not inside a Jekyll site" in capsys.readouterr().err


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_site(tmp_path, {"_config.yml": "title: t\n", "_posts/2024-01-02-clean.md": CLEAN_POST})
    assert main(["check", "--site", str(tmp_path), str(tmp_path / "_posts" / "nope.md")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_posts_json_lists_posts_and_skipped_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(
        tmp_path,
        {
            "_config.yml": "title: t\ntimezone: Europe/Berlin\npermalink: /:year/:title.html\n",
            "_posts/2024-01-02-clean.md": CLEAN_POST,
            "_posts/notes.txt": "not a post\n",
        },
    )
    assert main(["posts", "--site", str(site), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (post,) = data["posts"]
    assert post["path"] == "_posts/2024-01-02-clean.md"
    assert post["url"] == "/2024/clean.html"
    assert post["date"] == "2024-01-02T00:00:00+01:00"
    assert post["title"] == "A clean post"
    assert [s["path"] for s in data["skipped"]] == ["_posts/notes.txt"]
    assert data["skipped"][0]["reason"]


def test_rules_lists_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    from bloglint.catalog import load_catalog

    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    for spec in load_catalog().values():
        assert spec.id in listing and spec.name in listing
    first = next(iter(load_catalog().values()))
    assert main(["rules", first.name]) == 0
    assert first.summary in capsys.readouterr().out
    assert main(["rules", "BL999"]) == 2


def test_jekyll_plugin_install_is_idempotent_and_careful(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path, {"_config.yml": "title: t\n", "_posts/2024-01-02-a.md": CLEAN_POST})
    assert main(["jekyll-plugin", "--site", str(site)]) == 0
    plugin = site / "_plugins" / "bloglint.rb"
    assert "Jekyll::Hooks.register :site, :post_read" in plugin.read_text(encoding="utf-8")
    assert main(["jekyll-plugin", "--site", str(site)]) == 0
    assert "already up to date" in capsys.readouterr().err
    plugin.write_text("# my own edits\n", encoding="utf-8")
    assert main(["jekyll-plugin", "--site", str(site)]) == 2
    assert plugin.read_text(encoding="utf-8") == "# my own edits\n"
    assert main(["jekyll-plugin", "--site", str(site), "--force"]) == 0
    assert "Jekyll::Hooks" in plugin.read_text(encoding="utf-8")


STALE_TOC_POST = """---
title: Stale
---

<!-- TOC -->
- [Old name](#old-name)
<!-- /TOC -->

## New name

Text.
"""


def test_diff_shows_the_toc_fix_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(
        tmp_path, {"_config.yml": "title: t\n", "_posts/2024-01-02-stale.md": STALE_TOC_POST}
    )
    post = site / "_posts/2024-01-02-stale.md"
    assert main(["check", "--site", str(site), "--diff"]) == 1
    out = capsys.readouterr().out
    assert "-- [Old name](#old-name)" in out and "+- [New name](#new-name)" in out
    assert post.read_text(encoding="utf-8") == STALE_TOC_POST


def test_fix_rewrites_only_the_toc_and_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(
        tmp_path, {"_config.yml": "title: t\n", "_posts/2024-01-02-stale.md": STALE_TOC_POST}
    )
    post = site / "_posts/2024-01-02-stale.md"
    assert main(["check", "--site", str(site), "--fix"]) == 0
    fixed = post.read_text(encoding="utf-8")
    assert fixed == STALE_TOC_POST.replace("- [Old name](#old-name)", "- [New name](#new-name)")
    assert "fixed the table of contents in 1 file" in capsys.readouterr().err
    assert main(["check", "--site", str(site), "--fix"]) == 0
    assert post.read_text(encoding="utf-8") == fixed
    assert "fixed" not in capsys.readouterr().err


ATOM_TEMPLATE = """---
layout: nil
---
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>{{ site.title }}</title>
 <updated>{{ site.time | date_to_xmlschema }}</updated>
 {% for post in site.posts %}<entry><title>{{ post.title | xml_escape }}</title><id>{{ post.id }}</id></entry>
 {% endfor %}
</feed>
"""


def test_feed_from_a_template_goes_to_site_output_and_keeps_the_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(
        tmp_path,
        {
            "_config.yml": "title: t\n",
            "atom.xml": ATOM_TEMPLATE,
            "_posts/2024-01-02-a.md": CLEAN_POST,
        },
    )
    assert main(["feed", "--site", str(site), "--time", "2024-05-01T00:00:00Z"]) == 0
    assert (site / "atom.xml").read_text(encoding="utf-8") == ATOM_TEMPLATE
    written = (site / "_site" / "atom.xml").read_text(encoding="utf-8")
    assert "<title>A clean post</title>" in written and "2024-05-01T00:00:00+00:00" in written
    assert main(["feed", "--site", str(site), "--check"]) == 0  # only the build time differs
    (site / "_posts/2024-01-03-b.md").write_text(
        CLEAN_POST.replace("A clean", "Another"), encoding="utf-8"
    )
    assert main(["feed", "--site", str(site), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err


def test_feed_hook_rewrites_a_stale_feed_and_fails_once(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "_config.yml": "title: t\nurl: https://example.org\n",
            "_posts/2024-01-02-a.md": CLEAN_POST,
        },
    )
    assert main(["feed", "--site", str(site), "--fail-on-change"]) == 1
    first = (site / "feed.xml").read_text(encoding="utf-8")  # jekyll-feed style, beside the sources
    assert '<entry><title type="text">A clean post</title>' in first
    assert main(["feed", "--site", str(site), "--fail-on-change"]) == 0
    assert (site / "feed.xml").read_text(encoding="utf-8") == first


def test_feed_with_a_bad_time_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path, {"_config.yml": "title: t\n", "_posts/2024-01-02-a.md": CLEAN_POST})
    assert main(["feed", "--site", str(site), "--time", "yesterday"]) == 2
    assert "--time" in capsys.readouterr().err


def test_check_external_reports_broken_links_and_a_rerun_rechecks_only_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.httpserver import Response, TestServer

    with TestServer() as server:
        server.route("/ok", Response.html("<p>fine</p>"))
        server.route("/gone", Response(404))
        base = f"http://127.0.0.1:{server.port}"
        site = make_site(
            tmp_path,
            {
                "_config.yml": "title: t\nbloglint:\n  external: {allow_private: true}\n",
                "_posts/2024-01-02-a.md": f"---\ntitle: A\n---\n\n[fine]({base}/ok) and [gone]({base}/gone)\n",
            },
        )
        assert main(["check", "--site", str(site)]) == 0  # offline: nothing requested
        assert server.count() == 0
        assert main(["check", "--site", str(site), "--external"]) == 1
        captured = capsys.readouterr()
        assert "5:" in captured.out and "BL040" in captured.out and "404" in captured.out
        assert "external links: 2 distinct, 2 checked" in captured.err
        ok, gone = server.count("/ok"), server.count("/gone")
        assert main(["check", "--site", str(site), "--external"]) == 1
        assert server.count("/ok") == ok  # the success comes from the cache
        assert server.count("/gone") > gone  # the failure is rechecked
        assert "1 from cache" in capsys.readouterr().err


@pytest.mark.parametrize("layouts", ["_layouts", "_theme"])
def test_a_warm_rerun_notices_a_deleted_image_and_a_changed_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], layouts: str
) -> None:
    """Unchanged runs are answered from the index; anything a rule looks at invalidates that
    (the layouts wherever `layouts_dir` puts them)."""
    site = make_site(
        tmp_path,
        {
            "_config.yml": f"title: t\nlayouts_dir: {layouts}\n",
            f"{layouts}/post.html": '<div id="masthead">{{ content }}</div>\n',
            "assets/pic.png": "png",
            "_posts/2024-01-02-a.md": "---\ntitle: A\nlayout: post\n---\n\n![p](/assets/pic.png) [up](#masthead)\n",
        },
    )
    assert main(["check", "--site", str(site)]) == 0
    assert main(["check", "--site", str(site)]) == 0  # from the index
    (site / "assets/pic.png").unlink()
    assert main(["check", "--site", str(site)]) == 1
    assert "BL001" in capsys.readouterr().out
    (site / "assets/pic.png").write_text("png", encoding="utf-8")
    assert main(["check", "--site", str(site)]) == 0
    (site / layouts / "post.html").write_text("<div>{{ content }}</div>\n", encoding="utf-8")
    assert main(["check", "--site", str(site)]) == 1
    assert "#masthead" in capsys.readouterr().out


def test_a_run_over_no_post_is_not_reused_for_the_whole_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check about.md` checks no post; the index must not answer a full check with its result."""
    site = make_site(
        tmp_path,
        {
            "_config.yml": "title: t\n",
            "about.md": "---\ntitle: About\n---\n\nHello.\n",
            "_posts/2024-01-02-a.md": "---\ntitle: A\n---\n\nSee [gone](/nowhere.html).\n",
        },
    )
    assert main(["check", "--site", str(site), str(site / "about.md")]) == 0
    capsys.readouterr()
    assert main(["check", "--site", str(site)]) == 1
    assert "BL001" in capsys.readouterr().out
