"""The number registry: every number the manuscript shows, with its lineage.

Each computing step returns a Fragment (numbers it owns, gaps it can explain,
and alternative figures that may explain a printed number).  `build` merges
the fragments, adds the sha256 of every input file and the display forms,
and refuses duplicate keys, so each number has exactly one owner.

Each entry records the program, function and line that computed it (`computed_by`), so that
the replication report and the lineage name the code itself for every number they list: the
function a step names when it adds the entry (`by=`, where the step's `fragment()` only records what
another function computed), else the first function on the call stack past the plumbing that passes
numbers on.  No entry names a plumbing function (PLUMBING): the tests check every key.
"""
from __future__ import annotations

import argparse
import functools
import inspect
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

from analysis import words
from analysis.article import RELEASES, auditable_keys, resolve
from analysis.io import read_json, write_json

ROOT = Path(__file__).resolve().parent.parent
# Frames that only pass a number on (this module, the reasons' gap helper, a step's own thin `add`/`gap`
# wrapper): the code that computed a number is the first frame past them.
PASS_ON = {Path(__file__).resolve(), ROOT / "analysis" / "reasons.py"}
PASS_ON_FUNCTIONS = {"add", "gap"}
# Functions that record, merge or dispatch numbers and compute none: never named as what computed a number.
PLUMBING = {"fragment", "add", "gap", "candidate", "judge_all", "main", "run", "__init__", "<module>", "<lambda>"}


@functools.lru_cache(maxsize=None)
def _resolved(filename: str) -> Path:
    return Path(filename).resolve()  # a system call a time: some thousands of entries share a few files


@functools.lru_cache(maxsize=None)
def _program(filename: str) -> str:
    path = _resolved(filename)
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def computed_by(skip: int = 1, by=None) -> dict:
    """The program, function and line that computed a number: `by`, the function that computed it, with
    the line it is defined on; else read from the call stack when its entry is written (the function and
    line that wrote it).  Either way the report names the code itself, not a typed description of it."""
    if by is not None:
        code = getattr(by, "__code__", None)
        if code is None or by.__name__ in PLUMBING:
            raise ValueError(f"computed_by: {by!r} is not a function that computes a number")
        return {"program": _program(code.co_filename), "function": by.__name__, "line": code.co_firstlineno}
    frame = inspect.currentframe()
    for _ in range(skip + 1):
        frame = frame.f_back if frame is not None else None
    while frame is not None:
        path = _resolved(frame.f_code.co_filename)
        if path not in PASS_ON and frame.f_code.co_name not in PASS_ON_FUNCTIONS:
            break
        frame = frame.f_back
    if frame is None:
        return {"program": "", "function": "", "line": 0}
    return {"program": _program(frame.f_code.co_filename), "function": frame.f_code.co_name, "line": frame.f_lineno}


# A unit as a display form shows it: a word of the message catalogs (analysis/words.py, unit.*: "bn USD", "tỷ USD";
# "pp", "điểm phần trăm"), or a symbol written close to the number; the other units show the number alone.
UNIT_WORDS = {"USD bn": "unit.usd_bn", "USD mn": "unit.usd_mn", "TIV mn": "unit.tiv_mn", "TIV bn": "unit.tiv_bn",
              "pp": "unit.pp", "SGD per USD": "unit.sgd_per_usd"}
UNIT_SYMBOLS = {"%": "%", "% change": "%"}


def unit_suffix(unit: str, lang: str = "en") -> str:
    """What follows a number of `unit` in `lang`: ' bn USD' / ' tỷ USD', '%', or nothing."""
    if unit in UNIT_WORDS:
        return " " + words.msg(UNIT_WORDS[unit], lang)
    return UNIT_SYMBOLS.get(unit, "")


# Units a printed number may be compared in: one scale between the two sizes of one currency, and the
# units that compare as they are.
SCALE = {("USD bn", "USD mn"): 1e-3, ("USD mn", "USD bn"): 1e3, ("TIV bn", "TIV mn"): 1e-3,
         ("TIV mn", "TIV bn"): 1e3}
