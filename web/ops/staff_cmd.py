"""``okraina staff add EMAIL`` and ``okraina staff purge``: accounts and the retention of personal data."""

import click


def _database(database_url):
    from flask import Flask

    from web.config import load_config
    from web.write import open_database

    app = Flask("web")  # only for its instance folder, where the SQLite file lives
    app.config.update(load_config({"DATABASE_URL": database_url} if database_url else None))
    return app, open_database(app)


@click.group("staff")
def staff_command():
    """Staff accounts and the write store."""


_DB_OPTION = click.option("--db", "database_url", default=None,
                          help="The PostGIS URL the service runs with (--db); default: the "
                               "write database of OKRAINA_WRITE_DATABASE_URL / the instance folder.")


@staff_command.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(["moderator", "admin"]), default="moderator", show_default=True)
@click.password_option("--password", prompt="Password", confirmation_prompt=True,
                       hidden=True)  # prompted twice; the option is for scripts and tests
@_DB_OPTION
def add(email, role, password, database_url):
    """Create the account EMAIL, or reset its password and role."""
    from web.write.accounts import add_staff

    _, db = _database(database_url)
    try:
        add_staff(db, email, password, role)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"staff account {email.strip().lower()} ({role}) is ready")


@staff_command.command("purge")
@_DB_OPTION
def purge(database_url):
    """Delete contact details and addresses past the retention period (run daily)."""
    from web.write.ratelimit import purge_expired_counters
    from web.write.submissions import purge_personal_data

    app, db = _database(database_url)
    days = app.config["CONTACT_RETENTION_DAYS"]
    count = purge_personal_data(db, days)
    counters = purge_expired_counters(db)
    click.echo(f"purged the personal data of {count} submission(s) older than {days} days; "
               f"{counters} expired rate-limit counter(s)")
