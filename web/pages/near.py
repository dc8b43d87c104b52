"""Near me."""
