"""The Quarto installer, offline: archives come from tmp_path or a loopback server, never GitHub.

Why: the README's one-line setup runs this step; it must install a verified Quarto when it
can, refuse a tampered or unsafe archive without leaving anything behind, and never stop
the setup (or hang) when Quarto cannot be downloaded.
"""
from __future__ import annotations

import functools
import hashlib
import http.server
import io
import os
import re
import socket
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import pytest

from analysis.package import install_quarto as iq

ROOT = Path(__file__).resolve().parent.parent
FAKE_QUARTO = b"#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo 1.7.34; fi\n"

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the fake quarto is a POSIX shell script")


def make_archive(path: Path, members: dict[str, bytes], top: str | None = "quarto-1.7.34") -> Path:
    """A tiny tar.gz laid out like the Linux release: quarto-1.7.34/bin/quarto (executable)."""
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(f"{top}/{name}" if top else name)
            info.size, info.mode = len(data), 0o755
            tar.addfile(info, io.BytesIO(data))
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def archive(tmp_path):
    """The test archive, its sha256, and the folder it sits in (served over loopback)."""
    d = tmp_path / "serve"
    d.mkdir()
    a = make_archive(d / "quarto-1.7.34-linux-amd64.tar.gz",
                     {"bin/quarto": FAKE_QUARTO, "share/version": b"1.7.34\n"})
    return a, sha(a)


@pytest.fixture
def prefix(tmp_path):
    """A stand-in venv (never the real .venv)."""
    p = tmp_path / "venv"
    (p / "bin").mkdir(parents=True)
    return p


