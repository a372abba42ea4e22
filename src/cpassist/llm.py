"""Creates the LangChain chat model behind each generator name.

- `local`: the bundled (or configured) GGUF run in-process by llama-cpp-python through LangChain's
  `ChatLlamaCpp`; loaded once per process and guarded by a lock (one llama.cpp context must not run
  two generations at once). A generation that starts repeating itself sentence by sentence is
  stopped.
- `openai`: `ChatOpenAI` against any OpenAI-compatible endpoint (vLLM, llama.cpp server, LM Studio,
  a hosted API).
- `ollama`: `ChatOllama` against an Ollama server.
- `extractive`: no model (None).

Every model it builds turns its backend's exceptions (openai, ollama, httpx, llama.cpp) raised while
generating into `cpassist.errors.GenerationError` with what to do; loading failures are
`ModelError`. This module only builds models: prompts, retrieval and verification live elsewhere.
Remote models are not contacted here (the first request does that), so building one never blocks or
fails offline.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
import warnings
from collections.abc import AsyncIterator, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from cpassist.errors import ConfigError, CpassistError, GenerationError, ModelError
from cpassist.registry import GENERATOR_NAMES, unknown
from cpassist.settings import Settings
from cpassist.text import split_at_sentence_ends

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

GENERATORS = GENERATOR_NAMES  #: the names in `cpassist.registry`
LLAMA_CPP_INSTALL = 'CMAKE_ARGS="-DGGML_NATIVE=OFF" pip install llama-cpp-python==0.3.36'
#: Prompt tokens llama.cpp evaluates per batch (ChatLlamaCpp's own default of 8 makes prompts ~3x slower).
LOCAL_N_BATCH = 512
#: ChatML end-of-turn marker of the bundled Qwen model (also in its GGUF chat template).
CHATML_STOP = ["<|im_end|>", "<|endoftext|>"]
_DEFAULT_OPENAI_KEY = "not-needed"
#: One generation at a time across local models (a Lock, not an RLock: a UI may resume a stream
#: from another thread).
_LOCAL_LOCK = threading.Lock()


#: A completed sentence at least this long seen twice, or an unfinished one this long that starts
#: like an earlier sentence, means the small model is looping (measured: it can repeat the question
#: and one passage until max_tokens).
LOOP_MIN_SENTENCE = 20
LOOP_MIN_PREFIX = 60


def is_looping(text: str) -> bool:
    """Whether generated `text` has started repeating itself sentence by sentence."""
    parts = [" ".join(p.lower().split()) for p in split_at_sentence_ends(text.strip())]
    *done, current = parts or [""]
    seen: set[str] = set()
    for sentence in done:
        if len(sentence) >= LOOP_MIN_SENTENCE and sentence in seen:
            return True
        seen.add(sentence)
    return len(current) >= LOOP_MIN_PREFIX and any(s.startswith(current) for s in seen)


def create_chat_model(name: str, settings: Settings) -> BaseChatModel | None:
    """The chat model of generator `name` configured from `settings`; None for `extractive`."""
    if name == "extractive":
        return None
    if name == "local":
        from cpassist.model_files import local_model_path

        return _local_model(
            str(local_model_path(settings)),
            settings.llm_n_ctx,
            settings.threads,
            settings.llm_temperature,
            settings.llm_max_tokens,
        )
    if name == "openai":
        return _openai_model(settings)
    if name == "ollama":
        return _ollama_model(settings)
    raise ConfigError(unknown("generator", name, GENERATORS))


def _backend_errors(generator: str) -> tuple[type[BaseException], ...]:
    """The exception types a generation of `generator` raises that are not bugs in cpassist."""
    kinds: list[type[BaseException]] = [ConnectionError, TimeoutError]
    with contextlib.suppress(ImportError):
        import httpx

        kinds.append(httpx.HTTPError)
    if generator == "openai":
        with contextlib.suppress(ImportError):
            import openai

            kinds.append(openai.OpenAIError)
    elif generator == "ollama":
        with contextlib.suppress(ImportError):
            import ollama

            kinds += [ollama.ResponseError, ollama.RequestError]
    elif generator == "local":  # llama-cpp-python raises these for a prompt or context problem
        kinds += [RuntimeError, ValueError, OSError]
    return tuple(kinds)


def generation_error(model: Any, generator: str, exc: BaseException) -> GenerationError:
    """The `GenerationError` for `exc`, raised by `model` (of `generator`) while generating."""
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    if generator == "openai":
        base = getattr(model, "openai_api_base", None) or "the configured URL"
        name = getattr(model, "model_name", "")
        return GenerationError(
            f"The OpenAI-compatible server at {base} failed ({detail}). Check that it runs and "
            f"serves the model {name!r} (CPASSIST_OPENAI_BASE_URL, CPASSIST_OPENAI_MODEL, "
            "CPASSIST_OPENAI_API_KEY), or use --generator extractive."
        )
    if generator == "ollama":
        base = getattr(model, "base_url", None) or "the configured URL"
        name = getattr(model, "model", "")
        return GenerationError(
            f"Ollama at {base} failed ({detail}). Check that it runs (`ollama serve`) and has the "
            f"model (`ollama pull {name}`; CPASSIST_OLLAMA_URL, CPASSIST_OLLAMA_MODEL), or use "
            "--generator extractive."
        )
    return GenerationError(
        f"The local LLM failed while generating ({detail}). A prompt longer than its context "
        "can cause this: raise CPASSIST_LLM_N_CTX or lower CPASSIST_PROMPT_PASSAGES, or use "
        "--generator extractive."
    )


class _TranslatedErrors:
    """Mixin for a LangChain chat model: backend exceptions raised while generating leave it as
    `GenerationError` (cpassist's own errors pass through)."""

    generator: ClassVar[str] = ""

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except CpassistError:
            raise
        except _backend_errors(self.generator) as exc:
            raise generation_error(self, self.generator, exc) from exc

    def _generate(self, *args: Any, **kwargs: Any) -> Any:
        with self._translated():
            return super()._generate(*args, **kwargs)  # type: ignore[misc]

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        with self._translated(), contextlib.closing(super()._stream(*args, **kwargs)) as chunks:  # type: ignore[misc]
            yield from chunks

    async def _agenerate(self, *args: Any, **kwargs: Any) -> Any:
        with self._translated():
            return await super()._agenerate(*args, **kwargs)  # type: ignore[misc]

    async def _astream(self, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        with self._translated():
            async for chunk in super()._astream(*args, **kwargs):  # type: ignore[misc]
                yield chunk


@cache
def _translating(base: type, generator: str) -> type:
    """`base` (a LangChain chat model class) with `_TranslatedErrors` mixed in."""
    namespace = {"generator": generator, "__annotations__": {"generator": ClassVar[str]}}
    return type(base.__name__, (_TranslatedErrors, base), namespace)


def _openai_model(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value()
    if key == _DEFAULT_OPENAI_KEY:
        key = os.environ.get("OPENAI_API_KEY") or key
    return _translating(ChatOpenAI, "openai")(
        base_url=settings.openai_base_url,
        model=settings.openai_model,
        api_key=key,
        timeout=settings.request_timeout,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        max_retries=1,
    )


def _ollama_model(settings: Settings) -> BaseChatModel:
    from langchain_ollama import ChatOllama

    return _translating(ChatOllama, "ollama")(
        base_url=settings.ollama_url,
        model=settings.ollama_model,
        temperature=settings.llm_temperature,
        num_predict=settings.llm_max_tokens,
        num_ctx=settings.llm_n_ctx,
        client_kwargs={"timeout": settings.request_timeout},
    )


@cache
def _local_model(
    model_path: str, n_ctx: int, threads: int, temperature: float, max_tokens: int
) -> BaseChatModel:
    """ChatLlamaCpp on `model_path`, built once per distinct parameter set in this process."""
    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        raise ModelError(
            f"The local generator needs llama-cpp-python: run `{LLAMA_CPP_INSTALL}` (it compiles in "
            "about 5 minutes), or use --generator extractive / openai / ollama."
        ) from exc
    cls = _locked_chat_llamacpp_class()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LangChain's deprecation notice for ChatLlamaCpp
        try:
            model = cls(
                model_path=model_path,
                n_ctx=n_ctx,
                n_threads=threads,
                n_batch=min(LOCAL_N_BATCH, n_ctx),
                temperature=temperature,
                max_tokens=max_tokens,
                stop=CHATML_STOP,
                streaming=True,
                verbose=False,  # silences llama.cpp's load log and per-call timings on stderr
            )
        except (ValueError, OSError) as exc:
            raise ModelError(
                f"Could not load the local LLM from {Path(model_path)}: {exc}. Check that the file "
                "is a complete GGUF model (delete it to re-assemble the bundled one), or set "
                "CPASSIST_LLM_MODEL_PATH."
            ) from exc
    # Free the model before interpreter teardown: llama.cpp's own __del__ runs too late then and
    # prints "Exception ignored in Llama.__del__" at every exit.
    atexit.register(model.client.close)
    return model


@cache
def _locked_chat_llamacpp_class() -> type:
    """`ChatLlamaCpp` whose generations are serialised: a llama.cpp context is not thread-safe, and
    the UI or a batch may call the one cached model from several threads."""
    from langchain_community.chat_models import ChatLlamaCpp

    class LockedChatLlamaCpp(_TranslatedErrors, ChatLlamaCpp):
        generator: ClassVar[str] = "local"

        def _generate(self, messages: Any, stop: Any = None, run_manager: Any = None, **kw: Any):
            if self.streaming and not kw.get("tool_choice"):  # goes through the locked _stream
                return super()._generate(messages, stop, run_manager, **kw)
            with _LOCAL_LOCK:
                return super()._generate(messages, stop, run_manager, **kw)

        def _stream(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
            with _LOCAL_LOCK, contextlib.closing(super()._stream(*args, **kwargs)) as chunks:
                text = ""
                for chunk in chunks:
                    yield chunk
                    text += chunk.text
                    if is_looping(text):  # stop paying for tokens verification would drop
                        break

        @property
        def _llm_type(self) -> str:
            return "llamacpp-chat"

    return LockedChatLlamaCpp