COMPATIBLE = {("%", "%"), ("% change", "% change"), ("rank change", "rank change"), ("year", "year"),
              ("count", "count"), ("rank", "rank"), ("USD bn", "USD bn"), ("USD mn", "USD mn"),
              ("TIV mn", "TIV mn"), ("TIV bn", "TIV bn")}


def convert(value: float, unit_from: str, unit_to: str) -> float:
    """A value in another unit ('TIV bn' -> 'TIV mn' multiplies by 1,000); refuses units that do not compare."""
    if (unit_to, unit_from) in SCALE:
        return value * SCALE[(unit_to, unit_from)]
    if (unit_from, unit_to) in COMPATIBLE:
        return value
    raise ValueError(f"cannot compare a {unit_from!r} registry value with a printed {unit_to!r}")


def shortcode(key: str) -> str:
    """A registry number as the manuscript cites it: the `num` shortcode, which prints its display form
    linked to its lineage.  Written `{{<num key>}}`, with no space after `<`: for each `< ` pandoc's
    Markdown reader scans the rest of the document for a closing tag, which made the render time grow
    with (shortcodes x document length): 55 s for the PDF instead of 8 s."""
    return f"{{{{<num {key}>}}}}"


def half_unit(decimals: int) -> float:
    """Half a unit in the last digit: the rounding uncertainty of a figure printed with `decimals` places."""
    return 0.5 * 10.0 ** (-decimals)


def decimals_of(text: str) -> int:
    """Decimal places of a number as written in a source file ('144.0' -> 1, '132' -> 0)."""
    text = str(text).strip()
    return len(text.split(".")[1]) if "." in text else 0


@dataclass
class Fragment:
    step: str
    files: dict = field(default_factory=dict)  # path -> sha256 of every file the step read
    numbers: dict = field(default_factory=dict)
    gaps: dict = field(default_factory=dict)
    candidates: dict = field(default_factory=dict)

    def add(self, key: str, value, unit: str, label: dict, rule: dict, inputs: list[str],
            sources: list[str] | None = None, decimals: int = 1, uncertainty: float = 0.0,
            basis: str = "independent", shown_as: str | None = None, shown_as_vi: str | None = None,
            by=None) -> None:
        """Record one number. `basis`: 'independent' (raw sources) or 'internal' (the article's own figures);
        `shown_as`: a fixed display form (a printed number is shown exactly as the article prints it);
        `shown_as_vi`: its Vietnamese form where it differs (a word: a verdict, a class, a measure);
        `by`: the function that computed it, where that is not the caller (computed_by)."""
        self._check(key, inputs)
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"registry key {key!r}: value is not finite")
        entry = {"value": value, "unit": unit, "label": label, "rule": rule,
                 "inputs": sorted(set(inputs)), "sources": sorted(set(sources or [])),
                 "decimals": decimals, "uncertainty": round(float(uncertainty), 10),
                 "basis": basis, "step": self.step, "computed_by": computed_by(by=by)}
        _phrases(entry)  # before the entry is kept: a label or rule written as prose leaves no half-made entry
        self.numbers[key] = entry
        if shown_as is not None:
            self.numbers[key]["shown_as"] = shown_as
        if shown_as_vi is not None:
            self.numbers[key]["shown_as_vi"] = shown_as_vi

    def gap(self, key: str, label: dict, reason: str, inputs: list[str] | None = None,
            sources: list[str] | None = None, by=None) -> None:
        """A number the article prints that the raw data cannot recompute, with the reason why; `by`: the
        function that found it missing, where that is not the caller."""
        self._check(key, inputs or [])
        entry = {"label": label, "reason": reason, "inputs": sorted(set(inputs or [])),
                 "sources": sorted(set(sources or [])), "step": self.step, "computed_by": computed_by(by=by)}
        _phrases(entry)
        self.gaps[key] = entry

    def _check(self, key: str, inputs: list[str]) -> None:
        """One owner per key, and lineage only to files the step was given (and hashed)."""
        if key in self.numbers or key in self.gaps:
            raise ValueError(f"registry key {key!r} written twice by {self.step}")
        unknown = sorted(set(inputs) - set(self.files))
        if unknown:
            raise ValueError(f"registry key {key!r} names inputs {unknown} that {self.step} was not given")

    def candidate(self, key: str, label: str, value: float, uncertainty: float, sources: list[str]) -> None:
        """An alternative figure (other source, release, period or basis) that might explain a printed number."""
        self.candidates.setdefault(key, []).append(
            {"label": label, "value": value, "uncertainty": round(float(uncertainty), 10), "sources": sorted(sources)})

    def to_json(self) -> dict:
        return {"step": self.step, "files": self.files, "numbers": self.numbers, "gaps": self.gaps,
                "candidates": self.candidates}


