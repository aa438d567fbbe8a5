"""The layout of analysis/: each step's code inputs read from its imports (analysis/deps.py), and the
layers the folder shows, each importing only the shared foundations and its own modules."""
import pytest

from analysis import deps
from tests.conftest import ROOT

# The layers, in the order the data flow through them (analysis/__init__.py).  A module of a layer imports the
# foundations (the modules at the top of analysis/) and its own layer's modules; a foundation imports only
# foundations; the package's tooling, which runs around the workflow, may import any layer.
LAYERS = ["contract", "compute", "audit", "manuscript", "package"]


@pytest.fixture
def constructed(tmp_path, monkeypatch):
    """A package `analysis` of its own: absolute, relative, nested and late imports, and a module nobody imports."""
    files = {
        "__init__.py": "",
        "base.py": "X = 1\n",
        "other.py": "",
        "unused.py": "",
        "layer/__init__.py": "",
        "layer/a.py": "from . import b\nfrom ..base import X\n",
        "layer/b.py": "import analysis.other\n",
        "layer/c.py": "def f():\n    from analysis.layer import a\n    return a\n",
        "top.py": "from analysis.layer.b import analysis\n",
    }
    for name, text in files.items():
        (tmp_path / "analysis" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "analysis" / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(deps, "HERE", tmp_path / "analysis")
    deps._direct.cache_clear()
    yield
    deps._direct.cache_clear()


def test_a_steps_code_is_its_module_what_it_imports_and_the_packages_above(constructed):
    # c imports a late (inside a function); a imports b relatively and base two levels up; b imports other
    assert deps.files("analysis.layer.c") == [
        "analysis/__init__.py", "analysis/base.py", "analysis/layer/__init__.py", "analysis/layer/a.py",
        "analysis/layer/b.py", "analysis/layer/c.py", "analysis/other.py"]
    # importing a name from a module inside a package runs the package's __init__.py too
    assert deps.files("analysis.top") == ["analysis/__init__.py", "analysis/layer/__init__.py", "analysis/layer/b.py",
                                          "analysis/other.py", "analysis/top.py"]
    assert deps.files("analysis.base") == ["analysis/__init__.py", "analysis/base.py"]


def test_the_code_of_a_step_of_this_package():
    # compute/arms.py imports article, io, reasons and registry; reasons imports article, registry and words;
    # registry imports article and io; article, io and words import nothing of the package; words reads the two
    # message catalogs
    assert deps.files("analysis.compute.arms") == [
        "analysis/__init__.py", "analysis/article.py", "analysis/compute/__init__.py", "analysis/compute/arms.py",
        "analysis/io.py", "analysis/reasons.py", "analysis/registry.py", "analysis/words.py",
        "analysis/locale/en/LC_MESSAGES/messages.po", "analysis/locale/vi/LC_MESSAGES/messages.po"]


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def test_the_subpackages_are_the_layers():
    found = sorted(p.parent.name for p in (ROOT / "analysis").glob("*/__init__.py"))
    assert found == sorted(LAYERS)


def test_every_layer_imports_only_the_foundations_and_itself():
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
               for p in (ROOT / "analysis").rglob("*.py")]
    assert "analysis.audit.claims" in modules and "analysis.io" in modules
    across = []
    for m in modules:
        own = _layer(m)
        for imported in deps._direct(m):
            layer = _layer(imported)
            if layer is not None and layer != own and own != "package":
                across.append(f"{m} imports {imported}")
    assert across == []
    # the tooling does import a layer (the README's list reads the manuscript's keys): the check sees imports
    assert "analysis.manuscript.parts" in deps._direct("analysis.package.readme")


@pytest.mark.parametrize("module", ["analysis.audit.claims", "analysis.audit.report"])
def test_a_step_that_reads_no_table_does_not_import_pandas(module):
    """The claims and the report read CSV rows as text; pandas (a quarter of a second to import) is imported only by
    the steps that build tables with it (issue #23: a step imports only what it uses)."""
    import subprocess
    import sys

    code = f"import sys, {module}; print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
