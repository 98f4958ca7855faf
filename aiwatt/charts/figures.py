"""Every chart of the book, found in its pages or its chapters, and written out for slides.

``make figures`` runs ``python -m aiwatt.charts.figures``: it executes each
chapter of ``_toc.yml`` (or reads the built pages, with ``--html``), finds
every chart the renderer wrote (:mod:`aiwatt.charts.render`), and writes each
as SVG and PNG with its title, named after its chapter and position:
``figures/training-03-measured-hours-reproduce-every.svg``.

The tests use :func:`charts_in_html` to hold every chart of the built book to
:mod:`aiwatt.charts.checks`, whoever wrote it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

_FIGURE = re.compile(r'<figure id="(aiwatt-chart-[0-9a-f]+)" class="aiwatt-chart".*?</figure>', re.S)
_SPEC = re.compile(r'<script type="application/json" class="aiwatt-chart-spec">(.*?)</script>', re.S)
_IMAGE = re.compile(r'<img src="data:image/svg\+xml;charset=utf-8,([^"]*)" alt="([^"]*)"')


@dataclass(frozen=True)
class BookChart:
    """One chart as the book holds it.

    Attributes
    ----------
    page : str
        The document it is in, e.g. ``"book/training"``.
    index : int
        Its position on the page, from 1.
    spec : dict
        The Vega-Lite spec.
    svg : str
        The static picture (empty when read from a notebook run without one).
    html : str
        The renderer's HTML for it.
    """

    page: str
    index: int
    spec: dict
    svg: str
    html: str

    @property
    def title(self) -> str:
        from aiwatt.charts.render import _title_text

        return _title_text(self.spec)

    @property
    def name(self) -> str:
        """A file name: chapter, position and the title's first words."""
        words = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-").split("-")[:5]
        return f"{Path(self.page).name}-{self.index:02d}-{'-'.join(w for w in words if w) or 'chart'}"


def charts_in_html(text: str, page: str = "") -> list[BookChart]:
    """The charts in one HTML page or notebook output, in order."""
    found = []
    for index, figure in enumerate(_FIGURE.finditer(text), start=1):
        html = figure.group(0)
        spec_match = _SPEC.search(html)
        if spec_match is None:
            raise ValueError(f"{page}: chart {index} ({figure.group(1)}) holds no spec")
        image = _IMAGE.search(html)
        found.append(BookChart(page, index, json.loads(spec_match.group(1)), unquote(image.group(1)) if image else "", html))
    return found


def toc_documents(root: Path) -> list[str]:
    """Every document of ``_toc.yml``, in reading order, without extension."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("chapters"))
            walk(entry.get("sections"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return pages


def book_charts(html_dir: Path, root: Path | None = None) -> list[BookChart]:
    """Every chart of a built book (``_build/html``), page by page in the order of ``_toc.yml``."""
    html_dir = Path(html_dir)
    root = Path(root) if root is not None else html_dir.parents[1]
    found = []
    for page in toc_documents(root):
        path = html_dir / f"{page}.html"
        if path.exists():
            found += charts_in_html(path.read_text(encoding="utf-8"), page)
    return found


def chapter_charts(root: Path) -> list[BookChart]:
    """Every chart of the chapters of ``_toc.yml``, by executing each in a fresh kernel (no build needed)."""
    import jupytext
    from nbclient import NotebookClient

    os.environ["AIWATT_CHARTS"] = "book"  # inherited by the kernels
    found = []
    for page in toc_documents(Path(root)):
        path = Path(root) / f"{page}.md"
        if not path.exists() or "kernelspec:" not in path.read_text(encoding="utf-8")[:500]:
            continue
        print(f"running {page} ...", file=sys.stderr)
        notebook = jupytext.read(path)
        NotebookClient(notebook, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(path.parent)}}).execute()
        outputs = "".join(
            "".join(output.get("data", {}).get("text/html", ""))
            for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
        )
        found += charts_in_html(outputs, page)
    return found


def export(charts: list[BookChart], out_dir: Path, width: int = 720, scale: float = 2.0) -> list[Path]:
    """Write each chart as SVG and PNG, ``width`` px wide (PNG at ``scale`` times that), with its title.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    import vl_convert

    from aiwatt.charts.render import sized_spec, vega_lite_version

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for chart in charts:
        spec = sized_spec(chart.spec, width)
        svg_path, png_path = out_dir / f"{chart.name}.svg", out_dir / f"{chart.name}.png"
        svg_path.write_text(vl_convert.vegalite_to_svg(spec, vl_version=vega_lite_version()), encoding="utf-8")
        png_path.write_bytes(vl_convert.vegalite_to_png(spec, vl_version=vega_lite_version(), scale=scale))
        written += [svg_path, png_path]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aiwatt.charts.figures", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="the repository (holding _toc.yml); default: here")
    parser.add_argument("--html", type=Path, help="read the charts from a built book (_build/html) instead of running the chapters")
    parser.add_argument("--out", type=Path, default=Path("figures"), help="where to write them; default: figures/")
    parser.add_argument("--width", type=int, default=720, help="width of each figure [px]; default 720")
    parser.add_argument("--scale", type=float, default=2.0, help="PNG pixels per SVG pixel; default 2")
    args = parser.parse_args(argv)
    charts = book_charts(args.html, args.root) if args.html else chapter_charts(args.root)
    if not charts:
        print("no charts found", file=sys.stderr)
        return 1
    written = export(charts, args.out, args.width, args.scale)
    for chart in charts:
        print(f"{chart.name}: {chart.title}")
    print(f"{len(charts)} charts, {len(written)} files in {args.out}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