@pytest.fixture(autouse=True)
def clean_env(tmp_path, monkeypatch):
    """No quarto on PATH, no overrides or proxies from the caller's shell: tests see only what they set."""
    empty = tmp_path / "emptypath"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for var in ("QUARTO_ARCHIVE_URL", "QUARTO_ARCHIVE_SHA256", "http_proxy", "HTTP_PROXY",
                "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def server(archive):
    """An http.server on 127.0.0.1 serving the archive's folder, in a thread, stopped at the end."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(archive[0].parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    t.join(timeout=5)


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nothing_installed(prefix: Path) -> bool:
    opt = prefix / "opt"
    return (not opt.exists() or not any(opt.iterdir())) and not os.path.lexists(prefix / "bin" / "quarto")


def version_of(exe: Path) -> str:
    return subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=30).stdout.strip()


def test_installs_from_loopback_server(archive, server, prefix, capsys):
    a, digest = archive
    url = f"http://127.0.0.1:{server.server_address[1]}/{a.name}"
    assert iq.main(["--prefix", str(prefix), "--url", url, "--sha256", digest, "--strict"]) == 0
    exe = prefix / "bin" / "quarto"
    assert exe.is_symlink() and not os.path.isabs(os.readlink(exe))
    assert exe.resolve() == (prefix / "opt" / "quarto-1.7.34" / "bin" / "quarto").resolve()
    assert version_of(exe) == "1.7.34"
    assert (prefix / "opt" / "quarto-1.7.34" / "share" / "version").is_file()
    assert [p.name for p in (prefix / "opt").iterdir()] == ["quarto-1.7.34"]  # no temp file or staging left
    assert "Installed Quarto 1.7.34" in capsys.readouterr().out


def test_installs_from_local_path_and_file_url(archive, tmp_path):
    a, digest = archive
    for i, url in enumerate([str(a), a.as_uri()]):
        p = tmp_path / f"venv{i}"
        assert iq.main(["--prefix", str(p), "--url", url, "--sha256", digest, "--strict"]) == 0
        assert version_of(p / "bin" / "quarto") == "1.7.34"


def test_env_vars_override_url_and_checksum(archive, prefix, monkeypatch):
    a, digest = archive
    monkeypatch.setenv("QUARTO_ARCHIVE_URL", str(a))
    monkeypatch.setenv("QUARTO_ARCHIVE_SHA256", digest)
    assert iq.main(["--prefix", str(prefix), "--strict"]) == 0
    assert version_of(prefix / "bin" / "quarto") == "1.7.34"


def test_archive_without_top_folder_installs(tmp_path, prefix):
    """The macOS archive may hold bin/ and share/ at its root; both layouts end in opt/quarto-1.7.34."""
    a = make_archive(tmp_path / "flat.tar.gz", {"bin/quarto": FAKE_QUARTO, "share/x": b""}, top=None)
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", sha(a), "--strict"]) == 0
    assert version_of(prefix / "bin" / "quarto") == "1.7.34"


def test_checksum_mismatch_is_refused_and_leaves_nothing(archive, server, prefix, capsys):
    a, digest = archive
    url = f"http://127.0.0.1:{server.server_address[1]}/{a.name}"
    wrong = "0" * 64
    assert iq.main(["--prefix", str(prefix), "--url", url, "--sha256", wrong]) == 0  # setup goes on
    err = capsys.readouterr().err
    assert err.startswith("Quarto not installed: checksum mismatch")
    assert wrong in err and digest in err and len(err.strip().splitlines()) == 1
    assert nothing_installed(prefix)
    assert iq.main(["--prefix", str(prefix), "--url", url, "--sha256", wrong, "--strict"]) == 1
    assert nothing_installed(prefix)


def test_pinned_checksum_is_used_without_override(archive, prefix, capsys, monkeypatch):
    """Without --sha256 the module's pinned value applies, so a test archive is refused."""
    monkeypatch.setattr(iq, "platform_key", lambda: "linux-amd64")
    assert iq.main(["--prefix", str(prefix), "--url", str(archive[0]), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "checksum mismatch" in err and iq.PINNED["linux-amd64"][1] in err
    assert nothing_installed(prefix)


def test_offline_gives_one_line_and_exit_0(prefix, capsys):
    url = f"http://127.0.0.1:{closed_port()}/x.tar.gz"
    assert iq.main(["--prefix", str(prefix), "--url", url, "--sha256", "a" * 64]) == 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"Quarto not installed: cannot download {url} (")
    assert "https://quarto.org/docs/get-started/" in err and "docs/" in err
    assert nothing_installed(prefix)
    assert iq.main(["--prefix", str(prefix), "--url", url, "--sha256", "a" * 64, "--strict"]) == 1


def test_missing_file_on_server_is_a_download_failure(server, prefix, capsys):
    url = f"http://127.0.0.1:{server.server_address[1]}/missing.tar.gz"
    assert iq.main(["--prefix", str(prefix), "--url", url, "--sha256", "a" * 64, "--strict"]) == 1
    assert "HTTP 404" in capsys.readouterr().err
    assert nothing_installed(prefix)


def test_stalled_server_times_out(prefix, capsys, monkeypatch):
    """A host that accepts but never answers must not hang the setup."""
    monkeypatch.setattr(iq, "TIMEOUT", 0.5)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)  # connections queue up, nothing is ever sent
        url = f"http://127.0.0.1:{s.getsockname()[1]}/x.tar.gz"
        assert iq.main(["--prefix", str(prefix), "--url", url, "--sha256", "a" * 64, "--strict"]) == 1
    assert "cannot download" in capsys.readouterr().err
    assert nothing_installed(prefix)


@pytest.mark.parametrize("bad", ["../evil", "quarto-1.7.34/../../evil", "/tmp/evil"])
def test_path_traversal_is_refused(tmp_path, prefix, capsys, bad):
    a = tmp_path / "evil.tar.gz"
    with tarfile.open(a, "w:gz") as tar:
        for name, data in [("quarto-1.7.34/bin/quarto", FAKE_QUARTO), (bad, b"pwned")]:
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o755
            tar.addfile(info, io.BytesIO(data))
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", sha(a), "--strict"]) == 1
    assert "unsafe archive" in capsys.readouterr().err
    assert nothing_installed(prefix)
    assert not (tmp_path / "evil").exists() and not (prefix / "evil").exists()


def test_symlink_escaping_the_archive_is_refused(tmp_path, prefix, capsys):
    a = tmp_path / "link.tar.gz"
    with tarfile.open(a, "w:gz") as tar:
        info = tarfile.TarInfo("quarto-1.7.34/bin/quarto")
        info.size, info.mode = len(FAKE_QUARTO), 0o755
        tar.addfile(info, io.BytesIO(FAKE_QUARTO))
        link = tarfile.TarInfo("quarto-1.7.34/share/out")
        link.type, link.linkname = tarfile.SYMTYPE, "../../../outside"
        tar.addfile(link)
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", sha(a), "--strict"]) == 1
    assert "unsafe archive" in capsys.readouterr().err
    assert nothing_installed(prefix)


def test_broken_or_wrong_archive_leaves_nothing(tmp_path, prefix, capsys):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive at all")
    no_bin = make_archive(tmp_path / "nobin.tar.gz", {"share/x": b""})
    for a in (junk, no_bin):
        assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", sha(a), "--strict"]) == 1
        assert nothing_installed(prefix)
    err = capsys.readouterr().err
    assert "neither a .tar.gz nor a .zip" in err and "no bin/quarto" in err


def test_existing_quarto_on_path_is_used_and_nothing_downloaded(tmp_path, prefix, capsys, monkeypatch):
    fake_bin = tmp_path / "fakebin"
    fake_bin.mkdir()
    (fake_bin / "quarto").write_bytes(b"#!/bin/sh\necho 1.8.1\n")
    (fake_bin / "quarto").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake_bin) + os.pathsep + os.environ["PATH"])
    calls = []
    monkeypatch.setattr(iq, "download", lambda *a, **k: calls.append(a))
    url = f"http://127.0.0.1:{closed_port()}/x.tar.gz"
    assert iq.main(["--prefix", str(prefix), "--url", url, "--sha256", "a" * 64, "--strict"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "already available" in out and str(fake_bin / "quarto") in out
    assert calls == [] and nothing_installed(prefix)


def test_old_quarto_on_path_does_not_count(tmp_path, archive, prefix, monkeypatch):
    fake_bin = tmp_path / "fakebin"
    fake_bin.mkdir()
    (fake_bin / "quarto").write_bytes(b"#!/bin/sh\necho 1.6.42\n")
    (fake_bin / "quarto").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake_bin))
    a, digest = archive
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", digest, "--strict"]) == 0
    assert version_of(prefix / "bin" / "quarto") == "1.7.34"


