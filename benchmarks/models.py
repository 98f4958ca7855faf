"""Speed of the package's models, each against a bare numpy baseline in the same run."""

from __future__ import annotations

import time

import numpy as np


def best_of(function, repeats: int = 7) -> float:
    """The fastest of several runs [s]: the least disturbed by the machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> dict:
    from aiwatt import units

    values = np.random.default_rng(0).uniform(0, 1e9, 100_000)
    ours = best_of(lambda: units.convert(values, "kWh", "GWh"))
    bare = best_of(lambda: values * (3.6e6 / 3.6e12))
    print(f"units.convert on 100,000 values: {ours * 1e3:.2f} ms (bare numpy {bare * 1e3:.2f} ms, ratio {ours / bare:.1f})")
    return {"convert_100k_s": ours, "convert_bare_s": bare}
