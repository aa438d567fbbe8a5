"""The digest of a render's inputs, written where the render puts it into the HTML and the PDF.

Every render records what it was made from: one sha256 (analysis.manuscript.parts.render_digest)
over the registry, every generated part of the manuscript and the manuscript's own sources.
This step writes it into manuscript/_generated/ as an HTML header include
(`<meta name="replication-digest" content="…">`) and a Typst header include (the PDF's metadata, and
the digest as a line the PDF prints at its end, read back by pdf_digest), which _quarto.yml includes.  tests/test_shipped.py rebuilds
the derived data and fails when the shipped docs/ were made from other inputs.

It also stages a render: each render job (one format of one document) renders its own copy of
the manuscript folder, manuscript/_output/<format>-<document>/, because two Quarto processes in
one project folder lock each other out of its cache (.quarto/, "database is locked").

Run on its own:  python -m analysis.manuscript.render --root . \
    --out-html manuscript/_generated/digest.html --out-typst manuscript/_generated/digest.typ
                 python -m analysis.manuscript.render --root . --stage manuscript/_output/html-index
"""
from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

from analysis import escape as esc
from analysis.io import run, write_text_atomic

# The manuscript's own sources: both editions' .qmd, and what they share.  The generated parts are
# every file under manuscript/_generated/ (each edition's, the Vietnamese in vi/) but the digest's own.
SOURCES = ["manuscript/_quarto.yml", "manuscript/index.qmd", "manuscript/index.vi.qmd", "manuscript/references.bib",
           "manuscript/references.vi.bib", "manuscript/vi.csl",
           "manuscript/glossary.md", "manuscript/glossary.vi.md",
           "manuscript/styles.css", "manuscript/popover.html", "manuscript/title-block.html",
           "manuscript/typst-header.typ", "manuscript/headings.lua", "manuscript/edition-author.lua",
           "manuscript/_extensions/registry/_extension.yml", "manuscript/_extensions/registry/num.lua",
           "manuscript/_extensions/registry/num-span.lua"]
REGISTRY = "data/derived/numbers.json"
GENERATED = "manuscript/_generated"
# What the build records of itself (date, version, commit) is not an input of the render's content: it is
# left out of the digest, so that the digest still says whether the shipped render shows these inputs.
OWN = ("digest.html", "digest.typ", "vi/digest.typ", "build.yml")
EDITIONS = {"en": "manuscript/index.qmd", "vi": "manuscript/index.vi.qmd"}


def render_inputs(root: Path) -> list[Path]:
    """Every file the render reads: the registry, the sources, the generated parts."""
    parts = sorted(p for p in (root / GENERATED).rglob("*") if p.is_file() and p.relative_to(root / GENERATED).as_posix()
                   not in OWN)
    return [root / REGISTRY, *(root / s for s in SOURCES), *parts]


def digest_of(root: Path) -> str:
    from analysis.manuscript.parts import render_digest  # here, not above: the Snakefile imports SOURCES, not pandas
    return render_digest(render_inputs(root), root)


# A number's shortcode, `{{< num key >}}` or `{{<num key bare>}}` (the forms the manuscript and its parts
# use; any other is left to the shortcode itself).
SHORTCODE = re.compile(r"\{\{<\s*num\s+([A-Za-z0-9_.*-]+)(\s+bare)?\s*>\}\}")


def as_span(m: re.Match) -> str:
    """A number's shortcode as the span the render's filter reads (manuscript/_extensions/registry/num-span.lua):
    Quarto's handling of some hundreds of shortcodes costs seconds of every render; one filter's walk, not."""
    return f'[]{{.num key="{m.group(1)}"' + (' bare="1"' if m.group(2) else "") + "}"


# A bracketed list of source ids in a generated text ("[MOF_TBTC_202504]", "[ECB_X, IBT_Y]"), as the audit's
# reasons and the report print them.
SOURCE_IDS = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9_.\-]*(?:, [A-Za-z0-9][A-Za-z0-9_.\-]*)*)\]")
# the same list as Markdown escaping writes it ("\\[MOF\\_TBTC\\_202504\\]")
ESCAPED_IDS = re.compile(r"\\\[((?:[A-Za-z0-9.\-]|\\_)+(?:, (?:[A-Za-z0-9.\-]|\\_)+)*)\\\]")


