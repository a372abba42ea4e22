"""Query translation for retrieval: the question in the other language (Indonesian <-> English), made
by the chat model, so the retriever can search with the original and the translation together.

`llm_translator(chat_model)` returns a callable for `HybridRetriever.translate`: one chat call per new
question (cached per text), with the `translate_query` prompt. A reply that is empty, overlong, in the
wrong language or looks like an answer gives "" (the retriever then searches with the original
alone). Whether to use it is a setting (`query_translation`), decided by eval/mixed_eval.py. It does
not search or answer.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from cpassist.language import detect_language, question_language
from cpassist.prompts import render

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

TARGET_NAMES = {"en": "English", "id": "Indonesian (Bahasa Indonesia)"}


def other_language(question: str) -> str:
    """The language to translate `question` into: the one it is not written in."""
    return "en" if question_language(question) == "id" else "id"


def clean_reply(reply: str, question: str, target: str) -> str:
    """The translated question from a model reply, or "" when the reply is not usable."""
    text = (reply or "").strip()
    text = text.splitlines()[0].strip() if text else ""
    text = re.sub(
        r"^(english|indonesian|bahasa indonesia|translation|terjemahan)[^:]{0,30}:\s*",
        "",
        text,
        flags=re.I,
    )
    text = text.strip().strip('"“”').strip()
    if not text or len(text) > max(200, 3 * len(question)):
        return ""
    if text.casefold() == question.strip().casefold():
        return ""
    if detect_language(text) != target:
        return ""
    return text


def translate_question(question: str, chat_model: BaseChatModel, target: str | None = None) -> str:
    """`question` in `target` (default: the other language), or "" when the model fails."""
    target = target or other_language(question)
    prompt = render("translate_query", target=TARGET_NAMES[target], question=question.strip())
    try:
        reply = chat_model.invoke(prompt)
    except Exception:  # noqa: BLE001 - a failing model must not lose the search
        return ""
    return clean_reply(str(getattr(reply, "content", reply)), question, target)


def llm_translator(chat_model: BaseChatModel, cache_size: int = 512) -> Callable[[str], str]:
    """A cached `question -> translation` callable for `HybridRetriever.translate`."""
    cache: OrderedDict[str, str] = OrderedDict()
    lock = threading.Lock()

    def translate(question: str) -> str:
        with lock:
            if question in cache:
                cache.move_to_end(question)
                return cache[question]
        text = translate_question(question, chat_model)
        with lock:
            cache[question] = text
            while len(cache) > cache_size:
                cache.popitem(last=False)
        return text

    return translate
