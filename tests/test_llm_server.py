"""The `openai` generator against a real OpenAI-compatible server (slow): llama-cpp-python's own server
(`python -m llama_cpp.server`) serving the bundled GGUF on 127.0.0.1, as a user would run llama.cpp,
vLLM or LM Studio. One short reply, plain and streamed; the server is stopped after."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from cpassist.llm import create_chat_model
from cpassist.settings import Settings

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(bundled_gguf, tmp_path_factory):
    pytest.importorskip("llama_cpp")
    pytest.importorskip("sse_starlette", reason="llama_cpp.server needs sse-starlette")
    pytest.importorskip("starlette_context", reason="llama_cpp.server needs starlette-context")
    port = _free_port()
    log = (tmp_path_factory.mktemp("llama-server") / "server.log").open("wb")
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(bundled_gguf)]
    cmd += ["--model_alias", "qwen-local", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--n_ctx", "2048", "--n_threads", str(Settings().threads)]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not start in 180 s; see {log.name}")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_openai_generator_talks_to_a_real_llama_cpp_server(llama_server):
    settings = Settings(
        openai_base_url=llama_server,
        openai_model="qwen-local",
        llm_max_tokens=16,
        request_timeout=120,
    )
    model = create_chat_model("openai", settings)
    messages = [SystemMessage("You are a terse assistant."), HumanMessage("Reply with exactly: OK")]

    assert "OK" in model.invoke(messages).content
    chunks = [c.content for c in model.stream(messages)]
    assert "OK" in "".join(chunks)
    assert len([c for c in chunks if c]) >= 1
    assert "<|im_end|>" not in "".join(chunks)