def test_second_run_finds_the_venv_quarto(archive, prefix, capsys, monkeypatch):
    a, digest = archive
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", digest, "--strict"]) == 0
    monkeypatch.setattr(iq, "download", lambda *a, **k: pytest.fail("downloaded again"))
    assert iq.main(["--prefix", str(prefix), "--strict"]) == 0
    assert "already available" in capsys.readouterr().out
    (prefix / "bin" / "quarto").unlink()  # the link lost, the unpacked folder kept: relink only
    assert iq.main(["--prefix", str(prefix), "--strict"]) == 0
    assert version_of(prefix / "bin" / "quarto") == "1.7.34"


def test_pinned_table_is_well_formed():
    assert {"linux-amd64", "linux-arm64"} <= set(iq.PINNED)
    for key, (filename, digest) in iq.PINNED.items():
        assert re.fullmatch(r"[0-9a-f]{64}", digest), key
        ext = ".zip" if key == "win" else ".tar.gz"
        assert filename == f"quarto-{iq.VERSION}-{key}{ext}"
    assert len({d for _, d in iq.PINNED.values()}) == len(iq.PINNED)
    assert iq.VERSION == "1.7.34" and iq.BASE_URL.endswith("/v1.7.34/")


@pytest.mark.parametrize("system,machine,key", [
    ("Linux", "x86_64", "linux-amd64"),
    ("Linux", "AMD64", "linux-amd64"),
    ("Linux", "aarch64", "linux-arm64"),
    ("Linux", "arm64", "linux-arm64"),
    ("Linux", "armv7l", None),
    ("Linux", "ppc64le", None),
    ("Darwin", "arm64", "macos"),
    ("Darwin", "x86_64", "macos"),
    ("Windows", "AMD64", "win"),
    ("FreeBSD", "amd64", None),
])
def test_platform_detection(system, machine, key, monkeypatch):
    assert iq.platform_key(system, machine) == key
    monkeypatch.setattr(iq.platform, "system", lambda: system)
    monkeypatch.setattr(iq.platform, "machine", lambda: machine)
    assert iq.platform_key() == key


