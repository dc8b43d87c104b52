import pytest
from flask import request

from web.params import parse_years


@pytest.fixture
def app(app):
    def years():
        return {"years": parse_years(request.args.get("year"))}

    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    for path in ("/api/years", "/years", "/ogc/years"):
        app.add_url_rule(path, path, years)
    app.add_url_rule("/api/boom", "api_boom", boom)
    app.add_url_rule("/boom", "boom", boom)
    return app


def test_query_error_is_json_400_under_api(client):
    response = client.get("/api/years?year=2024-2022")
    assert response.status_code == 400
    assert response.is_json
    assert response.json == {"code": 400, "description": "year: the range 2024-2022 is reversed"}


def test_query_error_is_a_translated_page_elsewhere(client):
    response = client.get("/years?year=abc&lang=kk")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "Қате сұрау" in text and "year: 2023 сияқты жыл" in text


def test_not_found_json_and_html(client):
    api = client.get("/api/nothing")
    assert api.status_code == 404 and api.json["code"] == 404 and api.json["description"]
    page = client.get("/nothing", headers={"Accept-Language": "ru"})
    assert page.status_code == 404
    assert "Страница не найдена" in page.get_data(as_text=True)
    assert client.get("/nothing?lang=en").get_data(as_text=True).count("Page not found") >= 1


def test_ogc_answers_json_unless_html_is_asked_for(client):
    assert client.get("/ogc/years?year=x").is_json
    assert client.get("/ogc/years?year=x", headers={"Accept": "application/json"}).is_json
    html = client.get("/ogc/years?year=x", headers={"Accept": "text/html,application/xhtml+xml"})
    assert html.status_code == 400 and html.mimetype == "text/html"
    assert client.get("/ogc/years?year=x&f=html").mimetype == "text/html"


def test_method_not_allowed_keeps_allow_header(client):
    response = client.post("/healthz")
    assert response.status_code == 405 and response.is_json
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("path", ["/api/boom", "/boom"])
def test_unexpected_error_is_500_without_traceback(client, path):
    response = client.get(path)
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "secret internals" not in text
    assert response.is_json == path.startswith("/api/")


def test_json_error_body_is_utf8(client):
    response = client.get("/api/years?year=２０２３")
    assert "２０２３" in response.get_data(as_text=True)
