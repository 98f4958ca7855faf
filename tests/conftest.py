"""Shared fixtures and the Hypothesis profile for every run.

The profile has no deadline: on a shared, busy machine one example can take far
longer than Hypothesis's default 200 ms without anything being wrong, and a test
that fails under load is not a test. It is registered and loaded here, so it holds
for every pytest run of this repository: unit and property tests, the doctests of
``aiwatt`` and the chapters.
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

settings.register_profile(
    "aiwatt",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("aiwatt")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
