"""``okraina import DIR --into URL``: validate a folder, then load it into PostGIS or a GeoPackage."""

import sys
from pathlib import Path

import click

from geo.problems import DataError
from geo.stats import year_summary
from geo.stores import StoreError, mask_url
from geo.stores.importing import validate_folder, write_store


@click.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--into", "target", required=True, metavar="URL",
              help="postgresql://user@host:port/database, or a FILE.gpkg to write.")
@click.option("--crs", default=None, help="CRS to assume for layers without one (e.g. EPSG:4326).")
def import_command(folder, target, crs):
    """Validate FOLDER like `okraina check`, then replace the data at URL with it.

    All or nothing: on a fatal problem nothing is written (exit 1); PostGIS is
    written in one transaction, a GeoPackage to a temporary file renamed at the end.
    """
    where = mask_url(target)
    try:
        validated = validate_folder(folder, crs=crs, progress=_reading)
    except DataError as error:
        _print_problems(error.problems)
        click.echo(f"FAILED: {folder} has fatal problems; nothing was written to {where}", err=True)
        sys.exit(1)
    _print_problems(validated.dataset.problems)
    counts = validated.row_counts
    try:
        with click.progressbar(length=sum(counts.values()), label=f"writing to {where}",
                               file=sys.stderr) as bar:
            write_store(validated, target, progress=bar.update)
    except StoreError as error:
        click.echo(f"FAILED: {error}", err=True)
        sys.exit(1)
    _print_summary(validated, counts, where)


def _reading(name):
    click.echo(f"reading {name} ...", err=True)


def _print_problems(problems):
    for problem in problems:
        click.echo(str(problem), err=True)


def _print_summary(validated, counts, where):
    tables = ", ".join(f"{n} {name}" for name, n in counts.items())
    warnings = len(validated.dataset.problems)
    click.echo(f"imported {validated.source} into {where}: {tables} "
               f"({warnings} warning(s)); version {validated.snapshot.version}")
    for year, figures in year_summary(validated.dataset).items():
        amount = f"{figures['funding_kzt']:,}".replace(",", " ")
        click.echo(f"  {year}: {figures['works']} works, {amount} tenge")
