"""The deposit archive: the zip a journal's repository (openICPSR, Zenodo, WorkflowHub) takes, made by one
command, `snakemake -c2 deposit` (data/derived/<name>-<version>.crate.zip).

It is a Workflow RO-Crate as WorkflowHub takes one: a zip named `.crate.zip` with `ro-crate-metadata.json`
directly at its root (no top folder), so that the archive itself is the crate's root.  It holds the
package's tracked files only (those `git ls-files` lists: code, inputs, the manuscript's sources, the shipped
render in docs/, README, CITATION.cff, LICENSE, pyproject.toml, requirements.lock, the tests) and the crate,
which lists every one of them with its size and sha256 and describes the build's run; the build's products
(data/derived/, manuscript/_generated/) are not in it, and the crate names them only as what the run made
and the README's command makes again.

Without .git (an unpacked archive, a copy), the files are those the repository's .gitignore files do not
ignore, read by pathspec's implementation of git's rules.  Whatever lists them, a file whose name a zip
reader could misread (an absolute path, a `..` part, a backslash, a control character) refuses the whole
archive in one line; a symbolic link is followed only to a file inside the tree, one pointing outside is
left out with a note; a file named like a credential (.env, id_rsa, credentials.json, ...) refuses it.
The zip is deterministic: entries sorted, each with a fixed date and a mode that keeps only the executable
bit.

    python -m analysis.package.deposit --root . --crate ro-crate-metadata.json --out data/derived/x.crate.zip
"""
from __future__ import annotations

import argparse
import fnmatch
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

from analysis.io import dumps_json, run, write_bytes_atomic

DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip records: no build's clock in the archive
CRATE_NAME = "ro-crate-metadata.json"
# Names that hold secrets, not research: never deposited, whatever lists them (.gitignore ignores them too).
SECRETS = (".env", ".env.*", "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*", "*.pem", "*.key", "*.p12",
           "*.pfx", "credentials.json", "credentials", ".netrc", ".pypirc", ".git-credentials", "*.kdbx")


class Refused(Exception):
    """A file the archive cannot hold: the deposit stops with this one line."""


# --- which files --------------------------------------------------------------------------------------

def _spec(folder: Path):
    """The patterns of one .gitignore, as git reads them (pathspec's GitIgnoreSpec), or None."""
    from pathspec import GitIgnoreSpec
    f = folder / ".gitignore"
    if not f.is_file():
        return None
    try:
        return GitIgnoreSpec.from_lines(f.read_text(encoding="utf-8").splitlines())
    except (UnicodeDecodeError, ValueError) as err:
        raise Refused(f"{f}: not a .gitignore git would read ({err}); fix it or deposit from a git checkout") from None


def _ignored(path: str, is_dir: bool, specs: list[tuple[str, object]]) -> bool:
    """Whether git would ignore a path (relative, forward slashes): the last pattern that matches it, in
    the .gitignore files from the root down to its folder, decides (a negation `!x` re-includes)."""
    verdict = False
    for base, spec in specs:
        local = path[len(base) + 1:] if base else path
        result = spec.check_file(local + "/" if is_dir else local)
        if result.include is not None:
            verdict = result.include
    return verdict


def walk(root: Path) -> list[str]:
    """The files under root that its .gitignore files do not ignore, without git (never .git itself); an
    ignored folder is not entered, as git does not.  Symbolic links are listed as they are (see members())."""
    root = Path(root)
    found = []
    top = _spec(root)
    stack = [(root, "", [("", top)] if top else [])]
    while stack:
        folder, rel, specs = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            path = f"{rel}/{entry.name}" if rel else entry.name
            if entry.name == ".git":
                continue
            if entry.is_dir() and not entry.is_symlink():
                if not _ignored(path, True, specs):
                    inner = _spec(entry)
                    stack.append((entry, path, specs + ([(path, inner)] if inner else [])))
            elif (entry.is_file() or entry.is_symlink()) and not _ignored(path, False, specs):
                found.append(path)
    return sorted(found)


def _git_files(root: Path, *options: str) -> list[str] | None:
    git = shutil.which("git")
    if not (git and (root / ".git").exists()):
        return None
    r = subprocess.run([git, "-c", "core.quotePath=off", "ls-files", "-z", *options], cwd=root, capture_output=True)
    if r.returncode != 0:  # not a repository git can read: the walk
        return None
    return sorted(f for f in r.stdout.decode("utf-8", "surrogateescape").split("\0") if f)


def listed_files(root: str | os.PathLike = ".") -> list[str]:
    """The files a copy of the package takes (the benchmark's and the tests' copies): git's tracked and
    untracked-but-not-ignored files where git and a repository are there (so that a change not yet
    committed is tested), else the walk."""
    root = Path(root)
    files = _git_files(root, "-co", "--exclude-standard")
    files = walk(root) if files is None else files
    inside = root.resolve()  # a copy never takes a file through a link out of the tree
    return [f for f in files if (root / f).is_file() and (root / f).resolve().is_relative_to(inside)]


def tracked_files(root: str | os.PathLike = ".") -> list[str]:
    """The package's own files, as a fresh clone holds them: git's tracked files, else (no .git) the walk.
    The deposit and the crate list these."""
    root = Path(root)
    files = _git_files(root)
    return files if files is not None else walk(root)


