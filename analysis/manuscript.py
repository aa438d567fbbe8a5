"""The parts of the manuscript the workflow writes: tables, the audit, the data statement and the lineage.

Quarto runs no code.  This step writes Markdown into manuscript/_generated/ that the
.qmd files include.  Every number in it is a `{{< num key >}}` shortcode (the project's
extension prints the registry's display form and links it to its lineage entry), so a
table cell and a sentence in the prose go through the same path.  The lineage appendix
covers every key the manuscript uses, in the .qmd files and in these parts; a key the
registry lacks stops this step, naming the key and the file that uses it.

Run on its own:  python -m analysis.manuscript --registry data/derived/numbers.json \
    --audit data/derived/audit.csv --table1 data/derived/table1.csv --table2 data/derived/table2.csv \
    --figures data/derived/figures --qmd manuscript/index.qmd --outdir manuscript/_generated
"""
from __future__ import annotations

import argparse
import csv
import html
import re
import sys
from pathlib import Path

import pandas as pd

from analysis.article import ARMS_PERIODS as PERIODS
from analysis.io import read_json, rel, run, write_bytes_atomic, write_text_atomic
from analysis.registry import shortcode

SHORTCODE = re.compile(r"\{\{<\s*num\s+([^\s>]+)\s*>\}\}")
PLACES = {"manuscript/index.qmd": "the text", "_generated/table1.md": "Table 1 replicated",
          "_generated/table2.md": "Table 2 replicated", "_generated/arms_periods.md": "the arms periods table",
          "_generated/arms_claims.md": "the arms claims table", "_generated/text_claims.md": "the text claims table",
          "_generated/discrepancies.md": "the list of discrepancies", "_generated/audit.md": "the full audit table",
          "_generated/data_availability.md": "the data statement",
          "manuscript/_generated/rules.md": "the audit's rules", "manuscript/_generated/claims.md": "the claims in words",
          "manuscript/_generated/report.md": "the replication report"}


num = shortcode  # a registry number in a generated part


def anchor(key: str) -> str:
    """The id of a key's lineage entry (the same rule as the shortcode's Lua code)."""
    return "lineage-" + key.replace(".", "-").replace("*", "x")


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def pipe_table(header: list[str], rows: list[list[str]], caption: str, label: str,
               widths: list[int] | None = None) -> str:
    """A pipe table.  `widths`, relative column widths, become the separator's dashes, which pandoc
    reads as widths when a row is longer than 72 characters (with a number's shortcode, every row
    is): a long text column gets room instead of wrapping word by word down the PDF's page."""
    dashes = ["-" * w for w in widths] if widths else ["---"] * len(header)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(dashes) + "|"]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + f"\n\n: {caption} {{#{label}}}\n"


def maybe(numbers: dict, key: str) -> str:
    return num(key) if key in numbers else "—"


def keys_in(text: str) -> list[str]:
    return SHORTCODE.findall(text)


# --- the parts -------------------------------------------------------------------

def table1_part(t1: pd.DataFrame, audit: pd.DataFrame, numbers: dict) -> str:
    rows = []
    printed = audit[audit["result"] == "table1"].set_index("key")
    for _, r in t1.iterrows():
        p = r["partner_key"]
        a = printed.loc[f"trade.turnover_2024.{p}"]
        rows.append([r["partner"], num(f"printed.{a['id']}"), maybe(numbers, f"trade.exports_2024.{p}"),
                     maybe(numbers, f"trade.imports_2024.{p}"), num(f"trade.turnover_2024.{p}"),
                     maybe(numbers, f"trade.mirror_turnover_2024.{p}"), maybe(numbers, f"trade.share_2024.{p}"),
                     num(f"audit.verdict.{a['id']}")])
    return pipe_table(["Partner", "Printed", "Exports", "Imports", "Turnover", "Partner side", "Share", "Verdict"],
                      rows, "The article's Table 1 replicated: Vietnam's goods trade in 2024 as printed and as recomputed from "
                      "Vietnamese official figures (exports and imports in billion USD; share of Vietnam's total "
                      "goods trade; partner-side figures where the raw data hold them)", "tbl-table1")


