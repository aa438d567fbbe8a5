# What every rule file uses (the paths of the data flow, how each step is run), and the checks and
# recovery around a run.  Paths are relative to the working directory (the repository's root); a rule's
# `conda:` file is relative to the rule file, hence STEPS_ENV's "../../".
import shlex
import shutil
import sys
import threading
from pathlib import Path

from analysis.deps import files as code_of
from analysis.io import fingerprint

STEPS_ENV = "../../analysis/environment.yaml"  # the steps' software, for --sw-deployment-method conda
RENDER_ENV = "../../manuscript/environment.yaml"  # the render's (Quarto, Typst)
RAW = "data/raw"
PUB = "data/published"
OUT = "data/derived"
LOGS = f"{OUT}/logs"

def python():
    """The environment's `python`, whichever name started Snakemake (`.venv/bin/snakemake` runs `python3`,
    `python -m snakemake` runs `python`): the steps' commands are then the same, and Snakemake, which reruns a
    rule whose command changed, does not rebuild everything when one is used after the other."""
    plain = Path(sys.executable).with_name(f"python{Path(sys.executable).suffix}")
    try:
        return str(plain) if plain.samefile(sys.executable) else sys.executable
    except OSError:
        return sys.executable


PY = shlex.quote(python())
# Quarto: the one setup put into the project's environment, else one on PATH.
QUARTO = next((str(q) for q in [Path(sys.executable).parent / "quarto"] if q.is_file()), None) or shutil.which("quarto")

READ = []  # every input file named by hand in the rules (raw or printed), for check_named_inputs()


def source(path):
    """An input file a step reads, named by a rule."""
    READ.append(path)
    return path


def raw_files():
    """Every file on disk under data/raw/: the check refuses any the manifest does not list.  A name
    with a brace is left to the check (check_named_inputs): Snakemake would read it as a wildcard."""
    return sorted(str(p) for p in Path(RAW).rglob("*") if p.is_file() and not ("{" in str(p) or "}" in str(p)))


# --- how a rule runs its step ----------------------------------------------------------------------------
# Each path is written once, in the rule's `input:` or `output:`.  The step's command line is made from the
# rule's named inputs and outputs (`arguments`): each name is the program's option (`wdi_2026` ->
# `--wdi-2026 <paths>`, `out_table` -> `--out-table <path>`), an input named in POSITIONAL is given bare,
# first, and an unnamed input (the code, what the step reads without being told) is not passed.

POSITIONAL = ("descriptors", "fragments")


def arguments(wildcards, input, output):
    """params: the step's command line from the rule's named inputs and outputs (see above)."""
    bare, flags = [], []
    for files in (input, output):
        for name, paths in files.items():  # the named ones, in the rule's order
            paths = [paths] if isinstance(paths, str) else list(paths)
            if name in POSITIONAL:
                bare += [shlex.quote(p) for p in paths]
            else:
                flags += [f"--{name.replace('_', '-')}", *(shlex.quote(p) for p in paths)]
    return " ".join(bare + flags)


def step(module, extra="", folder=None):
    """The shell command of a rule: `python -m analysis.<module>` with the rule's named inputs and outputs as
    its options (params.args, `arguments`) and `extra` after them, traced into the rule's log: the log holds
    the exact command that ran and all it printed.  When it fails, its message is shown: an input check's
    leading line (the first problem and the count) with the next four, else the end of the log.
    The step is told its log and the rule's files (one a line), to check the products it reads against
    their writers' records and to record its own outputs' checksums in its log (analysis/io.py).
    With `folder`, the step first removes the files there that no rule writes (the rule's params.written)."""
    run = f"{PY} -m analysis.{module} {{params.args}}" + (f" {extra}" if extra else "")
    files = (f"export STEP_LOG={{log:q}} STEP_INPUTS=\"$(printf '%s\\n' {{input:q}})\" "
             f"STEP_OUTPUTS=\"$(printf '%s\\n' {{output:q}})\"; ")
    if folder:  # the files the workflow writes there: the step removes any other (analysis/io.py, remove_orphans)
        files += f"export STEP_FOLDER={folder} STEP_FOLDER_FILES=\"$(printf '%s\\n' {{params.written:q}})\"; "
    return (f"( {files}set -x; {run} ) > {{log:q}} 2>&1 || {{{{ grep -m1 -A4 '^Invalid input: ' {{log:q}} >&2"
            f" || tail -n 5 {{log:q}} >&2; exit 1; }}}}")


