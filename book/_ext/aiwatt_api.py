"""Sphinx extension: the API reference, generated from the package's numpydoc docstrings.

The directive ``aiwatt-api-reference`` writes one section per public module of
:mod:`aiwatt` (private modules, named with a leading underscore, are left
out), each an ``automodule`` with its members, so a new module appears in the
reference without editing the page. Built with ``-W`` and ``nitpicky``: a
cross-reference to an ``aiwatt`` object that does not exist fails the build
(references to other libraries' objects are not checked: the book is built
offline, with no intersphinx inventory).
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import re

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

PACKAGE = "aiwatt"


def public_modules(package: str = PACKAGE) -> list[str]:
    """The package and its public modules, in the order of the package tree.

    Parameters
    ----------
    package : str
        An importable package name.

    Returns
    -------
    list of str
        Dotted module names; none has a part starting with an underscore.

    Examples
    --------
    >>> public_modules()[:2]
    ['aiwatt', 'aiwatt.charts']
    """
    root = importlib.import_module(package)
    names = [package]
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


class APIReference(SphinxDirective):
    """``.. aiwatt-api-reference::``: every public module, documented from its docstrings."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        lines = []
        for name in public_modules():
            lines += [name, "-" * len(name), "", f".. automodule:: {name}", "   :members:", "   :ignore-module-all:", ""]
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, source="aiwatt-api-reference"), container)
        return container.children


# Numpydoc "References" sections number their sources [1], [2] in each docstring;
# on one page those labels would collide. Make them unique per object while
# reading, and show the plain number again in the page (as numpydoc does).
_LABEL = re.compile(r"^R[0-9a-f]{8}-(\w+)$")


def _unique_reference_labels(app, what, name, obj, options, lines) -> None:
    prefix = "R" + hashlib.sha1(name.encode()).hexdigest()[:8]
    text = "\n".join(lines)
    if not re.search(r"\[\w+\]_", text):
        # Sources listed but not cited in the text: a numbered list, not citations.
        for index, line in enumerate(lines):
            lines[index] = re.sub(r"^(\s*)\.\. \[\w+\] ", r"\1#. ", line)
        return
    for index, line in enumerate(lines):
        line = re.sub(r"^(\s*)\.\. \[(\w+)\]", rf"\1.. [{prefix}-\2]", line)
        lines[index] = re.sub(r"\[(\w+)\]_", rf"[{prefix}-\1]_", line)


def _plain_reference_numbers(app, doctree) -> None:
    from sphinx.addnodes import pending_xref

    for citation in doctree.findall(nodes.citation):
        label = citation[0]
        match = _LABEL.match(label.astext())
        if match:
            label.replace(label[0], nodes.Text(match.group(1)))
    for reference in doctree.findall(pending_xref):
        match = _LABEL.match(reference.get("reftarget", ""))
        if reference.get("refdomain") == "citation" and match:
            reference.replace(reference[0], nodes.inline("", f"[{match.group(1)}]"))


def _resolve_reexport(app, env, node, contnode):
    """``aiwatt.Estimate`` names ``aiwatt.estimate.Estimate``: resolve a re-export to where it is documented."""
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith(f"{PACKAGE}."):
        return None
    module_name, _, attribute = target.rpartition(".")
    try:
        obj = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError):
        return None
    real = f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', '')}"
    if real == target or not real.startswith(f"{PACKAGE}."):
        return None
    return env.get_domain("py").resolve_xref(env, node["refdoc"], app.builder, node["reftype"], real, node, contnode)


def setup(app):
    app.add_directive("aiwatt-api-reference", APIReference)
    app.connect("missing-reference", _resolve_reexport)
    app.connect("autodoc-process-docstring", _unique_reference_labels)
    app.connect("doctree-read", _plain_reference_numbers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