def table2_part(t2: pd.DataFrame, audit: pd.DataFrame, numbers: dict) -> str:
    t2a = audit[audit["result"] == "table2"]
    by_item = {}
    for _, a in t2a.iterrows():
        by_item[a["item"]] = a["id"]
    rows = []
    for _, r in t2.iterrows():
        p, name = r["partner_key"], r["partner"]
        if p == "total":
            value_id, yoy_id = by_item["Total registered capital 2025"], by_item["Total: change on 2024"]
        elif p == "others":
            value_id = by_item["All other partners: total registered capital 2025"]
            yoy_id = by_item["All other partners: change on 2024"]
        else:
            value_id, yoy_id = by_item[f"{name}: total registered capital 2025"], by_item[f"{name}: change on 2024"]
        rank_id = by_item.get(f"{name}: rank change on 2024")
        rows.append([name, num(f"printed.{value_id}"), num(f"printed.{yoy_id}"),
                     num(f"printed.{rank_id}") if rank_id else "—",
                     maybe(numbers, f"fdi.share.{p}"), maybe(numbers, f"fdi.implied_base_2024.{p}"),
                     maybe(numbers, f"fdi.value_2024.{p}"), maybe(numbers, f"fdi.yoy.{p}"),
                     num(f"audit.verdict.{yoy_id}")])
    return pipe_table(["Partner", "Printed 2025", "Printed change", "Printed rank change", "Share", "Implied 2024",
                       "Known 2024", "Recomputed change", "Verdict on change"], rows,
                      "The article's Table 2 replicated: registered foreign investment in 2025 (million USD) as printed, each "
                      "partner's share of the total, the 2024 value each printed change implies, the 2024 value "
                      "where the raw data hold it, and the change recomputed from it", "tbl-table2")


def arms_periods_part(numbers: dict) -> str:
    rows = []
    for release in ("r2022", "current"):
        for first, last in PERIODS:
            base = f"arms.{release}.p{first}_{last}"
            if f"{base}.sum" not in numbers:
                continue
            rows.append([f"{first}–{last}", release, num(f"{base}.min") + " (" + num(f"{base}.min_year") + ")",
                         num(f"{base}.max") + " (" + num(f"{base}.max_year") + ")", num(f"{base}.sum"),
                         maybe(numbers, f"{base}.russia_share")])
    return pipe_table(["Period", "Release", "Lowest year", "Highest year", "Sum", "Russia's share"], rows,
                      "Vietnam's arms imports by period, SIPRI trend-indicator values (millions), in the release "
                      "the article used and in the current release", "tbl-arms-periods")


def claims_part(audit: pd.DataFrame, result: str, caption: str, label: str, numbers: dict) -> str:
    rows = []
    for _, a in audit[audit["result"] == result].iterrows():
        recomputed = num(a["key"]) if a["key"] in numbers else "—"
        row = [a["id"], a["item"], num(f"printed.{a['id']}"), recomputed, num(f"audit.verdict.{a['id']}")]
        if result == "arms":
            tail = a["key"].split(".", 2)[-1] if a["key"].startswith("arms.") else ""
            row.insert(4, maybe(numbers, f"arms.current.{tail}") if tail and a["key"] != f"arms.current.{tail}" else "—")
        rows.append(row)
    header, widths = ["ID", "Claim", "Printed", "Recomputed", "Verdict"], [7, 43, 18, 18, 14]
    if result == "arms":
        header = ["ID", "Claim", "Printed", "Release used", "Current release", "Verdict"]
        widths = [7, 35, 16, 14, 14, 14]
    return pipe_table(header, rows, caption, label, widths)


def discrepancies_part(audit: pd.DataFrame) -> str:
    out = []
    for _, a in audit[audit["verdict"] == "discrepancy"].iterrows():
        reason = a["reason"].removeprefix(f"Printed {a['printed']}; ")  # the shortcode shows the printed form
        out.append(f"- **{a['id']}, {a['item']}** ({a['location']}), printed {num('printed.' + a['id'])}: "
                   f"{cell(reason)}")
    return "\n".join(out) + "\n"


def audit_part(audit: pd.DataFrame, numbers: dict) -> str:
    rows = [[a["id"], a["item"], num(f"printed.{a['id']}"), num(a["key"]) if a["key"] in numbers else "—",
             num(f"audit.verdict.{a['id']}")] for _, a in audit.iterrows()]
    return pipe_table(["ID", "Printed number", "Printed", "Recomputed", "Verdict"], rows,
                      "Every number the article prints, with its verdict", "tbl-audit", [7, 43, 18, 18, 14])


