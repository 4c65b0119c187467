"""Ports of rouge 3.30 lexers to Pygments, for byte-identical highlighting in feeds.

One module per rouge lexer family; `find(name)` maps rouge's tags and aliases (Lexer.find is
case-sensitive) to a fresh lexer, or None for a language not ported. Only the module of a
language a post uses is imported: `LEXERS` names each class by module, and a test checks it
against the `aliases` the classes declare.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

# rouge tag or alias -> (module in this package, class).
LEXERS: dict[str, tuple[str, str]] = {
    "shell": ("shell", "ShellLexer"),
    "bash": ("shell", "ShellLexer"),
    "zsh": ("shell", "ShellLexer"),
    "ksh": ("shell", "ShellLexer"),
    "sh": ("shell", "ShellLexer"),
    "console": ("console", "ConsoleLexer"),
    "terminal": ("console", "ConsoleLexer"),
    "shell_session": ("console", "ConsoleLexer"),
    "shell-session": ("console", "ConsoleLexer"),
    "make": ("make", "MakeLexer"),
    "makefile": ("make", "MakeLexer"),
    "mf": ("make", "MakeLexer"),
    "gnumake": ("make", "MakeLexer"),
    "bsdmake": ("make", "MakeLexer"),
    "docker": ("docker", "DockerLexer"),
    "dockerfile": ("docker", "DockerLexer"),
    "Dockerfile": ("docker", "DockerLexer"),
    "python": ("python", "PythonLexer"),
    "py": ("python", "PythonLexer"),
    "c": ("c", "CLexer"),
    "cpp": ("c", "CppLexer"),
    "c++": ("c", "CppLexer"),
    "objective_c": ("objective_c", "ObjectiveCLexer"),
    "objc": ("objective_c", "ObjectiveCLexer"),
    "obj-c": ("objective_c", "ObjectiveCLexer"),
    "obj_c": ("objective_c", "ObjectiveCLexer"),
    "objectivec": ("objective_c", "ObjectiveCLexer"),
    "csharp": ("csharp", "CSharpLexer"),
    "c#": ("csharp", "CSharpLexer"),
    "cs": ("csharp", "CSharpLexer"),
    "java": ("java", "JavaLexer"),
    "kotlin": ("kotlin", "KotlinLexer"),
    "go": ("go", "GoLexer"),
    "golang": ("go", "GoLexer"),
    "rust": ("rust", "RustLexer"),
    "rs": ("rust", "RustLexer"),
    "rust,no_run": ("rust", "RustLexer"),
    "rs,no_run": ("rust", "RustLexer"),
    "rust,ignore": ("rust", "RustLexer"),
    "rs,ignore": ("rust", "RustLexer"),
    "rust,should_panic": ("rust", "RustLexer"),
    "rs,should_panic": ("rust", "RustLexer"),
    "swift": ("swift", "SwiftLexer"),
    "perl": ("perl", "PerlLexer"),
    "pl": ("perl", "PerlLexer"),
    "ruby": ("ruby", "RubyLexer"),
    "rb": ("ruby", "RubyLexer"),
    "r": ("r", "RLexer"),
    "R": ("r", "RLexer"),
    "s": ("r", "RLexer"),
    "S": ("r", "RLexer"),
    "lua": ("lua", "LuaLexer"),
    "javascript": ("javascript", "JavascriptLexer"),
    "js": ("javascript", "JavascriptLexer"),
    "typescript": ("javascript", "TypescriptLexer"),
    "ts": ("javascript", "TypescriptLexer"),
    "css": ("web", "CssLexer"),
    "xml": ("web", "XmlLexer"),
    "html": ("web", "HtmlLexer"),
    "json": ("data", "JsonLexer"),
    "yaml": ("yaml", "YamlLexer"),
    "yml": ("yaml", "YamlLexer"),
    "toml": ("data", "TomlLexer"),
    "ini": ("data", "IniLexer"),
    "properties": ("data", "PropertiesLexer"),
    "nginx": ("nginx", "NginxLexer"),
    "protobuf": ("protobuf", "ProtobufLexer"),
    "proto": ("protobuf", "ProtobufLexer"),
    "diff": ("data", "DiffLexer"),
    "patch": ("data", "DiffLexer"),
    "udiff": ("data", "DiffLexer"),
    "sql": ("sql", "SqlLexer"),
    "tex": ("tex", "TexLexer"),
    "TeX": ("tex", "TexLexer"),
    "LaTeX": ("tex", "TexLexer"),
    "latex": ("tex", "TexLexer"),
}


@cache
def lexer_class(name: str) -> type[Any] | None:
    """The ported lexer class for a rouge tag or alias (its module imported on first use)."""
    entry = LEXERS.get(name)
    if entry is None:
        return None
    module, cls = entry
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)  # type: ignore[no-any-return]


def find(name: str) -> Any:
    """A fresh lexer for a rouge tag or alias, None if that language is not ported."""
    cls = lexer_class(name)
    return cls() if cls else None
