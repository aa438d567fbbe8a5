"""Text from the inputs is shown, never executed: each escaping function on constructed text, then
hostile text in every text field of every input, through a whole build, into the generated parts (read
by pandoc) and, where Quarto is installed, into the rendered HTML and PDF.

Why: a quote, an item, a title, a note or a URL is data.  Written into Markdown unescaped, `<script>`
reaches the page, `{{< include … >}}` pulls a file into the manuscript, `@key` becomes a citation, a
newline starts a heading, and a brace in a URL stops pandoc from reading the bibliography.
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis import escape as esc
from analysis.package.benchmark import copy_repository
from tests.conftest import ROOT, pandoc_elements, rehash, run_snakemake
from tests.test_workflow import _run  # the README's build of the derived data

pypandoc = pytest.importorskip("pypandoc", reason="pypandoc-binary (which bundles pandoc) is not installed")

SCRIPT = "<script>alert(1)</script>"
# One line of hostile text (the parts show an input's text on one line), then the same with the line
# breaks an input may hold: each of those becomes a space in the parts.
HOSTILE = (f"# heading {SCRIPT} {{{{<num audit.count.all>}}}} {{{{< include ../../README.md >}}}} @tran2026 "
           "*bold* _it_ $x$ }{ | a\\b `code` [link](http://example.org) &amp; ~sub~ ^sup^ 1. - + :::")
MULTILINE = f"{HOSTILE}\n# heading two\n<div>block</div>\r\n- item"


def shown(text: str) -> str:
    """What a reader must see: the text itself, its line breaks as spaces."""
    return " ".join(re.sub(r"[\r\n]+", " ", text).split())


class Text(HTMLParser):
    """The text a browser shows (character references resolved), and every element opened."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.parts.append(data)


def read_html(page: str) -> tuple[str, list]:
    p = Text()
    p.feed(page)
    return " ".join("".join(p.parts).split()), p.tags


def md_to_html(md: str) -> str:
    return pypandoc.convert_text(md, "html", format="markdown", extra_args=["--wrap=none"])


def assert_shown_not_executed(page: str, text: str, where: str) -> None:
    words, tags = read_html(page)
    assert shown(text) in words, f"{where}: the text is not shown as written"
    assert SCRIPT not in page and not any(t == "script" for t, _ in tags), f"{where}: a script element"
    assert not re.search(r"<h[1-6][^>]*>\s*heading", page), f"{where}: a heading made from the text"
    assert not re.search(r"<(em|strong)>bold<", page) and not re.search(r"<em>it<", page), f"{where}: emphasis"
    assert 'class="math' not in page, f"{where}: math made from the text"
    assert not re.search(r'data-cites="tran2026">@tran2026<', page), f"{where}: a citation made from the text"
    assert not any(t == "div" and not a for t, a in tags), f"{where}: a div element made from the text"


# --- each function on its own --------------------------------------------------------------------

@pytest.mark.parametrize("text", [HOSTILE, MULTILINE, "# only a heading", "12. not a list", "- not a list",
                                  "> not a quote", "::: not a div", "| not a row |", "a\\|b ends\\"])
def test_markdown_text_and_cells_show_the_text(text):
    para = md_to_html(f"{esc.md_text(text)}\n\nBefore {esc.md_text(text)} after.\n\n- *{esc.md_text(text)}*\n")
    assert_shown_not_executed(para, text, "paragraph")
    assert read_html(para)[0].count(shown(text)) == 3
    # a table whose writer escapes pipes again (as the manuscript's tables do) keeps its two columns
    cell = esc.md_cell(text).replace("|", "\\|")
    table = md_to_html(f"| a | b |\n|---|---|\n| {cell} | right |\n")
    assert_shown_not_executed(table, text, "table")
    assert re.search(r"<td[^>]*>right</td>", table) and table.count("<td") == 2


def test_no_shortcode_survives_any_escape():
    """Quarto expands `{{<` wherever it meets it, in code and raw blocks too."""
    for f in (esc.md_text, esc.md_cell, esc.bibtex, esc.html_text, esc.html_attr, esc.typst_string):
        assert "{{<" not in f(HOSTILE) and "{{<" not in f("{{{{<<"), f.__name__


