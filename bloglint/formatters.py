"""Output formats: pure functions from findings to text. Only the CLI prints what they return."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import groupby

from bloglint import __version__
from bloglint.catalog import load_catalog
from bloglint.model import Finding, Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def summary_line(findings: Sequence[Finding], checked: int) -> str:
    """One line a person reads first: how many problems of which kind, per rule."""
    if not findings:
        return f"{checked} file{'s' if checked != 1 else ''} checked, no problems"
    by_severity = Counter(f.severity for f in findings)
    parts = [
        f"{by_severity[s]} {s}{'s' if by_severity[s] != 1 else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if by_severity[s]
    ]
    files = len({f.path for f in findings})
    per_rule = Counter(f"{f.rule_id} {f.rule}" for f in findings)
    rules = ", ".join(f"{name} ×{count}" for name, count in sorted(per_rule.items()))
    return f"{', '.join(parts)} in {files} of {checked} file{'s' if checked != 1 else ''} ({rules})"


def format_text(findings: Sequence[Finding], *, checked: int = 0, colour: bool = False) -> str:
    """Grouped by file, one finding per line as `line:col  severity  message  [rule]`."""
    lines: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        lines.append(_paint(path, "1;4", colour))
        for f in group:
            where = f"{f.line}:{f.column}"
            severity = _paint(f"{str(f.severity):7}", _COLOURS[f.severity], colour)
            rule = _paint(f"{f.rule_id} {f.rule}", "2", colour)
            lines.append(f"  {where:>8}  {severity}  {f.message}  [{rule}]")
        lines.append("")
    lines.append(summary_line(findings, checked))
    return "\n".join(lines) + "\n"


def format_json(findings: Sequence[Finding], **_: object) -> str:
    """An array of findings with stable keys, for scripts."""
    rows = [
        {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "rule": f.rule,
            "rule_id": f.rule_id,
            "severity": str(f.severity),
            "message": f.message,
        }
        for f in findings
    ]
    import json  # only for this format: the text format is the common one

    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, *, property_value: bool = False) -> str:
    # GitHub's workflow-command escaping: %, CR, LF always; ':' and ',' inside properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(findings: Sequence[Finding], **_: object) -> str:
    """GitHub Actions workflow commands, so findings show as annotations on the diff."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for f in findings:
        props = [
            f"file={_gh_escape(f.path, property_value=True)}",
            f"line={f.line}",
            f"col={f.column}",
        ]
        if f.end_line:
            props.append(f"endLine={f.end_line}")
        if f.end_column and (f.end_line in (None, f.line)):
            props.append(f"endColumn={f.end_column}")
        props.append(f"title={_gh_escape(f'{f.rule_id} {f.rule}', property_value=True)}")
        out.append(f"::{level[f.severity]} {','.join(props)}::{_gh_escape(f.message)}")
    return "\n".join(out) + ("\n" if out else "")


def format_sarif(findings: Sequence[Finding], **_: object) -> str:
    """SARIF 2.1.0, for GitHub code scanning and other security dashboards."""
    catalog = load_catalog()
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    used = [rid for rid in sorted({f.rule_id for f in findings}) if rid in catalog]
    rules = [
        {
            "id": rid,
            "name": catalog[rid].name,
            "shortDescription": {"text": catalog[rid].summary},
            "fullDescription": {"text": catalog[rid].rationale},
            "defaultConfiguration": {"level": level[catalog[rid].severity]},
        }
        for rid in used
    ]
    index = {rid: i for i, rid in enumerate(used)}
    results = []
    for f in findings:
        region: dict[str, int] = {"startLine": f.line, "startColumn": f.column}
        if f.end_line:
            region["endLine"] = f.end_line
        if f.end_column:
            region["endColumn"] = f.end_column
        result: dict[str, object] = {
            "ruleId": f.rule_id,
            "level": level[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "SITEROOT"},
                        "region": region,
                    }
                }
            ],
        }
        if f.rule_id in index:
            result["ruleIndex"] = index[f.rule_id]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "bloglint",
                        "version": __version__,
                        "informationUri": "https://github.com/bloglint/bloglint",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    import json

    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "sarif": format_sarif,
}
