"""The rendered manuscript (HTML and PDF), built from a clean copy of the repository.

Needs Quarto >= 1.7 on PATH and poppler's pdftotext and pdffonts; without them every test
here is skipped with the reason.  The render (both editions, docs/index.* and docs/vi.* of the
copy, HTML and PDF) takes about 30 s, once for the whole run, after the build of the data in the same command; a
render of the same sources in another folder (the shipped one, or else a second render) must give the same bytes.
"""
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.manuscript import parts as manuscript
from tests.conftest import ROOT, run_snakemake
from tests.test_workflow import _copy

QUARTO = shutil.which("quarto")
MISSING = [t for t in ("quarto", "pdftotext", "pdffonts", "pdfinfo") if not shutil.which(t)]
pytestmark = [pytest.mark.workflow,
              pytest.mark.skipif(bool(MISSING), reason=f"rendered-output tests need {', '.join(MISSING)} on PATH "
                                 "(install Quarto >= 1.7 from https://quarto.org and poppler-utils)")]


def _version(text: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:2])


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """A fresh copy of the repository, with its git history, built and rendered by the README's one command
    (`snakemake -c2`: the data, then both editions, HTML and PDF, in one run, so a render step that does not wait
    for one of its inputs fails here), once for the whole run (on every xdist worker: conftest's `once`): read,
    never changed; a test that writes works in its own copy (`_own_copy`)."""
    from tests.conftest import once
    out = subprocess.run(["quarto", "--version"], capture_output=True, text=True).stdout
    if _version(out) < (1, 7):
        pytest.skip(f"Quarto {out.strip()} is older than 1.7")

    def render(root):
        d = _with_history(_copy(root / "copy"))
        r = run_snakemake(["-c2", "--quiet", "all"], d)
        assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]

    return once(tmp_path_factory, "rendered", render) / "copy"


def _with_history(d: Path) -> Path:
    """The copy with the repository's git history, where it has one and git can clone it: HEAD and the working
    tree's differences from it are the repository's, read with its line-ending settings, so the build records the
    commit and date the repository's own build would (render.build_info).  Without it, the copy says 'unknown'."""
    if not ((ROOT / ".git").exists() and shutil.which("git")):
        return d
    clone = d.parent / "history"
    try:
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)], check=True,
                       capture_output=True)
        for key in ("core.autocrlf", "core.eol", "core.safecrlf"):
            value = subprocess.run(["git", "config", "--get", key], cwd=ROOT, capture_output=True, text=True)
            if value.returncode == 0:
                subprocess.run(["git", "config", key, value.stdout.strip()], cwd=clone, check=True)
        (clone / ".git").rename(d / ".git")
        subprocess.run(["git", "reset", "--quiet"], cwd=d, check=True)  # the index of HEAD, beside the copied files
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(d / ".git", ignore_errors=True)
    finally:
        shutil.rmtree(clone, ignore_errors=True)
    return d


def _own_copy(rendered: Path, tmp_path: Path, history: bool = False) -> Path:
    """A copy of the rendered copy to change, with its git history only where the test needs it."""
    d = tmp_path / "rendered"
    shutil.copytree(rendered, d, symlinks=True, ignore=None if history else shutil.ignore_patterns(".git"))
    return d


# Each edition: its source, its generated parts, the registry's form it shows, and a phrase of its own
# with diacritics (the title's) that must survive in both outputs.
EDITIONS = {"index": ("manuscript/index.qmd", "manuscript/_generated", "display",
                      ("Table 1 replicated", "Trần Thị Diễm Trâm")),
            "vi": ("manuscript/index.vi.qmd", "manuscript/_generated/vi", "display_vi",
                   ("Tái lập Bảng 1", "Trần Thị Diễm Trâm", "chiến lược toàn diện", "chủ nghĩa hiện thực cấu trúc"))}
FILES = [f"{doc}.{ext}" for doc in EDITIONS for ext in ("html", "pdf")]


