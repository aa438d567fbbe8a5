"""The audit's verdicts as schema.org ClaimReview, for machines: search engines and claim databases read
fact-checks in this form.

One ClaimReview for each claim in words (data/derived/claims.csv) and each printed number
(data/derived/audit.csv).  Its itemReviewed is a Claim quoting the article's own words briefly (the
printed figure, or the quoted clause), with its place in the article and its appearance: the article as
a ScholarlyArticle, its bibliographic data read from the manuscript's bibliography (entry tran2026).
Its reviewRating names the verdict in words (alternateName, the registry's display form of the verdict)
and gives the reason (ratingExplanation); the review's author is the package (from CITATION.cff).

Each edition gets the reviews in its language: data/derived/verdicts.jsonld (English) and
data/derived/verdicts.vi.jsonld (Vietnamese), and the same documents as HTML header includes
(`<script type="application/ld+json">`) that each edition's front matter names.  The verdicts are read
from the CSVs' columns generically: any verdict word the rules write is carried as it is.

    python -m analysis.audit.claimreview --audit data/derived/audit.csv --claims data/derived/claims.csv \\
        --registry data/derived/numbers.json --bib manuscript/references.bib --citation CITATION.cff \\
        --pyproject pyproject.toml --out data/derived/verdicts.jsonld --out-vi data/derived/verdicts.vi.jsonld \\
        --out-html manuscript/_generated/verdicts.html --out-html-vi manuscript/_generated/vi/verdicts.html
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import tomllib

import yaml

from analysis.escape import json_in_script
from analysis.io import dumps_json, read_json, run, write_text_atomic

CONTEXT = "https://schema.org"
ARTICLE_KEY = "tran2026"
SPDX = "https://spdx.org/licenses/"  # a licence's page, by its SPDX identifier (CITATION.cff's license)
ARTICLE_ID = "#article"
PACKAGE_ID = "#package"
SHORTCODE = re.compile(r"\{\{<\s*num\s+([^\s>]+)\s*>\}\}")
# BibTeX's langid to the BCP 47 tag schema.org's inLanguage takes
LANGIDS = {"vietnamese": "vi", "english": "en"}
# the words that label the parts of a claim's reason, per edition
REASON_WORDS = {"en": ("Finding", "Rule"), "vi": ("Kết quả", "Quy tắc")}


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


def package(citation: dict, project: dict) -> dict:
    """The package, author of the reviews: its authors, title and version as CITATION.cff and pyproject.toml say."""
    authors = [{"@type": "Person", "name": " ".join(a[k] for k in ("given-names", "family-names") if a.get(k))}
               if a.get("family-names") else {"@type": "Organization", "name": a["name"]}
               for a in citation.get("authors", [])]
    return {"@id": PACKAGE_ID, "@type": "SoftwareSourceCode", "name": citation["title"],
            "version": project["project"]["version"], "license": SPDX + citation["license"], "author": authors}


# --- the reviews -------------------------------------------------------------------------------------

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


def review(rid: str, quote: str, location: str, words: str, reason: str, lang: str,
           name: str | None = None) -> dict:
    """One ClaimReview of the article's words `quote` (in Vietnamese, as printed)."""
    claim = {"@id": f"#claim-{rid}", "@type": "Claim", "identifier": rid, "text": quote, "inLanguage": "vi",
             "position": location, "appearance": {"@id": ARTICLE_ID}, "firstAppearance": {"@id": ARTICLE_ID},
             "author": {"@id": f"{ARTICLE_ID}-author"}}
    if name:
        claim["name"] = name
    return {"@id": f"#review-{rid}", "@type": "ClaimReview", "identifier": rid, "inLanguage": lang,
            "claimReviewed": quote, "itemReviewed": claim, "author": {"@id": PACKAGE_ID},
            "reviewRating": {"@type": "Rating", "alternateName": words, "ratingExplanation": reason}}


def audit_reviews(audit: list[dict], numbers: dict, lang: str) -> list[dict]:
    """A review of each printed number: the printed figure as the article's words, the audit's reason."""
    return [review(a["id"], a["printed"], a["location"],
                   verdict_words(numbers, f"audit.verdict.{a['id']}", a["verdict"], lang),
                   a["reason"] if lang == "en" else a["reason_vi"], lang,
                   a["item"] if lang == "en" else None) for a in audit]


def claim_reviews(claims: list[dict], numbers: dict, lang: str) -> list[dict]:
    """A review of each claim in words: the quoted clause, the finding and the rule that judged it."""
    found, rule = REASON_WORDS[lang]
    out = []
    for c in claims:
        if lang == "en":
            parts = c["finding"], c["rule"]
        else:
            parts = resolve(c["finding_vi_md"], numbers, lang), resolve(c["rule_vi_md"], numbers, lang)
        reason = " ".join(f"{word}: {text.rstrip('. ')}." for word, text in zip((found, rule), parts))
        out.append(review(c["id"], c["quote_vi"], f"§{c['section']}",
                          verdict_words(numbers, f"claim.{c['id']}.verdict", c["verdict"], lang), reason, lang,
                          c.get("gloss_en") if lang == "en" else None))
    return out


def document(audit: list[dict], claims: list[dict], numbers: dict, bib: dict[str, str], pkg: dict,
             lang: str) -> dict:
    """The JSON-LD document of one edition: the article, its author, the package and every review."""
    art = article(bib)
    author = dict(art["author"][0], **{"@id": f"{ARTICLE_ID}-author"})
    art["author"] = [{"@id": author["@id"]}, *art["author"][1:]]
    graph = [art, author, pkg, *claim_reviews(claims, numbers, lang), *audit_reviews(audit, numbers, lang)]
    return {"@context": CONTEXT, "@graph": graph}


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
    ap.add_argument("--pyproject", required=True)
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
    with open(a.pyproject, "rb") as f:
        pkg = package(citation, tomllib.load(f))
    for lang, out, html in (("en", a.out, a.out_html), ("vi", a.out_vi, a.out_html_vi)):
        doc = document(audit, claims, numbers, bib, pkg, lang)
        write_text_atomic(out, dumps_json(doc))
        write_text_atomic(html, script_tag(doc))
    print(f"{len(claims)} claims and {len(audit)} printed numbers reviewed, in English and Vietnamese")
    return 0


if __name__ == "__main__":
    run(main)