def cite_sources(text: str, keys: set[str] | dict[str, str]) -> str:
    """Each bracketed list of source ids as an author-year citation of the sources' BibTeX entries
    (_generated/sources.bib, which keeps the id in each entry's note; the lineage keeps the ids): a list
    whose ids are not all sources stays as it is.  `keys` maps a key or alias to its entry's key
    (parts.bib_keys), so two ids of one publication are cited once."""
    from analysis.manuscript.parts import bib_key
    entry = keys if isinstance(keys, dict) else {k: k for k in keys}

    def cite(ids: list[str]) -> str:
        return "[" + "; ".join(dict.fromkeys(f"@{entry[bib_key(i)]}" for i in ids)) + "]"

    def one(m: re.Match) -> str:
        ids = m.group(1).split(", ")
        if not all(bib_key(i) in entry for i in ids) or m.start() > 0 and m.string[m.start() - 1] in "]!":
            return m.group(0)
        return cite(ids)

    def escaped(m: re.Match) -> str:
        ids = m.group(1).replace("\\_", "_").split(", ")
        if not all(bib_key(i) in entry for i in ids):
            return m.group(0)
        return cite(ids)

    return SOURCE_IDS.sub(one, ESCAPED_IDS.sub(escaped, text))


# A number written out in a generated text (an audit reason quotes its figures): its unit, and a hedge word
# before it, are held to it with no-break spaces, as the shortcode holds a registry number's.
NUMBER_WITH_WORDS = re.compile(r"\b((?:khoảng|hơn|trên|gần|chỉ|about|over|nearly)[ \u00a0])?([~↑↓+−-]?\d[\d.,\u2009]*)"
                               r"((?:[ \u00a0](?:bn|mn|tỷ|triệu))?(?:[ \u00a0](?:USD|TIV|SGD|pp)\b))?")


def hold_numbers(text: str) -> str:
    """No-break spaces between a written-out number and its unit words, and after a hedge word before it."""
    def one(m: re.Match) -> str:
        hedge, number, unit = m.group(1) or "", m.group(2), m.group(3) or ""
        if not (hedge or unit):
            return m.group(0)
        return hedge.replace(" ", "\u00a0") + number + unit.replace(" ", "\u00a0")

    # a thin space between digit groups (the Vietnamese form, 1 225) is a place to break a line: a narrow
    # no-break space, as the shortcode writes a registry number's, is not
    return DIGIT_GROUP.sub("\u202f", NUMBER_WITH_WORDS.sub(one, text))


DIGIT_GROUP = re.compile(r"(?<=\d)\u2009(?=\d)")


def stage(root: Path, dest: Path) -> int:
    """A fresh copy of what the render reads from manuscript/ (sources and generated parts) in dest,
    with every number's shortcode written as the span the render's filter reads (as_span), the popovers'
    data left for after the render (POPOVER_SLOT), and every bracketed list of
    source ids in the generated parts an author-year citation (cite_sources)."""
    shutil.rmtree(dest, ignore_errors=True)
    files = [root / s for s in SOURCES] + sorted(p for p in (root / GENERATED).rglob("*") if p.is_file())
    bib = root / GENERATED / "sources.bib"
    from analysis.manuscript.parts import bib_keys
    keys = bib_keys(bib.read_text(encoding="utf-8")) if bib.is_file() else {}
    for f in files:
        target = dest / f.relative_to(root / "manuscript")
        target.parent.mkdir(parents=True, exist_ok=True)
        if f.name == "lineage_data.md":
            target.write_text(POPOVER_SLOT_PART, encoding="utf-8")  # filled after the render (fill_popovers)
        elif f.suffix in (".md", ".qmd"):
            text = SHORTCODE.sub(as_span, f.read_text(encoding="utf-8"))
            if f.suffix == ".md" and f.name != "lineage_typst.md":
                text = hold_numbers(cite_sources(text, keys))
            target.write_bytes(text.encode("utf-8"))
        else:
            shutil.copyfile(f, target)
    return len(files)


