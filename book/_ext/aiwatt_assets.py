"""Sphinx extension: serve the book's JavaScript from the book itself.

- Copies the Vega bundle (built offline by vl-convert-python) and the npm
  packages fetched by ``make vendor`` (widget manager, RequireJS, MathJax) into
  ``_static/aiwatt-vendor/`` of the HTML output.
- Adds the Vega bundle only to pages that hold an aiwatt chart, so other pages
  stay light.
- Removes the Thebe assets that Jupyter Book adds although Thebe is off.
- On pages with ipywidgets: points RequireJS and the widget manager at the
  book's own copy, and routes the widget manager's MathJax 2 call to MathJax 3.

The vendor files live in ``.vendor/`` (ignored by git), not in a source folder
named ``_static``: Jupyter Book would inject every script there into every page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

VENDOR_URL_DIR = "aiwatt-vendor"
VEGA_BUNDLE = f"{VENDOR_URL_DIR}/vega/vega-bundle.js"
WIDGET_MANAGER = "@jupyter-widgets/html-manager/dist/embed-amd.js"
MATHJAX_SHIM = f"{VENDOR_URL_DIR}/mathjax-hub-shim.js"
# The widget manager typesets with MathJax 2's MathJax.Hub.Queue whenever a
# MathJax is on the page; Sphinx loads MathJax 3, which has no Hub. Route the
# call to MathJax 3's typesetPromise.
MATHJAX_SHIM_CODE = """\
if (window.MathJax && !window.MathJax.Hub) {
  window.MathJax.Hub = {
    Queue: function (job) {
      var element = job && job[2];
      if (window.MathJax.typesetPromise) {
        window.MathJax.typesetPromise(element ? [element] : undefined).catch(function () {});
      }
    },
  };
}
"""
# npm files the book needs: (path inside .vendor/npm, path inside aiwatt-vendor).
NPM_FILES = [
    ("html-manager/dist", "@jupyter-widgets/html-manager/dist"),
    ("requirejs/require.js", "requirejs/require.js"),
    ("mathjax/es5/tex-svg.js", "mathjax/tex-svg.js"),
]


def _unused_widget_files(folder, names):
    """Of the widget manager's dist folder, only embed-amd.js and its fonts are loaded."""
    return [name for name in names if name.endswith((".map", ".txt")) or name in {"embed.js", "libembed-amd.js"}]


def _vega_bundle(cache_dir: Path) -> Path:
    """The Vega bundle for Altair's Vega-Lite version, built once and cached."""
    import vl_convert

    from aiwatt import charts

    path = cache_dir / f"vega-bundle-vl{charts.vega_lite_version()}-vlc{vl_convert.__version__}.js"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(charts.javascript_bundle(), encoding="utf-8")
    return path


def _copy_vendor(app) -> None:
    if app.builder.format != "html":
        return
    vendor_dir = Path(app.confdir) / app.config.aiwatt_vendor_dir
    missing = [source for source, _ in NPM_FILES if not (vendor_dir / "npm" / source).exists()]
    if missing:
        raise ExtensionError(f"aiwatt_assets: missing {', '.join(missing)} in {vendor_dir / 'npm'}; run 'make vendor'")
    destination = Path(app.outdir) / "_static" / VENDOR_URL_DIR
    for source, target in NPM_FILES:
        source_path, target_path = vendor_dir / "npm" / source, destination / target
        target_path.parent.mkdir(parents=True, exist_ok=True)
        if source_path.is_dir():
            shutil.copytree(source_path, target_path, dirs_exist_ok=True, ignore=_unused_widget_files)
        else:
            shutil.copyfile(source_path, target_path)
    # The widget manager resolves its font files against the address of whichever
    # of its RequireJS modules loads first: ".../html-manager/dist/" or
    # ".../@jupyter-widgets/". Serve the fonts at both, so that the page never
    # depends on that race.
    dist = destination / "@jupyter-widgets" / "html-manager" / "dist"
    for font in dist.iterdir():
        if font.suffix in {".woff", ".woff2", ".ttf", ".eot", ".svg"}:
            shutil.copyfile(font, destination / "@jupyter-widgets" / font.name)
    (destination / Path(MATHJAX_SHIM).name).write_text(MATHJAX_SHIM_CODE, encoding="utf-8")
    vega_target = Path(app.outdir) / "_static" / VEGA_BUNDLE
    vega_target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_vega_bundle(vendor_dir / "vega"), vega_target)


def _is_thebe_asset(asset) -> bool:
    return "thebe" in str(getattr(asset, "filename", asset) or "") or "THEBE_JS_URL" in str(
        getattr(asset, "attributes", {}).get("body", "")
    )


def _page_assets(app, pagename, templatename, context, doctree) -> None:
    # Thebe is off in _config.yml, yet Jupyter Book loads its scripts (twice,
    # which throws "THEBE_JS_URL has already been declared") and names a CDN:
    # drop them. The lists are reset for every page, so editing them in place
    # is safe.
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [asset for asset in context[key] if not _is_thebe_asset(asset)]
    if 'class="aiwatt-chart"' in context.get("body", ""):
        app.add_js_file(VEGA_BUNDLE)
    # The widget manager finds its fonts relative to its RequireJS module address,
    # which RequireJS resolves against its baseUrl (by default the page), and
    # loads any widget module it lacks from "<data-jupyter-widgets-cdn>@jupyter-widgets/...":
    # point both at the book's own copy.
    vendor_url = context["pathto"](f"_static/{VENDOR_URL_DIR}/", 1)
    for asset in context.get("script_files", []):
        if str(getattr(asset, "filename", "") or "").endswith(WIDGET_MANAGER):
            asset.attributes["data-jupyter-widgets-cdn"] = vendor_url
            # RequireJS reads a global "require" object as its configuration when it
            # loads; priority 499 puts this before require.js (500).
            app.add_js_file(
                None, priority=499, body=f"var require = {{baseUrl: new URL({vendor_url!r}, document.baseURI).href}};"
            )
            # Deferred like MathJax, and after it (higher priority sorts later).
            app.add_js_file(MATHJAX_SHIM, priority=999, loading_method="defer")
            break

def setup(app):
    app.add_config_value("aiwatt_vendor_dir", ".vendor", "html")
    app.connect("builder-inited", _copy_vendor)
    # After myst-nb has added the widget scripts to the page.
    app.connect("html-page-context", _page_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
