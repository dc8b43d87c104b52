"""Folium map builders: functions that take plain values and return ``folium.Map``
objects, testable without a request. ``base`` holds the app-wide pieces."""
