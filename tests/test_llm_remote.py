"""The `openai` and `ollama` generators speak their real wire protocols.

A small stub server (stdlib `http.server`, 127.0.0.1, a free port, stopped after each test) implements
OpenAI's `/v1/chat/completions` (JSON and SSE streaming) and Ollama's `/api/chat` (NDJSON streaming) with
canned replies. It checks the protocol only, not answer quality. Also covers the generator registry.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from cpassist.errors import ConfigError, GenerationError, ModelError
from cpassist.llm import create_chat_model
from cpassist.settings import Settings

CANNED = ["Nepal ", "bekerja sama ", "dengan ECPAT ", "[1]."]
REPLY = "".join(CANNED)


class _Stub(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append(  # type: ignore[attr-defined]
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        if self.path == "/v1/chat/completions":
            self._openai(body)
        elif self.path == "/api/chat":
            self._ollama(body)
        else:
            self.send_error(404)

    def _send(self, status: int, content_type: str, chunks: list[bytes]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(sum(map(len, chunks))))
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()

    def _openai(self, body: dict) -> None:
        base = {"id": "cmpl-1", "created": int(time.time()), "model": body["model"]}
        if not body.get("stream"):
            reply = {
                **base,
                "object": "chat.completion",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": REPLY},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 12, "completion_tokens": 4, "total_tokens": 16},
            }
            self._send(200, "application/json", [json.dumps(reply).encode()])
            return
        events = []
        for i, piece in enumerate(CANNED):
            delta = {"role": "assistant", "content": piece} if i == 0 else {"content": piece}
            chunk = {
                **base,
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
            }
            events.append(f"data: {json.dumps(chunk)}\n\n".encode())
        last = {
            **base,
            "object": "chat.completion.chunk",
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
        }
        events.append(f"data: {json.dumps(last)}\n\n".encode())
        events.append(b"data: [DONE]\n\n")
        self._send(200, "text/event-stream", events)

    def _ollama(self, body: dict) -> None:
        now = "2026-11-23T10:00:00Z"
        lines = [
            {
                "model": body["model"],
                "created_at": now,
                "message": {"role": "assistant", "content": piece},
                "done": False,
            }
            for piece in CANNED
        ]
        lines.append(
            {
                "model": body["model"],
                "created_at": now,
                "message": {"role": "assistant", "content": ""},
                "done": True,
                "done_reason": "stop",
                "total_duration": 1000,
                "prompt_eval_count": 12,
                "eval_count": 4,
            }
        )
        if body.get("stream") is False:
            whole = {**lines[-1], "message": {"role": "assistant", "content": REPLY}}
            self._send(200, "application/json", [json.dumps(whole).encode()])
        else:
            self._send(
                200, "application/x-ndjson", [(json.dumps(x) + "\n").encode() for x in lines]
            )


@pytest.fixture
def stub_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


MESSAGES = [
    SystemMessage("Passages: [1] Nepal and ECPAT cooperate."),
    HumanMessage("Siapa mitra Nepal?"),
]


def _assert_request(seen: dict, model: str) -> None:
    assert seen["body"]["model"] == model
    sent = [(m["role"], m["content"]) for m in seen["body"]["messages"]]
    assert sent == [("system", MESSAGES[0].content), ("user", MESSAGES[1].content)]


def test_openai_generator_invoke_and_stream(stub_server, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = Settings(openai_base_url=_url(stub_server) + "/v1", openai_model="qwen-test")
    model = create_chat_model("openai", settings)
    assert isinstance(model, BaseChatModel)

    assert model.invoke(MESSAGES).content == REPLY
    chunks = [c.content for c in model.stream(MESSAGES)]
    assert "".join(chunks) == REPLY
    assert len([c for c in chunks if c]) == len(CANNED)  # tokens arrive as they come

    plain, streamed = stub_server.seen
    _assert_request(plain, "qwen-test")
    _assert_request(streamed, "qwen-test")
    assert not plain["body"].get("stream") and streamed["body"]["stream"] is True
    assert plain["body"]["temperature"] == settings.llm_temperature
    assert settings.llm_max_tokens in (
        plain["body"].get("max_completion_tokens"),
        plain["body"].get("max_tokens"),
    )
    assert plain["auth"] == "Bearer not-needed"


def test_openai_key_comes_from_env_unless_set(stub_server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    url = _url(stub_server) + "/v1"
    create_chat_model("openai", Settings(openai_base_url=url)).invoke(MESSAGES)
    create_chat_model("openai", Settings(openai_base_url=url, openai_api_key="sk-set")).invoke(
        MESSAGES
    )
    assert [s["auth"] for s in stub_server.seen] == ["Bearer sk-from-env", "Bearer sk-set"]


def test_ollama_generator_invoke_and_stream(stub_server):
    settings = Settings(ollama_url=_url(stub_server), ollama_model="qwen2.5:test")
    model = create_chat_model("ollama", settings)
    assert isinstance(model, BaseChatModel)

    assert model.invoke(MESSAGES).content == REPLY
    chunks = [c.content for c in model.stream(MESSAGES)]
    assert "".join(chunks) == REPLY
    assert len([c for c in chunks if c]) == len(CANNED)

    assert len(stub_server.seen) == 2
    for seen in stub_server.seen:
        assert seen["path"] == "/api/chat"
        _assert_request(seen, "qwen2.5:test")
        assert seen["body"]["options"]["temperature"] == settings.llm_temperature
        assert seen["body"]["options"]["num_predict"] == settings.llm_max_tokens


def test_unreachable_server_fails_on_use_not_on_build():
    settings = Settings(openai_base_url="http://127.0.0.1:9/v1", request_timeout=2)
    model = create_chat_model("openai", settings)  # building never touches the network
    with pytest.raises(GenerationError, match="CPASSIST_OPENAI_BASE_URL"):
        model.invoke(MESSAGES)
    with pytest.raises(GenerationError, match="127.0.0.1:9"):
        list(model.stream(MESSAGES))


def test_unreachable_ollama_is_a_generation_error_that_says_what_to_do():
    settings = Settings(ollama_url="http://127.0.0.1:9", ollama_model="qwen", request_timeout=2)
    model = create_chat_model("ollama", settings)
    with pytest.raises(GenerationError, match="ollama serve"):
        model.invoke(MESSAGES)


def test_extractive_has_no_model_and_unknown_names_are_config_errors():
    assert create_chat_model("extractive", Settings()) is None
    with pytest.raises(ConfigError, match="local, openai, ollama, extractive"):
        create_chat_model("gpt5", Settings())


def test_local_without_llama_cpp_says_how_to_install(tmp_path, monkeypatch):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import llama_cpp -> ImportError
    with pytest.raises(ModelError, match=r'CMAKE_ARGS="-DGGML_NATIVE=OFF" pip install'):
        create_chat_model("local", Settings(data_dir=tmp_path, llm_model_path=gguf))


def test_local_with_a_broken_model_file_is_a_model_error(tmp_path):
    pytest.importorskip("llama_cpp")
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(ModelError, match="complete GGUF"):
        create_chat_model("local", Settings(data_dir=tmp_path, llm_model_path=bad))
