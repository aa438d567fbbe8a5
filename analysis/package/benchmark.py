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
    """The command's wall time; its processor time (user and system, every process it started) is kept in
    CPU, since on a machine other programs share, the wall time says as much about them as about the build."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


CPU: list[float] = []  # the processor time of each timed command, in order


def measure(runs: int, render: bool = False) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repository(Path(tmp))
        timed(repo)  # warm the file cache and the bytecode, as a second build on any machine would be
        cold, noop, cold_cpu, noop_cpu = [], [], [], []
        for _ in range(runs):
            shutil.rmtree(repo / "data" / "derived", ignore_errors=True)
            shutil.rmtree(repo / ".snakemake", ignore_errors=True)
            cold.append(timed(repo))
            cold_cpu.append(CPU[-1])
            noop.append(timed(repo))
            noop_cpu.append(CPU[-1])
        results = {"cold build of all derived data": cold, "no-op rerun": noop}
        PROCESSOR.update({"cold build of all derived data": cold_cpu, "no-op rerun": noop_cpu})
        if render:
            timed(repo, RENDER)  # the first render also compiles Quarto's styles into its user cache
            results[RENDER_EN_CASE] = [timed(repo, RENDER_EN) for _ in range(runs)]
            results[RENDER_CASE] = [timed(repo, RENDER) for _ in range(runs)]
    return results


PROCESSOR: dict[str, list[float]] = {}  # each case's processor time per run (measure() fills it)


def table(results: dict[str, list[float]], runs: int) -> str:
    cpu = os.cpu_count()
    flag = " --render" if RENDER_CASE in results else ""
    lines = [f"Measured with `python -m analysis.package.benchmark --runs {runs}{flag}` on {platform.system()} {platform.machine()}, "
             f"{cpu} cores, Python {platform.python_version()}, Snakemake {version('snakemake')}, "
             f"pandas {version('pandas')}; seconds of wall time (and of processor time, user and system, of every "
             "process the command started: what other programs on the machine change least), command "
             "`snakemake -c2 derived`"
             + (" (render: `snakemake -c2 render_manuscript` or the English `docs/index.*`, forced; the "
                "two editions' target is the English one's plus the second edition, which shares the two cores)."
                if RENDER_CASE in results else "."),
             "", "| case | median | min | max | processor time, median | target |", "|---|---|---|---|---|---|"]
    targets = {"cold build of all derived data": "≤ 5 s", "no-op rerun": "≤ 1.5 s", RENDER_EN_CASE: "≤ 20 s",
               RENDER_CASE: "≤ 40 s"}
    for case, xs in results.items():
        cpu = f"{statistics.median(PROCESSOR[case]):.2f}" if PROCESSOR.get(case) else "—"
        lines.append(f"| {case} | {statistics.median(xs):.2f} | {min(xs):.2f} | {max(xs):.2f} | {cpu} | {targets[case]} |")
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
