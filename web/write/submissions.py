"""Residents' submissions: store one durably, catch a repeat, find one by its private token."""

import hashlib
import re
import secrets

from sqlalchemy import select

from web.write.models import Submission

_REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: read aloud, typed back


class DuplicateText(Exception):
    """The same text was just sent from the same session or address."""


def text_hash(text):
    """Equal for texts that differ only in case and spacing."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode()).hexdigest()


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_reference():
    letters = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def submit(db, *, place, category, text, lang, photo=None, contact=None, client_ip=None,
           session_key=None):
    """Store a submission; return ``(reference, token)`` once it is committed.

    ``place`` is ``(lon, lat, district_id)``. The token is the status link's secret:
    only its hash is stored. Raises :class:`DuplicateText` when the last submission
    from this session or this address had the same text.
    """
    lon, lat, district_id = place
    digest = text_hash(text)
    token = secrets.token_urlsafe(24)
    with db.writing() as session:
        if _repeats_last(session, digest, client_ip, session_key):
            raise DuplicateText()
        submission = Submission(
            reference=new_reference(), token_hash=token_hash(token), lang=lang, lon=lon, lat=lat,
            district_id=district_id, category=category, text=text, text_hash=digest, photo=photo,
            contact=contact or None, client_ip=client_ip, session_key=session_key)
        session.add(submission)
    return submission.reference, token


def _repeats_last(session, digest, client_ip, session_key):
    senders = [c for c in (Submission.client_ip == client_ip if client_ip else None,
                           Submission.session_key == session_key if session_key else None)
               if c is not None]
    if not senders:
        return False
    for sender in senders:
        last = session.scalars(select(Submission.text_hash).where(sender)
                               .order_by(Submission.id.desc()).limit(1)).first()
        if last == digest:
            return True
    return False


def find_by_token(db, token):
    """The submission whose status link carries ``token``, or None."""
    if not token or not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", token):
        return None
    with db.reading() as session:
        return session.scalars(select(Submission).where(Submission.token_hash == token_hash(token))).first()




def purge_personal_data(db, retention_days, now=None):
    """Delete contact, address and session of submissions done with for ``retention_days``.

    Done with: rejected or merged (since the decision), accepted and the need since
    met or closed (since its ``status_on``). Returns how many submissions were purged.
    """
    from datetime import timedelta

    from geo import vocab
    from web.write.models import NeedRecord, utcnow

    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    purged = 0
    with db.writing() as session:
        candidates = session.scalars(select(Submission).where(
            Submission.personal_purged_at.is_(None), Submission.status != "pending")).all()
        for submission in candidates:
            done_at = submission.decided_at
            if submission.status == "accepted":
                record = session.get(NeedRecord, submission.need_id)
                fields = record.fields if record is not None else {}
                if vocab.need_status_type(fields.get("status")) not in ("met", "closed"):
                    continue
                done_at = _day_end(fields.get("status_on"))
            if done_at is not None and done_at <= cutoff:
                submission.contact = submission.client_ip = submission.session_key = None
                submission.personal_purged_at = utcnow()
                purged += 1
    return purged


def _day_end(iso_day):
    from datetime import datetime, timezone

    try:
        return datetime.fromisoformat(iso_day).replace(hour=23, minute=59, tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None