def test_bibtex_fields_read_back_as_written():
    url = "https://example.org/a}{b c\\d?x=1&y=%25#frag"
    bib = (f"@online{{k,\n  author = {{{{{esc.bibtex(MULTILINE)}}}}},\n  title = {{{esc.bibtex(HOSTILE + ' -- --- `q` ~')}}},\n"
           f"  url = {{{esc.bibtex_url(url)}}}\n}}\n")
    entry = json.loads(pypandoc.convert_text(bib, "csljson", format="bibtex"))[0]
    assert entry["author"][0]["literal"] == shown(MULTILINE)
    assert entry["title"] == HOSTILE + " -- --- `q` ~"
    assert entry["URL"] == "https://example.org/a%7D%7Bb%20c%5Cd?x=1&y=%25#frag"


def test_an_apostrophe_in_a_bibtex_title_reads_back_in_every_pandoc_the_build_uses():
    """"Vietnam's" stays "Vietnam's": pandoc 3.6 (Quarto's, which renders the manuscript) dropped the
    \\textquotesingle{} that pandoc 3.9 (pypandoc's) reads as an apostrophe, so the list printed "Vietnams"."""
    title = "Vietnam's 'ông lớn' and Putin's visit"
    who = esc.bibtex("Putin's")
    bib = f"@online{{k,\n  author = {{{{{who}}}}},\n  title = {{{{{esc.bibtex(title)}}}}}\n}}\n"
    entry = json.loads(pypandoc.convert_text(bib, "csljson", format="bibtex"))[0]
    assert entry["title"] == title and entry["author"][0]["literal"] == "Putin's"
    quarto = _quarto()
    if not quarto:
        pytest.skip("Quarto (whose pandoc renders the manuscript) is not installed: only pypandoc's pandoc was checked")
    out = subprocess.run([quarto, "pandoc", "-f", "bibtex", "-t", "csljson"], input=bib, capture_output=True,
                         text=True, encoding="utf-8", check=True).stdout
    entry = json.loads(out)[0]
    assert entry["title"] == title and entry["author"][0]["literal"] == "Putin's"


def test_a_verbatim_bibtex_field_reads_back_as_written_or_is_refused():
    """pandoc reads `type` (the CSL genre) verbatim: LaTeX's specials stay as they are; a brace or a backslash,
    which would end or break the field, is refused (the manifest's pattern keeps them out of copy_of)."""
    text = "Reprint of Doanh nghiệp & Tiếp thị's 100% _x_ -- $y$ #1 ~ 'q'"
    bib = f"@online{{k,\n  title = {{T}},\n  type = {{{esc.bibtex_verbatim(text)}}}\n}}\n"
    assert json.loads(pypandoc.convert_text(bib, "csljson", format="bibtex"))[0]["genre"] == text
    for bad in ("a } b", "a { b", "a \\ b"):
        with pytest.raises(ValueError):
            esc.bibtex_verbatim(bad)


def test_yaml_scalars_read_back_as_written():
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")
    for text in (HOSTILE, MULTILINE, 'key: "value" # no comment', "- [a, b]", "\u2028\x85\t\x00", "yes", "~", ""):
        assert yaml.safe_load(f"k: {esc.yaml_scalar(text)}\n") == {"k": text}


def test_html_text_and_attributes_show_the_text():
    page = (f'<p title="{esc.html_attr(MULTILINE)}">{esc.html_text(MULTILINE)}</p>')
    words, tags = read_html(page)
    assert words == shown(MULTILINE) and tags == [("p", {"title": re.sub(r"[\r\n]", " ", MULTILINE)})]
    # inside a Markdown raw HTML block, no line of the text can close the block
    md = "```{=html}\n<p>" + esc.html_text("x\n```\n# heading") + "</p>\n```\n"
    assert "<h1" not in md_to_html(md)


def test_typst_strings_hold_the_text():
    """Read back by Typst's rules for a string literal: \\, \" and \\u{hex} are escapes, a bare quote ends it."""
    s = esc.typst_string(MULTILINE)
    assert s.startswith('"') and s.endswith('"') and "\n" not in s
    body = s[1:-1]
    tokens = re.findall(r'\\u\{([0-9a-f]+)\}|\\(["\\])|([^"\\])|(.)', body)
    assert not any(bad for *_, bad in tokens)  # no bare quote or stray backslash
    decoded = "".join(chr(int(u, 16)) if u else e or c for u, e, c, _ in tokens)
    assert decoded == re.sub(r"[\r\n]", " ", MULTILINE)  # each line break a space, nothing else changed


