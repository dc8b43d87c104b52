"""Staff decisions on submissions and edits of needs, each written with its audit events.

A need touched here gets a :class:`NeedRecord`, its whole ``needs.csv`` row, which
overlays the imported row at the next snapshot load (``geo.stores.overlay``).
Every change is checked with the loader's own rules before it is committed, so
an edit can never make the next reload fail.
"""

from datetime import date

import pandas as pd
from sqlalchemy import select

from geo import vocab
from geo.load_needs import NEED_COLUMNS, need_as_text, validate_needs
from geo.problems import ProblemLog
from geo.stores.overlay import need_fingerprint
from web.write.models import NeedEvent, NeedRecord, Submission, utcnow

EDITABLE = ("status", "answer_ru", "answer_kk", "work_ids")
PUBLIC_FIELDS = ("status", "answer_ru", "answer_kk")  # the need page's trail; never who


class EditRefused(ValueError):
    """A decision or edit that cannot be made; the message says why (for staff)."""


def pending(db, limit=200):
    """Submissions waiting for a decision, oldest first."""
    with db.reading() as session:
        return session.scalars(select(Submission).where(Submission.status == "pending")
                               .order_by(Submission.created_at, Submission.id).limit(limit)).all()


def get_submission(db, submission_id):
    with db.reading() as session:
        return session.get(Submission, submission_id)


def next_cycle1(meetings, district_id, today):
    """``(year, 1)`` of the district's next cycle-1 meeting on or after ``today``; with none
    planned, this year's if its cycle-1 meeting is still to come, else next year's."""
    mine = meetings[(meetings["district_id"] == district_id) & (meetings["cycle"] == 1)]
    upcoming = mine[mine["date"] >= pd.Timestamp(today)]
    if len(upcoming):
        return int(upcoming.sort_values("date").iloc[0]["year"]), 1
    held_this_year = (mine["year"] == today.year).any()
    return (today.year + 1 if held_this_year else today.year), 1


def accept(db, dataset, submission_id, staff_id, *, title_ru, title_kk, title_en="", category=None,
           today=None):
    """Make a pending submission a need with source ``online``; return the need id."""
    today = today or date.today()
    with db.writing() as session:
        submission = _pending(session, submission_id)
        need_id = f"online-{submission.reference.lower()}"
        year, cycle = next_cycle1(dataset.meetings, submission.district_id, today)
        fields = dict.fromkeys(NEED_COLUMNS, "")
        fields.update(
            id=need_id, district_id=submission.district_id, year=str(year), cycle=str(cycle),
            raised_on=f"{submission.created_at:%Y-%m-%d}", title_ru=title_ru.strip(),
            title_kk=title_kk.strip(), title_en=(title_en or "").strip(),
            category=category or submission.category, status="open", status_on=f"{today:%Y-%m-%d}",
            lon=f"{submission.lon:.6f}", lat=f"{submission.lat:.6f}", source="online", supporters="1")
        _check_row(dataset, fields)
        session.add(NeedRecord(id=need_id, fields=fields, base_fingerprint=None))
        _decide(session, submission, "accepted", staff_id, need_id=need_id)
        session.add(NeedEvent(staff_id=staff_id, need_id=need_id, submission_id=submission.id,
                              action="accept", field="status", old=None, new="open", public=True))
    return need_id


def reject(db, submission_id, staff_id, reason):
    """Refuse a submission with a reason the resident reads on the status link."""
    reason = (reason or "").strip()
    if not reason:
        raise EditRefused("give the reason the resident will read")
    with db.writing() as session:
        submission = _pending(session, submission_id)
        _decide(session, submission, "rejected", staff_id, reason=reason)
        session.add(NeedEvent(staff_id=staff_id, submission_id=submission.id, action="reject",
                              field="status", old="pending", new="rejected"))


def merge(db, dataset, submission_id, staff_id, need_id):
    """Count a submission as one more supporter of an existing need."""
    with db.writing() as session:
        submission = _pending(session, submission_id)
        record = _record_for_update(session, dataset, need_id)
        fields = dict(record.fields)
        old = fields.get("supporters") or ""
        fields["supporters"] = str(int(old or 0) + 1)
        _check_row(dataset, fields)
        record.fields, record.updated_at = fields, utcnow()
        _decide(session, submission, "merged", staff_id, need_id=need_id)
        session.add(NeedEvent(staff_id=staff_id, need_id=need_id, submission_id=submission.id,
                              action="merge", field="supporters", old=old, new=fields["supporters"]))


