"""The deposit archive: the zip a journal's repository (openICPSR, Zenodo, WorkflowHub) takes, made by one
command, `snakemake -c2 deposit` (data/derived/deposit.zip).

It holds what a fresh clone holds (code, inputs, the manuscript's sources, the shipped render in docs/,
README, CITATION.cff, LICENSE, pyproject.toml and requirements.lock, the tests) and the build's run
crate at its root (ro-crate-metadata.json), so that the archive is itself an RO-Crate; it holds no build
output that the README's command makes again (data/derived/, manuscript/_generated/: ignored by git) and
no .git.  The files are those git lists (tracked, or untracked and not ignored); where there is no git
(a copy without .git, or no git installed), those the repository's .gitignore files do not ignore: the
same list.  The zip is deterministic: entries sorted, under one folder named for the package and its
version, each with a fixed date and a mode that keeps only the executable bit.

    python -m analysis.package.deposit --root . --crate data/derived/ro-crate-metadata.json \\
        --pyproject pyproject.toml --out data/derived/deposit.zip
"""
from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

from analysis.io import run, write_bytes_atomic

DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip records: no build's clock in the archive
CRATE_NAME = "ro-crate-metadata.json"


def _rules(folder: Path, base: str) -> list[tuple[str, str, bool]]:
    """The patterns of one .gitignore: (folder they apply under, pattern, directories only)."""
    f = folder / ".gitignore"
    rules = []
    if f.is_file():
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("!"):
                raise ValueError(f"{f}: negated pattern '{line}' is not supported here; list files without it")
            rules.append((base, line.rstrip("/"), line.endswith("/")))
    return rules


def ignored(path: str, is_dir: bool, rules: list[tuple[str, str, bool]]) -> bool:
    """Whether a path (relative, with forward slashes) is ignored by the .gitignore rules that apply to it."""
    for base, pattern, dir_only in rules:
        if dir_only and not is_dir:
            continue
        if base and not path.startswith(base + "/"):
            continue
        local = path[len(base) + 1:] if base else path
        if "/" in pattern.strip("/"):  # anchored to the .gitignore's folder
            if fnmatch.fnmatchcase(local, pattern.lstrip("/")):
                return True
        elif pattern.startswith("/"):
            if fnmatch.fnmatchcase(local, pattern[1:]):
                return True
        elif fnmatch.fnmatchcase(local.rsplit("/", 1)[-1], pattern):
            return True
    return False


def walk(root: Path) -> list[str]:
    """The files under root that its .gitignore files do not ignore, without git (never .git itself)."""
    found, stack = [], [(root, "", _rules(root, ""))]
    while stack:
        folder, rel, rules = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            path = f"{rel}/{entry.name}" if rel else entry.name
            if entry.name == ".git":
                continue
            if entry.is_dir() and not entry.is_symlink():
                if not ignored(path, True, rules):
                    stack.append((entry, path, rules + _rules(entry, path)))
            elif entry.is_file() and not ignored(path, False, rules):
                found.append(path)
    return sorted(found)


def listed_files(root: str | os.PathLike = ".") -> list[str]:
    """The repository's files, as a fresh clone would hold them: git's list where git and a repository are
    there, else the walk (the same list)."""
    root = Path(root)
    git = shutil.which("git")
    if git and (root / ".git").exists():
        r = subprocess.run([git, "ls-files", "-co", "--exclude-standard", "-z"], cwd=root, capture_output=True)
        if r.returncode == 0:  # else not a repository git can read: the walk
            return sorted(f for f in r.stdout.decode("utf-8").split("\0") if f and (root / f).is_file())
    return walk(root)


def archive(entries: list[tuple[str, bytes, bool]], folder: str) -> bytes:
    """A deterministic zip of (name, bytes, executable) entries, all under one folder."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data, executable in sorted(entries):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=DATE)
            info.create_system = 3  # Unix: the mode below is read
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=".")
    ap.add_argument("--crate", required=True, help="the build's run crate, placed at the archive's root")
    ap.add_argument("--pyproject", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    root = Path(a.root)
    with open(a.pyproject, "rb") as f:
        project = tomllib.load(f)["project"]
    files = [f for f in listed_files(root) if f != CRATE_NAME]
    entries = [(f, (root / f).read_bytes(), os.access(root / f, os.X_OK)) for f in files]
    entries.append((CRATE_NAME, Path(a.crate).read_bytes(), False))
    folder = f"{project['name']}-{project['version']}"
    write_bytes_atomic(a.out, archive(entries, folder))
    print(f"{a.out}: {len(entries)} files under {folder}/")
    return 0


if __name__ == "__main__":
    run(main)