# The popovers' data (each edition's lineage_data.md: some hundreds of kB of JSON in one script element) is
# not given to Quarto: each of its passes over the page would carry it, some seconds of every HTML render.
# The staged copy holds the element empty; the rendered page gets the data in that one place afterwards.
POPOVER_SLOT = '<script type="application/json" id="lineage-data">{}</script>'
POPOVER_SLOT_PART = f"```{{=html}}\n{POPOVER_SLOT}\n```\n"
POPOVER_DATA = re.compile(r'<script type="application/json" id="lineage-data">[^<]*</script>')
# the words the page's script writes (parts.PAGE_WORDS), carried in the same part and put in the same place
PAGE_WORDS_DATA = re.compile(r'<script type="application/json" id="page-words">[^<]*</script>')


def fill_popovers(page: str, part: str) -> str:
    """The rendered page with the popovers' data in its one empty slot (the data element of the part), and the
    page's words (the part's page-words element) beside it."""
    data = POPOVER_DATA.findall(part)
    if len(data) != 1:
        raise ValueError(f"the popovers' data part holds {len(data)} data elements, not one")
    if page.count(POPOVER_SLOT) != 1:
        raise ValueError(f"the rendered page holds {page.count(POPOVER_SLOT)} slots for the popovers' data, not one")
    return page.replace(POPOVER_SLOT, data[0] + "".join("\n" + w for w in PAGE_WORDS_DATA.findall(part)))


# Typst writes a document ID (XMP DocumentID and the first string of the trailer's /ID), which some builds derive
# from the folder the file is rendered in: the same inputs rendered in two folders then differ in those bytes.
PDF_DOCUMENT_ID = re.compile(rb"<xmpMM:DocumentID>([A-Za-z0-9+/]{22}==)</xmpMM:DocumentID>")


def stable_pdf_id(pdf: bytes, name: str) -> bytes:
    """The PDF with its document ID made from its name (the package's and the file's: each edition its own ID, the
    same in every revision, a permanent identifier as that first ID is meant to be), wherever it was rendered: the
    same length (16 bytes, base64), in the same two places, so no offset of the file moves.  A PDF without such an
    ID, or with it in other places than those two, is left as it is."""
    import base64
    import hashlib
    found = PDF_DOCUMENT_ID.findall(pdf)
    if len(found) != 1 or pdf.count(found[0]) != 2 or pdf.count(b"/ID [(" + found[0] + b") (") != 1:
        return pdf
    stable = base64.b64encode(hashlib.sha256(name.encode("utf-8")).digest()[:16])
    return pdf.replace(found[0], stable)


def html_include(digest: str) -> str:
    return f'<meta name="replication-digest" content="{digest}">\n'


def read_include(text: str) -> str:
    """The digest an HTML include of html_include's records."""
    m = re.search(r'<meta name="replication-digest" content="([0-9a-f]{64})">', text)
    if not m:
        raise ValueError("the digest include holds no replication-digest")
    return m.group(1)


def front_matter(path: Path) -> dict:
    """A .qmd's YAML front matter."""
    import yaml
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---")) or {}


def plain(text: str) -> str:
    """Metadata text without Markdown's marks (the PDF's Title and Subject are plain strings)."""
    return re.sub(r"[*_`]", "", re.sub(r"\[-?@[^\]]*\]", "", str(text))).strip()


def citation(root: Path) -> dict:
    """The maintainers and the contact as CITATION.cff gives them: authors' names (a person's given and
    family names, or an entity's name) and the first e-mail, else the repository or URL given there."""
    import yaml
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8")) or {}
    names, mails, persons = [], [], []
    for a in cff.get("authors", []):
        names.append(a.get("name") or " ".join(x for x in (a.get("given-names"), a.get("family-names")) if x))
        if a.get("family-names") or a.get("given-names"):
            persons.append(names[-1])
        if a.get("email"):
            mails.append(a["email"])
    contact = (mails[0] if mails else cff.get("contact", [{}])[0].get("email") if cff.get("contact") else None) \
        or cff.get("repository-code") or cff.get("url") or ""
    return {"maintainers": [n for n in names if n], "contact": contact, "persons": persons,
            "license": cff.get("license") or "", "title": cff.get("title") or ""}


