"""The PostGIS store: the okraina tables in a PostgreSQL database with PostGIS.

Reading takes one REPEATABLE READ, READ ONLY transaction that first locks the
tables in ACCESS SHARE mode (allowed on a hot-standby replica), so the layers
and the version always come from one committed import and an import's
TRUNCATE cannot be half-seen. Connections are not pooled (``NullPool``): the
data is read into memory on start and reload only, and a pool created before
gunicorn forks its workers must not be shared between processes.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import shapely

from geo.stores.base import Snapshot, Store, StoreError
from geo.stores.tables import (COLUMNS, DATA_TABLES, DATE_COLUMNS, META, OPTIONAL_COLUMNS,
                               OPTIONAL_TABLES, check_meta, city_from_meta, frame_from_chunks,
                               layers_from_tables)

URL_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
SRID = 4326
READ_CHUNK = 5_000

DDL = f"""
CREATE TABLE IF NOT EXISTS districts (
    id text PRIMARY KEY, name_ru text NOT NULL, name_kk text, name_en text,
    kind text NOT NULL, population bigint NOT NULL, source_row integer,
    geom geometry(Geometry, {SRID}) NOT NULL);
CREATE TABLE IF NOT EXISTS works (
    id text PRIMARY KEY, title_ru text NOT NULL, title_kk text, title_en text,
    category text NOT NULL, status text NOT NULL, year integer NOT NULL, progress integer,
    start date, finish date, address text, source_file text, source_row integer,
    geom geometry(Geometry, {SRID}));
CREATE TABLE IF NOT EXISTS funding (
    record_id text PRIMARY KEY, work_id text NOT NULL, year integer NOT NULL,
    amount_kzt bigint NOT NULL, source text NOT NULL, approved date, note text,
    source_row integer);
CREATE TABLE IF NOT EXISTS meetings (
    district_id text NOT NULL, year integer NOT NULL, cycle integer NOT NULL, date date NOT NULL,
    attendees integer, summary_ru text, summary_kk text, place text, time text,
    source_row integer);
-- Columns added after a table was first written (a database from an older okraina).
ALTER TABLE meetings ADD COLUMN IF NOT EXISTS place text, ADD COLUMN IF NOT EXISTS time text;
CREATE TABLE IF NOT EXISTS needs (
    id text PRIMARY KEY, district_id text NOT NULL, year integer NOT NULL,
    cycle integer NOT NULL, raised_on date NOT NULL, title_ru text NOT NULL,
    title_kk text NOT NULL, title_en text, category text NOT NULL, status text NOT NULL,
    status_on date NOT NULL, answer_ru text, answer_kk text, work_ids text,
    source text NOT NULL, supporters integer, source_row integer,
    geom geometry(Point, {SRID}));
CREATE TABLE IF NOT EXISTS {META} (key text PRIMARY KEY, value text NOT NULL);
CREATE INDEX IF NOT EXISTS districts_geom_gist ON districts USING gist (geom);
CREATE INDEX IF NOT EXISTS works_geom_gist ON works USING gist (geom);
CREATE INDEX IF NOT EXISTS funding_work_id ON funding (work_id);
CREATE INDEX IF NOT EXISTS meetings_district_id ON meetings (district_id);
CREATE INDEX IF NOT EXISTS needs_district_id ON needs (district_id);
-- Any edit made in the database itself (QGIS, psql) gives the data a new version,
-- so running servers reload it; an import then sets the version to its content hash.
CREATE OR REPLACE FUNCTION okraina_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {META} SET value = 'edit-' || substr(md5(clock_timestamp()::text
        || txid_current()::text), 1, 12) WHERE key = 'version';
    RETURN NULL;
