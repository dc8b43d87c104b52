import re


from tests.conftest import make_app
from web.security import add_nonce, embeddable


def _csp(response):
    return dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))


def test_headers_on_pages_and_json(client):
    for path in ("/", "/healthz", "/nothing"):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert _csp(response)["frame-ancestors"] == "'self'"


def test_inline_scripts_carry_this_responses_nonce(client):
    first, second = client.get("/"), client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", _csp(first)["script-src"]).group(1)
    assert nonce != re.search(r"'nonce-([^']+)'", _csp(second)["script-src"]).group(1)
    html = first.get_data(as_text=True)
    tags = re.findall(r"<(?:script|style)\b[^>]*>", html)
    assert tags and all(f'nonce="{nonce}"' in tag for tag in tags)
    assert "'unsafe-inline'" not in _csp(first)["script-src"]


def test_tile_host_is_allowed_for_images_only_when_tiles_are_on(tiny_dataset):
    app = make_app(tiny_dataset, TILES="https://{s}.tile.example.org/{z}/{x}/{y}.png", TILES_ATTRIBUTION="© Example")
    csp = _csp(app.test_client().get("/"))
    assert csp["img-src"] == "'self' data: https://*.tile.example.org"
    assert "example" not in csp["script-src"]
    assert _csp(make_app(tiny_dataset).test_client().get("/"))["img-src"] == "'self' data:"


def test_embeddable_views_use_embed_ancestors(tiny_dataset):
    app = make_app(tiny_dataset, EMBED_ANCESTORS="https://news.example.kz 'self'")
    app.add_url_rule("/embed/test", "embed_test", embeddable(lambda: "map"))
    response = app.test_client().get("/embed/test")
    assert _csp(response)["frame-ancestors"] == "https://news.example.kz 'self'"
    assert "X-Frame-Options" not in response.headers


def test_add_nonce_leaves_tagged_and_other_tags_alone():
    html = '<script>a</script><script nonce="x">b</script><STYLE>c</STYLE><scripts>'
    assert add_nonce(html, "N") == '<script nonce="N">a</script><script nonce="x">b</script><STYLE nonce="N">c</STYLE><scripts>'