def project_table(root: Path) -> dict:
    """pyproject.toml's [project] table: the package's name, version, dependencies and Python."""
    import tomllib
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def build_info(root: Path, env: dict | None = None) -> dict:
    """What the build records of itself: the package's version (pyproject.toml), the commit of the sources and
    their date.  The commit is the last one that changed a file outside docs/ (the render's own commit after it
    holds the same sources; in a shallow clone, at most the oldest commit it holds), with '+changes' when the
    working tree differs from it outside docs/ (a changed, staged or untracked file that git does not ignore, or a
    state git cannot tell); a copy without .git, or without git, says 'unknown'.  The date is SOURCE_DATE_EPOCH's
    when set, else that commit's own (reproducible-builds.org's source date) when nothing differs, else today
    (UTC).  So two builds of one commit's sources record the same, on any day."""
    import datetime
    import os
    import subprocess
    env = os.environ if env is None else env
    version = project_table(root)["version"]
    commit, stamp = "unknown", env.get("SOURCE_DATE_EPOCH")
    if (root / ".git").exists():
        try:
            git = lambda *args: subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=20)
            sources = (".", ":(exclude)docs")
            last = git("log", "-1", "--no-show-signature", "--abbrev=12", "--format=%h %ct", "--", *sources)
            if last.returncode == 0 and len(last.stdout.split()) == 2:
                commit, committed = last.stdout.split()
                status = git("status", "--porcelain", "--", *sources)
                if status.returncode != 0 or status.stdout.strip():
                    commit += "+changes"
                elif not stamp:
                    stamp = committed
        except (OSError, subprocess.SubprocessError):
            commit = "unknown"
    when = (datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc) if stamp
            else datetime.datetime.now(datetime.timezone.utc))
    return {"build-date": when.strftime("%Y-%m-%d"), "build-version": version, "build-commit": commit}


COMMIT = re.compile(r"[0-9a-f]{7,40}(\+changes)?|unknown")  # what build_info writes as the commit


ARTICLE_DATES = ("received", "reviewed", "accepted")
# The Quarto release the package pins (analysis/package/install_quarto.py's VERSION; the package layer is above this
# one, so the value is repeated here and tests/test_manuscript.py checks the two agree) and what it bundles: `quarto pandoc --version`
# and `quarto typst --version` of that release (tests/test_rendered.py checks them where Quarto is installed).
QUARTO_BUNDLE = {"Quarto": "1.7.34", "pandoc": "3.6.1", "Typst": "0.13.0"}
# The packages the summary names: the project's dependencies (pyproject.toml) and NumPy, as requirements.lock pins
# them for the Python the package was last run with.
LOCK_PYTHON = "3.11"


def pinned(root: Path) -> dict[str, str]:
    """The versions requirements.lock pins for CPython LOCK_PYTHON on Linux of the project's dependencies (and NumPy),
    by the names pyproject.toml gives them: read from the files, never from the machine."""
    from packaging.requirements import Requirement

    from analysis.io import lock_pins
    deps = project_table(root)["dependencies"]
    wanted = {Requirement(d).name.lower(): Requirement(d).name for d in deps} | {"numpy": "NumPy"}
    pins = lock_pins((root / "requirements.lock").read_text(encoding="utf-8"), LOCK_PYTHON)
    return {wanted[n.lower()]: v for n, v in pins.items() if n.lower() in wanted}


def environment_words(root: Path, lang: str) -> str:
    """The manuscript's computing environment: what the package pins (Python, the main packages, Quarto and what it
    bundles), the same on every machine; the machine's own facts are the standalone report's."""
    from analysis.words import msg
    python = project_table(root)["requires-python"].replace(">=", "≥ ")
    packages = ", ".join(f"{n} {v}" for n, v in pinned(root).items())
    return msg("ms.environment", lang, python=python, lock_python=LOCK_PYTHON, packages=packages, quarto=QUARTO_BUNDLE["Quarto"],
               pandoc=QUARTO_BUNDLE["pandoc"], typst=QUARTO_BUNDLE["Typst"])


def article_record(root: Path) -> dict:
    """What the audited article prints about itself, as references.bib keeps it (entry tran2026): the dates of
    receipt, end of review and acceptance (ISO dates) and the author's affiliation."""
    bib = (root / "manuscript" / "references.bib").read_text(encoding="utf-8")
    entry = re.search(r"@article\{tran2026,(.*?)\n\}", bib, re.S)
    if not entry:
        return {}
    return {k: v for k, v in re.findall(r"^\s*(\w+) = \{(.*)\},?$", entry.group(1), re.M)
            if k in (*ARTICLE_DATES, "affiliation")}


