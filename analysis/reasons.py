"""Reasons built from structured data, rendered in English or Vietnamese, as text or Markdown.

A reason is data, not prose: a cause code and a list of clauses, each a template id
with its slots.  A slot is one of

- {"key": k}         a registry number: its display value (text) or a `{{< num k >}}`
                     shortcode (Markdown);
- {"key": k, "src": 1}  the same, followed by the source ids the registry gives for it;
- {"what": facets}   an alternative figure described from its facets (quantity, year,
                     period, base, reporter, release), never from a typed label;
- {"word": w}        a word from the vocabulary below (a rule, a hedge, a cause);
- {"id": s}          an identifier taken from the data (a release id), shown as is;
- {"clauses": [...]} nested clauses (the reason a figure cannot be verified).

No number and no source id is typed here or in the code that builds a reason: every
figure is a registry key, every source id comes from the registry entry of a key.
`render(spec, numbers, lang, form)` is the one function that turns a reason into words;
the templates are written in each language's message catalog (analysis/words.py), not translated at run
time.
"""
from __future__ import annotations

import re

from analysis import words
from analysis.article import FDI_OTHER_ROWS, FDI_PARTNERS, SHIFTED, TRADE_PARTNERS
from analysis.registry import display, shortcode, unit_suffix

LANGS = ("en", "vi")
FORMS = ("text", "md")

# Cause codes of an audit row, and the report category each belongs to.
CAUSES = {
    "reproduced": "reproduced",
    "self_consistent": "self_consistent",
    "hedge_not_borne_out": "reproduced",
    "transcription": "transcription",
    "other_source_or_reporter": "other_source_or_reporter",
    "other_period_or_base": "other_period_or_base",
    # the printed figure is another figure of the same source, year and period than the one the recomputation takes:
    # its stated total where the rule adds its parts; a difference of two of its hedged figures where it states the
    # figure itself (correct arithmetic on hedged figures, not an error of arithmetic)
    "stated_total_not_parts": "stated_total_not_parts",
    "hedged_difference": "hedged_difference",
    "arithmetic": "arithmetic",
    "data_release": "data_release",
    "impossible_value": "arithmetic",
    "source_inconsistent": "source_inconsistent",
    "unexplained": "unexplained",
    "not_verifiable": "not_verifiable",
}
CATEGORIES = ("reproduced", "self_consistent", "transcription", "other_source_or_reporter", "other_period_or_base",
              "stated_total_not_parts", "hedged_difference", "arithmetic", "data_release", "source_inconsistent",
              "unexplained", "not_verifiable")
# The kind of gap (analysis/audit/verdict.py, GAPS) each structured gap reason states: a gap in our evidence, never an
# error of the article.  Keyed on the template of the gap's first clause.
GAP_KINDS = {
    "g_fia_table": "source_not_consulted", "g_no_base": "source_not_consulted", "g_no_rank": "source_not_consulted",
    "g_report_not_consulted": "source_not_consulted",
    "g_between": "no_source_found", "g_source_not_found": "no_source_found", "g_no_flow": "no_source_found",
    "g_source_not_found_all": "no_source_found",
    "g_no_rankings": "no_source_found", "g_no_rankings_asean": "no_source_found",
    "g_coverage": "no_source_found", "g_no_split": "no_source_found",
    "g_no_us_export_rank": "no_source_found",
    "g_stock": "not_measurable", "g_stock_stated": "not_measurable",
}


def gap_kind(why: list) -> str:
    """The kind of a gap from its structured reason: that of its first clause.  A gap template without a
    declared kind stops the build: every gap must say whether it is a source not consulted, none found, or a
    quantity not measurable."""
    if not why:
        raise ValueError("a registry gap has no structured reason, so its kind (GAPS) cannot be told")
    t = why[0][0]
    if t not in GAP_KINDS:
        raise ValueError(f"gap template {t!r} has no kind in analysis/reasons.py GAP_KINDS")
    return GAP_KINDS[t]

# The vocabularies (causes, rules, hedges, periods, the audit's bases, gaps and authorities) and the templates
# of a reason's clauses, each language from its own message catalog (analysis/words.py): ids `word.*` and
# `reason.*`.
WORDS = {lang: words.section("word.", lang) for lang in LANGS}
BASES_VI = {b: WORDS["vi"][f"basis_of.{b}"] for b in ("independent", "mixed", "article_only")}
GAPS_VI = {g: WORDS["vi"][f"gap.{g}"] for g in ("source_not_consulted", "no_source_found", "not_measurable",
                                                 "incomplete_data")}
AUTHORITIES_VI = {a: WORDS["vi"][f"authority.{a}"] for a in ("official", "secondary", "third_party_copy")}

# Partner names in Vietnamese, read off the article's own table rows.
PARTNER_VI = {en: row.split("– ")[-1] for en, row in TRADE_PARTNERS.values()}
PARTNER_VI |= {en: vi for en, vi, _ in FDI_PARTNERS.values()}


