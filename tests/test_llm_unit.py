"""The local generator's wrapper logic without loading a model: the loop detector (on the looping reply
measured with the bundled model), stopping a looping stream, the ChatML stop tokens and parameters
passed to llama.cpp, and one generation at a time across threads. A scripted stand-in replaces the
llama.cpp client (`Llama.create_chat_completion`'s streaming dict chunks)."""

from __future__ import annotations

import threading
import time

from langchain_core.messages import HumanMessage

from cpassist.llm import CHATML_STOP, _locked_chat_llamacpp_class, is_looping

#: What the bundled model wrote for the rule-rewritten follow-up "Nepal ECPAT: Lalu apa keuntungannya?"
#: (it repeated question and passage until max_tokens).
MEASURED_LOOP = (
    "Nepal ECPAT: Lalu apa keuntungannya? Kerja sama Nepal dan ECPAT dalam mengatasi Child "
    "Trafficking di Nepal (2009-2020) bertujuan untuk mendeskripsikan kerja sama yang terjalin antara "
    "ECPAT dan Nepal. Nepal ECPAT: Lalu apa keuntungannya? Kerja sama Nepal dan ECPAT dalam mengatasi"
)
GOOD_ANSWER = (
    "ECPAT Indonesia melakukan advokasi kebijakan kepada pemerintah [1]. ECPAT Indonesia melakukan "
    "kampanye melalui media cetak dan elektronik [2]. Jadi, ECPAT Indonesia melakukan advokasi "
    "kebijakan dan kampanye [1]."
)


def test_loop_detector():
    assert is_looping(MEASURED_LOOP)
    assert not is_looping(GOOD_ANSWER)  # shared sentence openings are not a loop
    assert not is_looping("OK. OK. OK.")  # too short to judge
    long = (
        "The study used interviews with informants at the ECPAT Indonesia head office in Jakarta."
    )
    assert is_looping(f"{long} Then more. {long[:70]}")  # an unfinished copy of an earlier sentence
    assert not is_looping("")


class _ScriptedLlama:
    """Stands in for `llama_cpp.Llama`: streams `pieces` as chat-completion chunks."""

    def __init__(self, pieces: list[str], delay: float = 0.0) -> None:
        self.pieces, self.delay = pieces, delay
        self.calls: list[dict] = []
        self.produced = 0
        self.active = 0
        self.max_active = 0

    def create_chat_completion(self, messages, stream=False, **params):  # noqa: ANN001, ANN201
        self.calls.append({"messages": messages, "stream": stream, **params})

        def chunks():
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            try:
                for piece in self.pieces:
                    time.sleep(self.delay)
                    self.produced += 1
                    yield {"choices": [{"delta": {"content": piece}, "finish_reason": None}]}
                yield {"choices": [{"delta": {}, "finish_reason": "stop"}]}
            finally:
                self.active -= 1

        return chunks()


def _model(client: _ScriptedLlama):  # noqa: ANN202
    cls = _locked_chat_llamacpp_class()
    return cls.model_construct(
        model_path="scripted.gguf",
        client=client,
        stop=CHATML_STOP,
        max_tokens=77,
        temperature=0.0,
        streaming=True,
    )


def test_stream_stops_when_the_model_loops():
    pieces = [w + " " for w in MEASURED_LOOP.split()] + ["more "] * 200
    client = _ScriptedLlama(pieces)
    text = "".join(c.content for c in _model(client).stream([HumanMessage("Lalu?")]))
    assert text.startswith("Nepal ECPAT: Lalu apa keuntungannya?")
    assert text.count("Lalu apa keuntungannya?") == 2  # stopped right after the first repeat
    assert client.produced < len(pieces) // 2  # generation itself stopped, not just the output


def test_chatml_stops_and_parameters_reach_llama_cpp():
    client = _ScriptedLlama(["Baik", "."])
    reply = _model(client).invoke([HumanMessage("Halo")])
    assert reply.content == "Baik."
    (call,) = client.calls
    assert call["stream"] is True
    assert call["stop"] == CHATML_STOP and "<|im_end|>" in call["stop"]
    assert call["max_tokens"] == 77 and call["temperature"] == 0.0
    assert call["messages"] == [{"role": "user", "content": "Halo"}]


def test_generations_are_serialised_across_threads():
    client = _ScriptedLlama(["a ", "b ", "c."], delay=0.02)
    model = _model(client)
    outputs: list[str] = []
    threads = [
        threading.Thread(target=lambda: outputs.append(model.invoke("hi").content))
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outputs == ["a b c."] * 3
    assert client.max_active == 1
