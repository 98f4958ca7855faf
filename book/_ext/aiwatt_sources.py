"""Sphinx extension: the book's sources are exactly the documents ``_toc.yml`` names.

Sphinx reads every file under the source folder (here, the repository root)
whose suffix it knows, unless an exclude pattern stops it. Tests, benchmarks,
editors and tools leave such files in the tree under names nobody can list in
advance (``.pytest_cache/README.md``, ``*.ipynb_checkpoints``, an editor's
``notes.md``): one of them in the build fails it with "document isn't included
in any toctree". Jupyter Book's ``only_build_toc_files`` does not help, as its
search skips hidden folders.

So this extension turns the table of contents into Sphinx's
``include_patterns``: one exact path per document, and nothing else is read,
whatever else is in the tree. A document named in the table of contents but
missing on disk is an error.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.errors import ConfigError

# The one reader of _toc.yml, shared with 'make figures' and the tests.
from aiwatt.charts.figures import toc_documents


def source_files(source_dir: Path, toc_path: Path, suffixes) -> list[str]:
    """The file of each document of the table of contents, relative to ``source_dir``.

    The first suffix in ``suffixes`` that exists on disk wins, so a notebook
    paired with a MyST Markdown file (``units.ipynb`` beside ``units.md``) is
    read once.
    """
    files, missing = [], []
    for document in toc_documents(toc_path):
        document = document.removesuffix(Path(document).suffix) if Path(document).suffix in suffixes else document
        found = next((f"{document}{suffix}" for suffix in suffixes if (Path(source_dir) / f"{document}{suffix}").is_file()), None)
        if found is None:
            missing.append(document)
        else:
            files.append(found)
    if missing:
        raise ConfigError(f"aiwatt_sources: _toc.yml names documents with no source file: {', '.join(missing)}")
    return files


def _include_toc_documents_only(app, config) -> None:
    toc_path = Path(config.external_toc_path)
    if not toc_path.is_absolute():
        toc_path = Path(app.srcdir) / toc_path
    config.include_patterns = source_files(Path(app.srcdir), toc_path, list(config.source_suffix))


def setup(app):
    # After sphinx-external-toc (priority 500) has read the same file.
    app.connect("config-inited", _include_toc_documents_only, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
