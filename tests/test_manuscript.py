"""The manuscript sources: no number typed by hand, every key in the registry, lineage for each.

These tests read the .qmd through pandoc's AST (pypandoc ships a pandoc binary), so they
run everywhere; the rendered HTML and PDF are tested in test_rendered.py when Quarto is present.
"""
import json
import os
import re

import pypandoc
import pytest

from analysis.manuscript import parts as manuscript
from tests.conftest import ROOT

QMD = ROOT / "manuscript" / "index.qmd"
# Each edition: its source and the folder of its generated parts (as the .qmd includes them).
EDITIONS = {"index.qmd": "_generated/", "index.vi.qmd": "_generated/vi/"}
MD_PARTS = {"abstract.md", "counts.md", "figure_table1.md", "figure_arms.md", "table1.md", "table2.md", "arms_periods.md", "arms_claims.md", "text_claims.md", "discrepancies.md",
            "audit.md", "data_availability.md", "lineage_typst.md", "lineage_data.md", "claims.md", "report.md",
            "rules.md", "summary.md"}
SHORTCODE = re.compile(r"\{\{<.*?>\}\}")
NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(19|20)\d\d")
ORDINAL_BEFORE = re.compile(r"(Table|Tables|Bảng|Figure|Section|Appendix|Mục|Hình|Phụ lục|§)\s*$")


def _inline_text(nodes, vouched: str = "", stand_in: str | None = None, notes: bool = True) -> str:
    """Prose of a list of inlines: citations, code and maths are not prose and are left out (or, with `stand_in`,
    code and citations each stand as that text); with `vouched`, a `.vouch` span is led by that mark; with
    `notes`, a footnote's text is kept in place."""
    out = []
    for n in nodes:
        t, c = n["t"], n.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            out.append(_inline_text(c, vouched, stand_in, notes))
        elif t in ("Quoted", "Link", "Image"):
            out.append(_inline_text(c[1], vouched, stand_in, notes))
        elif t == "Span":
            out.append((vouched if vouched and "vouch" in c[0][1] else "") + _inline_text(c[1], vouched, stand_in, notes))
        elif t == "Note" and notes:
            out.append(" ".join(_blocks_text(c)))
        elif t in ("Code", "Cite") and stand_in is not None:
            out.append(stand_in)
        # otherwise Cite, Code, Math, RawInline: not prose
    return "".join(out)


def _blocks_text(blocks) -> list[str]:
    texts = []
    for b in blocks:
        t, c = b["t"], b.get("c")
        if t in ("Para", "Plain"):
            texts.append(_inline_text(c))
        elif t == "Header":
            texts.append(_inline_text(c[2]))
        elif t in ("BlockQuote",):
            texts += _blocks_text(c)
        elif t in ("BulletList",):
            for item in c:
                texts += _blocks_text(item)
        elif t == "OrderedList":
            for item in c[1]:
                texts += _blocks_text(item)
        elif t == "Div":
            texts += _blocks_text(c[1])
        elif t == "Figure":
            texts += _blocks_text(c[1][1]) + _blocks_text(c[2])
        elif t == "Table":
            texts.append(json.dumps(b))  # tables are written by the workflow, never typed in the .qmd
        # CodeBlock, RawBlock: not prose
    return texts


def _meta_text(meta) -> list[str]:
    texts = []
    for v in meta.values():
        if v["t"] == "MetaInlines":
            texts.append(_inline_text(v["c"]))
        elif v["t"] == "MetaBlocks":
            texts += _blocks_text(v["c"])
    return texts


def hand_typed_numbers(markdown: str) -> list[str]:
    """Numerals in the prose of a Quarto markdown source that are not a year, an ordinal of a
    section, table or figure, or part of a citation or shortcode."""
    ast = json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))
    found = []
    for text in _meta_text(ast["meta"]) + _blocks_text(ast["blocks"]):
        text = SHORTCODE.sub(" ", text)
        for m in NUMERAL.finditer(text):
            if YEAR.fullmatch(m.group()) or ORDINAL_BEFORE.search(text[:m.start()]):
                continue
            found.append(f"{m.group()!r} in …{text[max(0, m.start() - 40):m.end() + 20]}…")
    return found


def test_checker_flags_typed_numbers_and_spares_years_ordinals_citations_shortcodes():
    assert hand_typed_numbers("The article prints 81 numbers.") == ["'81' in …The article prints 81 numbers.…"]
    assert len(hand_typed_numbers("Trade was 205,2 tỷ USD and rose 19.3%.")) == 2
    assert hand_typed_numbers("| a | b |\n|---|---|\n| x | 12 |\n\n: cap\n")  # a typed table is caught too
    assert hand_typed_numbers(
        "In 2012 and over 2001–2010, Table 1, *Bảng 2*, §3.1 and @fig-arms [see @tran2026, p. 14] "
        "show {{< num audit.count.all >}} numbers, as `analysis/v2.py` computes.") == []


@pytest.mark.parametrize("qmd", sorted(EDITIONS))
def test_manuscript_has_no_hand_typed_numbers(qmd):
    found = hand_typed_numbers((ROOT / "manuscript" / qmd).read_text(encoding="utf-8"))
    assert found == [], f"numbers typed by hand in manuscript/{qmd} (use {{{{< num key >}}}}):\n" + "\n".join(found)


@pytest.mark.parametrize("qmd", sorted(EDITIONS))
def test_manuscript_uses_the_shortcode_and_includes_every_generated_part(qmd):
    """Each edition includes every part, its own language's (the Vietnamese from _generated/vi/)."""
    text = (ROOT / "manuscript" / qmd).read_text(encoding="utf-8")
    assert manuscript.keys_in(text)  # the numbers of the prose; the findings come in generated parts
    included = set(re.findall(r"\{\{<\s*include\s+(_generated/\S+)\s*>\}\}", text))
    assert included == {EDITIONS[qmd] + n for n in MD_PARTS}


