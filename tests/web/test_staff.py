"""``/staff/``: logins, roles, CSRF, decisions on submissions, edits of needs and their trails.

The app runs on a real data folder (geo's tiny city) with the write store overlaid, so an
accepted or edited need is checked where residents see it: in the reloaded snapshot.
"""

import io

import pandas as pd
import pytest
from sqlalchemy import func, select

from tests.conftest import write_tiny_city
from tests.web._write import (EMAIL, PHONE, add_staff, jpeg_with_gps, login, reference_and_link,
                              staff_token, submit)
from web import create_app
from web.ops.reload import get_reloader
from web.snapshot import get_holder
from web.write import get_db, need_trail
from web.write.models import NeedEvent, NeedRecord, StaffAccount, Submission

HOSTILE = '<script>window.__pwned=1</script>{{7*7}}"><img src=x onerror=alert(1)>'


@pytest.fixture
def city(tmp_path):
    return write_tiny_city(tmp_path / "city")


@pytest.fixture
def app(city, tmp_path):
    app = create_app({"TESTING": True, "TILES": "none", "DATA_DIR": city, "RELOAD_SECONDS": 0,
                      "INSTANCE_DIR": tmp_path / "instance", "SUBMIT_LIMIT": "1000 per hour",
                      "SUBMIT_SESSION_LIMIT": "1000 per hour"})
    add_staff(app, "mod@example.kz", "moderator")
    add_staff(app, "admin@example.kz", "admin")
    return app


@pytest.fixture
def staff(app):
    client = app.test_client()
    assert login(client).status_code == 302
    return client


def pending_id(app, text=None, **fields):
    client = app.test_client()
    response = submit(client, text=text or "The lamp at the school gate is broken", **fields)
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    with get_db(app).reading() as session:
        return session.scalar(select(func.max(Submission.id))), reference_and_link(response)


def counts(app):
    with get_db(app).reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (NeedRecord, NeedEvent, StaffAccount)) + tuple(
            session.scalars(select(Submission.status).order_by(Submission.id)).all())


def served_needs(app):
    assert get_reloader(app).check() in (True, False)
    return get_holder(app).dataset.needs


