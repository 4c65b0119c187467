"""rouge's Dockerfile lexer (rouge/lexers/docker.rb): RUN lines go to a shell lexer."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups
from pygments.token import (
    Comment,
    Keyword,
    String,
    Text,
)

from bloglint.render.lexers.engine import (
    RougeLexer,
    S,
    delegate,
    rule_cb,
)
from bloglint.render.lexers.shell import ShellLexer

DOCKER_KEYWORDS = (
    "FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|STOPSIGNAL"
    "|HEALTHCHECK|SHELL"
)


def _docker_run(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("run")
    lexer.shell.stack = list(lexer.shell.start_stack)
    lexer.shell.reset()
    return [(Keyword, m.group(0))]


def _docker_shell(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    return delegate(lexer.shell, m.group(0))


class DockerLexer(RougeLexer):
    name = "docker"
    aliases = ["docker", "dockerfile", "Dockerfile"]

    def reset(self) -> None:
        self.shell = ShellLexer()
        self.shell.stack = list(self.shell.start_stack)

    tokens = {
        "root": [
            (rf"{S}+", Text),
            (
                rf"(?i)^(FROM)({S}+)(.*)({S}+)(AS)({S}+)(.*)",
                bygroups(
                    Keyword,
                    Text.Whitespace,
                    String,
                    Text.Whitespace,
                    Keyword,
                    Text.Whitespace,
                    String,
                ),
            ),
            (
                rf"(?i)^(ONBUILD)({S}+)({DOCKER_KEYWORDS})(.*)",
                bygroups(Keyword, Text.Whitespace, Keyword, String),
            ),
            (rf"(?i)^({DOCKER_KEYWORDS})\b(.*)", bygroups(Keyword, String)),
            (r"#.*?$", Comment),
            (rf"(?i)^(ONBUILD{S}+)?RUN({S}+)", rule_cb(_docker_run)),
            (r"[a-zA-Z0-9_]+", Text),
            (r"[^a-zA-Z0-9_]+", Text),
            (r".", Text),
        ],
        "run": [
            (r"\n", Text, "#pop"),
            (r"(?s)\\.", String.Escape),
            (r"(\\.|[^\n\\])+", rule_cb(_docker_shell)),
        ],
    }
