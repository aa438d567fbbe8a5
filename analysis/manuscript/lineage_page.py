"""The lineage pages of the HTML editions (docs/lineage.html, docs/vi-lineage.html), written as plain HTML.

A lineage page is data, not prose: every number an edition shows, with its entry (value, rule, script,
inputs with checksums, sources, where it is shown), the same HTML the edition's popovers carry
(analysis/manuscript/parts.py writes both).  Written here, without Quarto, it costs the render nothing: the
two pages once were two more Quarto runs.  Each page records the digest of the render's inputs, as the
editions do, and the build it comes from (date, version, commit: _generated/build.yml, written by
analysis/manuscript/render.py).  Everything taken from a file is escaped for HTML here; the entries were escaped
where they were written.

Run on its own:  python -m analysis.manuscript.lineage_page --lang en --body manuscript/_generated/lineage.html \
    --build manuscript/_generated/build.yml --digest manuscript/_generated/digest.html --out docs/lineage.html
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from analysis import escape as esc
from analysis import words
from analysis.io import run, write_text_atomic
from analysis.manuscript.render import read_include

# Each edition's links on its lineage page: its manuscript and the other edition's lineage page; every word of the
# page is a message of the catalogs (lineage_page.*).
# the page's line of its making (version, commit and date of the sources), as page() writes it: the one pattern that
# reads it back (the tests of the shipped and the rendered pages)
BUILD_LINE = re.compile(r'<p class="build">(.*?)</p>')
LINKS = {"en": ("index.html", "vi-lineage.html"), "vi": ("vi.html", "lineage.html")}

# The page's own style: a readable column, the entries as the editions' lineage appendix shows them, the
# entry a link leads to highlighted.  No web font, no script, no network.
STYLE = """
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 52rem; padding: 1.2rem 1rem 3rem; color: #212529; background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0.4rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid #dee2e6; }
p.subtitle { font-size: 1.1rem; color: #555; margin: 0.2rem 0 0.6rem; }
p.links a { margin-right: 1rem; }
p.build { font-size: 0.85rem; color: #555; }
a { color: #0d6efd; }
code { font-family: SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  font-size: 0.85em; color: #7d12ba; overflow-wrap: anywhere; }
nav.lineage-groups ul { padding-left: 1.2rem; }
div.lineage { font-size: 0.85em; margin: 0 0 0.8em 0; padding-left: 0.6em; border-left: 2px solid #ddd;
  overflow-wrap: anywhere; }
div.lineage p { margin: 0; }
div.lineage:target { background: #fff7d6; }
""".strip()

BUILD_KEYS = ("build-date", "build-version", "build-commit")


def read_build(text: str) -> dict[str, str]:
    """The build's record of itself (_generated/build.yml, written by render.meta_yaml)."""
    import yaml
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ValueError(f"the build record is not YAML: {err}") from None
    meta = meta if isinstance(meta, dict) else {}
    missing = [k for k in BUILD_KEYS if k not in meta]
    if missing:
        raise ValueError(f"the build record names no {', '.join(missing)}")
    return {k: str(meta[k]) for k in BUILD_KEYS}


def page(body: str, lang: str, build: dict[str, str], digest: str) -> str:
    """The whole lineage page of an edition."""
    w = {k: words.msg(f"lineage_page.{k}", lang) for k in ("title", "subtitle", "intro", "groups")}
    links = " ".join(f'<a href="{esc.html_attr(href)}">{esc.html_text(words.msg(f"lineage_page.link.{k}", lang))}</a>'
                     for href, k in zip(LINKS[lang], ("manuscript", "other")))
    built = words.msg("lineage_page.build", lang, **{
        k: f"<code>{esc.html_text(build[k])}</code>" if k == "build-commit" else esc.html_text(build[k])
        for k in BUILD_KEYS})
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="replication-digest" content="{esc.html_attr(digest)}">',
        f"<title>{esc.html_text(w['title'])}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<h1 class="title">{esc.html_text(w["title"])}</h1>',
        f'<p class="subtitle">{esc.html_text(w["subtitle"])}</p>',
        f'<p class="links">{links}</p>',
        f'<p class="build">{built}</p>',
        "</header>",
        "<main>",
        f"<p>{w['intro']}</p>",
        f'<p class="groups-title"><strong>{esc.html_text(w["groups"])}</strong></p>',
        body.rstrip("\n"),
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=sorted(LINKS), required=True)
    ap.add_argument("--body", required=True, help="the edition's lineage entries (written by analysis.manuscript.parts)")
    ap.add_argument("--build", required=True, help="the build's record of itself (written by analysis.manuscript.render)")
    ap.add_argument("--digest", required=True, help="the digest of the render's inputs (written by analysis.manuscript.render)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    body = Path(args.body).read_text(encoding="utf-8")
    try:
        build = read_build(Path(args.build).read_text(encoding="utf-8"))
        digest = read_include(Path(args.digest).read_text(encoding="utf-8"))
    except ValueError as err:
        print(f"lineage_page: {err}", flush=True)
        return 1
    write_text_atomic(Path(args.out), page(body, args.lang, build, digest))
    entries = body.count('class="lineage"')
    print(f"wrote the {args.lang} lineage page, {entries} entries, to {args.out}")
    return 0


if __name__ == "__main__":
    run(main)