END $$;
""" + "".join(f"""
CREATE OR REPLACE TRIGGER {table}_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON {table} FOR EACH STATEMENT EXECUTE FUNCTION okraina_touch();""" for table in DATA_TABLES)


def is_database_url(source):
    """Whether ``source`` is a PostgreSQL URL rather than a path."""
    return isinstance(source, str) and urlsplit(source).scheme in URL_SCHEMES


def mask_url(url):
    """``url`` with its password replaced by ``***`` (for logs, /healthz, errors)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def make_engine(url):
    """A SQLAlchemy engine on psycopg 3 without a connection pool."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    scheme, rest = url.split("://", 1)
    if scheme not in URL_SCHEMES:
        raise StoreError(f"not a PostgreSQL URL: {mask_url(url)}")
    return create_engine(f"postgresql+psycopg://{rest}", poolclass=NullPool)


class PostGISStore(Store):
    """The okraina tables in a PostGIS database.

    Parameters
    ----------
    url : str
        ``postgresql://user[:password]@host[:port]/database``; a read replica is
        fine for serving.
    """

    def __init__(self, url):
        self.url = url
        self._engine = None

    @property
    def engine(self):
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine

    def describe(self):
        return mask_url(self.url)

    def version(self):
        """The ``version`` value of ``okraina_meta``."""
        with self._connect() as conn:
            meta = _read_meta(conn, self.describe())
        return meta["version"]

    def load(self, log, progress=None):
        notify = progress or (lambda name: None)
        with self._connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ",
                                          postgresql_readonly=True)
            with conn.begin(), _shared_strings(conn):
                present = _present_tables(conn)
                _lock_for_reading(conn, present)
                meta = _read_meta(conn, self.describe())
                tables = {}
                for table in DATA_TABLES:
                    notify(table)
                    tables[table] = _read_table(conn, table) if table in present else None
        city, city_json = city_from_meta(meta, log, "postgis:")
        layers = layers_from_tables(tables, log, "postgis:")
        return Snapshot(layers, city, meta["version"], city_json)

    def _connect(self):
        from sqlalchemy.exc import OperationalError

        try:
            return self.engine.connect()
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot connect to {self.describe()}: "
                             f"{reason.replace(self.url, self.describe())}") from None


@contextmanager
def _shared_strings(conn):
    """While it is active, equal text values read on ``conn`` are one ``str`` object.

    A category, a status, a source file name or a work id read again in the funding
    table would otherwise be a new object in every row: at 100,000 works that is
    ~30 MiB of copies in every worker. Each duplicate is dropped as it is read, so
    the copies never pile up in the heap.
    """
    from psycopg.pq import Format

    adapters = conn.connection.dbapi_connection.adapters
    before = {name: adapters.get_loader(adapters.types[name].oid, Format.TEXT)
              for name in ("text", "varchar")}
    for name in before:
        adapters.register_loader(name, _shared_text_loader())
    token = _SEEN.set({})
    try:
        yield
    finally:  # the connection goes back to the pool with its own (faster) loaders
        _SEEN.reset(token)
        for name, loader in before.items():
            adapters.register_loader(name, loader)


# The distinct texts of the load in progress (per thread: a reload runs in its own).
_SEEN = ContextVar("okraina_seen_texts", default=None)


@cache
def _shared_text_loader():
    """psycopg's Python text loader, returning the first equal value of the load.

    One class for the process: psycopg remembers every loader class it has used.
    """
    from psycopg.types.string import TextLoader  # the C one cannot be subclassed

    class SharedTextLoader(TextLoader):
        def load(self, data):
            value = super().load(data)
            seen = _SEEN.get()
            return value if seen is None else seen.setdefault(value, value)

    return SharedTextLoader


def _present_tables(conn):
    """The data tables to read: all of them, less the optional ones this database lacks."""
    from sqlalchemy import text

    missing = {name for name in OPTIONAL_TABLES
               if conn.execute(text(f"SELECT to_regclass('{name}') IS NULL")).scalar()}
    return tuple(name for name in DATA_TABLES if name not in missing)


def _lock_for_reading(conn, tables):
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    try:
        with conn.begin_nested():
            conn.execute(text(f"LOCK TABLE {', '.join(tables + (META,))} "
                              "IN ACCESS SHARE MODE"))
    except ProgrammingError:
        pass  # a table is missing: _read_meta says what to do


def _read_meta(conn, where):
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    try:
        with conn.begin_nested():
            rows = conn.execute(text(f"SELECT key, value FROM {META}")).all()
    except ProgrammingError:
        rows = []
    meta = dict(rows)
    problem = check_meta(meta, where)
    if problem:
        raise StoreError(problem)
    return meta


def _present_columns(conn, table):
    """The table's columns of ``COLUMNS``: an optional one an older database lacks is
    left out (the loader reads it as empty)."""
    from sqlalchemy import text

    optional = OPTIONAL_COLUMNS.get(table, ())
    if not optional:
        return COLUMNS[table]
    present = set(conn.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_name = :name "
        "AND table_schema = current_schema()"), {"name": table}).scalars())
    return [c for c in COLUMNS[table] if c in present or c not in optional]


def _read_table(conn, table):
    """The table's rows as a frame (a GeoDataFrame for a table with a geometry), in
    stored order.

    Rows come READ_CHUNK at a time from a server-side cursor straight into columns, as
    a GeoPackage is read (``frame_from_rows``): psycopg otherwise receives the whole
    result first (~100 MiB at 250,000 works), and pandas' and SQLAlchemy's rows and
    hex geometries between the texts kept left ~18 MiB of the heap that a worker could
    not give back. Dates come as ISO text, as from a GeoPackage; geometries as WKB.
    """
    names = _present_columns(conn, table)
    cells = [f"to_char(\"{c}\", 'YYYY-MM-DD') AS \"{c}\"" if c in DATE_COLUMNS else f'"{c}"'
             for c in names]
    spatial = table in SPATIAL_TABLES
    order = ('source_file COLLATE "C" NULLS LAST, source_row NULLS LAST, id' if table == "works"
             else 'source_row NULLS LAST, id COLLATE "C"' if table == "needs"
             else "source_row NULLS LAST")
    sql = (f"SELECT {', '.join(cells + (['ST_AsBinary(geom)'] if spatial else []))} "
           f"FROM {table} ORDER BY {order}")
    raw = conn.connection.dbapi_connection
    with raw.cursor(name=f"okraina_read_{table}") as cursor:
        cursor.execute(sql)
        types = raw.adapters.types
        columns = [(name, _KINDS.get(getattr(types.get(column.type_code), "name", None), "TEXT"))
                   for name, column in zip(names, cursor.description)]
        return frame_from_chunks(iter(lambda: cursor.fetchmany(READ_CHUNK), []), columns,
                                 _geometries if spatial else None, CRS)


def _geometries(blobs):
    return shapely.from_wkb(np.array(blobs, dtype=object))


SPATIAL_TABLES = ("districts", "works", "needs")
CRS = f"EPSG:{SRID}"
# PostgreSQL's types of the okraina tables as the kinds frame_from_rows reads.
_KINDS = {"int2": "INTEGER", "int4": "INTEGER", "int8": "INTEGER",
          "float4": "REAL", "float8": "REAL", "numeric": "REAL"}
