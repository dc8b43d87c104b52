"""Security headers on every route (and on its errors): a strict CSP, nosniff, framing.

The browser side (every HTML page loads with zero CSP violations) is in
``test_injection_browser.py``, whose pages record ``securitypolicyviolation``.
"""

import re

import pytest

from tests.conftest import make_app
from tests.hostile.routes import EMBED_RULES, sample_urls

TILES = "https://{s}.tiles.example.kz/{z}/{x}/{y}.png"
ANCESTORS = "https://news.example.kz https://*.tengrinews.kz"


def policy(response):
    """The CSP as ``{directive: [sources]}``."""
    header = response.headers.get("Content-Security-Policy", "")
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {d[0]: d[1:] for d in directives}


@pytest.fixture(scope="module")
def app_with_tiles(hostile_dataset):
    return make_app(hostile_dataset, TILES=TILES, TILES_ATTRIBUTION="© Example tiles",
                    EMBED_ANCESTORS=ANCESTORS)


STRICT_ENOUGH = ("strict-origin-when-cross-origin", "same-origin", "no-referrer")


def header_problems(rule, url, response):
    csp = policy(response)
    problems = []
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no nosniff")
    # the write path's private pages send a stricter one (same-origin, no-referrer)
    if response.headers.get("Referrer-Policy") not in STRICT_ENOUGH:
        problems.append("Referrer-Policy")
    if csp.get("default-src") != ["'self'"] or csp.get("object-src") != ["'none'"] \
            or csp.get("base-uri") != ["'self'"]:
        problems.append(f"default/object/base: {csp}")
    scripts = csp.get("script-src", [])
    if scripts[:1] != ["'self'"] or any(not s.startswith("'nonce-") for s in scripts[1:]):
        problems.append(f"script-src {scripts}")  # no host, no 'unsafe-inline', no 'unsafe-eval'
    if csp.get("img-src") != ["'self'", "data:", "https://*.tiles.example.kz"]:
        problems.append(f"img-src {csp.get('img-src')}")
    if csp.get("connect-src") != ["'self'"]:
        problems.append(f"connect-src {csp.get('connect-src')}")
    ancestors = ANCESTORS.split() if rule in EMBED_RULES else ["'self'"]
    if csp.get("frame-ancestors") != ancestors:
        problems.append(f"frame-ancestors {csp.get('frame-ancestors')}")
    if rule not in EMBED_RULES and response.headers.get("X-Frame-Options") != "SAMEORIGIN":
        problems.append("X-Frame-Options")
    return [f"{url[:100]}: {p}" for p in problems]


def test_every_route_sends_the_security_headers(app_with_tiles, hostile_dataset):
    client = app_with_tiles.test_client()
    problems = []
    for rule, url in sample_urls(app_with_tiles, hostile_dataset):
        problems += header_problems(rule, url, client.get(url))
    assert problems == []


@pytest.mark.parametrize("url", ["/nowhere", "/api/works?limit=0", "/planner?year=x",
                                 "/embed/map?year=x", "/api/works/nothing"])
def test_errors_send_them_too(app_with_tiles, url):
    response = app_with_tiles.test_client().get(url)
    assert response.status_code in (400, 404)
    rule = "/embed/map" if url.startswith("/embed/map") else url
    assert header_problems(rule, url, response) == []


def test_a_page_nonce_is_new_each_time_and_every_inline_tag_has_it(hostile_client):
    nonces = set()
    for _ in range(2):
        response = hostile_client.get("/planner?lang=en")
        nonce = policy(response)["script-src"][1].removeprefix("'nonce-").rstrip("'")
        tags = re.findall(r"<(?:script|style)\b[^>]*>", response.get_data(as_text=True))
        inline = [t for t in tags if " src=" not in t]
        assert inline and all(f'nonce="{nonce}"' in t for t in inline), inline
        nonces.add(nonce)
    assert len(nonces) == 2


def test_without_tiles_no_image_host_is_allowed(hostile_client):
    assert policy(hostile_client.get("/"))["img-src"] == ["'self'", "data:"]
