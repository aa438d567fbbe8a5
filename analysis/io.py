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


def run(main) -> None:
    """Run a step's main() as a command: a bad or unvalidated input ends it with its one-line message."""
    import sys
    try:
        code = main()
    except UnvalidatedInput as err:
        print(err, file=sys.stderr)
        code = 1
    sys.exit(code)
