"""Which source files a step runs: its module and every project module it imports, transitively.

The Snakefile gives each rule these files as inputs, so that editing any module reruns exactly
the steps that import it (directly or through another module), and never a step that does not.
The imports are read from the source (Python's own parser), not listed by hand.  Standard
library only: the Snakefile imports this on every run.

Run on its own:  python -m analysis.deps analysis.audit
"""
from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

PACKAGE = "analysis"
HERE = Path(__file__).resolve().parent


def _file(module: str) -> Path:
    return HERE / (module.split(".", 1)[1].replace(".", "/") + ".py")


@cache
def _direct(module: str) -> frozenset[str]:
    """The project modules `module` imports itself (at any level of its code)."""
    found = set()
    for node in ast.walk(ast.parse(_file(module).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        found |= {n for n in names if n.startswith(PACKAGE + ".") and _file(n).is_file()}
    return frozenset(found - {module})


def closure(module: str) -> list[str]:
    """`module` and every project module it imports, directly or not, sorted."""
    seen, todo = set(), [module]
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(_direct(m))
    return sorted(seen)


def files(module: str) -> list[str]:
    """The source files of `closure(module)`, as paths relative to the repository root (plus the
    package's __init__.py, which every import of the package runs)."""
    init = f"{PACKAGE}/__init__.py"
    return [init] + [f"{PACKAGE}/{m.split('.', 1)[1].replace('.', '/')}.py" for m in closure(module)]


if __name__ == "__main__":
    print("\n".join(files(sys.argv[1])))
