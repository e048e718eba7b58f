"""Syndicated copies: near-duplicate articles found with MinHash LSH over 5-word shingles (datasketch).

A wire story reprinted by many outlets arrives with a new headline, a byline, a paragraph cut or added. Counting its
events once per copy is GDELT's best-known flaw (one kidnapping counted hundreds of times), so eventlens links each
copy to its first appearance and counts only the original.

How similar is "a copy"? Articles are cut into overlapping 5-word shingles (lower-cased words), and two articles are
compared by the Jaccard index of their shingle sets, estimated from 128-permutation MinHash signatures. Lightly edited
wire copies score about 0.75 (tests/test_dedup_copies.py builds them: changed headline, a paragraph cut, another
byline); two different articles on the same event share well under 0.1 (5-word runs of identical words are rare
outside copying). :data:`THRESHOLD` = 0.5 sits between the two with room for heavier edits. The LSH index only
proposes candidates; each candidate's estimated Jaccard is then checked against the threshold.

Signatures are datasketch's ``MinHash(num_perm=128, seed=1)`` with its ``affine32`` scheme (the signatures stored by
earlier releases, which used datasketch, are read back as they are), computed here with numpy alone: importing
datasketch imports SciPy (about 60 MB) into the ingest process, for an integral its LSH evaluates once to choose 25
bands of 5 rows (:data:`BANDS`, :data:`ROWS`). The index holds the signatures of the stored originals as one
numpy array (0.7 KB an article; datasketch's index held some 10 KB, an object per band and a permutation table per
signature).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

#: Estimated Jaccard similarity of 5-word shingles at or above which an article is a copy of an earlier one.
THRESHOLD = 0.5
#: Words per shingle.
SHINGLE_WORDS = 5
#: MinHash permutations: the estimate's standard error is about sqrt(J(1-J)/128) ≈ 0.04 near the threshold.
NUM_PERM = 128
#: Fixed seed: signatures stored in a database must stay comparable across runs and versions.
SEED = 1
#: LSH bands and rows per band: what datasketch's ``MinHashLSH(threshold=0.5, num_perm=128)`` chooses (it minimises
#: the false positive and negative rates at the threshold, equal weights). Two signatures equal on all the rows of
#: some band are candidates; the last 128 - 125 values are in no band.
BANDS, ROWS = 25, 5

#: A MinHash signature: the smallest permuted hash of the shingles, one uint32 per permutation.
Signature = NDArray[np.uint32]

_WORD = re.compile(r"\w+", re.UNICODE)
_EMPTY = np.uint32(0xFFFFFFFF)  # a signature value no shingle lowered (an empty text's signature is all this)
_U32 = np.uint32


@cache
def _permutations() -> tuple[Signature, Signature]:
    """datasketch's affine32 permutations ``h → a·h + b mod 2^32`` for :data:`SEED` (``a`` odd)."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


@cache
def _band_weights() -> NDArray[np.uint64]:
    """Odd 64-bit multipliers that fold a band's :data:`ROWS` values into one key."""
    return np.random.RandomState(SEED).randint(0, 1 << 62, ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def _fmix32(h: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """MurmurHash3's 32-bit finalizer (datasketch mixes each shingle's hash with it before permuting)."""
    h = h ^ (h >> _U32(16))
    h = h * _U32(0x85EBCA6B)
    h = h ^ (h >> _U32(13))
    h = h * _U32(0xC2B2AE35)
    return h ^ (h >> _U32(16))


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``k``-word shingles of ``text`` (lower-cased words; a shorter text is one shingle)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """The exact Jaccard index of two sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``'s shingles (the values datasketch gives, see the module docstring)."""
    found = shingles(text)
    if not found:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    # datasketch's sha1_hash32: the first 4 bytes of each shingle's SHA-1, little-endian.
    digests = b"".join(hashlib.sha1(s.encode("utf-8")).digest()[:4] for s in found)
    hashes = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32).reshape(-1, 1))
    a, b = _permutations()
    with np.errstate(over="ignore"):  # the permutations are arithmetic modulo 2^32
        permuted = hashes * a + b
    return np.asarray(permuted.min(axis=0), dtype=np.uint32)


