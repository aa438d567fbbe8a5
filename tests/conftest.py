import functools
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The suite runs two processes at a time on two cores (pytest-xdist), and each process that imports pandas loads
# numpy's BLAS, which starts a thread a core that spin while it loads: one thread each, as Snakemake gives its jobs
# (its shell sets these to the job's threads), for every process the suite starts.  No result depends on it.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def pandoc_elements(tree) -> list[dict]:
    """Every element (a dict with a type, `t`) of a pandoc JSON tree, in document order, nested ones included."""
    out = []

    def walk(x):
        if isinstance(x, dict):
            if "t" in x:
                out.append(x)
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(tree)
    return out


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


def once(tmp_path_factory, name: str, make) -> Path:
    """A folder made once for the whole run, on every xdist worker: the first worker to take the lock makes it
    (`make(folder)`), the others wait for it and read the same folder; a test that changes anything works in its
    own copy of it.  What a killed worker left half-made is made again."""
    import fcntl
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder every worker's temporary folder is in
    root, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the process ends
        if not done.exists():
            if root.exists():
                shutil.rmtree(root)  # a folder a killed worker left half-made
            root.mkdir()
            make(root)
            done.write_text("made\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One clean build of all derived data in a copy of the repository (what a fresh clone holds), shared by
    every test that only reads it, on every xdist worker (`once`)."""
    from tests.test_workflow import _copy, _run

    def build(root):
        r = _run(_copy(root))
        assert r.returncode == 0, r.stderr[-3000:]

    return once(tmp_path_factory, "built", build)


def pytest_collection_modifyitems(items):
    """A test that reads the shared build runs (or waits for) a whole build: it is a `workflow` test, like those
    that build in their own copy, whatever its file says."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.workflow)


# --- Snakemake's command line, without paying for its imports each time -----------------------------------------

_SERVER = r'''
import json, os, sys
for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # numpy (through pandas) starts no thread:
    os.environ[v] = "1"                                                # the server stays one thread, safe to fork
import snakemake.cli, snakemake.api, snakemake.dag, snakemake.persistence  # what `python -m snakemake` imports
import snakemake.profiles, snakemake.storage  # and what its main() imports as it reads the arguments
try:
    import pandas  # and what Snakemake's records import when it is installed (their params' serializer)
except ImportError:
    pass
import importlib
# The plugins, found and imported once: each registry is one object per process (Snakemake's own rule), filled from
# the packages installed where the server's interpreter looks, which a run cannot change.
for kind in ("executor", "logger", "report", "scheduler", "storage"):
    try:
        registry = importlib.import_module(f"snakemake_interface_{kind}_plugins.registry")
        getattr(registry, f"{kind.capitalize()}PluginRegistry")()
    except (ImportError, AttributeError):
        pass
# and what Snakemake imports only as a run goes on (its paths as URIs, its job tables, its retries, its dry run's
# summary): a tenth of a second of each run's processor time
for name in ("smart_open", "requests", "charset_normalizer", "tabulate", "reretry", "argparse_dataclass", "pathspec",
             "appdirs", "wcwidth", "graphlib", "tomllib"):
    try:
        importlib.import_module(name)
    except ImportError:
        pass
for line in sys.stdin:
    req = json.loads(line)
    out, err = (os.open(req[k], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600) for k in ("out", "err"))
    pid = os.fork()
    if pid == 0:  # the child is `python -m snakemake ARGS` in CWD with ENV, its imports already done
        code = 1
        try:
            os.chdir(req["cwd"])
            os.environ.clear()
            os.environ.update(req["env"])
            os.dup2(out, 1)
            os.dup2(err, 2)
            sys.argv = ["snakemake", *req["args"]]
            snakemake.cli.main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            import atexit
            atexit._run_exitfuncs()  # what an ending interpreter runs (Snakemake removes its runtime cache so)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(out)
    os.close(err)
    _, status = os.waitpid(pid, 0)
    print(json.dumps(os.waitstatus_to_exitcode(status)), flush=True)
'''


class Snakemakes:
    """`python -m snakemake ARGS`, each run in a process forked from one that has imported Snakemake (and pandas)
    once: the same `main()` with the same arguments, directory and environment variables, its exit status and its
    stdout and stderr apart, without half a second of imports per run.  What the interpreter reads only as it
    starts (PYTHONPATH, the hash seed) is the server's, that is the suite's; an error message names the program
    `snakemake`, not `__main__.py`.  Every run of the suite, looks and whole builds alike, but those of three tests,
    which are processes of their own: the two that stop a build by signals to its process group (Ctrl-C, kill -9)
    and the rebuild in a network namespace of its own (`unshare`)."""

    def __init__(self, scratch: Path):
        self.scratch, self.proc, self.n = scratch, None, 0

    def run(self, args: list[str], cwd: Path, env: dict | None = None) -> "subprocess.CompletedProcess":
        import subprocess
        import sys
        if not hasattr(os, "fork"):
            return subprocess.run([sys.executable, "-m", "snakemake", *args], cwd=cwd, env=env, capture_output=True,
                                  text=True)
        if self.proc is None or self.proc.poll() is not None:  # the server: one process of one thread
            self.proc = subprocess.Popen([sys.executable, "-c", _SERVER], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)
        self.n += 1
        out, err = (self.scratch / f"snakemake-{self.n}.{k}" for k in ("out", "err"))
        self.proc.stdin.write(json.dumps({"args": args, "cwd": str(cwd), "env": dict(env if env is not None else os.environ),
                                          "out": str(out), "err": str(err)}) + "\n")
        self.proc.stdin.flush()
        code = json.loads(self.proc.stdout.readline())
        texts = [f.read_text(encoding="utf-8", errors="replace") for f in (out, err)]
        out.unlink()
        err.unlink()
        return subprocess.CompletedProcess(["snakemake", *args], code, *texts)

    def close(self):
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


@functools.cache
def _snakemakes() -> Snakemakes:
    """One server per process of the suite, stopped when it ends."""
    import atexit
    import tempfile
    server = Snakemakes(Path(tempfile.mkdtemp(prefix="snakemakes-")))
    atexit.register(lambda: (server.close(), shutil.rmtree(server.scratch, ignore_errors=True)))
    return server


def run_snakemake(args: list[str], cwd: Path, env: dict | None = None) -> "subprocess.CompletedProcess":
    """`python -m snakemake ARGS` in CWD, with ENV or this process's environment, its output captured as text
    (Snakemakes)."""
    return _snakemakes().run(args, cwd, env)
