"""Find TeX errors the way KaTeX or MathJax would, without running either.

A single left-to-right pass over the tokens with a stack of open groups (`{`, `\\begin`,
`\\left`, command arguments). It reports what makes the real engines refuse a formula:
unbalanced braces, `\\begin`/`\\end` and `\\left`/`\\right` mismatches, double scripts,
missing arguments, `&` outside an alignment, nested math delimiters, and commands or
environments the site's engine does not define (lists in commands.json, produced by probing
each engine with every candidate name). Measured against the engines' own verdicts in
tests/test_math_tex.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

Engine = Literal["mathjax2", "mathjax3", "katex", "unknown"]
ENGINES: tuple[Engine, ...] = ("mathjax2", "mathjax3", "katex")

IssueKind = Literal["syntax", "unknown-command", "unknown-environment"]


# NamedTuples rather than dataclasses here and in extract.py: they are much cheaper to create
# at import time, and every `bloglint check` imports these modules.
class TexIssue(NamedTuple):
    kind: IssueKind
    offset: int  # index into the TeX string where the problem is seen
    message: str  # lowercase, offending text in backticks


class Vocabulary(NamedTuple):
    """What one engine (or, for "unknown", any engine) defines."""

    commands: frozenset[str]
    environments: frozenset[str]
    symbols: frozenset[str]  # control symbols such as `\,` (the character after the backslash)


@cache
def _lists() -> dict[str, list[str]]:
    import json  # here: a post without TeX to check never needs the lists

    return json.loads((Path(__file__).with_name("commands.json")).read_text(encoding="utf-8"))


@cache
def vocabulary(engine: Engine) -> Vocabulary:
    data = _lists()
    engines = ENGINES if engine == "unknown" else (engine,)
    return Vocabulary(
        frozenset().union(*(data[e] for e in engines)),
        frozenset().union(*(data[f"{e}_env"] for e in engines)),
        frozenset().union(*(data[f"{e}_sym"] for e in engines)),
    )


def known_to(name: str) -> tuple[Engine, ...]:
    """Which engines define the control word `name` (for engine-divergence warnings)."""
    data = _lists()
    return tuple(e for e in ENGINES if name in data[e])


# Arguments each command takes, as a string of kinds: "m" a math argument, "t" a text argument,
# "s" an opaque string (label, colour, URL), "o" an optional [..] argument. Commands missing
# here are treated as taking no arguments, which can only hide errors, never invent them.
_ARGS: dict[str, str] = {}
for _names, _spec in (
    (
        "hat bar vec tilde dot ddot dddot acute grave breve check mathring widehat widetilde "
        "widecheck overline underline overrightarrow overleftarrow overleftrightarrow "
        "underrightarrow underleftarrow underleftrightarrow overbrace underbrace overgroup "
        "undergroup mathbf mathrm mathit mathcal mathbb mathsf mathtt mathfrak mathscr "
        "mathbfit boldsymbol bm pmb Bbb mathnormal phantom hphantom vphantom boxed cancel "
        "bcancel xcancel pmod pod mathop mathbin mathrel mathord mathopen mathclose mathpunct "
        "mathinner substack overparen underparen utilde",
        "m",
    ),
    ("frac dfrac tfrac cfrac binom dbinom tbinom overset underset stackrel cancelto sideset", "mm"),
    ("sqrt", "om"),
    ("xrightarrow xleftarrow xLeftarrow xRightarrow xleftrightarrow xLeftrightarrow", "om"),
    ("text textbf textit textrm textsf texttt textnormal textup textmd emph mbox hbox fbox", "t"),
    ("label tag eqref ref url unicode ce pu require color", "s"),
    ("textcolor colorbox", "sm"),
    ("href class cssId style", "sm"),
    ("operatorname", "m"),
    ("bbox", "om"),
    ("enclose", "som"),
    ("fcolorbox", "ssm"),
    ("genfrac", "mmsmmm"),
):
    for _name in _names.split():
        _ARGS[_name] = _spec

# Environments whose body may contain `&` (every tabular one), and those that need arguments.
_NO_ALIGNMENT = frozenset("equation equation* multline multline* multlined CD".split())
_ENV_ARGS = {
    "array": "s",
    "darray": "s",
    "subarray": "s",
    "alignat": "s",
    "alignat*": "s",
    "alignedat": "s",
    "xalignat": "s",
    "xalignat*": "s",
    "xxalignat": "s",
}
# KaTeX refuses these outside display mode ("{align} can be used only in display mode").
_KATEX_DISPLAY_ONLY = frozenset(
    "align align* alignat alignat* equation equation* gather gather* split multline multline*".split()
)

_DELIMITER_WORDS = frozenset(
    "langle rangle lvert rvert lVert rVert lfloor rfloor lceil rceil uparrow downarrow "
    "updownarrow Uparrow Downarrow Updownarrow backslash vert Vert lgroup rgroup lmoustache "
    "rmoustache ulcorner urcorner llcorner lrcorner llbracket rrbracket lbrack rbrack lbrace "
    "rbrace lt gt".split()
)
_DELIMITER_CHARS = frozenset("()[]|/.<>")
_DELIMITER_SYMBOLS = frozenset("{}|")

# Control words that only change how the following material is set; they do not start a new
# atom, so `\sum\limits_i^n` is one operator with two scripts.
_NOT_ATOMS = frozenset("limits nolimits displaylimits".split())
_KATEX_ACCENTS = frozenset("'\"`=^~.")
_DEFINERS = frozenset(
    "newcommand renewcommand providecommand def gdef let DeclareMathOperator".split()
)

# Text mode (inside \text{}): what MathJax 3's textmacros and KaTeX accept there.
_TEXT_COMMANDS = frozenset(
    "text textbf textit textrm textsf texttt textnormal textup textmd emph mbox hbox "
    "quad qquad ldots dots cdots LaTeX TeX textbackslash textasciitilde textasciicircum "
    "ss i j aa AA ae AE oe OE o O l L u v H c r hspace kern textcolor color".split()
)

# Control sequences, comments, white space, runs of letters/digits (one atom per character, but
# scanned as one token for speed and split when a single character is taken as an argument),
# and single characters.
_SPECIAL = frozenset(" \t\r\n%{}^_&#$\\'")
_TOKEN = re.compile(r"\\(?:[a-zA-Z]+|.?)|%[^\n]*|[ \t\r\n]+|[A-Za-z0-9]{2,}|.", re.DOTALL)


class _Frame:
    """An open group on the checker's stack, and the scripts of its current atom."""

    __slots__ = ("kind", "start", "name", "align", "pending", "sup", "sub", "after_prime")

    def __init__(
        self, kind: str, start: int, name: str = "", align: bool = False, pending: str = ""
    ) -> None:
        self.kind = (
            kind  # "top", "group", "arg" (command argument), "script", "env", "left", "body"
        )
        self.start = start
        self.name = name  # environment name, or the command an argument belongs to
        self.align = align  # `&` allowed directly here
        self.pending = pending  # argument kinds still to read after this argument closes
        self.sup = 0  # 0 none, 1 from primes only, 2 from ^
        self.sub = False
        self.after_prime = False

    def new_atom(self) -> None:
        self.sup, self.sub, self.after_prime = 0, False, False