def estimate(a: Signature, b: Signature) -> float:
    """The Jaccard index of two texts' shingle sets, estimated from their signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def to_bytes(sig: Signature) -> bytes:
    """A signature as bytes, to store next to its article (uint64 values, as eventlens has always stored them)."""
    return np.asarray(sig, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> Signature:
    """A signature stored by :func:`to_bytes`.

    Raises:
        ValueError: ``data`` is not :data:`NUM_PERM` values of 32 bits (a damaged or foreign database).
    """
    if len(data) != NUM_PERM * 8:
        raise ValueError(f"a MinHash signature has {NUM_PERM * 8} bytes, not {len(data)}")
    values = np.frombuffer(data, dtype=np.uint64)
    if int(values.max()) > int(_EMPTY):
        raise ValueError("a MinHash signature value is out of the 32-bit range")
    return values.astype(np.uint32)


def band_keys(sig: Signature) -> NDArray[np.uint64]:
    """One 64-bit key per LSH band: signatures with an equal key (nearly always: equal band) are candidates."""
    rows = np.asarray(sig[: BANDS * ROWS], dtype=np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        return np.asarray((rows * _band_weights()).sum(axis=1, dtype=np.uint64), dtype=np.uint64)


@dataclass(frozen=True)
class Match:
    """An earlier article this one is a near-copy of."""

    article_id: str
    similarity: float


class DuplicateIndex:
    """An in-memory LSH index of the articles seen so far (rebuilt from stored signatures when a store opens).

    Signatures and band keys are rows of two numpy arrays that grow by doubling; a query compares its band keys with
    every row's at once (about 1 ms for 10,000 articles), then estimates the similarity of the candidates only.
    """

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._rows: dict[str, int] = {}
        self._ids: list[str | None] = []  # by row; None where an article was removed
        self._signatures = np.empty((0, NUM_PERM), dtype=np.uint32)
        self._keys = np.empty((0, BANDS), dtype=np.uint64)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._rows

    def add(self, article_id: str, sig: Signature) -> None:
        """Index ``article_id`` (adding an id twice is a no-op)."""
        if article_id in self._rows:
            return
        row = len(self._ids)
        if row == len(self._signatures):
            self._grow(max(64, 2 * row))
        self._signatures[row] = sig
        self._keys[row] = band_keys(sig)
        self._ids.append(article_id)
        self._rows[article_id] = row

    def _grow(self, capacity: int) -> None:
        signatures = np.empty((capacity, NUM_PERM), dtype=np.uint32)
        keys = np.zeros((capacity, BANDS), dtype=np.uint64)
        used = len(self._ids)
        signatures[:used], keys[:used] = self._signatures[:used], self._keys[:used]
        self._signatures, self._keys = signatures, keys

    def remove(self, article_id: str) -> None:
        row = self._rows.pop(article_id, None)
        if row is not None:
            self._ids[row] = None  # the row stays, never a candidate again

    def matches(self, sig: Signature) -> list[Match]:
        """Indexed articles at or above the threshold, most similar first (ties: the id, for a stable order)."""
        used = len(self._ids)
        candidates = np.flatnonzero((self._keys[:used] == band_keys(sig)).any(axis=1))
        found = []
        for row in candidates:
            article_id = self._ids[row]
            if article_id is None:
                continue
            similarity = estimate(sig, self._signatures[row])
            if similarity >= self.threshold:
                found.append(Match(article_id, similarity))
        return sorted(found, key=lambda m: (-m.similarity, m.article_id))


__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "SHINGLE_WORDS",
    "THRESHOLD",
    "DuplicateIndex",
    "Match",
    "Signature",
    "band_keys",
    "estimate",
    "from_bytes",
    "jaccard",
    "shingles",
    "signature",
    "to_bytes",
]
