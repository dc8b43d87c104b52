"""``/needs/new`` and the private status page: what is stored, what is refused, what is said."""

import io
import logging

import pytest
from PIL import Image
from sqlalchemy import func, select

from tests.conftest import make_app
from tests.web._write import (OUTSIDE, TINY_POINT, form_token, jpeg_with_gps, reference_and_link,
                              submit)
from web.write import get_db
from web.write.models import Submission


def stored(app):
    with get_db(app).reading() as session:
        return session.scalars(select(Submission).order_by(Submission.id)).all()


@pytest.fixture
def app(tiny_dataset):
    return make_app(tiny_dataset, SUBMIT_LIMIT="1000 per hour", SUBMIT_SESSION_LIMIT="1000 per hour")


def test_the_form_is_in_kazakh_with_a_csrf_token_and_a_honeypot(client):
    response = client.get("/needs/new?lang=kk&lat=49.945&lon=82.615")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Мәселе туралы хабарлау" in html and 'name="csrf_token"' in html
    assert 'name="website"' in html and 'class="honey" aria-hidden="true"' in html
    assert response.headers["Cache-Control"] == "no-store"
    assert 'value="49.945"' in html


def test_a_submission_is_stored_once_and_answered_with_a_reference_and_a_private_link(app, client):
    response = submit(client, contact="+7 700 000 00 00")
    assert response.status_code == 201
    reference, link = reference_and_link(response)
    [row] = stored(app)
    assert (row.reference, row.district_id, row.category, row.status) == (reference, "b", "lighting", "pending")
    assert row.contact == "+7 700 000 00 00" and row.client_ip == "127.0.0.1"
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 32 and token not in row.token_hash  # only its hash is kept
    page = client.get("/" + link)
    assert page.status_code == 200 and reference in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store" and page.headers["Referrer-Policy"] == "no-referrer"
    assert "+7 700" not in page.get_data(as_text=True)  # the status page shows no contact either


def test_a_guessed_status_link_is_404(client):
    submit(client)
    assert client.get("/needs/status/" + "A" * 32).status_code == 404


@pytest.mark.parametrize("fields, message", [
    (OUTSIDE, "outside the city"),
    ({"lat": "", "lon": ""}, "Choose the place"),
    ({"lat": "abc", "lon": "82.6"}, "Choose the place"),
    ({"text": "short"}, "at least 10"),
    ({"text": "x" * 2001}, "at most 2,000"),
    ({"category": "weather"}, "Choose a category"),
    ({"contact": "c" * 201}, "At most 200"),
    ({"website": "http://spam.example"}, "could not be accepted"),
])
def test_bad_input_is_a_400_that_says_why_and_stores_nothing(app, client, fields, message):
    response = submit(client, **fields)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert stored(app) == []


def test_without_the_csrf_token_nothing_is_stored(app, client):
    client.get("/needs/new")
    response = client.post("/needs/new?lang=en", data={"category": "roads", "text": "A long enough text", **TINY_POINT})
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    assert stored(app) == []


def test_the_same_text_twice_in_a_row_is_caught(app, client):
    assert submit(client, text="Please repair the bridge over the creek").status_code == 201
    again = submit(client, text="  please REPAIR the bridge   over the creek ")
    assert again.status_code == 400 and "You have just sent this text" in again.get_data(as_text=True)
    assert submit(client, text="Another need: the bus stop has no roof").status_code == 201
    assert len(stored(app)) == 2


def test_a_photo_is_re_encoded_without_exif_or_gps_and_resized(app, client):
    response = submit(client, photo=(io.BytesIO(jpeg_with_gps()), "IMG_0001.jpg"))
    assert response.status_code == 201
    [row] = stored(app)
    image = Image.open(io.BytesIO(row.photo))
    assert image.format == "JPEG" and max(image.size) == 1600
    assert dict(image.getexif()) == {} and b"PhoneMaker" not in row.photo and b"Exif" not in row.photo


@pytest.mark.parametrize("payload, message", [
    (b"GIF89a not really", "not a readable image"),
    (b"%PDF-1.4 a document", "not a readable image"),
])
def test_a_file_that_is_not_a_photo_is_refused(app, client, payload, message):
    response = submit(client, photo=(io.BytesIO(payload), "x.jpg"))
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert stored(app) == []


def test_a_photo_over_the_limit_is_refused(tiny_dataset):
    app = make_app(tiny_dataset, PHOTO_MAX_BYTES=20_000)
    client = app.test_client()
    response = submit(client, photo=(io.BytesIO(jpeg_with_gps((3000, 3000)) + b"\0" * 30_000), "big.jpg"))
    assert response.status_code in (400, 413)
    assert stored(app) == []


def test_a_burst_above_the_limit_gets_429_while_another_address_is_served(tiny_dataset, caplog):
    caplog.set_level(logging.DEBUG)
    app = make_app(tiny_dataset, SUBMIT_LIMIT="3 per hour", SUBMIT_SESSION_LIMIT="100 per hour")
    client = app.test_client()
    codes = [submit(client, text=f"Need number {i} of a burst").status_code for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    refused = submit(client, text="Need number 9 of a burst")
    assert "Too many attempts" in refused.get_data(as_text=True)
    other = app.test_client()
    token = form_token(other)
    served = other.post("/needs/new", data={"csrf_token": token, "category": "roads", "text": "From elsewhere, a pothole",
                                            **TINY_POINT}, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert served.status_code == 201
    assert other.get("/").status_code == 200
    with get_db(app).reading() as session:
        assert session.scalar(select(func.count(Submission.id))) == 4
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "exceeded" in logged and "127.0.0.1" not in logged  # the breach is logged, the address not


def test_the_session_limit_holds_across_addresses(tiny_dataset):
    app = make_app(tiny_dataset, SUBMIT_LIMIT="100 per hour", SUBMIT_SESSION_LIMIT="2 per hour")
    client = app.test_client()
    codes = [submit(client, text=f"Session need {i} here", ).status_code for i in range(2)]
    token = form_token(client)
    third = client.post("/needs/new?lang=en", data={"csrf_token": token, "category": "roads", "text": "Session need 3 here",
                                            **TINY_POINT}, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert codes == [201, 201] and third.status_code == 429


def test_the_client_address_comes_from_x_forwarded_for_only_when_trusted(tiny_dataset):
    for trust, expected in ((0, "127.0.0.1"), (1, "203.0.113.7")):
        app = make_app(tiny_dataset, TRUST_PROXY=trust)
        client = app.test_client()
        token = form_token(client)
        client.post("/needs/new?lang=en", data={"csrf_token": token, "category": "roads", "text": "Behind a proxy, a need",
                                        **TINY_POINT}, headers={"X-Forwarded-For": "203.0.113.7"})
        assert [row.client_ip for row in stored(app)] == [expected]


def test_hostile_text_stays_text_on_the_status_page(app, client):
    payload = '<script>window.__pwned=1</script>{{7*7}}"><img src=x onerror=alert(1)>'
    response = submit(client, text=payload)
    _, link = reference_and_link(response)
    html = client.get("/" + link).get_data(as_text=True)
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;{{7*7}}" in html
