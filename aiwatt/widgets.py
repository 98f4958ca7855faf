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
    # Numbers in words and digits, never e-notation (HOUSE: "no e-notation anywhere a reader looks").
    rows = [(name, units.format_number(units.convert(kwh, "kWh", name), 4)) for name in units.JOULES_PER_UNIT]
    rows.append(("Readable", units.format_energy(kwh)))
    rows.append((f"{region} household-months", units.format_number(equivalents.household_months(kwh, region), 4)))
    rows.append((f"{region} household-years", units.format_number(equivalents.household_years(kwh, region), 4)))
    rows.append(("Share of a year of world electricity", units.format_share(equivalents.share_of_world_electricity(kwh))))
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
        :func:`aiwatt.grid.regions`. The drop-down labels every region with
        the basis (lifecycle or direct) and year of its intensity.

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
    region_box = widgets.Dropdown(options=grid.region_options(), value=grid.canonical_region(region), description="Grid")
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
                ("Compute", f"{units.format_number(run.flops)} FLOP"),
                ("Accelerator-hours", str(run.chip_hours)),
                (f"Days on {count_box.value:,}", str(days)),
                ("Energy", str(run.energy_kwh.to("MWh"))),
                ("Emissions", str(run.emissions_kg.scaled(1e-3, "t CO2e"))),
                ("Households", str(china_months)),
            ]
            output.value = _rows_html(rows) + ("<p>Energy at the facility: accelerators, their share of the server and the PUE. "
                                               "Bands: 5th to 95th percentile of the model's draws; central: their median.</p>")
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
    growth_per_year=(0.1, 0.4, 1.0),
    efficiency_gain_per_year=(0.1, 0.33, 0.5),
    saturation_queries_per_day: float | None = None,
    pue: float = 1.1,
    tokens_growth_per_year=0.0,
    service_life_years: float = 1.0,
) -> widgets.VBox:
    """An inference-scenario dashboard with Monte Carlo bands, for live notebooks.

    Sliders set the central growth rate, efficiency gain and energy per query
    (and the traffic ceiling, for logistic adoption); each band keeps the spread
    of its starting band relative to its central value (clipped to the allowed
    range). Calls
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
        Growth rate of traffic [per year].
    efficiency_gain_per_year : float or (low, central, high)
        Annual fall in energy per query of new servers [fraction].
    saturation_queries_per_day : float, optional
        Ceiling of traffic [queries per day]: logistic adoption with a slider
        for it. Omitted: exponential growth with no ceiling.
    pue : float
        Facility overhead [ratio].
    tokens_growth_per_year : float or (low, central, high), default 0
        Growth of tokens per answer [fraction per year].
    service_life_years : float, default 1
        Years a server serves before an efficiency gain reaches the whole fleet.

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
    logistic = saturation_queries_per_day is not None
    ceiling = widgets.FloatLogSlider(value=saturation_queries_per_day or 1e11, base=10, min=9.5, max=13, step=0.05, description="Ceiling/day")
    output = widgets.HTML()
    dashboard = widgets.VBox([widgets.HBox([growth, efficiency]), widgets.HBox([energy, ceiling] if logistic else [energy]), output])

    def scaled(band: tuple[float, float, float], central: float, upper: float) -> tuple[float, float, float]:
        # The starting band's spread, relative to its centre, around the slider's value.
        if band[1] == central or band[1] == 0:
            low, high = band[0], band[2]
        else:
            low, high = band[0] / band[1] * central, band[2] / band[1] * central
        return (low, central, min(high, upper))

    def update(_change=None) -> None:
        try:
            adoption = {"adoption": "logistic", "saturation_queries_per_day": max(ceiling.value, queries_per_day * 1.01)} if logistic else {}
            table = scenarios.inference_scenario(
                queries_per_day,
                scaled(energy_band, energy.value, 1e3),
                scaled(growth_band, growth.value, 10.0),
                scaled(efficiency_band, efficiency.value, 0.99),
                start_year=start_year,
                pue=pue,
                tokens_growth_per_year=tokens_growth_per_year,
                service_life_years=service_life_years,
                **adoption,
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


def ai_share_dashboard() -> widgets.VBox:
    """AI's electricity and its share of the world's, with Monte Carlo bands, for live notebooks.

    Sliders set the central growth of the installed accelerators' power in
    2026 and in 2035, the average load and the PUE; each band spans the
    package's default band around the chosen centre (see :mod:`aiwatt.fleet`).
    Calls :func:`aiwatt.fleet.ai_electricity_table` and
    :func:`aiwatt.fleet.top_down_ai_electricity` on every change.

    Returns
    -------
    ipywidgets.VBox
        Controls and a table for 2024, 2030 and 2035; bad values show their
        error message.
    """
    from aiwatt import fleet

    def around(band, value: float, floor: float, ceiling: float) -> tuple[float, float, float]:
        """The default band's spread moved to a new centre, clipped to the allowed range."""
        low = min(max(value - (band.central - band.low), floor), value)
        high = max(min(value + (band.high - band.central), ceiling), value)
        return (low, value, high)

    style = {"description_width": "initial"}
    growth_first = widgets.FloatSlider(value=fleet.GROWTH_2026_BAND.central, min=-0.2, max=1.5, step=0.05,
                                       description="Growth of installed power in 2026", style=style)
    growth_last = widgets.FloatSlider(value=fleet.GROWTH_2035_BAND.central, min=-0.2, max=1.0, step=0.05,
                                      description="Growth in 2035", style=style)
    load = widgets.FloatSlider(value=fleet.LOAD_BAND.central, min=0.2, max=1.0, step=0.05, description="Average load (of rated power)", style=style)
    pue = widgets.FloatSlider(value=fleet.PUE_BAND.central, min=1.0, max=2.0, step=0.05, description="PUE", style=style)
    output = widgets.HTML()

    def update(_change=None) -> None:
        try:
            table = fleet.ai_electricity_table(
                growth_2026=around(fleet.GROWTH_2026_BAND, growth_first.value, -0.99, 10.0),
                growth_2035=around(fleet.GROWTH_2035_BAND, growth_last.value, -0.99, 10.0),
                utilization=around(fleet.LOAD_BAND, load.value, 0.01, 1.0),
                pue=around(fleet.PUE_BAND, pue.value, 1.0, 3.0),
                draws=5_000,
            )
            rows = []
            for year in (2024, 2030, 2035):
                world = fleet.world_electricity_twh(year)
                top = fleet.top_down_ai_electricity(year, pue=around(fleet.PUE_BAND, pue.value, 1.0, 3.0), draws=5_000)
                low, central, high = (table.loc[year, c] for c in ("low_twh", "central_twh", "high_twh"))
                rows.append((f"{year}, bottom-up", f"{units.format_number(central)} TWh ({units.format_number(low)} to {units.format_number(high)}); "
                                                   f"{units.format_share(central / world)} of the world"))
                rows.append((f"{year}, top-down", f"{units.format_number(top.central)} TWh ({units.format_number(top.low)} to "
                                                  f"{units.format_number(top.high)}); {units.format_share(top.central / world)} of the world"))
            output.value = _rows_html(rows) + "<p>Bands: 5th to 95th percentile of 5,000 draws; facility boundary.</p>"
        except ValueError as error:
            output.value = _error_html(error)

    for box in (growth_first, growth_last, load, pue):
        box.observe(update, names="value")
    update()
    return widgets.VBox([growth_first, growth_last, load, pue, output])


