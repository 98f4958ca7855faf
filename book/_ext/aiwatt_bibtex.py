"""Sphinx extension: citations a reader can tell apart, in one style.

sphinxcontrib-bibtex and pybtex, as configured by default, write:

- the same in-text citation for two sources by the same author in the same year
  ("NVIDIA, 2022" for the H100 data sheet and for the DGX H100 page);
- "Rae and others" in one place and "Touvron et al." in another, depending
  on how many authors the BibTeX entry lists before ``and others``;
- titles in sentence case, losing capitals ("Energy and ai").

This extension fixes all three: same-author, same-year sources get a letter
after the year (2022a, 2022b) in the text and in the bibliography, which
labels each entry as it is cited (author and year); ``and others`` always
reads "et al."; titles keep the capitals the BibTeX entry gives them.
Selected in ``_config.yml`` with ``bibtex_default_style: aiwatt``.
"""

from __future__ import annotations

import string
from collections import defaultdict

import pybtex.plugin
from pybtex.richtext import Text

from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import FieldIsMissing, field, join, node, sentence

STYLE = "aiwatt"
SORTING = "author_year_title"
#: Where the year as written in the BibTeX file is kept once a letter is added.
ORIGINAL_YEAR = "aiwatt_original_year"


def _is_others(person) -> bool:
    return str(person).strip().lower() == "others"


def _last_name(person) -> str:
    """The name a citation uses: "de Vries", "NVIDIA"."""
    parts = [*person.rich_prelast_names, *person.rich_last_names]
    return " ".join(str(part) for part in parts).strip("{}") or str(person)


def author_key(entry) -> tuple[str, ...]:
    """The authors as an in-text citation names them: up to two, or the first and "et al."."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    real = [person for person in persons if not _is_others(person)]
    if not real:
        return (entry.fields.get("title", entry.key),)
    if len(real) > 2 or len(real) < len(persons):
        return (_last_name(real[0]), "et al.")
    return tuple(_last_name(person) for person in real)


def disambiguate(entries) -> dict[str, str]:
    """Give same-author, same-year entries a letter after the year, in the bibliography's order.

    Letters follow the bibliography's order. Changes ``entries`` in place (the year field; an ``and others`` author list
    padded so that in-text citations say "et al."), and is idempotent: the
    year as written is kept in ``aiwatt_original_year``. Returns the new years
    by key.
    """
    groups = defaultdict(list)
    for key, entry in entries.items():
        year = entry.fields.get(ORIGINAL_YEAR, entry.fields.get("year", ""))
        if year:
            entry.fields[ORIGINAL_YEAR] = year
            groups[(author_key(entry), year)].append(key)
        persons = entry.persons.get("author", [])
        if persons and _is_others(persons[-1]) and len(persons) < 3:
            # sphinxcontrib-bibtex writes "et al." from three names on: count "others" twice.
            persons.append(persons[-1])
    # Letters in the order of the bibliography, so that 2023a is listed before 2023b.
    order = {entry.key: index for index, entry in enumerate(pybtex.plugin.find_plugin("pybtex.style.sorting", SORTING)().sort(list(entries.values())))}
    years = {}
    for (_, year), keys in groups.items():
        keys.sort(key=order.__getitem__)
        for index, key in enumerate(keys):
            entries[key].fields["year"] = year + (string.ascii_lowercase[index] if len(keys) > 1 else "")
            years[key] = entries[key].fields["year"]
    return years


@node
def names_et_al(children, context, role, **kwargs):
    """Names of a role; a trailing ``and others`` reads "et al."."""
    assert not children
    try:
        persons = context["entry"].persons[role]
    except KeyError:
        raise FieldIsMissing(role, context["entry"]) from None
    style = context["style"]
    real = [person for person in persons if not _is_others(person)]
    names = [style.format_name(person, style.abbreviate_names) for person in real]
    if len(real) < len(persons):
        # "A, B, C et al.", never "A, B, and C et al.".
        return Text(join(sep=kwargs.get("sep", ", "))[names].format_data(context), " et al.")
    return join(**kwargs)[names].format_data(context)


class AuthorYearLabels(BaseLabelStyle):
    """Bibliography labels as the text cites them: "Touvron et al. 2023b"."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            names = author_key(entry)
            authors = names[0] + " et al." if names[-1] == "et al." else " and ".join(names)
            yield f"{authors} {entry.fields.get('year', '')}".strip()


class AiwattStyle(UnsrtStyle):
    """pybtex's unsrt style with author-year labels, "et al." and titles as written."""

    default_label_style = STYLE
    default_sorting_style = SORTING

    def format_names(self, role, as_sentence=True):
        formatted = names_et_al(role, sep=", ", sep2=" and ", last_sep=", and ")
        return sentence[formatted] if as_sentence else formatted

    def format_title(self, e, which_field, as_sentence=True):
        formatted = field(which_field)
        return sentence[formatted] if as_sentence else formatted


def _disambiguate_bibdata(app) -> None:
    domain = app.env.get_domain("cite")
    disambiguate(domain.bibdata.data.entries)


pybtex.plugin.register_plugin("pybtex.style.labels", STYLE, AuthorYearLabels)
pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE, AiwattStyle)


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    # After sphinxcontrib-bibtex has parsed references.bib (builder-inited, priority 500).
    app.connect("builder-inited", _disambiguate_bibdata, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