def read_sources(paths: list[str]) -> list[dict]:
    """Every raw source (one row of a folder's sources.csv), in the order the rule lists the files."""
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            out += list(csv.DictReader(f))
    return out


def bib_key(source_id: str) -> str:
    return "src-" + re.sub(r"[^A-Za-z0-9]+", "-", source_id).strip("-").lower()


def _bib_escape(text: str) -> str:
    """Plain text for a BibTeX field: no braces of its own, and LaTeX's special characters escaped."""
    text = text.replace("\\", "").replace("{", "").replace("}", "")
    for ch in "&%$#_":
        text = text.replace(ch, "\\" + ch)
    return text


def sources_bib(sources: list[dict]) -> str:
    """BibTeX entries for every raw source (publisher as author, title as published, date, URL),
    cited in the data statement.  Titles are braced so that no style recases them."""
    out = []
    for s in sources:
        if True:
            fields = {"author": "{" + _bib_escape(s["publisher"]) + "}",
                      "title": "{" + _bib_escape(s["title"] or f"Figures reported by {s['publisher']}") + "}",
                      "year": _bib_escape(s["date"][:4]), "url": s["url"],
                      "note": "Source id " + _bib_escape(s["source_id"])}
            if len(s["date"]) == 10:
                fields["date"] = s["date"]
            body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
            out.append(f"@online{{{bib_key(s['source_id'])},\n{body}\n}}\n")
    return "\n".join(out)


def data_statement(raw_pkg: dict, pub_pkg: dict) -> str:
    """Data availability statement, read off the manifests: every file, its checksum, terms and sources."""
    out = ["All inputs ship with the replication package under `data/raw/`. The manifest "
           "`data/raw/datapackage.json` records for each file its size, SHA-256 checksum, schema, licence or "
           "terms, and every source with publisher, title, date, URL and a short quotation. The workflow "
           "checks each file against the manifest before it computes anything.", ""]
    rows, cited = [], []
    for r in raw_pkg["resources"]:
        if r["path"].endswith((".md", "sources.csv")):
            continue
        cites = [f"@{bib_key(s['x-source-id'])}" for s in r.get("sources", []) if s.get("x-source-id")]
        terms = "; ".join(lic.get("name") or lic["title"] for lic in r.get("licenses", raw_pkg["licenses"]))
        rows.append([f"`{r['path']}`", r.get("title", ""), f"`{r['hash'].split(':')[1][:12]}`", terms,
                     str(len(cites)) if cites else "—"])
        if cites:
            cited.append(f"- `{r['path']}`: [{'; '.join(cites)}]")
    for r in pub_pkg["resources"]:
        rows.append([f"`published/{r['path']}`", r.get("title", ""), f"`{r['hash'].split(':')[1][:12]}`",
                     "brief quotation with attribution", "1"])
        cited.append(f"- `published/{r['path']}`: [@tran2026]")
    # The sources, a list that can be longer than a page, follow the table as one paragraph per file.
    out.append(pipe_table(["File", "Content", "SHA-256 (first 12)", "Terms", "Sources"], rows,
                          "Every input file, its checksum, its terms of use and the number of its sources, listed "
                          "below", "tbl-data", [26, 28, 13, 26, 7]))
    out.append("\nThe sources of each file:\n")
    out += cited
    gaps = [(r["path"], note) for r in raw_pkg["resources"] for note in r.get("x-not-consulted", [])]
    if gaps:
        out.append("\nWhat could not be consulted:\n")
        out += [f"- `{path}`: {cell(note)}" for path, note in gaps]
    return "\n".join(out) + "\n"


