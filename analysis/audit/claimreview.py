"""The audit's verdicts as schema.org ClaimReview, for machines: search engines and claim databases read
fact-checks in this form (schema.org/ClaimReview; Google's fact-check structured data; the Fact Check Tools
API's ClaimReview markup: see the README for the pages read).

One ClaimReview for each claim in words (data/derived/claims.csv) and each printed number
(data/derived/audit.csv), in each edition's language, with
- `url`: the place in the edition's page where the verdict is shown (index.html#verdict-<id>,
  vi.html#verdict-<id>: the id the table writers give the verdict's cell, analysis/reasons.py);
- `claimReviewed`: the claim as a sentence: a claim in words as the article words it (the English edition:
  its gloss), a printed number as a sentence of its item and the figure as printed, with its place
  ("Vietnam–China goods trade turnover was ~205.2 bn USD (Table 1, §3.3)");
- `itemReviewed`: a Claim quoting the article's own words (the printed figure, or the quoted clause), with
  its place in the article and its appearance, the article as a ScholarlyArticle (manuscript/references.bib,
  entry tran2026);
- `author`: an Organization, named as CITATION.cff names the package's authors; `datePublished`: the date
  the reviews are published with the package (SOURCE_DATE_EPOCH's date when set, else CITATION.cff's
  date-released: a date that changes every day would change every product and the shipped render);
- `reviewRating`: the verdict in words (`alternateName`, the registry's display form) and the reason
  (`ratingExplanation`), and as a number on a stated scale (worstRating 1: the article's figure or claim
  does not stand; 2: it partly holds; bestRating 3: it stands); a verdict that decides nothing (not
  verifiable, not decided) has no number.

Each edition gets the reviews in its language: data/derived/verdicts.jsonld (English) and
data/derived/verdicts.vi.jsonld (Vietnamese), and the same documents as HTML header includes
(`<script type="application/ld+json">`) that each edition's front matter names: each page carries the
reviews of the verdicts it shows, its own.  In a page, the relative urls resolve against the page; the
files in data/derived/ say so with `@base` (../../docs/).

    python -m analysis.audit.claimreview --audit data/derived/audit.csv --claims data/derived/claims.csv \\
        --registry data/derived/numbers.json --bib manuscript/references.bib --citation CITATION.cff \\
        --out data/derived/verdicts.jsonld --out-vi data/derived/verdicts.vi.jsonld \\
        --out-html manuscript/_generated/verdicts.html --out-html-vi manuscript/_generated/vi/verdicts.html
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys

import yaml

from analysis import reasons as R
from analysis.words import msg
from analysis.escape import json_in_script
from analysis.io import dumps_json, read_json, run, write_text_atomic

CONTEXT = "https://schema.org"
ARTICLE_KEY = "tran2026"
ARTICLE_ID = "#article"
SHORTCODE = re.compile(r"\{\{<\s*num\s+([^\s>]+)\s*>\}\}")
# BibTeX's langid to the BCP 47 tag schema.org's inLanguage takes
LANGIDS = {"vietnamese": "vi", "english": "en"}


# --- bibliographic data ----------------------------------------------------------------------------

def bib_fields(text: str, key: str) -> dict[str, str]:
    """The fields of one BibTeX entry (values with their braces as written), found by key."""
    start = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    if not start:
        raise ValueError(f"references.bib: no entry '{key}'")
    kind = re.match(r"@(\w+)", start.group(0)).group(1).lower()
    fields, i = {"ENTRYTYPE": kind}, start.end()
    field = re.compile(r"\s*(\w+)\s*=\s*")
    while True:
        m = field.match(text, i)
        if not m:
            break
        j = m.end()
        if text[j] == "{":
            depth, k = 0, j
            while True:
                depth += {"{": 1, "}": -1}.get(text[k], 0)
                k += 1
                if depth == 0:
                    break
            value = text[j + 1:k - 1]
        else:
            k = re.match(r'"[^"]*"|[^,}\s]+', text[j:]).end() + j
            value = text[j:k].strip('"')
        fields[m.group(1).lower()] = value
        i = re.match(r"\s*,?", text[k:]).end() + k
    return fields


def detex(value: str) -> str:
    """A BibTeX value as plain text: braces dropped, the en dash written as one."""
    return value.replace("--", "–").replace("{", "").replace("}", "").strip()


def article(fields: dict[str, str]) -> dict:
    """The article as a schema.org ScholarlyArticle."""
    node = {"@id": ARTICLE_ID, "@type": "ScholarlyArticle", "headline": detex(fields["title"]),
            "name": detex(fields["title"]), "datePublished": detex(fields["year"])}
    authors = []
    for name in re.split(r"\s+and\s+", fields.get("author", "")):
        family, _, given = (detex(part) for part in name.partition(","))
        authors.append({"@type": "Person", "familyName": family, "givenName": given,
                        "name": f"{family} {given}".strip()})
    node["author"] = authors
    if "journal" in fields:
        node["isPartOf"] = {"@type": "Periodical", "name": detex(fields["journal"])}
    if fields.get("langid") in LANGIDS:
        node["inLanguage"] = LANGIDS[fields["langid"]]
    for field, prop in (("volume", "volumeNumber"), ("pages", "pagination"), ("doi", "sameAs"), ("url", "url")):
        if field in fields:
            node[prop] = detex(fields[field]) if prop != "sameAs" else f"https://doi.org/{detex(fields[field])}"
    return node


# --- the reviews -------------------------------------------------------------------------------------

PAGES = {"en": "index.html", "vi": "vi.html"}  # each edition's page (docs/), where its verdicts are shown
BASE = "../../docs/"  # the pages' folder, from data/derived/, where the standalone documents are written
WORST, BEST = 1, 3  # the numeric scale: 1 the figure or claim does not stand, 2 it partly holds, 3 it stands
RATINGS = {"match": 3, "rounding": 3, "within_bound": 3, "consistent": 3, "discrepancy": 1, "not_verifiable": None,
           "holds": 3, "partly holds": 2, "does not hold": 1, "not decided": None}
# The hedges (analysis/contract/printed.py) that the English form of a figure says in words (claimreview.hedge.*).
HEDGES = ("approx", "above", "below")
REVIEWER_ID = "#reviewer"


def verdict_words(numbers: dict, key: str, verdict: str, lang: str) -> str:
    """The verdict in the edition's words: the registry's display form of the verdict, else the verdict
    as the CSV writes it (underscores read as spaces)."""
    entry = numbers.get(key) or {}
    shown = entry.get("display" if lang == "en" else "display_vi")
    return str(shown) if shown else verdict.replace("_", " ")


def resolve(text: str, numbers: dict, lang: str) -> str:
    """Text with {{<num key>}} shortcodes, each replaced by the registry's display form in the edition's language."""
    field = "display" if lang == "en" else "display_vi"
    return SHORTCODE.sub(lambda m: str(numbers[m.group(1)][field]), text)


def place(location: str, lang: str, said: str = "") -> str:
    """Where a printed number stands, in the edition's words: its table (if any) and section, each unless
    the text `said` already names it."""
    table = re.search(r"Bảng (\d+)", location)
    section = re.match(r"§[\d.]+", location.strip())
    parts = ([msg("claimreview.table", lang, table=table.group(1))] if table else []) + \
        ([section.group(0)] if section else [])
    return ", ".join(p for p in parts if p not in said)


def figure_en(row: dict) -> str:
    """A printed figure in English form, from the audit's reading of it (value, decimals, qualifier, unit);
    the printed text itself where the reading has no number."""
    try:
        v, d = float(row["printed_value"]), int(row.get("printed_decimals") or 0)
    except (TypeError, ValueError):
        return row["printed"]
    hedge, unit = row.get("qualifier") or "none", row.get("unit", "")
    sign = "+" if v > 0 else "−" if v < 0 else ""
    if unit in ("USD bn", "TIV bn", "USD mn", "TIV mn"):
        scale = "bn" if unit.endswith("bn") else "mn"
        currency = "USD" if "USD" in row["printed"] or unit.startswith("USD") else "TIV"
        figure = f"{v:,.{d}f} {scale} {currency}"
    elif unit == "%":
        figure = f"{v:,.{d}f}%"
    elif unit == "% change":
        figure = f"{sign}{abs(v):,.{d}f}%"
    elif unit == "rank change":
        return f"{sign}{abs(v):.0f}"
    elif unit in ("rank", "count", "year"):
        figure = f"{v:.0f}"
    else:
        return row["printed"]
    return msg(f"claimreview.hedge.{hedge}", "en", figure=figure) if hedge in HEDGES else figure


def claim_sentence(row: dict, lang: str) -> str:
    """A printed number's claim as a sentence: its item, the figure as printed (English form in the English
    edition), its place."""
    item = R.item(row, lang)
    figure = figure_en(row) if lang == "en" else row["printed"]
    where = place(row["location"], lang, item)
    return msg("claimreview.sentence_at", lang, item=item, figure=figure, where=where) if where else \
        msg("claimreview.sentence", lang, item=item, figure=figure)


def rating(verdict: str, words: str, reason: str) -> dict:
    """The verdict as schema.org Rating: in words, with its reason, and as a number on the stated scale."""
    if verdict not in RATINGS:
        raise ValueError(f"verdict {verdict!r} has no place on the ClaimReview scale (analysis/audit/claimreview.py,"
                         " RATINGS); give it one")
    node = {"@type": "Rating", "alternateName": words, "ratingExplanation": reason,
            "worstRating": WORST, "bestRating": BEST}
    if RATINGS[verdict] is not None:
        node["ratingValue"] = RATINGS[verdict]
    return node


def review(rid: str, quote: str, location: str, sentence: str, name: str, rated: dict, lang: str,
           date: str, claim_name: str) -> dict:
    """One ClaimReview of the article's words `quote` (in Vietnamese, as printed)."""
    claim = {"@id": f"#claim-{rid}", "@type": "Claim", "identifier": rid, "text": quote, "inLanguage": "vi",
             "name": claim_name, "position": location, "appearance": {"@id": ARTICLE_ID},
             "firstAppearance": {"@id": ARTICLE_ID}, "author": {"@id": f"{ARTICLE_ID}-author"}}
    return {"@id": f"#review-{rid}", "@type": "ClaimReview", "identifier": rid, "inLanguage": lang, "name": name,
            "url": f"{PAGES[lang]}#{R.verdict_anchor(rid)}", "claimReviewed": sentence, "itemReviewed": claim,
            "author": {"@id": REVIEWER_ID}, "datePublished": date, "reviewRating": rated}


