"""eventlens.query."""
