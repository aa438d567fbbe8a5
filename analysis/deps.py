"""Which source files a step runs: its module and every project module it imports, transitively.

The Snakefile gives each rule these files as inputs, so that editing any module reruns exactly
the steps that import it (directly or through another module), and never a step that does not.
The imports are read from the source (Python's own parser), not listed by hand: absolute ones
(`from analysis.audit import claims`, `import analysis.io`) and relative ones (`from . import x`,
`from ..io import y`).  Importing a module runs the `__init__.py` of every package above it, so
those files are inputs too.  Standard library only: the Snakefile imports this on every run.

Run on its own:  python -m analysis.deps analysis.audit.numbers
"""
from __future__ import annotations

import ast
import re
import sys
from functools import cache
from pathlib import Path

PACKAGE = "analysis"
HERE = Path(__file__).resolve().parent


def _file(module: str) -> Path | None:
    """The source file of a project module or package (`analysis.audit` -> analysis/audit/__init__.py),
    or None when the name is not one (an attribute: `analysis.io.run`)."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = HERE.joinpath(*parts[1:])
    for f in ([base.with_suffix(".py")] if len(parts) > 1 else []) + [base / "__init__.py"]:
        if f.is_file():
            return f
    return None


def _packages(module: str) -> list[str]:
    """The packages whose __init__.py importing `module` runs: analysis.audit.claims -> analysis, analysis.audit."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _base(module: str, level: int) -> str:
    """The package a relative import of `level` dots inside `module` starts from."""
    package = module if _file(module).name == "__init__.py" else module.rsplit(".", 1)[0]
    return package.rsplit(".", level - 1)[0] if level > 1 else package


# A line that starts an import statement, at any indentation (imports inside functions count too).
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+\.*[\w.]*[ \t]+import\b|import[ \t]+\w)", re.M)


def _import_statements(text: str):
    """The import statements of a module's source, each parsed alone by Python's own parser: the lines
    that start one (with the lines a parenthesis or a backslash carries on), not the whole module, whose
    full parse and walk cost a noticeable part of every Snakemake run (the Snakefile reads every step's
    imports).  A line of a docstring that reads as an import is taken as one: a step reruns needlessly,
    never too seldom."""
    for m in _IMPORT_LINE.finditer(text):
        end = text.find("\n", m.start())
        end = len(text) if end == -1 else end
        statement = text[m.start():end]
        if "(" in statement and ")" not in statement:
            close = text.find(")", end)
            end = len(text) if close == -1 else close + 1
        while text[m.start():end].rstrip().endswith("\\") and end < len(text):
            nxt = text.find("\n", end + 1)
            end = len(text) if nxt == -1 else nxt
        try:
            yield from ast.parse(text[m.start():end].strip()).body
        except SyntaxError:  # not a statement on its own (a line of prose that starts like one)
            continue


@cache
def _direct(module: str) -> frozenset[str]:
    """The project modules and packages `module` imports itself (at any level of its code), with the
    packages above each."""
    found = set()
    for node in _import_statements(_file(module).read_text(encoding="utf-8")):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, node.level) if node.level else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            names = [target] + [f"{target}.{a.name}" for a in node.names]
        else:
            continue
        for n in names:
            if _file(n) is not None:
                found |= {n, *_packages(n)}
    return frozenset(found - {module})


def closure(module: str) -> list[str]:
    """`module`, the packages above it and every project module and package it imports, directly or not, sorted."""
    seen, todo = set(), [module, *_packages(module)]
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(_direct(m))
    return sorted(seen)


# A module that reads files as code: every step that imports it reruns when they change.  The message
# catalogs are the words of every sentence (analysis/words.py), so an edited translation rewrites what it says.
READS = {f"{PACKAGE}.words": lambda: sorted(HERE.glob("locale/*/LC_MESSAGES/*.po"))}


def files(module: str) -> list[str]:
    """The source files of `closure(module)`, as paths relative to the repository root (a package's
    is its __init__.py, which every import of a module inside it runs), and the files a module among
    them reads as code (READS)."""
    root = HERE.parent
    mods = closure(module)
    return [_file(m).relative_to(root).as_posix() for m in mods] + \
        [f.relative_to(root).as_posix() for m in mods if m in READS for f in READS[m]()]


if __name__ == "__main__":
    print("\n".join(files(sys.argv[1])))