# --- every text field of every input, through a build ---------------------------------------------

def _edit_csv(path: Path, row_id: tuple[str, str], values: dict[str, str]) -> None:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    hit = [r for r in rows if r[row_id[0]] == row_id[1]]
    assert len(hit) == 1, (path, row_id)
    hit[0].update(values)
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _set_first_row(path: Path, column: str, value: str) -> None:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0][column] = value
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _tag(field: str) -> str:
    return f"{field.upper()}-{HOSTILE}"


REGISTER = "data/raw/arms/sipri_register_2025-01-03_VietNam_rows.csv"
# field -> (text put in, the parts in which it must be shown)
FIELDS = {
    "claim quote": ("data/published/claims.csv", ("id", "C-01"), "quote_vi", ["claims.md", "vi/claims.md"]),
    "claim gloss": ("data/published/claims.csv", ("id", "C-01"), "gloss_en", ["claims.md"]),
    "item (table)": ("data/published/printed_numbers.csv", ("id", "T1-02"), "item", ["discrepancies.md", "report.md",
                                                                                    "summary.md"]),
    # the list of every printed number shows only the rows no table above it judges (Table 2's partner values)
    "item (table 2)": ("data/published/printed_numbers.csv", ("id", "T2-01"), "item", ["audit.md"]),
    "item (text)": ("data/published/printed_numbers.csv", ("id", "X-08"), "item", ["text_claims.md",
                                                                                  "discrepancies.md"]),
    "item (arms)": ("data/published/printed_numbers.csv", ("id", "A-12"), "item", ["arms_claims.md"]),
    "context": ("data/published/printed_numbers.csv", ("id", "T1-02"), "context", []),
    "publisher": ("data/raw/trade/sources.csv", ("source_id", "MOF_TBTC_202504"), "publisher", ["lineage.html", "vi/lineage.html"]),
    "source title": ("data/raw/trade/sources.csv", ("source_id", "MOF_TBTC_202504"), "title", []),
    "source notes": ("data/raw/trade/sources.csv", ("source_id", "MOF_TBTC_202504"), "notes", []),
    "source quote": ("data/raw/trade/sources.csv", ("source_id", "MOF_TBTC_202504"), "quote", []),
    "source cites": ("data/raw/trade/sources.csv", ("source_id", "MOF_TBTC_202504"), "cites", []),
    "register supplier": (REGISTER, ("SIPRI AT Database ID", "64914"), "Supplier", []),
    "register designation": (REGISTER, ("SIPRI AT Database ID", "64914"), "Designation", []),
    "register description": (REGISTER, ("SIPRI AT Database ID", "64914"), "Description", []),
    "register category": (REGISTER, ("SIPRI AT Database ID", "64914"), "Armament category", []),
    # the dated events and the article's reference list, which the claims on §1, §3.1 and the references read
    "event place": ("data/raw/context/events.csv", ("event", "diplomatic_relations"), "place", []),
    "event subject": ("data/raw/context/events.csv", ("event", "diplomatic_relations"), "subject", []),
    "reference authors": ("data/published/references.csv", ("number", "1"), "authors", []),
    "reference entry": ("data/published/references.csv", ("number", "1"), "entry", []),
}
MANIFEST_FIELDS = {"manifest title": ["data_availability.md", "vi/data_availability.md"],
                   "licence title": ["data_availability.md", "vi/data_availability.md"],
                   "not-consulted note": ["data_availability.md", "vi/data_availability.md"],
                   "published title": ["data_availability.md", "vi/data_availability.md"]}
HOSTILE_URL = "https://example.org/}{" + "?q=<script>&r={{<num audit.count.all>}}"