@pytest.mark.parametrize("lang,own,other", [("en", "index.html", "vi-lineage.html"), ("vi", "vi.html", "lineage.html")])
def test_each_lineage_page_is_a_whole_page_with_its_editions_entries(lang, own, other):
    """The page wraps the edition's entries as they are, links back to its edition and across to the other
    edition's page, and shows the build's record as text (escaped), the digest in its header."""
    from analysis.manuscript import lineage_page
    entries = {"trade.x.a": "<p>a &amp; b</p>", "audit.verdict.T1-01": "<p>c</p>", "arms.y": "<p>d</p>"}
    body = manuscript.lineage_part(entries, lang)
    build = {"build-date": "2026-01-02", "build-version": "9.9.9", "build-commit": "abc<b>&def"}
    page = lineage_page.page(body, lang, build, "0" * 64)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    assert f'<meta name="replication-digest" content="{"0" * 64}">' in page
    assert f'href="{own}"' in page and f'href="{other}"' in page
    assert "abc&lt;b&gt;&amp;def" in page and "<b>" not in page and "2026-01-02" in page and "9.9.9" in page
    for key, entry in entries.items():  # each entry once, under its id, as written
        assert page.count(f'<div id="{manuscript.anchor(key)}" class="lineage">{entry}</div>') == 1
    # one heading per group, each listed at the top with its count, in the groups' order
    heads = re.findall(r'<section id="lineage-group-(\w+)">', page)
    assert heads == ["trade", "arms", "audit"]
    assert all(f'<a href="#lineage-group-{h}">' in page for h in heads) and "</a> (1)</li>" in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_a_lineage_page_refuses_a_build_record_without_its_commit():
    from analysis.manuscript import lineage_page
    with pytest.raises(ValueError, match="build-commit"):
        lineage_page.read_build('build-date: "2026-01-02"\nbuild-version: "1"\n')
    assert lineage_page.read_build('build-date: "2026-01-02"\nbuild-version: "1"\nbuild-commit: "a\\"b"\nauthor: ["x"]\n') \
        == {"build-date": "2026-01-02", "build-version": "1", "build-commit": 'a"b'}


def test_the_editions_have_the_same_sections_and_link_to_each_other():
    heads = {q: re.findall(r"^#+ .*?(\{#[^ }]+)", (ROOT / "manuscript" / q).read_text(encoding="utf-8"), re.M)
             for q in EDITIONS}
    assert heads["index.qmd"] == heads["index.vi.qmd"] and len(heads["index.qmd"]) >= 15
    en, vi = ((ROOT / "manuscript" / q).read_text(encoding="utf-8") for q in ("index.qmd", "index.vi.qmd"))
    assert "](vi.html)" in en and "](vi.pdf)" in en and "docs/vi.pdf" not in en
    assert "](index.html)" in vi and "](index.pdf)" in vi and "href: vi.pdf" in vi and "docs/index.pdf" not in vi
    assert "lineage-page: lineage.html" in en and "lineage-page: vi-lineage.html" in vi
    assert re.search(r"^lang: vi$", vi, re.M) and re.search(r"^registry-lang: vi$", vi, re.M)


def test_the_shortcode_prints_the_vietnamese_form_in_the_vietnamese_edition():
    lua = (ROOT / "manuscript/_extensions/registry/num.lua").read_text(encoding="utf-8")
    assert 'meta["registry-lang"] or meta["lang"]' in lua and "entry.display_vi" in lua


def test_an_unknown_key_stops_the_parts_naming_key_and_file():
    with pytest.raises(KeyError) as exc:
        manuscript.used_keys({"manuscript/index.qmd": "x {{< num no.such.key >}} y"}, {"a.b": {}})
    assert "no.such.key" in str(exc.value) and "manuscript/index.qmd" in str(exc.value)


def test_lineage_anchor_rule_is_the_same_in_python_and_lua():
    lua = (ROOT / "manuscript/_extensions/registry/num.lua").read_text(encoding="utf-8")
    assert 'return "lineage-" .. key:gsub("%.", "-"):gsub("%*", "x")' in lua
    assert manuscript.anchor("trade.turnover_2024.china") == "lineage-trade-turnover_2024-china"
    assert manuscript.anchor("arms.*.p2001_2010.min") == "lineage-arms-x-p2001_2010-min"


def test_no_callouts_or_executable_cells():
    """Callouts need Typst @preview packages (downloaded at render time); Quarto must run no code."""
    for f in (ROOT / "manuscript").rglob("*.qmd"):
        text = f.read_text(encoding="utf-8")
        assert ".callout" not in text, f
        assert not re.search(r"^```\{(python|r|julia|ojs)", text, re.M), f


