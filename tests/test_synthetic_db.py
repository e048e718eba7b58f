"""The synthetic benchmark database is one the product would write (#16): it passes ``eventlens check`` (every
article has its MinHash signature, computed as the ingest flow does, and the row counts it was written with), so
benchmarks measure the real shape of a store."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from benchmarks.synthetic import SyntheticSpec, build
from eventlens.analyse.dedup import signature, to_bytes
from eventlens.cli import app
from eventlens.store import Store
from eventlens.store.check import check_database


def test_synthetic_database_passes_check(tmp_path: Path) -> None:
    db = tmp_path / "synthetic.duckdb"
    counts = build(db, SyntheticSpec(events=600, events_per_article=6, articles_per_story=10, copy_share=0.1, seed=3))
    assert counts["articles"] == 100 and counts["duplicates"] > 0
    report = check_database(db)
    assert report.ok, report.problems
    result = CliRunner().invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT a.text, m.hashvalues, a.row_counts, a.features FROM articles a "
            "JOIN minhashes m ON m.article_id = a.id ORDER BY a.seq LIMIT 5"
        ).fetchall()
        sizes = store.con.execute("SELECT sum(n_articles), sum(n_copies) FROM stories").fetchone()
    assert [bytes(data) for _, data, _, _ in rows] == [to_bytes(signature(text)) for text, _, _, _ in rows]
    assert all(row_counts and features for _, _, row_counts, features in rows)
    assert sizes == (counts["articles"] - counts["duplicates"], counts["duplicates"])