def _sentence(text: str) -> str:
    text = cell(text).rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def lineage_part(keys: list[str], numbers: dict, where: dict[str, str], sources: list[dict]) -> str:
    """The lineage appendix in two forms, one per format.  HTML: one entry per key the manuscript
    shows (what it is, the rule, the script, the inputs with checksums, the sources, where it is shown).
    PDF: the same keys grouped, one entry for the keys that share script, rule, inputs and sources
    (lineage_typst), so that the paper stays short; every key keeps its own link target in both."""
    publishers = {s["source_id"]: s["publisher"] for s in sources}
    # HTML as a raw block: pandoc reads one block instead of some thousands of inlines, and Typst skips it
    out = ["```{=html}"]
    for key in sorted(keys):
        e = numbers[key]
        script = e["step"].replace(".", "/") + ".py"
        inputs = "; ".join(f"<code>{_h(i['path'])}</code> (sha256 <code>{i['sha256'][:12]}</code>)"
                           for i in e["inputs"]) or "—"
        sources = "; ".join(_h(f"{s} ({publishers.get(s, 'see sources.csv')})") for s in e["sources"]) or "—"
        out.append(f'<div id="{anchor(key)}" class="lineage"><p><strong><code>{_h(key)}</code></strong> = '
                   f'<span class="lineage-value">{_h(e["display"])}</span>. {_h(_sentence(e["label"]))}<br>\n'
                   f'Rule: <span class="lineage-rule">{_h(_sentence(e["rule"]))}</span><br>\n'
                   f"Computed by <code>{_h(script)}</code>; inputs: {inputs}.<br>\n"
                   f"Sources: {sources}.<br>\nShown in: {_h(where[key])}.</p></div>")
    out.append("```\n")
    out.append(lineage_typst(keys, numbers, publishers))
    return "\n".join(out)


def _h(text: str) -> str:
    return html.escape(str(text), quote=True)


# A rule's varying parts: numbers (years, periods, sections) and quoted names (rows, columns).
_VARYING = re.compile(r"\d[\d,.]*(?:[–-]\d[\d,.]*)?|'[^']*'")


def _rule_pattern(rules: list[str]) -> str:
    """The rule a group of keys shares, with the parts that differ between them shown as '…'."""
    split = [_VARYING.split(r) for r in rules]
    found = [_VARYING.findall(r) for r in rules]
    shown = [f[0] if all(x == f[0] for x in f) else "…" for f in zip(*found)]
    return "".join(t + (shown[i] if i < len(shown) else "") for i, t in enumerate(split[0]))


