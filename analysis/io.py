"""I/O at the edges: atomic writes, checksums and stable serialisation.

Every derived file is written to a temporary sibling and renamed into place, so
a failed step never leaves a half-written output behind.
"""
from __future__ import annotations

import hashlib
import json
import os
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
# Each step of the workflow records, in a stamp (.snakemake/stamps/<rule>.json), the sha256 of every
# file its rule names as input (data, code, products of other steps), read before it ran, and of every
# output it wrote.  A step refuses a product of another step that no longer has the checksum its writer
# recorded (a hand-edited or foreign file), and the Snakefile, when it is read, reruns every step whose
# outputs or inputs differ from its stamp, whatever the files' timestamps say (`stale_steps`).  The
# workflow passes the stamp's path and the rule's files in the environment (STEP_STAMP, STEP_INPUTS,
# STEP_OUTPUTS: see the Snakefile's step()); run by hand, a step records nothing.

def _paths(var: str) -> list[str]:
    return [p for p in os.environ.get(var, "").split("\n") if p]


def _digests(paths, cache: dict | None = None) -> dict[str, str | None]:
    """{path: sha256, or None for a file that does not exist}."""
    cache = {} if cache is None else cache
    for p in paths:
        if p not in cache:
            cache[p] = sha256(p) if os.path.isfile(p) else None
    return {p: cache[p] for p in paths}


def recorded_products(stamp_dir: str | os.PathLike) -> dict[str, tuple[str, str]]:
    """{product path: (sha256 its writer recorded, rule)} from every stamp in `stamp_dir`."""
    out = {}
    d = Path(stamp_dir)
    for stamp in sorted(d.glob("*.json")) if d.is_dir() else []:
        try:
            rec = read_json(stamp)
        except (OSError, ValueError):
            continue
        for path, digest in rec.get("outputs", {}).items():
            out[path] = (digest, stamp.stem)
    return out


def verify_products(inputs: list[str], stamp_dir: str | os.PathLike, digests: dict[str, str | None]) -> None:
    """Refuse an input that another step wrote, unless it still has the checksum that step recorded."""
    products = recorded_products(stamp_dir)
    for p in inputs:
        if p in products and digests.get(p) != products[p][0]:
            raise UnvalidatedInput(f"{p}: changed since rule {products[p][1]} wrote it (sha256 {digests.get(p)}, "
                                   f"written {products[p][0]}); run the workflow again to rebuild it "
                                   "[rule: product checksum]")


def write_stamp(stamp: str | os.PathLike, inputs: dict[str, str | None], outputs: list[str]) -> None:
    write_json(stamp, {"inputs": inputs, "outputs": _digests(outputs)})


def stale_steps(steps: dict[str, tuple[list[str], list[str]]], stamp_dir: str | os.PathLike) -> dict[str, str]:
    """{rule: why it must run again} for every rule whose outputs all exist but do not agree with its
    stamp: no stamp, an output that is not the file the rule wrote, or an input whose content is not
    the one the rule read.  `steps` maps each rule to its (inputs, outputs)."""
    cache: dict = {}
    stale = {}
    for rule, (inputs, outputs) in steps.items():
        now = _digests(outputs, cache)
        if not outputs or any(v is None for v in now.values()):
            continue  # Snakemake builds what is missing
        stamp = Path(stamp_dir) / f"{rule}.json"
        try:
            rec = read_json(stamp)
        except (OSError, ValueError):
            stale[rule] = f"{outputs[0]}: no record of the inputs it was made from"
            continue
        changed = [p for p, d in now.items() if rec.get("outputs", {}).get(p) != d]
        if changed:
            stale[rule] = f"{changed[0]}: not the file rule {rule} wrote (edited by hand, or from elsewhere)"
            continue
        read = _digests(inputs, cache)
        changed = [p for p, d in read.items() if rec.get("inputs", {}).get(p) != d]
        if changed:
            stale[rule] = f"{changed[0]}: changed since rule {rule} read it"
    return stale


def run(main) -> None:
    """Run a step's main() as a command: a bad or unvalidated input ends it with its one-line message.
    Run by the workflow (STEP_STAMP set), the step first checks the products it reads against their
    writers' stamps, and records its own stamp once it has succeeded."""
    import sys
    stamp = os.environ.get("STEP_STAMP")
    try:
        if stamp:
            inputs = _paths("STEP_INPUTS")
            read = _digests(inputs)
            verify_products(inputs, Path(stamp).parent, read)
        code = main()
        if stamp and code in (0, None):
            write_stamp(stamp, read, _paths("STEP_OUTPUTS"))
    except UnvalidatedInput as err:
        print(err, file=sys.stderr)
        code = 1
    sys.exit(code)