def written_in(folder):
    """params: every file a rule of this workflow writes under `folder`."""
    return lambda wildcards: sorted(str(f) for r in workflow.rules for f in r.output if str(f).startswith(f"{folder}/"))


def content(rule):
    """A rule's `params`: the sha256 of every file it reads (data, code, other steps' products).  Snakemake
    records a job's params and reruns it when they differ, so that a step reruns when what it reads changed,
    whatever the timestamps say (an edit that kept an old timestamp, `cp -p`, an unpacked archive); a dry run
    only reports it.  One digest of them all, so that the report stays one line (`snakemake --list-changes
    params` lists the jobs); a function of the wildcards alone, so that Snakemake compares it (analysis/io.py)."""
    def files(wildcards):
        for f in workflow.get_rule(rule).input:
            if callable(f):
                f = f(wildcards)
            yield from [f] if isinstance(f, str) else f

    return lambda wildcards: fingerprint(files(wildcards))


def render_command(fmt, ext):
    """Render one document to one format in its own copy of the manuscript folder (two Quarto processes
    in one project lock each other out of its cache), then copy the file to docs/: the HTML with the
    popovers' data put in its slot (analysis/manuscript/render.py, fill_popovers)."""
    job = f"manuscript/_output/{fmt}-{{wildcards.doc}}"
    rendered = f"{job}/_output/{{params.stem:q}}.{ext}"
    copy = (f"{PY} -m analysis.manuscript.render --fill {rendered} {{input.popovers:q}} {{output:q}}" if ext == "html"
            else f"{PY} -m analysis.manuscript.render --pdf {rendered} {{output:q}}")
    return (f"( set -x; {PY} -m analysis.manuscript.render --root . --stage {job} && cd {job}"
            f" && {{params.quarto}} render {{params.qmd:q}} --to {fmt} && cd - >/dev/null && {copy} ) > {{log:q}} 2>&1"
            " || {{ tail -n 5 {log:q} >&2; exit 1; }}")



from functools import cache

from analysis.io import sha256
from analysis.package.deposit import tracked_files


# The package's own files, as a fresh clone holds them (git's tracked files, or without .git those the
# .gitignore files keep): the crate lists them and the archive holds them.  Listed only when the crate or
# the archive is asked for (input functions run only for the jobs a build needs).
@cache
def package_files():
    """(the files the crate and the archive take as inputs, the shipped render): the shipped render is the
    render rules' output, and as an input here it would make them re-render the manuscript; they take it as
    shipped, and its content, hashed into a parameter, reruns them when it changes."""
    listed = [f for f in tracked_files(".") if f != CRATE and Path(f).is_file() and not Path(f).is_symlink()
              and not ("{" in f or "}" in f)]
    return [f for f in listed if f not in MANUSCRIPT], [f for f in listed if f in MANUSCRIPT]


# --- the paths of the data flow ------------------------------------------------------------------------

# The reports of the two input checks.  Every step that reads an input waits for both, so that one
# bad input anywhere stops the build before any table, registry or audit is written.  (A step does not
# wait for the other check through ancient(): Snakemake then skips the step when its own code changes
# in the same run as that check, which would leave a stale output.)
CHECKS = [f"{OUT}/validated/raw.json", f"{OUT}/validated/published.json"]