def _phrases(entry: dict) -> None:
    """A label and a rule are data (analysis/reasons.py, `phrase`: a catalog id and slots), kept as data (`label_msg`,
    `rule_msg`: what both editions render) with their English text written beside them (`label`, `rule`: what a reader
    of the JSON and the README's table read).  English prose is refused: the Vietnamese edition could only make its
    words from it by translating the English, which the catalogs exist to avoid."""
    from analysis.reasons import say  # reasons imports this module: the renderer is looked up when used
    for field in ("label", "rule"):
        if field not in entry:
            continue
        if not isinstance(entry[field], dict):
            raise ValueError(f"a registry {field} must be data (reasons.{field}(msgid, **slots)), not prose: "
                             f"{entry[field]!r}")
        entry[f"{field}_msg"] = entry[field]
        entry[field] = say(entry[field], "en")


def display(value, unit: str, decimals: int, lang: str = "en") -> str:
    """Human form of a registry value: '205.2 bn USD' (en) or '205,2 tỷ USD' (vi)."""
    if unit == "text" or isinstance(value, str):
        return str(value)
    if value is None:
        return "n/a"
    if unit in ("count", "year", "rank", "rank change"):
        decimals = 0
    text = f"{abs(value):,.{decimals}f}" if unit not in ("year",) else f"{int(value)}"
    sign = "−" if value < 0 and round(abs(value), decimals) != 0 else ""
    if unit in ("% change", "rank change", "pp") and value > 0 and round(value, decimals) != 0:
        sign = "+"
    if lang == "vi":
        text = text.replace(",", "\u2009").replace(".", ",")
    return f"{sign}{text}{unit_suffix(unit, lang)}"


def build(fragment_paths: list[str | Path], promise: bool = False) -> dict:
    """Merge fragments into the registry; add input checksums (as the steps recorded them) and display
    forms.  With `promise`, every key a printed number may name must be written by some step."""
    numbers, gaps, candidates = {}, {}, {}
    for path in fragment_paths:
        frag = read_json(path)
        for kind, store in (("numbers", numbers), ("gaps", gaps), ("candidates", candidates)):
            for key, entry in frag[kind].items():
                if key in store or (kind != "candidates" and (key in numbers or key in gaps)):
                    raise ValueError(f"registry key {key!r} is written by more than one step")
                if kind != "candidates":
                    entry = {**entry, "inputs": [{"path": p, "sha256": frag["files"][p]} for p in entry["inputs"]]}
                store[key] = entry
    if promise:
        broken = sorted(k for k in auditable_keys()
                        if not any(resolve(k, r) in numbers or resolve(k, r) in gaps for r in RELEASES))
        if broken:
            raise ValueError(f"analysis/article.py promises registry keys that no step writes: {', '.join(broken[:10])}")
    for entry in numbers.values():
        fixed, fixed_vi = entry.pop("shown_as", None), entry.pop("shown_as_vi", None)
        entry["display"] = fixed or display(entry["value"], entry["unit"], entry["decimals"], "en")
        entry["display_vi"] = fixed_vi or fixed or display(entry["value"], entry["unit"], entry["decimals"], "vi")
    return {"numbers": numbers, "gaps": gaps, "candidates": candidates}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Merge registry fragments into one registry")
    ap.add_argument("fragments", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--promise", action="store_true", help="check that every auditable key is written")
    args = ap.parse_args(argv)
    try:
        registry = build(args.fragments, args.promise)
    except ValueError as err:
        print(f"registry: {err}", file=sys.stderr)
        return 1
    write_json(args.out, registry)
    return 0


if __name__ == "__main__":
    from analysis.io import run  # the workflow's stamps: see analysis/io.py
    run(main)
