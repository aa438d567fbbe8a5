"""Put a pinned Quarto into the project's virtual environment, so that rendering needs no admin rights.

Quarto (which bundles pandoc and Typst) is not a Python package, so `pip install -r
requirements.lock` cannot provide it.  This step downloads the official release archive,
checks it against a sha256 kept in this file (a changed archive is refused, never run),
unpacks it into `<venv>/opt/quarto-<version>/` and links `<venv>/bin/quarto` to it.

It is part of the one-line setup, and the workflow's numbers do not need Quarto, so the
setup must go on when Quarto cannot be had (offline, blocked host, unsupported platform,
checksum mismatch): the step then prints ONE line saying why and how to install Quarto by
hand, and exits 0.  `--strict` makes any such failure exit 1.

    python -m analysis.package.install_quarto [--prefix VENV] [--url URL] [--sha256 HEX] [--strict]

`--url` / QUARTO_ARCHIVE_URL (an http(s) or file:// URL, or a plain path) and `--sha256` /
QUARTO_ARCHIVE_SHA256 replace the pinned archive and checksum, e.g. for a mirror or a test.
The same limits hold on every path: an archive of at most MAX_BYTES whether downloaded or a local
file (which must be a regular file: a FIFO or a device is refused at once, never read), unpacked to
at most MAX_UNPACKED bytes in at most MAX_MEMBERS members, and a tar's long-name or PAX headers of at most
MAX_HEADER bytes each (checked from their 512-byte blocks before tarfile reads any of them); what an
interrupted install left behind is removed by the next run.
Only the standard library is used, because this runs before anything else is set up.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

VERSION = "1.7.34"
MINIMUM = (1, 7)
BASE_URL = f"https://github.com/quarto-dev/quarto-cli/releases/download/v{VERSION}/"
GET_STARTED = "https://quarto.org/docs/get-started/"
HINT = (f"install Quarto >= {'.'.join(map(str, MINIMUM))} from {GET_STARTED} "
        "— the shipped render in docs/ can be read meanwhile.")

# platform key -> (release file name, sha256).  Quarto publishes no checksum file with the
# 1.7.34 release, so each value is copied from a public package recipe that pins the same
# archive; a platform without a checksum found is left out on purpose (never install unverified).
PINNED: dict[str, tuple[str, str]] = {
    # Homebrew formula jassielof/homebrew-tap, Formula/quarto-cli.rb at commit
    # 2e285e3074ec2e6fc7d2bd81dba466bd8296d851 (version "1.7.34", on_linux/on_intel).  The same
    # digest is the nixpkgs quarto 1.7.34 fetchurl hash "sha256-3WsDCkS5Y9AflLlpa6y6ca/DF4621RqcwQUzK3fqa5o=".
    "linux-amd64": (f"quarto-{VERSION}-linux-amd64.tar.gz",
                    "dd6b030a44b963d01f94b9696bacba71afc3178eb6d51a9cc105332b77ea6b9a"),
    # Same Homebrew formula and commit as above (on_linux/on_arm).
    "linux-arm64": (f"quarto-{VERSION}-linux-arm64.tar.gz",
                    "6daf567c7a9eed2f72b6fef7c86ce9552ead5651dcde28fa5f70fa92729a10a8"),
    # Homebrew formula rundel/homebrew-quarto-cli, quarto.rb at commit
    # c54d429c112a7633e51e4a3eff40656f1ec7c59b ("quarto 1.7.34").  One archive for Intel and Apple silicon.
    "macos": (f"quarto-{VERSION}-macos.tar.gz",
              "9b79a23ed26691457e593954b56d95db24e021b28197f7aa3e54fd2a0aa0d9f2"),
    # "win" (quarto-1.7.34-win.zip): no public checksum found, so not pinned.
}

TIMEOUT = 10.0            # seconds, for connecting and for each read
TOTAL_TIMEOUT = 900.0     # seconds, for the whole download (the archive is ~130 MB)
MAX_BYTES = 1 << 30       # refuse an archive larger than 1 GiB, from any source (HTTP, a path, a device)
MAX_UNPACKED = 3 << 29    # refuse an archive that unpacks to more than 1.5 GiB (the release unpacks to ~0.4 GiB)
MAX_MEMBERS = 50_000      # ... or that holds more members (the release holds a few thousand)
MAX_HEADER = 1 << 20      # a tar long-name, long-link or PAX header above 1 MiB is refused unread (real ones: < 1 KiB)
CHUNK = 1 << 16
PARTIAL = re.compile(r"^\.quarto-(?:download|[0-9.]+-unpack)-(\d+)-")  # an install's own temporary files, by pid


class Failure(Exception):
    """A reason Quarto was not installed; its text is the one line the user sees."""


def platform_key(system: str | None = None, machine: str | None = None) -> str | None:
    """The release's platform name for this machine (None if Quarto ships no archive for it)."""
    system = (system if system is not None else platform.system()).lower()
    machine = (machine if machine is not None else platform.machine()).lower()
    if system == "linux":
        if machine in ("x86_64", "amd64"):
            return "linux-amd64"
        if machine in ("aarch64", "arm64", "armv8", "armv8l"):
            return "linux-arm64"
        return None
    if system == "darwin":
        return "macos"
    if system == "windows" or system.startswith(("cygwin", "msys", "mingw")):
        return "win"
    return None


