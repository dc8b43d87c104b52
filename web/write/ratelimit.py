"""A ``limits`` storage over the write database, so every worker counts the same hits.

``limits`` has no SQL backend; this one keeps fixed-window counters in
``okraina_rate_counters`` with one atomic upsert per hit (SQLite and PostgreSQL
both have ``INSERT ... ON CONFLICT ... RETURNING``). It is the default
``RATELIMIT_STORAGE_URI`` (``okraina-db://``); any ``limits`` URI (``redis://``,
``memcached://``) may replace it.
"""

import time

from limits.storage import Storage
from sqlalchemy import case, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from web.write.models import RateCounter

SCHEME = "okraina-db"
_databases = {}  # name -> WriteDatabase: how Flask-Limiter's URI finds the app's database


def register(name, db):
    _databases[name] = db


class DatabaseStorage(Storage):
    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri=None, wrap_exceptions=False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        name = (uri or "").split("://", 1)[-1] or "default"
        self.db = _databases[name]
        self._insert = sqlite_insert if self.db.is_sqlite else pg_insert

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key, expiry, amount=1):
        now = time.time()
        table = RateCounter.__table__
        fresh = self._insert(table).values(key=key, count=amount, expires_at=now + expiry)
        expired = table.c.expires_at <= now
        statement = fresh.on_conflict_do_update(index_elements=[table.c.key], set_={
            "count": case((expired, fresh.excluded.count), else_=table.c.count + fresh.excluded.count),
            "expires_at": case((expired, fresh.excluded.expires_at), else_=table.c.expires_at),
        }).returning(table.c.count)
        with self.db.counting() as session:
            return session.execute(statement).scalar_one()

    def get(self, key):
        with self.db.reading() as session:
            row = session.execute(select(RateCounter.count, RateCounter.expires_at)
                                  .where(RateCounter.key == key)).first()
        return row.count if row is not None and row.expires_at > time.time() else 0

    def get_expiry(self, key):
        with self.db.reading() as session:
            expires = session.scalar(select(RateCounter.expires_at).where(RateCounter.key == key))
        return expires if expires is not None and expires > time.time() else time.time()

    def check(self):
        try:
            with self.db.reading() as session:
                session.execute(select(1))
            return True
        except SQLAlchemyError:
            return False

    def reset(self):
        with self.db.writing() as session:
            return session.execute(delete(RateCounter)).rowcount

    def clear(self, key):
        with self.db.writing() as session:
            session.execute(delete(RateCounter).where(RateCounter.key == key))



def purge_expired_counters(db):
    """Delete the counters of windows that have ended (``okraina staff purge``)."""
    with db.writing() as session:
        return session.execute(delete(RateCounter).where(RateCounter.expires_at <= time.time())).rowcount