def _date_words(iso: str, lang: str) -> str:
    """A date in the edition's words (ms.date, the month's name ms.month.*): '2 March 2026'; 'ngày 2 tháng 3 năm
    2026' (the catalog's month names, not the machine's locale)."""
    import datetime
    from analysis.words import msg
    d = datetime.date.fromisoformat(iso)
    return msg("ms.date", lang, day=d.day, month=msg(f"ms.month.{d.month:02d}", lang), year=d.year)


def meta_yaml(info: dict, cite: dict, article: dict | None = None, environment: dict | None = None) -> str:
    """The metadata Quarto reads for every document (metadata-files in _quarto.yml), as JSON (a subset
    of YAML, so every value is quoted and escaped): the build's record, the maintainers and contact, the
    licence and how to cite (CITATION.cff; where it names no person or no contact, one sentence says so), and
    the dates the audited article prints."""
    import json
    from analysis.words import msg
    # Quarto reads a metadata string as Markdown, so each text from a file (CITATION.cff's names, title, licence
    # and contact, pyproject.toml's version) is escaped as Markdown text first: shown as written, never as markup.
    # The commit, shown in a code span, is kept only in the form build_info writes, else 'unknown'.
    info = {k: (v if k == "build-commit" else esc.md_text(v)) for k, v in info.items()}
    if "build-commit" in info and not COMMIT.fullmatch(str(info["build-commit"])):
        info["build-commit"] = "unknown"
    cite = {**cite, "maintainers": [esc.md_text(n) for n in cite["maintainers"]],
            "contact": esc.md_text(cite["contact"]) if cite["contact"] else "",
            "title": esc.md_text(cite["title"]) if cite.get("title") else cite.get("title"),
            "license": esc.md_text(cite["license"]) if cite.get("license") else cite.get("license")}
    meta = {**info, "author": cite["maintainers"] or ["unknown"],
            "contact": cite["contact"] or msg("ms.identity.no_contact", "en"),
            "contact-vi": cite["contact"] or msg("ms.identity.no_contact", "vi")}
    # the Vietnamese edition's title page names the maintainers in Vietnamese where CITATION.cff gives the entity's
    # English name (the catalog's ms.identity.maintainers); a person's name stays as written (edition-author.lua)
    entity = msg("ms.identity.maintainers", "en")
    meta["author-vi"] = [msg("ms.identity.maintainers", "vi") if n == entity else n for n in meta["author"]]
    for lang, suffix in (("en", ""), ("vi", "-vi")):
        meta[f"contact-line{suffix}"] = msg("ms.identity.contact", lang, contact=cite["contact"]) if cite["contact"] else ""
        meta[f"licence{suffix}"] = msg("ms.identity.licence", lang, licence=cite.get("license") or "—")
        # the Vietnamese edition names the maintainers as its title page does; the package's title is cited as
        # CITATION.cff publishes it, in English, marked so
        who = meta["author-vi"] if lang == "vi" and cite["maintainers"] else cite["maintainers"]
        title = cite.get("title") or "—"
        if lang != "en" and cite.get("title"):
            title = f'[{title}]{{lang="en"}}'
        meta[f"cite-as{suffix}"] = msg("ms.identity.cite", lang, who=", ".join(who) or "—",
                                      year=info.get("build-date", "")[:4], title=title,
                                      version=info.get("build-version", ""), commit=info.get("build-commit", ""))
        missing = [w for w, gone in (("person", not cite.get("persons")), ("contact", not cite["contact"])) if gone]
        meta[f"cff-note{suffix}"] = msg(f"ms.identity.cff_lacks_{'_'.join(missing)}", lang) if missing else ""
        if environment:
            meta[f"environment{suffix}"] = environment[lang]
        for k in ARTICLE_DATES:
            if (article or {}).get(k):
                meta[f"article-{k}{suffix}"] = _date_words(article[k], lang)
    return "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())


def _typst_str(text: str) -> str:
    """A Typst string literal (escape.typst_string: quotes, backslashes, line breaks and shortcodes)."""
    return esc.typst_string(text)