class _Checker:
    """One formula's scan; `issues` collects the problems in source order."""

    def __init__(self, tex: str, engine: Engine, display: bool, macros: frozenset[str]) -> None:
        self.engine = engine
        self.display = display
        self.vocab = vocabulary(engine)
        self.macros = set(macros)
        self.issues: list[TexIssue] = []
        self.tokens: list[str] = _TOKEN.findall(tex)
        self.i = 0
        self.stack = [_Frame("top", 0)]
        self.in_body = 0  # depth of \newcommand/\def bodies being read (`#1` allowed there)

    def issue(self, kind: IssueKind, index: int, message: str) -> None:
        """Record a problem at token `index` (turned into a string offset at the end)."""
        self.issues.append(TexIssue(kind, index, message))

    def offsets(self) -> list[TexIssue]:
        starts = [0]
        for tok in self.tokens:
            starts.append(starts[-1] + len(tok))
        return [TexIssue(i.kind, starts[i.offset], i.message) for i in self.issues]

    def peek(self) -> tuple[int, str] | None:
        """The next token that is not white space or a comment, with its index (not taken)."""
        tokens = self.tokens
        while self.i < len(tokens):
            tok = tokens[self.i]
            if tok[0] in " \t\r\n%":
                self.i += 1
                continue
            return self.i, tok
        return None

    def take(self) -> str:
        """Take the peeked token; of a run of letters or digits, only its first character."""
        tok = self.tokens[self.i]
        if len(tok) > 1 and tok[0] != "\\" and tok[0].isalnum():
            self.tokens[self.i : self.i + 1] = [tok[0], tok[1:]]
            tok = tok[0]
        self.i += 1
        return tok

    def skip_balanced(self, open_pos: int, close: str = "}") -> str | None:
        """Skip an opaque argument whose opening brace was just read; return its text."""
        depth = 0
        start = self.i
        tokens = self.tokens
        while self.i < len(tokens):
            pos, tok = self.i, tokens[self.i]
            self.i += 1
            if tok == "{":
                depth += 1
            elif tok == "}":
                if depth == 0:
                    if close == "}":
                        return "".join(tokens[start : self.i - 1])
                    self.issue("syntax", pos, "extra close brace `}`")
                    return None
                depth -= 1
            elif tok == "]" and close == "]" and depth == 0:
                return "".join(tokens[start : self.i - 1])
        self.issue("syntax", open_pos, f"missing `{close}` to close the argument")
        return None

    # -- the scan --------------------------------------------------------------------------
    def run(self) -> list[TexIssue]:
        tokens = self.tokens
        stack = self.stack
        i = 0  # self.i, kept in a local between the methods that read or move it
        while i < len(tokens):  # (take() may split a token, so the length can grow)
            tok = tokens[i]
            c = tok[0]
            if c not in _SPECIAL:  # an ordinary character or run: a new atom
                frame = stack[-1]
                frame.sup, frame.sub, frame.after_prime = 0, False, False
                i += 1
                continue
            if c in " \t\r\n%":
                i += 1
                continue
            pos = i
            self.i = i = pos + 1
            frame = stack[-1]
            if c == "'":
                if frame.sup == 2 or (frame.sup == 1 and not frame.after_prime):
                    self.issue("syntax", pos, "prime after a superscript is a double superscript")
                frame.sup = max(frame.sup, 1)
                frame.after_prime = True
                continue
            after_prime, frame.after_prime = frame.after_prime, False
            if c == "{" and len(tok) == 1:
                stack.append(_Frame("group", pos))
            elif c == "}" and len(tok) == 1:
                self.close_brace(pos)
            elif c == "^" or c == "_":
                self.script(pos, c, after_prime)
            elif c == "&":
                if not frame.align:
                    self.issue("syntax", pos, "misplaced `&` outside an alignment environment")
                frame.new_atom()
            elif c == "#":
                nxt = self.peek()
                if not (self.in_body and nxt and nxt[1][0].isdigit()):
                    self.issue("syntax", pos, "`#` outside a macro definition")
            elif c == "$" and self.engine == "katex":
                # MathJax typesets a stray `$` inside math as a dollar sign; KaTeX refuses it.
                self.issue("syntax", pos, "`$` inside math")
            elif c == "\\":
                self.command(pos, tok[1:])
            else:
                frame.new_atom()
            i = self.i
        for frame in reversed(stack[1:]):
            if frame.kind == "env":
                self.issue("syntax", frame.start, f"`\\begin{{{frame.name}}}` is never ended")
            elif frame.kind == "left":
                self.issue("syntax", frame.start, "`\\left` without a matching `\\right`")
            else:
                self.issue("syntax", frame.start, "missing close brace `}`")
        return self.offsets() if self.issues else []

    def close_brace(self, pos: int) -> None:
        stack = self.stack
        frame = stack[-1]
        if frame.kind == "env":
            self.issue("syntax", pos, f"`}}` before `\\end{{{frame.name}}}`")
            return
        if frame.kind == "left":
            self.issue("syntax", pos, "`}` before the `\\right` of a `\\left`")
            return
        if frame.kind == "top":
            self.issue("syntax", pos, "extra close brace `}`")
            return
        stack.pop()
        if frame.kind == "group":
            stack[-1].new_atom()
        elif frame.kind == "body":
            self.in_body -= 1
        elif frame.kind == "arg" and frame.pending:
            self.arguments(frame.start, frame.name, frame.pending)

    def script(self, pos: int, c: str, after_prime: bool) -> None:
        frame = self.stack[-1]
        if c == "^":
            if frame.sup == 2 or (frame.sup == 1 and not after_prime):
                self.issue("syntax", pos, "double superscript: add braces, e.g. `{x^a}^b`")
            frame.sup = 2
        else:
            if frame.sub:
                self.issue("syntax", pos, "double subscript: add braces, e.g. `{x_a}_b`")
            frame.sub = True
        nxt = self.peek()
        if nxt is None or nxt[1] in ("}", "&", "^", "_", "#", "\\right", "\\end", "\\\\"):
            self.issue("syntax", pos, f"missing argument for `{c}`")
            return
        apos = nxt[0]
        tok = self.take()
        if tok == "{":
            self.stack.append(_Frame("script", apos))
        elif tok[0] == "\\" and len(tok) > 1:
            name = tok[1:]
            if name in ("left", "begin", "middle"):
                self.issue("syntax", apos, f"`\\{name}` as a script needs braces")
            elif self.engine == "katex" and name in _ARGS:
                self.issue(
                    "syntax", apos, f"`\\{name}` as a script needs braces: `{c}{{\\{name}{{..}}}}`"
                )
            self.check_word(apos, name)
            if name in _ARGS and self.engine != "katex":
                # MathJax takes `\hat` as the script and then reads `\hat`'s own argument.
                self.arguments(apos, name, _ARGS[name])

    def arguments(self, pos: int, name: str, spec: str) -> None:
        """Read `\\name`'s arguments (kinds in `spec`); a braced math one is read by the scan."""
        for n, kind in enumerate(spec):
            nxt = self.peek()
            if kind == "o":
                if nxt and nxt[1] == "[":
                    self.i += 1
                    self.skip_balanced(nxt[0], "]")
                continue
            if (
                nxt is None
                or nxt[1] == "}"
                or (
                    # MathJax takes any single token as a string argument (`\label &`).
                    nxt[1] in ("&", "^", "_", "#", "\\right", "\\end")
                    and (kind != "s" or self.engine == "katex")
                    or (nxt[1] == "$" and self.engine == "katex")
                )
            ):
                self.issue("syntax", pos, f"missing argument for `\\{name}`")
                return
            apos = nxt[0]
            tok = self.take()
            if tok == "{":
                if kind == "m":
                    self.stack.append(_Frame("arg", apos, name=name, pending=spec[n + 1 :]))
                    return
                if kind == "t":
                    self.text(apos)
                else:
                    self.skip_balanced(apos)
            elif tok[0] == "\\" and len(tok) > 1 and kind != "s":
                if tok[1:] in ("left", "begin", "right", "end", "middle"):
                    self.issue("syntax", apos, f"`{tok}` as an argument of `\\{name}` needs braces")
                    return
                self.check_word(apos, tok[1:])

    def text(self, open_pos: int) -> None:
        """A \\text{..} argument: braces must balance; MathJax 3 and KaTeX refuse math there."""
        depth = 0
        tokens = self.tokens
        strict = self.engine in ("mathjax3", "katex")
        while self.i < len(tokens):
            pos, tok = self.i, tokens[self.i]
            self.i += 1
            if tok == "{":
                depth += 1
            elif tok == "}":
                if depth == 0:
                    return
                depth -= 1
            elif tok == "$":
                # `$..$` inside \text switches back to math; skip to the closing `$`.
                while self.i < len(tokens) and tokens[self.i] != "$":
                    self.i += 1
                self.i += 1
            elif strict and tok in ("^", "_", "&"):
                self.issue("syntax", pos, f"`{tok}` is only allowed in math, not in `\\text`")
            elif strict and tok[0] == "\\" and len(tok) > 2 and tok[1:] not in _TEXT_COMMANDS:
                self.issue(
                    "syntax", pos, f"`{tok}` is a math command; it cannot be used in `\\text`"
                )
        self.issue("syntax", open_pos, "missing close brace `}` for `\\text`")

    # -- commands --------------------------------------------------------------------------
    def command(self, pos: int, name: str) -> None:
        frame = self.stack[-1]
        if not name:
            if self.engine == "katex":  # MathJax ignores it
                self.issue("syntax", pos, "a lone `\\` at the end of the formula")
            return
        if not name[0].isalpha():
            self.symbol(pos, name)
            return
        if name in _NOT_ATOMS:
            return
        frame.new_atom()
        if name == "begin":
            self.begin(pos)
        elif name == "end":
            self.end(pos)
        elif name == "left":
            self.left(pos)
        elif name in ("right", "middle"):
            self.right(pos, name)
        elif name in _DEFINERS:
            self.define(pos, name)
        else:
            self.check_word(pos, name)
            if name == "tag" and self.engine == "katex" and not self.display:
                self.issue("syntax", pos, "`\\tag` works only in display math in KaTeX")
            spec = _ARGS.get(name)
            if spec:
                nxt = self.peek()
                if nxt and nxt[1] == "*" and name in ("operatorname", "tag"):
                    self.i += 1
                self.arguments(pos, name, spec)

    def symbol(self, pos: int, ch: str) -> None:
        if ch in "\t\r\n":
            ch = " "  # a backslash before a line break is a control space, as in TeX
        if ch in "()[]":
            self.issue("syntax", pos, f"`\\{ch}` inside math: math delimiters cannot be nested")
            return
        if ch == "\\":
            nxt = self.peek()
            if nxt and nxt[1] == "[":
                self.i += 1
                self.skip_balanced(nxt[0], "]")
            self.stack[-1].new_atom()
            return
        if ch not in self.vocab.symbols:
            self.issue("unknown-command", pos, f"undefined control symbol `\\{ch}`")
        elif self.engine == "katex" and ch in _KATEX_ACCENTS:
            # KaTeX reads text accents such as \' as commands that take an argument.
            self.arguments(pos, ch, "m")
        self.stack[-1].new_atom()

    def check_word(self, pos: int, name: str) -> None:
        if name not in self.vocab.commands and name not in self.macros:
            self.issue("unknown-command", pos, f"undefined control sequence `\\{name}`")

    def env_name(self, pos: int, what: str) -> str | None:
        nxt = self.peek()
        if nxt is None or nxt[1] != "{":
            self.issue("syntax", pos, f"missing environment name after `\\{what}`")
            return None
        self.i += 1
        return self.skip_balanced(nxt[0])

    def begin(self, pos: int) -> None:
        name = self.env_name(pos, "begin")
        if name is None:
            return
        if name not in self.vocab.environments:
            self.issue("unknown-environment", pos, f"unknown environment `{name}`")
        elif self.engine == "katex" and not self.display and name in _KATEX_DISPLAY_ONLY:
            self.issue("syntax", pos, f"`{{{name}}}` works only in display math in KaTeX")
        spec = _ENV_ARGS.get(name, "")
        for _ in spec:
            nxt = self.peek()
            if nxt is None or nxt[1] != "{":
                self.issue("syntax", pos, f"missing argument for `\\begin{{{name}}}`")
                break
            self.i += 1
            self.skip_balanced(nxt[0])
        self.stack.append(_Frame("env", pos, name=name, align=name not in _NO_ALIGNMENT))

    def end(self, pos: int) -> None:
        name = self.env_name(pos, "end")
        if name is None:
            return
        stack = self.stack
        frame = stack[-1]
        if frame.kind == "env" and frame.name == name:
            stack.pop()
            stack[-1].new_atom()
            return
        if frame.kind == "env":
            self.issue("syntax", pos, f"`\\end{{{name}}}` ends `\\begin{{{frame.name}}}`")
            stack.pop()
        elif frame.kind == "left":
            self.issue("syntax", pos, f"`\\end{{{name}}}` before the `\\right` of a `\\left`")
        elif frame.kind == "top":
            self.issue("syntax", pos, f"`\\end{{{name}}}` without `\\begin{{{name}}}`")
        else:
            self.issue("syntax", pos, f"`\\end{{{name}}}` inside an unclosed `{{`")

    def delimiter(self, pos: int, what: str) -> bool:
        nxt = self.peek()
        if nxt is not None:
            tok = nxt[1]
            ok = (
                (len(tok) == 1 and tok in _DELIMITER_CHARS)
                or (tok[0] == "\\" and tok[1:] in _DELIMITER_WORDS)
                or (len(tok) == 2 and tok[0] == "\\" and tok[1] in _DELIMITER_SYMBOLS)
            )
            if ok:
                self.i += 1
                return True
        self.issue("syntax", pos, f"missing or unrecognised delimiter after `\\{what}`")
        return False

    def left(self, pos: int) -> None:
        self.delimiter(pos, "left")
        self.stack.append(_Frame("left", pos))

    def right(self, pos: int, name: str) -> None:
        frame = self.stack[-1]
        if frame.kind != "left":
            self.issue("syntax", pos, f"`\\{name}` without a matching `\\left`")
            self.delimiter(pos, name)
            return
        self.delimiter(pos, name)
        if name == "right":
            self.stack.pop()
            self.stack[-1].new_atom()
        else:
            frame.new_atom()

    def define(self, pos: int, name: str) -> None:
        """\\newcommand{\\x}[n]{body}, \\def\\x#1{body}, \\DeclareMathOperator{\\x}{text}."""
        self.check_word(pos, name)  # KaTeX has no \DeclareMathOperator
        nxt = self.peek()
        if nxt is None:
            self.issue("syntax", pos, f"missing argument for `\\{name}`")
            return
        self.i += 1
        target = nxt[1]
        if target == "{":
            target = (self.skip_balanced(nxt[0]) or "").strip()
        if not target.startswith("\\") or len(target) < 2:
            self.issue("syntax", nxt[0], f"`\\{name}` needs a control sequence to define")
            return
        defined = target[1:]
        if (
            self.engine == "katex"
            and name == "newcommand"
            and defined in self.vocab.commands | self.macros
        ):
            self.issue("syntax", pos, f"`\\newcommand` redefines `{target}`; use `\\renewcommand`")
        self.macros.add(defined)
        if name == "let":
            nxt = self.peek()
            if nxt and nxt[1] == "=":
                self.i += 1
            if self.peek():
                self.take()
            return
        # Parameters ([n][default] or #1#2), then the body, which is only checked for braces:
        # its commands may refer to parameters and are checked where the macro is used.
        while (nxt := self.peek()) is not None and (nxt[1] in ("[", "#") or nxt[1].isdigit()):
            self.i += 1
            if nxt[1] == "[":
                self.skip_balanced(nxt[0], "]")
        nxt = self.peek()
        if nxt is None or nxt[1] != "{":
            self.issue("syntax", pos, f"missing body for `\\{name}`")
            return
        self.i += 1
        # The body is checked like any group (MathJax and KaTeX report its errors where the
        # macro is used, and posts use the macros they define); `#1` is allowed inside.
        self.stack.append(_Frame("body", nxt[0]))
        self.in_body += 1