def edit_need(db, dataset, need_id, staff_id, changes, today=None):
    """Change a need's status, answers or works; return the fields that changed.

    A new status also sets ``status_on`` to ``today``; the loader's rules apply
    (a declined need needs an answer, works must exist).
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise EditRefused(f"cannot edit {', '.join(sorted(unknown))}")
    today = today or date.today()
    with db.writing() as session:
        record = _record_for_update(session, dataset, need_id)
        fields = dict(record.fields)
        changed = {k: (fields.get(k) or "", " ".join(v.split()) if k == "work_ids" else v.strip())
                   for k, v in changes.items()}
        changed = {k: (old, new) for k, (old, new) in changed.items() if old != new}
        if not changed:
            return {}
        _check_works(dataset, changed)
        fields.update({k: new for k, (_, new) in changed.items()})
        if "status" in changed:
            fields["status_on"] = f"{today:%Y-%m-%d}"
        _check_row(dataset, fields)
        record.fields, record.updated_at = fields, utcnow()
        for field, (old, new) in changed.items():
            session.add(NeedEvent(staff_id=staff_id, need_id=need_id, action="edit", field=field,
                                  old=old or None, new=new or None, public=field in PUBLIC_FIELDS))
    return changed


def need_fields(db, dataset, need_id):
    """The need's current ``needs.csv`` text: the staff-held row, else the snapshot's."""
    with db.reading() as session:
        record = session.get(NeedRecord, need_id)
        if record is not None:
            return dict(record.fields)
    if need_id in dataset.needs.index:
        return need_as_text(dataset.needs.loc[need_id])
    return None


def public_trail(db, need_id):
    """The need's public history, oldest first: ``[{"on": date, "field", "value"}]``.

    Status changes and answers only, with their dates; never who made them.
    """
    with db.reading() as session:
        events = session.scalars(select(NeedEvent).where(
            NeedEvent.need_id == need_id, NeedEvent.public.is_(True)).order_by(NeedEvent.id)).all()
    return [{"on": e.at.date(), "field": e.field, "value": e.new} for e in events]


def audit_trail(db, need_id=None, limit=200):
    """Every event (staff screens), newest first."""
    query = select(NeedEvent).order_by(NeedEvent.id.desc()).limit(limit)
    if need_id is not None:
        query = query.where(NeedEvent.need_id == need_id)
    with db.reading() as session:
        return session.scalars(query).all()


def _pending(session, submission_id):
    submission = session.get(Submission, submission_id, with_for_update=True)
    if submission is None:
        raise EditRefused("no such submission")
    if submission.status != "pending":
        raise EditRefused(f"this submission was already {submission.status}")
    return submission


def _decide(session, submission, status, staff_id, *, need_id=None, reason=None):
    submission.status, submission.decided_at, submission.decided_by = status, utcnow(), staff_id
    submission.need_id, submission.reason = need_id, reason


def _record_for_update(session, dataset, need_id):
    record = session.get(NeedRecord, need_id, with_for_update=True)
    if record is not None:
        return record
    if need_id not in dataset.needs.index:
        raise EditRefused(f"no need '{need_id}'")
    fields = need_as_text(dataset.needs.loc[need_id])
    record = NeedRecord(id=need_id, fields=fields, base_fingerprint=need_fingerprint(fields))
    session.add(record)
    return record


def _check_works(dataset, changed):
    if "work_ids" in changed:
        missing = [w for w in changed["work_ids"][1].split() if w not in dataset.works.index]
        if missing:
            raise EditRefused(f"no work {', '.join(missing)}")
    if "status" in changed and changed["status"][1] not in vocab.NEED_STATUSES:
        raise EditRefused(f"unknown status {changed['status'][1]!r}")


def _check_row(dataset, fields):
    log = ProblemLog()
    frame = pd.DataFrame([{k: (fields.get(k) or None) for k in NEED_COLUMNS}], dtype=object)
    validate_needs(frame, "need", log, dataset.districts.index)
    errors = [p.message for p in log.problems if p.level == "error"]
    if errors:
        raise EditRefused("; ".join(errors))
