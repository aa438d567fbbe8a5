import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def rehash(descriptor: Path) -> None:
    """Refresh bytes and sha256 in a copied manifest, so a test reaches the schema checks."""
    import hashlib
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    for r in pkg["resources"]:
        p = descriptor.parent / r["path"]
        if p.exists():
            b = p.read_bytes()
            r["bytes"], r["hash"] = len(b), "sha256:" + hashlib.sha256(b).hexdigest()
    descriptor.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")


def copy_data(dst_root: Path) -> Path:
    """Copy data/raw and data/published to dst_root/raw and dst_root/published; return dst_root."""
    for part in ("raw", "published"):
        shutil.copytree(ROOT / "data" / part, dst_root / part)
    return dst_root


@pytest.fixture
def raw_copy(tmp_path):
    """A writable copy of data/raw (tests never touch the real one)."""
    dst = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", dst)
    return dst


@pytest.fixture
def data_copy(tmp_path):
    """Writable copies of data/raw and data/published, as tmp_path/raw and tmp_path/published."""
    return copy_data(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One clean build of all derived data in a copy of the repository (what a fresh clone holds), shared by
    the tests that only read it; a test that changes anything works in its own copy of it."""
    from tests.test_workflow import _copy, _run
    a = _copy(tmp_path_factory.mktemp("build_a"))
    r = _run(a)
    assert r.returncode == 0, r.stderr[-3000:]
    return a
