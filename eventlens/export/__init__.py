"""eventlens.export."""