def audit_reviews(audit: list[dict], numbers: dict, lang: str, date: str) -> list[dict]:
    """A review of each printed number: the printed figure as the article's words, the audit's reason."""
    out = []
    for a in audit:
        item = R.item(a, lang)
        words = verdict_words(numbers, f"audit.verdict.{a['id']}", a["verdict"], lang)
        rated = rating(a["verdict"], words, a["reason"] if lang == "en" else a["reason_vi"])
        out.append(review(a["id"], a["printed"], a["location"], claim_sentence(a, lang),
                          msg("claimreview.name.number", lang, id=a["id"], item=item), rated, lang, date, item))
    return out


def claim_reviews(claims: list[dict], numbers: dict, lang: str, date: str) -> list[dict]:
    """A review of each claim in words: the quoted clause, the finding and the rule that judged it."""
    out = []
    for c in claims:
        if lang == "en":
            parts = c["finding"], c["rule"]
        else:
            parts = resolve(c["finding_vi_md"], numbers, lang), resolve(c["rule_vi_md"], numbers, lang)
        reason = msg("claimreview.reason", lang, finding=parts[0].rstrip(". "), rule=parts[1].rstrip(". "))
        sentence = c["gloss_en"] if lang == "en" else c["quote_vi"]
        words = verdict_words(numbers, f"claim.{c['id']}.verdict", c["verdict"], lang)
        out.append(review(c["id"], c["quote_vi"], f"§{c['section']}", sentence,
                          msg("claimreview.name.claim", lang, id=c["id"], item=sentence),
                          rating(c["verdict"], words, reason), lang, date, sentence))
    return out


