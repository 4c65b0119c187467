"""The engine under the rouge lexer ports: rouge's RegexLexer semantics on Pygments.

rouge matches with Ruby's StringScanner, which treats the scan position as the start of the
string: a lookbehind there sees nothing and a leading `\\b` only checks the next character. The
ports therefore drop leading `\\b` and `(?<!...)` from rules (a rule's match always starts at
the position).

Each class follows the rouge lexer of the same name state by state and rule by rule, with Ruby's
regex semantics spelled out (`\\s`, `\\w`, `\\d` are ASCII in Ruby; `[[:alpha:]]` is Unicode).
Rules written as Ruby blocks become callbacks that may look at the match and change the state
stack. `RougeLexer` runs the rules the way rouge does (no input preprocessing, an error token
for a character no rule matches, at most five empty matches in a row).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from pygments.lexer import ExtendedRegexLexer, LexerContext
from pygments.token import (
    Error,
)
from pygments.token import _TokenType as TokenType

from bloglint.render.first_chars import first_chars

S = r"[ \t\n\v\f\r]"  # Ruby \s

W = r"[a-zA-Z0-9_]"  # Ruby \w

NSP = r"[^ \t\n\v\f\r]"  # Ruby \S

Callback = Callable[[Any, re.Match[str], LexerContext], Iterator[tuple[int, Any, str]]]


def rule_cb(func: Callable[[Any, re.Match[str], LexerContext], Any]) -> Callback:
    """A rouge rule block: `func` returns (token, value) pairs and may edit `ctx.stack`."""

    def callback(lexer: Any, match: re.Match[str], ctx: LexerContext) -> list[Any]:
        # A list, not a generator: the caller reads every token at once anyway.
        pos = match.start()
        tokens = []
        for token, value in func(lexer, match, ctx) or ():
            if value:
                tokens.append((pos, token, value))
                pos += len(value)
        ctx.pos = match.end()
        return tokens

    return callback


def pop(ctx: LexerContext, times: int = 1) -> None:
    for _ in range(times):
        if len(ctx.stack) > 1:
            ctx.stack.pop()


@cache
def _rule_first_chars(rexmatch: Any) -> frozenset[str] | None:
    return first_chars(rexmatch.__self__)


MAX_NULL_SCANS = 5  # rouge: empty matches allowed in a row before a character is an error


class _LazyStates(dict):  # type: ignore[type-arg]
    """A lexer's compiled states, each compiled when first entered.

    Pygments compiles every state of a lexer when the first one is made; a post's code
    visits about half of them (8 of 16 for shell), and every worker process pays again.
    """

    def __init__(self, lexer_class: Any, definitions: dict[str, Any]) -> None:
        super().__init__()
        self._lexer_class = lexer_class
        self._definitions = definitions

    def __missing__(self, state: str) -> list[Any]:
        if state not in self._definitions:
            raise KeyError(state)
        return self._lexer_class._process_state(self._definitions, self, state)  # type: ignore[no-any-return]


class _RougeLexerMeta(type(ExtendedRegexLexer)):  # type: ignore[misc]
    def process_tokendef(cls, name: str, tokendefs: Any = None) -> dict[str, Any]:
        states = cls._all_tokens[name] = _LazyStates(cls, tokendefs or cls.tokens[name])
        return states


class RougeLexer(ExtendedRegexLexer, metaclass=_RougeLexerMeta):
    """Shared behaviour: no input preprocessing, per-run state reset, rouge's error handling."""

    flags = re.M
    start_stack: tuple[str, ...] = ("root",)  # rouge's `start { push :state }`

    def __init__(self, **options: Any) -> None:
        super().__init__(stripnl=False, ensurenl=False, **options)

    def reset(self) -> None:
        """Clear per-run state (heredoc names, string delimiters...)."""

    @property
    def _candidates(self) -> dict[tuple[str, str], list[Any]]:
        """Per class: (state, next character) -> the rules that can match there, each as
        (match, action, new state, simple)."""
        cls = type(self)
        if "_candidate_cache" not in cls.__dict__:
            cls._candidate_cache = {}  # type: ignore[attr-defined]
        return cls._candidate_cache  # type: ignore[attr-defined]

    def get_tokens_unprocessed(self, text: str | None = None, context: Any = None) -> Any:
        self.stack = list(self.start_stack)
        self.reset()
        return self.continue_tokens(text or "")

    def continue_tokens(self, text: str) -> Any:
        """rouge's `continue_lex`: lex more text from the state the last call left.

        Returns a list of (index, token, value): one `append` per token is cheaper than a
        generator frame switch, and every caller reads all the tokens anyway.
        """
        tokens: list[tuple[int, Any, str]] = []
        append = tokens.append
        ctx = LexerContext(text, 0, stack=self.stack)
        stack = ctx.stack  # rules edit this list in place (push, pop, goto)
        tokendefs = self._tokens
        candidates = self._candidates
        end = ctx.end
        null_steps = 0
        pos = 0  # ctx.pos, kept in a local: callbacks get it in ctx and set it there
        while pos < end:
            start = pos
            key = (stack[-1], text[pos])
            rules = candidates.get(key)
            if rules is None:
                rules = candidates[key] = [
                    # `simple`: a token type and no state change (most rules), handled first
                    (rexmatch, action, new_state, type(action) is TokenType and new_state is None)
                    for rexmatch, action, new_state in tokendefs[key[0]]
                    if (chars := _rule_first_chars(rexmatch)) is None or key[1] in chars
                ]
            for rexmatch, action, new_state, simple in rules:
                m = rexmatch(text, start, end)
                if m is None:
                    continue
                if simple:
                    value = m.group()
                    append((start, action, value))
                    if value:
                        pos = start + len(value)
                        null_steps = 0
                        break
                else:
                    if action is not None:
                        if type(action) is TokenType:
                            append((start, action, m.group()))
                            pos = m.end()
                        else:
                            ctx.pos = pos
                            tokens.extend(action(self, m, ctx))
                            pos = ctx.pos
                    if new_state is not None:
                        if isinstance(new_state, tuple):
                            for state in new_state:
                                if state == "#pop":
                                    pop(ctx)
                                elif state == "#push":
                                    stack.append(stack[-1])
                                else:
                                    stack.append(state)
                        elif isinstance(new_state, int):
                            pop(ctx, -new_state)
                        elif new_state == "#push":
                            stack.append(stack[-1])
                    if m.end() > start:
                        null_steps = 0
                        break
                null_steps += 1
                if null_steps <= MAX_NULL_SCANS:
                    break
                null_steps = 0
                append((pos, Error, text[pos]))  # rouge gives up on this character
                pos += 1
                break
            else:  # rouge yields the character as an error and keeps its state
                append((pos, Error, text[pos]))
                pos += 1
        return tokens


def recurse(lexer: Any, text: str) -> list[tuple[Any, str]]:
    """rouge's `recurse`: lex `text` with a fresh lexer of the same language."""
    return [(tok, val) for _, tok, val in type(lexer)().get_tokens_unprocessed(text)]


def delegate(lexer: Any, text: str) -> list[tuple[Any, str]]:
    """rouge's `delegate` to a lexer instance: it continues from its own state."""
    return [(tok, val) for _, tok, val in lexer.continue_tokens(text)]


def push_current(ctx: LexerContext) -> None:
    ctx.stack.append(ctx.stack[-1])


def goto(ctx: LexerContext, state: str) -> None:
    ctx.stack[-1] = state


def goto_with(token: Any, state: str) -> Callback:
    """A rule that yields its match as `token` and replaces the top state (rouge's `goto`)."""

    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        goto(ctx, state)
        return [(token, m.group(0))]

    return rule_cb(func)
