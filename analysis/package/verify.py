"""Verify the products in the tree against a clean rebuild from the raw inputs (in the manner of Maneage's
verify step): a data editor runs it before signing, CI runs it.

It copies the files a fresh clone holds (the working tree's tracked files, as they are now) into a scratch
folder, builds every derived product there (`snakemake -c2 derived`), and compares byte for byte each file
of data/derived/ and manuscript/_generated/ in the tree with the rebuilt one, and the shipped render's digest
(docs/*.html, and docs/*.pdf where pypdf is installed) with the digest of the rebuilt parts.  It names every
file that differs, is missing or is not a product of the build, and exits 1 on any.  Not compared: the
steps' logs (each run's own), the run crate (ro-crate-metadata.json at the root: the record of a run, which
lists the tree's own files and times) and data/derived/deposit.zip (made on request, `snakemake -c2 deposit`).
A product edited by hand is caught whatever its records say: the comparison is with what the inputs give, not
with a record.

Run:  snakemake -c2 verify   (or: python -m analysis.package.verify [--keep | --rebuilt DIR]; --rebuilt compares
with a complete rebuild already made, such as the one --keep left, of the same code and inputs)
"""
from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from analysis.io import ROOT

PRODUCT_FOLDERS = ("data/derived", "manuscript/_generated")
NOT_COMPARED = ("data/derived/logs/", "data/derived/deposit.zip")
CRATE = "ro-crate-metadata.json"  # the run crate, at the root: the build's last step writes it
BUILD = [sys.executable, "-m", "snakemake", "-c2", "--quiet", "all", "--", "derived"]
DIGEST = re.compile(r'<meta name="replication-digest" content="([0-9a-f]{64})"')
EDITIONS = ("index", "vi")  # docs/<edition>.html and .pdf


def products(root: Path) -> set[str]:
    found = set()
    for folder in PRODUCT_FOLDERS:
        base = root / folder
        if base.is_dir():
            found |= {p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file() or p.is_symlink()}
    return {p for p in found if not p.startswith(NOT_COMPARED)}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def differences(tree: Path, rebuilt: Path) -> list[str]:
    """One line for every product of the tree that is not the rebuilt one, and for the shipped render when its
    digest is not the rebuilt parts' digest."""
    lines = []
    mine, theirs = products(tree), products(rebuilt)
    for rel in sorted(mine | theirs):
        if rel not in mine:
            lines.append(f"{rel}: missing in the tree (the rebuild makes it; run `snakemake -c2`)")
        elif rel not in theirs:
            lines.append(f"{rel}: not a product of the build (the rebuild does not make it)")
        else:
            try:
                a = (tree / rel).read_bytes()
            except OSError as err:
                lines.append(f"{rel}: cannot be read in the tree ({err.strerror})")
                continue
            b = (rebuilt / rel).read_bytes()
            if a != b:
                lines.append(f"{rel}: differs from the rebuild (sha256 {_sha(a)}… in the tree, {_sha(b)}… rebuilt)")
    lines += render_differences(tree, rebuilt)
    return lines


def render_differences(tree: Path, rebuilt: Path) -> list[str]:
    """The shipped render (docs/) against the digest of the rebuilt parts, where there is a shipped render."""
    if not any((tree / "docs" / f"{e}.html").is_file() for e in EDITIONS):
        return []
    from analysis.manuscript.render import digest_of
    digest = digest_of(rebuilt)
    lines = []
    for edition in EDITIONS:
        page = tree / "docs" / f"{edition}.html"
        if page.is_file():
            found = DIGEST.search(page.read_text(encoding="utf-8", errors="replace"))
            if not found or found.group(1) != digest:
                shown = found.group(1)[:12] + "…" if found else "none"
                lines.append(f"docs/{edition}.html: rendered from other inputs than the rebuild (digest {shown} "
                             f"shipped, {digest[:12]}… rebuilt)")
        pdf = tree / "docs" / f"{edition}.pdf"
        if pdf.is_file():
            try:
                import pypdf
            except ImportError:
                continue  # the PDF's digest is read with pypdf (a dev dependency); the HTML's was compared
            from analysis.manuscript.render import pdf_digest
            try:  # the digest is the line the PDF prints at its end (render.typst_include)
                found = pdf_digest(pypdf.PdfReader(pdf).pages[-1].extract_text())
            except Exception:  # not a PDF pypdf can read: it cannot carry the digest
                found = None
            if found != digest:
                shown = found[:12] + "…" if found else "none"
                lines.append(f"docs/{edition}.pdf: rendered from other inputs than the rebuild (digest {shown} printed "
                             f"on its last page, {digest[:12]}… rebuilt)")
    return lines


def rebuild(scratch: Path) -> subprocess.CompletedProcess:
    from analysis.package.benchmark import copy_repository
    copy_repository(scratch, ROOT)
    return subprocess.run(BUILD, cwd=scratch, capture_output=True, text=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    how = ap.add_mutually_exclusive_group()
    how.add_argument("--keep", action="store_true", help="keep the scratch copy (its path is printed)")
    how.add_argument("--rebuilt", metavar="DIR", type=Path,
                     help="compare with the rebuild in DIR (one --keep left) instead of building one")
    args = ap.parse_args(argv)
    if args.rebuilt:
        if not (args.rebuilt / CRATE).is_file():  # the build's last step: a rebuild that stopped has none
            print(f"verify: {args.rebuilt} holds no complete rebuild (no {CRATE} there)", file=sys.stderr)
            return 2
        found = differences(ROOT, args.rebuilt)
        return _report(found)
    scratch = Path(tempfile.mkdtemp(prefix="verify-"))
    try:
        r = rebuild(scratch)
        if r.returncode != 0:
            tail = (r.stdout + r.stderr).strip().splitlines()[-5:]
            print("verify: the clean rebuild failed:\n" + "\n".join(tail), file=sys.stderr)
            return 2
        found = differences(ROOT, scratch)
    finally:
        if args.keep:
            print(f"verify: the rebuild is in {scratch}", file=sys.stderr)
        else:
            import shutil
            shutil.rmtree(scratch, ignore_errors=True)
    return _report(found)


def _report(found: list[str]) -> int:
    for line in found:
        print(line)
    n = len(products(ROOT))
    if found:
        print(f"verify: {len(found)} difference(s) from a clean rebuild of the raw inputs", file=sys.stderr)
        return 1
    print(f"verify: all {n} products in data/derived and manuscript/_generated are the clean rebuild's, byte for byte"
          + ("; the shipped render's digest is the rebuild's" if any((ROOT / "docs" / f"{e}.html").is_file()
                                                                   for e in EDITIONS) else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
