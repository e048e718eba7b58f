"""Scoring eventlens against hand-coded gold: PLOVER-style gold sentences and whole annotated articles.

- ``plover_sentences``: one event per gold sentence, in the shape of the OEDA's ``PLOVER_GSR_CAMEO.json``.
- ``gold``: eventlens's own article gold format (docs/gold-format.md): reading and validating it.
"""
