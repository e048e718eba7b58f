"""eventlens.web."""
