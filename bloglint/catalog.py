"""The rule catalogue: one YAML file per rule in `rules/`, the single source of rule metadata.

The YAML says what a rule is (id, name, summary, rationale, severity, options, examples);
the matching module in `bloglint/checks/` says how it is detected. Tests run every example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from bloglint.model import Severity


@dataclass(frozen=True, slots=True)
class RuleOption:
    name: str
    default: Any
    description: str


@dataclass(frozen=True, slots=True)
class RuleExample:
    title: str
    post: str
    expect: tuple[int, ...]  # file lines the rule must report; () for a good example
    files: dict[str, str] = field(default_factory=dict)  # other site files, by relpath
    config: dict[str, Any] = field(default_factory=dict)  # merged into _config.yml
    path: str = "_posts/2024-01-01-example.md"


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    name: str
    summary: str
    rationale: str
    severity: Severity
    options: dict[str, RuleOption]
    source: Path
    # Rules whose finding on the same line says the same thing less precisely: when both
    # report a line, only this rule's finding is kept (a stale TOC entry is also a broken
    # fragment; the TOC rule says more, and --fix can repair it).
    supersedes: tuple[str, ...] = ()

    def default_options(self) -> dict[str, Any]:
        return {name: opt.default for name, opt in self.options.items()}

    @property
    def examples(self) -> tuple[RuleExample, ...]:
        """The good and bad example posts (read on demand: a check run never needs them)."""
        return _examples(self.source)


def rules_dir() -> Path:
    """Where the rule YAML lives: inside an installed wheel, else the source checkout's `rules/`."""
    packaged = Path(__file__).resolve().parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "rules"


_REQUIRED = ("id", "name", "summary", "rationale", "severity")


def _yaml(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# `examples:` is the last key of every rule file (tests/test_catalog.py checks it): the
# metadata above it is all a check run reads, and the examples are most of each file.
_EXAMPLES = "\nexamples:"


@cache
def _examples(path: Path) -> tuple[RuleExample, ...]:
    data = _yaml(path.read_text(encoding="utf-8"))
    return tuple(
        RuleExample(
            title=str(ex["title"]),
            post=str(ex["post"]),
            expect=tuple(int(n) for n in ex.get("expect") or ()),
            files={str(k): str(v) for k, v in (ex.get("files") or {}).items()},
            config=dict(ex.get("config") or {}),
            path=str(ex.get("path", "_posts/2024-01-01-example.md")),
        )
        for ex in data.get("examples") or ()
    )


def _load_one(path: Path) -> RuleSpec:
    data = _yaml(path.read_text(encoding="utf-8").split(_EXAMPLES, 1)[0])
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: a rule file must be a mapping")
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise ValueError(f"{path.name}: missing keys {', '.join(missing)}")
    options = {
        name: RuleOption(name, spec.get("default"), str(spec.get("description", "")))
        for name, spec in (data.get("options") or {}).items()
    }
    return RuleSpec(
        id=str(data["id"]),
        name=str(data["name"]),
        summary=str(data["summary"]).strip(),
        rationale=str(data["rationale"]).strip(),
        severity=Severity.parse(str(data["severity"])),
        options=options,
        source=path,
        supersedes=tuple(str(rid) for rid in data.get("supersedes") or ()),
    )


@lru_cache(maxsize=1)
def load_catalog() -> dict[str, RuleSpec]:
    """All rules by id, in id order."""
    specs = [_load_one(path) for path in sorted(rules_dir().glob("*.yaml"))]
    return {spec.id: spec for spec in sorted(specs, key=lambda s: s.id)}


def find_rule(key: str) -> RuleSpec | None:
    """Look a rule up by id (`BL001`, any case) or by name (`broken-internal-link`)."""
    catalog = load_catalog()
    spec = catalog.get(key.upper())
    if spec:
        return spec
    return next((s for s in catalog.values() if s.name == key), None)


def markdown_table() -> str:
    """The README's rule table, generated so that it cannot drift from `rules/`."""
    rows = ["| id | name | default | what it reports |", "|---|---|---|---|"]
    for spec in load_catalog().values():
        summary = spec.summary.replace("|", "\\|").replace("\n", " ")
        rows.append(f"| {spec.id} | `{spec.name}` | {spec.severity} | {summary} |")
    return "\n".join(rows) + "\n"