def reviewer(citation: dict) -> dict:
    """The reviews' author: an Organization named as CITATION.cff names the package's authors (its entity,
    or the persons' names joined), with the persons as its members."""
    names = [a["name"] if a.get("name") else " ".join(a[k] for k in ("given-names", "family-names") if a.get(k))
             for a in citation.get("authors", [])]
    node = {"@id": REVIEWER_ID, "@type": "Organization", "name": "; ".join(n for n in names if n) or citation["title"]}
    persons = [{"@type": "Person", "name": n} for a, n in zip(citation.get("authors", []), names)
               if a.get("family-names") and n]
    if persons:
        node["member"] = persons
    return node


def review_date(citation: dict, epoch: str | None) -> str:
    """The date the reviews are published: SOURCE_DATE_EPOCH's when set, else CITATION.cff's date-released."""
    if epoch:
        from datetime import datetime, timezone
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%d")
    return str(citation["date-released"])


def document(audit: list[dict], claims: list[dict], numbers: dict, bib: dict[str, str], citation: dict,
             lang: str, date: str) -> dict:
    """The JSON-LD document of one edition: the article, its author, the reviewer and every review."""
    art = article(bib)
    author = dict(art["author"][0], **{"@id": f"{ARTICLE_ID}-author"})
    art["author"] = [{"@id": author["@id"]}, *art["author"][1:]]
    graph = [art, author, reviewer(citation), *claim_reviews(claims, numbers, lang, date),
             *audit_reviews(audit, numbers, lang, date)]
    return {"@context": CONTEXT, "@graph": graph}


