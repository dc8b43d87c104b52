"""Feeds and calendars (placeholder)."""
