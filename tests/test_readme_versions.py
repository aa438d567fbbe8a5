"""The README's list of software names each package with the version requirements.lock pins: a version
typed in prose is asserted, so that a new lock cannot leave the README saying another."""
from __future__ import annotations

import re

from tests.conftest import ROOT


def _lock(python: str = "3.11") -> dict[str, str]:
    """{package: version} as the lock pins it for the Python the README says the package was last run with (a
    package pinned apart for newer Pythons has a marker)."""
    from packaging.markers import Marker
    env = {"python_version": python, "python_full_version": python + ".0"}
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {m.group(1).lower(): m.group(2)
            for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]*?))?\s*\\?$", text, re.M)
            if not m.group(3) or Marker(m.group(3)).evaluate(env)}


def _software_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("### Software", 1)[1].split("\n### ", 1)[0]


def test_every_package_version_the_readme_names_is_the_locked_one():
    lock = _lock()
    named = re.findall(r"\b([A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]) (\d+\.\d+(?:\.\d+)?)\b", _software_section())
    checked = [(n, v) for n, v in named if n.lower() in lock]
    # the section names the workflow's main packages: at least these must be among those checked
    assert {"snakemake", "pandas", "babel", "pathspec", "cffconvert", "jsonschema"} <= {n.lower() for n, _ in checked}
    wrong = [(n, v, lock[n.lower()]) for n, v in checked if lock[n.lower()] != v]
    assert wrong == [], f"README names a version the lock does not pin (name, README, lock): {wrong}"
