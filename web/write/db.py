"""The write store's database: SQLite in the instance folder by default, or PostgreSQL.

SQLite runs in WAL mode with ``synchronous=FULL``, so a committed row survives a
power cut or a killed process (rate-limit counters, on their own engine, use NORMAL); writes open with ``BEGIN IMMEDIATE`` (a second
engine on the same file), so two workers writing at once queue on the busy
timeout instead of failing on a read-to-write lock upgrade.
"""

import threading
from contextlib import contextmanager

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from web.write.models import Base, NeedEvent

BUSY_TIMEOUT_MS = 15_000


class WriteDatabase:
    """Two engines on one database: ``reads`` and ``writes`` (the same one on PostgreSQL)."""

    def __init__(self, url):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        memory = url in ("sqlite://", "sqlite:///:memory:")
        self.reads = _engine(url, immediate=False)
        # In memory (tests) there is one connection: one engine, used under a lock.
        self.writes = _engine(url, immediate=True) if self.is_sqlite and not memory else self.reads
        # Rate-limit counters need no fsync per hit: losing the last second of counts in a
        # power cut is harmless, and it spares each submission two of its three fsyncs.
        self.counters = (_engine(url, immediate=True, synchronous="NORMAL")
                         if self.is_sqlite and not memory else self.writes)
        self._lock = threading.RLock() if memory else None
        _create_tables(self.writes)

    @contextmanager
    def reading(self):
        with self._locked(), Session(self.reads, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def writing(self):
        """A session committed at the end (and durable once this returns) or rolled back."""
        with self._locked(), Session(self.writes, expire_on_commit=False) as session:
            with session.begin():
                yield session

    @contextmanager
    def counting(self):
        """Like :meth:`writing`, for the rate-limit counters (not fsynced on SQLite)."""
        with self._locked(), Session(self.counters, expire_on_commit=False) as session:
            with session.begin():
                yield session

    @contextmanager
    def _locked(self):
        if self._lock is None:
            yield
        else:
            with self._lock:  # one in-memory connection (tests): one user at a time
                yield

    def events_version(self):
        """A token that changes with every staff change (each writes an event); "" before any."""
        with self.reading() as session:
            last, count = session.execute(select(func.max(NeedEvent.id), func.count(NeedEvent.id))).one()
        return f"e{last}.{count}" if last else ""

    def dispose(self):
        self.reads.dispose()
        for engine in {self.writes, self.counters} - {self.reads}:
            engine.dispose()


def _engine(url, *, immediate, synchronous="FULL"):
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    memory = url in ("sqlite://", "sqlite:///:memory:")
    options = {"connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}}
    if memory:
        options["poolclass"] = StaticPool
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, record):
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below opens transactions
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _create_tables(engine):
    # Several workers start at once: a table another one just created is not an error.
    for attempt in range(3):
        try:
            Base.metadata.create_all(engine)
            return
        except DBAPIError:
            if attempt == 2:
                raise