def typst_include(digest: str, front: dict | None = None, cite: dict | None = None, info: dict | None = None,
                  lang: str = "en") -> str:
    """The PDF's metadata: Title, Author, Subject and Keywords (the edition's keywords only), and the render's
    digest as a line of text the edition prints at its end (render-digest-note, placed by headings.lua): in the
    PDF that was rendered, where a freshness check reads it (pdf_digest), not in the metadata a catalogue
    shows.  Typst 0.13, which Quarto 1.7 bundles, writes no tagged PDF (tags came with Typst 0.14)."""
    front, cite, info = front or {}, cite or {"maintainers": []}, info or {}
    # the edition's own keywords; the version, commit and date of the sources are on the first page, the digest on the last
    fields = [f"keywords: ({''.join(_typst_str(k) + ', ' for k in front.get('keywords', []))})"]
    if front.get("title"):
        fields.append(f"title: {_typst_str(plain(front['title']))}")
    if front.get("subtitle"):
        fields.append(f"description: {_typst_str(plain(front['subtitle']))}")
    if cite["maintainers"]:
        fields.append(f"author: ({''.join(_typst_str(n) + ', ' for n in cite['maintainers'])})")
    from analysis.words import msg
    note = _typst_str(msg("ms.render_digest", lang, digest=digest))
    return (f"#set document({', '.join(fields)})\n"
            f"#let render-digest-note = block(above: 2em, text(size: 7pt, hyphenate: false, {note}))\n")


def pdf_digest(text: str) -> str | None:
    """The digest a PDF's text prints (the note of typst_include, in either edition's words), else None: read
    from the text without its layout, since a line may break anywhere in it."""
    from analysis.words import LANGS, msg
    flat = re.sub(r"\s+", "", text)
    for lang in LANGS:
        label = re.sub(r"\s+", "", msg("ms.render_digest", lang, digest="\0").split("\0")[0])
        found = re.search(re.escape(label) + r"([0-9a-f]{64})", flat)
        if found:
            return found.group(1)
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=".", help="the repository root")
    ap.add_argument("--out-html")
    ap.add_argument("--out-typst", help="the English edition's Typst header (the Vietnamese one: vi/ beside it)")
    ap.add_argument("--out-meta", help="the build's record of itself and the maintainers, for every document")
    ap.add_argument("--stage", metavar="DIR", help="copy the manuscript's sources and parts into DIR instead")
    ap.add_argument("--fill", nargs=3, metavar=("PAGE", "DATA", "OUT"),
                    help="write the rendered PAGE with the popovers' data of the part DATA to OUT instead")
    ap.add_argument("--pdf", nargs=2, metavar=("PDF", "OUT"),
                    help="write the rendered PDF to OUT with a document ID made from the package's and OUT's names instead")
    args = ap.parse_args(argv)
    if args.pdf:
        from analysis.io import write_bytes_atomic
        pdf, out = (Path(p) for p in args.pdf)
        project = project_table(Path(args.root))["name"]
        write_bytes_atomic(out, stable_pdf_id(pdf.read_bytes(), f"{project}/{out.name}"))
        print(f"wrote {pdf} to {out}, its document ID made from {project}/{out.name}")
        return 0
    if args.stage:
        print(f"staged {stage(Path(args.root), Path(args.stage))} files in {args.stage}")
        return 0
    if args.fill:
        page, data, out = (Path(p) for p in args.fill)
        try:
            filled = fill_popovers(page.read_text(encoding="utf-8"), data.read_text(encoding="utf-8"))
        except ValueError as err:
            print(f"render: {page}: {err}")
            return 1
        write_text_atomic(out, filled)
        print(f"wrote {page} with the popovers' data of {data} to {out}")
        return 0
    if not (args.out_html and args.out_typst):
        ap.error("--out-html and --out-typst are required (or --stage)")
    root = Path(args.root)
    digest, cite, info = digest_of(root), citation(root), build_info(root)
    write_text_atomic(Path(args.out_html), html_include(digest))
    for lang, qmd in EDITIONS.items():
        out = Path(args.out_typst) if lang == "en" else Path(args.out_typst).parent / lang / Path(args.out_typst).name
        write_text_atomic(out, typst_include(digest, front_matter(root / qmd), cite, info, lang))
    if args.out_meta:
        env = {lang: environment_words(root, lang) for lang in ("en", "vi")}
        write_text_atomic(Path(args.out_meta), meta_yaml(info, cite, article_record(root), env))
    print(f"render digest {digest} of {len(render_inputs(Path(args.root)))} files")
    return 0


if __name__ == "__main__":
    run(main)
