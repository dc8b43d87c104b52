"""Helpers of the write-path tests: a CSRF token from a page, a submission, a staff login."""

import io
import re

from PIL import Image

# A point inside district "b" of geo's tiny city (tests/geo/tiny.py).
TINY_POINT = {"lat": "49.945", "lon": "82.615"}
OUTSIDE = {"lat": "43.238", "lon": "76.945"}  # Almaty
PASSWORD = "a long staff password"
EMAIL = "resident.secret@example.kz"
PHONE = "+7 777 123 45 67"

_TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


def csrf_token(html):
    return _TOKEN.search(html).group(1)


def form_token(client, path="/needs/new"):
    return csrf_token(client.get(path).get_data(as_text=True))


def submit(client, text="The street lamp at the corner is broken for weeks", token=None, **fields):
    """POST the form (a fresh CSRF token unless given); returns the response."""
    data = {"csrf_token": token or form_token(client), "category": "lighting", "text": text,
            "contact": "", "website": "", **TINY_POINT, **fields}
    return client.post("/needs/new?lang=en", data=data, content_type="multipart/form-data")


def reference_and_link(response):
    html = response.get_data(as_text=True)
    link = re.search(r'id="status-link" href="([^"]+)"', html).group(1)
    return response.headers["X-Okraina-Reference"], link.split("://", 1)[1].split("/", 1)[1]


def jpeg_with_gps(size=(2400, 1800)):
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (49.0, 56.0, 42.0), 3: "E", 4: (82.0, 36.0, 54.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def add_staff(app, email="mod@example.kz", role="moderator"):
    from web.write import get_db
    from web.write.accounts import add_staff as add

    return add(get_db(app), email, PASSWORD, role)


def login(client, email="mod@example.kz", password=PASSWORD):
    token = csrf_token(client.get("/staff/").get_data(as_text=True))
    return client.post("/staff/login", data={"csrf_token": token, "email": email, "password": password})


def staff_token(client):
    return csrf_token(client.get("/staff/").get_data(as_text=True))