def mitigation_dashboard(year: int = 2030, region: str = "World") -> widgets.VBox:
    """The scenario builder for live notebooks: sliders, bands and the waterfall chart.

    Each change calls :func:`aiwatt.mitigation.scenario` (Monte Carlo bands)
    and redraws :func:`aiwatt.charts.mitigation.scenario_waterfall`, built once
    and updated through :func:`aiwatt.charts.mitigation.with_settings`.

    Parameters
    ----------
    year : int, default 2030
        Starting year, 2030 or 2035 in the chart; any year 2025-2035 in the table.
    region : str, default "World"
        Grid whose intensity prices the emissions.

    Returns
    -------
    ipywidgets.VBox
        Controls, a table of baseline and mitigated electricity and emissions
        with their bands, and the chart; bad values show their error message.
    """
    from IPython.display import HTML, display

    from aiwatt import mitigation
    from aiwatt.charts import mitigation as mitigation_charts
    from aiwatt.charts.render import chart_html

    defaults = mitigation.default_levers(year)
    spec = mitigation_charts.scenario_waterfall(mitigation.slider_table(), defaults, 0.0, year if year in (2030, 2035) else 2030).to_dict()
    year_box = widgets.IntSlider(value=year, min=mitigation.FIRST_YEAR, max=mitigation.LAST_YEAR, description="Year")
    boxes = {}
    for lever, (name, low, high, step) in mitigation_charts.SLIDERS.items():
        if lever == "facility":
            start = defaults[lever]
        elif lever == "clean_supply":  # a yearly rate on the slider, as in the chart
            start = 100 * mitigation.clean_supply_rate(defaults[lever], year)
        else:
            start = 100 * defaults[lever]
        boxes[lever] = widgets.FloatSlider(value=start, min=low, max=high, step=step, description=mitigation.LEVER_LABELS[lever],
                                           tooltip=name, style={"description_width": "initial"})
    rebound_box = widgets.FloatSlider(value=0.0, min=0.0, max=1.5, step=0.05, description="Rebound (elasticity)", style={"description_width": "initial"})
    table = widgets.HTML()
    chart = widgets.Output()

    def update(_change=None) -> None:
        try:
            levers = {k: (b.value if k == "facility" else b.value / 100) for k, b in boxes.items()}
            levers["clean_supply"] = mitigation.clean_supply_share(boxes["clean_supply"].value / 100, year_box.value)
            result = mitigation.scenario(year_box.value, levers, rebound_box.value, region=region)
            rows = [
                (f"AI's electricity in {result.year}, no levers", f"{result.baseline_twh}"),
                ("With the levers", f"{result.mitigated_twh}"),
                ("Emissions, no levers", f"{result.baseline_tco2e.scaled(1e-6, 'Mt CO2e')}"),
                ("With the levers", f"{result.mitigated_tco2e.scaled(1e-6, 'Mt CO2e')}"),
                ("Grid", f"{result.intensity_label}: {result.intensity_g_per_kwh:,.0f} g CO2e/kWh"),
            ]
            table.value = _rows_html(rows) + "<p>Bands: 5th to 95th percentile of the model's draws.</p>"
            shown = result.year if result.year in (2030, 2035) else None
            chart.clear_output(wait=True)
            with chart:
                if shown is None:
                    display(HTML("<p>The chart shows 2030 and 2035; the table above is for the year chosen.</p>"))
                display(HTML(chart_html(mitigation_charts.with_settings(spec, levers, rebound_box.value, shown))))
        except ValueError as error:
            table.value = _error_html(error)

    for box in [year_box, rebound_box, *boxes.values()]:
        box.observe(update, names="value")
    update()
    return widgets.VBox([year_box, *boxes.values(), rebound_box, table, chart])