def _poison(repo: Path) -> None:
    """Hostile text in every text field the parts show (and in those they do not), then the manifests' hashes
    refreshed, as a maintainer would after editing an input."""
    for field, (path, row, column, _) in FIELDS.items():
        text = _tag(field) if field not in ("claim quote", "item (table)") else _tag(field) + "\n# heading two\n<div>x</div>"
        _edit_csv(repo / path, row, {column: text})
    _edit_csv(repo / "data/raw/trade/sources.csv", ("source_id", "MOF_TBTC_202504"), {"url": HOSTILE_URL})
    _edit_csv(repo / "data/published/references.csv", ("number", "1"), {"url": HOSTILE_URL})
    raw = repo / "data/raw/datapackage.json"
    pkg = json.loads(raw.read_text(encoding="utf-8"))
    res = next(r for r in pkg["resources"] if r["path"] == "trade/vietnam_trade_by_partner.csv")
    res["title"] = res["x-title-vi"] = _tag("manifest title")  # each edition shows its own language's field
    res["licenses"] = [{"title": _tag("licence title"), "path": "https://example.org/terms"}]
    res.setdefault("x-not-consulted", []).append(_tag("not-consulted note"))
    res.setdefault("x-not-consulted-vi", []).append(_tag("not-consulted note"))
    # a raw file whose name holds every Markdown special a file name can (the data statement lists it)
    (repo / "data/raw/trade" / HOSTILE_NAME).write_text("a\nx\n", encoding="utf-8")
    pkg["resources"].append({"name": "odd_file", "path": f"trade/{HOSTILE_NAME}", "format": "csv",
                             "mediatype": "text/csv", "encoding": "utf-8", "title": "Odd file",
                             "schema": {"fields": [{"name": "a", "type": "string"}]}})
    raw.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")
    pub = repo / "data/published/datapackage.json"
    pkg = json.loads(pub.read_text(encoding="utf-8"))
    claims = next(r for r in pkg["resources"] if r["path"] == "claims.csv")
    claims["title"] = claims["x-title-vi"] = _tag("published title")
    pub.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")
    rehash(raw)
    rehash(pub)


def _quarto() -> str | None:
    venv = Path(sys.executable).parent / "quarto"
    return str(venv) if venv.is_file() else shutil.which("quarto")


@pytest.fixture(scope="session")
def poisoned(tmp_path_factory):
    """The derived data built from hostile inputs, once for the whole run (on every xdist worker: conftest's
    `once`); the tests that build more from it do so in their own copy."""
    from tests.conftest import once

    def build(root):
        repo = copy_repository(root)
        _poison(repo)
        r = _run(repo)
        assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]

    return once(tmp_path_factory, "poisoned", build)


def _copy_of(poisoned: Path, tmp_path: Path) -> Path:
    """A copy of the poisoned build with its timestamps and Snakemake's records: it has nothing to rebuild."""
    d = tmp_path / "poisoned"
    shutil.copytree(poisoned, d, symlinks=True)
    return d


@pytest.mark.workflow
def test_hostile_input_text_is_shown_as_text_in_every_generated_part(poisoned):
    gen = poisoned / "manuscript/_generated"
    pages = {p.relative_to(gen).as_posix(): md_to_html(p.read_text(encoding="utf-8"))
             for p in sorted(gen.rglob("*.md"))}
    # the lineage pages' bodies are HTML already (analysis/manuscript/lineage_page.py wraps them, without pandoc)
    pages |= {p.relative_to(gen).as_posix(): p.read_text(encoding="utf-8") for p in sorted(gen.rglob("lineage.html"))}
    expected = {f: parts for f, (_, _, _, parts) in FIELDS.items()} | MANIFEST_FIELDS
    for field, parts in expected.items():
        for part in parts:
            assert shown(_tag(field)) in read_html(pages[part])[0], (field, part)
    for part in ("data_availability.md", "vi/data_availability.md"):  # the hostile file name, in its code spans
        words, tags = read_html(pages[part])
        assert words.count(f"trade/{HOSTILE_NAME}") == 1 and not any(t == "img" for t, _ in tags), part
    for name, page in pages.items():  # wherever any of it went, it is text
        if name.endswith("lineage_data.md"):  # the popovers' data: one JSON script element of the page's own
            page, n = re.subn(r'<script type="application/json" id="lineage-data">[^<]*</script>', "", page)
            assert n == 1, name                # every '<' inside it is a JSON escape, so nothing closes it early
            # and the page's words (the catalog's ms.page.*), one JSON element escaped the same way
            page, n = re.subn(r'<script type="application/json" id="page-words">[^<]*</script>', "", page)
            assert n == 1, name
        assert SCRIPT not in page and "<script" not in page, name
        assert not re.search(r"<h[1-6][^>]*>\s*heading", page), name
        assert not re.search(r'data-cites="tran2026">@tran2026<', page), name
        assert not re.search(r"<(em|strong)>bold<", page) and 'class="math' not in page, name
        assert "<div>x</div>" not in page, name
        assert "onerror" not in " ".join(str(a) for _, a in read_html(page)[1]), name
    # the standalone report, a Markdown file too
    report = md_to_html((poisoned / "data/derived/replication_report.md").read_text(encoding="utf-8"))
    for field in ("item (table)", "publisher", "source title", "licence title"):
        assert shown(_tag(field)) in read_html(report)[0], field
    assert SCRIPT not in report and "<script" not in report and 'class="math' not in report
    # the bibliography still reads, with the publisher and the URL exactly as the input holds them
    entries = json.loads(pypandoc.convert_text((gen / "sources.bib").read_text(encoding="utf-8"), "csljson",
                                               format="bibtex"))
    mof = next(e for e in entries if e["id"] == "src-mof-tbtc-202504")
    assert mof["author"][0]["literal"] == shown(_tag("publisher"))
    assert mof["title"] == "[" + shown(_tag("source title")) + "]"  # its title is ours (title_supplied): bracketed
    assert mof["URL"] == "https://example.org/%7D%7B?q=%3Cscript%3E&r=%7B%7B%3Cnum%20audit.count.all%3E%7D%7D"