def country_id(name: str) -> str:
    """A country's or row's id in the catalogs' word.country.* ('unknown supplier(s)' -> 'unknown_supplier_s')."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


# Every other name (the register's suppliers, the rows the article names without spaces, "World", "Total"): the
# catalogs' word.country.* (the article labels one row without spaces, "BritishVirginIslands"; a Vietnamese reader
# is shown the territory's Vietnamese name, while the label itself stays the printed row's, in data/published/).
PARTNER_VI |= {en: vi for (en, vi) in ((words.msg(f"word.{k}", "en"), v) for k, v in WORDS["vi"].items()
                                       if k.startswith("country."))}
# a row the article labels with an English name run together ("BritishVirginIslands"): its Vietnamese name
RUN_TOGETHER_VI = {en.replace(" ", ""): vi for en, vi in PARTNER_VI.items()}

TEMPLATES = {lang: words.section("reason.", lang) for lang in LANGS}


def clause(template: str, **slots) -> list:
    """One clause of a reason: a template id and its slots."""
    return [template, slots]


def key(k: str, src: bool = False) -> dict:
    return {"key": k, "src": 1} if src else {"key": k}


def word(w: str) -> dict:
    return {"word": w}


def ident(s: str) -> dict:
    return {"id": s}


def what(**facets) -> dict:
    return {"what": facets}


def partner(name: str) -> dict:
    return {"partner": name}


def nested(clauses: list) -> dict:
    return {"clauses": clauses}


def candidate(frag, target: str, alt_key: str, kind: str, facets: dict) -> None:
    """Record that registry number `alt_key` is an alternative figure that might explain a printed number
    judged against `target` (a key, or a pattern with `*`), with the cause `kind` it would point to."""
    if kind not in CAUSES:
        raise ValueError(f"unknown cause code {kind!r}")
    frag.candidates.setdefault(target, []).append({"key": alt_key, "kind": kind, "what": facets})


def gap(frag, k: str, label: str, clauses: list, inputs: list[str] | None = None,
        sources: list[str] | None = None, by=None) -> None:
    """A stated gap whose reason is structured: the English text is rendered from the clauses (with the
    fragment's own numbers), and the clauses are kept for rendering in other languages and forms.  `by`:
    the function that found the number missing, where that is not the caller."""
    text = "; ".join(_clause(c, frag.numbers, "en", "text") for c in clauses)
    frag.gap(k, label, text, inputs, sources, by=by)
    frag.gaps[k]["why"] = clauses


def spec(cause: str, clauses: list) -> dict:
    if cause not in CAUSES:
        raise ValueError(f"unknown cause code {cause!r}")
    return {"cause": cause, "clauses": clauses}


def shown(entry: dict, lang: str) -> str:
    """The display form of a registry entry (as analysis.registry.build writes it)."""
    if lang == "vi" and "shown_as_vi" in entry:
        return entry["shown_as_vi"]
    if "shown_as" in entry:
        return entry["shown_as"]
    field = "display" if lang == "en" else "display_vi"
    if field in entry:
        return entry[field]
    return display(entry["value"], entry["unit"], entry["decimals"], lang)


def _partner(name: str, lang: str) -> str:
    """A partner's, supplier's or row's name in `lang` (the article's own Vietnamese names, else the catalogs')."""
    return PARTNER_VI.get(name, name) if lang == "vi" else name


def _period(period: str, lang: str) -> str:
    w = WORDS[lang]
    return w.get(f"period.{period}", period)


def describe(f: dict, lang: str) -> str:
    """Words for an alternative figure, from its facets (the catalogs' what.*)."""
    w, m = WORDS[lang], lambda msgid, **slots: words.msg(msgid, lang, **slots)
    src = f.get("src")
    if src == "self":
        return m("what.self")
    if src == "trade":
        flow = f["flow"] if f.get("how") not in ("sum", "diff") else None
        return m("what.trade", head=w[f"flow.{flow}"] if flow else w[f"how.{f['how']}"], year=f["year"],
                 period=_period(f["period"], lang), stated=m("what.trade.stated") if f.get("how") == "stated" else "",
                 reporter=m("what.trade.reporter", reporter=_partner(f["reporter"], lang))
                 if f.get("reporter") and f["reporter"] != "Vietnam" else "",
                 converted=m("what.trade.converted") if f.get("converted") else "")
    if src == "arms":
        rel = release_word(f["release"], lang)
        if f.get("same"):
            return m("what.arms.same", release=rel)
        series = f["series"]
        if "year" in f:
            if series == "total":
                return m("what.arms.total_year", year=f["year"], release=rel)
            return m("what.arms.series_year", series=w["series." + series], year=f["year"], release=rel)
        span = f"{f['first']}–{f['last']}"
        if "stat" in f:
            return m("what.arms.stat", stat=w["stat." + f["stat"]], span=span, release=rel)
        return m("what.arms.series_span", series=w["series." + series], span=span, release=rel)
    if src == "fdi":
        kind = f["what"]
        if kind in ("total_yoy", "partner_yoy"):
            year, months = f["period"].split("-")
            slots = {"partner": _partner(f["partner"], lang)} if kind == "partner_yoy" else {}
            return m(f"what.fdi.{kind}", year=year, period=_period(months, lang), **slots)
        if kind == "pct_subtract":
            return m("what.fdi.pct_subtract")
        if kind == "period_value":
            period = f["period"]
            if period.startswith("cumulative-"):
                return m("what.fdi.cumulative", date=period.removeprefix("cumulative-"))
            year, months = period.split("-")
            return m("what.fdi.months", period=_period(months, lang), year=year)
    if src == "stated":  # a published statement of a share (data/raw/arms/share_statements.csv)
        span = str(f["last"]) if f["first"] == f["last"] else f"{f['first']}–{f['last']}"
        return m("what.stated", measure=w[f"stated.{f['measure']}"], span=span)
    raise ValueError(f"cannot describe an alternative with facets {f!r}")


# A registry unit in the Vietnamese edition's words, where it is shown as a word (the catalogs' unit.*, which
# analysis/registry.py's display forms use too).
UNITS_VI = {u: unit_suffix(u, "vi").strip() for u in ("TIV mn", "TIV bn", "USD mn", "USD bn")}


def _slot(value, numbers: dict, lang: str, form: str) -> str:
    if isinstance(value, dict) and "key" in value:
        k = value["key"]
        if k not in numbers:
            raise KeyError(f"a reason cites registry key {k!r}, which the registry lacks")
        text = shortcode(k) if form == "md" else shown(numbers[k], lang)
        srcs = numbers[k].get("sources") or []
        if value.get("src") and srcs:
            text += f" [{', '.join(srcs)}]"
        return text
    if isinstance(value, dict) and "word" in value:
        return WORDS[lang][value["word"]]
    if isinstance(value, dict) and "id" in value:
        return str(value["id"]) if lang == "en" else release_word(str(value["id"]), lang)
    if isinstance(value, dict) and "what" in value:
        return describe(value["what"], lang)
    if isinstance(value, dict) and "partner" in value:
        return _partner(value["partner"], lang)
    if isinstance(value, dict) and "clauses" in value:
        return "; ".join(_clause(c, numbers, lang, form) for c in value["clauses"])
    raise ValueError(f"unknown slot {value!r}")


def _clause(c, numbers: dict, lang: str, form: str) -> str:
    template, slots = c
    return TEMPLATES[lang][template].format(**{s: _slot(v, numbers, lang, form) for s, v in slots.items()})


def render(reason: dict, numbers: dict, lang: str = "en", form: str = "text") -> str:
    """A reason in words: `lang` 'en' or 'vi'; `form` 'text' (display values) or 'md' (shortcodes)."""
    if lang not in LANGS or form not in FORMS:
        raise ValueError(f"lang must be one of {LANGS} and form one of {FORMS}")
    return " ".join(_clause(c, numbers, lang, form) for c in reason["clauses"])


def cited_keys(reason: dict) -> list[str]:
    """Every registry key a reason cites, once, clause by clause and within a clause by slot name (so the
    order survives a round trip through sorted JSON)."""
    out: list[str] = []

    def walk(v):
        if isinstance(v, dict):
            if "key" in v and v["key"] not in out:
                out.append(v["key"])
            for name in sorted(v):
                walk(v[name])
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(reason["clauses"])
    return out


# --- phrases: a registry entry's label and rule as data ----------------------------------------------------------
# A label or a rule is written where it is created as a message id of the catalogs (`label.*`, `rule.*`) and its
# slots, never as English prose; both editions render it with `say`.  A slot is a plain value shown as it is (a year,
# a table number, a source id), or one of
#   {"n": x}           a number, in each language's form (1,000,000 / 1 000 000; 0.5 / 0,5);
#   {"partner": name}  a partner or a country, named in each language;
#   {"word": w}        a word of the catalogs' vocabulary (`word.<w>`: a period, a flow, a measure);
#   {"release": r}     a SIPRI release id ("current" in words; a dated one, r2022, as it is);
#   {"msg": id, ...}   a nested phrase.
# Use: `frag.add(k, v, unit, label=R.label("label.trade.turnover", partner=R.partner(name), year=2024),
#                rule=R.rule("rule.trade.share", n=R.num(100)), ...)`; the registry keeps the data (`label_msg`,
# `rule_msg`) beside the English text (`label`, `rule`) it renders for readers of the JSON.


def phrase(msgid: str, **slots) -> dict:
    """A label or a rule as data: a catalog id and its slots (see above).  An unknown id stops the step."""
    if not words.has(msgid):
        raise KeyError(f"message {msgid!r} is missing from {words.po_path('en')}")
    return {"msg": msgid, "slots": slots} if slots else {"msg": msgid}


rule = label = phrase


def num(x) -> dict:
    return {"n": x}


def release(r: str) -> dict:
    return {"release": r}


def number(x, lang: str) -> str:
    """A number as a rule states it: digits grouped, its own decimals; in Vietnamese a thin space between groups
    and a decimal comma (the registry's display forms, analysis/registry.display)."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)  # as published: 36, not 36.0
    text = f"{x:,}"
    return text.replace(",", "\u2009").replace(".", ",") if lang == "vi" else text


def release_word(r: str, lang: str) -> str:
    """A release id (current, r2022, …) in the edition's words: the catalog's word.release.*, else the id."""
    return WORDS[lang][f"release.{r}"] if f"release.{r}" in WORDS[lang] else r


def _say_slot(v, lang: str) -> str:
    if isinstance(v, dict):
        if "msg" in v:
            return say(v, lang)
        if "n" in v:
            return number(v["n"], lang)
        if "partner" in v:
            return _partner(v["partner"], lang)
        if "word" in v:
            return WORDS[lang][v["word"]]
        if "release" in v:
            return release_word(v["release"], lang)
        raise ValueError(f"unknown phrase slot {v!r}")
    return v if isinstance(v, (int, float)) else str(v)  # a number as is, for the message's own format spec


def say(data, lang: str = "en") -> str:
    """A label or a rule in `lang`, from its data form (`phrase`).  A legacy English string (still written by the
    audit's modules until they are ported) is shown as it is in English and through the legacy tables below in
    Vietnamese (None where they have no entry)."""
    if isinstance(data, dict) and "msg" in data:
        slots = {k: _say_slot(v, lang) for k, v in (data.get("slots") or {}).items()}
        return words.msg(data["msg"], lang, **slots)
    if isinstance(data, str):
        return data if lang == "en" else (rule_vi(data) or label_vi(data))
    raise ValueError(f"not a phrase: {data!r}")


def rule_text(entry: dict, lang: str) -> str:
    """A registry entry's rule in the edition's language: from its data form; a legacy entry (a rule written as
    English by a module not yet ported) through the legacy table, else as written."""
    if "rule_msg" in entry:
        return say(entry["rule_msg"], lang)
    return entry["rule"] if lang == "en" else (rule_vi(entry["rule"]) or entry["rule"])


def label_text(key: str, entry: dict, lang: str) -> str:
    """A registry entry's label in the edition's language: from its data form; a legacy entry from its key's
    structure (describe_key) or the legacy table, else as written."""
    if "label_msg" in entry:
        text = say(entry["label_msg"], lang)
        return text[:1].upper() + text[1:]  # a label starts a tooltip and a lineage entry
    if lang == "en":
        return entry["label"]
    return describe_key(key) or label_vi(entry["label"]) or entry["label"]


# --- a printed number described in Vietnamese ---------------------------------------------
# The Vietnamese edition describes each printed number from its structure (its table, row and
# column as printed, or the registry key it is judged against), not by translating the English item.



def _slug_name(slug: str, lang: str) -> str:
    name = TRADE_PARTNERS[slug][0] if slug in TRADE_PARTNERS else \
        FDI_PARTNERS[slug][0] if slug in FDI_PARTNERS else FDI_OTHER_ROWS[slug][0] if slug in FDI_OTHER_ROWS \
        else slug.replace("_", " ").title()
    return _partner(name, lang)


def describe_key(k: str, lang: str = "vi") -> str | None:
    """A description of a registry key of the article's quantities, from the key's structure (the catalogs'
    key.*; None for other keys)."""
    m = lambda msgid, **slots: words.msg(msgid, lang, **slots)  # noqa: E731
    parts = k.split(".")
    if parts[0] == "trade" and parts[1] == "us_partner_rank":
        return m("key.trade.us_partner_rank", year=parts[2])
    if parts[0] == "trade" and len(parts) == 3 and "_" in parts[1]:
        measure, year = parts[1].rsplit("_", 1)
        if parts[2] == "world":
            return m(f"key.trade.world.{measure}", year=year) if words.has(f"key.trade.world.{measure}") else None
        if not words.has(f"key.trade.{measure}"):
            return None
        return m(f"key.trade.{measure}", partner=_slug_name(parts[2], lang), year=year)
    if k == "trade.rank_of_vietnam_among_us_partners":
        return m("key.trade.rank_us_partners")
    if k == "trade.rank_of_vietnam_among_us_export_markets":
        return m("key.trade.rank_us_export_markets")
    if parts[0] == "fdi":
        if parts[1].startswith("total_") and parts[1].count("_") == 2:
            _, months, year = parts[1].split("_")
            return m("key.fdi.total_months", months=months.rstrip("m"), year=year)
        if parts[1] in ("russia_cumulative_projects", "russia_cumulative_value"):
            return m(f"key.fdi.{parts[1]}")
        if parts[1].startswith("partners_"):
            return m("key.fdi.partners", year=parts[1].split("_")[1])
        if len(parts) == 3:
            who = _slug_name(parts[2], lang)
            if parts[1].startswith("value_"):
                return m("key.fdi.value", who=who, year=parts[1].split("_")[1])
            if parts[1].startswith("implied_base_"):
                return m("key.fdi.implied_base", who=who, year=parts[1].removeprefix("implied_base_"))
            if parts[1] in ("table_value", "share"):
                return m(f"key.fdi.{parts[1]}", who=who, table=2)
            if parts[1] in ("yoy", "rank_change"):
                return m(f"key.fdi.{parts[1]}", who=who)
    if parts[0] == "arms":
        if k == "arms.equipment_origin_share":
            return m("key.arms.equipment_origin_share")
        if len(parts) == 4 and parts[2].startswith("p") and f"arms_key.{parts[3]}" in WORDS[lang]:
            first, last = parts[2][1:].split("_")
            return m("key.arms.stat", stat=WORDS[lang][f"arms_key.{parts[3]}"], first=first, last=last)
        if len(parts) == 4 and parts[3].isdigit() and parts[2] in ("total", "russia", "russia_share"):
            return m(f"key.arms.{parts[2]}", year=parts[3])
    return None


def verdict_anchor(item_id: str) -> str:
    """The id of the place where an item's verdict is shown in each edition's page (docs/index.html,
    docs/vi.html): the url of its ClaimReview (analysis/audit/claimreview.py) points there."""
    return "verdict-" + re.sub(r"[^A-Za-z0-9_-]", "-", item_id)


def verdict_cell(item_id: str, key: str | None = None) -> str:
    """A table cell showing an item's verdict (registry key `key`, by default the audit's), with the id
    its ClaimReview's url points to (a span: pandoc writes it as an HTML id and a Typst label)."""
    return f"[{shortcode(key or 'audit.verdict.' + item_id)}]{{#{verdict_anchor(item_id)}}}"


def item(row: dict, lang: str) -> str:
    """An audit row's printed number in words: its English item, or in Vietnamese its table cell as the
    article labels it (row: column) or a description of the quantity it is judged against."""
    if lang == "en":
        return row["item"]
    loc = str(row["location"])
    cell = re.search(r"row '([^']*)'; column '([^']*)'", loc)
    if cell:
        column = cell.group(2)
        if column.endswith(SHIFTED):
            column = column.removesuffix(SHIFTED) + words.msg("word.shifted", lang)
        row = RUN_TOGETHER_VI.get(cell.group(1), cell.group(1))
        return f"{row}: {column}"
    quantity = row.get("quantity_key")  # the quantity printed, where the row is judged against the article's own check
    described = describe_key(quantity if isinstance(quantity, str) and quantity else str(row["key"]))
    if described is None:
        raise ValueError(f"no Vietnamese description for the key {row['key']!r} of audit row {row['id']}")
    return f"{described} (§{row['section']})" if row.get("result") == "text" else described


# --- LEGACY: rules and labels written as English prose, translated by matching their English text ------------------
# To be removed: the compute steps (analysis/compute/*) write their rules and labels as data (`phrase` above), and
# both editions render them with `say`.  What remains here are only the rules and labels of the modules not yet
# ported (analysis/contract/printed.py, analysis/audit/{numbers,verdict,claims,report}.py): when a module writes
# `R.rule(...)`/`R.label(...)` instead of English, delete its entries below; when none is left, delete this
# section, rule_vi and label_vi.

# A rule's varying parts: quoted names (a row, a column, a test, the article's words) and numbers (years, periods,
# sections, factors).  A rule's template is the rule with each of them as '{}'.
RULE_PARTS = re.compile(r"(?<![\w])'[^']*'(?![\w])|\d(?:[\d,.]*\d)?(?:[–-]\d(?:[\d,.]*\d)?)?")

_CLAIM = "(analysis/audit/claims.py, phép kiểm tra {%d})"
# LEGACY: the Vietnamese text of the rule templates the modules not yet ported write (English template -> Vietnamese).  The
# Vietnamese takes the rule's varying parts by position ({0}, {1}, ...), so that every number in it is the one the
# step wrote; '{0:n}' shows a number in the Vietnamese form (decimal comma, thin space between digit groups).  A
# template the registry holds and this table lacks fails tests/test_vi_edition.py.
RULES_VI = {
    # the printed numbers (analysis/contract/printed.py)
    "printed in the article at §{}; Bảng {}; row {}; column {}; parsed by analysis/contract/printed.py":
        "in trong bài báo ở §{0}; Bảng {1}; dòng {2}; cột {3}; phân tích bằng analysis/contract/printed.py",
    "printed in the article at §{}; parsed by analysis/contract/printed.py":
        "in trong bài báo ở §{0}; phân tích bằng analysis/contract/printed.py",
    # the audit (analysis/audit/numbers.py, analysis/audit/verdict.py)
    "above the stated bound (analysis/audit/verdict.py); cause: reproduced":
        "cao hơn ngưỡng được nêu (analysis/audit/verdict.py); nguyên nhân: tái lập được",
    "above the stated bound within the uncertainty of the recomputed value (analysis/audit/verdict.py); cause: reproduced":
        "cao hơn ngưỡng được nêu trong phạm vi sai số của giá trị tính lại (analysis/audit/verdict.py); nguyên nhân: tái "
        "lập được",
    "above the stated bound, from the article's own figures (analysis/audit/verdict.py); cause: self_consistent":
        "cao hơn ngưỡng được nêu, từ chính số liệu của bài báo (analysis/audit/verdict.py); nguyên nhân: nhất quán nội tại",
    "below the stated bound, from the article's own figures (analysis/audit/verdict.py); cause: self_consistent":
        "thấp hơn ngưỡng được nêu, từ chính số liệu của bài báo (analysis/audit/verdict.py); nguyên nhân: nhất quán nội tại",
    "equal (analysis/audit/verdict.py); cause: reproduced": "bằng nhau (analysis/audit/verdict.py); nguyên nhân: tái lập được",
    "equal, from the article's own figures (analysis/audit/verdict.py); cause: self_consistent":  # X-07 (issue 22)
        "bằng nhau, từ chính số liệu của bài báo (analysis/audit/verdict.py); nguyên nhân: nhất quán nội tại",
    "equal after rounding to the printed precision (analysis/audit/verdict.py); cause: reproduced":
        "bằng nhau sau khi làm tròn đến độ chính xác được in (analysis/audit/verdict.py); nguyên nhân: tái lập được",
    "equal after rounding to the printed precision, from the article's own figures (analysis/audit/verdict.py); cause: "
    "self_consistent":
        "bằng nhau sau khi làm tròn đến độ chính xác được in, từ chính số liệu của bài báo (analysis/audit/verdict.py); "
        "nguyên nhân: nhất quán nội tại",
    "equal after truncation to the printed precision, from the article's own figures (analysis/audit/verdict.py); cause: "
    "self_consistent":
        "bằng nhau sau khi cắt bớt đến độ chính xác được in, từ chính số liệu của bài báo (analysis/audit/verdict.py); "
        "nguyên nhân: nhất quán nội tại",
    "equal within the rounding of the source figures (analysis/audit/verdict.py); cause: reproduced":
        "bằng nhau trong phạm vi làm tròn của số liệu nguồn (analysis/audit/verdict.py); nguyên nhân: tái lập được",
    "equal within the rounding of the source figures, from the article's own figures (analysis/audit/verdict.py); cause: "
    "self_consistent":
        "bằng nhau trong phạm vi làm tròn của số liệu nguồn, từ chính số liệu của bài báo (analysis/audit/verdict.py); "
        "nguyên nhân: nhất quán nội tại",
    "differs by more than rounding (analysis/audit/verdict.py); cause: other_period_or_base":
        "chênh lệch vượt quá mức làm tròn (analysis/audit/verdict.py); nguyên nhân: kỳ số liệu hoặc cơ sở tính khác",
    "differs by more than rounding (analysis/audit/verdict.py); cause: other_source_or_reporter":
        "chênh lệch vượt quá mức làm tròn (analysis/audit/verdict.py); nguyên nhân: nguồn hoặc bên báo cáo khác",
    "differs by more than rounding (analysis/audit/verdict.py); cause: source_inconsistent":
        "chênh lệch vượt quá mức làm tròn (analysis/audit/verdict.py); nguyên nhân: tổng số của nguồn không khớp với các "
        "thành phần của chính nó",
    "differs by more than rounding (analysis/audit/verdict.py); cause: unexplained":
        "chênh lệch vượt quá mức làm tròn (analysis/audit/verdict.py); nguyên nhân: dữ liệu không cho thấy nguyên nhân",
    "impossible: a fall of more than the whole (analysis/audit/verdict.py); cause: arithmetic":
        "không thể có: mức giảm vượt quá toàn bộ giá trị (analysis/audit/verdict.py); nguyên nhân: lỗi tính toán",
    "no recomputed value (analysis/audit/verdict.py); cause: not_verifiable":
        "không có giá trị tính lại (analysis/audit/verdict.py); nguyên nhân: không kiểm chứng được",
    "analysis/audit/verdict.py, COARSE_UNITS": "analysis/audit/verdict.py, COARSE_UNITS",
    "audit rows judged match, rounding or consistent whose accepted interval is wider than audit.rule.coarse_units "
    "units of the printed last digit":
        "các dòng kiểm tra được kết luận khớp, khớp khi làm tròn hoặc nhất quán nội tại mà khoảng chấp nhận rộng hơn "
        "audit.rule.coarse_units đơn vị của chữ số cuối được in",
    "count of audit rows": "số dòng kiểm tra",
    "count of audit rows with a verdict_alt": "số dòng kiểm tra có kết luận thay thế (verdict_alt)",
    "count of audit rows with this verdict": "số dòng kiểm tra có kết luận này",
    "count of exact matches (reported, not used to choose)": "số lần khớp chính xác (chỉ báo cáo, không dùng để chọn)",
    "kind of the registry gap's first reason (analysis/reasons.py, GAP_KINDS)":
        "loại của lý do đầu tiên của khoảng trống trong sổ đăng ký (analysis/reasons.py, GAP_KINDS)",
    "max over printed arms totals": "năm lớn nhất trong các tổng nhập khẩu vũ khí được in",
    "printed + (half a unit in the last digit + propagated uncertainty)":
        "số in + (nửa đơn vị của chữ số cuối + sai số lan truyền)",
    "printed − (half a unit in the last digit + propagated uncertainty)":
        "số in − (nửa đơn vị của chữ số cuối + sai số lan truyền)",
    "printed value − recomputed value, in the printed unit": "số in − số tính lại, theo đơn vị của số in",
    "rows of the audit": "các dòng kiểm tra",
    "the release whose annual totals end in the last year for which the article prints an annual total (if none ends "
    "there, the oldest release covering it); no verdict enters the choice":
        "phiên bản có chuỗi tổng năm kết thúc vào năm cuối cùng mà bài báo in số tổng năm (nếu không phiên bản nào "
        "kết thúc ở đó, thì phiên bản cũ nhất có năm đó); không kết luận nào được xét khi chọn",
    "{} × (printed − closest alternative) / |closest alternative|":
        "{0:n} × (số in − số liệu thay thế gần nhất) / |số liệu thay thế gần nhất|",
    "{} × (printed − recomputed) / |recomputed|": "{0:n} × (số in − số tính lại) / |số tính lại|",
    # the claims in words (analysis/audit/claims.py: each test's rule)
    "A claim that is itself a printed number (the share of Vietnam's equipment of Soviet or Russian origin, {}) "
    + "(analysis/audit/claims.py, test {})":
        "một nhận định mà bản thân là một con số được in (tỷ trọng trang bị có nguồn gốc Liên Xô hoặc Nga của Việt "
        "Nam, {0}) " + _CLAIM % 1,
    "A label or statement whose truth is that of printed numbers the audit judges (one statement, one judgement) "
    "(analysis/audit/claims.py, test {})":
        "một nhãn hoặc phát biểu mà tính đúng sai là của các con số được in mà phần kiểm tra đánh giá (một phát biểu, "
        "một kết luận) " + _CLAIM % 0,
    "A quantity grew (analysis/audit/claims.py, test {})": "một đại lượng đã tăng " + _CLAIM % 0,
    "A table's label states the period of its values (analysis/audit/claims.py, test {})":
        "nhãn của một bảng nêu đúng kỳ của các giá trị trong bảng " + _CLAIM % 0,
    "Arms imports are {} in the years (analysis/audit/claims.py, test {})":
        "nhập khẩu vũ khí rất thấp trong các năm " + _CLAIM % 1,
    "Arms imports fall from first to last (analysis/audit/claims.py, test {})":
        "nhập khẩu vũ khí giảm từ năm đầu đến năm cuối " + _CLAIM % 0,
    "Arms imports surge (analysis/audit/claims.py, test {})": "nhập khẩu vũ khí tăng vọt " + _CLAIM % 0,
    "Arms imports trend downwards over the years (analysis/audit/claims.py, test {})":
        "nhập khẩu vũ khí có xu hướng giảm qua các năm " + _CLAIM % 0,
    "Diversification (analysis/audit/claims.py, test {})": "đa dạng hóa " + _CLAIM % 0,
    "Each subject's value far exceeds the base's (analysis/audit/claims.py, test {})":
        "giá trị của mỗi đối tượng vượt xa giá trị của đối tượng so sánh " + _CLAIM % 0,
    "Russia was the largest supplier over the years (analysis/audit/claims.py, test {})":
        "Nga là nhà cung cấp lớn nhất trong các năm " + _CLAIM % 0,
    "Russia's share in the years is lower than in the reference period (analysis/audit/claims.py, test {})":
        "tỷ trọng của Nga trong các năm thấp hơn trong giai đoạn so sánh " + _CLAIM % 0,
    "The arms passage gives its figures in US dollars (analysis/audit/claims.py, test {})":
        "đoạn về vũ khí nêu các con số bằng đô la Mỹ " + _CLAIM % 0,
    "The arms passage presents its figures as imports from Russia (analysis/audit/claims.py, test {})":
        "đoạn về vũ khí trình bày các con số như là nhập khẩu từ Nga " + _CLAIM % 0,
    "The partner is not in the top threshold investors (analysis/audit/claims.py, test {})":
        "đối tác không nằm trong nhóm nhà đầu tư hàng đầu (theo ngưỡng) " + _CLAIM % 0,
    "The partner's investment is among the lowest compared with the others (analysis/audit/claims.py, test {})":
        "vốn đầu tư của đối tác thuộc hàng thấp nhất so với các đối tác khác " + _CLAIM % 0,
    "The subject is not among the leading partners (its rank is at least rank) (analysis/audit/claims.py, test {})":
        "đối tượng không thuộc nhóm đối tác hàng đầu (thứ hạng của nó không cao hơn ngưỡng) " + _CLAIM % 0,
    "The subject's share of Vietnam's total is {} (analysis/audit/claims.py, test {})":
        "tỷ trọng của đối tượng trong tổng số của Việt Nam rất nhỏ " + _CLAIM % 1,
    "The subjects hold the claimed positions among Vietnam's partners by measure in the data's year "
    "(analysis/audit/claims.py, test {})":
        "các đối tượng giữ đúng vị trí được nêu trong số các đối tác của Việt Nam theo chỉ tiêu, trong năm của dữ "
        "liệu " + _CLAIM % 0,
    "The subjects regularly lead Vietnam's investors (analysis/audit/claims.py, test {})":
        "các đối tượng thường xuyên dẫn đầu các nhà đầu tư vào Việt Nam " + _CLAIM % 0,
    "The subjects' trade with Vietnam is smaller than the others' (analysis/audit/claims.py, test {})":
        "thương mại của các đối tượng với Việt Nam nhỏ hơn của các đối tác khác " + _CLAIM % 0,
    "count of judged claims": "số nhận định đã được đánh giá",
    "rows of data/published/claims.csv": "các dòng của data/published/claims.csv",
    "test {} of analysis/audit/claims.py": "phép kiểm tra {0} của analysis/audit/claims.py",
    "the test's gap (analysis/audit/verdict.py, GAPS)": "khoảng trống của phép kiểm tra (analysis/audit/verdict.py, GAPS)",
    # the report (analysis/audit/report.py)
    "analysis/audit/report.py, FULLY": "analysis/audit/report.py, FULLY",
    "analysis/audit/report.py, LARGELY": "analysis/audit/report.py, LARGELY",
    "analysis/audit/report.py, MIN_COVERAGE": "analysis/audit/report.py, MIN_COVERAGE",
    "analysis/audit/report.py, PARTIALLY": "analysis/audit/report.py, PARTIALLY",
    "analysis/audit/report.py, classify()": "analysis/audit/report.py, classify()",
    "analysis/audit/report.py, margins()": "analysis/audit/report.py, margins()",
    "analysis/audit/report.py, sensitivity()": "analysis/audit/report.py, sensitivity()",
    "checkable / audited": "kiểm chứng được / được kiểm tra",
    "count of rows": "số dòng",
    "count of rows reproduced on independent evidence (a claim that partly holds counts half)":
        "số dòng được tái lập trên bằng chứng độc lập (một nhận định đúng một phần được tính một nửa)",
    "reproduced / checkable": "tái lập được / kiểm chứng được",
    "the audit's verdict_alt": "kết luận thay thế của phần kiểm tra (verdict_alt)",
}


class _Part(str):
    """A rule's varying part: as written ('{0}'), or as a Vietnamese number ('{0:n}': decimal comma, thin space
    between digit groups, the registry's Vietnamese form)."""
    def __format__(self, spec: str) -> str:
        if spec == "n":
            return self.replace(",", "\u2009").replace(".", ",")
        return str(self)


def rule_template(rule: str) -> str:
    return RULE_PARTS.sub("{}", rule)


def rule_vi(rule: str) -> str | None:
    """A registry rule in Vietnamese: its template's Vietnamese text with the rule's own varying parts (numbers,
    quoted names) put back in; a column the article prints one column to the right says so in Vietnamese.  None
    when the template has no Vietnamese text."""
    vi = RULES_VI.get(rule_template(rule))
    if vi is None:
        return None
    parts = [_Part(p.replace(SHIFTED, words.msg("word.shifted", "vi"))) for p in RULE_PARTS.findall(rule)]
    return vi.format(*parts)


# --- LEGACY: labels of the modules not yet ported, in Vietnamese (those describe_key does not describe) ----------

_REPORT_GROUPS_VI = {"arms": "vũ khí", "claims": "nhận định bằng lời", "numbers": "con số được in",
                     "overall": "toàn bộ", "table1": "Bảng 1", "table2": "Bảng 2", "text": "con số trong lời văn"}
_PARTNER_NAMES = sorted({en for en, _ in TRADE_PARTNERS.values()} | {en for en, *_ in FDI_PARTNERS.values()},
                        key=len, reverse=True)  # the article's partners: the names the legacy labels hold
# A label's varying parts: a report group (at its start), a quoted code or word, an audit or claim id, a partner's
# name, a number.  Placeholders as in RULES_VI; '{0:g}' a report group, '{0:p}' a partner, '{0:q}' a quoted code.
LABEL_PARTS = re.compile(r"^(?:" + "|".join(_REPORT_GROUPS_VI) + r")(?=: )|(?<![\w])'[^']*'(?![\w])|\b[A-Z]\d?-\d{2}\b"
                         r"|\b(?:" + "|".join(map(re.escape, _PARTNER_NAMES)) + r")\b"
                         r"|\d(?:[\d,.]*\d)?(?:[–-]\d(?:[\d,.]*\d)?)?")
# the codes and words a label quotes, in Vietnamese (without quotation marks)
_QUOTED_VI = {
    "all_suppliers": "mọi nhà cung cấp", "russia_only": "riêng Nga", "both": "cả hai cách", "neither": "không cách nào",
    **{g: w for g, w in GAPS_VI.items()}, **{a: w for a, w in AUTHORITIES_VI.items()},
    "arithmetic": "lỗi tính toán", "other_period_or_base": "kỳ số liệu hoặc cơ sở tính khác",
    "stated_total_not_parts": "tổng số do nguồn nêu thay vì tổng các thành phần",
    "hedged_difference": "hiệu của hai số liệu có từ rào đón thay vì số liệu nguồn nêu",
    "other_source_or_reporter": "nguồn hoặc bên báo cáo khác",
    "source_inconsistent": "tổng số của nguồn không khớp với các thành phần của chính nó",
    "unexplained": "dữ liệu không cho thấy nguyên nhân", "transcription": "lỗi chép số",
    "fully reproduced": "tái lập hoàn toàn", "largely reproduced": "tái lập phần lớn",
    "partially reproduced": "tái lập một phần",
    "very low": "rất thấp", "very small": "rất nhỏ", "far exceeds": "vượt xa",
}
_C = "{0}: "
LABELS_VI = {
    # the audit (analysis/audit/numbers.py)
    "Arms figures reproduced by the reading {} in the release used":
        "Số con số về vũ khí được tái lập theo cách đọc “{0:q}” trong phiên bản được dùng",
    "Last year for which the article prints an annual arms total":
        "Năm cuối cùng mà bài báo in tổng nhập khẩu vũ khí của năm",
    "Passing checks flagged coarse": "Số phép kiểm tra đạt nhưng thô",
    "Printed arms figures equal to the current release": "Số con số về vũ khí được in bằng với phiên bản hiện hành",
    "Printed arms figures equal to the r{} release": "Số con số về vũ khí được in bằng với phiên bản r{0}",
    "Printed numbers audited": "Số con số được in đã kiểm tra",
    "SIPRI release the article's arms figures come from": "Phiên bản dữ liệu SIPRI mà các con số về vũ khí của bài báo "
                                                          "lấy từ đó",
    "Width, in units of the printed last digit, above which a check is flagged coarse":
        "Độ rộng, tính bằng đơn vị của chữ số cuối được in, mà trên đó một phép kiểm tra bị coi là thô",
    "{}: class under the alternative": _C + "xếp loại theo kết luận thay thế",
    "{}: verdict under the alternative": _C + "kết luận thay thế",
    # the report (analysis/audit/report.py)
    "Reproduced share needed for {}": "Tỷ lệ tái lập cần có để được xếp loại “{0:q}”",
    "Share of a result's audited items that must be checkable on independent evidence for it to be classed":
        "Tỷ lệ các mục đã kiểm tra của một kết quả cần kiểm chứng được bằng bằng chứng độc lập để kết quả được xếp loại",
    "{}: classification": "{0:g}: xếp loại",
    "{}: reproduced": "{0:g}: tái lập được",
    "{}: reproduced items down that change the class": "{0:g}: số mục tái lập được cần bớt đi để xếp loại thay đổi",
    "{}: reproduced items up that change the class": "{0:g}: số mục tái lập được cần thêm vào để xếp loại thay đổi",
    "{}: reproduced share of the checkable": "{0:g}: tỷ lệ tái lập trong số kiểm chứng được",
    "{}: robust, borderline or fragile under the alternatives":
        "{0:g}: vững, sát ngưỡng hay mong manh trước các kết luận thay thế",
    "{}: rows with gap {}": "{0:g}: số dòng không kiểm chứng được vì {1:q}",
    "{}: rows with authority {}": "{0:g}: số dòng có mức tin cậy “{1:q}”",
    "{}: rows with cause {}": "{0:g}: số dòng có nguyên nhân “{1:q}”",
    "{}: rows with an alternative verdict": "{0:g}: số dòng có kết luận thay thế",
    "{}: share of the audited items checkable on independent evidence":
        "{0:g}: tỷ lệ các mục đã kiểm tra kiểm chứng được bằng bằng chứng độc lập",
    # the claims in words (analysis/audit/claims.py: each test's figures)
    "{}: Annual mean of the period claimed": _C + "Mức trung bình năm của giai đoạn được nhận định",
    "{}: Annual mean of the reference period": _C + "Mức trung bình năm của giai đoạn so sánh",
    "{}: Annual totals in the release": _C + "Số tổng năm trong phiên bản",
    "{}: Base partner": _C + "Đối tác so sánh",
    "{}: Best rank in the data (cumulative registered capital)":
        _C + "Thứ hạng cao nhất trong dữ liệu (vốn đăng ký lũy kế)",
    "{}: Bound for a {} year": _C + "Ngưỡng của một năm “{1:q}”",
    "{}: Change in {}'s share": _C + "Thay đổi tỷ trọng của {1:p}",
    "{}: Earlier year": _C + "Năm trước",
    "{}: Factor that counts as a surge": _C + "Hệ số được coi là tăng vọt",
    "{}: Factor that counts as {}": _C + "Hệ số được coi là “{1:q}”",
    "{}: Fall, in percentage points, that counts as diversification":
        _C + "Mức giảm, tính bằng điểm phần trăm, được coi là đa dạng hóa",
    "{}: First year": _C + "Năm đầu",
    "{}: First year of the label": _C + "Năm đầu của nhãn",
    "{}: First year of the origin proxy": _C + "Năm đầu của chỉ báo thay thế về nguồn gốc",
    "{}: Fraction of the reference mean that counts as {}": _C + "Phần của mức trung bình so sánh được coi là “{1:q}”",
    "{}: Growth of Vietnam–{} trade, {} on {}": _C + "Tăng trưởng thương mại Việt Nam – {1:p}, {2} so với {3}",
    "{}: Highest year tested": _C + "Mức năm cao nhất được kiểm tra",
    "{}: Imports in the earlier year": _C + "Nhập khẩu năm trước",
    "{}: Imports in the first year": _C + "Nhập khẩu năm đầu",
    "{}: Imports in the last year": _C + "Nhập khẩu năm cuối",
    "{}: Imports in the later year": _C + "Nhập khẩu năm sau",
    "{}: Largest registered_cumulative of russia in the data": _C + "Vốn đăng ký lũy kế lớn nhất của Nga trong dữ liệu",
    "{}: Last year": _C + "Năm cuối",
    "{}: Last year of the label": _C + "Năm cuối của nhãn",
    "{}: Last year of the origin proxy": _C + "Năm cuối của chỉ báo thay thế về nguồn gốc",
    "{}: Later year": _C + "Năm sau",
    "{}: Least-squares slope of annual imports (TIV mn per year)":
        _C + "Hệ số góc bình phương tối thiểu của nhập khẩu hằng năm (triệu TIV mỗi năm)",
    "{}: Measure": _C + "Chỉ tiêu",
    "{}: Measure of the others": _C + "Chỉ tiêu của các đối tác khác",
    "{}: Measure ranked": _C + "Chỉ tiêu được xếp hạng",
    "{}: Partner": _C + "Đối tác",
    "{}: Partners in the data larger than {}": _C + "Số đối tác trong dữ liệu lớn hơn {1:p}",
    "{}: Partners that must be larger": _C + "Các đối tác phải lớn hơn",
    "{}: Periods in which the data rank every subject": _C + "Các kỳ mà dữ liệu xếp hạng mọi đối tượng",
    "{}: Printed arms figures reproduced by the reading {}":
        _C + "Số con số về vũ khí được in được tái lập theo cách đọc “{1:q}”",
    "{}: Printed number quoted in the claim": _C + "Con số được in mà nhận định trích",
    "{}: Printed number stating the claim": _C + "Con số được in nêu nhận định",
    "{}: Printed numbers reproduced": _C + "Số con số được in được tái lập",
    "{}: Printed numbers that are discrepancies": _C + "Số con số được in là sai lệch",
    "{}: Printed numbers the statement rests on": _C + "Các con số được in mà phát biểu dựa vào",
    "{}: Rank that ends the top group": _C + "Thứ hạng cuối của nhóm dẫn đầu",
    "{}: Ranks in the data": _C + "Số thứ hạng trong dữ liệu",
    "{}: Ratio of the two means": _C + "Tỷ số của hai mức trung bình",
    "{}: Reporters of the reproducing figures": _C + "Bên báo cáo của các số liệu tái lập được",
    "{}: Rows of the table": _C + "Số dòng của bảng",
    "{}: Rows whose value equals, after rounding, some full-year figure in the data":
        _C + "Số dòng có giá trị bằng, sau khi làm tròn, một số liệu cả năm nào đó trong dữ liệu",
    "{}: SIPRI release used": _C + "Phiên bản dữ liệu SIPRI được dùng",
    "{}: Share of the earlier year's total that counts as a sharp fall":
        _C + "Phần của tổng năm trước được coi là giảm mạnh",
    "{}: Size of the leading group": _C + "Quy mô của nhóm dẫn đầu",
    "{}: Subject": _C + "Đối tượng",
    "{}: Subjects whose rank is not settled": _C + "Các đối tượng chưa xác định được thứ hạng",
    "{}: The next-largest supplier": _C + "Nhà cung cấp lớn thứ hai",
    "{}: The next-largest supplier's deliveries": _C + "Chuyển giao của nhà cung cấp lớn thứ hai",
    "{}: Threshold of a {} share": _C + "Ngưỡng của một tỷ trọng “{1:q}”",
    "{}: Unit of SIPRI's annual totals": _C + "Đơn vị của các tổng năm của SIPRI",
    "{}: Unit the text names": _C + "Đơn vị mà lời văn nêu",
    "{}: Vietnam's exports with partners not in the data (total − listed)":
        _C + "Xuất khẩu của Việt Nam sang các đối tác không có trong dữ liệu (tổng − các đối tác được liệt kê)",
    "{}: Vietnam's imports with partners not in the data (total − listed)":
        _C + "Nhập khẩu của Việt Nam từ các đối tác không có trong dữ liệu (tổng − các đối tác được liệt kê)",
    "{}: Vietnam's total turnover": _C + "Tổng kim ngạch thương mại của Việt Nam",
    "{}: Vietnam's turnover with partners not in the data (total − listed)":
        _C + "Kim ngạch của Việt Nam với các đối tác không có trong dữ liệu (tổng − các đối tác được liệt kê)",
    "{}: Worst rank in the data": _C + "Thứ hạng thấp nhất trong dữ liệu",
    "{}: Worst rank of a subject in those periods": _C + "Thứ hạng thấp nhất của một đối tượng trong các kỳ đó",
    "{}: Years below the bound": _C + "Số năm dưới ngưỡng",
    "{}: Years in which imports rose": _C + "Số năm nhập khẩu tăng",
    "{}: Years of the reproducing figures": _C + "Các năm của số liệu tái lập được",
    "{}: Years tested": _C + "Các năm được kiểm tra",
    "{}: first": _C + "năm đầu",
    "{}: last": _C + "năm cuối",
    "{}: ref first": _C + "năm đầu của giai đoạn so sánh",
    "{}: ref last": _C + "năm cuối của giai đoạn so sánh",
    "{}: {} / {}": _C + "{1:p} / {2:p}",
    "{}: {}'s deliveries over the years": _C + "Chuyển giao từ {1:p} trong các năm",
    "{}: {}'s share after": _C + "Tỷ trọng của {1:p} ở giai đoạn sau",
    "{}: {}'s share before": _C + "Tỷ trọng của {1:p} ở giai đoạn trước",
    "{}: {}'s share in the reference period": _C + "Tỷ trọng của {1:p} trong giai đoạn so sánh",
    "{}: {}'s share in the years claimed": _C + "Tỷ trọng của {1:p} trong các năm được nhận định",
    "{}: {}'s share of Vietnam's total turnover": _C + "Tỷ trọng của {1:p} trong tổng kim ngạch thương mại của Việt Nam",
    "{}: {}'s share of deliveries over the years": _C + "Tỷ trọng của {1:p} trong chuyển giao qua các năm",
    "{}: {}: exports": _C + "{1:p}: xuất khẩu",
    "{}: {}: published rank by exports, {}": _C + "{1:p}: thứ hạng đã công bố theo xuất khẩu, {2}",
    "{}: {}: published rank by imports, {}": _C + "{1:p}: thứ hạng đã công bố theo nhập khẩu, {2}",
    "{}: {}: published rank by turnover, {}": _C + "{1:p}: thứ hạng đã công bố theo kim ngạch, {2}",
    "{}: {}: rank among the partners in the data": _C + "{1:p}: thứ hạng trong số các đối tác có trong dữ liệu",
    "{}: {}: registered_total {}M": _C + "{1:p}: tổng vốn đăng ký, kỳ {2}M",
    "{}: {}: turnover": _C + "{1:p}: kim ngạch",
}


class _LabelPart(_Part):
    def __format__(self, spec: str) -> str:
        if spec == "g":
            return _REPORT_GROUPS_VI.get(str(self), str(self))
        if spec == "p":
            return PARTNER_VI.get(str(self), str(self))
        if spec == "q":
            return _QUOTED_VI.get(str(self).strip("'"), str(self).strip("'"))
        return super().__format__(spec)


def label_template(label: str) -> str:
    return LABEL_PARTS.sub("{}", label)


def label_vi(label: str) -> str | None:
    """A registry label in Vietnamese from LABELS_VI (the label's own ids, names and numbers put back in); None
    when its template has none."""
    vi = LABELS_VI.get(label_template(label))
    if vi is None:
        return None
    text = vi.format(*(_LabelPart(p) for p in LABEL_PARTS.findall(label)))
    return text[:1].upper() + text[1:]  # a label starts a tooltip and a lineage entry


# --- the claims' rules and labels written in the catalog (analysis/audit/claims.py, TESTS_FROM_CATALOG, _lab) -----
# Their Vietnamese is the catalog's own message (never a translation made here); keyed by the English form the
# registry holds so that the lineage's lookups (rule_vi, label_vi) find it until they read message ids directly.
for _name, _en in words.section("claim.test.", "en").items():
    RULES_VI[rule_template(f"{_en} (analysis/audit/claims.py, test 'x')")] = \
        words.msg(f"claim.test.{_name}", "vi") + " " + _CLAIM % 0
for _name, _en in words.section("claim.label.", "en").items():
    LABELS_VI[label_template(f"C-00: {_en}")] = _C + words.msg(f"claim.label.{_name}", "vi")
del _name, _en
# the report's overall class under one row's alternative (analysis/audit/report.py, sensitivity), shown once a row's
# alternative changes the overall class
LABELS_VI.setdefault("{}: overall class under the alternative", _C + "xếp loại chung theo kết luận thay thế")
# a claim's copy of the arms origin share's label (analysis/audit/claims.py copies the registry's English label, whose
# release is named in the catalog's words): its Vietnamese is the catalog's own message
LABELS_VI[label_template("C-00: " + words.msg("label.arms.origin_share", "en", release=release_word("r2022", "en")))] = \
    _C + words.msg("label.arms.origin_share", "vi", release=release_word("r2022", "vi"))
# --- Vietnamese texts of the rules and labels that the hedged source figures and the reasons' fixes add ------------
# (analysis/audit/verdict.py: the range a hedged source states; analysis/audit/numbers.py: differences of rates in
# percentage points, a bound equal to the recomputed value, the range of a hedged alternative; analysis/compute/fdi.py:
# the change of the total as the sources state it)
_V = " (analysis/audit/verdict.py); cause: "
_V_VI = " (analysis/audit/verdict.py); nguyên nhân: "
RULES_VI.update({
    "differs by more than rounding" + _V + "arithmetic":
        "chênh lệch vượt quá mức làm tròn" + _V_VI + "lỗi tính toán",
    "differs by more than rounding" + _V + "stated_total_not_parts":
        "chênh lệch vượt quá mức làm tròn" + _V_VI + "tổng số do nguồn nêu thay vì tổng các thành phần",
    "differs by more than rounding" + _V + "hedged_difference":
        "chênh lệch vượt quá mức làm tròn" + _V_VI + "hiệu của hai số liệu có từ rào đón thay vì số liệu nguồn nêu",
    "differs by more than rounding" + _V + "transcription":
        "chênh lệch vượt quá mức làm tròn" + _V_VI + "lỗi chép số",
    "differs by more than rounding" + _V + "data_release":
        "chênh lệch vượt quá mức làm tròn" + _V_VI + "phiên bản dữ liệu khác",
    "equal after rounding a value in the range the source states" + _V + "reproduced":
        "bằng nhau sau khi làm tròn một giá trị nằm trong khoảng mà nguồn nêu" + _V_VI + "tái lập được",
    "above the stated bound within the range the source states" + _V + "reproduced":
        "cao hơn ngưỡng được nêu với một phần của khoảng mà nguồn nêu" + _V_VI + "tái lập được",
    "below the stated bound within the range the source states" + _V + "reproduced":
        "thấp hơn ngưỡng được nêu với một phần của khoảng mà nguồn nêu" + _V_VI + "tái lập được",
    "equal to the stated bound, above it only within the uncertainty of the recomputed value" + _V + "reproduced":
        "bằng đúng ngưỡng được nêu, chỉ cao hơn ngưỡng trong phạm vi sai số của giá trị tính lại" + _V_VI + "tái lập được",
    "equal to the stated bound, below it only within the uncertainty of the recomputed value" + _V + "reproduced":
        "bằng đúng ngưỡng được nêu, chỉ thấp hơn ngưỡng trong phạm vi sai số của giá trị tính lại" + _V_VI + "tái lập được",
    "below the stated bound" + _V + "reproduced": "thấp hơn ngưỡng được nêu" + _V_VI + "tái lập được",
    "printed value − recomputed value, in percentage points": "số in − số tính lại, tính bằng điểm phần trăm",
    "printed − closest alternative, in percentage points": "số in − số liệu thay thế gần nhất, tính bằng điểm phần trăm",
    "the source figures read as the intervals their hedges state, added (analysis/audit/verdict.py, stated_range)":
        "các số liệu nguồn được đọc theo khoảng mà từ rào đón của chúng nêu, rồi cộng lại (analysis/audit/verdict.py, "
        "stated_range)",
    "the alternative's source figures read as the intervals their hedges state (analysis/audit/verdict.py)":
        "các số liệu nguồn của số liệu thay thế được đọc theo khoảng mà từ rào đón của chúng nêu "
        "(analysis/audit/verdict.py)",
    "analysis/audit/report.py, alternative_sets()": "analysis/audit/report.py, alternative_sets()",
    "printed + half a unit of the printed precision (analysis/audit/verdict.py, touching_edge)":
        "số in + nửa đơn vị của độ chính xác được in (analysis/audit/verdict.py, touching_edge)",
    "printed + one unit of the printed precision (rounding half away from zero)":
        "số in + một đơn vị của độ chính xác được in (làm tròn nửa đơn vị ra xa số không)",
    "the recomputed value at the fewest decimals at which the verdict's rule reads off it "
    "(analysis/audit/numbers.py, unrounded)":
        "giá trị tính lại với ít chữ số thập phân nhất mà quy tắc của kết luận vẫn đọc được đúng trên đó "
        "(analysis/audit/numbers.py, unrounded)",
})
LABELS_VI.update({
    "{}: lowest value the source's words allow": "{0}: giá trị thấp nhất mà lời của nguồn cho phép",
    "{}: highest value the source's words allow": "{0}: giá trị cao nhất mà lời của nguồn cho phép",
    "{}: lowest value the alternative's words allow": "{0}: giá trị thấp nhất mà lời của nguồn của số liệu thay thế cho phép",
    "{}: highest value the alternative's words allow": "{0}: giá trị cao nhất mà lời của nguồn của số liệu thay thế cho phép",
    "{}: printed figure − the closest alternative": "{0}: số in − số liệu thay thế gần nhất",
    "{}: upper edge of the printed figure's rounding window": "{0}: cận trên của khoảng làm tròn của con số in ra",
    "{}: the figure the edge of the window rounds to": "{0}: con số mà cận của khoảng được làm tròn thành",
    "{}: the recomputed value, unrounded": "{0}: giá trị tính lại, chưa làm tròn",
    # the report's classification under the alternatives (analysis/audit/report.py)
    "{}: class with every alternative verdict": "{0:g}: xếp loại khi xét mọi kết luận thay thế cùng một lúc",
    "{}: class with the alternative {} applied to all its rows at once":
        "{0:g}: xếp loại khi áp dụng phương án “{1:q}” cho mọi dòng của nó cùng một lúc",
    "Rows whose verdict the alternative {} changes": "Số dòng mà phương án “{0:q}” làm thay đổi kết luận",
    "{}: numbers class under the alternative": "{0}: xếp loại của các con số được in theo kết luận thay thế",
})
