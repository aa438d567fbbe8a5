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
    # a period's lowest or highest year printed as another year of the same period (a range that leaves a year out):
    # no other period or base is involved
    "other_year_in_period": "other_year_in_period",
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
              "other_year_in_period",
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


# A source is weak, and its reference says so, when its figures' standing is low or the copy read is an
# aggregator's repost or a page that names no publisher (the columns standing and copy of sources.csv); the rule
# is stated once, in the data statement (ms.ref.rule).  Here, in a foundation, so that the references and an audit
# reason that rests on such a source say the same by one rule.
WEAK_COPIES = ("aggregator", "unnamed")


def weak_mark(s: dict) -> str:
    """Why a source (its row of sources.csv) is weak: 'low' (figures of low standing), 'copy' (an aggregator's
    repost or an unnamed page); '' when it is not weak."""
    if s.get("standing") == "low":
        return "low"
    return "copy" if s.get("copy") in WEAK_COPIES else ""


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


# Every other name (the register's suppliers, "World", "Total", a row the article labels with its words run together,
# "BritishVirginIslands"): the catalogs' word.country.<id>, found by the name's id (country_id), never by matching the
# English catalog's text; the label itself stays the printed row's, in data/published/.
COUNTRY_VI = {k.removeprefix("country."): v for k, v in WORDS["vi"].items() if k.startswith("country.")}
_COUNTRY_RUN_TOGETHER_VI = {k.replace("_", ""): v for k, v in COUNTRY_VI.items()}
# a row of the article's tables labelled with a partner's name run together: the article's own Vietnamese name
RUN_TOGETHER_VI = {en.replace(" ", ""): vi for en, vi in PARTNER_VI.items()}


def partner_name(name: str, lang: str) -> str:
    """A partner's, supplier's or row's name in `lang`: in Vietnamese the catalogs' word.country.<id of the name, or of
    its words run together>, else the article's own (its table rows); else as it is."""
    if lang != "vi":
        return name
    cid = country_id(name)
    return (COUNTRY_VI.get(cid) or _COUNTRY_RUN_TOGETHER_VI.get(cid.replace("_", "")) or PARTNER_VI.get(name)
            or RUN_TOGETHER_VI.get(name, name))


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
                 reporter=m("what.trade.reporter", reporter=partner_name(f["reporter"], lang))
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
            slots = {"partner": partner_name(f["partner"], lang)} if kind == "partner_yoy" else {}
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
    if isinstance(value, dict) and "release" in value:  # a SIPRI release in the edition's words (≈2022), else its id
        return release_word(str(value["release"]), lang)
    if isinstance(value, dict) and "id" in value:
        return str(value["id"]) if lang == "en" else release_word(str(value["id"]), lang)
    if isinstance(value, dict) and "what" in value:
        return describe(value["what"], lang)
    if isinstance(value, dict) and "partner" in value:
        return partner_name(value["partner"], lang)
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
#   {"item": row}      an audit row's printed number (`item`: its item; in Vietnamese its table cell or quantity);
#   {"column": name}   a printed table's column heading (`column`);
#   {"text": {lang: t}}  a text the data give in each language (a claim's gloss, the article's own words);
#   {"msg": id, ...}   a nested phrase.
# A code of the audit (a cause, a verdict, a report group) is a word: `code(kind, c)`, the catalogs' word.code.*.
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
    """A SIPRI release as each edition names it (word.release.*: '≈2022', 'current'), by its id where the catalogs
    have no word for it (a release the data add)."""
    return {"release": r}


def printed_item(row) -> dict:
    """An audit row's printed number, named in each language by `item` (English: its item; Vietnamese: its
    table cell or the quantity its key describes)."""
    item_ = {f: str(row[f]) for f in ("id", "item", "location", "key", "section", "result")}
    quantity = row.get("quantity_key")  # a row judged against the article's own check names the quantity printed
    if isinstance(quantity, str) and quantity:
        item_["quantity_key"] = quantity
    return {"item": item_}


def cell_column(name: str) -> dict:
    """A printed table's column, as the article heads it (a column printed one column to the right says so in
    each language's words)."""
    return {"column": name}


