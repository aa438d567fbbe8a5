"""The environment a build needs, checked before any step runs (the Snakefile's onstart).

Why: a step that meets a bad environment fails deep inside, after other steps have written their outputs,
often with a traceback: a SOURCE_DATE_EPOCH that is not a number stops the figures after five outputs, a
full disk or an output folder that is a file or read-only stops whichever step writes first.  Checked up
front, each is refused with one line that says what to change, and nothing is written.  These checks only
look (no file is written), so a dry run is never changed by them.

Run on its own:  python -m analysis.package.preflight
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import Callable, Mapping

# The folders the build writes; each must be a folder (or not exist yet, under a writable folder).
OUTPUT_FOLDERS = ["data/derived", "data/derived/logs", "data/derived/validated", "data/derived/numbers",
                  "data/derived/figures", "manuscript/_generated", "manuscript/_generated/vi", ".snakemake"]
# A clean build writes about 10 MB (data/derived and manuscript/_generated); the render and Snakemake's own
# records take more: ask for ten times that.
FREE_BYTES_NEEDED = 100 * 2**20
# SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970-01-01 UTC, at most the last second
# of the year 9999 (the last date Python's datetime can hold).
LAST_EPOCH = 253402300799


def source_date_epoch(environ: Mapping[str, str]) -> str | None:
    """The problem with SOURCE_DATE_EPOCH, if it is set and is not a plausible time."""
    value = environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]{1,12}", value) or int(value) > LAST_EPOCH:
        shown = value if len(value) <= 40 else value[:40] + "…"
        return (f"SOURCE_DATE_EPOCH={shown!r} is not a time in whole seconds since 1970-01-01 UTC (for example "
                "1767225600, 2026-01-01): set it to one, or unset it [rule: environment]")
    return None


def _existing_parent(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def folders(root: Path, writable: bool = True) -> str | None:
    """The problem with the first output folder that is not a folder (or creatable in one), or, with
    `writable`, not writable."""
    for name in OUTPUT_FOLDERS:
        path = root / name
        if path.is_symlink() and not path.exists():
            return f"{name} is a link to nothing: remove it [rule: environment]"
        if path.exists() and not path.is_dir():
            return f"{name} is a file, not a folder: move it away or remove it [rule: environment]"
        where = _existing_parent(path)
        if not where.is_dir():
            return (f"{where.relative_to(root).as_posix()} is a file, not a folder, so {name} cannot be made: "
                    "move it away or remove it [rule: environment]")
        if writable and not os.access(where, os.W_OK | os.X_OK):
            shown = "." if where == root else where.relative_to(root).as_posix()
            return (f"{shown} is not writable, and the build writes {name}: make it writable "
                    f"(chmod u+w {shown}) [rule: environment]")
    return None


def free_space(root: Path, usage: Callable = shutil.disk_usage, needed: int = FREE_BYTES_NEEDED) -> str | None:
    """The problem with the disk that holds data/derived, if it has too little free space."""
    where = _existing_parent(root / "data" / "derived")
    try:
        free = usage(where).free
    except OSError:
        return None  # a file system that does not say: the steps will tell
    if free < needed:
        return (f"only {free // 2**20} MB free on the disk that holds data/derived; the build needs about "
                f"{needed // 2**20} MB: free some space [rule: environment]")
    return None


def problems(root: str | os.PathLike = ".", environ: Mapping[str, str] = os.environ,
             usage: Callable = shutil.disk_usage) -> list[str]:
    """Every problem of the environment, each one line; none for a build that can run."""
    root = Path(root).resolve()
    found = [source_date_epoch(environ), folders(root)]
    if found[1] is None:
        found.append(free_space(root, usage))
    return [p for p in found if p]


def layout(root: str | os.PathLike = ".") -> list[str]:
    """The problems that stop every Snakemake command, a dry run too (an output folder that is a file): the
    Snakefile checks these when it is read."""
    found = folders(Path(root).resolve(), writable=False)
    return [found] if found else []


def main(argv: list[str] | None = None) -> int:
    found = problems()
    for line in found:
        print(f"Environment: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
