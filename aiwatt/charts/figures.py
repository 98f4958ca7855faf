"""Every chart of the book, found in its pages or its chapters, and written out for slides.

``make figures`` runs ``python -m aiwatt.charts.figures``: it executes each
chapter of ``_toc.yml`` (or reads the built pages, with ``--html``), finds
every chart the renderer wrote (:mod:`aiwatt.charts.render`), and writes each
as SVG and PNG with its title, named after its chapter and position:
``figures/training-03-measured-hours-reproduce-every.svg``.

The tests use :func:`book_charts` to hold every chart of the built book to
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
    """The charts in one HTML page or notebook output, in order.

    Parameters
    ----------
    text : str
        HTML holding charts written by the renderer
        (:func:`aiwatt.charts.render.chart_html`): a built page, or a
        notebook's ``text/html`` outputs joined.
    page : str, optional
        The document the text comes from (``"book/training"``): it names the
        charts and the errors.

    Returns
    -------
    list of BookChart
        Numbered from 1 in the order they appear.

    Raises
    ------
    ValueError
        If a chart holds no Vega-Lite spec.
    """
    found = []
    for index, figure in enumerate(_FIGURE.finditer(text), start=1):
        html = figure.group(0)
        spec_match = _SPEC.search(html)
        if spec_match is None:
            raise ValueError(f"{page}: chart {index} ({figure.group(1)}) holds no spec")
        image = _IMAGE.search(html)
        found.append(BookChart(page, index, json.loads(spec_match.group(1)), unquote(image.group(1)) if image else "", html))
    return found


def toc_documents(toc: str | Path) -> list[str]:
    """Every document of the book's table of contents (``_toc.yml``), root first, in reading order.

    The one reader of ``_toc.yml``: the book's build reads exactly these
    documents (``book/_ext/aiwatt_sources.py``), ``make figures`` and the
    tests visit them.

    Parameters
    ----------
    toc : str or pathlib.Path
        The ``_toc.yml`` file, or the folder holding it (the repository).

    Returns
    -------
    list of str
        Each document as ``_toc.yml`` names it: its path from the
        repository, usually without suffix (``"book/training"``).
    """
    import yaml

    path = Path(toc)
    path = path / "_toc.yml" if path.is_dir() else path
    contents = yaml.safe_load(path.read_text(encoding="utf-8"))
    documents = [contents["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                documents.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key))

    walk([{key: contents.get(key) for key in ("parts", "chapters", "sections")}])
    return documents


def toc_notebooks(toc: str | Path) -> list[Path]:
    """The chapters that run: the documents of ``_toc.yml`` whose source is a notebook.

    A notebook is a MyST Markdown file whose front matter names a kernel
    (``kernelspec:``), or an ``.ipynb`` file; the other documents are pages
    of text.

    Parameters
    ----------
    toc : str or pathlib.Path
        The ``_toc.yml`` file, or the folder holding it (the repository).

    Returns
    -------
    list of pathlib.Path
        The notebooks' files, in reading order.
    """
    path = Path(toc)
    root = path if path.is_dir() else path.parent
    found = []
    for document in toc_documents(path):
        markdown, notebook = root / f"{document}.md", root / f"{document}.ipynb"
        if markdown.is_file() and "kernelspec:" in markdown.read_text(encoding="utf-8")[:500]:
            found.append(markdown)
        elif notebook.is_file():
            found.append(notebook)
    return found


def book_charts(html_dir: Path, root: Path | None = None) -> list[BookChart]:
    """Every chart of a built book (``_build/html``), page by page in the order of ``_toc.yml``.

    Parameters
    ----------
    html_dir : pathlib.Path
        The built book's HTML, e.g. ``_build/html``.
    root : pathlib.Path, optional
        The repository, holding ``_toc.yml``; by default two folders above
        ``html_dir``.

    Returns
    -------
    list of BookChart
        A page named in ``_toc.yml`` but not built is skipped.
    """
    html_dir = Path(html_dir)
    root = Path(root) if root is not None else html_dir.parents[1]
    found = []
    for page in toc_documents(root):
        path = html_dir / f"{page}.html"
        if path.exists():
            found += charts_in_html(path.read_text(encoding="utf-8"), page)
    return found


def chapter_charts(root: Path) -> list[BookChart]:
    """Every chart of the chapters of ``_toc.yml``, by executing each in a fresh kernel (no build needed).

    Parameters
    ----------
    root : pathlib.Path
        The repository, holding ``_toc.yml`` and the chapters.

    Returns
    -------
    list of BookChart
        Chapter by chapter in the order of ``_toc.yml``; their ``svg`` is the
        static picture the renderer wrote.
    """
    import jupytext
    from nbclient import NotebookClient

    os.environ["AIWATT_CHARTS"] = "book"  # inherited by the kernels
    found = []
    for path in toc_notebooks(root):
        page = path.relative_to(Path(root)).with_suffix("").as_posix()
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

    Parameters
    ----------
    charts : list of BookChart
        The charts, e.g. from :func:`book_charts` or :func:`chapter_charts`.
    out_dir : pathlib.Path
        Where to write them (created if missing); a file is named after its
        chart (:attr:`BookChart.name`) and replaced if it exists.
    width : int, default 720
        The width of each figure [px], for a chart whose width is the container's.
    scale : float, default 2.0
        PNG pixels per SVG pixel: 2 gives a 1,440 px wide PNG, sharp on a slide.

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
    """``python -m aiwatt.charts.figures``: find the book's charts and write them out (``make figures``).

    Parameters
    ----------
    argv : list of str, optional
        The command-line arguments (``--root``, ``--html``, ``--out``,
        ``--width``, ``--scale``; ``--help`` describes them); by default
        those the program was started with.

    Returns
    -------
    int
        The exit status: 0 when charts were written, 1 when none was found.
    """
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