def texts(**by_lang: str) -> dict:
    """A text the data give in each language (a claim's English gloss and the article's own Vietnamese words)."""
    if set(by_lang) != set(LANGS):
        raise ValueError(f"a text slot needs one text per language {LANGS}, got {sorted(by_lang)}")
    return {"text": by_lang}


def code(kind: str, c: str) -> dict:
    """A code of the audit (a cause, a gap, a verdict, a report group...) as each edition names it: the catalogs'
    word.code.<kind>.<code> (the English edition shows the code itself, as its tables do)."""
    return word(f"code.{kind}.{c}")


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
            return partner_name(v["partner"], lang)
        if "word" in v:
            return WORDS[lang][v["word"]]
        if "release" in v:
            return release_word(v["release"], lang)
        if "item" in v:
            return item(v["item"], lang)
        if "column" in v:
            return column(v["column"], lang)
        if "text" in v:
            return v["text"][lang]
        raise ValueError(f"unknown phrase slot {v!r}")
    return v if isinstance(v, (int, float)) else str(v)  # a number as is, for the message's own format spec


def say(data, lang: str = "en") -> str:
    """A label or a rule in `lang`, from its data form (`phrase`).  Anything else (English prose) is refused: no
    sentence of one language is made from a sentence of the other."""
    if isinstance(data, dict) and "msg" in data:
        slots = {k: _say_slot(v, lang) for k, v in (data.get("slots") or {}).items()}
        return words.msg(data["msg"], lang, **slots)
    raise ValueError(f"not a phrase (a label or a rule is data: reasons.label/rule(msgid, **slots)): {data!r}")


def rule_text(entry: dict, lang: str) -> str:
    """A registry entry's rule in the edition's language, from its data form (`rule_msg`)."""
    if "rule_msg" not in entry:
        raise ValueError(f"a registry entry's rule is not data (no rule_msg): {entry.get('rule')!r}")
    return say(entry["rule_msg"], lang)


def label_text(key: str, entry: dict, lang: str) -> str:
    """A registry entry's label in the edition's language, from its data form (`label_msg`)."""
    if "label_msg" not in entry:
        raise ValueError(f"the label of registry key {key!r} is not data (no label_msg): {entry.get('label')!r}")
    text = say(entry["label_msg"], lang)
    return text[:1].upper() + text[1:]  # a label starts a tooltip and a lineage entry


# --- a printed number described in Vietnamese ---------------------------------------------
# The Vietnamese edition describes each printed number from its structure (its table, row and
# column as printed, or the registry key it is judged against), not by translating the English item.



def _slug_name(slug: str, lang: str) -> str:
    name = TRADE_PARTNERS[slug][0] if slug in TRADE_PARTNERS else \
        FDI_PARTNERS[slug][0] if slug in FDI_PARTNERS else FDI_OTHER_ROWS[slug][0] if slug in FDI_OTHER_ROWS \
        else slug.replace("_", " ").title()
    return partner_name(name, lang)


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


def column(name: str, lang: str) -> str:
    """A printed column's heading; one printed a column to the right says so in the edition's words."""
    if name.endswith(SHIFTED):
        return name.removesuffix(SHIFTED) + words.msg("word.shifted", lang)
    return name


def item(row: dict, lang: str) -> str:
    """An audit row's printed number in words: its English item, or in Vietnamese its table cell as the
    article labels it (row: column) or a description of the quantity it is judged against."""
    if lang == "en":
        return row["item"]
    loc = str(row["location"])
    cell = re.search(r"row '([^']*)'; column '([^']*)'", loc)
    if cell:
        return f"{partner_name(cell.group(1), lang)}: {column(cell.group(2), lang)}"
    quantity = row.get("quantity_key")  # the quantity printed, where the row is judged against the article's own check
    described = describe_key(quantity if isinstance(quantity, str) and quantity else str(row["key"]))
    if described is None:
        raise ValueError(f"no Vietnamese description for the key {row['key']!r} of audit row {row['id']}")
    return f"{described} (§{row['section']})" if row.get("result") == "text" else described
