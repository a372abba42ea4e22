"""The `cpassist` command line (a face: it calls `cpassist.ingest`, `cpassist.evaluation` and the core,
and nothing calls it): parses arguments, builds parts through `cpassist.build`, prints results.

Subcommands: `ingest`, `search`, `ask` (also `--jsonl` batch), `chat` (those three in
`cpassist.cli_answer`), `docs list|remove` (`cpassist.cli_docs`), `eval`, `info`, `serve` (the chat
UI); `--doc ID` limits `search`/`ask`/`chat` to documents. Output formats
(`--json`, `--jsonl`) are stable contracts (fields are only ever added). Errors a user can act on
(`CpassistError`, the tree in `cpassist.errors`: the store and LLM boundaries translate their
libraries' exceptions into it) print one line to stderr and exit 2, never a traceback. No retrieval
or answering logic lives here.

Document text printed for a terminal goes through `terminal_safe` (no escape sequences); JSON output
escapes every control character (C0, DEL, C1). Invalid text (bytes that are not UTF-8, lone
surrogates) in argv or a chat line is refused with one line; in `ask --jsonl` it is that line's
error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cpassist.cli_answer import cmd_ask, cmd_chat, cmd_search
from cpassist.cli_common import print_json, settings_of
from cpassist.cli_docs import add_docs_parser
from cpassist.errors import CpassistError
from cpassist.registry import EMBEDDER_NAMES, GENERATOR_NAMES, LLM_GENERATOR_NAMES
from cpassist.sanitize import has_invalid_text, terminal_safe
from cpassist.settings import check_in_range


def cmd_ingest(args: argparse.Namespace) -> int:
    from cpassist.ingest.pipeline import ingest_paths

    settings = settings_of(args)
    paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
    report = ingest_paths(
        paths, settings, prune=args.prune, rebuild=args.rebuild, progress=not args.json
    )
    if report.chunks_written or report.chunks_removed:
        # bring the saved keyword index up to date now, so the next start only loads it
        from cpassist.build import build_retriever

        build_retriever(settings).refresh()
    if args.json:
        print_json(report.model_dump(mode="json"))
    else:
        print(terminal_safe(report.summary()))
    return 0 if report.files_read or not report.skipped else 1


def cmd_eval(args: argparse.Namespace) -> int:
    from cpassist.evaluation.cli import run_eval_command

    return run_eval_command(args, settings_of(args))


def cmd_info(args: argparse.Namespace) -> int:
    from cpassist.build import build_vectorstore
    from cpassist.store import corpus_stats

    settings = settings_of(args)
    stats = corpus_stats(build_vectorstore(settings))
    print_json({"settings": json.loads(settings.model_dump_json()), "corpus": stats})
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The chat UI (`python app.py` with options); settings as for the other commands."""
    from cpassist.ui.serve import main as serve_main

    settings = settings_of(args)
    update: dict[str, object] = {}
    if args.host is not None:
        update["host"] = args.host
    if args.port is not None:
        update["port"] = check_in_range("port", args.port, "--port")
    return serve_main(settings.model_copy(update=update) if update else settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cpassist",
        description="Bilingual (Indonesian/English) assistant over child-protection studies, with cited answers.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", type=Path, help="state directory (default: CPASSIST_DATA_DIR or .cpassist/)"
    )
    common.add_argument(
        "--embedder",
        choices=EMBEDDER_NAMES,
        help="embedding model (openai: an embeddings server, CPASSIST_EMBEDDINGS_URL)",
    )
    common.add_argument(
        "--chroma-url", help="use a Chroma server at this URL instead of the embedded store"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "ingest", parents=[common], help="ingest files or folders (default: the bundled studies)"
    )
    p.add_argument("paths", nargs="*", help=".txt/.md/.pdf/.docx files or folders")
    p.add_argument(
        "--no-prune",
        dest="prune",
        action="store_false",
        help="keep chunks of files that are gone from the given folders (default: remove them)",
    )
    p.add_argument(
        "--rebuild", action="store_true", help="drop the collection and ingest from scratch"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_ingest)

    only = argparse.ArgumentParser(add_help=False)
    only.add_argument(
        "--doc",
        action="append",
        metavar="ID",
        help="search only this document (repeatable; ids: `cpassist docs list`)",
    )

    p = sub.add_parser("search", parents=[common, only], help="hybrid search, no answer")
    p.add_argument("question")
    p.add_argument("--k", type=int, help="number of passages, 1-50 (default: CPASSIST_TOP_K)")
    p.add_argument("--json", action="store_true", help="print passages as a JSON list")
    p.set_defaults(func=cmd_search)

    gen = GENERATOR_NAMES
    p = sub.add_parser("ask", parents=[common, only], help="answer a question with cited passages")
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='batch: read {"id","question","history"} JSON lines from stdin, write one result line each',
    )
    p.add_argument(
        "--generator", choices=gen, help="answer generator (default: CPASSIST_GENERATOR or local)"
    )
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", parents=[common, only], help="a conversation in the terminal")
    p.add_argument("--generator", choices=gen)
    p.add_argument(
        "--save",
        type=Path,
        metavar="FILE",
        help="write the conversation as Markdown (questions, verified answers, references and "
        "quoted passages with pages) to FILE after every answer",
    )
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("eval", parents=[common], help="evaluate retrieval and answer quality")
    p.add_argument(
        "--dataset", type=Path, help="JSONL dataset (default: eval/datasets/questions.jsonl)"
    )
    p.add_argument("--generator", choices=gen, help="generator under test")
    p.add_argument("--judge", choices=LLM_GENERATOR_NAMES, help="judge LLM for RAGAS LLM metrics")
    p.add_argument(
        "--quick",
        action="store_true",
        help="fixed subset, extractive generator, no judge; checks eval/thresholds.json",
    )
    p.add_argument("--limit", type=int, help="evaluate only the first N questions")
    p.add_argument("--out", type=Path, help="run directory (default: under DATA_DIR/eval-runs)")
    p.add_argument(
        "--claims",
        action="store_true",
        help="check the claim-check set (eval/datasets/claims.jsonl) with the answer verifier; "
        "exits 1 when the heldout gate in eval/thresholds.json fails",
    )
    p.add_argument(
        "--split",
        choices=["dev", "heldout", "all"],
        help="rows of this split only (--claims default: all, dev and heldout reported apart; "
        "questions default: all)",
    )
    p.add_argument(
        "--compare",
        nargs=2,
        metavar=("RUN_A", "RUN_B"),
        type=Path,
        help="compare two run directories question by question",
    )
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("info", parents=[common], help="show settings and what the store holds")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("serve", parents=[common], help="the chat UI in the browser (as app.py)")
    p.add_argument(
        "--generator", choices=gen, help="answer generator (default: CPASSIST_GENERATOR)"
    )
    p.add_argument("--host", help="address to bind (default: CPASSIST_HOST or 127.0.0.1)")
    p.add_argument(
        "--port", type=int, help="port, 0 for any free one (default: CPASSIST_PORT or 7860)"
    )
    p.set_defaults(func=cmd_serve)

    add_docs_parser(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CpassistError as exc:
        message = " ".join(terminal_safe(str(exc)).split())
        if has_invalid_text(message):
            message = message.encode("utf-8", "replace").decode("utf-8")
        print(f"error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
