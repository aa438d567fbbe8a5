"""I/O at the edges: atomic writes, checksums and stable serialisation.

Every derived file is written to a temporary sibling and renamed into place, so
a failed step never leaves a half-written output behind.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported where a CSV is written: the registry and the checks need none of it
    import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def rel(path: str | os.PathLike) -> str:
    """Path relative to the repository root, with forward slashes (stable in outputs)."""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()


def sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def dumps_json(obj: Any) -> str:
    """Deterministic JSON: sorted keys, fixed indentation, UTF-8 kept readable."""
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def write_json(path: str | os.PathLike, obj: Any) -> None:
    write_text_atomic(path, dumps_json(obj))


def read_json(path: str | os.PathLike) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_csv_rows(path: str | os.PathLike) -> list[dict]:
    """A CSV file's rows as dicts of text, exactly as written (no type guessing)."""
    import csv
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: str | os.PathLike, df: "pd.DataFrame") -> None:
    """CSV with '\\n' line ends and a fixed float format, so reruns are byte-identical."""
    text = df.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    write_text_atomic(path, text)


class UnvalidatedInput(Exception):
    """A step was handed a file that no input check validated, or that changed since."""


def require_validated(paths: list[str | os.PathLike], reports: list[str | os.PathLike]) -> dict[str, str]:
    """{path: sha256} of the files a step reads, each checked against the input-check reports.

    A step reads only what its rule passes it; this makes sure each of those files was
    validated, in the very bytes the step is about to read."""
    checked = {}
    for report in reports:
        for package in read_json(report)["validated"]:
            for r in package["resources"]:
                checked[r["path"]] = r["sha256"]
    out = {}
    for p in paths:
        name = rel(p)
        if name not in checked:
            raise UnvalidatedInput(f"{name}: not validated by any input check ({', '.join(map(rel, reports))}) "
                                   "[rule: validated input]")
        digest = sha256(p)
        if digest != checked[name]:
            raise UnvalidatedInput(f"{name}: changed since it was validated (sha256 {digest}, checked "
                                   f"{checked[name]}) [rule: validated input]")
        out[name] = digest
    return out


# --- content, not time ----------------------------------------------------------------------------
# Whether a step must run again is Snakemake's decision: each rule's `params` carries the sha256 of every
# file it reads (`fingerprint`, below), and Snakemake reruns a job whose recorded params differ from the
# current ones, whatever the files' timestamps say (an edit that kept an old timestamp, `cp -p`, an
# unpacked archive); a dry run only reports it.  What Snakemake does not record is the checksum of an
# output as its job wrote it: a step prints those, in `sha256sum` form, at the end of its log (the
# rule's `log:`, which Snakemake keeps beside the product), and a step that reads another step's
# product refuses one that no longer has them (a file edited by hand, or copied from elsewhere).  A log
# that cannot be read, or holds no such lines, is no record: nothing is refused on it.  The workflow
# passes the step its log and the rule's files in the environment (STEP_LOG, STEP_INPUTS, STEP_OUTPUTS:
# see the Snakefile's step()); run by hand, a step records and checks nothing.

_DIGEST_CACHE: dict[tuple, str] = {}


