"""Exact and near-duplicate detection of articles.

Exact: sha256 of the cleaned text. Near: MinHash over 5-word shingles with an LSH index
(datasketch); every LSH candidate is verified on the real shingle sets (Jaccard >= THRESHOLD)
before an article is called a copy, because LSH only promises likely candidates.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
SCHEME = "affine32"  # stored signatures must be read back with the scheme that made them
THRESHOLD = 0.8  # syndicated copies differ by a dateline, a byline or a trimmed paragraph


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)))))  # each run of SHINGLE words


@lru_cache(maxsize=1)
def _permutations():  # type: ignore[no-untyped-def]
    """The hash permutations of (NUM_PERM, seed 7, SCHEME), drawn once: a MinHash draws them
    anew from its seed otherwise, a cost per article."""
    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME).permutations


def minhash_of(sh: set[str]) -> MinHash:
    # The shingles' hashes are datasketch's default (sha1_hash32: the first 4 bytes of SHA-1,
    # little-endian), read from all the digests at once instead of one call per shingle; the
    # MinHash is given them as they are (hashfunc=int), so its values are the default's.
    m = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME, permutations=_permutations(), hashfunc=int)
    if sh:
        sha1 = hashlib.sha1
        digests = b"".join([sha1(s.encode("utf-8")).digest() for s in sh])
        m.update_batch(np.frombuffer(digests, dtype="<u4")[::5].tolist())  # 20-byte digests
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(b: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME, hashvalues=np.frombuffer(b, dtype=np.uint64).copy())


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


@lru_cache(maxsize=1)
def _lsh_params() -> tuple[int, int]:
    """The LSH bands and rows for (threshold 0.5, NUM_PERM), computed once: datasketch finds
    them by numerical integration, a cost per index (per ingest run) otherwise."""
    lsh = MinHashLSH(threshold=0.5, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@dataclass
class NearDuplicateIndex:
    """Near-duplicate lookup over the stored articles (loaded once per ingest run)."""

    lsh: MinHashLSH = field(default_factory=lambda: MinHashLSH(num_perm=NUM_PERM, params=_lsh_params()))

    def add(self, article_id: int, m: MinHash) -> None:
        key = str(article_id)
        if key not in self.lsh:
            self.lsh.insert(key, m)

    def find(self, m: MinHash, sh: set[str], text_of) -> int | None:
        """The stored article this text copies (verified on the texts), or None. `text_of`
        fetches a stored text by id: texts are not kept in memory."""
        best, best_j = None, THRESHOLD
        for key in sorted(self.lsh.query(m), key=int):
            aid = int(key)
            j = jaccard(sh, shingles(text_of(aid)))
            if j >= best_j:
                best, best_j = aid, j
        return best