def _audit(rows):
    import pandas as pd
    cols = ["id", "result", "item", "key"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


def test_the_full_list_leaves_out_what_earlier_tables_judge():
    """Table 1's rows, Table 2's changes, the arms and the text figures each have a table before the full list;
    Table 2's printed values and rank changes have none, so only they are listed."""
    audit = _audit([("T1-01", "table1", "Vietnam–China goods trade turnover", "k"),
                    ("T2-01", "table2", "Singapore: total registered capital 2025", "k"),
                    ("T2-02", "table2", "Singapore: change on 2024", "k"),
                    ("T2-03", "table2", "Singapore: rank change on 2024", "k"),
                    ("A-01", "arms", "Lowest annual arms imports", "k"), ("X-01", "text", "Trade", "k")])
    assert manuscript.shown_elsewhere(audit) == {"T1-01", "T2-02", "A-01", "X-01"}


def test_a_table_with_units_in_its_header_shows_bare_numbers_aligned_right():
    table = manuscript.pipe_table(["Partner", "Exports (bn USD)"], [["China", manuscript.bare("trade.x")]], "Cap",
                                  "tbl-x", align="lr")
    assert "|:---|---:|" in table and "{{<num trade.x bare>}}" in table
    assert manuscript.keys_in(table) == ["trade.x"]


def test_the_popover_data_cannot_close_its_script_element():
    block = manuscript.lineage_data({"a.b": "<p>x</script><script>alert(1)</script></p>"})
    inner = block.split('id="lineage-data">', 1)[1].split("</script>", 1)[0]
    assert "</" not in inner and json.loads(inner) == {"lineage-a-b": "<p>x</script><script>alert(1)</script></p>"}


def test_the_build_records_unknown_commit_without_git_and_the_cff_maintainers(tmp_path):
    from analysis.manuscript import render
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "9.8.7"\n', encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text('cff-version: 1.2.0\nauthors:\n  - given-names: "An"\n'
                                           '    family-names: "Nguyễn"\n    email: "an@example.org"\n'
                                           '  - name: "Team \\"Q\\""\n', encoding="utf-8")
    info = render.build_info(tmp_path, {"SOURCE_DATE_EPOCH": "0"})
    assert info == {"build-date": "1970-01-01", "build-version": "9.8.7", "build-commit": "unknown"}
    cite = render.citation(tmp_path)
    assert cite["maintainers"] == ["An Nguyễn", 'Team "Q"'] and cite["contact"] == "an@example.org"
    assert cite["persons"] == ["An Nguyễn"]
    typ = render.typst_include("d" * 64, {"title": "A *b* [-@x]", "subtitle": "S", "keywords": ["k"]}, cite, info)
    assert 'title: "A b"' in typ and 'author: ("An Nguyễn", "Team \\"Q\\"", )' in typ
    # the keywords are the edition's (here "k") and nothing of the build; the digest is a line of text the PDF prints
    assert 'keywords: ("k", )' in typ and "build-" not in typ and "replication-digest" not in typ
    assert typ.count("d" * 64) == 1 and "#let render-digest-note" in typ
    printed = f"Render digest, the SHA-256 of every input this render\nwas made from (a fresh build of the same " \
              f"inputs gives the same): {'d' * 32}\n{'d' * 32}"  # as pypdf reads a line broken anywhere
    assert render.pdf_digest(printed) == "d" * 64 and render.pdf_digest("no digest here") is None
    vi = render.typst_include("e" * 64, {"keywords": ["k"]}, cite, info, "vi")
    assert "Mã băm" in vi and "e" * 64 in vi
    meta = render.meta_yaml(info, cite)
    assert 'build-commit: "unknown"' in meta and 'contact: "an@example.org"' in meta
    assert 'contact-vi: "an@example.org"' in meta
    # a CITATION.cff with no e-mail, repository or URL: the page says so, in each edition's language
    meta = render.meta_yaml(info, {"maintainers": ["M"], "contact": ""})
    assert 'contact: "none given in CITATION.cff"' in meta and 'contact-vi: "CITATION.cff chưa ghi' in meta
    # a CITATION.cff naming no person and no contact says so once, in each edition's language
    assert meta.count("names no person and no contact") == 1 and 'cff-note-vi: "`CITATION.cff` không ghi tên' in meta
    # the Vietnamese edition's author line: the entity CITATION.cff names, in Vietnamese; a person as written
    meta = render.meta_yaml(info, {"maintainers": ["Replication package maintainers", "An Nguyễn"], "contact": ""})
    assert 'author-vi: ["Nhóm duy trì gói tái lập", "An Nguyễn"]' in meta
    assert 'author: ["Replication package maintainers", "An Nguyễn"]' in meta


