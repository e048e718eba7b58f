"""Extraction engines: the same :class:`~eventlens.extract.Extractor` run over many articles.

- :mod:`.local`: this process or a pool of worker processes on this machine (``extract``, ``ingest``);
- :mod:`.ray`: Ray Data, on this machine or a cluster, records written as Parquet (``extract --engine ray``);
- :mod:`.bench`: what ``eventlens bench`` measures (bare spaCy, one worker, all workers).

Nothing is imported here, so that importing one engine never loads another's dependencies (Ray is optional).
"""
