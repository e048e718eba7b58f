"""Helpers shared by the tests (fixtures stay in tests/conftest.py).

- :mod:`.store`: records built by hand (a wire story, its edited copies, new versions), no model needed;
- :mod:`.strategies`: Hypothesis strategies for whole records with valid offsets;
- :mod:`.web`: the sample and synthetic databases for the web tests, and chromium for the browser tests;
- :mod:`.http_server`: the local web server behind the ``http_server`` fixture.
"""