def standalone(doc: dict) -> dict:
    """The page's document as a file of data/derived/: its relative urls resolve against the pages' folder."""
    return {**doc, "@context": [CONTEXT, {"@base": BASE}]}


def script_tag(doc: dict) -> str:
    """The document as an HTML `<script type="application/ld+json">`: every `<` escaped as \\u003c, so that
    no text from the inputs can close the element (`</script>`) or open a comment inside it."""
    body = json_in_script(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True))
    return f'<script type="application/ld+json">\n{body}\n</script>\n'


def read_csv(path: str) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--audit", required=True)
    ap.add_argument("--claims", required=True)
    ap.add_argument("--registry", required=True)
    ap.add_argument("--bib", required=True)
    ap.add_argument("--citation", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--out-vi", required=True)
    ap.add_argument("--out-html", required=True)
    ap.add_argument("--out-html-vi", required=True)
    a = ap.parse_args(argv)
    audit, claims = read_csv(a.audit), read_csv(a.claims)
    numbers = read_json(a.registry)["numbers"]
    with open(a.bib, encoding="utf-8") as f:
        bib = bib_fields(f.read(), ARTICLE_KEY)
    with open(a.citation, encoding="utf-8") as f:
        citation = yaml.safe_load(f)
    date = review_date(citation, os.environ.get("SOURCE_DATE_EPOCH"))
    try:
        docs = {lang: document(audit, claims, numbers, bib, citation, lang, date) for lang in PAGES}
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    for lang, out, html in (("en", a.out, a.out_html), ("vi", a.out_vi, a.out_html_vi)):
        write_text_atomic(out, dumps_json(standalone(docs[lang])))
        write_text_atomic(html, script_tag(docs[lang]))
    print(f"{len(claims)} claims and {len(audit)} printed numbers reviewed, in English and Vietnamese")
    return 0


if __name__ == "__main__":
    run(main)