def _typst_str(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def lineage_typst(keys: list[str], numbers: dict, publishers: dict[str, str]) -> str:
    """The PDF's lineage, a raw Typst block.  The keys with the same script, inputs and sources share
    one entry that names them once; in it, the keys with the same rule (up to its years, periods and
    quoted names) share one line, which lists each key with its value and its own link target (the id
    the shortcode links to)."""
    groups: dict[tuple, dict[str, list[str]]] = {}
    for key in sorted(keys):
        e = numbers[key]
        sig = (e["step"], tuple((i["path"], i["sha256"][:12]) for i in e["inputs"]), tuple(e["sources"]))
        groups.setdefault(sig, {}).setdefault(_VARYING.sub("…", e["rule"]), []).append(key)
    out = ["```{=typst}",
           "#let lineage-entry(script, inputs, sources, rules) = block(breakable: true, above: 0.8em, below: 0.8em, {",
           "  set text(size: 7.5pt)",
           "  set par(justify: false, leading: 0.45em, spacing: 0.4em)",
           "  [*Script:* #raw(script). *Inputs:* ]",
           "  if inputs.len() == 0 [—] else { inputs.map(((p, h)) => [#raw(p) (sha256 #raw(h))]).join(\"; \") }",
           "  [. *Sources:* ]",
           "  if sources.len() == 0 [—] else { sources.join(\"; \") }",
           "  [.]",
           "  for (rule, keys) in rules {",
           "    parbreak()",
           "    [_Rule: #rule._ ]",
           "    keys.map(((k, v, id)) => [#box[#raw(k) = #v]#label(id)]).join([ · ])",
           "  }",
           "})"]
    for (step, inputs, srcs), rules in groups.items():
        lines = []
        for ks in rules.values():
            rule = _rule_pattern([numbers[k]["rule"] for k in ks]).rstrip(".")
            lines.append(f"({_typst_str(rule)}, (" + "".join(
                f"({_typst_str(k)}, {_typst_str(numbers[k]['display'])}, {_typst_str(anchor(k))}), " for k in ks) + ")), ")
        out.append("#lineage-entry(" + ", ".join([
            _typst_str(step.replace(".", "/") + ".py"),
            "(" + "".join(f"({_typst_str(p)}, {_typst_str(h)}), " for p, h in inputs) + ")",
            "(" + "".join(_typst_str(f"{s} ({publishers.get(s, 'see sources.csv')})") + ", " for s in srcs) + ")",
            "(" + "".join(lines) + ")"]) + ")")
    out.append("```\n")
    return "\n".join(out)


# --- assembling --------------------------------------------------------------------

def parts(numbers: dict, audit: pd.DataFrame, t1: pd.DataFrame, t2: pd.DataFrame,
          raw_pkg: dict, pub_pkg: dict) -> dict[str, str]:
    return {
        "table1.md": table1_part(t1, audit, numbers),
        "table2.md": table2_part(t2, audit, numbers),
        "arms_periods.md": arms_periods_part(numbers),
        "arms_claims.md": claims_part(audit, "arms", "The arms-import claims of section 3.1: printed, in the "
                                      "SIPRI release the article used, and in the current release", "tbl-arms-claims",
                                      numbers),
        "text_claims.md": claims_part(audit, "text", "Trade and investment figures in the article's text",
                                      "tbl-text-claims", numbers),
        "discrepancies.md": discrepancies_part(audit),
        "audit.md": audit_part(audit, numbers),
        "data_availability.md": data_statement(raw_pkg, pub_pkg),
    }


def used_keys(texts: dict[str, str], numbers: dict) -> dict[str, str]:
    """Key -> the files that use it; a key the registry lacks is an error naming key and file."""
    where: dict[str, list[str]] = {}
    for name, text in texts.items():
        for key in keys_in(text):
            where.setdefault(key, [])
            if name not in where[key]:
                where[key].append(name)
    missing = sorted(k for k in where if k not in numbers)
    if missing:
        raise KeyError("; ".join(f"registry key {k!r} used in {', '.join(where[k])} is not in "
                                 f"data/derived/numbers.json" for k in missing))
    ids = {}
    for k in where:
        if anchor(k) in ids:
            raise ValueError(f"keys {k!r} and {ids[anchor(k)]!r} share the lineage id {anchor(k)}")
        ids[anchor(k)] = k
    return {k: ", ".join(PLACES.get(f, f) for f in v) for k, v in where.items()}


def render_digest(paths: list[Path], root: Path) -> str:
    """The digest of everything a render is made from: sha256 over the sorted lines
    `<path relative to root>  <sha256 of the file>`, one per file (the registry, every generated part,
    the .qmd sources, _quarto.yml, the extension, the css, the Typst header, the bibliography).
    Written into the rendered HTML and PDF, and compared with a fresh build by tests/test_shipped.py.
    Line endings count as LF, so that a checkout that turned them into CRLF has the same digest."""
    import hashlib
    def one(path: Path) -> str:
        data = Path(path).read_bytes().replace(b"\r\n", b"\n")
        name = Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        return f"{name}  {hashlib.sha256(data).hexdigest()}\n"

    lines = sorted(one(p) for p in paths)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--registry", required=True)
    ap.add_argument("--audit", required=True)
    ap.add_argument("--table1", required=True)
    ap.add_argument("--table2", required=True)
    ap.add_argument("--figures", nargs="+", required=True, help="the SVG figures to copy beside the manuscript")
    ap.add_argument("--qmd", nargs="+", required=True, help="the manuscript sources whose keys need lineage")
    ap.add_argument("--manifests", nargs=2, required=True, metavar=("RAW", "PUBLISHED"),
                    help="the data packages of the raw inputs and of the printed numbers")
    ap.add_argument("--sources", nargs="+", required=True, help="every raw folder's sources.csv")
    ap.add_argument("--outdir", required=True)
    args = ap.parse_args(argv)
    numbers = read_json(args.registry)["numbers"]
    audit = pd.read_csv(args.audit, keep_default_na=False)
    sources = read_sources(args.sources)
    written = parts(numbers, audit, pd.read_csv(args.table1), pd.read_csv(args.table2),
                    read_json(args.manifests[0]), read_json(args.manifests[1]))
    texts = {rel(Path(q)) if Path(q).is_absolute() else q: Path(q).read_text(encoding="utf-8") for q in args.qmd}
    texts |= {f"_generated/{n}": t for n, t in written.items()}
    try:
        where = used_keys(texts, numbers)
    except (KeyError, ValueError) as err:
        print(f"manuscript: {err.args[0]}", file=sys.stderr)
        return 1
    written["lineage.md"] = lineage_part(list(where), numbers, where, sources)
    written["sources.bib"] = sources_bib(sources)
    out = Path(args.outdir)
    for name, text in written.items():
        write_text_atomic(out / name, text)
    for svg in map(Path, sorted(args.figures)):
        write_bytes_atomic(out / svg.name, svg.read_bytes())
    print(f"wrote {len(written)} parts with {len(where)} registry keys to {out}")
    return 0


if __name__ == "__main__":
    run(main)
