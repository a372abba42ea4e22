"""Scores how well a piece of text (a question or an answer sentence) is supported by passages.

Shared by the extractive generator, verification and abstention: sentence splitting, content-word
stems for lexical overlap, and embedding similarity with a per-process cache of passage-sentence
embeddings (the corpus is fixed between ingests, so after warm-up only the new text is embedded).
It decides nothing: thresholds live with the callers (`verify`, `abstain`, `extractive`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

#: e5 cosines are compressed: unrelated text scores ~0.70-0.78, a paraphrase or translation 0.85+.
#: `scaled_cosine` maps [COS_LOW, COS_HIGH] onto [0, 1] (measured on the studies, see tests/test_verify.py).
COS_LOW = 0.78
COS_HIGH = 0.92

_CITE = re.compile(r"\s*\[(\d{1,2})(?:\s*[,;]\s*(\d{1,2}))*\]")
_CITE_NUMS = re.compile(r"\d{1,2}")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
_SPLIT = re.compile(
    r"(?<=[.!?])[\"'”’)]*\s+(?=[\[\(\"'“‘*]?[A-Z0-9À-Ý\[])|\n+\s*(?:[-*•]\s+|\d+[.)]\s+)?"
)
_LEADING_CITES = re.compile(r"^((?:\s*\[\d{1,2}(?:\s*[,;]\s*\d{1,2})*\])+)\s*")

STOPWORDS = frozenset(
    """
    a an the and or of to in on at for with by from as is are was were be been being this that these
    those it its they them their there here what which who whom whose how why when where does do did
    can could would should will shall may might must not no yes also than then so such into about over
    under between both each other any some all more most very only just own same too s t i you your we
    our he she his her me my please tell explain describe list give say says said according study
    studies research paper thesis abstract author
    yang dan di ke dari untuk dengan ini itu apa siapa bagaimana mengapa kenapa kapan dimana mana
    adalah ialah merupakan tidak atau dalam pada oleh juga serta sebagai karena apakah saja bisa dapat
    jelaskan sebutkan tentang terhadap lalu kemudian nya gimana gak nggak bagi akan telah sudah sedang
    masih para ada tersebut mereka kami kita saya anda ia dia beberapa banyak secara hal namun tetapi
    tapi jika kalau maka agar supaya yaitu yakni seperti hingga sampai mulai antara setiap lain lainnya
    menurut penelitian studi peneliti penulis skripsi jurnal source sources sumber
    mention mentions mentioned menyebut menyebutkan disebutkan two dua keduanya
    """.split()  # noqa: SIM905 - readable word lists
)


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`; a citation written after the full stop stays with its sentence."""
    parts = [p.strip() for p in _SPLIT.split(text or "") if p and p.strip()]
    out: list[str] = []
    for part in parts:
        lead = _LEADING_CITES.match(part)
        if lead and out:
            out[-1] = f"{out[-1]} {lead.group(1).strip()}"
            part = part[lead.end() :].strip()
        if part and _WORD.search(part):
            out.append(part)
        elif part and out:
            out[-1] = f"{out[-1]} {part}"
    return out


def citations_in(sentence: str) -> list[int]:
    """The source numbers `[n]` (or `[n, m]`) written in `sentence`, in order, without repeats."""
    nums: list[int] = []
    for match in _CITE.finditer(sentence):
        for num in _CITE_NUMS.findall(match.group(0)):
            if int(num) not in nums:
                nums.append(int(num))
    return nums


def strip_citations(sentence: str) -> str:
    """`sentence` without its `[n]` markers (and the space before them)."""
    return re.sub(r"\s+([.,;:!?])", r"\1", _CITE.sub("", sentence)).strip()


def stem(word: str) -> str:
    """A crude shared stem for Indonesian and English: lower case, no -nya, no di-, at most 6 letters."""
    word = word.lower()
    if word.endswith("nya") and len(word) > 5:
        word = word[:-3]
    if word.startswith("di") and len(word) > 6:  # Indonesian passive prefix: diinisiasi ~ inisiasi
        word = word[2:]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:6]


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def content_stems(text: str) -> set[str]:
    """Stems of the content words (no stop words, no numbers below 3 characters)."""
    out = set()
    for word in words(text):
        low = word.lower()
        if low in STOPWORDS or len(low) < 3:
            continue
        if low.endswith("nya") and low[:-3] in STOPWORDS:
            continue
        out.add(stem(low))
    return out


def lexical_overlap(claim: str | set[str], evidence: str | set[str]) -> float:
    """Share of the claim's content stems found in the evidence (0 when the claim has none)."""
    c = claim if isinstance(claim, set) else content_stems(claim)
    e = evidence if isinstance(evidence, set) else content_stems(evidence)
    return len(c & e) / len(c) if c else 0.0


def named_terms(text: str) -> set[str]:
    """Stems of proper names and acronyms in `text` (capitalised words not opening a sentence)."""
    out = set()
    for sentence in split_sentences(text) or [text]:
        tokens = words(strip_citations(sentence))
        for i, token in enumerate(tokens):
            if token.lower() in STOPWORDS or len(token) < 2:
                continue
            if (token.isupper() and len(token) >= 3) or (i > 0 and token[0].isupper()):
                out.add(stem(token))
    return out


def scaled_cosine(cos: float) -> float:
    """Map an e5 cosine onto 0..1 (see COS_LOW/COS_HIGH)."""
    return min(1.0, max(0.0, (cos - COS_LOW) / (COS_HIGH - COS_LOW)))


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=False))


class EvidenceIndex:
    """Embeds passage sentences once (cached by text) and compares new text against them."""

    def __init__(self, embeddings: Embeddings, max_cache: int = 50_000) -> None:
        self.embeddings = embeddings
        self._docs: dict[str, list[float]] = {}
        self._queries: dict[str, list[float]] = {}
        self._max = max_cache

    def doc_vectors(self, texts: Iterable[str]) -> list[list[float]]:
        """Passage-side embeddings of `texts` (embedded once per process)."""
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self._docs))
        if missing:
            if len(self._docs) + len(missing) > self._max:
                self._docs.clear()
            for text, vec in zip(missing, self.embeddings.embed_documents(missing), strict=True):
                self._docs[text] = vec
        return [self._docs[t] for t in texts]

    def query_vector(self, text: str) -> list[float]:
        """Query-side embedding of `text` (a small cache: questions and answer sentences repeat)."""
        vec = self._queries.get(text)
        if vec is None:
            if len(self._queries) > 2000:
                self._queries.clear()
            vec = self._queries[text] = self.embeddings.embed_query(text)
        return vec

    def cosines(self, text: str, candidates: Sequence[str]) -> list[float]:
        """Cosine of `text` (query side) with each candidate (passage side)."""
        if not candidates:
            return []
        q = self.query_vector(text)
        return [_dot(q, d) for d in self.doc_vectors(candidates)]


_INDEXES: dict[int, tuple[Embeddings, EvidenceIndex]] = {}


def index_for(embeddings: Embeddings) -> EvidenceIndex:
    """The shared `EvidenceIndex` of `embeddings` (one per embedder per process, so every assistant
    built on the same embedder reuses the cached passage-sentence vectors)."""
    entry = _INDEXES.get(id(embeddings))
    if entry is None or entry[0] is not embeddings:
        entry = _INDEXES[id(embeddings)] = (embeddings, EvidenceIndex(embeddings))
    return entry[1]
