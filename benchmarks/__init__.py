"""Tooling for benchmarks and load tests, kept out of the runtime package (not in the wheel).

- :mod:`.synthetic`: synthetic but well-formed databases (a million events without a million real articles);
- :mod:`.loadgen`: a bounded load generator for the API.

``scripts/`` and the tests import these from the repository root (``pytest`` puts the root on ``sys.path``, see
``pyproject.toml``); the ``eventlens bench`` command needs none of them (:mod:`eventlens.engines.bench`).
"""
