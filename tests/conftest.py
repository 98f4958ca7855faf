"""Shared fixtures and the Hypothesis profile for every run.

The profile has no deadline: on a shared, busy machine one example can take far
longer than Hypothesis's default 200 ms without anything being wrong, and a test
that fails under load is not a test. It is registered and loaded here, so it holds
for every pytest run of this repository: unit and property tests, the doctests of
``aiwatt`` and the chapters.

The tests share helpers through modules in ``tests/`` (``book_pages``: the
documents of ``_toc.yml``; ``browsing``: Playwright and chromium). Tests are
imported with ``--import-mode=importlib``, which puts no folder on the path, so
this file puts ``tests/`` there. The browser fixtures live here; each test
module gets its own chromium, closed when the module ends (Playwright's sync API
holds an event loop while it runs, and the chapter tests run their kernels with
asyncio).
"""

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

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


@pytest.fixture(scope="module")
def base_url():
    """The built book (``_build/html``) served on 127.0.0.1."""
    import browsing

    with browsing.serve_book() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, headless."""
    import browsing

    with browsing.launch_chromium() as launched:
        yield launched