# each figure in each edition's words (the Vietnamese with the suffix _vi), and the SVG copy the manuscript shows
FIGURE_NAMES, EDITIONS = ["arms_series", "table1_turnover"], ["", "_vi"]
FIGURES = expand(f"{OUT}/figures/{{name}}{{edition}}.svg", name=FIGURE_NAMES, edition=EDITIONS)
FIGURE_COPIES = expand("manuscript/_generated/{name}{edition}.svg", name=FIGURE_NAMES, edition=EDITIONS)
from analysis.manuscript.render import SOURCES as RENDER_SOURCES  # the manuscript's own sources
# The rendered manuscript ships in docs/: each document (a .qmd of manuscript/) as docs/<name>.html and
# docs/<name>.pdf, exactly as rendered: the English edition (docs/index.*) and the Vietnamese one (docs/vi.*),
# both from the one registry.
DOCUMENTS = {"index": "index.qmd", "vi": "index.vi.qmd"}
# Each edition's lineage, a page of its own in HTML (the PDF keeps it as an appendix), written without Quarto:
# docs/lineage.html and docs/vi-lineage.html.
PAGES = {"en": "docs/lineage.html", "vi": "docs/vi-lineage.html"}
MANUSCRIPT = expand("docs/{doc}.{ext}", doc=list(DOCUMENTS), ext=["html", "pdf"]) + list(PAGES.values())
# Each edition's parts in its language (the Vietnamese ones in _generated/vi/), the bibliography of the sources
# too (same keys, each edition's words); the figures are shared.
EDITION_PARTS = ["abstract.md", "counts.md", "figure_table1.md", "figure_arms.md", "table1.md", "table2.md", "arms_periods.md", "arms_claims.md", "text_claims.md", "discrepancies.md",
                 "audit.md", "data_availability.md", "lineage.html", "lineage_data.md", "lineage_typst.md"]
PARTS = expand("manuscript/_generated/{name}", name=[*EDITION_PARTS, "sources.bib"]) + \
    expand("manuscript/_generated/vi/{name}", name=[*EDITION_PARTS, "sources.bib", "tooltips.json"])
SOURCES_CSV = [source(f"{RAW}/{d}/sources.csv") for d in ("arms", "trade", "fdi", "fx", "context")]
# The audit's own parts of the manuscript: the claims in words, the replication report and the verdict rules.
AUDIT_PARTS = expand("manuscript/_generated/{edition}{name}", edition=["", "vi/"], name=["claims.md", "report.md", "rules.md", "summary.md"])
# The manuscript's hand-written sentences that state a count, a cause, a direction or a class, each checked
# against the registry (analysis/manuscript/assertions.py): the render waits for this check.
MANUSCRIPT_CLAIMS = f"{OUT}/validated/manuscript_claims.json"
# The verdicts as schema.org ClaimReview (JSON-LD), per edition, and as each edition's HTML header include.
VERDICTS = [f"{OUT}/verdicts.jsonld", f"{OUT}/verdicts.vi.jsonld"]
VERDICT_PARTS = ["manuscript/_generated/verdicts.html", "manuscript/_generated/vi/verdicts.html"]
# The build's Workflow Run Crate (RO-Crate): written last, it lists every input and product.  At the
# repository's root, the one place where the paths it lists resolve (a build product, ignored by git).
CRATE = "ro-crate-metadata.json"
# All derived data and the manuscript's generated parts: everything but the render.
DERIVED = [f"{OUT}/numbers.json", f"{OUT}/audit.csv", *FIGURES, *FIGURE_COPIES, *PARTS, *AUDIT_PARTS, MANUSCRIPT_CLAIMS,
           *VERDICTS, *VERDICT_PARTS, CRATE]
# The workflow's own files, in the order of the data flow (the report lists its steps from them).
RULE_FILES = ["Snakefile", *(f"workflow/rules/{n}.smk" for n in
                             ("common", "inputs", "compute", "audit", "manuscript", "render", "package"))]


# --- around a run --------------------------------------------------------------------------------------

# Recovery from a killed run, which Snakemake leaves to the user (`snakemake --unlock`).  A run killed before it
# could release Snakemake's locks (kill -9, out of memory, a closed laptop) leaves them in .snakemake/locks/,
# and every later run would stop on them.  A run that executes jobs (never a dry run, a listing, a graph or a
# lint) and is the only live Snakemake of this workflow in this folder removes them, with the half-written
# files of killed steps, while Snakemake builds its graph and before it takes its own locks: running the same
# command again finishes the build (rerun-incomplete, in the profile, redoes what the killed jobs left).  Each
# such run holds a shared lock on .snakemake/run.flock for its whole life (the kernel drops it when the process
# dies, even by kill -9): one that can take it exclusively knows that no other runs.
RUN_LOCK = None