def check_tex(
    tex: str,
    engine: Engine = "unknown",
    *,
    display: bool = False,
    macros: frozenset[str] = frozenset(),
) -> list[TexIssue]:
    """Every problem the engine would refuse `tex` for, in source order ([] when it renders).

    `macros` are names the page defines elsewhere (MathJax keeps \\newcommand across a page)
    or the site configures (MathJax `Macros`, KaTeX `macros`).
    """
    if _PLAIN.fullmatch(tex):
        return []  # letters, digits and punctuation only: nothing any engine can refuse
    return list(_check_cached(tex, engine, display, macros))


# Letters, digits, spaces and punctuation that are ordinary characters in every engine.
_PLAIN = re.compile(r"[A-Za-z0-9\s,.;:+\-=()/<>|!?*\[\]]*")


@lru_cache(maxsize=8192)
def _check_cached(
    tex: str, engine: Engine, display: bool, macros: frozenset[str]
) -> tuple[TexIssue, ...]:
    # Blogs repeat short formulas (`\\theta`, `x_i`) many times; each is checked once.
    return tuple(_Checker(tex, engine, display, macros).run())


_DEFINITION = re.compile(
    r"\\(?:newcommand|renewcommand|providecommand|DeclareMathOperator\*?)\s*\{?\s*\\([A-Za-z]+)"
    r"|\\(?:g?def|let)\s*\\([A-Za-z]+)"
)


def defined_macros(texts: Iterable[str]) -> frozenset[str]:
    """Names that formulas define with \\newcommand, \\def, \\let or \\DeclareMathOperator."""
    names: set[str] = set()
    for tex in texts:
        if "\\" in tex and ("command" in tex or "def" in tex or "let" in tex or "Declare" in tex):
            names.update(a or b for a, b in _DEFINITION.findall(tex))
    return frozenset(names)
