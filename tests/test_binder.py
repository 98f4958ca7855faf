"""Binder: requirements.txt installs on top of repo2docker's base environment and passes pip check.

repo2docker starts from a conda environment with JupyterLab, Notebook and
JupyterHub (``tests/data/repo2docker-base-py3.11.txt``, from its lock file) and
runs ``pip install -r requirements.txt`` on top, which replaces the packages both
name and leaves the others. pip does not check that the packages it leaves still
get what they need: ``jupyterlab==4.6.6`` installed beside the base's
``notebook`` 7.4 (which needs jupyterlab below 4.5) gave a broken environment.

This test rebuilds that environment: this virtual environment (our pins) plus
the base's packages that our requirements do not name (downloaded once from
PyPI into ``.vendor/binder-base/``, without their dependencies), and runs
``pip check`` on the whole.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.network

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "data" / "repo2docker-base-py3.11.txt"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """``name==version`` lines of a requirements file, by canonical name."""
    found = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)", line.strip())
        if match:
            found[canonical(match.group(1))] = match.group(2)
    return found


def test_requirements_are_exact_pins():
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    loose = [line for line in lines if line and not line.startswith("#") and "==" not in line and line != "-e ."]
    assert loose == [], f"requirements.txt pins every package exactly: {loose}"


def test_requirements_install_on_binders_base_environment():
    ours, base = pins(ROOT / "requirements.txt"), pins(BASE)
    kept = {name: version for name, version in base.items() if name not in ours}
    assert "notebook" in kept and "jupyterhub" in kept
    target = ROOT / ".vendor" / "binder-base" / hashlib.sha256(repr(sorted(kept.items())).encode()).hexdigest()[:12]
    if not (target / ".done").exists():
        download = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--only-binary", ":all:", "--target", str(target)]
            + [f"{name}=={version}" for name, version in sorted(kept.items())],
            capture_output=True, text=True,
        )
        if download.returncode != 0:
            pytest.skip(f"cannot download Binder's base packages from PyPI: {download.stderr[-500:]}") if os.environ.get(
                "AIWATT_REQUIRE_ALL_TESTS"
            ) != "1" else pytest.fail(download.stderr[-2000:])
        (target / ".done").touch()
    check = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(target)}
    )
    assert check.returncode == 0, f"pip check on Binder's base environment plus requirements.txt:\n{check.stdout}{check.stderr}"
