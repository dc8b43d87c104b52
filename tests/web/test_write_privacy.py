"""Privacy: a submission's e-mail, phone and address appear in no public response and no log line.

The submission is accepted (so its need is public), then every public route's samples
(tests/hostile/routes.py: pages, API, feeds, downloads, OGC) are fetched, in three
languages where they are pages, and the app's log is read.
"""

import logging

import pytest

from tests.conftest import write_tiny_city
from tests.hostile.routes import sample_urls
from tests.web._write import EMAIL, PHONE, add_staff, login, reference_and_link, staff_token, submit
from web import create_app
from web.ops.reload import get_reloader
from web.snapshot import get_holder

ADDRESS = "203.0.113.77"
SECRETS = (EMAIL, PHONE, PHONE.replace(" ", ""), ADDRESS)


@pytest.fixture
def accepted(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    app = create_app({"TESTING": True, "TILES": "none", "DATA_DIR": write_tiny_city(tmp_path / "city"),
                      "RELOAD_SECONDS": 0, "INSTANCE_DIR": tmp_path / "instance", "TRUST_PROXY": 1})
    add_staff(app)
    resident = app.test_client()
    headers = {"X-Forwarded-For": ADDRESS}
    from tests.web._write import csrf_token, TINY_POINT
    token = csrf_token(resident.get("/needs/new", headers=headers).get_data(as_text=True))
    response = resident.post("/needs/new?lang=en", headers=headers, data={
        "csrf_token": token, "category": "roads", "text": "Potholes on the road to the school",
        "contact": f"{EMAIL}, {PHONE}", **TINY_POINT})
    assert response.status_code == 201
    reference, link = reference_and_link(response)
    staff = app.test_client()
    login(staff)
    staff.post("/staff/submissions/1/accept", data={"csrf_token": staff_token(staff),
                                                    "title_ru": "Ямы на дороге к школе",
                                                    "title_kk": "Мектепке баратын жолдағы шұңқырлар"})
    assert get_reloader(app).check() is True
    assert f"online-{reference.lower()}" in get_holder(app).dataset.needs.index
    return app, link


def test_no_public_route_download_feed_or_ogc_answer_carries_the_contact(accepted, caplog):
    app, link = accepted
    client = app.test_client()
    dataset = get_holder(app).dataset
    leaks, fetched = [], 0
    for rule, url in sample_urls(app, dataset):
        if rule.startswith("/staff"):
            continue
        for variant in (url, url + ("&" if "?" in url else "?") + "lang=kk"):
            response = client.get(variant, headers={"X-Forwarded-For": ADDRESS})
            fetched += 1
            body = response.get_data()
            leaks += [f"{variant}: {secret}" for secret in SECRETS if secret.encode() in body]
    # the resident's own status page and its 404s are private but carry no contact either
    for url in ("/" + link, "/needs/status/" + "x" * 40):
        body = client.get(url).get_data()
        leaks += [f"{url}: {secret}" for secret in SECRETS if secret.encode() in body]
    assert fetched > 40 and leaks == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not [secret for secret in SECRETS if secret in logged]


def test_purging_removes_the_contact_and_address_after_the_retention_period(accepted):
    from datetime import timedelta

    from web.write import get_db
    from web.write.models import Submission, utcnow
    from web.write.submissions import purge_personal_data

    app, _ = accepted
    db = get_db(app)
    assert purge_personal_data(db, 365) == 0  # the need is open: its contact is kept
    staff = app.test_client()
    login(staff)
    with db.reading() as session:
        need_id = session.get(Submission, 1).need_id
    staff.post(f"/staff/needs/{need_id}", data={"csrf_token": staff_token(staff), "status": "met"})
    assert purge_personal_data(db, 365) == 0  # met today: kept for a year
    assert purge_personal_data(db, 365, now=utcnow() + timedelta(days=366)) == 1
    with db.reading() as session:
        row = session.get(Submission, 1)
    assert (row.contact, row.client_ip, row.session_key) == (None, None, None)
    assert row.text and row.personal_purged_at is not None
