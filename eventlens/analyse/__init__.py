"""eventlens.analyse."""
