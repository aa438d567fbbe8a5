"""The digest of a render's inputs, written where the render puts it into the HTML and the PDF.

Every render records what it was made from: one sha256 (analysis.manuscript.render_digest)
over the registry, every generated part of the manuscript and the manuscript's own sources.
This step writes it into manuscript/_generated/ as an HTML header include
(`<meta name="replication-digest" content="…">`) and a Typst header include (the PDF's
keywords, `replication-digest:…`), which _quarto.yml includes.  tests/test_shipped.py rebuilds
the derived data and fails when the shipped docs/ were made from other inputs.

It also stages a render: each render job (one format of one document) renders its own copy of
the manuscript folder, manuscript/_output/<format>-<document>/, because two Quarto processes in
one project folder lock each other out of its cache (.quarto/, "database is locked").

Run on its own:  python -m analysis.render --root . \
    --out-html manuscript/_generated/digest.html --out-typst manuscript/_generated/digest.typ
                 python -m analysis.render --root . --stage manuscript/_output/html-index
"""
from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

from analysis.io import run, write_text_atomic

# The manuscript's own sources: both editions' .qmd, and what they share.  The generated parts are
# every file under manuscript/_generated/ (each edition's, the Vietnamese in vi/) but the digest's own.
SOURCES = ["manuscript/_quarto.yml", "manuscript/index.qmd", "manuscript/index.vi.qmd", "manuscript/references.bib",
           "manuscript/styles.css", "manuscript/popover.html", "manuscript/title-block.html",
           "manuscript/typst-header.typ",
           "manuscript/_extensions/registry/_extension.yml", "manuscript/_extensions/registry/num.lua"]
REGISTRY = "data/derived/numbers.json"
GENERATED = "manuscript/_generated"
OWN = ("digest.html", "digest.typ")


def render_inputs(root: Path) -> list[Path]:
    """Every file the render reads: the registry, the sources, the generated parts."""
    parts = sorted(p for p in (root / GENERATED).rglob("*") if p.is_file() and p.relative_to(root / GENERATED).as_posix()
                   not in OWN)
    return [root / REGISTRY, *(root / s for s in SOURCES), *parts]


def digest_of(root: Path) -> str:
    from analysis.manuscript import render_digest  # here, not above: the Snakefile imports SOURCES, not pandas
    return render_digest(render_inputs(root), root)


# `{{< num key >}}` and `{{<num key>}}` are the same shortcode, but for each `< ` pandoc's Markdown
# reader scans the rest of the document: the render time grows with shortcodes x length.
SPACED = re.compile(r"\{\{<\s+num\s+([^\s>]+)\s*>\}\}")


def stage(root: Path, dest: Path) -> int:
    """A fresh copy of what the render reads from manuscript/ (sources and generated parts) in dest,
    with every number's shortcode in the form pandoc reads fast (SPACED)."""
    shutil.rmtree(dest, ignore_errors=True)
    files = [root / s for s in SOURCES] + sorted(p for p in (root / GENERATED).rglob("*") if p.is_file())
    for f in files:
        target = dest / f.relative_to(root / "manuscript")
        target.parent.mkdir(parents=True, exist_ok=True)
        if f.suffix in (".md", ".qmd"):
            target.write_bytes(SPACED.sub(r"{{<num \1>}}", f.read_text(encoding="utf-8")).encode("utf-8"))
        else:
            shutil.copyfile(f, target)
    return len(files)


def html_include(digest: str) -> str:
    return f'<meta name="replication-digest" content="{digest}">\n'


def typst_include(digest: str) -> str:
    return f'#set document(keywords: ("replication-digest:{digest}",))\n'


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=".", help="the repository root")
    ap.add_argument("--out-html")
    ap.add_argument("--out-typst")
    ap.add_argument("--stage", metavar="DIR", help="copy the manuscript's sources and parts into DIR instead")
    args = ap.parse_args(argv)
    if args.stage:
        print(f"staged {stage(Path(args.root), Path(args.stage))} files in {args.stage}")
        return 0
    if not (args.out_html and args.out_typst):
        ap.error("--out-html and --out-typst are required (or --stage)")
    digest = digest_of(Path(args.root))
    write_text_atomic(Path(args.out_html), html_include(digest))
    write_text_atomic(Path(args.out_typst), typst_include(digest))
    print(f"render digest {digest} of {len(render_inputs(Path(args.root)))} files")
    return 0


if __name__ == "__main__":
    run(main)
