"""One module per CLI command; each has ``register(app)`` and calls a plain library function."""
