"""The README's list of tables, figures and in-text numbers, generated from a finished build.

Which rule and script made each output is read from the rule logs of the build (each is
named after its rule and opens with the command that ran, as the shell traced it); which
tables and figures the manuscript shows, and which numbers its text cites, is read from
the manuscript sources; what each number is and which step owns it comes from the
registry.  Nothing in the list is written by hand, and a test fails if the README's copy
differs from what this module writes.

Run after `snakemake -c2 derived`:  python -m analysis.package.readme [--write | --check]
"""
from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

from analysis.escape import md_cell
from analysis.io import ROOT, read_json
from analysis.manuscript.parts import keys_in

START, END = "<!-- outputs:start -->", "<!-- outputs:end -->"
OUTPUT_FLAGS = ("--out", "--report", "--outdir")
CAPTION = re.compile(r"^: (.*) \{#(tbl-[\w-]+)\}$", re.M)
FIGURE = re.compile(r"!\[(.*?)\]\(_generated/([\w-]+)\.svg\)\{#(fig-[\w-]+)")


def steps_from_logs(logdir: Path) -> list[dict]:
    """Every step the build ran: rule, script and the files it wrote, from the rule logs (a log is
    named after its rule, with the group of a per-folder check after an underscore)."""
    steps = []
    for log in sorted(logdir.glob("*.log")):
        rule = re.sub(r"^validate_raw_\w+$", "validate_raw", log.stem)
        for line in log.read_text(encoding="utf-8").splitlines():
            words = shlex.split(line[2:]) if line.startswith("+ ") else []
            if len(words) > 2 and words[1] == "-m" and words[2].startswith("analysis."):
                outputs, taking = [], False
                for w in words[3:]:
                    if w.startswith("--"):
                        taking = w.startswith(OUTPUT_FLAGS)
                    elif taking:
                        outputs.append(w)
                steps.append({"rule": rule, "module": words[2], "script": words[2].replace(".", "/") + ".py",
                              "outputs": outputs})
    return steps


def maker(steps: list[dict], path: str) -> dict:
    """The step that wrote `path` (a file, or a file inside a folder a step writes)."""
    for s in steps:
        for out in s["outputs"]:
            if path == out or path.startswith(out.rstrip("/") + "/"):
                return s
    raise KeyError(f"no step of the build wrote {path}")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def outputs_block(root: Path = ROOT) -> str:
    steps = steps_from_logs(root / "data" / "derived" / "logs")
    numbers = read_json(root / "data" / "derived" / "numbers.json")["numbers"]
    gen = root / "manuscript" / "_generated"
    qmd = (root / "manuscript" / "index.qmd").read_text(encoding="utf-8")
    by_module = {s["module"]: s for s in steps}
    lines = ["### Tables", "", _row(["table", "caption (abridged)", "output files", "rule", "script"]),
             _row(["---"] * 5)]
    for part in sorted(gen.glob("*.md")):
        for caption, label in CAPTION.findall(part.read_text(encoding="utf-8")):
            md = f"manuscript/_generated/{part.name}"
            s = maker(steps, "manuscript/_generated")
            data = f"data/derived/{part.stem}.csv"
            files, rules, scripts = [f"`{md}`"], [f"`{s['rule']}`"], [f"`{s['script']}`"]
            if (root / data).exists():
                d = maker(steps, data)
                files.insert(0, f"`{data}`")
                rules.insert(0, f"`{d['rule']}`")
                scripts.insert(0, f"`{d['script']}`")
            short = caption.split(":")[0]
            lines.append(_row([f"`{label}`", short, ", ".join(files), ", ".join(rules), ", ".join(scripts)]))
    lines += ["", "### Figures", "", _row(["figure", "caption (abridged)", "output files", "rule", "script"]),
              _row(["---"] * 5)]
    # a figure is in the .qmd or in a generated part (its alternative text is written from the data)
    figures_in = qmd + "".join(p.read_text(encoding="utf-8") for p in sorted(gen.glob("*.md")))
    for caption, stem, label in FIGURE.findall(figures_in):
        files = [f"data/derived/figures/{stem}.svg"]
        s = maker(steps, files[0])
        lines.append(_row([f"`{label}`", re.split(r"\.\s", caption)[0], ", ".join(f"`{f}`" for f in files),
                           f"`{s['rule']}`", f"`{s['script']}`"]))
    prose = re.sub(r"\{\{<\s*include[^>]*>\}\}", "", qmd)
    keys = sorted(set(keys_in(prose)))
    registry = maker(steps, "data/derived/numbers.json")
    lines += ["", "### Numbers cited in the manuscript's text", "",
              f"Each is written to `data/derived/numbers.json` by rule `{registry['rule']}` "
              f"(`{registry['script']}`) from the fragment of the step named here. The numbers in the tables, and "
              f"these, have a lineage entry in the manuscript's appendix.", "",
              _row(["key", "shown as", "what it is", "rule", "script"]), _row(["---"] * 5)]
    for k in keys:
        e = numbers[k]
        s = by_module[e["step"]]
        # the display and the label carry input text (a printed form, a printed number's item): escaped
        lines.append(_row([f"`{k}`", md_cell(e["display"]), md_cell(e["label"]), f"`{s['rule']}`", f"`{s['script']}`"]))
    return "\n".join(lines) + "\n"


def splice(text: str, block: str, start: str = START, end: str = END) -> str:
    """Replace what stands between a pair of marker comments in the README."""
    head, sep, rest = text.partition(start)
    _, sep2, tail = rest.partition(end)
    if not sep or not sep2:
        raise ValueError(f"README.md lacks the {start} … {end} markers")
    return f"{head}{start}\n{block}{end}{tail}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the list into README.md")
    ap.add_argument("--check", action="store_true", help="exit 1 if README.md's list is stale")
    args = ap.parse_args(argv)
    readme = ROOT / "README.md"
    if not (ROOT / "data" / "derived" / "numbers.json").is_file():  # the list is read off a build's products
        print("no build to list the outputs of (data/derived/numbers.json is missing): run `snakemake -c2 derived` "
              "first", file=sys.stderr)
        return 1
    if not (args.check or args.write):
        sys.stdout.write(outputs_block())
        return 0
    text = readme.read_text(encoding="utf-8")
    new = splice(text, outputs_block())
    if args.check:
        if new != text:
            print("README.md's list of outputs is stale: run `python -m analysis.package.readme --write`", file=sys.stderr)
            return 1
        return 0
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
