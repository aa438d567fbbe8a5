"""The README's list of software names each package with the version requirements.lock pins: a version
typed in prose is asserted, so that a new lock cannot leave the README saying another."""
from __future__ import annotations

import re

from tests.conftest import ROOT


def _lock(python: str = "3.11") -> dict[str, str]:
    """{package: version} as the lock pins it for the Python the README says the package was last run with."""
    from analysis.io import lock_pins
    return {n.lower(): v for n, v in lock_pins((ROOT / "requirements.lock").read_text(encoding="utf-8"), python).items()}


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
