"""rouge's Lua lexer (rouge/lexers/lua.rb), ported to Pygments."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups, include
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from bloglint.render.lexers.engine import RougeLexer, S, goto_with, pop, rule_cb

LUA_BUILTINS = frozenset(
    """
    _g _version assert collectgarbage dofile error getmetatable ipairs load loadfile next
    pairs pcall print rawequal rawget rawlen rawset select setmetatable tonumber tostring
    type xpcall file:close file:flush file:lines file:read file:seek file:setvbuf file:write
    lua_cpath lua_cpath_5_3 lua_init lua_init_5_3 lua_path lua_path_5_3 luaopen_base
    luaopen_coroutine luaopen_debug luaopen_io luaopen_math luaopen_os luaopen_package
    luaopen_string luaopen_table luaopen_utf8 lua_errerr lua_errfile lua_errgcmm lua_errmem
    lua_errrun lua_errsyntax lua_hookcall lua_hookcount lua_hookline lua_hookret
    lua_hooktailcall lua_maskcall lua_maskcount lua_maskline lua_maskret lua_maxinteger
    lua_mininteger lua_minstack lua_multret lua_noref lua_ok lua_opadd lua_opband lua_opbnot
    lua_opbor lua_opbxor lua_opdiv lua_opeq lua_opidiv lua_ople lua_oplt lua_opmod lua_opmul
    lua_oppow lua_opshl lua_opshr lua_opsub lua_opunm lua_refnil lua_registryindex
    lua_ridx_globals lua_ridx_mainthread lua_tboolean lua_tfunction lua_tlightuserdata
    lua_tnil lua_tnone lua_tnumber lua_tstring lua_ttable lua_tthread lua_tuserdata
    lua_use_apicheck lua_yield lual_buffersize require package.config package.cpath
    package.loaded package.loadlib package.path package.preload package.searchers
    package.searchpath coroutine.create coroutine.isyieldable coroutine.resume
    coroutine.running coroutine.status coroutine.wrap coroutine.yield debug.debug
    debug.gethook debug.getinfo debug.getlocal debug.getmetatable debug.getregistry
    debug.getupvalue debug.getuservalue debug.sethook debug.setlocal debug.setmetatable
    debug.setupvalue debug.setuservalue debug.traceback debug.upvalueid debug.upvaluejoin
    io.close io.flush io.input io.lines io.open io.output io.popen io.read io.stderr
    io.stdin io.stdout io.tmpfile io.type io.write math.abs math.acos math.asin math.atan
    math.ceil math.cos math.deg math.exp math.floor math.fmod math.huge math.log math.max
    math.maxinteger math.min math.mininteger math.modf math.pi math.rad math.random
    math.randomseed math.sin math.sqrt math.tan math.tointeger math.type math.ult os.clock
    os.date os.difftime os.execute os.exit os.getenv os.remove os.rename os.setlocale
    os.time os.tmpname string.byte string.char string.dump string.find string.format
    string.gmatch string.gsub string.len string.lower string.match string.pack
    string.packsize string.rep string.reverse string.sub string.unpack string.upper
    table.concat table.insert table.move table.pack table.remove table.sort table.unpack
    utf8.char utf8.charpattern utf8.codepoint utf8.codes utf8.len utf8.offset
""".split()
)


def _lua_name(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    name = m.group(0)
    if name == "gsub":
        ctx.stack.append("gsub")
        return [(Name.Builtin, name)]
    if name in LUA_BUILTINS:
        return [(Name.Builtin, name)]
    if "." in name:
        first, second = name.split(".", 1)
        return [(Name, first), (Punctuation, "."), (Name, second)]
    return [(Name, name)]


def _lua_function_name(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx)
    return [
        (Name.Class, m.group(1) or ""),
        (Punctuation, m.group(2) or ""),
        (Name.Function, m.group(3)),
    ]


class LuaLexer(RougeLexer):
    name = "lua"
    aliases = ["lua"]

    tokens = {
        "root": [
            (r"#!(.*?)$", Comment.Preproc),
            (r"", Text, "base"),
        ],
        "base": [
            (r"(?s)--\[(=*)\[.*?\]\1\]", Comment.Multiline),
            (r"--.*$", Comment.Single),
            # sic: rouge's float rule ends with a quote, so `1.5` is not a float there
            (r"(?i)([0-9]*\.[0-9]+|[0-9]+\.[0-9]*)(e[+-]?[0-9]+)?'", Number.Float),
            (r"(?i)[0-9]+e[+-]?[0-9]+", Number.Float),
            (r"(?i)0x[0-9a-f]*", Number.Hex),
            (r"[0-9]+", Number.Integer),
            (r"\n", Text),
            (r"[ \t\v\f\r]", Text),
            (r"(?s)\[(=*)\[.*?\]\1\]", String),
            (r"(==|~=|<=|>=|\.\.\.|\.\.|[=+\-*/%^<>#])", Operator),
            (r"[\[\]\{\}\(\)\.,:;]", Punctuation),
            (r"(and|or|not)\b", Operator.Word),
            (
                r"(break|do|else|elseif|end|for|if|in|repeat|return|then|until|while)\b",
                Keyword,
            ),
            (r"(local)\b", Keyword.Declaration),
            (r"(true|false|nil)\b", Keyword.Constant),
            (r"(function)\b", Keyword, "function_name"),
            (r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?", rule_cb(_lua_name)),
            (r"'", String.Single, "escape_sqs"),
            (r'"', String.Double, "escape_dqs"),
        ],
        "function_name": [
            (rf"{S}+", Text),
            (
                r"(?:([A-Za-z_][A-Za-z0-9_]*)(\.))?([A-Za-z_][A-Za-z0-9_]*)",
                rule_cb(_lua_function_name),
            ),
            (r"\(", Punctuation, "#pop"),
        ],
        "gsub": [
            (r"\)", Punctuation, "#pop"),
            (r"[(,]", Punctuation),
            (rf"{S}+", Text),
            (r'"', String.Regex, "regex"),
        ],
        "regex": [
            (r'"', goto_with(String.Regex, "regex_end")),
            (r"\[\^?", String.Escape, "regex_group"),
            (r"\\.", String.Escape),
            (r"[(][?][:=<!]", String.Escape),
            (r"[{][0-9,]+[}]", String.Escape),
            (r"[()?]", String.Escape),
            (r".", String.Regex),
        ],
        "regex_end": [
            (r"[$]+", String.Regex, "#pop"),
            (r"", Text, "#pop"),
        ],
        "regex_group": [
            (r"/", String.Escape),
            (r"\]", String.Escape, "#pop"),
            (r"(\\)(.)", bygroups(String.Escape, String.Regex)),
            (r".", String.Regex),
        ],
        "escape_sqs": [include("string_escape"), include("sqs")],
        "escape_dqs": [include("string_escape"), include("dqs")],
        "string_escape": [(r"\\([abfnrtv\\\"']|[0-9]{1,3})", String.Escape)],
        "sqs": [(r"'", String.Single, "#pop"), (r"[^']+", String.Single)],
        "dqs": [(r'"', String.Double, "#pop"), (r'[^"]+', String.Double)],
    }
