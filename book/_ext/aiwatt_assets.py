"""Sphinx extension: serve the book's JavaScript from the book itself, only where needed.

- Copies the Vega bundle (built offline by vl-convert-python, no npm) into
  ``_static/aiwatt-vendor/`` of the HTML output, and loads it only on pages that
  hold an aiwatt chart, so other pages stay light.
- Loads it after the page: a chart's script calls ``vegaEmbed`` as the page is
  parsed; a small stand-in queues those calls, the bundle is fetched once the
  page has loaded, and the queued charts are drawn then. The text is readable
  as soon as the introduction's would be (the browser test measures both).
- Removes the Thebe assets that Jupyter Book adds although Thebe is off.

No widget manager, RequireJS or MathJax: the ipywidgets dashboards run only in
live notebooks (their cells are removed from the static pages) and equations
are MathML written at build time (``aiwatt_mathml``).

The bundle is cached in ``.vendor/vega`` (ignored by git; ``make distclean``
removes it), not in a source folder named ``_static``: Jupyter Book would
inject every script there into every page.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

VENDOR_URL_DIR = "aiwatt-vendor"
VEGA_BUNDLE = f"{VENDOR_URL_DIR}/vega/vega-bundle.js"
#: Stands in for vegaEmbed until the bundle, fetched after the load event, replaces it.
VEGA_LOADER = """\
(function () {
  var queue = [];
  window.vegaEmbed = function (element, spec, options) {
    return new Promise(function (resolve, reject) { queue.push([element, spec, options, resolve, reject]); });
  };
  function loadBundle() {
    var script = document.createElement("script");
    script.src = %s;
    script.onload = function () {
      queue.splice(0).forEach(function (call) { window.vegaEmbed(call[0], call[1], call[2]).then(call[3], call[4]); });
    };
    script.onerror = function () {
      queue.splice(0).forEach(function (call) { call[4](new Error("the Vega library did not load")); });
    };
    document.head.appendChild(script);
  }
  if (document.readyState === "complete") { loadBundle(); } else { window.addEventListener("load", loadBundle); }
})();
"""


def _write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename it: an interrupted build never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        # mkstemp makes the file private (0600); a page or script of the book is read by a web server.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _vega_bundle(cache_dir: Path) -> Path:
    """The Vega bundle for Altair's Vega-Lite version, built once and cached."""
    import vl_convert

    from aiwatt import charts

    path = cache_dir / f"vega-bundle-vl{charts.vega_lite_version()}-vlc{vl_convert.__version__}.js"
    if not path.exists():
        _write_atomically(path, charts.javascript_bundle())
    return path


def _copy_vendor(app) -> None:
    if app.builder.format != "html":
        return
    vendor_dir = Path(app.confdir) / app.config.aiwatt_vendor_dir
    vega_target = Path(app.outdir) / "_static" / VEGA_BUNDLE
    vega_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_vega_bundle(vendor_dir / "vega"), vega_target)


def _is_thebe_asset(asset) -> bool:
    return "thebe" in str(getattr(asset, "filename", asset) or "") or "THEBE_JS_URL" in str(
        getattr(asset, "attributes", {}).get("body", "")
    )


def _is_widget_asset(app, asset) -> bool:
    """The ipywidgets manager, RequireJS and saved widget state that myst-nb adds to a page."""
    attributes = getattr(asset, "attributes", {})
    return attributes.get("type") == "application/vnd.jupyter.widget-state+json" or str(
        getattr(asset, "filename", "") or ""
    ) in set(app.config.nb_ipywidgets_js)


def _page_assets(app, pagename, templatename, context, doctree) -> None:
    # Thebe is off in _config.yml, yet Jupyter Book loads its scripts (twice,
    # which throws "THEBE_JS_URL has already been declared") and names a CDN:
    # drop them. The lists are reset for every page, so editing them in place
    # is safe.
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [asset for asset in context[key] if not _is_thebe_asset(asset)]
    # Dashboards (ipywidgets) are removed from the static pages, but myst-nb
    # still adds the widget manager wherever a chapter created a widget while
    # it ran: with no widget on the page, it would only cost the reader.
    if "script_files" in context:
        context["script_files"][:] = [asset for asset in context["script_files"] if not _is_widget_asset(app, asset)]
    if 'class="aiwatt-chart' in context.get("body", ""):
        bundle_url = context["pathto"](f"_static/{VEGA_BUNDLE}", 1)
        app.add_js_file(None, body=VEGA_LOADER % json.dumps(bundle_url))


STATIC_DIR = Path(__file__).parent / "static"


def _add_static_dir(app, config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def setup(app):
    app.add_config_value("aiwatt_vendor_dir", ".vendor", "html")
    app.connect("config-inited", _add_static_dir)
    app.add_css_file("aiwatt.css")
    app.connect("builder-inited", _copy_vendor)
    app.connect("html-page-context", _page_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
