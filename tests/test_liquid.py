"""Jekyll's Liquid as bloglint renders it.

Expected values were labelled with Debian's Jekyll 4.3.1 (Ruby 3.1, liquid 5.4) on a scratch
site built from the same files these tests write (`jekyll build`, then reading `_site`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from bloglint.liquid import (
    JekyllLiquid,
    LiquidRenderError,
    PageDrop,
    RenderCache,
    ruby_strftime,
    smartify,
    strip_html,
    xml_escape,
)
from bloglint.site import Site, load_site

BUILD_TIME = dt.datetime(2026, 11, 21, 7, 22, 39, tzinfo=dt.timezone.utc)

CONFIG = """\
title: "Oracle & <Site>"
url: "https://example.org"
baseurl: "/blog"
timezone: Europe/Paris
author:
  name: Ada
"""

SECOND = """\
---
title: "Second & \\"quoted\\" it's"
date: 2020-01-02 10:30:00 -0500
categories: [alpha, beta]
tags: [x, y]
extra: 42
---
go {{.State.Pid}} tmpl '{{"\\n"}}' {{ nothing.here }} {{ 'abc' | nosuchfilter }}
{% include note.html text="hi there" n=page.extra %}
see {% post_url 2020-01-01-first %}
{% highlight ruby %}
def x
  1
end
{% endhighlight %}
{% raw %}{{ kept }}{% endraw %}
"""

FIRST = """\
---
title: First
---
Hello *world*.

