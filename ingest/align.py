"""Align the chunks of one language of a study with the chunks of its other language.

The two abstracts of a study say the same things in the same order, but not sentence for sentence
(the English Nepal abstract splits and merges sentences differently), so chunk i of one language
rarely matches chunk i of the other. We score every pair (i, j) by
  - cross-lingual embedding similarity (the store's multilingual embedder; min-max scaled per study),
  - shared anchors: numbers, acronyms and capitalised names (2009, ECPAT, Nepal, Down to Zero),
  - relative position in the document,
and take the best monotonic many-to-many path through the score matrix by dynamic programming
(dynamic time warping): every chunk gets at least one partner, and the order is respected. It does
not embed anything itself: the caller passes the vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

WEIGHTS = {"embedding": 0.6, "anchors": 0.25, "position": 0.15}
_ANCHOR = re.compile(
    r"\b(?:\d[\d.,-]*\d|\d|[A-Z]{2,}[A-Za-z]*|[A-Z][a-z]+(?:\s+(?:to|of)\s+[A-Z][a-z]+)?)\b"
)


def anchors(text: str) -> set[str]:
    """Numbers, acronyms and capitalised names in `text`, lower-cased."""
    return {token.lower() for token in _ANCHOR.findall(text)}


def score_matrix(
    vectors_a: np.ndarray, vectors_b: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
) -> np.ndarray:
    """Combined similarity (0-1) of every chunk of A with every chunk of B."""
    a = vectors_a / np.maximum(np.linalg.norm(vectors_a, axis=1, keepdims=True), 1e-12)
    b = vectors_b / np.maximum(np.linalg.norm(vectors_b, axis=1, keepdims=True), 1e-12)
    cos = a @ b.T
    spread = float(cos.max() - cos.min())
    emb = (cos - cos.min()) / spread if spread > 1e-9 else np.zeros_like(cos)
    # only anchors found in both languages of the study count ("Penelitian" or "The" never do)
    shared = anchors(" ".join(texts_a)) & anchors(" ".join(texts_b))
    anchors_a = [anchors(t) & shared for t in texts_a]
    anchors_b = [anchors(t) & shared for t in texts_b]
    vocabulary = {token: k for k, token in enumerate(sorted(shared))}
    inc_a = np.zeros((len(texts_a), max(1, len(vocabulary))))
    inc_b = np.zeros((len(texts_b), max(1, len(vocabulary))))
    for rows, sets in ((inc_a, anchors_a), (inc_b, anchors_b)):
        for i, found in enumerate(sets):
            rows[i, [vocabulary[t] for t in found]] = 1.0
    inter = inc_a @ inc_b.T
    union = inc_a.sum(1)[:, None] + inc_b.sum(1)[None, :] - inter
    anc = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)  # Jaccard
    pos_a = (np.arange(len(texts_a)) + 0.5) / len(texts_a)
    pos_b = (np.arange(len(texts_b)) + 0.5) / len(texts_b)
    pos = 1.0 - np.abs(pos_a[:, None] - pos_b[None, :])
    return WEIGHTS["embedding"] * emb + WEIGHTS["anchors"] * anc + WEIGHTS["position"] * pos


def monotonic_path(scores: np.ndarray) -> list[tuple[int, int]]:
    """Best monotonic path from (0, 0) to (n-1, m-1) (steps: down, right, diagonal) maximising the
    summed score minus a small cost per extra step, i.e. dynamic time warping on 1 - score."""
    n, m = scores.shape
    cost = 1.0 - scores
    acc = np.full((n, m), np.inf)
    move = np.zeros((n, m), dtype=np.int8)  # 0 diagonal, 1 from above, 2 from left
    for i in range(n):
        for j in range(m):
            if i == 0 and j == 0:
                acc[i, j] = cost[i, j]
                continue
            options = (
                acc[i - 1, j - 1] if i and j else np.inf,
                acc[i - 1, j] if i else np.inf,
                acc[i, j - 1] if j else np.inf,
            )
            k = int(np.argmin(options))
            acc[i, j] = options[k] + cost[i, j]
            move[i, j] = k
    path = [(n - 1, m - 1)]
    i, j = n - 1, m - 1
    while (i, j) != (0, 0):
        k = move[i, j]
        i, j = (i - 1, j - 1) if k == 0 else (i - 1, j) if k == 1 else (i, j - 1)
        path.append((i, j))
    return path[::-1]


def align(
    vectors_a: np.ndarray, vectors_b: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
) -> list[tuple[int, int]]:
    """Aligned (index in A, index in B) pairs, monotonic, covering every chunk of both sides."""
    if not len(texts_a) or not len(texts_b):
        return []
    return monotonic_path(
        score_matrix(np.asarray(vectors_a), np.asarray(vectors_b), texts_a, texts_b)
    )
