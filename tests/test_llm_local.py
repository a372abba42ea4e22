"""The `local` generator with the real bundled GGUF through LangChain's ChatLlamaCpp (slow).

Checks what the answering chain relies on: the model is loaded once per process, the GGUF's ChatML
template is applied and generation stops at the end of the turn, tokens stream one by one, and an
Indonesian question over Indonesian sources is answered in Indonesian. Three short generations.
"""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from cpassist.language import detect_language
from cpassist.llm import create_chat_model
from cpassist.settings import Settings

pytestmark = pytest.mark.slow

SOURCES = (
    "Answer only from these sources and cite them as [n].\n"
    "[1] Nepal merupakan negara yang memiliki angka kasus child trafficking cukup tinggi di Asia "
    "Selatan. Hal ini didasari oleh beberapa faktor seperti, kemiskinan, pendidikan yang rendah, "
    "budaya patriarki, serta hukum yang kurang memadai.\n"
    "[2] ECPAT Indonesia melakukan penyebarluasan informasi dan kampanye melalui media cetak, media "
    "elektronik dan kampanye."
)


@pytest.fixture(scope="module")
def local_model(bundled_gguf, tmp_path_factory):
    pytest.importorskip("llama_cpp")
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("llm-state"),
        llm_model_path=bundled_gguf,
        llm_max_tokens=96,
    )
    return settings, create_chat_model("local", settings)


def test_model_is_loaded_once_per_process(local_model):
    settings, model = local_model
    assert create_chat_model("local", settings) is model
    assert create_chat_model("local", settings.model_copy()) is model


def test_chatml_template_and_clean_stop(local_model):
    _, model = local_model
    reply = model.invoke(
        [SystemMessage("You are a terse assistant."), HumanMessage("Reply with exactly: OK")]
    )
    assert "OK" in reply.content
    assert "<|im_end|>" not in reply.content and "<|im_start|>" not in reply.content
    assert "user" not in reply.content.lower()  # did not run on into an invented next turn
    assert reply.response_metadata.get("finish_reason") == "stop"  # ended its turn, not max_tokens


def test_streams_tokens_and_answers_indonesian_in_indonesian(local_model):
    _, model = local_model
    question = (
        "Apa saja faktor penyebab child trafficking di Nepal?\n\n"
        "Jawab dalam Bahasa Indonesia dalam satu kalimat. Sebutkan nomor sumber, misalnya [2]."
    )
    chunks = [c.content for c in model.stream([SystemMessage(SOURCES), HumanMessage(question)])]
    answer = "".join(chunks)
    assert len([c for c in chunks if c]) > 5  # token by token, not one block at the end
    assert detect_language(answer) == "id"
    assert "kemiskinan" in answer.lower()
    assert "<|im_end|>" not in answer