Second paragraph.
"""


def write_site(root: Path, files: dict[str, str]) -> Path:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path: Path) -> Site:
    write_site(
        tmp_path,
        {
            "_config.yml": CONFIG,
            "_data/authors.yml": "ada:\n  name: Ada L\n  email: ada@example.org\n",
            "_includes/note.html": "[{{ include.text }}|{{ include.n }}|{{ page.title }}]\n",
            "_posts/2020-01-02-second.md": SECOND,
            "_posts/2020-01-01-first.md": FIRST,
        },
    )
    return load_site(tmp_path)


class Markdown:
    """A stand-in converter that records what it was given (Liquid must run first)."""

    def __init__(self) -> None:
        self.inputs: list[str] = []

    def __call__(self, text: str) -> str:
        self.inputs.append(text)
        return f"<md>{text}</md>"


def renderer_for(site: Site, **kwargs: object) -> JekyllLiquid:
    kwargs.setdefault("markdown", Markdown())
    return JekyllLiquid(site, build_time=BUILD_TIME, **kwargs)  # type: ignore[arg-type]


def render(site: Site, source: str, **kwargs: object) -> str:
    return renderer_for(site, **kwargs).render(source, "probe.txt")


# ---------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("%-d %B %Y", "2 January 2020"),
        ("%e|%j|%:z|%^a|%L|%-m|%y|%I%p|%k", " 2|002|+01:00|THU|000|1|20|04PM|16"),
        ("%s", "1577979000"),
        ("%F %T %z", "2020-01-02 16:30:00 +0100"),
        ("%Q%%", "%Q%"),  # unknown directives are printed as written
    ],
)
def test_ruby_strftime_matches_ruby(fmt: str, expected: str) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    moment = dt.datetime(2020, 1, 2, 16, 30, tzinfo=paris)
    assert ruby_strftime(moment, fmt) == expected


def test_xml_escape_flavours() -> None:
    text = "a & b < c > d \" e ' f"
    assert xml_escape(text) == "a &amp; b &lt; c &gt; d &quot; e ' f"
    assert xml_escape(text, apos=True) == "a &amp; b &lt; c &gt; d &quot; e &apos; f"
    assert xml_escape(None) == ""


def test_strip_html_keeps_entities_and_drops_scripts() -> None:
    html = "<p>a <b>b</b></p><script>x</script><!-- c -->d &amp; e"
    assert strip_html(html) == "a bd &amp; e"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Hello" -- it\'s... a & b --- c <b>x</b> &amp;',
            "\u201cHello\u201d \u2013 it\u2019s\u2026 a &amp; b \u2014 c <b>x</b> &amp;",
        ),
        (
            '包括"%s"(字符串) 和\'引号\' 会有"..."，因此',
            "包括\u201d%s\u201d(字符串) 和\u2019引号\u2019 会有\u201d\u2026\u201c，因此",
        ),
        (
            'He said "hello" and \'hi\', it\'s -- "x" (p"q") ["b"] -"d"',
            "He said \u201chello\u201d and \u2018hi\u2019, it\u2019s \u2013 \u201cx\u201d "
            "(p\u201dq\u201d) [\u201cb\u201d] -\u201cd\u201d",
        ),
        (
            "the '90s, rock 'n' roll, 5'10\" tall, x << y >> z, a <b>\"t\"</b> &amp; &copy; & < >",
            "the \u201990s, rock \u2018n\u2019 roll, 5\u201910\u201d tall, x \u00ab\u00a0y\u00a0\u00bb z, "
            "a <b>\u201ct\u201d</b> &amp; \u00a9 &amp; &lt; &gt;",
        ),
    ],
)
def test_smartify_is_kramdowns_smartypants(text: str, expected: str) -> None:
    # Labelled with Jekyll 4.3.1's smartify filter.
    assert smartify(text) == expected


# ---------------------------------------------------------------- posts: Liquid before Markdown


def test_post_body_goes_through_liquid_before_markdown(site: Site) -> None:
    markdown = Markdown()
    renderer = renderer_for(site, markdown=markdown)
    second = site.posts[0]
    html = renderer.post_content(second)
    liquid_output = markdown.inputs[-1]
    # Go templates: a syntax error renders as nothing, "\n" is the two characters \ n,
    # undefined variables are empty and an unknown filter returns its input.
    assert liquid_output.startswith("go  tmpl '\\n'  abc\n")
    assert '[hi there|42|Second & "quoted" it\'s]' in liquid_output
    assert "see /blog/2020/01/01/first.html" in liquid_output
    assert "{{ kept }}" in liquid_output
    assert html == f"<md>{liquid_output}</md>"
    # The syntax error is a warning at the file line of `{{.State.Pid}}` (line 8).
    assert [(i.relpath, i.line) for i in renderer.issues] == [("_posts/2020-01-02-second.md", 8)]


def test_highlight_tag_wraps_code_in_a_figure(site: Site) -> None:
    out = renderer_for(site).render(
        "{% highlight ruby %}\ndef x\n  1 < 2\nend\n{% endhighlight %}", "p.md"
    )
    assert out.startswith(
        '<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby">'
    )
    assert out.endswith("</code></pre></figure>")
    assert "&lt;" in out  # code is escaped
    assert "\nend</code>" in out or "end</span></code>" in out


def test_render_with_liquid_false_skips_liquid(tmp_path: Path) -> None:
    post = "---\ntitle: Raw\nrender_with_liquid: false\n---\nkeep {{ this }}\n"
    site = load_site(write_site(tmp_path, {"_posts/2021-05-05-raw.md": post}))
    markdown = Markdown()
    renderer_for(site, markdown=markdown).post_content(site.posts[0])
    assert markdown.inputs == ["keep {{ this }}\n"]


def test_excerpt_is_rendered_text_before_the_separator(site: Site) -> None:
    first = site.posts[1]
    markdown = Markdown()
    excerpt = renderer_for(site, markdown=markdown).post_excerpt(first)
    assert excerpt == "<md>Hello *world*.</md>"


def test_post_url_to_a_missing_post_stops_the_build(tmp_path: Path) -> None:
    post = "---\ntitle: T\n---\nline one\nsee {% post_url 2001-01-01-nope %}\n"
    site = load_site(write_site(tmp_path, {"_posts/2021-05-05-t.md": post}))
    with pytest.raises(LiquidRenderError) as caught:
        renderer_for(site).post_content(site.posts[0])
    assert caught.value.relpath == "_posts/2021-05-05-t.md"
    assert "2001-01-01-nope" in caught.value.message


def test_missing_include_stops_the_build(tmp_path: Path) -> None:
    post = "---\ntitle: T\n---\n{% include nothere.html %}\n"
    site = load_site(write_site(tmp_path, {"_posts/2021-05-05-t.md": post}))
    with pytest.raises(LiquidRenderError) as caught:
        renderer_for(site).post_content(site.posts[0])
    assert "nothere.html" in caught.value.message


def test_link_tag_resolves_site_paths(tmp_path: Path) -> None:
    files = {
        "_posts/2021-05-05-t.md": "---\ntitle: T\n---\n[a]({% link about.md %})\n",
        "about.md": "---\ntitle: About\n---\nhi\n",
    }
    site = load_site(write_site(tmp_path, files))
    markdown = Markdown()
    renderer_for(site, markdown=markdown).post_content(site.posts[0])
    assert markdown.inputs == ["[a](/about.html)\n"]


# ---------------------------------------------------------------- filters and objects (oracle)


ORACLE = [
    ("{{ site.posts[0].date | date_to_xmlschema }}", "2020-01-02T16:30:00+01:00"),
    ("{{ site.posts[0].date | date_to_rfc822 }}", "Thu, 02 Jan 2020 16:30:00 +0100"),
    (
        '{{ site.posts[0].date | date_to_string }}|{{ site.posts[0].date | date_to_string: "ordinal", "US" }}'
        '|{{ site.posts[0].date | date_to_string: "ordinal" }}',
        "02 Jan 2020|Jan 2nd, 2020|2nd Jan 2020",
    ),
    (
        '{{ site.posts[0].date | date_to_long_string }}|{{ site.posts[0].date | date_to_long_string: "ordinal" }}',
        "02 January 2020|2nd January 2020",
    ),
    (
        '{{ site.posts[0].date | date: "%-d %B %Y|%e|%j|%:z|%Z" }}',
        "2 January 2020| 2|002|+01:00|CET",
    ),
    (
        '{{ "2021-03-04 05:06:07 +0200" | date: "%Y-%m-%d %H:%M %z" }}|{{ "garbage" | date: "%Y" }}',
        "2021-03-04 05:06 +0200|garbage",
    ),
    ("{{ site.posts[0].date }}", "2020-01-02 16:30:00 +0100"),
    ('{{ "a b&c/d?e=f~g*h" | cgi_escape }}', "a+b%26c%2Fd%3Fe%3Df~g%2Ah"),
    ('{{ "a b/c?d=é&f#g%20" | uri_escape }}', "a%20b/c?d=%C3%A9&f#g%20"),
    (
        '{{ "/x y.html" | absolute_url }}|{{ "rel" | absolute_url }}|{{ "http://o.org/a" | absolute_url }}',
        "https://example.org/blog/x%20y.html|https://example.org/blog/rel|http://o.org/a",
    ),
    ('{{ "/x.html" | relative_url }}|{{ "" | relative_url }}', "/blog/x.html|/blog"),
    ('{{ "one two  three" | number_of_words }}', "3"),
    (
        '{{ "Hello, World! 中文_x" | slugify }}|{{ "Hello, World!" | slugify: "pretty" }}'
        '|{{ "Hello World" | slugify: "raw" }}',
        "hello-world-中文-x|hello,-world!|hello-world",
    ),
    (
        '{{ site.posts | map: "title" | array_to_sentence_string }}'
        '|{{ "a,b,c" | split: "," | array_to_sentence_string: "or" }}',
        'Second & "quoted" it\'s and First|a, b, or c',
    ),
    ("{{ site.posts[1].tags | jsonify }}|{{ site.author | jsonify }}", '[]|{"name":"Ada"}'),
    (
        '{{ site.posts | where: "title", "First" | map: "url" | join: "," }}',
        "/2020/01/01/first.html",
    ),
    (
        '{{ site.posts | where_exp: "p", "p.extra == 42" | map: "url" | join: "," }}',
        "/alpha/beta/2020/01/02/second.html",
    ),
    (
        '{{ site.posts | sort: "title" | map: "title" | join: "," }}',
        'First,Second & "quoted" it\'s',
    ),
    (
        '{% assign g = site.posts | group_by: "extra" %}{% for x in g %}{{ x.name }}:{{ x.size }};{% endfor %}',
        "42:1;:1;",
    ),
    (
        "{% for p in site.posts limit:1 %}{{ p.url }}{% endfor %}",
        "/alpha/beta/2020/01/02/second.html",
    ),
    ("{{ site.categories.alpha | size }}|{{ site.tags.y[0].title }}", '1|Second & "quoted" it\'s'),
    ("{{ site.data.authors.ada.email }}", "ada@example.org"),
    ('{{ site.time | date: "%Y" }}', "2026"),
    (
        "{{ site.posts[0].id }}|{{ site.posts[0].url }}|{{ site.posts[0].slug }}"
        '|{{ site.posts[0].categories | join: "/" }}|{{ site.posts[0].extra }}'
        "|{{ site.posts[0].next.title }}|{{ site.posts[0].previous.title }}"
        "|{{ site.posts[1].next.title }}|{{ site.posts[0].path }}",
        "/alpha/beta/2020/01/02/second|/alpha/beta/2020/01/02/second.html|second|alpha/beta|42"
        '||First|Second & "quoted" it\'s|_posts/2020-01-02-second.md',
    ),
    (
        '{{ "one two three four" | truncatewords: 2 }}|{{ "abcdefghij" | truncate: 5 }}',
        "one two...|ab...",
    ),
    (
        "{% capture w %}  a \n\t b  {% endcapture %}{{ w | normalize_whitespace }}|",
        "a b|",
    ),
    ('{{ "a<br/>b\nc" | strip_newlines }}', "a<br/>bc"),
    (
        "{% for p in site.posts %}[{{ p.title | smartify | strip_html | normalize_whitespace | xml_escape }}]{% endfor %}",
        "[Second &amp;amp; \u201cquoted\u201d it\u2019s][First]",
    ),
    ("{{ 3.0 }}|{{ 10 | divided_by: 4 }}|{{ 10.0 | divided_by: 4 }}", "3.0|2|2.5"),
]


@pytest.mark.parametrize(("template", "expected"), ORACLE)
def test_filters_and_objects_match_jekyll(site: Site, template: str, expected: str) -> None:
    assert render(site, template) == expected


def test_xml_escape_and_version_follow_the_flavour(site: Site) -> None:
    template = '{% capture q %}it\'s "q"{% endcapture %}{{ q | xml_escape }} {{ jekyll.version }}'
    assert render(site, template, flavour="jekyll4") == "it&apos;s &quot;q&quot; 4.3.1"
    assert render(site, template, flavour="github-pages") == "it's &quot;q&quot; 3.9.5"


def test_markdownify_uses_the_converter(site: Site) -> None:
    assert render(site, '{{ "*x*" | markdownify }}') == "<md>*x*</md>"


def test_site_time_is_the_build_time_in_the_site_zone(site: Site) -> None:
    assert render(site, "{{ site.time | date_to_xmlschema }}") == "2026-11-21T08:22:39+01:00"


def test_invalid_timezone_name_means_utc(tmp_path: Path) -> None:
    files = {
        "_config.yml": "timezone: China/Beijing\n",
        "_posts/2019-10-17-x.md": "---\ntitle: X\n---\nx\n",
    }
    site = load_site(write_site(tmp_path, files))
    assert (
        render(site, "{{ site.posts[0].date | date_to_xmlschema }}") == "2019-10-17T00:00:00+00:00"
    )


def test_bad_output_markup_is_a_warning(site: Site) -> None:
    renderer = renderer_for(site)
    out = renderer.render("a\nb {{ (x) }} c {{ 1 | plus: 2 }}", "atom.xml", first_line=5)
    assert out == "a\nb  c 3"
    assert [(i.relpath, i.line) for i in renderer.issues] == [("atom.xml", 6)]


# Each stops `jekyll build` with "Liquid Exception: Liquid syntax error (line N): ..."
# (Unknown tag / 'if' tag was never closed / Variable '{{' was not properly terminated /
# Syntax Error in tag 'if' / Tag '{%' was not properly terminated / wrong number of arguments).
@pytest.mark.parametrize(
    "body",
    [
        "ok\n{% nosuchtag a %} after",
        "ok\n{% if x %}never closed",
        "ok\nopen {{ foo and more",
        "ok\nstray {% endif %}",
        "ok\nbad {% if %}x{% endif %}",
        "ok\nunterminated {% if x",
        "ok\nfine {{ 1 | plus: }}",
    ],
)
def test_errors_jekyll_does_not_forgive_stop_the_build(site: Site, body: str) -> None:
    renderer = renderer_for(site)
    with pytest.raises(LiquidRenderError) as caught:
        renderer.render(body, "_posts/x.md", first_line=4)
    assert (caught.value.relpath, caught.value.line) == ("_posts/x.md", 5)
    assert renderer.issues == []


# ---------------------------------------------------------------- cache


def test_render_cache_reuses_html_and_survives_corruption(site: Site, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    first = Markdown()
    cache = RenderCache(directory, version="v1")
    html = renderer_for(site, markdown=first, cache=cache).post_content(site.posts[1])
    cache.close()
    assert len(first.inputs) == 1
    second = Markdown()
    cache = RenderCache(directory, version="v1")
    assert renderer_for(site, markdown=second, cache=cache).post_content(site.posts[1]) == html
    cache.close()
    assert second.inputs == []  # served from the cache
    assert cache.hits == 1
    assert RenderCache(directory, version="v2").get(first.inputs[0]) is None  # new converter
    (directory / "render.sqlite").write_bytes(b"this is not a database at all" * 100)
    rebuilt = RenderCache(directory, version="v1")
    assert rebuilt.get(first.inputs[0]) is None
    rebuilt.put(first.inputs[0], html)
    rebuilt.close()
    with sqlite3.connect(directory / "render.sqlite") as db:
        assert db.execute("select count(*) from html").fetchone() == (1,)


def test_post_content_is_jekylls_html(site: Site) -> None:
    """Liquid, highlight (with the "\\n" Markdown prefix/suffix), raw, then kramdown."""
    html = JekyllLiquid(site, build_time=BUILD_TIME).post_content(site.posts[0])
    assert html == (
        "<p>go  tmpl \u2018\\n\u2019  abc\n"
        "[hi there|42|Second &amp; \u201cquoted\u201d it\u2019s]</p>\n\n"
        "<p>see /blog/2020/01/01/first.html</p>\n\n"
        '<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby">'
        '<span class="k">def</span> <span class="nf">x</span>\n'
        '  <span class="mi">1</span>\n'
        '<span class="k">end</span></code></pre></figure>\n\n'
        "<p>{{ kept }}</p>\n"
    )


def test_page_variables_and_escapes_match_jekyll(site: Site, tmp_path: Path) -> None:
    (tmp_path / "probe.txt").write_text(
        "---\ntitle: Probe page\n---\n"
        "{{ page.url }}|{{ page.title }}|{{ page.path }}|{{ page.name }}|{{ page.dir }}\n"
        "{{ site.posts[0].title | escape }}|{{ 'a &amp; <b>' | escape_once }}\n"
        "{{ site.posts[0].title | inspect }}|{{ site.related_posts | size }}\n"
        "{{ site.posts[0].collection }}|{{ site.posts[0].ext }}|{{ site.posts[0].name }}"
        "|{{ site.posts[0].layout }}|{{ site.pages | size }}\n",
        encoding="utf-8",
    )
    site = load_site(tmp_path)
    renderer = renderer_for(site, flavour="jekyll4")
    page = next(p for p in site.pages if p.relpath == "probe.txt")
    out = renderer.render(page.body, page.relpath, page=PageDrop(renderer, page))
    assert out.split("\n") == [
        "/probe.txt|Probe page|probe.txt|probe.txt|/",
        "Second &amp; &quot;quoted&quot; it&#39;s|a &amp; &lt;b&gt;",
        "&quot;Second &amp; \\&quot;quoted\\&quot; it&apos;s&quot;|0",
        "posts|.md|2020-01-02-second.md||1",
        "",
    ]


def test_highlight_linenos_and_unknown_language_match_jekyll(tmp_path: Path) -> None:
    post = (
        "---\ntitle: L\n---\n{% highlight python linenos %}\nx = 1\ny = 2\n{% endhighlight %}\n\n"
        "{% highlight nosuchlang %}\na < b\n{% endhighlight %}\n"
    )
    site = load_site(write_site(tmp_path, {"_posts/2020-01-03-lines.md": post}))
    assert JekyllLiquid(site, build_time=BUILD_TIME).post_content(site.posts[0]) == (
        '\n<figure class="highlight"><pre><code class="language-python" data-lang="python">'
        '<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1\n2\n'
        '</pre></td><td class="code"><pre><span class="n">x</span> <span class="o">=</span> '
        '<span class="mi">1</span>\n<span class="n">y</span> <span class="o">=</span> '
        '<span class="mi">2</span>\n</pre></td></tr></tbody></table></code></pre></figure>\n\n'
        '<figure class="highlight"><pre><code class="language-nosuchlang" '
        'data-lang="nosuchlang">a &lt; b</code></pre></figure>\n\n'
    )


def test_include_relative_dynamic_include_and_link(tmp_path: Path) -> None:
    files = {
        "_config.yml": "baseurl: /blog\n",
        "_posts/snip.txt": "rel {{ include.x }} {{ page.title }}\n",
        "_includes/dyn.html": "inc-{{ include.v }}\n",
        "_posts/2020-01-01-first.md": "---\ntitle: First\n---\nx\n",
        "_posts/2020-01-04-incl.md": (
            "---\ntitle: Incl\ninc: dyn.html\n---\n"
            'A {% include_relative snip.txt x="1" %}\n'
            "B {% include {{ page.inc }} v=page.title %}\n"
            "C [l]({% link _posts/2020-01-01-first.md %})\n"
        ),
    }
    site = load_site(write_site(tmp_path, files))
    post = next(p for p in site.posts if p.slug == "incl")
    assert JekyllLiquid(site, build_time=BUILD_TIME).post_content(post) == (
        "<p>A rel 1 Incl</p>\n\n<p>B inc-Incl</p>\n\n"
        '<p>C <a href="/blog/2020/01/01/first.html">l</a></p>\n'
    )


def test_bad_output_markup_is_read_leniently_like_ruby_liquid(site: Site, tmp_path: Path) -> None:
    lines = [
        "{{ page.title extra }}",
        "{{ page.title | upcase extra }}",
        '{{ "a" junk | upcase }}',
        "{{ page.title,  }}",
        '{{ page.title | append: "x" "y" }}',
        "{{ - }}",
        '{{ "a & b < c > d \\" e \' f" | xml_escape }}',
        "{{.State.Pid}}|{{(index .spec.ports 0).nodePort}}|{{range .items}}",
    ]
    (tmp_path / "probe.txt").write_text(
        "---\ntitle: P5\n---\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    site = load_site(tmp_path)
    renderer = renderer_for(site)
    page = next(p for p in site.pages if p.relpath == "probe.txt")
    out = renderer.render(
        page.body, page.relpath, first_line=page.body_line, page=PageDrop(renderer, page)
    )
    # Labelled with Jekyll 4.3.1 (each line also gives a "Liquid Warning").
    assert out.split("\n") == [
        "P5",
        "P5",
        "A",
        "P5",
        "P5x",
        "",
        "a &amp; b &lt; c &gt; d \\",
        "||",
        "",
    ]
    assert sorted({i.line for i in renderer.issues}) == [4, 5, 6, 7, 8, 9, 10, 11]
