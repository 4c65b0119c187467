"""render_markdown against fixtures labelled by real Jekyll 4.3.1 / kramdown 2.4 / rouge 3.30.

Each tests/data/kramdown/NAME.md was rendered by tools/label_kramdown.rb (Jekyll's own Markdown
converter) into NAME.html; the Python port must reproduce those bytes exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bloglint.render import KramdownError, render_markdown
from bloglint.render.highlight import highlight

DATA = Path(__file__).parent / "data" / "kramdown"
FIXTURES = sorted(DATA.glob("*.md"))


def first_difference(got: str, expected: str) -> str:
    index = next(
        (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
        min(len(got), len(expected)),
    )
    return f"at {index}: got {got[index - 60 : index + 60]!r}, expected {expected[index - 60 : index + 60]!r}"


def test_fixtures_exist() -> None:
    assert len(FIXTURES) >= 7
    for md in FIXTURES:
        assert md.with_suffix(".html").is_file(), f"{md.name} has no oracle output"


@pytest.mark.parametrize("md", FIXTURES, ids=lambda p: p.stem)
def test_fixture_matches_oracle(md: Path) -> None:
    expected = md.with_suffix(".html").read_text(encoding="utf-8")
    got = render_markdown(md.read_text(encoding="utf-8"))
    assert got == expected, first_difference(got, expected)


# Facts from shared/reference/jekyll-kramdown-facts.md §3 (measured with the same oracle).


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("a\n", "<p>a</p>\n"),
        ("a", "<p>a</p>\n"),
        ("a\n\n", "<p>a</p>\n\n"),
        ("a\n\n\n\n", "<p>a</p>\n\n"),
        ("\na\n", "\n<p>a</p>\n"),
    ],
)
def test_output_ending_rules(source: str, html: str) -> None:
    assert render_markdown(source) == html


def test_any_line_with_a_pipe_is_a_table() -> None:
    assert render_markdown("plain a | b text\n").startswith("<table>\n  <tbody>\n    <tr>\n")


def test_cjk_before_a_quote_makes_it_closing() -> None:
    assert render_markdown('包括"%s"(字符串输出)\n') == "<p>包括”%s”(字符串输出)</p>\n"


def test_raw_html_is_reserialised() -> None:
    assert (
        render_markdown("<img src='a.png' width=100>\n")
        == '<p><img src="a.png" width="100" /></p>\n'
    )
    assert render_markdown("<div><br/></div>\n") == "<div><br /></div>\n"


def test_math_delimiters() -> None:
    assert render_markdown("$$ x^2 $$\n") == "\\[x^2\\]\n"
    assert render_markdown("inline $$a$$ math\n") == "<p>inline \\(a\\) math</p>\n"


def test_unknown_language_has_no_wrapper() -> None:
    html = render_markdown("```flow\na->b\n```\n")
    assert html == '<pre><code class="language-flow">a-&gt;b\n</code></pre>\n'


def test_highlight_api() -> None:
    assert highlight("a < b", None, block=False) == "a &lt; b"
    assert highlight("x", "no-such-language", block=True) is None
    shell = highlight("pip install madmom\n", "shell", block=True)
    assert shell == (
        '<div class="highlight"><pre class="highlight"><code>pip <span class="nb">install '
        "</span>madmom\n</code></pre></div>"
    )


def test_token_runs_are_joined_as_rouge_joins_them() -> None:
    from pygments.token import Keyword, Name, Text

    from bloglint.render.highlight import format_tokens

    tokens = [
        (0, Keyword, "if"),
        (2, Name, ""),  # empty: dropped, so the two keywords form one run
        (2, Keyword, " "),
        (3, Text, "a<b"),  # plain text: escaped, never wrapped
        (6, Text, "&"),
        (7, Name.Builtin, "len"),
        (10, Name.Function, "f"),  # another type with its own class: a new span
    ]
    assert format_tokens(tokens) == (
        '<span class="k">if </span>a&lt;b&amp;<span class="nb">len</span><span class="nf">f</span>'
    )
    assert format_tokens([(0, Text, "x"), (1, Keyword, "")]) == "x"
    assert format_tokens([]) == ""


SPAN_TEXT = st.text(alphabet=st.sampled_from(list("ab ~_*`<>[]!$&{}:.-\\\"'\n中")), max_size=40)
STOPS = st.sampled_from([None, r"(\])|!?\[", r"\*\*", r"\*", r"(?=x)|b", r"\n"])


@settings(max_examples=400, deadline=None)
@given(text=SPAN_TEXT, pos=st.integers(0, 40), stop=STOPS, everything=st.booleans())
def test_span_starts_find_what_the_lookahead_finds(
    text: str, pos: int, stop: str | None, everything: bool
) -> None:
    """The candidate-character search must stop exactly where the plain lookahead would."""
    from bloglint.render.kramdown import ALL_SPAN, span_starts

    parsers = ALL_SPAN if everything else ("codespan", "smart_quotes", "typographic_syms")
    starts = span_starts(parsers, stop)
    pos = min(pos, len(text))
    found, expected = starts.search(text, pos), starts.pattern.search(text, pos)
    assert (found and (found.start(), found.groups())) == (
        expected and (expected.start(), expected.groups())
    )


BLOCK_TEXT = st.text(alphabet=st.sampled_from(list("a |\\`~-=#*>:\n\t")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=BLOCK_TEXT, pos=st.integers(0, 60))
def test_fast_line_patterns_match_kramdowns_own(text: str, pos: int) -> None:
    """Line patterns are written to scan fast; each must match exactly what kramdown's
    original regex (as in kramdown's source, with `.*?`) matches."""
    import re

    from bloglint.render import kramdown as k

    s, ns, opt = k.S, k.NS, k.OPT_SPACE
    end = k.R_PARAGRAPH_END.pattern.replace(r"[\t| ][^\n]*\n", r"[\t| ].*?\n")
    assert end != k.R_PARAGRAPH_END.pattern  # list starts end with kramdown's PATTERN_TAIL
    originals = {
        k.R_PARAGRAPH_END: end,
        k.R_PARAGRAPH_START: rf"{opt}[^ \t].*?\n",
        k.R_PARAGRAPH_MATCH: r".*?\n",
        k.R_PARAGRAPH_LINES: rf".*?\n(?:(?!{end}).*?\n)*",
        k.R_TABLE_START: rf"{opt}(?={ns})(?:\||.*?[^\\\n]\|).*?\n",
        k.R_TABLE_LINE: r"(?:\||.*?[^\\\n]\|).*?\n",
        k.R_FENCED_MATCH: (
            rf"{opt}(([~`]){{3,}}){s}*?(({ns}+?)(?:\?{ns}*)?)?{s}*?\n(.*?)^{opt}\1\2*{s}*?\n"
        ),
    }
    pos = min(pos, len(text))
    for fast, original in originals.items():
        slow = re.compile(original, fast.flags)
        got, expected = fast.match(text, pos), slow.match(text, pos)
        assert (got and got.groups()) == (expected and expected.groups()), original
        assert (got and got.span()) == (expected and expected.span()), original


def test_header_with_out_of_range_reference_is_a_clear_error() -> None:
    # Jekyll's kramdown raises ArgumentError here; we raise a KramdownError with a message.
    with pytest.raises(KramdownError, match="beyond Unicode"):
        render_markdown("# a &#99999999; b\n")
    # In a paragraph Ruby writes invalid (6-byte) UTF-8 that no str can hold; we keep the
    # reference as written instead (a known, deliberate divergence).
    assert render_markdown("a &#99999999; b\n") == "<p>a &#99999999; b</p>\n"


def test_deeply_nested_html_renders_or_fails_clearly() -> None:
    # Each unclosed tag nests the rest of the block; kramdown handles a few thousand levels.
    html = render_markdown("<div>\n" + "<font>x\n" * 400 + "end\n")
    assert html.startswith("<div>\n<font>x\n<font>x\n") and html.count("</font>") == 400
    with pytest.raises(KramdownError, match="nests too deeply"):
        render_markdown("<div>\n" + "<font>x\n" * 20_000 + "end\n")


def test_ported_lexers_answer_to_rouge_names() -> None:
    from bloglint.render.highlight import ROUGE_NAMES
    from bloglint.render.lexers import LEXERS, find

    assert set(LEXERS) <= ROUGE_NAMES
    for name in ("shell", "bash", "python", "c++", "yaml", "js", "ts", "rs", "console"):
        assert find(name) is not None, name
    assert find("no-such-language") is None


def test_lexer_table_names_every_ported_class_by_its_aliases() -> None:
    """`LEXERS` is written out so that unused lexer modules are never imported; it must say
    exactly what the classes declare."""
    import importlib
    import pkgutil

    from pygments.lexer import Lexer

    from bloglint.render import lexers

    declared: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(lexers.__path__):
        module = importlib.import_module(f"bloglint.render.lexers.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Lexer)
                and value.__module__ == module.__name__
                and getattr(value, "aliases", None)
            ):
                for alias in value.aliases:
                    declared[alias] = (info.name, value.__name__)
    assert lexers.LEXERS == declared


def test_every_state_of_every_ported_lexer_compiles() -> None:
    """States are compiled when first entered: a broken rule must still fail here, not in a
    blogger's build."""
    import importlib

    from bloglint.render.lexers import LEXERS
    from bloglint.render.lexers.engine import RougeLexer

    checked = 0
    for module_name, class_name in set(LEXERS.values()):
        cls = getattr(importlib.import_module(f"bloglint.render.lexers.{module_name}"), class_name)
        if not issubclass(cls, RougeLexer):
            continue  # a lexer that delegates (console) has no states of its own
        lexer = cls()
        for state in cls.get_tokendefs():
            rules = lexer._tokens[state]
            assert all(callable(rule[0]) for rule in rules), (class_name, state)
            checked += 1
    assert checked > 100
    with pytest.raises(KeyError):
        lexer._tokens["no such state"]