def digests(paths) -> dict[str, str | None]:
    """{path: sha256, or None for a path that is not a file}, for a rule's `params`.  A file is hashed once
    per process while its size, times and inode stay the same (an edit changes its ctime, whatever it does
    to its mtime)."""
    out = {}
    for p in sorted({str(p) for p in paths}):
        try:
            st = os.stat(p)
        except OSError:
            out[p] = None
            continue
        if not os.path.isfile(p):
            out[p] = None
            continue
        key = (p, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        if key not in _DIGEST_CACHE:
            _DIGEST_CACHE[key] = sha256(p)
        out[p] = _DIGEST_CACHE[key]
    return out


def fingerprint(paths) -> str:
    """One line for a rule's `params`: the sha256 of its files' paths and digests (`digests`), and their count."""
    found = digests(paths)
    h = hashlib.sha256("\n".join(f"{p}\t{d}" for p, d in found.items()).encode("utf-8")).hexdigest()
    return f"sha256 of {len(found)} files read: {h}"


def _paths(var: str) -> list[str]:
    return [p for p in os.environ.get(var, "").split("\n") if p]


_RECORD_HEAD = "# the outputs as this step wrote them (sha256sum -c checks them):"
_RECORD_LINE = re.compile(r"^([0-9a-f]{64})  (\S.*)$")


def record_outputs(outputs: list[str]) -> str:
    """The lines a step prints at the end of its log: each output's sha256, as `sha256sum` prints it."""
    return "\n".join([_RECORD_HEAD, *(f"{sha256(p)}  {p}" for p in outputs if os.path.isfile(p))]) + "\n"


def recorded_products(log_dir: str | os.PathLike) -> dict[str, tuple[str, str]]:
    """{product path: (sha256 its step recorded, rule)} from the logs in `log_dir` (each named as its rule).
    Anything that cannot be read as such a record (a folder, binary, a half-written log) is no record."""
    out = {}
    try:
        logs = sorted(Path(log_dir).glob("*.log"))
    except OSError:
        return out
    for log in logs:
        try:
            text = log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if _RECORD_HEAD not in text:
            continue
        for line in text.split(_RECORD_HEAD, 1)[1].splitlines():
            m = _RECORD_LINE.match(line)
            if m:
                out[m.group(2)] = (m.group(1), log.stem)
    return out


def verify_products(inputs: list[str], log_dir: str | os.PathLike) -> None:
    """Refuse an input that another step wrote, unless it still has the checksum that step recorded."""
    products = recorded_products(log_dir)
    for p in inputs:
        if p in products and os.path.isfile(p) and sha256(p) != products[p][0]:
            raise UnvalidatedInput(f"{p}: not the file rule {products[p][1]} wrote (sha256 {sha256(p)}, written "
                                   f"{products[p][0]}): edited by hand, or copied from elsewhere; remove it, or run "
                                   f"`snakemake -c2 --forcerun {products[p][1]}`, to rebuild it "
                                   "[rule: product checksum]")


def remove_orphans(folder: str | os.PathLike, written: list[str]) -> list[str]:
    """Remove every file under `folder` that no rule writes (a part an older build wrote under another name):
    the render reads, stages and digests every file there, so a leftover would reach it."""
    keep = {Path(f).as_posix() for f in written}
    removed = []
    for f in sorted(Path(folder).rglob("*")) if Path(folder).is_dir() else []:
        if f.is_file() and f.as_posix() not in keep:
            f.unlink()
            removed.append(f.as_posix())
    return removed


def run(main) -> None:
    """Run a step's main() as a command: a bad or unvalidated input ends it with its one-line message.
    Run by the workflow (STEP_LOG set), the step first checks the products it reads against their
    writers' records, and once it has succeeded prints its own outputs' checksums into its log."""
    import sys
    log = os.environ.get("STEP_LOG")
    try:
        if log:
            verify_products(_paths("STEP_INPUTS"), Path(log).parent)
        if os.environ.get("STEP_FOLDER"):  # the step that writes a folder the render reads whole
            for f in remove_orphans(os.environ["STEP_FOLDER"], _paths("STEP_FOLDER_FILES")):
                print(f"{f}: no rule writes it (left by an older build); removed, since the render reads every "
                      "file there", file=sys.stderr)
        code = main()
        if log and code in (0, None):
            sys.stdout.write(record_outputs(_paths("STEP_OUTPUTS")))
            sys.stdout.flush()
    except UnvalidatedInput as err:
        print(err, file=sys.stderr)
        code = 1
    sys.exit(code)


# A pinned requirement of a lock in pip-compile's form: name==version, an environment marker after ';' where the
# pin holds only for some Pythons or platforms, and the line's continuation backslash.
LOCK_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]*?))?\s*\\?$", re.M)


def lock_pins(text: str, python: str) -> dict[str, str]:
    """{name: version} that a requirements lock pins for CPython `python` (e.g. "3.11") on Linux x86-64: a package
    pinned apart for other Pythons carries markers, and only the pin whose marker holds is kept."""
    from packaging.markers import Marker

    env = {"python_version": python, "python_full_version": python + ".0", "sys_platform": "linux",
           "platform_system": "Linux", "platform_python_implementation": "CPython", "implementation_name": "cpython",
           "os_name": "posix", "platform_machine": "x86_64"}
    return {m.group(1): m.group(2) for m in LOCK_PIN.finditer(text)
            if not m.group(3) or Marker(m.group(3)).evaluate(env)}
