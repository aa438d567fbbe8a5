"""The shipped manuscript, docs/index.html and docs/index.pdf: made from the current inputs, and every
number in it the registry's.  Needs no Quarto: it rebuilds the derived data in a temporary copy and
compares.  (tests/test_rendered.py renders afresh where Quarto is installed.)
"""
import html
import json
import re
import subprocess
import sys

import pytest

from analysis import manuscript, render
from tests.conftest import ROOT
from tests.test_workflow import _copy

pytestmark = pytest.mark.workflow
DOCS = ROOT / "docs"
RERENDER = ("re-render: install Quarto >= 1.7 (python -m analysis.install_quarto, or https://quarto.org), run "
            "`snakemake -c2` (it renders docs/index.html and docs/index.pdf), and commit docs/")
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The derived data and generated parts of a fresh build of the current inputs."""
    d = _copy(tmp_path_factory.mktemp("shipped"))
    r = subprocess.run([sys.executable, "-m", "snakemake", "-c2", "--quiet", "all", "--", "derived"], cwd=d,
                       capture_output=True, text=True)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    return d


@pytest.fixture(scope="module")
def registry(fresh):
    return json.loads((fresh / "data/derived/numbers.json").read_text(encoding="utf-8"))["numbers"]


@pytest.fixture(scope="module")
def page():
    return (DOCS / "index.html").read_text(encoding="utf-8")


def _used_keys(root) -> set[str]:
    texts = [(root / "manuscript/index.qmd").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (root / "manuscript/_generated").glob("*.md")]
    return {k for t in texts for k in manuscript.keys_in(t)}


def _squash(text: str) -> str:
    """Text without layout: no whitespace of any kind, no hyphen that breaks a line."""
    text = re.sub(r"-\n", "", text)
    return re.sub(r"\s+", "", text.replace("\u00a0", " ").replace("\u200b", ""))


def test_docs_hold_the_html_and_the_pdf():
    for name in ("index.html", "index.pdf"):
        assert (DOCS / name).is_file(), f"docs/{name} is missing: {RERENDER}"


def test_shipped_render_was_made_from_the_current_inputs(fresh, page):
    pypdf = pytest.importorskip("pypdf")
    digest = render.digest_of(fresh)
    shipped = re.search(r'<meta name="replication-digest" content="([0-9a-f]{64})"', page)
    assert shipped, f"docs/index.html records no replication-digest: {RERENDER}"
    assert shipped.group(1) == digest, (
        f"docs/index.html was rendered from other inputs than a fresh build gives (digest {shipped.group(1)[:12]} "
        f"shipped, {digest[:12]} now): {RERENDER}")
    keywords = str(pypdf.PdfReader(DOCS / "index.pdf").metadata.get("/Keywords", ""))
    assert f"replication-digest:{digest}" in keywords, (
        f"docs/index.pdf was rendered from other inputs than a fresh build gives (keywords {keywords!r}): {RERENDER}")


def test_every_linked_number_in_the_html_shows_its_registry_value(registry, page):
    by_anchor = {manuscript.anchor(k): k for k in registry}
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    links = []
    for attrs, text in LINK.findall(page):
        if not re.search(r'\bclass="[^"]*\bnum\b', attrs):
            continue
        target = re.search(r'href="#([^"]+)"', attrs).group(1)
        links.append((target, html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u00a0", " ")))
    assert len(links) > 100
    wrong = [(t, shown, registry[by_anchor[t]]["display"]) for t, shown in links
             if t not in by_anchor or shown != registry[by_anchor[t]]["display"]]
    assert wrong == [], f"numbers that differ from the registry (target, shown, registry): {wrong[:10]}; {RERENDER}"
    missing = sorted({t for t, _ in links} - ids)
    assert missing == [], f"numbers linked to no lineage entry: {missing[:10]}"


def test_the_pdf_shows_every_number_the_manuscript_uses(fresh, registry):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(DOCS / "index.pdf")
    text = _squash("\n".join(p.extract_text() for p in reader.pages))
    keys = _used_keys(fresh)
    assert len(keys) > 100
    missing = sorted(k for k in keys if _squash(registry[k]["display"]) not in text)
    assert missing == [], f"registry values not in docs/index.pdf: {missing[:10]}; {RERENDER}"
    assert len(reader.pages) <= 25, f"docs/index.pdf has {len(reader.pages)} pages; the paper keeps to 25"