def executes():
    """True in a run that executes jobs: not a dry run, a listing, a graph, a summary or a lint."""
    return (workflow.is_main_process and getattr(workflow, "executor_plugin", None) is not None
            and not workflow.dryrun and not workflow.touch)


def recover_killed_run():
    """Called while Snakemake builds the graph (from validate_raw's input, which every build reaches)."""
    global RUN_LOCK
    if RUN_LOCK is not None or not executes():
        return
    try:
        import fcntl

        Path(".snakemake").mkdir(exist_ok=True)
        RUN_LOCK = open(".snakemake/run.flock", "a")
    except (ImportError, OSError):  # no flock on this system, or a read-only folder: leave everything as it is
        RUN_LOCK = False
        return
    try:
        fcntl.flock(RUN_LOCK, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fcntl.flock(RUN_LOCK, fcntl.LOCK_SH)  # another run is live: its locks and outputs are its own
        return
    locks = list(Path(".snakemake/locks").glob("*.lock"))
    for lock in locks:
        lock.unlink(missing_ok=True)
    if locks:
        print("Removed the locks of a Snakemake run that was killed before it could release them.", file=sys.stderr)
    for tmp in [*Path(OUT).rglob(".*.tmp"), *Path("manuscript/_generated").rglob(".*.tmp")]:
        tmp.unlink(missing_ok=True)  # a killed step's half-written file (io.write_bytes_atomic)
    fcntl.flock(RUN_LOCK, fcntl.LOCK_SH)  # from here on, another run may start beside this one


def cancel_pending_timers():
    """Snakemake's scheduler arms a one-second re-evaluation timer on every pass (a threading.Timer, not a
    daemon), so a finished build waited up to a second for the last one before it exited: a fifth of a
    cold build.  Once the build has ended, nothing is left for such a timer to re-evaluate."""
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


def check_environment(found=None):
    """Refuse, before any job runs, an environment the build cannot finish in (analysis/package/preflight.py):
    one line each, what to change, and nothing written."""
    from analysis.package.preflight import problems

    found = problems() if found is None else found
    for line in found:
        print(f"Environment: {line}", file=sys.stderr)
    if found:
        sys.exit(1)


def check_named_inputs():
    """A file named as an input is missing, or a file name has a brace; Snakemake would stop (on the missing input,
    or on a wildcard it cannot fill) before any check runs, so the input checks speak here first, in their
    own words (file, rule broken), as they would in the build."""
    if not (any(not Path(p).is_file() for p in READ) or any(
            "{" in p.name or "}" in p.name for d in (RAW, PUB) for p in Path(d).rglob("*"))):
        return
    from analysis.contract.validate import ValidationError, validate_package

    try:
        for package in (f"{RAW}/datapackage.json", f"{PUB}/datapackage.json"):
            validate_package(package)
    except ValidationError as err:
        print(err, file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # never a traceback for a bad input
        print(f"Invalid input: the input check stopped on {type(exc).__name__}: {exc} [rule: validator]",
              file=sys.stderr)
        sys.exit(1)


onstart:
    check_environment()


onsuccess:
    if not QUARTO:
        print("\nThe manuscript was NOT rendered: Quarto is not installed. Everything else is built.\n"
              "Read the shipped render in docs/, or install Quarto >= 1.7 (`python -m analysis.package.install_quarto`, "
              "or https://quarto.org/docs/get-started/) and run `snakemake -c2` again.",
              file=sys.stderr)
    cancel_pending_timers()


onerror:
    cancel_pending_timers()


# An output folder that is a file stops every Snakemake command, a dry run too: said here, when the
# workflow is read, in one line (the other checks of the environment wait for a run that executes: onstart).
from analysis.package.preflight import layout

check_environment(layout())
