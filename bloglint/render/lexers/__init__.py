"""Ports of rouge 3.30 lexers to Pygments, for byte-identical highlighting in feeds.

One module per rouge lexer family; `find(name)` maps rouge's tags and aliases (Lexer.find is
case-sensitive) to a fresh lexer, or None for a language not ported.
"""

from __future__ import annotations

from typing import Any

from bloglint.render.lexers.c import CLexer, CppLexer
from bloglint.render.lexers.console import ConsoleLexer
from bloglint.render.lexers.csharp import CSharpLexer
from bloglint.render.lexers.data import DiffLexer, IniLexer, JsonLexer, PropertiesLexer, TomlLexer
from bloglint.render.lexers.docker import DockerLexer
from bloglint.render.lexers.go import GoLexer
from bloglint.render.lexers.java import JavaLexer
from bloglint.render.lexers.javascript import JavascriptLexer, TypescriptLexer
from bloglint.render.lexers.kotlin import KotlinLexer
from bloglint.render.lexers.lua import LuaLexer
from bloglint.render.lexers.make import MakeLexer
from bloglint.render.lexers.nginx import NginxLexer
from bloglint.render.lexers.objective_c import ObjectiveCLexer
from bloglint.render.lexers.perl import PerlLexer
from bloglint.render.lexers.protobuf import ProtobufLexer
from bloglint.render.lexers.python import PythonLexer
from bloglint.render.lexers.r import RLexer
from bloglint.render.lexers.ruby import RubyLexer
from bloglint.render.lexers.rust import RustLexer
from bloglint.render.lexers.shell import ShellLexer
from bloglint.render.lexers.sql import SqlLexer
from bloglint.render.lexers.swift import SwiftLexer
from bloglint.render.lexers.tex import TexLexer
from bloglint.render.lexers.web import CssLexer, HtmlLexer, XmlLexer
from bloglint.render.lexers.yaml import YamlLexer

LEXERS: dict[str, type[Any]] = {
    alias: cls
    for cls in (
        ShellLexer,
        ConsoleLexer,
        MakeLexer,
        DockerLexer,
        PythonLexer,
        CLexer,
        CppLexer,
        ObjectiveCLexer,
        CSharpLexer,
        JavaLexer,
        KotlinLexer,
        GoLexer,
        RustLexer,
        SwiftLexer,
        PerlLexer,
        RubyLexer,
        RLexer,
        LuaLexer,
        JavascriptLexer,
        TypescriptLexer,
        CssLexer,
        XmlLexer,
        HtmlLexer,
        JsonLexer,
        YamlLexer,
        TomlLexer,
        IniLexer,
        PropertiesLexer,
        NginxLexer,
        ProtobufLexer,
        DiffLexer,
        SqlLexer,
        TexLexer,
    )
    for alias in cls.aliases
}


def find(name: str) -> Any:
    """A fresh lexer for a rouge tag or alias, None if that language is not ported."""
    cls = LEXERS.get(name)
    return cls() if cls else None
