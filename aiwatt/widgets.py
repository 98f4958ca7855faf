"""ipywidgets dashboards for live notebooks (JupyterLab, Binder, a JupyterHub).

They need a running kernel, so the book removes their cells from its static
pages (tag ``remove-cell``) and says beside the Vega-Lite charts, which do work
there, how to run them live. Each dashboard keeps its latest result in
``.result``, so a chapter can assert that its starting state agrees with the
prose beside it.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from aiwatt import equivalents, units


def _rows_html(rows: list[tuple[str, str]]) -> str:
    """A two-column HTML table of labels and values."""
    cells = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table>"


def _error_html(error: Exception) -> str:
    """A bad input's message, shown in place of the results."""
    return f"<p style='color:#b00'>{html.escape(str(error))}</p>"


def _converter_table(value: float, unit: str, region: str) -> str:
    kwh = units.convert(value, unit, "kWh")
    rows = [(name, f"{units.convert(kwh, 'kWh', name):,.6g}") for name in units.JOULES_PER_UNIT]
    rows.append(("Readable", units.format_energy(kwh)))
    rows.append((f"{region} household-months", f"{equivalents.household_months(kwh, region):,.4g}"))
    rows.append((f"{region} household-years", f"{equivalents.household_years(kwh, region):,.4g}"))
    rows.append(("Share of a year of world electricity", f"{equivalents.share_of_world_electricity(kwh):.3e}"))
    return _rows_html(rows)


def energy_converter(value: float = 1287.0, unit: str = "MWh", region: str = "China") -> widgets.VBox:
    """A converter: type an energy, pick its unit and a region, read every equivalent.

    Parameters
    ----------
    value : float, default 1287.0
        Starting energy in ``unit`` (GPT-3's published training energy in MWh).
    unit : str, default "MWh"
        Starting unit, a key of :data:`aiwatt.units.JOULES_PER_UNIT`.
    region : str, default "China"
        Starting region for household equivalents.

    Returns
    -------
    ipywidgets.VBox
        The controls and a table that updates as they change; a bad entry
        shows the error message instead of the table. ``.result`` holds the
        energy [kWh] of the latest valid entry.
    """
    regions = list(equivalents.data.load("households")["region"])
    value_box = widgets.FloatText(value=value, description="Energy")
    unit_box = widgets.Dropdown(options=list(units.JOULES_PER_UNIT), value=unit, description="Unit")
    region_box = widgets.Dropdown(options=regions, value=equivalents.canonical_region(region), description="Region")
    output = widgets.HTML()
    dashboard = widgets.VBox([widgets.HBox([value_box, unit_box, region_box]), output])

    def update(_change=None) -> None:
        try:
            output.value = _converter_table(value_box.value, unit_box.value, region_box.value)
            dashboard.result = units.convert(value_box.value, unit_box.value, "kWh")
        except ValueError as error:
            output.value = _error_html(error)

    for box in (value_box, unit_box, region_box):
        box.observe(update, names="value")
    update()
    return dashboard


def training_calculator(params: float = 70e9, tokens: float = 2e12, accelerator: str = "H100", region: str = "World") -> widgets.VBox:
    """A training-energy dashboard with uncertainty bands, for live notebooks.

    Calls :func:`aiwatt.training.estimate_training_energy` on every change, so
    its bands come from the package's Monte Carlo model (utilisation, power and
    PUE bands of the chosen accelerator), unlike the in-browser calculator,
    which shows central values only.

    Parameters
    ----------
    params, tokens : float
        Starting parameters and training tokens [count].
    accelerator : str
        Starting accelerator; see :func:`aiwatt.hardware.names`.
    region : str
        Starting region for the grid's carbon intensity; see
        :func:`aiwatt.grid.regions`.

    Returns
    -------
    ipywidgets.VBox
        Controls and a result table; bad values show their error message.
        ``.result`` holds the latest :class:`aiwatt.training.TrainingEstimate`.
    """
    from aiwatt import grid, hardware, training

    params_box = widgets.FloatLogSlider(value=params, base=10, min=8, max=13, step=0.01, description="Parameters")
    tokens_box = widgets.FloatLogSlider(value=tokens, base=10, min=9, max=14, step=0.01, description="Tokens")
    chip_box = widgets.Dropdown(options=hardware.names(), value=hardware.accelerator(accelerator).name, description="Accelerator")
    count_box = widgets.IntText(value=1024, description="Accelerators")
    region_box = widgets.Dropdown(options=grid.regions(), value=region, description="Grid")
    output = widgets.HTML()
    dashboard = widgets.VBox([widgets.HBox([params_box, tokens_box]), widgets.HBox([chip_box, count_box, region_box]), output])

    def update(_change=None) -> None:
        try:
            run = training.estimate_training_energy(params_box.value, tokens_box.value, chip_box.value, region=region_box.value)
            if count_box.value <= 0:
                raise ValueError(f"accelerator count must be a positive integer; got {count_box.value}")
            days = run.chip_hours.scaled(1 / (24 * count_box.value), "days")
            china_months = run.energy_kwh.scaled(1 / equivalents.household_kwh_per_month("China"), "Chinese household-months")
            rows = [
                ("Compute", f"{run.flops:.3g} FLOP"),
                ("Accelerator-hours", str(run.chip_hours)),
                (f"Days on {count_box.value:,}", str(days)),
                ("Energy", str(run.energy_kwh.to("MWh"))),
                ("Emissions", str(run.emissions_kg.scaled(1e-3, "t CO2e"))),
                ("Households", str(china_months)),
            ]
            output.value = _rows_html(rows) + "<p>Bands: 5th to 95th percentile of the model's draws.</p>"
            dashboard.result = run
        except ValueError as error:
            output.value = _error_html(error)

    for box in (params_box, tokens_box, chip_box, count_box, region_box):
        box.observe(update, names="value")
    update()
    return dashboard