def test_the_build_records_the_commit_and_date_of_its_sources(tmp_path, monkeypatch):
    """In a checkout, the commit is the last that changed a file outside docs/ (a later commit of the render alone
    holds the same sources) and the date is that commit's, so that a clean clone records what the shipped render
    records on any day; a changed, staged or untracked file outside docs/ says '+changes' and dates the sources
    today; SOURCE_DATE_EPOCH dates them when set."""
    import datetime
    import shutil
    import subprocess
    from analysis.manuscript import render
    if not shutil.which("git"):
        pytest.skip("git is not installed: a checkout's commit cannot be read")
    when = {"2026-01-01": "1767225600", "2026-02-01": "1769904000"}  # midnight UTC of each day, worked by hand
    # git as a fresh machine runs it, here and in build_info: no user's or system's settings (signing, hooks, line
    # endings), no other GIT_* variable
    for k in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(k)
    for k, v in {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
                 "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                 "GIT_COMMITTER_EMAIL": "t@example.org"}.items():
        monkeypatch.setenv(k, v)

    def git(*args, day=None):
        env = dict(os.environ)
        if day:  # the committer's clock five hours behind UTC: the day before, there
            env |= {"GIT_AUTHOR_DATE": f"{when[day]} +0000", "GIT_COMMITTER_DATE": f"{when[day]} -0500"}
        return subprocess.run(["git", *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    def info(env=None):
        """What build_info records, and the days (UTC) the call began and ended on."""
        days = {datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")}
        found = render.build_info(tmp_path, env or {})
        days.add(datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"))
        return found, days

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1.2.3"\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.html").write_text("a", encoding="utf-8")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "sources", day="2026-01-01")
    sources = git("rev-parse", "HEAD")
    (tmp_path / "docs" / "index.html").write_text("b", encoding="utf-8")
    git("commit", "-q", "-am", "render", day="2026-02-01")
    assert git("rev-parse", "HEAD") != sources
    clean = {"build-date": "2026-01-01", "build-version": "1.2.3", "build-commit": sources[:12]}
    assert info()[0] == clean
    assert info({"SOURCE_DATE_EPOCH": "0"})[0] == {**clean, "build-date": "1970-01-01"}
    (tmp_path / "docs" / "index.html").write_text("c", encoding="utf-8")  # a render not yet committed: no change
    assert info()[0] == clean
    changed = sources[:12] + "+changes"
    for make, undo in ((lambda: (tmp_path / "new.py").write_text("x", encoding="utf-8"),  # untracked
                        lambda: (tmp_path / "new.py").unlink()),
                       (lambda: ((tmp_path / "new.py").write_text("x", encoding="utf-8"), git("add", "new.py")),  # staged
                        lambda: (git("rm", "-q", "--cached", "new.py"), (tmp_path / "new.py").unlink())),
                       (lambda: (tmp_path / "pyproject.toml").write_text(  # changed
                           '[project]\nname = "x"\nversion = "1.2.3"\n# edited\n', encoding="utf-8"),
                        lambda: git("checkout", "-q", "--", "pyproject.toml"))):
        make()
        found, days = info()
        assert found["build-commit"] == changed and found["build-date"] in days, found
        assert info({"SOURCE_DATE_EPOCH": "0"})[0] == {**clean, "build-commit": changed, "build-date": "1970-01-01"}
        undo()
        assert info()[0] == clean


def test_the_first_page_gives_the_articles_dates_as_references_bib_keeps_them():
    """The dates the article prints (received 02/3/2026, reviewed 24/04/2026, accepted 27/5/2026, read off the
    article's header) reach the first page in each edition's words."""
    from analysis.manuscript import render
    art = render.article_record(ROOT)
    assert (art["received"], art["reviewed"], art["accepted"]) == ("2026-03-02", "2026-04-24", "2026-05-27")
    meta = render.meta_yaml({"build-date": "2026-12-06"}, {"maintainers": ["M"], "contact": "", "persons": []}, art)
    assert 'article-received: "2 March 2026"' in meta and 'article-accepted-vi: "ngày 27 tháng 5 năm 2026"' in meta
    for qmd in EDITIONS:
        text = (ROOT / "manuscript" / qmd).read_text(encoding="utf-8")
        suffix = "-vi" if ".vi." in qmd else ""
        for k in ("received", "reviewed", "accepted", "build-version", "build-commit"):
            assert ("{{< meta build-" in text) and (k.startswith("build") or f"{{{{< meta article-{k}{suffix} >}}}}" in text)
        for k in ("licence", "cite-as", "cff-note"):
            assert f"{{{{< meta {k}{suffix} >}}}}" in text


def test_source_ids_become_author_year_citations_only_when_all_are_sources():
    from analysis.manuscript import render
    keys = {"src-mof-tbtc-202504", "src-ecb-x"}
    text = "Recomputed [MOF_TBTC_202504]; converted [ECB_X, MOF_TBTC_202504]; kept [ECB_X, NOT_A_SOURCE]; [link](x)"
    assert render.cite_sources(text, keys) == ("Recomputed [@src-mof-tbtc-202504]; converted [@src-ecb-x; "
                                               "@src-mof-tbtc-202504]; kept [ECB_X, NOT_A_SOURCE]; [link](x)")


def test_a_written_out_number_is_held_to_its_unit_and_hedge():
    from analysis.manuscript import render
    nb = "\u00a0"
    assert render.hold_numbers("Recomputed: 134 bn USD; khoảng 786 tỷ USD; 2 partners") == (
        f"Recomputed: 134{nb}bn{nb}USD; khoảng{nb}786{nb}tỷ{nb}USD; 2 partners")


def test_escaped_source_ids_become_citations_too():
    from analysis.manuscript import render
    assert render.cite_sources("x \\[MOF\\_TBTC\\_202504\\]; y \\[NOT\\_ONE\\]", {"src-mof-tbtc-202504"}) == (
        "x [@src-mof-tbtc-202504]; y \\[NOT\\_ONE\\]")


def test_the_render_copy_writes_each_number_as_the_span_the_filter_reads():
    """The forms the manuscript uses become spans (num-span.lua gives them the shortcode's own output); an
    escaped shortcode from an input's text, and a form the spans do not carry, stay as written."""
    from analysis.manuscript import render
    text = ("a {{< num trade.turnover_2024.china >}} b {{<num printed.T1-01 bare>}} c {{<num arms.*.p2001_2010.min>}} "
            "d \\{\\{\\<num audit.count.all\\>\\}\\} e {{< num fdi.x lang=vi >}}")
    assert render.SHORTCODE.sub(render.as_span, text) == (
        'a []{.num key="trade.turnover_2024.china"} b []{.num key="printed.T1-01" bare="1"} '
        'c []{.num key="arms.*.p2001_2010.min"} d \\{\\{\\<num audit.count.all\\>\\}\\} e {{< num fdi.x lang=vi >}}')
    lua = (ROOT / "manuscript/_extensions/registry/num-span.lua").read_text(encoding="utf-8")
    assert 'dofile(' in lua and '"num.lua"' in lua and "return num(args, {}, doc.meta)" in lua
    assert "_extensions/registry/num-span.lua" in (ROOT / "manuscript/_quarto.yml").read_text(encoding="utf-8")


def test_the_popovers_data_goes_into_its_one_slot_after_the_render():
    from analysis.manuscript import render
    part = manuscript.lineage_data({"a.b": "<p>x</p>"})
    page = f"<head></head><body>{render.POPOVER_SLOT}</body>"
    filled = render.fill_popovers(page, part)
    assert filled.count('id="lineage-data"') == 1 and '{"lineage-a-b": "\\u003cp>x\\u003c/p>"}' in filled
    assert render.POPOVER_SLOT in render.POPOVER_SLOT_PART
    with pytest.raises(ValueError, match="0 slots"):
        render.fill_popovers("<body></body>", part)
    with pytest.raises(ValueError, match="2 slots"):
        render.fill_popovers(page + render.POPOVER_SLOT, part)


def test_a_units_header_holds_together():
    table = manuscript.pipe_table(["Partner", "Printed (bn USD)", "Vốn đăng ký 2025, số in (triệu USD)"], [["a", "1", "2"]],
                                  "C", "tbl-x", align="lrr")
    head = table.splitlines()[0]
    assert "(bn\u00a0USD)" in head and "(triệu\u00a0USD)" in head and "Vốn đăng ký 2025, số in" in head
    # an aside of more than two words is no unit: it wraps between its words
    head = manuscript.pipe_table(["hiện hành (Ngân hàng Thế giới, 2026)", "≈2022 (third-party compilation)"], [["1", "2"]],
                                 "C", "tbl-x", align="rr").splitlines()[0]
    assert "(Ngân hàng Thế giới, 2026)" in head and "\u00a0" not in head.split("≈2022")[0]
    assert "(third-party\u00a0compilation)" in head


def test_table1s_rule_as_the_manuscript_states_it_is_the_order_the_code_applies():
    """Each criterion the manuscript states (parts.TABLE1_RULE, in its order) decides before the next: a source
    better on an earlier criterion wins although it is worse on every later one.  The first, full year, is the
    filter of pick(): a part-year figure is never a candidate."""
    import pandas as pd
    from analysis.compute import trade

    assert manuscript.TABLE1_RULE == ("full_year", "reporter", "standing", "both_flows", "status", "latest")
    best = {"reporter": "Vietnam", "standing": "official", "flows": ("exports", "imports"), "status": "final",
            "date": "2025-06-01"}
    worst = {"reporter": "Korea", "standing": "low", "flows": ("exports",), "status": "estimate", "date": "2025-01-01"}
    order = ["reporter", "standing", "flows", "status", "date"]
    for i, criterion in enumerate(order):
        # A is better on `criterion`, equal before it, worse after it; B the other way round
        a = {c: best[c] for c in order[:i + 1]} | {c: worst[c] for c in order[i + 1:]}
        b = {c: best[c] for c in order[:i]} | {c: worst[c] for c in order[i:]}
        b |= {c: best[c] for c in order[i + 1:]}
        src = pd.DataFrame([{"source_id": sid, **{k: v for k, v in s.items() if k != "flows"}}
                            for sid, s in (("B", b), ("A", a))])
        rows = pd.DataFrame([{"source_id": sid, "flow": f} for sid, s in (("B", b), ("A", a)) for f in s["flows"]])
        assert trade.rank_sources(rows, src)[0] == "A", f"{criterion} does not decide before the later criteria"
    trade_rows = pd.DataFrame([{"partner": "x", "year": 2024, "period": "10M", "source_id": "A", "flow": "turnover"}])
    assert trade.pick(trade_rows, pd.DataFrame([{"source_id": "A", **best}]).drop(columns="flows"), "x").empty


# --- hand-written sentences that state something about the audit carry an assertion -----------------------
#
# A sentence written by hand (not a generated part) that states a count, a class, a direction or a cause is
# true only while the data say so: it carries a `{.vouch check=...}` assertion the build evaluates
# (analysis/manuscript/assertions.py), or it is on the allowance list below with the reason it needs none.
# The detector is deliberately wide (it flags a digit that is not a year or an ordinal, a verdict or class
# word, a quantifier over numbers, figures, claims or sources, a comparison or direction word, a cause word);
# what it flags that states no finding is allowed here, one sentence at a time, with why.

_VOUCHED = "\u27e6asserted\u27e7"
_INCLUDE = re.compile(r"^\{\{<\s*include\s+[^>]*>\}\}\s*$", re.M)
STATES = {
    "en": [r"\b(reproduced|not verifiable|unverifiable|discrepanc\w*|match(?:es|ed)?|rounding|consistent|robust|"
           r"fragile|holds?|not decided|agree[sd]?|differs?|wrong|errors?)\b",
           r"\b(all|every|none|no)\b(?:\s+\S+){0,4}?\s+(numbers?|values?|figures?|claims?|verdicts?|rows?|items?|"
           r"changes?|sources?)\b",
           r"\b(more|less|fewer|larger|smaller|higher|lower|exceeds?|exceeded|rises?|rose|falls?|fell|grew|greater)\b",
           r"\b(because|therefore|hence|thus)\b"],
    "vi": [r"(được tái lập|không tái lập|tái lập hoàn toàn|tái lập phần lớn|tái lập một phần|không kiểm chứng được|"
           r"sai lệch|khớp|nhất quán|vững|mong manh|đúng một phần|chưa phân định)",
           r"\b(mọi|tất cả)\s(?:\S+\s){0,4}?(con số|số liệu|giá trị|nhận định|kết luận|dòng|nguồn)",
           r"(lớn hơn|nhỏ hơn|cao hơn|thấp hơn|ít hơn|nhiều hơn|vượt|tăng lên|giảm xuống)",
           r"\b(vì vậy|do đó|bởi vì|cho nên)\b"],
}
# (file, the sentence's first words) -> why the sentence needs no assertion
ALLOWED = {
    ("manuscript/index.qmd", "Each table, series and printed number judged by a stated rule"):
        "the subtitle says what the audit does and how far (where sources could be found), not what it found",
    ("manuscript/index.qmd", "Every input is a public figure"):
        "a property of the inputs the manifest records and the input check enforces (data/raw/datapackage.json)",
    ("manuscript/index.qmd", "Where sources disagree, all figures are kept"):
        "the raw data's design, enforced by the input contract (conflicting rows are kept, never deleted)",
    ("manuscript/index.qmd", "The entries are on a page of their own"):
        "how the lineage is laid out; tests/test_rendered.py checks that every number links to its entry",
    ("manuscript/index.qmd", "The numbers that share a script"):
        "how the PDF's lineage groups its entries (parts.lineage_typst), not a finding",
    ("manuscript/index.qmd", "The HTML edition gives every number an entry"):
        "how the lineage is laid out; tests/test_manuscript.py checks each page holds every key",
    ("manuscript/index.vi.qmd", "Mọi dữ liệu đầu vào đều là số liệu công khai"):
        "as the English 'Every input is a public figure'",
    ("manuscript/index.vi.qmd", "Khi các nguồn không thống nhất, mọi số liệu"):
        "as the English 'Where sources disagree, all figures are kept'",
    ("README.md", "This package judges, against raw inputs shipped"):
        "what the package covers (the article's tables and passages), not a count of results",
    ("README.md", "a printed number is a match, a rounding difference"):
        "the vocabulary of verdicts, defined (analysis/audit/verdict.py), not a result",
    ("README.md", "a claim in words holds, partly holds"):
        "the vocabulary of claim verdicts, defined (analysis/audit/claims.py), not a result",
    ("README.md", "A replication report in the shape of the AEA"):
        "the report's classes, defined (analysis/audit/report.py), not a result",
    ("README.md", "It shows each class's sensitivity"):
        "what the report shows, not a result",
    ("README.md", "The manuscript's summary of findings is generated"):
        "describes how the summary is generated",
    ("README.md", "The rule `x` (`x`) evaluates every assertion"):
        "describes the check of the assertions themselves",
    ("README.md", "Every verdict follows a stated rule"):
        "every verdict is computed by the rules of analysis/audit/verdict.py and claims.py (tests/test_verdict.py, "
        "tests/test_claims.py)",
    ("README.md", "`x` is the registry of every derived number"):
        "what the registry is (analysis/registry.py), not a result",
    ("README.md", "The Quarto manuscript (`x`, HTML and PDF"):
        "what the manuscript shows; tests/test_rendered.py checks each number links to its lineage",
    ("README.md", "Quarto runs no code: each number"):
        "tests/test_manuscript.py checks that no number is typed by hand",
    ("README.md", "Each folder also has a `x` giving the publisher"):
        "the design of each raw folder's SOURCES.md and sources.csv, checked by the input contract",
    ("README.md", "- The FIA report behind Table 2"):
        "the title of the report not consulted, quoted (its '12' is part of the title)",
    ("README.md", "Then comes the abstract, generated"):
        "describes what the generated abstract holds (parts.abstract_part), not a result",
    ("README.md", "On a phone (below 768 px)"):
        "the layout on a phone (styles.css, popover.html), checked by tests/test_browser.py at 390 px",
    ("README.md", "Quarto 1.7 bundles Typst 0.13"):
        "versions of the toolchain (render.QUARTO_BUNDLE, checked by tests/test_rendered.py), not a result",
    ("README.md", "Every number in the manuscript, in tables and text alike"):
        "tests/test_rendered.py checks that every number shown links to its lineage entry",
    ("README.md", "They are redistributed here under each source's terms"):
        "the terms of use, from the manifest's licences",
    ("README.md", "Conflicting figures are all kept"):
        "the raw data's design, enforced by the input contract",
    ("README.md", "The article alone"):
        "the cause of Table 2's unverifiable values (its source report not consulted), which the manifest's "
        "x-not-consulted records and the generated table of counts quantifies",
}


def _prose(nodes) -> str:
    """A sentence's prose for the assertion detector: a vouched span marked, code and citations as a stand-in."""
    return _inline_text(nodes, vouched=_VOUCHED, stand_in="`x`", notes=False)


def _prose_blocks(blocks) -> list[str]:
    """The prose of the blocks, headings left out (a heading names a section; it states nothing), and a div
    that is itself an assertion left out whole."""
    out = []
    for b in blocks:
        t, c = b["t"], b.get("c")
        if t in ("Para", "Plain"):
            out.append(_prose(c))
        elif t == "BlockQuote":
            out += _prose_blocks(c)
        elif t == "BulletList":
            for item in c:
                out += _prose_blocks(item)
        elif t == "OrderedList":
            for item in c[1]:
                out += _prose_blocks(item)
        elif t == "Div" and "vouch" not in c[0][1]:
            out += _prose_blocks(c[1])
        elif t == "Figure":
            out += _prose_blocks(c[1][1]) + _prose_blocks(c[2])
    return out


def hand_written_sentences(markdown: str) -> list[str]:
    """The hand-written sentences of a Markdown source (title and subtitle included), each as one line; a
    sentence with an asserted span in it starts with the marker _VOUCHED somewhere inside."""
    markdown = _INCLUDE.sub("", SHORTCODE.sub("#", markdown))
    ast = json.loads(pypandoc.convert_text(markdown, "json", format="markdown"))
    texts = [_prose(ast["meta"][k]["c"]) for k in ("title", "subtitle")
             if ast["meta"].get(k, {}).get("t") == "MetaInlines"]
    texts += _prose_blocks(ast["blocks"])
    return [s for t in texts for s in re.split(r"(?<=[.!?;:])\s+(?=[^\sa-z])", " ".join(t.split())) if s.strip()]


def unasserted_statements(markdown: str, lang: str, file: str = "") -> list[str]:
    found = []
    for s in hand_written_sentences(markdown):
        if _VOUCHED in s or any(f == file and s.replace("’", "'").startswith(p) for f, p in ALLOWED):
            continue
        words = [m.group(0) for p in STATES[lang] for m in re.finditer(p, s, re.I)]
        words += [m.group() for m in NUMERAL.finditer(s)
                  if not (m.start() and s[m.start() - 1].isalpha()) and not YEAR.fullmatch(m.group()) and not ORDINAL_BEFORE.search(s[:m.start()].rstrip("≈"))]
        if words:
            found.append(f"{file}: {words} in: {s[:160]}")
    return found


def test_the_detector_flags_counts_classes_directions_and_causes_and_spares_asserted_ones():
    flagged = lambda text, lang="en": unasserted_statements(text, lang)
    assert flagged("The article prints 81 numbers.")                       # a count
    assert flagged("The arms figures are largely reproduced.")              # a class
    assert flagged("Every printed number was audited against sources.")     # a quantifier over numbers
    assert flagged("The implied values sum to more than the total.")        # a direction
    assert flagged("The values differ because the source is another.")      # a cause
    assert flagged("Các số liệu này sai lệch so với nguồn.", "vi")
    assert flagged("[The implied values sum to more than the total.]{.vouch check=\"{a} > {b}\"}") == []
    assert flagged("::: {.vouch check=\"{a} > {b}\"}\nAll 81 numbers are reproduced.\n:::\n") == []
    assert flagged("In 2012, Table 1 and §3.1 describe the trade of Vietnam.") == []
    assert flagged("# Discrepancies\n\nThe list below.") == []             # a heading names, states nothing


@pytest.mark.parametrize("file,lang", [("manuscript/index.qmd", "en"), ("manuscript/index.vi.qmd", "vi"),
                                       ("manuscript/glossary.md", "en"), ("manuscript/glossary.vi.md", "vi")])
def test_every_hand_written_statement_in_the_manuscript_carries_an_assertion(file, lang):
    text = (ROOT / file).read_text(encoding="utf-8")
    if file.endswith("glossary.md") or file.endswith("glossary.vi.md"):
        text = re.sub(r"^\|.*\|\s*$", "", text, flags=re.M)  # the glossary's table defines words; its lead is prose
    found = unasserted_statements(text, lang, file)
    assert found == [], "hand-written statements with no assertion (add a {.vouch check=...} or an allowance " \
                        "with its reason):\n" + "\n".join(found)


def test_every_statement_about_the_audit_in_the_readme_is_allowed_with_a_reason():
    """The README cannot carry an assertion (GitHub would show it as text): its sections about the audit (the
    overview, the data statement, the list of tables) state no count, class, direction or cause beyond the
    allowance list, each entry with its reason; the other sections describe software and are tested by the
    suites they name."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    about = text[text.index("## Overview"):text.index("### The input contract")] + \
        text[text.index("## List of tables"):text.index("## References")]
    found = unasserted_statements(about, "en", "README.md")
    assert found == [], "README sentences about the audit with a count, class, direction or cause:\n" + "\n".join(found)


def test_every_allowance_is_still_used():
    sentences = {f: [s.replace("’", "'") for s in hand_written_sentences((ROOT / f).read_text(encoding="utf-8"))]
                 for f in {f for f, _ in ALLOWED}}  # each file read once (pandoc), not once per allowance
    for (f, start), reason in ALLOWED.items():
        assert reason.strip()
        assert any(s.startswith(start) for s in sentences[f]), f"allowance for a sentence no longer in {f}: {start!r}"


def test_the_manuscripts_environment_is_what_the_package_pins_not_the_machine():
    """The computing environment the manuscript states: the Quarto the installer pins, and the versions
    requirements.lock pins (worked out by hand from the lock for CPython 3.11: numpy 2.4.6, not the 2.5.5 it pins
    for 3.12 and later)."""
    from analysis.manuscript import render
    from analysis.package.install_quarto import VERSION
    assert render.QUARTO_BUNDLE["Quarto"] == VERSION
    pins = render.pinned(ROOT)
    assert pins["NumPy"] == "2.4.6" and pins["snakemake"] == "9.16.3" and pins["pandas"] == "3.1.1"
    words = render.environment_words(ROOT, "en")
    assert "Quarto 1.7.34" in words and "NumPy 2.4.6" in words and "Linux" in words
    import platform
    assert platform.node() not in words or not platform.node()


def test_the_glossaries_define_the_same_audit_terms_and_every_verdict_word():
    """Both editions' glossaries define the audit's own terms, the same set (English terms, as the code, the
    keys and the file names keep them), every verdict and class word among them."""
    def terms(path, caption):
        text = (ROOT / "manuscript" / path).read_text(encoding="utf-8")
        table = text.split(caption)[0] if caption in text else text
        block = table.rsplit("\n\n", 2)[-2] if caption in text else table
        cells = [re.sub(r'\{lang="\w+"\}', "", row.split("|")[1]).strip(" []") for row in block.splitlines()
                 if re.match(r"^\| \[?\*", row)]
        return {t.strip("*[] ") for c in cells for t in c.split(",")}
    en = terms("glossary.md", ": The audit's terms")
    vi = terms("glossary.vi.md", ": Thuật ngữ tiếng Anh")
    assert en == vi, (en ^ vi)
    assert {"match", "rounding", "within the stated bound", "consistent", "discrepancy", "not verifiable", "coarse", "basis", "authority",
            "release", "TIV", "coverage", "class", "robust", "borderline", "fragile", "pp", "lineage",
            "registry key"} <= en


def test_a_written_out_number_never_breaks_between_its_digit_groups():
    from analysis.manuscript import render
    assert render.hold_numbers("nhập 1\u2009225 triệu TIV") == "nhập 1\u202f225\u00a0triệu\u00a0TIV"
    assert render.hold_numbers("2001\u20092002") == "2001\u202f2002"  # any digits either side: no break there


def test_the_manuscripts_own_tables_are_not_called_table_n():
    """The article's Table 1 and Table 2 are what the text discusses; the manuscript's own tables carry another label,
    the catalogs' ms.crossref.tbl ('Audit table N', 'Bảng kiểm tra N'), in both the caption and a cross-reference,
    in HTML and in the PDF (Quarto's crossref options, and the Vietnamese edition's language labels)."""
    import yaml
    from analysis.manuscript.render import front_matter
    from analysis.words import msg
    project = yaml.safe_load((ROOT / "manuscript" / "_quarto.yml").read_text(encoding="utf-8"))
    en, vi = msg("ms.crossref.tbl", "en"), msg("ms.crossref.tbl", "vi")
    assert not re.fullmatch(r"Table|Bảng", en) and not re.fullmatch(r"Table|Bảng", vi)
    assert project["crossref"]["tbl-title"] == en and project["crossref"]["tbl-prefix"] == en
    front = front_matter(ROOT / "manuscript" / "index.vi.qmd")
    assert front["crossref"]["tbl-title"] == vi and front["crossref"]["tbl-prefix"] == vi
    assert front["language"]["crossref-tbl-title"] == vi and front["language"]["crossref-tbl-prefix"] == vi
    # the English edition does not set its own (it takes the project's)
    assert "crossref" not in front_matter(ROOT / "manuscript" / "index.qmd")


def test_the_manuscripts_own_words_name_no_code():
    """Issue #24: the manuscript's own words (each edition's prose, and the catalogs' ms.* and report.findings.*
    messages) name no path of the package's code, no program and no function call: the lineage names the code that
    computed each number.  (The YAML front matter's comments are for maintainers, not readers.)"""
    from analysis.words import messages
    code = re.compile(r"analysis/|\w\.py\b|\b[A-Za-z_]\w*\(\)")
    found = []
    for lang in ("en", "vi"):
        for mid, text in messages(lang).items():
            if mid.startswith(("ms.", "report.findings.")):
                texts = text if isinstance(text, tuple) else (text,)
                found += [(lang, mid, m) for t in texts for m in code.findall(t)]
    for qmd in EDITIONS:
        body = (ROOT / "manuscript" / qmd).read_text(encoding="utf-8").split("\n---", 1)[1]
        found += [(qmd, m) for m in code.findall(body)]
    assert found == []


def test_verify_reads_the_pdfs_digest_on_its_last_page_not_in_its_keywords(tmp_path, built):
    """A PDF whose keywords carry the right digest but whose text does not (as a PDF rendered before the digest moved,
    or one put in place by hand) is not taken for the render of these inputs: the digest is read where the render
    prints it, the last page's text (render.pdf_digest)."""
    pypdf = pytest.importorskip("pypdf")
    from analysis.manuscript.render import digest_of
    from analysis.package import verify
    digest = digest_of(built)  # the shared build's (a fresh clone's tree holds no derived data)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.html").write_text(f'<meta name="replication-digest" content="{digest}">', encoding="utf-8")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Keywords": f"replication-digest:{digest}"})
    with (docs / "index.pdf").open("wb") as f:
        writer.write(f)
    lines = verify.render_differences(tmp_path, built)
    assert [x for x in lines if x.startswith("docs/index.pdf")] and not [x for x in lines if "index.html" in x], lines


def test_the_abstract_says_what_rests_on_the_article_alone_and_what_on_a_source():
    """A printed change that is impossible on its face (a fall of more than the whole) is found wrong on the article's
    figures alone; the value recomputed beside it rests on a source too (the 2024 total): the abstract must not
    present that value as the article's own figures alone."""
    import pandas as pd
    from analysis.manuscript import parts
    row = {"id": "T2-32", "result": "table2", "item": "All other partners: change on 2024",
           "location": "§3.3; Bảng 2; row 'Các đối tác khác'; column 'Tăng/Giảm so với cùng kỳ'", "section": "3.3",
           "printed_value": -91976.4, "unit": "% change", "key": "fdi.yoy.others", "verdict": "discrepancy",
           "basis": "article_only", "category": "arithmetic", "cause": "arithmetic"}
    numbers = {"fdi.yoy.others": {"value": -18.9, "unit": "% change", "decimals": 1, "sources": ["S05"]}}
    for lang in ("en", "vi"):
        text = parts.abstract_part(numbers, pd.DataFrame([row]), lang)
        assert "{{<num printed.T2-32>}}" in text
        if lang == "en":
            assert "rests on the article's figures alone" in text and "{{<num fdi.yoy.others>}}" in text
            assert "printed {{<num printed.T2-32>}} against {{<num fdi.yoy.others>}}" not in text
            # the source a citation the render resolves (a bracketed id, as the reasons cite), not a bare "(S05)";
            # the cause attached to the printed figure, never read as the recomputed value's
            assert "with a source [S05]" in text and "(S05)" not in text
            assert "printed {{<num printed.T2-32>}} (likeliest cause: *arithmetic*)" in text
            assert "{{<num fdi.yoy.others>}} (" not in text
        else:
            assert "chỉ dựa vào số liệu của bài báo" in text and "[S05]" in text and "(S05)" not in text
            assert "in {{<num printed.T2-32>}} (nguyên nhân khả dĩ nhất: *lỗi tính toán*)" in text
            assert "{{<num fdi.yoy.others>}} (" not in text
        from analysis.manuscript.render import cite_sources
        assert "[@src-s05]" in cite_sources(text, {"src-s05": "src-s05"})


def test_the_page_script_writes_no_words_of_its_own():
    """The words manuscript/popover.html writes into a page (a popover's link, a wide table's cue, the phone menu)
    are each edition's catalog's (ms.page.*), carried beside the popovers' data: the script holds no sentence in
    either language (issue #23: one catalog per language, code never holds a language's words)."""
    import json
    from analysis.manuscript import parts
    from analysis.words import msg
    script = (ROOT / "manuscript" / "popover.html").read_text(encoding="utf-8")
    code = re.sub(r"<!--.*?-->|//[^\n]*", " ", script, flags=re.S)  # comments are for maintainers
    literals = re.findall(r'"([^"\\]*(?:\\.[^"\\]*)*)"', code)
    # a sentence starts with a capital and runs over a space (a CSS selector, 'main table', does neither)
    assert [s for s in literals if re.match(r"[A-ZÀ-Ỹ][a-zà-ỹ]+,? [a-zà-ỹA-Z]", s)] == []
    assert not re.search(r"[ạ-ỹđĐ]|\\u1e|\\u00e0", code)
    for lang in ("en", "vi"):
        md = parts.lineage_data({}, lang)
        page = json.loads(re.search(r'<script type="application/json" id="page-words">(.*?)</script>', md).group(1))
        assert page == {w: msg(f"ms.page.{w}", lang) for w in parts.PAGE_WORDS} and all(page.values())


def test_the_pdfs_document_id_is_its_names_not_its_folders():
    """Typst may derive the PDF's document ID from the folder it renders in; the copy into docs/ makes it one of
    the package's and the file's names, in the same two places and at the same length (no offset moves)."""
    from analysis.manuscript.render import stable_pdf_id

    def pdf(doc_id: bytes) -> bytes:  # the two places Typst writes it, as in a rendered PDF
        return (b"%PDF-1.7\n<xmpMM:DocumentID>" + doc_id + b"</xmpMM:DocumentID><xmpMM:InstanceID>"
                b"Yd+wWo5wT1tDLx7nJgAozg==</xmpMM:InstanceID>\ntrailer\n<<\n  /ID [(" + doc_id +
                b") (Yd+wWo5wT1tDLx7nJgAozg==)]\n>>\nstartxref\n9\n%%EOF\n")
    here, there = pdf(b"/sF8Qw8MJVVvt/DwoGSWgw=="), pdf(b"FNzIuEHamX8mSQRONzsh/w==")  # one file, two folders
    a, b = stable_pdf_id(here, "p/index.pdf"), stable_pdf_id(there, "p/index.pdf")
    assert a == b and len(a) == len(here) and b"/sF8Qw8MJ" not in a
    assert a.count(a.split(b"<xmpMM:DocumentID>")[1].split(b"<")[0]) == 2  # in the XMP and the trailer
    assert b"Yd+wWo5wT1tDLx7nJgAozg==" in a  # the instance ID (of the content) is kept
    assert stable_pdf_id(here, "p/vi.pdf") != a  # each edition its own
    odd = here.replace(b"trailer", b"trailer /sF8Qw8MJVVvt/DwoGSWgw==")  # a third place: not rewritten
    assert stable_pdf_id(odd, "p/index.pdf") == odd and stable_pdf_id(b"%PDF-1.7\n", "p/index.pdf") == b"%PDF-1.7\n"