def test_unsupported_platform_says_how_to_install_by_hand(prefix, capsys, monkeypatch):
    monkeypatch.setattr(iq.platform, "system", lambda: "Windows")
    monkeypatch.setattr(iq.platform, "machine", lambda: "AMD64")
    assert iq.main(["--prefix", str(prefix)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("Quarto not installed: no pinned Quarto 1.7.34 archive for this platform")
    assert "https://quarto.org/docs/get-started/" in err and nothing_installed(prefix)


def test_runs_as_module(archive, prefix):
    """The README runs it as `python -m analysis.package.install_quarto`."""
    a, digest = archive
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "analysis.package.install_quarto", "--prefix", str(prefix), "--url", str(a)]
    bad = subprocess.run(cmd + ["--sha256", "b" * 64], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 0 and bad.stderr.startswith("Quarto not installed: checksum mismatch")
    ok = subprocess.run(cmd + ["--sha256", digest, "--strict"], cwd=ROOT, env=env,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert version_of(prefix / "bin" / "quarto") == "1.7.34"


# --- limits on every path: local files, devices, FIFOs, unpacked size, members; leftovers ----------------

def _refused_quickly(prefix: Path, url: str, timeout: float = 30) -> str:
    """Run the installer as the setup does, in its own process (so a hang fails the test instead of
    blocking it); return its one line on stderr."""
    r = subprocess.run([sys.executable, "-m", "analysis.package.install_quarto", "--prefix", str(prefix), "--url", url,
                        "--sha256", "a" * 64, "--strict"], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 1, r.stdout + r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    return r.stderr


def test_a_fifo_is_refused_at_once_instead_of_hanging(tmp_path, prefix):
    fifo = tmp_path / "quarto.tar.gz"
    os.mkfifo(fifo)  # nobody ever writes to it: reading it would block forever
    err = _refused_quickly(prefix, str(fifo))
    assert "is not a regular file" in err and str(fifo) in err
    assert nothing_installed(prefix)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_instead_of_filling_the_disk(prefix):
    err = _refused_quickly(prefix, "/dev/zero")
    assert "is not a regular file" in err
    assert nothing_installed(prefix)


def test_a_local_archive_over_the_size_limit_is_refused(archive, prefix, capsys, monkeypatch):
    a, digest = archive
    monkeypatch.setattr(iq, "MAX_BYTES", a.stat().st_size - 1)
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", digest, "--strict"]) == 1
    assert f"is larger than {a.stat().st_size - 1} bytes" in capsys.readouterr().err
    assert nothing_installed(prefix)
    monkeypatch.setattr(iq, "MAX_BYTES", a.stat().st_size)  # exactly at the limit: installed
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", digest, "--strict"]) == 0


def _gzip_bomb(path: Path, declared: int) -> Path:
    """A tar.gz of about 2 MB whose one member declares and holds `declared` bytes of zeros: the gzip
    stream is one member for the tar header, then the same compressed MiB of zeros repeated (a gzip
    file may hold several members, read one after the other)."""
    import gzip
    header = tarfile.TarInfo("quarto-1.7.34/bin/quarto")
    header.size, header.mode = declared, 0o755
    mib = gzip.compress(bytes(1 << 20), compresslevel=9)
    with open(path, "wb") as f:
        f.write(gzip.compress(header.tobuf(format=tarfile.GNU_FORMAT)))
        for _ in range(declared >> 20):
            f.write(mib)
        f.write(gzip.compress(bytes(1024)))  # the archive's end
    return path


def test_a_gzip_bomb_is_refused_before_anything_is_unpacked(tmp_path, prefix, capsys):
    """2 MB packed, 2 GiB unpacked (more than MAX_UNPACKED): refused from the member's header."""
    assert iq.MAX_UNPACKED < 2 << 30
    a = _gzip_bomb(tmp_path / "bomb.tar.gz", 2 << 30)
    assert a.stat().st_size < 4 << 20
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", sha(a), "--strict"]) == 1
    err = capsys.readouterr().err
    assert f"unpacks to more than {iq.MAX_UNPACKED} bytes" in err
    assert nothing_installed(prefix)


def test_a_zip_bomb_and_too_many_members_are_refused(tmp_path, prefix, capsys, monkeypatch):
    import zipfile
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("quarto-1.7.34/bin/quarto", FAKE_QUARTO)
        z.writestr("quarto-1.7.34/share/zeros", bytes(4 << 20))  # 4 MiB of zeros, a few KB packed
    assert bomb.stat().st_size < 64 << 10
    monkeypatch.setattr(iq, "MAX_UNPACKED", 1 << 20)
    assert iq.main(["--prefix", str(prefix), "--url", str(bomb), "--sha256", sha(bomb), "--strict"]) == 1
    assert "unpacks to more than 1048576 bytes" in capsys.readouterr().err
    assert nothing_installed(prefix)
    many = make_archive(tmp_path / "many.tar.gz", {"bin/quarto": FAKE_QUARTO,
                                                   **{f"share/{i}": b"" for i in range(20)}})
    monkeypatch.setattr(iq, "MAX_MEMBERS", 10)
    assert iq.main(["--prefix", str(prefix), "--url", str(many), "--sha256", sha(many), "--strict"]) == 1
    assert "holds more than 10 members" in capsys.readouterr().err
    assert nothing_installed(prefix)


def test_an_interrupted_install_is_cleaned_up_by_the_next_run(tmp_path, prefix):
    """The installer killed (SIGKILL) in the middle of a download leaves its partial file; the next run,
    even one that installs nothing, removes it.  A partial file of a live process is kept."""
    import signal
    import time
    with socket.socket() as s:  # a server that sends half an archive and then stalls
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        url = f"http://127.0.0.1:{s.getsockname()[1]}/quarto.tar.gz"
        proc = subprocess.Popen([sys.executable, "-m", "analysis.package.install_quarto", "--prefix", str(prefix),
                                 "--url", url, "--sha256", "a" * 64], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            conn, _ = s.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n" + bytes(1 << 20))
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    parts = [p for p in (prefix / "opt").glob(".quarto-download-*") if p.stat().st_size >= 1 << 20]
                    if parts:
                        break
                    time.sleep(0.05)
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
    left = list((prefix / "opt").iterdir())
    assert len(left) == 1 and left[0].name.startswith(f".quarto-download-{proc.pid}-")
    staging = prefix / "opt" / f".quarto-1.7.34-unpack-{proc.pid}-x"  # as if killed while unpacking, too
    (staging / "bin").mkdir(parents=True)
    (staging / "bin" / "quarto").write_bytes(FAKE_QUARTO)
    live = prefix / "opt" / f".quarto-download-{os.getppid()}-y.part"  # another install, still running
    live.write_bytes(b"partial")
    assert iq.main(["--prefix", str(prefix), "--url", f"http://127.0.0.1:{closed_port()}/x.tar.gz",
                    "--sha256", "a" * 64]) == 0
    assert sorted(p.name for p in (prefix / "opt").iterdir()) == [live.name]


def test_a_folder_given_as_the_archive_is_refused_in_one_line(tmp_path, prefix):
    """A folder opens like a file on Linux; it is refused from the open descriptor, before anything reads it."""
    folder = tmp_path / "quarto.tar.gz"
    folder.mkdir()
    err = _refused_quickly(prefix, str(folder))
    assert "is not a regular file" in err and str(folder) in err
    assert nothing_installed(prefix)


def _huge_header_archive(path: Path, kind: bytes, declared: int) -> Path:
    """A tar.gz whose first member is a header of type `kind` (GNU long name or link, PAX) declaring and holding
    `declared` bytes: a gzip member for the header block, then the same compressed MiB repeated, then a real
    member and the archive's end.  Packed it is a few hundred KB."""
    import gzip
    head = tarfile.TarInfo("././@LongLink")
    head.type, head.size = kind, declared
    mib = gzip.compress(b"a" * (1 << 20), compresslevel=9)
    member = tarfile.TarInfo("quarto-1.7.34/bin/quarto")
    member.size, member.mode = len(FAKE_QUARTO), 0o755
    with open(path, "wb") as f:
        f.write(gzip.compress(head.tobuf(format=tarfile.GNU_FORMAT)[:tarfile.BLOCKSIZE]))
        for _ in range(declared >> 20):
            f.write(mib)
        f.write(gzip.compress(member.tobuf(format=tarfile.GNU_FORMAT) + FAKE_QUARTO.ljust(tarfile.BLOCKSIZE, b"\0")
                              + bytes(1024)))
    return path


@pytest.mark.parametrize("kind", [tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK, tarfile.XHDTYPE,
                                  tarfile.XGLTYPE])
def test_a_500_mib_header_is_refused_unread(tmp_path, prefix, capsys, kind):
    """tarfile reads a long-name or PAX header's data into memory whole, already in is_tarfile (500 MiB took
    4 GB): the header's size is checked from its 512-byte block first, and the installer's peak memory stays
    small (Python's allocations, traced)."""
    import tracemalloc
    a = _huge_header_archive(tmp_path / f"header-{kind.decode()}.tar.gz", kind, 500 << 20)
    assert a.stat().st_size < 2 << 20
    tracemalloc.start()
    try:
        code = iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", sha(a), "--strict"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert f"header of {500 << 20} bytes (more than {iq.MAX_HEADER}), refused unread" in err and str(a) in err
    assert peak < 32 << 20, peak
    assert nothing_installed(prefix)


@pytest.mark.parametrize("fmt", [tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
def test_long_names_within_the_bound_install(tmp_path, prefix, fmt):
    """The walk of the headers follows real long-name and PAX headers (a 300-character path, a PAX header
    that sets the next member's size) to the end: the archive installs."""
    deep = "quarto-1.7.34/share/" + "/".join(["d" * 60] * 5) + "/file.txt"
    a = tmp_path / "long.tar.gz"
    with tarfile.open(a, "w:gz", format=fmt) as tar:
        for name, data in [(deep, b"x" * 700), ("quarto-1.7.34/bin/quarto", FAKE_QUARTO)]:
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o755
            if fmt == tarfile.PAX_FORMAT:
                info.pax_headers = {"comment": "é" * 10}
            tar.addfile(info, io.BytesIO(data))
    assert iq.main(["--prefix", str(prefix), "--url", str(a), "--sha256", sha(a), "--strict"]) == 0
    assert (prefix / "opt" / "quarto-1.7.34" / deep.split("/", 1)[1]).read_bytes() == b"x" * 700


def test_a_pax_size_that_moves_the_next_header_is_followed(tmp_path):
    """A PAX `size` record overrides the member's own size field (tarfile skips that many bytes): the walk
    skips the same, so the oversized header behind the member is still found."""
    import gzip
    pax = tarfile.TarInfo("PaxHeaders/x")
    records = b"16 size=1024000\n"
    pax.type, pax.size = tarfile.XHDTYPE, len(records)
    member = tarfile.TarInfo("quarto-1.7.34/share/big")  # its own size field says 0
    huge = tarfile.TarInfo("././@LongLink")
    huge.type, huge.size = tarfile.GNUTYPE_LONGNAME, 600 << 20
    body = (pax.tobuf(format=tarfile.GNU_FORMAT) + records.ljust(tarfile.BLOCKSIZE, b"\0")
            + member.tobuf(format=tarfile.GNU_FORMAT) + bytes(1024000)
            + huge.tobuf(format=tarfile.GNU_FORMAT)[:tarfile.BLOCKSIZE])
    a = tmp_path / "pax.tar.gz"
    a.write_bytes(gzip.compress(body))
    with pytest.raises(iq.Failure, match=f"GNU long-name header of {600 << 20} bytes"):
        iq.check_tar_headers(a, str(a))