def test_every_staff_page_is_noindex_and_never_cached(app, staff):
    sid, _ = pending_id(app)
    for url in ("/staff/", f"/staff/submissions/{sid}", "/staff/needs", "/staff/needs/n1", "/staff/audit"):
        response = staff.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store"
        assert "noindex" in response.headers["X-Robots-Tag"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.get_data(as_text=True)
    login_page = app.test_client().get("/staff/")
    assert login_page.headers["Cache-Control"] == "no-store" and "Staff login" in \
        app.test_client().get("/staff/?lang=en").get_data(as_text=True)


def test_the_session_cookie_is_httponly_lax_and_secure_on_https(app):
    client = app.test_client()
    from tests.web._write import csrf_token
    token = csrf_token(client.get("/staff/", base_url="https://localhost").get_data(as_text=True))
    response = client.post("/staff/login", data={"csrf_token": token, "email": "mod@example.kz",
                                                 "password": "a long staff password"},
                           base_url="https://localhost", headers={"Referer": "https://localhost/staff/"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    plain = app.test_client()
    assert "Secure" not in login(plain).headers["Set-Cookie"]


def test_a_wrong_password_is_refused_and_repeated_failures_lock_the_account(app):
    client = app.test_client()
    for _ in range(4):
        assert login(client, password="wrong password!").status_code == 401
    locked = login(client, password="wrong password!")
    assert locked.status_code == 401 and "заблокирована на 15" in locked.get_data(as_text=True)
    right = login(client)  # the right password is refused while the lock holds
    assert right.status_code == 401
    with get_db(app).reading() as session:
        account = session.scalars(select(StaffAccount).where(StaffAccount.email == "mod@example.kz")).one()
    assert account.locked_until is not None
    assert login(app.test_client(), "admin@example.kz").status_code == 302  # others are not locked


def test_the_lock_out_is_in_the_database_so_every_worker_sees_it(app, city, tmp_path):
    client = app.test_client()
    for _ in range(5):
        login(client, password="wrong password!")
    other_worker = create_app({"TESTING": True, "TILES": "none", "DATA_DIR": city, "RELOAD_SECONDS": 0,
                               "INSTANCE_DIR": tmp_path / "instance"})
    assert login(other_worker.test_client()).status_code == 401


@pytest.mark.parametrize("method, url", [
    ("get", "/staff/submissions/{sid}"), ("get", "/staff/submissions/{sid}/photo"),
    ("get", "/staff/needs/n1"), ("get", "/staff/audit"), ("get", "/staff/accounts"),
    ("post", "/staff/submissions/{sid}/accept"), ("post", "/staff/submissions/{sid}/reject"),
    ("post", "/staff/submissions/{sid}/merge"), ("post", "/staff/needs/n1"), ("post", "/staff/accounts"),
])
def test_without_a_login_staff_routes_are_refused_and_nothing_changes(app, method, url):
    sid, _ = pending_id(app, photo=(io.BytesIO(jpeg_with_gps()), "p.jpg"))
    before = counts(app)
    client = app.test_client()
    token = staff_token(client)
    data = {"csrf_token": token, "title_ru": "t", "title_kk": "t", "reason": "no", "need_id": "n1",
            "status": "met", "email": "x@example.kz", "password": "x" * 20, "role": "admin"}
    response = getattr(client, method)(url.format(sid=sid), data=data if method == "post" else None)
    assert response.status_code in ((302,) if method == "get" else (403,))
    if method == "get":
        assert response.headers["Location"].endswith("/staff/")
    assert counts(app) == before


def test_a_moderator_cannot_manage_accounts(app, staff):
    before = counts(app)
    assert staff.get("/staff/accounts").status_code == 403
    response = staff.post("/staff/accounts", data={"csrf_token": staff_token(staff), "email": "new@example.kz",
                                                   "password": "x" * 20, "role": "admin"})
    assert response.status_code == 403 and counts(app) == before


def test_an_admin_adds_an_account(app):
    client = app.test_client()
    login(client, "admin@example.kz")
    response = client.post("/staff/accounts", data={"csrf_token": staff_token(client), "email": "new@example.kz",
                                                    "password": "x" * 20, "role": "moderator"})
    assert response.status_code == 303
    assert login(app.test_client(), "new@example.kz", "x" * 20).status_code == 302


@pytest.mark.parametrize("action, data", [
    ("accept", {"title_ru": "Фонарь", "title_kk": "Шам"}), ("reject", {"reason": "Not the akimat's"}),
    ("merge", {"need_id": "n1"}),
])
def test_a_decision_without_the_csrf_token_is_refused_and_nothing_changes(app, staff, action, data):
    sid, _ = pending_id(app)
    before = counts(app)
    response = staff.post(f"/staff/submissions/{sid}/{action}", data=data)
    assert response.status_code == 400 and counts(app) == before
    edit = staff.post("/staff/needs/n1", data={"status": "met"})
    assert edit.status_code == 400 and counts(app) == before


def test_accepting_makes_an_online_need_on_the_next_cycle_1_meeting_public_at_the_next_reload(app, staff):
    sid, (reference, link) = pending_id(app, contact=EMAIL)
    assert f"online-{reference.lower()}" not in served_needs(app).index
    response = staff.post(f"/staff/submissions/{sid}/accept", data={
        "csrf_token": staff_token(staff), "title_ru": "Починить фонарь", "title_kk": "Шамды жөндеу",
        "category": "lighting"})
    assert response.status_code == 303
    need = served_needs(app).loc[f"online-{reference.lower()}"]
    assert (need["source"], need["status"], need["district_id"], need["cycle"]) == ("online", "open", "b", 1)
    assert need["title_ru"] == "Починить фонарь" and need["supporters"] == 1
    status_page = app.test_client().get("/" + link + "?lang=en").get_data(as_text=True)
    assert "Accepted on" in status_page and f"/needs/online-{reference.lower()}" in status_page
    with get_db(app).reading() as session:
        event = session.scalars(select(NeedEvent).where(NeedEvent.action == "accept")).one()
    assert event.staff_id is not None and event.new == "open"


def test_a_rejection_shows_its_reason_on_the_status_link_and_publishes_nothing(app, staff):
    sid, (_, link) = pending_id(app)
    needs_before = len(served_needs(app))
    staff.post(f"/staff/submissions/{sid}/reject", data={"csrf_token": staff_token(staff),
                                                         "reason": "This yard is private land."})
    page = app.test_client().get("/" + link + "?lang=en").get_data(as_text=True)
    assert "Not accepted on" in page and "This yard is private land." in page
    assert len(served_needs(app)) == needs_before


def test_a_rejection_needs_a_reason(app, staff):
    sid, _ = pending_id(app)
    staff.post(f"/staff/submissions/{sid}/reject", data={"csrf_token": staff_token(staff), "reason": " "})
    with get_db(app).reading() as session:
        assert session.get(Submission, sid).status == "pending"


def test_merging_adds_a_supporter_to_the_existing_need(app, staff):
    before = served_needs(app).loc["n1", "supporters"]
    sid, _ = pending_id(app)
    assert staff.post(f"/staff/submissions/{sid}/merge", data={"csrf_token": staff_token(staff),
                                                               "need_id": "n1"}).status_code == 303
    after = served_needs(app).loc["n1", "supporters"]
    assert (0 if before is None or before is pd.NA else int(before)) + 1 == after
    # a second decision on the same submission is refused
    staff.post(f"/staff/submissions/{sid}/merge", data={"csrf_token": staff_token(staff), "need_id": "n1"})
    assert served_needs(app).loc["n1", "supporters"] == after


def test_edits_of_status_answer_and_works_are_audited_and_the_public_trail_has_no_names(app, staff):
    token = staff_token(staff)
    response = staff.post("/staff/needs/n1", data={"csrf_token": token, "status": "declined",
                                                   "answer_ru": "Нет средств в этом году",
                                                   "answer_kk": "Биыл қаражат жоқ", "work_ids": ""})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    need = served_needs(app).loc["n1"]
    assert need["status"] == "declined" and need["answer_ru"] == "Нет средств в этом году"
    with app.test_request_context("/needs/n1?lang=ru"):
        trail = need_trail("n1")
    assert [e["field"] for e in trail] == ["status", "answer_ru", "answer_kk"]
    page = app.test_client().get("/needs/n1?lang=ru")  # the public page, anonymous
    assert page.status_code == 200
    html = page.get_data(as_text=True).split('class="need-trail-section"', 1)[1].split("</section>")[0]
    assert "Отклонена" in html and "Нет средств в этом году" in html
    assert "mod@example.kz" not in page.get_data(as_text=True)
    events = staff.get("/staff/needs/n1?lang=en").get_data(as_text=True)
    assert "declined" in events and "Нет средств" in events


def test_an_edit_the_loader_would_refuse_is_refused_before_it_is_stored(app, staff):
    before = counts(app)
    declined = staff.post("/staff/needs/n1", data={"csrf_token": staff_token(staff), "status": "declined",
                                                   "answer_ru": "", "answer_kk": ""})
    unknown = staff.post("/staff/needs/n1", data={"csrf_token": staff_token(staff), "work_ids": "no-such-work"})
    assert declined.status_code == unknown.status_code == 400
    assert counts(app) == before


def test_a_re_import_never_overwrites_a_staff_edit_and_is_reported(app, staff, city):
    staff.post("/staff/needs/n1", data={"csrf_token": staff_token(staff), "status": "met"})
    assert served_needs(app).loc["n1", "status"] == "met"
    text = (city / "needs.csv").read_text()
    line = next(row for row in text.splitlines() if row.startswith("n1,"))
    (city / "needs.csv").write_text(text.replace(line, line.replace("roads", "water", 1)))
    assert get_reloader(app).check() is True
    dataset = get_holder(app).dataset
    assert dataset.needs.loc["n1", "status"] == "met"  # the edit is kept
    assert any(p.id == "n1" and "staff edit is kept" in p.message for p in dataset.problems)


def test_hostile_text_is_text_in_the_queue_the_submission_and_the_trail(app, staff):
    sid, (_, link) = pending_id(app, text=HOSTILE, contact=HOSTILE[:150])
    for url in ("/staff/", f"/staff/submissions/{sid}", "/" + link):
        html = staff.get(url).get_data(as_text=True)
        assert "<script>window.__pwned" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html, url
    staff.post(f"/staff/submissions/{sid}/accept", data={"csrf_token": staff_token(staff), "title_ru": HOSTILE,
                                                         "title_kk": HOSTILE})
    staff.post("/staff/needs/n1", data={"csrf_token": staff_token(staff), "status": "declined",
                                        "answer_ru": HOSTILE, "answer_kk": HOSTILE})
    for url in ("/staff/needs/n1", "/staff/audit"):
        html = staff.get(url).get_data(as_text=True)
        assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
    html = app.test_client().get("/needs/n1").get_data(as_text=True)
    trail = html.split('class="need-trail-section"', 1)[1].split("</section>")[0]
    assert "<script>window.__pwned" not in html and "&lt;script&gt;" in trail


def test_the_contact_is_shown_to_staff_only(app, staff):
    sid, (_, link) = pending_id(app, contact=f"{EMAIL} {PHONE}")
    assert EMAIL in staff.get(f"/staff/submissions/{sid}").get_data(as_text=True)
    assert EMAIL not in app.test_client().get("/" + link).get_data(as_text=True)


def test_the_generated_secret_key_is_kept_in_the_instance_folder_for_every_worker(city, tmp_path):
    from web import create_app as build

    config = {"TILES": "none", "DATA_DIR": city, "RELOAD_SECONDS": 0, "INSTANCE_DIR": tmp_path / "shared"}
    first, second = build(dict(config)), build(dict(config))
    key_file = tmp_path / "shared" / "secret_key"
    assert first.secret_key == second.secret_key == key_file.read_text()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
