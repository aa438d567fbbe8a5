"""codemeta.json and .zenodo.json from CITATION.cff, by cffconvert (the Citation File Format's own converter),
so that the package's citation metadata has one source: software archives (Zenodo, Software Heritage) read
these two, people and GitHub read CITATION.cff.

    python -m analysis.package.citation --write     # regenerate both (commit them with CITATION.cff)
    python -m analysis.package.citation             # check: refuses in one line when either is stale

CITATION.cff is validated against its schema first (cffconvert --validate does the same).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.io import ROOT, run, write_text_atomic

OUTPUTS = {"codemeta.json": "as_codemeta", ".zenodo.json": "as_zenodo"}


def converted(cff: Path) -> dict[str, str]:
    """Each file's text as cffconvert makes it from the CITATION.cff given (validated first)."""
    from cffconvert.cli.create_citation import create_citation
    citation = create_citation(str(cff), None)
    citation.validate()
    return {name: getattr(citation, method)() for name, method in OUTPUTS.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=str(ROOT))
    ap.add_argument("--write", action="store_true", help="write the files (else check them)")
    a = ap.parse_args(argv)
    root = Path(a.root)
    try:
        fresh = converted(root / "CITATION.cff")
    except Exception as err:  # jsonschema's ValidationError, YAML's errors: one line, no traceback
        print(f"CITATION.cff: not valid Citation File Format: {str(err).splitlines()[0]}", file=sys.stderr)
        return 1
    stale = []
    for name, text in fresh.items():
        if a.write:
            write_text_atomic(root / name, text)
        elif not (root / name).is_file() or (root / name).read_text(encoding="utf-8") != text:
            stale.append(name)
    if stale:
        print(f"{', '.join(stale)}: not what CITATION.cff gives; run python -m analysis.package.citation --write",
              file=sys.stderr)
        return 1
    print(("written: " if a.write else "up to date: ") + ", ".join(fresh))
    return 0


if __name__ == "__main__":
    run(main)