def parse_version(text: str) -> tuple[int, ...] | None:
    """The first dotted version number in `quarto --version` output."""
    m = re.search(r"(\d+(?:\.\d+)+)", text)
    return tuple(int(p) for p in m.group(1).split(".")) if m else None


def quarto_version(exe: Path | str) -> tuple[int, ...] | None:
    """The version a quarto executable reports, or None if it does not run."""
    try:
        out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_version(out.stdout) if out.returncode == 0 else None


def existing_quarto(prefix: Path) -> tuple[Path, tuple[int, ...]] | None:
    """A quarto >= MINIMUM already in the venv or on PATH, so nothing needs downloading."""
    candidates = [prefix / "bin" / "quarto", prefix / "Scripts" / "quarto.exe"]
    found = shutil.which("quarto")
    if found:
        candidates.append(Path(found))
    for exe in candidates:
        if exe.exists():
            v = quarto_version(exe)
            if v is not None and v[:2] >= MINIMUM:
                return exe, v
    return None


def _source_path(url: str) -> Path | None:
    """A local file named by a plain path or a file:// URL (None for a network URL)."""
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme == "file":
        return Path(urllib.request.url2pathname(parsed.path))
    if not parsed.scheme or (len(parsed.scheme) == 1 and os.name == "nt"):  # plain path, also C:/...
        return Path(url)
    return None


