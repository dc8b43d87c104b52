"""``okraina check``: load and validate a data folder and report every problem."""

import json
import sys
from pathlib import Path

import click

from geo.dataset import load_dataset
from geo.stats import year_summary

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shapefiles"


@click.command("check")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--crs", default=None, help="CRS to assume for layers without one (e.g. EPSG:4326).")
def check(folder, as_json, crs):
    """Load and validate FOLDER (default: the shipped sample); exit 1 on fatal problems."""
    folder = folder or DEFAULT_DATA
    progress = None if as_json else _progress_printer()
    dataset = load_dataset(folder, crs=crs, progress=progress, strict=False)
    problems = dataset.problems
    ok = not any(p.fatal for p in problems)
    years = year_summary(dataset)
    if as_json:
        click.echo(json.dumps({"ok": ok, "problems": [p.as_dict() for p in problems],
                               "years": years}, ensure_ascii=False, indent=2))
    else:
        _print_text(folder, problems, years, ok)
    sys.exit(0 if ok else 1)


def _progress_printer():
    def show(name):
        click.echo(f"reading {name} ...", err=True)
    return show


def _print_text(folder, problems, years, ok):
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.fatal for p in problems)
    warnings = len(problems) - errors
    click.echo(f"\n{folder}: {errors} error(s), {warnings} warning(s)")
    for year, figures in years.items():
        amount = f"{figures['funding_kzt']:,}".replace(",", " ")
        click.echo(f"  {year}: {figures['works']} works, {amount} tenge")
    click.echo("OK" if ok else "FAILED: fix the errors above; nothing was loaded")
