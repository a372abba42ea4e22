"""`cpassist search`, `cpassist ask` (also `--jsonl` batch) and `cpassist chat`: the answering
commands, each limited to the `--doc` documents when given. Output of `search --json`, `ask --json`
and `ask --jsonl` is a stable contract (fields are only ever added); terminal text goes through
`terminal_safe`. Retrieval and answering live in the core (`cpassist.build` builds them).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from cpassist.cli_common import print_json, settings_of, stdin_lenient, valid_text
from cpassist.errors import CpassistError
from cpassist.sanitize import terminal_safe
from cpassist.settings import Settings, check_in_range

if TYPE_CHECKING:
    import argparse

    from cpassist.retrieval import HybridRetriever


def _retriever(settings: Settings, args: argparse.Namespace) -> HybridRetriever:
    """The retriever of `settings`, limited to the `--doc` documents when given (checked)."""
    from cpassist.build import build_library, build_retriever

    retriever = build_retriever(settings)
    docs = getattr(args, "doc", None)
    if docs:
        return build_library(settings, retriever).restricted(docs)
    return retriever


def cmd_search(args: argparse.Namespace) -> int:
    question = valid_text(args.question, "the search query")
    k = None if args.k is None else check_in_range("top_k", args.k, "--k")
    settings = settings_of(args)
    retriever = _retriever(settings, args)
    passages = retriever.search(question, k=k or settings.top_k)
    if args.json:
        print_json([p.model_dump(mode="json") for p in passages])
        return 0
    for i, p in enumerate(passages, 1):
        mark = " (parallel)" if p.parallel_of else ""
        page = (f" | p. {p.page}" if p.page else "") + (" (OCR)" if p.ocr else "")
        print(
            terminal_safe(
                f"[{i}] {p.score:.4f} {p.title or p.study}{page} | {p.language} | {p.section}"
                f"{mark}\n    {p.text}\n"
            )
        )
    if not passages:
        print("No passages found. Run `cpassist ingest` first, or rephrase the question.")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from cpassist.build import build_assistant

    settings = settings_of(args)
    if args.jsonl:
        from cpassist.batch import run_jsonl

        assistant = build_assistant(
            settings, generator=args.generator, retriever=_retriever(settings, args)
        )
        return run_jsonl(assistant, stdin_lenient(), sys.stdout)
    if args.question is not None:
        valid_text(args.question, "the question")
    if not args.question:
        raise CpassistError(
            'Give a question, e.g. `cpassist ask "Apa tujuan kerja sama Nepal dan ECPAT?"`, or use --jsonl.'
        )
    assistant = build_assistant(
        settings, generator=args.generator, retriever=_retriever(settings, args)
    )
    if args.json:
        result = assistant.ask(args.question)
        print_json(result.model_dump(mode="json"))
        return 0
    from cpassist.render import format_answer

    # On a terminal an LLM's draft streams (dimmed) as it is generated; the verified answer follows.
    # Piped output gets only the verified answer.
    live = sys.stdout.isatty() and assistant.generator_name != "extractive"
    for event in assistant.stream(args.question):
        if event.type == "token" and live:
            print(f"\033[2m{terminal_safe(event.text)}\033[0m", end="", flush=True)
        elif event.result is not None:
            if live:
                print("\n")
            print(format_answer(event.result, style=settings.citation_style))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from cpassist.build import build_assistant
    from cpassist.render import format_answer
    from cpassist.schema import AnswerResult, ChatTurn

    settings = settings_of(args)
    assistant = build_assistant(
        settings, generator=args.generator, retriever=_retriever(settings, args)
    )
    history: list[ChatTurn] = []
    answered: list[AnswerResult] = []
    stdin_lenient()  # a bad byte in a line is refused for that line, not a traceback
    print("cpassist chat: ask in Bahasa Indonesia or English. Empty line or Ctrl-D to quit.")
    while True:
        try:
            question = input("\n> ").strip()
        except EOFError:
            break
        if not question:
            break
        try:
            valid_text(question, "the question")
            result = assistant.ask(question, history=history)
        except CpassistError as exc:
            print(terminal_safe(f"error: {exc}"))
            continue
        print(format_answer(result, style=settings.citation_style))
        if args.save:
            from cpassist.export import save_conversation

            answered.append(result)  # saved after every answer: an interrupted chat keeps its work
            try:
                save_conversation(args.save, answered, style=settings.citation_style)
            except OSError as exc:
                print(terminal_safe(f"error: could not save to {args.save}: {exc.strerror or exc}"))
        history += [
            ChatTurn(role="user", content=question),
            ChatTurn(role="assistant", content=result.answer),
        ]
    return 0
