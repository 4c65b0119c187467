"""rouge's nginx configuration lexer (rouge/lexers/nginx.rb), ported to Pygments."""

from __future__ import annotations

from pygments.lexer import bygroups, include
from pygments.token import Comment, Keyword, Name, Number, Punctuation, String, Text

from bloglint.render.lexers.engine import RougeLexer, S, goto_with

NGINX_ID = r"[^ \t\n\v\f\r$;{}()#]+"


class NginxLexer(RougeLexer):
    name = "nginx"
    aliases = ["nginx"]

    tokens = {
        "root": [
            (rf"(include)({S}+)([^ \t\n\v\f\r;]+)", bygroups(Keyword, Text, Name)),
            (NGINX_ID, Keyword, "statement"),
            include("base"),
        ],
        "block": [
            (r"\}", Punctuation, "#pop"),
            (NGINX_ID, Keyword.Namespace, "statement"),
            include("base"),
        ],
        "statement": [
            (r"\{", goto_with(Punctuation, "block")),
            (r";", Punctuation, "#pop"),
            include("base"),
        ],
        "base": [
            (rf"{S}+", Text),
            (r"#.*", Comment.Single),
            (r"(?:on|off)\b", Name.Constant),
            (r"[$][a-zA-Z0-9_-]+", Name.Variable),
            (
                r"(?i)([a-z0-9.-]+)(:)([0-9]+)",
                bygroups(Name.Function, Punctuation, Number.Integer),
            ),
            (r"(?i)[a-z-]+/[a-z-]+", Name.Class),
            (r"(?i)[0-9]+[kmg]?\b", Number.Integer),
            (rf"(~)({S}*)([^ \t\n\v\f\r{{]+)", bygroups(Punctuation, Text, String.Regex)),
            (r"[:=~]", Punctuation),
            (rf"/(?:{NGINX_ID})?", Name),
            (r"[^# \t\n\v\f\r;{}$\\]+", String),
            (r"[$;]", Text),
        ],
    }
