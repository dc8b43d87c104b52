"""The write path's tables: submissions, staff accounts, staff-held needs and their trail.

Created with ``create_all`` on first use (no migrations yet: a column added later
needs a hand-written ``ALTER TABLE``, see docs/DEPLOYMENT.md). Table names carry the
``okraina_`` prefix so they sit beside the imported data in one PostGIS database.
"""

from datetime import datetime, timezone

from sqlalchemy import (JSON, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text,
                        TypeDecorator)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator):
    """Timestamps stored naive in UTC and returned aware (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=timezone.utc) if value is not None else None


def utcnow():
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Submission(Base):
    """A need raised online, waiting for moderation (status ``pending``) or decided."""

    __tablename__ = "okraina_submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # the status link's token, hashed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    lang: Mapped[str] = mapped_column(String(2))
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    district_id: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # Personal data: staff screens only, purged after the retention period.
    contact: Mapped[str | None] = mapped_column(Text, nullable=True)
    client_ip: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    session_key: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # shown to the resident
    need_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("okraina_staff.id"), nullable=True)
    personal_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class StaffAccount(Base):
    __tablename__ = "okraina_staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(12))  # moderator | admin
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class NeedRecord(Base):
    """A need whose home is this database: created online, or edited by staff."""

    __tablename__ = "okraina_need_records"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    fields: Mapped[dict] = mapped_column(JSON)  # the needs.csv columns as text
    base_fingerprint: Mapped[str | None] = mapped_column(String(16), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NeedEvent(Base):
    """The audit trail: who changed what on which need (or submission), from what, to what."""

    __tablename__ = "okraina_need_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("okraina_staff.id"), nullable=True)
    need_id: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("okraina_submissions.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(20))  # accept, reject, merge, status, answer, works, ...
    field: Mapped[str | None] = mapped_column(String(30), nullable=True)
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)
    public: Mapped[bool] = mapped_column(default=False)  # shown in the need page's trail


class RateCounter(Base):
    """Fixed-window counters of the rate limits, shared by every worker (web.write.ratelimit)."""

    __tablename__ = "okraina_rate_counters"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float, index=True)  # epoch seconds
