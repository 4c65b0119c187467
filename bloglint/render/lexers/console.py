"""rouge's console lexer (rouge/lexers/console.rb): prompts, shell commands and output."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pygments.lexer import Lexer
from pygments.token import (
    Comment,
    Generic,
    Text,
)

from bloglint.render.lexers.engine import (
    S,
)
from bloglint.render.lexers.shell import ShellLexer

R_CONSOLE_LINE = re.compile(r"(.*?)(\n|$)")


R_CONSOLE_SNIP = re.compile(rf"{S}*(?:<[.]+>|[.]+){S}*\Z")


R_CONSOLE_PROMPT = re.compile(r"(?s).*?(?:\$|#|>|;)")  # default prompt ends: $ # > ;


R_CONSOLE_SPACE = re.compile(rf"{S}*")


class ConsoleLexer(Lexer):
    name = "console"
    aliases = ["console", "terminal", "shell_session", "shell-session"]

    def __init__(self, **options: Any) -> None:
        super().__init__(stripnl=False, ensurenl=False, **options)

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, Any, str]]:
        shell = ShellLexer()

        def reset_shell() -> None:
            shell.stack = list(shell.start_stack)
            shell.reset()

        reset_shell()
        pos = 0
        while pos < len(text):
            m = R_CONSOLE_LINE.match(text, pos)
            assert m is not None
            line = m.group(0)
            if R_CONSOLE_SNIP.match(line):
                reset_shell()
                yield pos, Comment, line
            elif prompt := R_CONSOLE_PROMPT.match(line):
                yield pos, Generic.Prompt, prompt.group(0)
                rest = line[prompt.end() :]
                space = R_CONSOLE_SPACE.match(rest).group(0)  # type: ignore[union-attr]
                yield pos + prompt.end(), Text.Whitespace, space
                offset = pos + prompt.end() + len(space)
                for index, token, value in shell.continue_tokens(rest[len(space) :]):
                    yield offset + index, token, value
            elif re.match(rf"{S}*?#", line.strip(" \t\n\v\f\r\0")):
                reset_shell()
                yield pos, Comment, line
            else:
                reset_shell()
                yield pos, Generic.Output, line
            pos = m.end() if m.end() > pos else len(text)
