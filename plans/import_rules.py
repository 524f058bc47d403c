"""The import rules that keep the app's structure as it is (``make test`` checks them).

Run as ``python -m plans.import_rules``: prints each broken rule (file, line, import) and
exits 1 if there is any. The rules:

1. the text pipeline (``plans/pipeline``) imports no Django and nothing of the app outside
   the pipeline, so it stays pure Python, testable on a string;
2. query modules (``plans/queries.py`` and the modules that read the record for pages)
   import nothing from views, ``django.http`` or ``django.urls``;
3. the public app (every module of ``plans`` outside ``plans/workspace``) never imports the
   workspace.

Imports are read from the source (``ast``), including those inside functions. Nothing here
imports Django.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QUERY_MODULES = (
    "plans.queries",
    "plans.record_rows",
    "plans.indicator_pages",
    "plans.sector_pages",
    "plans.series",
    "plans.observations",
    "plans.compare",
    "plans.coverage",
    "plans.exports",
    "plans.highlight",
    "plans.formatting",
)
VIEW_MODULES = (
    "plans.views",
    "plans.chart_views",
    "plans.record_views",
    "plans.view_common",
    "plans.open_views",
    "plans.workspace.views",
    "django.http",
    "django.urls",
)


@dataclass(frozen=True)
class Violation:
    rule: str
    path: str
    line: int
    imported: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: imports {self.imported}: {self.rule}"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, module: str) -> Iterator[tuple[int, str]]:
    """(line, module imported) for every import in a file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            yield node.lineno, base
            for alias in node.names:  # "from plans import workspace"
                yield node.lineno, f"{base}.{alias.name}"


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def check(root: Path = ROOT) -> list[Violation]:
    """Every broken rule under ``root/plans``."""
    found: list[Violation] = []
    for path in sorted((root / "plans").rglob("*.py")):
        module = module_name(path, root)
        if _within(module, "plans.migrations") or ".migrations." in module:
            continue
        shown = str(path.relative_to(root))
        seen: set[tuple[int, str, str]] = set()
        for line, name in imports_of(path, module):
            rule = ""
            if _within(module, "plans.pipeline"):
                if _within(name, "django"):
                    rule = "the pipeline imports no Django"
                elif _within(name, "plans") and not _within(name, "plans.pipeline"):
                    rule = "the pipeline imports nothing of the app outside it"
            if any(_within(module, q) for q in QUERY_MODULES) and any(
                _within(name, v) for v in VIEW_MODULES
            ):
                rule = (
                    "query modules import nothing from views, django.http, django.urls"
                )
            if not _within(module, "plans.workspace") and _within(
                name, "plans.workspace"
            ):
                rule = "the public app never imports the workspace"
            if rule and (line, rule, shown) not in seen:
                seen.add((line, rule, shown))
                found.append(Violation(rule, shown, line, name))
    return found


def main() -> int:
    violations = check()
    for v in violations:
        print(v)
    print(f"import rules: {len(violations)} violation(s)")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
