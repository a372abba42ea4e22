"""The real Gradio server (cpassist.ui) on 127.0.0.1, driven over HTTP by `gradio_client`.

The app runs the real extractive assistant on a real Chroma store holding the two studies. Checks the
stable API: `/chat` answers in the question's language with citations and sources that agree, and
`/upload` ingests a file that a following question then finds. Also checks that `CPASSIST_AUTH`
puts the app behind a login.
"""

from __future__ import annotations

import re

import pytest

from cpassist.settings import Settings
from cpassist.ui.checks import safe_upload_name
from cpassist.ui.layout import create_app
from cpassist.ui.serve import serve

gradio_client = pytest.importorskip("gradio_client")

NEPAL = "ecpat-nepal-child-trafficking"
DTZ = "ecpat-indonesia-down-to-zero"


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return Settings(
        data_dir=tmp_path_factory.mktemp("server-state"), generator="extractive", port=0
    )


@pytest.fixture(scope="module")
def assistant(settings, e5_embeddings):
    from cpassist.build import build_assistant, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    vectorstore = build_vectorstore(settings, embeddings=e5_embeddings)
    ingest_paths([settings.corpus_dir], settings, progress=False, vectorstore=vectorstore)
    return build_assistant(
        settings, generator="extractive", retriever=build_retriever(settings, vectorstore)
    )


@pytest.fixture(scope="module")
def client(settings, assistant):
    demo = create_app(settings, assistant=assistant)
    _, url, _ = serve(demo, settings, prevent_thread_lock=True, quiet=True)
    assert url.startswith("http://127.0.0.1:")
    try:
        yield gradio_client.Client(url, verbose=False)
    finally:
        demo.close()


def _cited(answer: str) -> list[int]:
    return sorted({int(n) for n in re.findall(r"\[(\d+)\]", answer)})


def test_chat_in_indonesian(client):
    payload = client.predict(
        "Apa saja peran ECPAT Indonesia dalam program Down to Zero?", api_name="/chat"
    )
    assert payload["language"] == "id" and not payload["abstained"]
    assert re.search(r"advokasi|kampanye|kolaborasi|partnership", payload["answer"], re.I)
    assert _cited(payload["answer"]) == [c["n"] for c in payload["citations"]]
    assert [s["n"] for s in payload["sources"]] == [c["n"] for c in payload["citations"]]
    assert {s["study"] for s in payload["sources"]} == {DTZ}
    assert all(s["text"] and s["title"] and s["language"] for s in payload["sources"])


def test_chat_in_english_with_history(client):
    first = client.predict("What factors drive child trafficking in Nepal?", api_name="/chat")
    assert first["language"] == "en" and NEPAL in {s["study"] for s in first["sources"]}
    assert re.search(r"poverty|patriarch|education", first["answer"], re.I)
    history = [
        {"role": "user", "content": first["question"]},
        {"role": "assistant", "content": first["answer"]},
    ]
    follow = client.predict("And what theory does the study use?", history, api_name="/chat")
    assert follow["standalone_question"] != follow["question"]
    # the history reached the assistant: the searched question carries the earlier topic
    assert re.search(r"nepal|trafficking", follow["standalone_question"], re.I)
    assert NEPAL in {s["study"] for s in follow["sources"]}


def test_bad_input_over_the_api_is_an_error_payload_not_a_crash(client):
    assert "characters" in client.predict("x" * 100_000, api_name="/chat")["error"]
    assert client.predict("", api_name="/chat")["error"]


def test_upload_then_find_it(client, settings, tmp_path):
    doc = tmp_path / "Studi Kasus Sumba.md"
    doc.write_text(
        "# Child marriage in Sumba\n\nThis case study of Sumba island found that bride kidnapping "
        "(kawin tangkap) still forces girls into child marriage. Village elders and church leaders "
        "were trained to report such cases to the district child protection unit.\n",
        encoding="utf-8",
    )
    report, payload, status = client.predict(
        [gradio_client.handle_file(str(doc))], api_name="/upload"
    )
    (row,) = payload["files"]
    name = safe_upload_name(doc.name)  # "Studi-Kasus-Sumba-<hash>.md"
    assert name.startswith("Studi-Kasus-Sumba-") and name.endswith(".md")
    assert row["name"] == name and row["status"] == "added" and row["chunks"] > 0
    assert (settings.uploads_dir / name).is_file()
    assert name in report
    answer = client.predict("What is kawin tangkap on Sumba island?", api_name="/chat")
    assert not answer["abstained"]
    assert any("Sumba" in s["text"] for s in answer["sources"])


def test_auth_puts_the_app_behind_a_login(assistant, tmp_path):
    secured = Settings(data_dir=tmp_path, generator="extractive", port=0, auth="peneliti:rahasia")
    demo = create_app(secured, assistant=assistant)
    _, url, _ = serve(demo, secured, prevent_thread_lock=True, quiet=True)
    try:
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises a plain ValueError/HTTP error
            gradio_client.Client(url, verbose=False)
        ok = gradio_client.Client(url, auth=("peneliti", "rahasia"), verbose=False)
        assert ok.predict("Apa tujuan kerja sama Nepal dan ECPAT?", api_name="/chat")["citations"]
    finally:
        demo.close()