def check_name(name: str) -> None:
    """A member name every zip reader reads as the same relative path: refused otherwise."""
    parts = name.split("/")
    if (not name or name.startswith("/") or "\\" in name or ":" in parts[0] or ".." in parts or "." in parts
            or "" in parts or any(unicodedata.category(c)[0] == "C" for c in name)):
        raise Refused(f"{name!r}: a file name a zip reader could read as another path (absolute, '..', a "
                      "backslash or a control character); rename it, the archive holds only plain relative names")


def members(root: Path, files: list[str]) -> tuple[list[tuple[str, Path]], list[str]]:
    """(name, file to read) of each file the archive takes, and a note for each left out: a symbolic link
    is read only when it resolves to a file inside the tree; a name like a credential's refuses the archive."""
    root = Path(root).resolve()
    kept, notes = [], []
    for f in files:
        check_name(f)
        if any(fnmatch.fnmatchcase(Path(f).name, p) for p in SECRETS):
            raise Refused(f"{f}: named like a credential, never deposited; move it out of the package "
                          "(.gitignore ignores such names)")
        p = root / f
        if p.is_symlink():
            target = p.resolve()
            if not target.is_relative_to(root):
                notes.append(f"{f}: left out, a symbolic link to a file outside the package")
                continue
            if not target.is_file():
                notes.append(f"{f}: left out, a symbolic link to no file of the package")
                continue
        if not p.is_file():
            notes.append(f"{f}: left out, not a file")
            continue
        kept.append((f, p))
    return kept, notes


# --- the crate of the archive ------------------------------------------------------------------------

def _refs(value) -> list[dict]:
    return value if isinstance(value, list) else [value] if value else []


def deposit_crate(build: dict, contents: dict[str, bytes]) -> dict:
    """The build's crate (ro-crate-metadata.json at the repository's root) as the archive holds it: every
    file of the archive as a data entity with the size and sha256 of the bytes archived; what the build
    made and the archive does not hold (its products) kept only as the run's results, under local ids
    ('#product-<path>'), with their checksums and how to make them again; nothing listed that is absent."""
    graph = {n["@id"]: n for n in build["@graph"]}
    root = graph["./"]
    files = {r["@id"] for r in _refs(root.get("hasPart"))}
    renamed = {}
    for fid in sorted(files - set(_quoted(contents))):
        node = graph.pop(fid)
        new = "#product-" + fid
        renamed[fid] = new
        graph[new] = {**{k: v for k, v in node.items() if k != "@type"}, "@id": new, "@type": "CreativeWork",
                      "identifier": _unquote(fid),
                      "description": f"{_unquote(fid)}: made by the build, not in the archive; the README's build "
                                     "command makes it again in these bytes (sha256)"}
    for name, data in contents.items():
        fid = _quote(name)
        node = graph.get(fid) or {"@id": fid, "@type": "File", "name": Path(name).name}
        node["contentSize"] = str(len(data))
        node["sha256"] = hashlib.sha256(data).hexdigest()
        graph[fid] = node
    for node in graph.values():
        for key, value in list(node.items()):
            if isinstance(value, dict) and value.get("@id") in renamed:
                node[key] = {"@id": renamed[value["@id"]]}
            elif isinstance(value, list):
                node[key] = [{"@id": renamed[v["@id"]]} if isinstance(v, dict) and v.get("@id") in renamed else v
                             for v in value]
    graph["./"]["hasPart"] = [{"@id": _quote(n)} for n in sorted(contents)]
    order = [n["@id"] for n in build["@graph"]]
    nodes = [graph[renamed.get(i, i)] for i in order if renamed.get(i, i) in graph]
    nodes += [graph[i] for i in sorted(set(graph) - {n["@id"] for n in nodes})]
    return {**build, "@graph": nodes}


def _quote(path: str) -> str:
    from urllib.parse import quote
    return quote(path)


def _quoted(contents: dict) -> set[str]:
    return {_quote(n) for n in contents}


def _unquote(fid: str) -> str:
    from urllib.parse import unquote
    return unquote(fid)


# --- the zip -------------------------------------------------------------------------------------------

def archive(entries: list[tuple[str, bytes, bool]]) -> bytes:
    """A deterministic zip of (name, bytes, executable) entries, at the archive's root."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data, executable in sorted(entries):
            check_name(name)
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.create_system = 3  # Unix: the mode below is read
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def build_archive(root: Path, crate_path: Path) -> tuple[bytes, list[str], int]:
    """(the zip, the notes on files left out, the number of files)."""
    files = [f for f in tracked_files(root) if f != CRATE_NAME]
    kept, notes = members(root, files)
    contents = {name: p.read_bytes() for name, p in kept}
    build = json.loads(Path(crate_path).read_text(encoding="utf-8"))
    crate = deposit_crate(build, contents)
    entries = [(name, data, os.access(root / name, os.X_OK)) for name, data in contents.items()]
    entries.append((CRATE_NAME, dumps_json(crate).encode("utf-8"), False))
    return archive(entries), notes, len(entries)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=".")
    ap.add_argument("--crate", required=True, help="the build's run crate (ro-crate-metadata.json at the root)")
    ap.add_argument("--out", required=True, help="the archive, named <name>-<version>.crate.zip")
    a = ap.parse_args(argv)
    try:
        data, notes, count = build_archive(Path(a.root), Path(a.crate))
    except Refused as err:
        print(f"deposit refused: {err}", file=sys.stderr)
        return 1
    for note in notes:
        print(note, file=sys.stderr)
    write_bytes_atomic(a.out, data)
    print(f"{a.out}: {count} files, the crate at the root")
    return 0


if __name__ == "__main__":
    run(main)