def _band(value) -> tuple[float, float, float]:
    """A (low, central, high) band from a number (no spread) or a band."""
    if isinstance(value, (int, float)):
        return (float(value), float(value), float(value))
    low, central, high = (float(part) for part in value)
    return (low, central, high)


def scenario_dashboard(
    queries_per_day: float = 2.5e9,
    wh_per_query=(0.15, 0.3, 0.6),
    start_year: int = 2025,
    *,
    growth_per_year=(0.5, 1.0, 1.5),
    efficiency_gain_per_year=(0.1, 0.33, 0.5),
    saturation_queries_per_day: float = 5e10,
    pue: float = 1.1,
) -> widgets.VBox:
    """An inference-scenario dashboard with Monte Carlo bands, for live notebooks.

    Sliders set the central growth rate, efficiency gain, energy per query and
    traffic ceiling; each band keeps the spread of its starting band relative to
    its central value (clipped to the allowed range). Calls
    :func:`aiwatt.scenarios.inference_scenario`, so with its starting values it
    shows exactly the scenario computed from the same arguments.

    Parameters
    ----------
    queries_per_day : float
        Traffic in ``start_year`` [queries per day].
    wh_per_query : float or (low, central, high)
        Energy per query in ``start_year`` [Wh], IT equipment only.
    start_year : int
        First year of the projection.
    growth_per_year : float or (low, central, high)
        Logistic growth rate of traffic [per year].
    efficiency_gain_per_year : float or (low, central, high)
        Annual fall in energy per query [fraction].
    saturation_queries_per_day : float
        Ceiling of traffic [queries per day].
    pue : float
        Facility overhead [ratio].

    Returns
    -------
    ipywidgets.VBox
        Controls and a table of the band by year. ``.result`` holds the latest
        table (the DataFrame of :func:`aiwatt.scenarios.inference_scenario`).
    """
    from aiwatt import scenarios

    energy_band, growth_band, efficiency_band = _band(wh_per_query), _band(growth_per_year), _band(efficiency_gain_per_year)
    growth = widgets.FloatSlider(value=growth_band[1], min=0.05, max=2.0, step=0.05, description="Growth")
    efficiency = widgets.FloatSlider(value=efficiency_band[1], min=0.0, max=0.6, step=0.01, description="Efficiency")
    energy = widgets.FloatSlider(value=energy_band[1], min=0.05, max=5.0, step=0.05, description="Wh/query")
    ceiling = widgets.FloatLogSlider(value=saturation_queries_per_day, base=10, min=9.5, max=12, step=0.05, description="Ceiling/day")
    output = widgets.HTML()
    dashboard = widgets.VBox([widgets.HBox([growth, efficiency]), widgets.HBox([energy, ceiling]), output])

    def scaled(band: tuple[float, float, float], central: float, upper: float) -> tuple[float, float, float]:
        # The starting band's spread, relative to its centre, around the slider's value.
        if band[1] == central or band[1] == 0:
            low, high = band[0], band[2]
        else:
            low, high = band[0] / band[1] * central, band[2] / band[1] * central
        return (low, central, min(high, upper))

    def update(_change=None) -> None:
        try:
            table = scenarios.inference_scenario(
                queries_per_day,
                scaled(energy_band, energy.value, 1e3),
                scaled(growth_band, growth.value, 10.0),
                scaled(efficiency_band, efficiency.value, 0.99),
                start_year=start_year,
                saturation_queries_per_day=max(ceiling.value, queries_per_day * 1.01),
                pue=pue,
            )
            rows = "".join(
                f"<tr><td>{year}</td><td>{row.low_twh:,.2f}</td><td>{row.central_twh:,.2f}</td><td>{row.high_twh:,.2f}</td></tr>"
                for year, row in table.iterrows()
            )
            output.value = (
                "<table><tr><th>Year</th><th>Low TWh</th><th>Central TWh</th><th>High TWh</th></tr>"
                f"{rows}</table><p>Bands: 5th to 95th percentile of 10,000 draws.</p>"
            )
            dashboard.result = table
        except ValueError as error:
            output.value = _error_html(error)

    for box in (growth, efficiency, energy, ceiling):
        box.observe(update, names="value")
    update()
    return dashboard
