"""The ``okraina`` command. Add commands with ``@main.command()``."""

import sys

import click

from web.ops.check import check
from web.ops.import_cmd import import_command
from web.ops.staff_cmd import staff_command


@click.group()
def main():
    """okraina: map service for a city's outskirts development programme."""


main.add_command(check)
main.add_command(import_command)
main.add_command(staff_command)


@main.command()
@click.option("--data", "data_dir", type=click.Path(exists=True),
              help="Data folder or .gpkg file (default: the repository's shapefiles/ or "
                   "OKRAINA_DATA).")
@click.option("--db", "database_url", help="PostGIS database URL (instead of --data).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Serve with gunicorn and this many worker processes (production). "
                   "Without it: werkzeug's single-process server.")
def serve(data_dir, database_url, host, port, workers):
    """Serve the web app; new data is picked up without a restart (see OKRAINA_RELOAD_SECONDS)."""
    if data_dir and database_url:
        raise click.UsageError("give --data or --db, not both")
    config = {}
    if data_dir:
        config.update(DATA_DIR=data_dir, DATABASE_URL=None)
    if database_url:
        config["DATABASE_URL"] = database_url
    if workers:
        _check_source(config)
        from web.ops.serve import run_gunicorn

        run_gunicorn(config, host=host, port=port, workers=workers)
        return
    app = _create_app(config)
    _reload_on_sighup(app)
    from web.ops.memory import trim_after_requests

    trim_after_requests(app)
    app.run(host=host, port=port, threaded=True)


def _create_app(config):
    from geo import DataError
    from geo.stores import StoreError
    from web import create_app

    try:
        return create_app(config)
    except DataError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    except (ValueError, StoreError) as error:
        raise click.ClickException(str(error)) from error


def _check_source(config):
    """Fail in the master with a readable message rather than in every worker."""
    from geo.stores import StoreError
    from web.config import load_config
    from web.snapshot import open_store

    try:
        open_store(load_config(config)).version()
    except (ValueError, StoreError) as error:
        raise click.ClickException(str(error)) from error


def _reload_on_sighup(app):
    from web.ops.reload import get_reloader, install_sighup

    reloader = get_reloader(app)
    if reloader is not None:
        install_sighup(reloader)
