"""OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) under ``/ogc``.

``handlers`` hold the API logic without Flask; ``views`` is the Flask adapter.
"""
