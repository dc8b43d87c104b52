"""The write store as the needs overlay of the snapshot (see ``geo.stores.overlay``)."""

from sqlalchemy import select

from geo.stores.overlay import NeedsOverlay
from web.write.models import NeedRecord


class DatabaseNeedsOverlay(NeedsOverlay):
    def __init__(self, db):
        self.db = db

    def version(self):
        return self.db.events_version()

    def rows(self):
        with self.db.reading() as session:
            records = session.scalars(select(NeedRecord).order_by(NeedRecord.id)).all()
        return [{"fields": r.fields, "base_fingerprint": r.base_fingerprint} for r in records]
