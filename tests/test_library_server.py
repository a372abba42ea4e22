"""`/chat` with the document picker over HTTP (`gradio_client`, the real server; issue 11): the
optional `docs` input limits the answer to those documents, each citation and source carries its
`page` (and the other place fields and reference line), and calls without `docs` work as before.

The app runs the real extractive assistant over a real Chroma store (e5) holding the two bundled
studies and a thesis-like PDF (`tests/thesis_docs.py`).
"""

from __future__ import annotations

import pytest

from cpassist.settings import Settings
from cpassist.ui.layout import create_app
from cpassist.ui.serve import serve
from tests.thesis_docs import thesis_pdf

gradio_client = pytest.importorskip("gradio_client")

pytestmark = pytest.mark.slow

THESIS = "skripsi-sumba"
NEPAL = "ecpat-nepal-child-trafficking"


@pytest.fixture(scope="module")
def client(tmp_path_factory, e5_embeddings):
    from cpassist.build import build_assistant, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("library-server"), generator="extractive", port=0
    )
    settings.uploads_dir.mkdir(parents=True)
    pdf = thesis_pdf(settings.uploads_dir / f"{THESIS}.pdf")
    store = build_vectorstore(settings, embeddings=e5_embeddings)
    ingest_paths([settings.corpus_dir, pdf], settings, progress=False, vectorstore=store)
    assistant = build_assistant(
        settings, generator="extractive", retriever=build_retriever(settings, store)
    )
    demo = create_app(settings, assistant=assistant)
    _, url, _ = serve(demo, settings, prevent_thread_lock=True, quiet=True)
    try:
        yield gradio_client.Client(url, verbose=False)
    finally:
        demo.close()


def test_docs_limits_the_answer_and_citations_carry_their_page(client) -> None:
    question = "Berapa kader desa di Kecamatan Kodi Utara dilatih?"
    payload = client.predict(question, [], 0, False, [THESIS], api_name="/chat")
    assert {c["study"] for c in payload["citations"]} == {THESIS}
    first, source = payload["citations"][0], payload["sources"][0]
    assert first["page"] == 17 and source["page"] == 17
    assert first["reference"].endswith("Universitas Nusantara Raya, hlm. 17.")
    assert source["reference"] == first["reference"] and source["in_text"] == first["in_text"]
    assert {"paragraph", "line", "ocr", "kind", "authors", "year", "institution"} <= set(source)
    by_keyword = client.predict(question, docs=[THESIS], api_name="/chat")
    assert by_keyword["citations"][0]["page"] == 17


def test_calls_without_docs_work_as_before_and_unknown_docs_are_an_error(client) -> None:
    question = "Apa faktor penyebab child trafficking di Nepal?"
    old = client.predict(question, api_name="/chat")
    assert NEPAL in {c["study"] for c in old["citations"]}
    assert all(c["page"] is None and c["line"] for c in old["citations"])  # .txt: lines
    assert client.predict(question, [], 0, False, api_name="/chat")["citations"]
    assert client.predict(question, [], 0, False, [], api_name="/chat")["citations"]
    limited = client.predict(question, [], 0, False, [THESIS], api_name="/chat")
    assert {c["study"] for c in limited["citations"]} <= {THESIS}
    error = client.predict(question, [], 0, False, ["tidak-ada"], api_name="/chat")["error"]
    assert "tidak-ada" in error and NEPAL in error