@pytest.mark.workflow
def test_hostile_input_text_is_shown_as_text_on_the_lineage_pages(poisoned, tmp_path):
    """The lineage pages need no Quarto: the workflow writes them from the poisoned build."""
    poisoned = _copy_of(poisoned, tmp_path)
    r = run_snakemake(["-c2", "--quiet", "all", "--", "docs/lineage.html", "docs/vi-lineage.html"], poisoned)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    for name in ("lineage.html", "vi-lineage.html"):
        page = (poisoned / "docs" / name).read_text(encoding="utf-8")
        assert shown(_tag("publisher")) in read_html(page)[0], name
        assert SCRIPT not in page and "<script" not in page and "<div>x</div>" not in page, name


@pytest.mark.workflow
def test_hostile_input_text_is_shown_as_text_in_the_rendered_manuscript(request, tmp_path):
    """The poisoned build is asked for once the tools are known to be there: without them, nothing is built."""
    quarto = _quarto()
    missing = [t for t, ok in (("quarto", quarto), ("pdftotext", shutil.which("pdftotext"))) if not ok]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed: the rendered HTML and PDF cannot be checked "
                    "(install Quarto >= 1.7 from https://quarto.org and poppler-utils)")
    poisoned = _copy_of(request.getfixturevalue("poisoned"), tmp_path)
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(quarto).parent), os.environ.get("PATH", "")])}
    r = run_snakemake(["-c2", "--quiet", "all", "--", "docs/index.html", "docs/index.pdf"], poisoned, env)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    page = (poisoned / "docs/index.html").read_text(encoding="utf-8")
    words, tags = read_html(page)
    for field in ("claim quote", "claim gloss", "item (table)", "manifest title", "not-consulted note", "publisher"):
        assert shown(_tag(field)) in words, field
    assert "alert(1)" not in "".join(str(a) for t, a in tags if t == "script")
    assert not re.search(r"<script>\s*alert", page)
    # the shortcodes stayed text: their literal form is shown, and README's text was not pulled in
    readme_line = "Replication and audit package: Tran (2026)"
    assert readme_line not in page
    pdf = subprocess.run(["pdftotext", "-layout", str(poisoned / "docs/index.pdf"), "-"], capture_output=True,
                         text=True).stdout
    flat = " ".join(pdf.split())
    for fragment in (SCRIPT, "{{<num audit.count.all>}}", "{{< include ../../README.md >}}", "@tran2026", "*bold*",
                     "$x$"):
        assert fragment in flat, fragment
    assert readme_line not in flat


