"""Time the workflow: a cold build of all derived data, and a rerun with nothing to do.

Runs in a temporary copy of the repository (the working tree is never touched), with the
same command the README gives (`snakemake -c2`, target `derived`: everything but the
manuscript).  Prints a Markdown table; `--readme` also writes it into README.md between
the benchmark markers.  It measures this machine: it is a report, not a test.

`--render` also times the render of the manuscript, both editions (English and Vietnamese), HTML
and PDF (rules render_html and render_pdf: four jobs, two at a time, after the derived data are
built); it needs Quarto.

Run:  python -m analysis.package.benchmark [--runs 5] [--render] [--readme]
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from analysis.package.deposit import listed_files
from analysis.io import ROOT
from analysis.package.readme import splice

START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
COMMAND = [sys.executable, "-m", "snakemake", "-c2", "derived", "--quiet"]
RENDER = [sys.executable, "-m", "snakemake", "-c2", "--quiet", "--forcerun", "render_html", "render_pdf", "--",
          "render_manuscript"]
RENDER_EN = [*RENDER[:-1], "docs/index.html", "docs/index.pdf"]  # the English edition alone
RENDER_CASE = "render of both editions, HTML and PDF"
RENDER_EN_CASE = "render of the English edition, HTML and PDF"


def copy_repository(dst: Path, root: Path = ROOT) -> Path:
    """The files a fresh clone would hold, copied with their timestamps: git's list in a checkout, and in a
    copy without .git (an unpacked deposit archive) the files .gitignore does not exclude (the deposit's
    own rule, analysis/package/deposit.py's listed_files)."""
    for f in listed_files(root):
        if (root / f).is_file():
            (dst / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / f, dst / f)
    return dst


def timed(cwd: Path, command: list[str] = COMMAND) -> float:
    t = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t


def measure(runs: int, render: bool = False) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repository(Path(tmp))
        timed(repo)  # warm the file cache and the bytecode, as a second build on any machine would be
        cold, noop = [], []
        for _ in range(runs):
            shutil.rmtree(repo / "data" / "derived", ignore_errors=True)
            shutil.rmtree(repo / ".snakemake", ignore_errors=True)
            cold.append(timed(repo))
            noop.append(timed(repo))
        results = {"cold build of all derived data": cold, "no-op rerun": noop}
        if render:
            timed(repo, RENDER)  # the first render also compiles Quarto's styles into its user cache
            results[RENDER_EN_CASE] = [timed(repo, RENDER_EN) for _ in range(runs)]
            results[RENDER_CASE] = [timed(repo, RENDER) for _ in range(runs)]
    return results


def table(results: dict[str, list[float]], runs: int) -> str:
    cpu = os.cpu_count()
    flag = " --render" if RENDER_CASE in results else ""
    lines = [f"Measured with `python -m analysis.package.benchmark --runs {runs}{flag}` on {platform.system()} {platform.machine()}, "
             f"{cpu} cores, Python {platform.python_version()}, Snakemake {version('snakemake')}, "
             f"pandas {version('pandas')}; seconds of wall time, command `snakemake -c2 derived`"
             + (" (render: `snakemake -c2 render_manuscript` or the English `docs/index.*`, forced; the "
                "two editions' target is the English one's plus the second edition, which shares the two cores)."
                if RENDER_CASE in results else "."),
             "", "| case | median | min | max | target |", "|---|---|---|---|---|"]
    targets = {"cold build of all derived data": "≤ 5 s", "no-op rerun": "≤ 1.5 s", RENDER_EN_CASE: "≤ 20 s",
               RENDER_CASE: "≤ 40 s"}
    for case, xs in results.items():
        lines.append(f"| {case} | {statistics.median(xs):.2f} | {min(xs):.2f} | {max(xs):.2f} | {targets[case]} |")
    return "\n".join(lines) + "\n"


def write_readme(block: str, readme: Path = ROOT / "README.md") -> None:
    readme.write_text(splice(readme.read_text(encoding="utf-8"), block, START, END), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--readme", action="store_true", help="write the table into README.md")
    ap.add_argument("--render", action="store_true", help="also time the render of the manuscript (needs Quarto)")
    args = ap.parse_args(argv)
    block = table(measure(args.runs, args.render), args.runs)
    print(block, end="")
    if args.readme:
        write_readme(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
