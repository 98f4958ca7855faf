"""Every public function of the package documents each of its arguments (numpydoc).

The API reference appendix (``book/api.rst``) is generated from these
docstrings; an argument missing from its "Parameters" section is an argument a
reader cannot look up.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))

# The modules the API reference documents: this test holds exactly those to numpydoc.
from aiwatt_api import public_modules  # noqa: E402  (the book's Sphinx extension, beside the chapters)

SECTION = re.compile(r"^(\s*)([A-Z][A-Za-z ]+)\n\1-{3,}\s*$", re.M)


def public_functions() -> list[tuple[str, object]]:
    """Functions and methods defined in a public module, not named with a leading underscore."""
    found = []
    for module_name in public_modules():
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module_name:
                continue
            if inspect.isfunction(obj):
                found.append((f"{module_name}.{name}", obj))
            elif inspect.isclass(obj):
                for method_name, method in vars(obj).items():
                    if inspect.isfunction(method) and not method_name.startswith("_"):
                        found.append((f"{module_name}.{name}.{method_name}", method))
    return found


def documented_parameters(docstring: str | None) -> set[str]:
    """Names in the numpydoc "Parameters" (and "Other Parameters") sections.

    >>> sorted(documented_parameters('''Do it.
    ...
    ...     Parameters
    ...     ----------
    ...     params, tokens : float
    ...         Counts.
    ...     *args
    ...         More.
    ...     '''))
    ['args', 'params', 'tokens']
    """
    text = inspect.cleandoc(docstring or "")
    headings = list(SECTION.finditer(text))
    names: set[str] = set()
    for index, heading in enumerate(headings):
        if heading.group(2).strip() not in ("Parameters", "Other Parameters"):
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        for line in text[heading.end() : end].splitlines():
            if line and not line[0].isspace():
                for name in line.split(":")[0].split(","):
                    names.add(name.strip().lstrip("*"))
    return names


def argument_names(function) -> list[str]:
    return [name for name in inspect.signature(function).parameters if name not in ("self", "cls")]


def test_the_package_has_public_functions():
    assert len(public_functions()) > 30


@pytest.mark.parametrize("name, function", public_functions(), ids=[name for name, _ in public_functions()])
def test_every_argument_is_documented(name, function):
    arguments = argument_names(function)
    if not arguments:
        return
    missing = [argument for argument in arguments if argument not in documented_parameters(function.__doc__)]
    assert missing == [], f"{name}: document {', '.join(missing)} in a numpydoc 'Parameters' section"