def _tags_and_text(page: str) -> tuple[list[str], list[str]]:
    """The start tags of a page, in order, and its text runs, as an HTML parser reads them."""
    class Scripts(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.data = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.data.append(data)
    p = Scripts()
    p.feed(page)
    return p.tags, p.data


def test_json_in_a_script_element_cannot_close_it():
    doc = {"quote": MULTILINE + " </script><script>alert(2)</script> <!-- x -->"}
    page = f'<script type="application/ld+json">{esc.json_in_script(json.dumps(doc, ensure_ascii=False))}</script><p>after</p>'

    tags, data = _tags_and_text(page)
    assert tags == ["script", "p"] and json.loads(data[0]) == doc


# --- text from outside the listed inputs: file names, CITATION.cff, pyproject.toml, git --------------------

# A file name can hold anything but a NUL, a '/', a control character, a backslash or a brace (the validator's
# path_problem refuses those): backticks of every run length, markup, math, a citation, a pipe.
HOSTILE_NAME = "odd `name` ``x`` ` <img src=x onerror=alert(1)> $m$ @tran2026 *b* _i_ [l](e.org) | c.csv"
UNSEEN = "\u202eevil\u2066"  # a right-to-left override and an isolate: shown as U+FFFD, never obeyed


def _inlines(md: str) -> list[dict]:
    """The inline elements pandoc reads from a Markdown paragraph or table, flattened."""
    doc = json.loads(pypandoc.convert_text(md, "json", format="markdown"))
    return pandoc_elements(doc["blocks"])


def _plain_text(md: str) -> str:
    """What pandoc shows of a Markdown text, as plain text (code spans included, verbatim)."""
    return " ".join(pypandoc.convert_text(md, "plain", format="markdown", extra_args=["--wrap=none"]).split())


@pytest.mark.parametrize("name", [HOSTILE_NAME, "`start", "end`", "a``b", "x{{<num a>}}", "plain.csv", "p|q"])
def test_inline_code_shows_a_file_name_literally(name):
    """md_code: in running text and in a table cell, the name is one code span (or, where a code span cannot
    hold it, escaped text), shown exactly as written; nothing in it becomes an element."""
    for md, cell in ((f"Before {esc.md_code(name)} after.", False),
                     (f"| a | b |\n|---|---|\n| {esc.md_code(name, cell=True).replace('|', chr(92) + '|')} | right |\n",
                      True)):
        kinds = {x["t"] for x in _inlines(md)}
        assert kinds <= {"Para", "Plain", "Str", "Space", "Code", "Table", "TableHead", "TableBody", "TableFoot",
                         "Row", "Cell", "AlignDefault", "AlignLeft", "ColWidth", "ColWidthDefault", "Caption"}, (md, kinds)
        html = md_to_html(md)
        assert "<img" not in html and "<a " not in html and "<em>" not in html and 'class="math' not in html
        assert name in html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#124;", "|")


def test_a_raw_file_name_stays_in_its_code_span_in_the_data_statement():
    """The issue's case: a raw file whose name holds a backtick ended its code span in the data statement, and
    `<img onerror>` after it became a live element once pandoc had read it."""
    from analysis.manuscript.parts import data_statement
    raw = {"licenses": [{"name": "CC-BY-4.0"}], "resources": [
        {"path": f"trade/{HOSTILE_NAME}", "title": "t", "hash": "sha256:" + "a" * 64,
         "x-not-consulted": ["a note"]}]}
    pub = {"resources": [{"path": HOSTILE_NAME, "title": "p", "hash": "sha256:" + "b" * 64}]}
    for lang in ("en", "vi"):
        md = data_statement(raw, pub, lang)
        html = md_to_html(md)
        words, tags = read_html(html)
        assert not any(t in ("img", "a", "em", "script") for t, _ in tags), (lang, tags)
        assert 'class="math' not in html and html.count("data-cites") == 1  # the published file's own: [@tran2026]
        assert words.count(" ".join(f"trade/{HOSTILE_NAME}".split())) == 2, words  # the table and the gaps
        assert words.count(" ".join(f"published/{HOSTILE_NAME}".split())) == 2, words  # the table and the sources


def _hostile_project(root: Path) -> None:
    """A CITATION.cff whose every text (names, an entity, an affiliation, the e-mail) is hostile, and a
    pyproject.toml whose version is."""
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")
    cff = {"cff-version": "1.2.0", "title": f"T {HOSTILE}", "license": "MIT", "authors": [
        {"given-names": f"G {SCRIPT} {UNSEEN}", "family-names": f"F *b* {{{{< include ../../README.md >}}}}",
         "affiliation": f"A {HOSTILE}", "email": f"x{SCRIPT}@example.org"},
        {"name": f"Team @tran2026 $x$ <img src=x onerror=alert(1)>"}]}
    (root / "CITATION.cff").write_text(yaml.safe_dump(cff, allow_unicode=True), encoding="utf-8")
    (root / "pyproject.toml").write_text(f'[project]\nname = "x"\nversion = "1.0 <img src=x onerror=alert(2)> @tran2026"\n',
                                         encoding="utf-8")


def test_citation_and_project_text_reach_the_title_block_as_text(tmp_path):
    """Quarto reads each metadata string as Markdown: the maintainers' names and the contact from CITATION.cff,
    and the version from pyproject.toml, reach the title block (pandoc's own title block here, the same
    reader) as text, every element escaped; the Typst metadata reads them back exactly; a commit string
    that is not one is 'unknown'."""
    from analysis.manuscript import render
    _hostile_project(tmp_path)
    cite, info = render.citation(tmp_path), render.build_info(tmp_path, {"SOURCE_DATE_EPOCH": "0"})
    meta = render.meta_yaml({**info, "build-commit": "`<img src=x onerror=alert(3)>`"}, cite)
    assert 'build-commit: "unknown"' in meta
    doc = f"---\n{meta}title: x\n---\n\nContact: {{contact}}. Version {{version}}.\n"
    page = pypandoc.convert_text(doc, "html", format="markdown", extra_args=["--standalone", "--wrap=none"])
    words, tags = read_html(page)
    assert not any(t in ("img", "script", "em", "a") for t, _ in tags), tags
    assert 'class="math' not in page and "data-cites" not in page
    for name in cite["maintainers"]:
        assert shown(name.replace(UNSEEN, "\ufffdevil\ufffd")) in words, name
    # every value read back from the metadata as text: pandoc's plain writer of each field
    fields = json.loads(pypandoc.convert_text(doc, "json", format="markdown"))["meta"]
    plain = lambda v: pypandoc.convert_text(json.dumps({"pandoc-api-version": [1, 23, 1, 1], "meta": {},
                                                        "blocks": [{"t": "Plain", "c": v["c"]}]}), "plain",
                                            format="json", extra_args=["--wrap=none"]).strip()
    assert plain(fields["contact"]) == f"x{SCRIPT}@example.org"
    assert plain(fields["build-version"]) == "1.0 <img src=x onerror=alert(2)> @tran2026"
    typ = render.typst_include("d" * 64, {}, cite, info)
    assert "{{<" not in typ
    for name in cite["maintainers"]:
        assert esc.typst_string(name) in typ


def test_citation_text_reaches_the_json_ld_as_data(tmp_path):
    """The reviews' author (the package's authors, from CITATION.cff) in the ClaimReview JSON-LD: one script
    element, whose JSON reads back the names."""
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")
    from analysis.audit import claimreview
    _hostile_project(tmp_path)
    cff = yaml.safe_load((tmp_path / "CITATION.cff").read_text(encoding="utf-8"))
    pkg = claimreview.reviewer(cff)
    tag = claimreview.script_tag({"@graph": [pkg]})

    tags, data = _tags_and_text(tag + "<p>after</p>")
    assert tags == ["script", "p"] and json.loads(data[0])["@graph"][0] == pkg


def test_the_machine_s_words_reach_the_report_as_text():
    """The standalone report's environment section: every package's name and version are read from the machine
    (a package's metadata is anyone's text); the machine's own facts (Python, system) are kept apart, in
    data/derived/machine.json, and never reach the report."""
    from analysis.audit.report import environment_lines
    env = {"python": f"3 {SCRIPT}", "implementation": "*C*", "os": f"L {HOSTILE}", "machine": "$x$",
           "packages": {f"p{SCRIPT}": "1.0 @tran2026", "q": "<img src=x onerror=alert(1)>"}}
    for lang in ("en", "vi"):
        md = "\n".join(text for _, text in environment_lines(env, lang))
        html = md_to_html(md)
        words, tags = read_html(html)
        assert not any(t in ("img", "script", "em", "h1") for t, _ in tags) and 'class="math' not in html, tags
        for text in (f"p{SCRIPT} 1.0 @tran2026", env["packages"]["q"]):
            assert shown(text) in words, text
        assert shown(env["os"]) not in words


# Every source of text that reaches a page, and the test that proves it is shown as text, not read as markup,
# in each target (HTML, Markdown, Typst, YAML).  A source not listed here is not proven.
TEXT_SOURCES = {
    "CSV fields of the raw and published inputs (quotes, items, titles, notes, publishers, URLs, register text)":
        "test_hostile_input_text_is_shown_as_text_in_every_generated_part (FIELDS, through a whole build, the "
        "parts read by pandoc; the rendered HTML and PDF where Quarto is installed)",
    "CSV fields that the input checks parse or match (ids, keys, printed forms, parameters, table cells)":
        "test_every_free_text_field_is_poisoned_or_refused (STRUCTURED: hostile text there is refused)",
    "manifest fields (titles, licence titles, notes, their Vietnamese words)":
        "test_hostile_input_text_is_shown_as_text_in_every_generated_part (MANIFEST_FIELDS)",
    "raw and published file names": "test_a_raw_file_name_stays_in_its_code_span_in_the_data_statement, "
                                    "test_inline_code_shows_a_file_name_literally, and a hostile file in the build",
    "CITATION.cff (names, entity names, affiliations, e-mail) and pyproject.toml's version, in the title block "
    "and the PDF's metadata": "test_citation_and_project_text_reach_the_title_block_as_text",
    "CITATION.cff and pyproject.toml in the JSON-LD": "test_citation_text_reaches_the_json_ld_as_data",
    "the packages and their versions in the standalone report's environment":
        "test_the_machine_s_words_reach_the_report_as_text",
    "the git commit": "test_citation_and_project_text_reach_the_title_block_as_text (a commit string of "
                      "another form is 'unknown')",
    "sources.bib fields (publisher, title, URL)": "test_bibtex_fields_read_back_as_written and the build's "
                                                  "bibliography check",
    "YAML scalars": "test_yaml_scalars_read_back_as_written",
    "Typst strings": "test_typst_strings_hold_the_text",
    "JSON inside a script element (the lineage data, the JSON-LD)": "test_json_in_a_script_element_cannot_close_it",
}
# CSV fields whose value the input checks constrain (a key into another file, a form that is parsed, a cell of
# the article's tables): hostile text there is refused before any step, so it never reaches a page.
STRUCTURED = {("*", "source_id"): "foreignKeys", ("printed_numbers.csv", "printed"): "printed form",
              ("printed_numbers.csv", "table"): "article.TABLES", ("printed_numbers.csv", "row"): "article.TABLES",
              ("printed_numbers.csv", "column"): "article.TABLES", ("claims.csv", "params"): "claims.params form"}


def test_every_source_of_text_has_its_proof():
    names = {n for n, v in globals().items() if n.startswith("test_") and callable(v)}
    for source, proof in TEXT_SOURCES.items():
        cited = re.findall(r"test_[a-z_]+", proof)
        assert cited and set(cited) <= names, (source, set(cited) - names)


def _free_text_fields() -> set[tuple[str, str]]:
    """(file, field) of every string field of every CSV in both manifests that no enum or pattern constrains:
    a sources.csv is one kind of file, whatever its folder."""
    out = set()
    for dp in ("data/raw/datapackage.json", "data/published/datapackage.json"):
        for r in json.loads((ROOT / dp).read_text(encoding="utf-8"))["resources"]:
            for f in r.get("schema", {}).get("fields", []):
                cons = f.get("constraints", {})
                if f.get("type", "string") == "string" and not ({"enum", "pattern"} & set(cons)) and not f.get("x-empty"):
                    out.add(("sources.csv" if r["path"].endswith("sources.csv") else r["path"].rsplit("/", 1)[-1],
                             f.get("x-label", f["name"])))
    return out


def test_every_free_text_field_is_poisoned_or_refused(tmp_path):
    """Each free-text field of every input either holds hostile text in the poisoned build (FIELDS), or is one
    the input checks constrain (STRUCTURED), and hostile text there is refused: shown by putting it there."""
    from analysis.contract.published import load as load_published, load_claims
    from analysis.contract.validate import ValidationError, validate_package
    from tests.conftest import copy_data
    poisoned = {(Path(path).name, column) for path, _, column, _ in FIELDS.values()} | {("sources.csv", "url"),
                                                                                         ("references.csv", "url")}
    structured = {(f, c) for f, c in _free_text_fields() if (f, c) in STRUCTURED or ("*", c) in STRUCTURED}
    assert _free_text_fields() - poisoned - structured == set()
    for file, column in sorted(structured):
        root = copy_data(tmp_path / f"{file}-{column}")
        path = root / "published" / file if (root / "published" / file).exists() else \
            next(p for p in sorted((root / "raw").rglob(file)))
        _set_first_row(path, column, HOSTILE)
        rehash(root / "raw/datapackage.json")
        rehash(root / "published/datapackage.json")
        with pytest.raises(ValidationError):
            if path.name == "printed_numbers.csv":
                load_published(path)
            elif path.name == "claims.csv":
                load_claims(path)
            else:
                validate_package(root / "raw/datapackage.json")
