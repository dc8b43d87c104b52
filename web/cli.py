"""The ``okraina`` command. Add commands with ``@main.command()``."""

import sys

import click

from web.check import check


@click.group()
def main():
    """okraina: map service for a city's outskirts development programme."""


@main.command()
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False),
              help="Data folder (default: the repository's shapefiles/ or OKRAINA_DATA).")
@click.option("--db", "database_url", help="PostGIS database URL (instead of --data).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(data_dir, database_url, host, port):
    """Serve the web app (werkzeug's server for now)."""
    from geo import DataError
    from web import create_app

    if data_dir and database_url:
        raise click.UsageError("give --data or --db, not both")
    config = {}
    if data_dir:
        config.update(DATA_DIR=data_dir, DATABASE_URL=None)
    if database_url:
        config["DATABASE_URL"] = database_url
    try:
        app = create_app(config)
    except DataError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    app.run(host=host, port=port, threaded=True)


main.add_command(check)
