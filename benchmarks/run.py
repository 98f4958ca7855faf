"""aiwatt benchmarks: run with ``make bench`` (or ``.venv/bin/python benchmarks/run.py``).

Each figure is measured in this run against a baseline measured in the same run,
so that the ratios hold on any machine:

- import time of ``aiwatt`` against ``import numpy, pandas`` (target: ratio <= 1.15);
- a clean build of the book against executing its notebooks alone (target: build < 60 s);
- bytes of each chapter page without the shared vendored JavaScript (target: < 500 KB),
  and the size of that shared JavaScript;
- model speed against bare numpy on the same draws (see ``benchmarks/models.py``;
  target for the 100,000-draw training band: ratio <= 1.3; for a 2024-2035
  inference scenario with 10,000 draws: under 50 ms; for one scenario-builder
  update, computation and chart specification: under 30 ms).

Results are printed and written to ``benchmarks/results/latest.json``, with the
targets missed. Timings depend on the machine and on what else runs on it, so a
missed target is reported, not an error: ``--strict`` (``make bench
BENCH_ARGS=--strict``) makes it one.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
TARGETS = {"import_ratio": 1.15, "build_seconds": 60.0, "page_kb": 500.0, "training_band_ratio": 1.3, "scenario_grid_s": 0.050, "scenario_update_s": 0.030}


def import_seconds(statement: str, repeats: int = 9) -> float:
    """Median wall time of an import in a fresh interpreter [s]."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(repeats)]
    return statistics.median(times)


def chapter_notebooks() -> list[Path]:
    """The executable chapters (MyST Markdown notebooks), as the build and the tests find them."""
    from aiwatt.charts.figures import toc_notebooks

    return toc_notebooks(ROOT)


def execute_notebooks_seconds(notebooks: list[Path]) -> float:
    """Executing the chapters alone, each in a fresh kernel, as the build does [s]."""
    import jupytext
    from nbclient import NotebookClient

    start = time.perf_counter()
    for path in notebooks:
        notebook = jupytext.read(path)
        NotebookClient(notebook, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def clean_build_seconds() -> float:
    """A clean build of the whole book into a temporary folder [s]."""
    with tempfile.TemporaryDirectory() as output:
        start = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--path-output", output, "-W", "-q"],
            check=True,
            capture_output=True,
            env={**__import__("os").environ, "AIWATT_CHARTS": "book"},
        )
        return time.perf_counter() - start


def page_sizes() -> tuple[dict[str, int], int]:
    """Bytes of each chapter page (HTML with its inline chart specs) and of the shared vendored JS."""
    html = ROOT / "_build" / "html"
    pages = {path.stem: path.stat().st_size for path in sorted((html / "book").glob("*.html"))}
    vendor = html / "_static" / "aiwatt-vendor"
    shared_js = sum(path.stat().st_size for path in vendor.rglob("*.js"))
    return pages, shared_js


def main() -> int:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    results: dict[str, object] = {}
    failures = []

    base = import_seconds("import numpy, pandas")
    ours = import_seconds("import aiwatt")
    results["import"] = {"numpy_pandas_s": base, "aiwatt_s": ours, "ratio": ours / base}
    print(f"import: numpy+pandas {base * 1e3:.0f} ms, aiwatt {ours * 1e3:.0f} ms, ratio {ours / base:.3f} (target <= {TARGETS['import_ratio']})")
    if ours / base > TARGETS["import_ratio"]:
        failures.append("import ratio")

    notebooks = chapter_notebooks()
    execute = execute_notebooks_seconds(notebooks)
    build = clean_build_seconds()
    results["build"] = {"notebooks": len(notebooks), "execute_s": execute, "clean_build_s": build, "ratio": build / execute}
    print(f"book: executing {len(notebooks)} notebooks {execute:.1f} s, clean build {build:.1f} s, ratio {build / execute:.2f} (target build < {TARGETS['build_seconds']:.0f} s)")
    if build > TARGETS["build_seconds"]:
        failures.append("build time")

    pages, shared_js = page_sizes()
    results["pages_bytes"] = pages
    results["shared_vendored_js_bytes"] = shared_js
    for name, size in pages.items():
        flag = "" if size < TARGETS["page_kb"] * 1e3 else "  <-- over target"
        print(f"page book/{name}.html: {size / 1e3:.0f} KB{flag}")
        if flag:
            failures.append(f"page {name}")
    print(f"shared vendored JavaScript: {shared_js / 1e6:.2f} MB (loaded once, cached across pages)")

    import models  # benchmarks/models.py, next to this file

    results["models"] = models.run()
    if results["models"]["training_band_ratio"] > TARGETS["training_band_ratio"]:
        failures.append("training band speed")
    if results["models"]["scenario_grid_s"] > TARGETS["scenario_grid_s"]:
        failures.append("scenario grid speed")
    if results["models"]["scenario_update_s"] > TARGETS["scenario_update_s"]:
        failures.append("scenario-builder update speed")

    results["targets_missed"] = failures
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    print("targets missed: " + ", ".join(failures) if failures else "all targets met")
    return 1 if failures and "--strict" in sys.argv[1:] else 0


if __name__ == "__main__":
    raise SystemExit(main())