def _keys(root: Path, doc: str = "index") -> list[str]:
    qmd, parts, _, _ = EDITIONS[doc]
    texts = [(root / qmd).read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (root / parts).glob("*.md")]
    return sorted({k for t in texts for k in manuscript.keys_in(t)})


def _squash(text: str) -> str:
    """Compare text without layout: no whitespace (ordinary or no-break) and no hyphenation at line ends."""
    text = re.sub(r"-\n", "", text)
    for space in ("\u00a0", "\u2009", "\u202f"):
        text = text.replace(space, " ")
    return re.sub(r"\s+", "", text.replace("\u2060", ""))


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_every_referenced_number_appears_in_html_and_pdf(rendered, doc):
    import json
    numbers = json.loads((rendered / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]
    page = (rendered / f"docs/{doc}.html").read_text(encoding="utf-8")
    page_text = _squash(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    pdf_text = _squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered / f"docs/{doc}.pdf"),
                                       "-"], capture_output=True, text=True, check=True).stdout)
    keys, form = _keys(rendered, doc), EDITIONS[doc][2]
    assert len(keys) > 100
    missing_html = [k for k in keys if _squash(numbers[k][form]) not in page_text]
    missing_pdf = [k for k in keys if _squash(numbers[k][form]) not in pdf_text]
    assert missing_html == [] and missing_pdf == []


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_each_number_links_to_its_lineage_entry_with_a_tooltip(rendered, doc):
    page = (rendered / f"docs/{doc}.html").read_text(encoding="utf-8")
    lineage = {"index": "lineage", "vi": "vi-lineage"}[doc]
    ids = set(re.findall(r'\bid="([^"]+)"', (rendered / f"docs/{lineage}.html").read_text(encoding="utf-8")))
    links = re.findall(rf'<a href="{lineage}\.html#(lineage-[^"]+)"[^>]*class="num"[^>]*title="([^"]*)"', page)
    assert len(links) > 100
    assert {target for target, _ in links} <= ids
    assert all(title.strip() for _, title in links)
    assert {manuscript.anchor(k) for k in _keys(rendered, doc)} <= ids


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_pdf_numbers_are_links(rendered, doc):
    """Typst writes each shortcode's link as a PDF link annotation to the lineage entry."""
    data = (rendered / f"docs/{doc}.pdf").read_bytes()
    assert len(re.findall(rb"/Subtype\s*/Link", data)) > 100


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_cross_references_resolve_and_diacritics_survive(rendered, doc):
    page = (rendered / f"docs/{doc}.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    internal = set(re.findall(r'href="#([^"]+)"', page))
    assert internal <= ids, sorted(internal - ids)[:10]
    pdf_text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered / f"docs/{doc}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    for text in (html.unescape(re.sub(r"<[^>]+>", " ", page)), pdf_text):
        assert "?@" not in text and "??" not in text  # Quarto's and Typst's marks of an unresolved reference
        flat = re.sub(r"\s+", " ", text)
        missing = [p for p in EDITIONS[doc][3] if p not in flat]  # diacritics survive both outputs
        assert missing == [], missing


def test_each_edition_links_to_the_other(rendered):
    en, vi = ((rendered / f"docs/{d}.html").read_text(encoding="utf-8") for d in ("index", "vi"))
    assert re.search(r'class="edition-link"><a href="vi.html"', en)
    assert re.search(r'class="edition-link"><a href="index.html"', vi)
    assert 'href="vi.pdf"' in vi and 'href="index.pdf"' in en and "index.vi" not in vi
    for doc, other in (("index", "vi"), ("vi", "index")):
        data = (rendered / f"docs/{doc}.pdf").read_bytes()  # a link to the other edition, not a file path
        assert re.search(rb"/URI\s*\(" + other.encode() + rb"\.pdf\)", data), f"docs/{doc}.pdf links to no {other}.pdf"
        assert re.search(rb"/URI\s*\(" + other.encode() + rb"\.html\)", data), f"docs/{doc}.pdf links to no {other}.html"
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered / f"docs/{doc}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "docs/" not in text.split("\n\n")[0]


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_pdf_fonts_are_embedded(rendered, doc):
    out = subprocess.run(["pdffonts", str(rendered / f"docs/{doc}.pdf")], capture_output=True,
                         text=True, check=True).stdout.splitlines()[2:]
    assert out, "pdffonts listed no fonts"
    # columns: name, type (may contain spaces), encoding, emb, sub, uni, object ID; 'emb' is the 5th from the end
    assert all(line.split()[-5] == "yes" for line in out), out


@pytest.mark.parametrize("meta", ["", "lang: vi\nregistry-lang: vi\n"], ids=["en", "vi"])
def test_an_unknown_key_fails_the_render_naming_it(rendered, meta, tmp_path):
    d = _own_copy(rendered, tmp_path) / "manuscript"
    bad = d / "bad.qmd"
    bad.write_text(f"---\ntitle: bad\n{meta}---\n\nA {{{{< num no.such.key >}}}} here.\n", encoding="utf-8")
    try:
        r = subprocess.run(["quarto", "render", "bad.qmd", "--to", "html"], cwd=d, capture_output=True, text=True)
    finally:
        bad.unlink()
    assert r.returncode != 0
    assert "registry key not found: no.such.key" in r.stdout + r.stderr
    assert not (d / "_output" / "bad.html").exists() and not (d / "bad.html").exists()


def _making(root: Path) -> tuple:
    """What a render records of its making: the lineage page's line of the sources (version, commit and date),
    the digest of the render's inputs and the Quarto that rendered the HTML."""
    from analysis.manuscript.lineage_page import BUILD_LINE
    from analysis.package.verify import DIGEST
    page = (root / "docs/lineage.html").read_text(encoding="utf-8")
    head = (root / "docs/index.html").read_text(encoding="utf-8")
    found = (BUILD_LINE.search(page), DIGEST.search(head),
             re.search(r'<meta name="generator" content="([^"]*)">', head))
    return tuple(m.group(1) if m else None for m in found)


def test_a_second_render_gives_the_same_bytes(rendered, tmp_path):
    """Rendered again in another folder, at another time: the same bytes.  The shipped render (docs/ of the
    repository) is such a render when it records the same making (one commit's sources with nothing changed,
    their date, the same inputs' digest, the same Quarto): then the copy's render must be it, byte for byte, and
    nothing more is rendered.  Otherwise (a working tree with changes, a commit not yet rendered and shipped, no
    git history, another Quarto) the copy is rendered a second time, in another folder, and compared."""
    before = {n: (rendered / "docs" / n).read_bytes() for n in FILES}
    for job in ("html_index", "html_vi", "pdf_index", "pdf_vi"):  # this run rendered what the copy's docs/ hold
        assert "quarto" in (rendered / f"data/derived/logs/render_{job}.log").read_text(encoding="utf-8")
    making = _making(rendered)
    if making == _making(ROOT) and all(making) and "+changes" not in making[0] and "unknown" not in making[0]:
        assert [n for n in FILES if (ROOT / "docs" / n).read_bytes() != before[n]] == [], \
            f"the shipped render records the same making ({making[0]}) but differs from this one"
        return
    d = _own_copy(rendered, tmp_path, history=True)
    r = run_snakemake(["-c2", "--quiet", "--forcerun", "render_html", "render_pdf", "--", "render_manuscript"], d)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    after = {n: (d / "docs" / n).read_bytes() for n in before}
    assert [n for n in before if before[n] != after[n]] == []


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_render_records_its_digest_in_html_and_pdf(rendered, doc):
    from analysis.manuscript import render
    digest = render.digest_of(rendered)
    assert f'<meta name="replication-digest" content="{digest}">' in (rendered / f"docs/{doc}.html").read_text(
        encoding="utf-8")
    info = subprocess.run(["pdfinfo", str(rendered / f"docs/{doc}.pdf")], capture_output=True, text=True).stdout
    # the digest is printed on the PDF's last page (not in its metadata), where a stale PDF shows another
    pypdf = pytest.importorskip("pypdf")
    assert render.pdf_digest(pypdf.PdfReader(rendered / f"docs/{doc}.pdf").pages[-1].extract_text()) == digest
    assert digest not in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    # the paper, the report and the appendices (with the abstract, the table of counts, the glossary of the audit's
    # terms and the open data statement)
    # (46: see tests/test_shipped.py, the budget and why it grew this round)
    assert pages <= 46, f"the PDF has {pages} pages"


def _info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_the_pdf_says_what_it_is(rendered, doc):
    """Title, Author, Subject and Keywords in the PDF's metadata, the authors from CITATION.cff and the version
    from pyproject.toml; the version, commit and date of the sources on the first page."""
    import tomllib
    import yaml
    info = _info(rendered / f"docs/{doc}.pdf")
    cff = yaml.safe_load((rendered / "CITATION.cff").read_text(encoding="utf-8"))
    version = tomllib.loads((rendered / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert "Trần Thị Diễm Trâm" in info.get("Title", "") or "Tran (2026)" in info.get("Title", ""), info
    assert info.get("Author") and all(a["name"] in info["Author"] for a in cff["authors"] if "name" in a), info
    assert info.get("Subject"), info
    # the keywords are the edition's own words (its front matter's), nothing of the build: no digest, no token
    from analysis.manuscript import render
    front = render.front_matter(rendered / EDITIONS[doc][0])
    assert info.get("Keywords") == ", ".join(front["keywords"]), info
    assert "digest" not in info["Keywords"] and "build-" not in info["Keywords"], info
    first = subprocess.run(["pdftotext", "-enc", "UTF-8", "-l", "1", str(rendered / f"docs/{doc}.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", first)
    build = yaml.safe_load((rendered / "manuscript/_generated/build.yml").read_text(encoding="utf-8"))
    assert version in flat and build["build-commit"] in flat and build["build-date"] in flat, flat[:600]
    # the article pinned down and the package's identity, on the first page
    assert "MIT" in flat and "CITATION.cff" in flat, flat[:900]
    assert ("27 May 2026" if doc == "index" else "ngày 27 tháng 5 năm 2026") in flat, flat[:1500]


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_no_number_is_split_across_lines_in_the_pdf(rendered, doc):
    """Each number the manuscript shows, in the edition's form (or without its unit, as a table shows it),
    lies on one line of the PDF's text: found as often in the text read line by line as with its lines joined."""
    import json
    numbers = json.loads((rendered / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered / f"docs/{doc}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    for space in ("\u00a0", "\u2009", "\u202f"):
        text = text.replace(space, " ")
    text = re.sub(r"[ \t]+", " ", text.replace("\u2060", ""))
    lines = text.split("\n")
    joined = " ".join(lines)
    form = EDITIONS[doc][2]
    split = []
    units = (" bn USD", " mn USD", " mn TIV", " bn TIV", " tỷ USD", " triệu USD", " triệu TIV", " tỷ TIV")
    for key in _keys(rendered, doc):
        full = re.sub(r"\s+", " ", numbers[key][form].replace("\u2009", " ").replace("\u00a0", " "))
        if numbers[key].get("unit") == "text" and full.count(" ") > 2:
            continue  # a phrase (places and dates, a list of references), not a number: it wraps (num.lua)
        for shown in {full, *(full.removesuffix(u) for u in units)}:  # as the text shows it, or a table bare
            if not re.search(r"\d", shown) or " " not in shown:
                continue
            on_lines = sum(line.count(shown) for line in lines)
            if joined.count(shown) > on_lines:
                split.append(shown)
    assert split == [], f"numbers split across lines in docs/{doc}.pdf: {split[:10]}"


@pytest.mark.parametrize("doc", list(EDITIONS))
def test_each_page_embeds_the_reviews_of_the_verdicts_it_shows(rendered, doc):
    """(tests/test_claimreview.py's, on the render) Every ClaimReview a page embeds points to an element of
    that page, and every verdict the page shows has its review: one for one."""
    import json
    page = (rendered / f"docs/{doc}.html").read_text(encoding="utf-8")
    shown = re.findall(r'id="(verdict-[^"]+)"', page)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    urls = [n["url"] for n in json.loads(blocks[0])["@graph"] if n.get("@type") == "ClaimReview"]
    assert len(shown) == len(set(shown)) > 100
    assert sorted(urls) == sorted(f"{doc}.html#{s}" for s in shown)


def test_the_quarto_the_manuscript_names_bundles_what_it_says():
    """The computing environment the manuscript states names the pandoc and Typst the pinned Quarto bundles: checked
    against the Quarto installed, when it is that release."""
    from analysis.manuscript import render
    out = subprocess.run(["quarto", "--version"], capture_output=True, text=True).stdout.strip()
    if out != render.QUARTO_BUNDLE["Quarto"]:
        pytest.skip(f"Quarto {out} is installed, not the pinned {render.QUARTO_BUNDLE['Quarto']}")
    said = lambda *cmd: (lambda r: r.stdout + r.stderr)(subprocess.run(["quarto", *cmd], capture_output=True, text=True))
    pandoc, typst = said("pandoc", "--version"), said("typst", "--version")
    assert re.search(r"pandoc\S* " + re.escape(render.QUARTO_BUNDLE["pandoc"]) + r"\b", pandoc), pandoc[:200]
    assert re.search(r"typst " + re.escape(render.QUARTO_BUNDLE["Typst"]) + r"\b", typst), typst[:200]


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_the_abstract_comes_first_and_the_data_statement_is_open(rendered, doc):
    """The finding is on page 1 (the abstract, before the summary); the data statement's table is in the HTML as
    it is (no closed box)."""
    first = subprocess.run(["pdftotext", "-enc", "UTF-8", "-l", "1", str(rendered / f"docs/{doc}.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert ("Abstract" if doc == "index" else "Tóm tắt") in first
    page = (rendered / f"docs/{doc}.html").read_text(encoding="utf-8")
    assert "<details" not in page.split('id="sec-data-files"', 1)[1].split("</section>", 1)[0]


def _page_one(pdf: Path) -> str:
    """The first page's text as pypdf reads it, without layout (_squash) and with typographic apostrophes plain."""
    pypdf = pytest.importorskip("pypdf")
    return _squash(pypdf.PdfReader(pdf).pages[0].extract_text()).replace("\u2019", "'")


def headline_verdicts(numbers: dict, lang: str) -> dict[str, list[str]]:
    """The abstract's two verdict sentences as the catalog words them, filled with the registry's display forms
    (the edition's): on the printed numbers (one of the two sentences the catalog has for it) and on the claims
    (the words of its last clause, before and including the class).  Bold marks dropped, layout squashed."""
    from analysis.words import messages, msg
    form = "display" if lang == "en" else "display_vi"
    d = lambda k: numbers[k][form] if k in numbers else ""  # a class not given (too few checked) has no share
    flat = lambda s: _squash(s.replace("**", "")).replace("\u2019", "'")
    on_numbers = [flat(msg("ms.abstract.class_thin", lang, threshold=d("report.threshold.coverage"),
                           cls=d("report.numbers.class"))),
                  flat(msg("ms.abstract.class", lang, cls=d("report.numbers.class"), share=d("report.numbers.share")))]
    # the claims' sentence ends "…: the claims are **{cls}**.": the words after its last other slot, and the class
    template = messages(lang)["ms.abstract.claims"]
    before = template.split("{cls}")[0].rsplit("}", 1)[1]
    return {"numbers": on_numbers, "claims": [flat(before + d("report.claims.class"))]}


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_page_one_holds_the_abstract_with_its_verdicts(rendered, doc):
    """A reader of page 1 sees the title, the package's identity line and the abstract with the headline verdicts
    (issue #24): the verdict sentences, as the catalog words them and the registry fills them, are on page 1."""
    import json
    numbers = json.loads((rendered / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]
    first = _page_one(rendered / f"docs/{doc}.pdf")
    lang = "en" if doc == "index" else "vi"
    verdicts = headline_verdicts(numbers, lang)
    assert any(s in first for s in verdicts["numbers"]), (verdicts["numbers"], first[-1500:])
    assert verdicts["claims"][0] in first, (verdicts["claims"], first[-1500:])
    # the contents follow the abstract: page 1 is not spent on them before it
    abstract = _squash("Abstract" if doc == "index" else "Tóm tắt")
    assert abstract in first and first.index(abstract) < first.index(verdicts["claims"][0])


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_table_n_is_always_the_articles(rendered, doc):
    """The manuscript's own tables are labelled with the catalog's ms.crossref.tbl ('Audit table N', 'Bảng kiểm tra
    N'), in their captions and in the text that refers to them, in HTML and PDF: 'Table 1' ('Bảng 1') is only ever
    the article's."""
    from analysis.words import msg
    lang = "en" if doc == "index" else "vi"
    own, article = msg("ms.crossref.tbl", lang), "Table" if lang == "en" else "Bảng"
    page = html.unescape((rendered / f"docs/{doc}.html").read_text(encoding="utf-8")).replace("\u00a0", " ")
    captions = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", page, re.S)]
    tables = [c for c in captions if re.match(rf"({re.escape(own)}|{article}) \d+:", c)]
    assert len(tables) >= 8 and all(c.startswith(own + " ") for c in tables), tables
    refs = re.findall(r'<a href="#tbl-[^"]*" class="quarto-xref">([^<]*)</a>', page)
    assert refs and all(re.fullmatch(rf"{re.escape(own)} \d+", r) for r in refs), refs
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered / f"docs/{doc}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout.replace("\u00a0", " ")
    flat = re.sub(r"\s+", " ", text).replace("\u2060", "")
    # each table's caption in the PDF under the same label and number as in the HTML, never the article's word
    for c in tables:
        number, body = re.match(rf"{re.escape(own)} (\d+): (\S+ \S+)", c).groups()
        assert f"{own} {number}: {body}" in flat and f"{article} {number}: {body}" not in flat, c


@pytest.mark.parametrize("doc", sorted(EDITIONS))
def test_the_findings_for_every_item_name_no_code(rendered, doc):
    """Issue #24: the report's findings for every item show the item, printed and recomputed values, verdict, reason
    and basis, with no path of the package's code, no program and no function call: those are the lineage's alone
    (each value links there).  In HTML (the section) and in the PDF (its text up to the next section)."""
    from analysis.audit import report
    lang = "en" if doc == "index" else "vi"
    heading = report.findings_lines({g: {"gap": {}} for g in report.GROUPS}, [], [], {}, lang)[0][1].lstrip("# ")
    code = re.compile(r"analysis/|\w\.py\b|\b[A-Za-z_]\w*\(\)")
    page = (rendered / f"docs/{doc}.html").read_text(encoding="utf-8")
    toc = re.findall(r'href="#([^"]+)"[^>]*><span class="header-section-number">[\d.]+</span> ([^<]+)</a>', page)
    at = [i for i, (_, words) in enumerate(toc) if html.unescape(words).strip() == heading]
    assert len(at) == 1, (heading, toc)
    start, end = page.index(f'<section id="{toc[at[0]][0]}"'), page.index(f'<section id="{toc[at[0] + 1][0]}"')
    section = html.unescape(re.sub(r"<[^>]+>", " ", page[start:end]))
    assert "T1-01" in section and code.findall(section) == [], code.findall(section)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(rendered / f"docs/{doc}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    # the heading, not its line in the contents (a line may open with a form feed, where a page begins)
    number = re.findall(rf"^\f?(\d+)\.(\d+) {re.escape(heading)}$", text, re.M)[-1]
    body = text[text.rindex(f"{number[0]}.{number[1]} {heading}"):]
    body = body[:re.search(rf"^\f?{number[0]}\.{int(number[1]) + 1} ", body, re.M).start()]
    flat = re.sub(r"\s+", " ", body.replace("-\n", ""))
    assert "T1-01" in flat and code.findall(flat) == [], code.findall(flat)
