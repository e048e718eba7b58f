"""eventlens.store."""