def download(url: str, dest_dir: Path) -> Path:
    """Stream `url` into a temporary file in `dest_dir`, bounded in time and size; never hangs."""
    fd, tmp = tempfile.mkstemp(prefix=f".quarto-download-{os.getpid()}-", suffix=".part", dir=dest_dir)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as out:
            local = _source_path(url)
            if local is not None:
                copy_local(local, out, url)
                return tmp_path
            start, size = time.monotonic(), 0
            try:
                req = urllib.request.Request(url, headers={"User-Agent": "analysis.package.install_quarto"})
                with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                    while True:
                        if time.monotonic() - start > TOTAL_TIMEOUT:
                            raise TimeoutError(f"took longer than {TOTAL_TIMEOUT:.0f} s")
                        chunk = resp.read(CHUNK)
                        if not chunk:
                            break
                        size += len(chunk)
                        if size > MAX_BYTES:
                            raise ValueError(f"larger than {MAX_BYTES} bytes")
                        out.write(chunk)
            except urllib.error.HTTPError as e:
                raise Failure(f"Quarto not installed: cannot download {url} (HTTP {e.code} {e.reason}); {HINT}")
            except urllib.error.URLError as e:
                raise Failure(f"Quarto not installed: cannot download {url} ({_reason(e.reason)}); {HINT}")
            except (OSError, ValueError, http.client.HTTPException) as e:  # timeouts, resets, truncation, too large
                raise Failure(f"Quarto not installed: cannot download {url} ({_reason(e)}); {HINT}")
        return tmp_path
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def copy_local(local: Path, out, url: str) -> None:
    """Copy a local archive, which must be a regular file of at most MAX_BYTES.  It is opened without
    blocking and checked on the open descriptor, so a FIFO or a device (/dev/zero) is refused at once
    instead of hanging or filling the disk; the copy itself stops at MAX_BYTES too (a file that grows)."""
    try:
        fd = os.open(local, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise Failure(f"Quarto not installed: cannot read {url} ({e.strerror or e}); {HINT}")
    st = os.fstat(fd)  # on the descriptor, before a file object is made of it (os.fdopen refuses a folder itself)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise Failure(f"Quarto not installed: {url} is not a regular file (a FIFO, device or folder); {HINT}")
    with os.fdopen(fd, "rb") as src:
        if st.st_size > MAX_BYTES:
            raise Failure(f"Quarto not installed: {url} is larger than {MAX_BYTES} bytes; {HINT}")
        size = 0
        try:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise Failure(f"Quarto not installed: {url} is larger than {MAX_BYTES} bytes; {HINT}")
                out.write(chunk)
        except OSError as e:
            raise Failure(f"Quarto not installed: cannot read {url} ({e.strerror or e}); {HINT}")


def remove_partials(opt: Path) -> list[Path]:
    """Remove what an interrupted install left in `opt` (a partial download, a half-unpacked folder):
    each is named with the id of the process that made it, and is removed once that process is gone
    (an install running at the same time keeps its own)."""
    removed = []
    if not opt.is_dir():
        return removed
    for p in opt.iterdir():
        m = PARTIAL.match(p.name)
        if m is None or _alive(int(m.group(1))):
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
        removed.append(p)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's) or cannot tell: keep its files
    return True


def _reason(e: object) -> str:
    """A short, single-line reason for a network error."""
    text = getattr(e, "strerror", None) or str(e) or type(e).__name__
    return " ".join(str(text).split())


def sha256_of(path: Path) -> str:
    """The sha256 of a file, read in chunks (the archive is large)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def _unsafe(name: str) -> bool:
    """True for a member that would land outside the target folder (absolute path or `..`)."""
    name = name.replace("\\", "/")
    p = PurePosixPath(name)
    return name.startswith("/") or re.match(r"^[A-Za-z]:", name) is not None or ".." in p.parts


def _check_link(member: tarfile.TarInfo) -> bool:
    """True if a tar link points outside the archive (absolute or escaping with `..`)."""
    if not (member.issym() or member.islnk()):
        return False
    target = member.linkname.replace("\\", "/")
    if target.startswith("/"):
        return True
    base = PurePosixPath(member.name).parent if member.issym() else PurePosixPath(".")
    depth = 0
    for part in (base / target).parts:
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in (".", ""):
            depth += 1
    return False


def _too_big(url: str, what: str) -> Failure:
    return Failure(f"Quarto not installed: archive {url} {what}; {HINT}")


# tar members that are headers of the next member, whose data tarfile reads into memory whole
HEADER_TYPES = {b"L": "GNU long-name", b"K": "GNU long-link", b"x": "PAX", b"g": "global PAX", b"X": "PAX"}
PAX_RECORD = re.compile(rb"(\d+) ([^=]+)=")


def _stream(archive: Path):
    """The archive's bytes as a tar reader sees them: decompressed when it is gzip, bzip2 or xz."""
    import bz2
    import gzip
    import lzma
    with open(archive, "rb") as f:
        magic = f.read(6)
    if magic.startswith(b"\x1f\x8b"):
        return gzip.open(archive, "rb")
    if magic.startswith(b"BZh"):
        return bz2.open(archive, "rb")
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.open(archive, "rb")
    return open(archive, "rb")


def _pax_size(data: bytes) -> int | None:
    """The `size` record of a PAX header's data (records are '<length> <keyword>=<value>\\n'), as tarfile reads it."""
    pos, size = 0, None
    while (m := PAX_RECORD.match(data, pos)) and int(m.group(1)) > 0:
        if m.group(2) == b"size":
            value = data[m.end():m.start(1) + int(m.group(1)) - 1]
            size = int(value) if value.isdigit() else None
        pos += int(m.group(1))
    return size


def _header(block: bytes) -> tuple[int, bytes] | None:
    """(size, type) of a tar header block, or None if the block is no valid header."""
    try:
        size, checksum = tarfile.nti(block[124:136]), tarfile.nti(block[148:156])
    except tarfile.InvalidHeaderError:
        return None
    return (size, block[156:157]) if checksum in tarfile.calc_chksums(block) and size >= 0 else None


def check_tar_headers(archive: Path, url: str) -> None:
    """Walk a tar archive's headers block by block before tarfile opens it, and refuse, unread, a long-name,
    long-link or PAX header above MAX_HEADER bytes (tarfile reads such a header's data into memory whole,
    already to tell whether a file is a tar: a 500 MiB header took 4 GB), as well as too many members or
    bytes.  Members' data is skipped, never kept.  A file whose first block is no tar header is left to the
    checks after (a zip, or no archive); a header that cannot be read after the first is refused, since
    the walk could no longer vouch for the headers that follow it."""
    import lzma
    import zlib
    members = total = 0
    global_size = next_size = None  # the size PAX headers give the next member, which overrides its header's
    try:
        with _stream(archive) as tar:
            while True:
                block = tar.read(tarfile.BLOCKSIZE)
                if len(block) < tarfile.BLOCKSIZE or block == tarfile.NUL * tarfile.BLOCKSIZE:
                    return
                head = _header(block)
                if head is None:
                    if members or next_size is not None:
                        raise Failure(f"Quarto not installed: archive {url} has a damaged header after member "
                                      f"{members}; {HINT}")
                    return  # not a tar: tarfile's and zipfile's own reading say what it is
                size, kind = head
                padded = -(-size // tarfile.BLOCKSIZE) * tarfile.BLOCKSIZE
                if kind in HEADER_TYPES:
                    if size > MAX_HEADER:
                        raise _too_big(url, f"has a {HEADER_TYPES[kind]} header of {size} bytes (more than "
                                            f"{MAX_HEADER}), refused unread")
                    data = tar.read(padded)[:size]
                    if kind in (b"x", b"g", b"X"):
                        own = _pax_size(data)
                        if kind == b"g" and own is not None:
                            global_size = own
                        next_size = own if own is not None else global_size
                    continue
                if next_size is not None:
                    size, next_size = next_size, None
                    padded = -(-size // tarfile.BLOCKSIZE) * tarfile.BLOCKSIZE
                members += 1
                total += size
                if members > MAX_MEMBERS:
                    raise _too_big(url, f"holds more than {MAX_MEMBERS} members")
                if total > MAX_UNPACKED:
                    raise _too_big(url, f"unpacks to more than {MAX_UNPACKED} bytes")
                if kind == tarfile.GNUTYPE_SPARSE and block[482]:  # old GNU sparse: extension blocks follow
                    while (ext := tar.read(tarfile.BLOCKSIZE)) and len(ext) == tarfile.BLOCKSIZE and ext[504]:
                        pass
                if kind in tarfile.REGULAR_TYPES or kind not in tarfile.SUPPORTED_TYPES:
                    tar.seek(padded, os.SEEK_CUR)  # a compressed stream reads forward in chunks; nothing is kept
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as e:
        raise Failure(f"Quarto not installed: cannot unpack {url} ({_reason(e)}); {HINT}")


def unpack(archive: Path, dest: Path, url: str) -> None:
    """Unpack a .tar.gz or .zip into `dest`, refusing members that would escape it, and an archive
    that unpacks to more than MAX_UNPACKED bytes or MAX_MEMBERS members (checked from the members'
    headers as they are read, before anything is written: a zip bomb is refused, not unpacked).  A tar's
    headers are walked first (check_tar_headers), so that no header's size reaches tarfile unchecked."""
    check_tar_headers(archive, url)
    if tarfile.is_tarfile(archive):
        with tarfile.open(archive) as tar:
            members, total = [], 0
            for m in tar:  # one header at a time: a bomb is refused at the first header past a limit
                members.append(m)
                total += max(m.size, 0)
                if len(members) > MAX_MEMBERS:
                    raise _too_big(url, f"holds more than {MAX_MEMBERS} members")
                if total > MAX_UNPACKED:
                    raise _too_big(url, f"unpacks to more than {MAX_UNPACKED} bytes")
                if _unsafe(m.name) or _check_link(m):
                    raise Failure(f"Quarto not installed: unsafe archive {url} (member {m.name!r} "
                                  f"points outside the install folder); {HINT}")
                if not (m.isfile() or m.isdir() or m.issym() or m.islnk()):
                    raise Failure(f"Quarto not installed: unsafe archive {url} (member {m.name!r} "
                                  f"is a device or fifo); {HINT}")
            if hasattr(tarfile, "data_filter"):
                tar.extractall(dest, members=members, filter="data")
            else:  # Python < 3.11.4: the checks above do the data filter's job
                tar.extractall(dest, members=members)
    elif zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _too_big(url, f"holds more than {MAX_MEMBERS} members")
            # zipfile never writes more than a member's declared size, so the declared sizes bound the total
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise _too_big(url, f"unpacks to more than {MAX_UNPACKED} bytes")
            for info in infos:
                if _unsafe(info.filename):
                    raise Failure(f"Quarto not installed: unsafe archive {url} (member {info.filename!r} "
                                  f"points outside the install folder); {HINT}")
            for info in infos:
                path = Path(z.extract(info, dest))
                mode = (info.external_attr >> 16) & 0o777
                if mode and not info.is_dir():
                    path.chmod(mode)
    else:
        raise Failure(f"Quarto not installed: {url} is neither a .tar.gz nor a .zip archive; {HINT}")


def _quarto_root(staging: Path) -> Path:
    """The folder with bin/quarto: the archive's top folder (Linux: quarto-<v>/) or its root (macOS)."""
    for exe in ("quarto", "quarto.exe", "quarto.cmd"):
        if (staging / "bin" / exe).is_file():
            return staging
    children = [c for c in staging.iterdir()]
    if len(children) == 1 and children[0].is_dir() and not children[0].is_symlink():
        for exe in ("quarto", "quarto.exe", "quarto.cmd"):
            if (children[0] / "bin" / exe).is_file():
                return children[0]
    raise Failure(f"Quarto not installed: the archive has no bin/quarto; {HINT}")


def link(prefix: Path, target_dir: Path) -> Path:
    """Point <prefix>/bin/quarto at the install (relative link, replaced atomically)."""
    bindir = prefix / "bin"
    bindir.mkdir(parents=True, exist_ok=True)
    dest = bindir / "quarto"
    if dest.exists() and not dest.is_symlink():
        raise Failure(f"Quarto not installed: {dest} exists and is not a link; remove it or {HINT}")
    rel = os.path.relpath(target_dir / "bin" / "quarto", bindir)
    tmp = bindir / f".quarto-link-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(rel, tmp)
    os.replace(tmp, dest)
    return dest


def install(prefix: Path, url: str, expected: str) -> Path:
    """Download, verify and unpack Quarto into <prefix>/opt/quarto-<version>; all or nothing."""
    opt = prefix / "opt"
    created_opt = not opt.exists()
    opt.mkdir(parents=True, exist_ok=True)
    remove_partials(opt)
    target = opt / f"quarto-{VERSION}"
    archive = staging = None
    try:
        archive = download(url, opt)
        actual = sha256_of(archive)
        if actual != expected.lower():
            raise Failure(f"Quarto not installed: checksum mismatch for {url}: expected sha256 {expected.lower()}, "
                          f"got {actual}; the download was discarded — {HINT}")
        staging = Path(tempfile.mkdtemp(prefix=f".quarto-{VERSION}-unpack-{os.getpid()}-", dir=opt))
        try:
            unpack(archive, staging, url)
            root = _quarto_root(staging)
        except Failure:
            raise
        except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError, ValueError) as e:
            raise Failure(f"Quarto not installed: cannot unpack {url} ({_reason(e)}); {HINT}")
        if target.exists():  # a leftover that did not hold a working quarto (checked by the caller)
            shutil.rmtree(target)
        os.rename(root, target)
        try:
            return link(prefix, target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
    finally:
        if archive is not None:
            archive.unlink(missing_ok=True)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if created_opt:
            try:
                opt.rmdir()  # only succeeds if nothing was installed
            except OSError:
                pass


def run(prefix: Path, url: str | None, sha256: str | None) -> str:
    """Install unless a usable quarto exists; returns the one line to print, raises Failure otherwise."""
    remove_partials(prefix / "opt")  # whatever an interrupted install left, even when nothing is to be installed
    present = existing_quarto(prefix)
    if present:
        exe, v = present
        return f"Quarto {'.'.join(map(str, v))} already available at {exe}; nothing to install."
    target = prefix / "opt" / f"quarto-{VERSION}"
    if (target / "bin" / "quarto").is_file() and quarto_version(target / "bin" / "quarto"):
        dest = link(prefix, target)  # installed earlier, only the link is missing
        return f"Quarto {VERSION} already unpacked in {target}; linked {dest}."
    key = platform_key()
    pinned = PINNED.get(key) if key else None
    if url is None:
        if pinned is None:
            raise Failure(f"Quarto not installed: no pinned Quarto {VERSION} archive for this platform "
                          f"({platform.system()}/{platform.machine()}); {HINT}")
        url = BASE_URL + pinned[0]
    if sha256 is None:
        if pinned is None:
            raise Failure(f"Quarto not installed: no sha256 to check {url} against on this platform "
                          f"(give --sha256); {HINT}")
        sha256 = pinned[1]
    if not re.fullmatch(r"[0-9a-fA-F]{64}", sha256):
        raise Failure(f"Quarto not installed: {sha256!r} is not a sha256 (64 hex digits); {HINT}")
    dest = install(prefix, url, sha256)
    return f"Installed Quarto {VERSION} into {target}; linked {dest}."


def main(argv: list[str] | None = None) -> int:
    """CLI: one line out; exit 0 even on failure (the setup goes on) unless --strict."""
    ap = argparse.ArgumentParser(prog="python -m analysis.package.install_quarto", description=__doc__.splitlines()[0])
    ap.add_argument("--prefix", type=Path, default=Path(sys.prefix),
                    help="virtual environment to install into (default: the running one, sys.prefix)")
    ap.add_argument("--url", default=os.environ.get("QUARTO_ARCHIVE_URL") or None,
                    help="archive URL or path instead of the official release (env QUARTO_ARCHIVE_URL)")
    ap.add_argument("--sha256", default=os.environ.get("QUARTO_ARCHIVE_SHA256") or None,
                    help="expected sha256 instead of the pinned one (env QUARTO_ARCHIVE_SHA256)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when Quarto could not be installed")
    args = ap.parse_args(argv)
    try:
        print(run(args.prefix.resolve(), args.url, args.sha256))
    except Failure as e:
        print(str(e), file=sys.stderr)
        return 1 if args.strict else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
