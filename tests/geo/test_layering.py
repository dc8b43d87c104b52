"""geo is a library that knows nothing of the web."""

import ast
from pathlib import Path

GEO = Path(__file__).resolve().parents[2] / "geo"
FORBIDDEN = {"flask", "folium", "web", "werkzeug", "jinja2"}


def test_geo_never_imports_web_packages():
    offenders = []
    for path in GEO.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
