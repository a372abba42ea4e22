"""`cpassist docs list|remove`: the document library on the command line (`cpassist.library`).

`list` prints one block per document, or with `--json` a list of `DocumentInfo` rows (a stable
contract: fields are only ever added); `remove ID` deletes a document's chunks from Chroma and the
keyword index, and an unknown id is an `UnknownDocumentError` (exit 2) with nothing deleted.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cpassist.cli_common import settings_of
from cpassist.sanitize import json_text, terminal_safe

if TYPE_CHECKING:
    pass


def cmd_docs(args: argparse.Namespace) -> int:
    from cpassist.build import build_library, build_vectorstore
    from cpassist.library import Library

    settings = settings_of(args)
    if args.docs_command == "remove":
        report = build_library(settings).remove(args.id)
        if args.json:
            print_json(report.model_dump(mode="json"))
        else:
            print(
                terminal_safe(
                    f"Removed {report.id}: {report.chunks_removed} chunks "
                    f"({', '.join(report.sources) or 'no source'}). The file itself is kept; "
                    "ingesting its folder again adds it back."
                )
            )
        return 0
    documents = Library(build_vectorstore(settings)).documents()
    if args.json:
        print_json([d.model_dump(mode="json") for d in documents])
        return 0
    if not documents:
        print("No documents. Run `cpassist ingest` first.")
    for d in documents:
        pages = "?" if d.pages is None else str(d.pages)
        print(
            terminal_safe(
                f"{d.id}\n    {d.title}\n    languages {', '.join(d.languages) or '?'} | "
                f"{d.chunks} chunks | pages {pages} | ingested {d.ingested_at or '?'}\n"
                f"    {d.source}"
            )
        )
    return 0


def print_json(obj: object) -> None:
    print(json_text(obj, indent=2))


def add_docs_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The `docs` subcommand with its `list` and `remove` commands."""
    p = sub.add_parser("docs", help="list or remove the documents in the store")
    docs = p.add_subparsers(dest="docs_command", required=True)
    d = docs.add_parser("list", parents=[common], help="one row per document")
    d.add_argument("--json", action="store_true", help="print the rows as a JSON list")
    d.set_defaults(func=cmd_docs)
    d = docs.add_parser(
        "remove", parents=[common], help="remove a document (all its chunks) from the store"
    )
    d.add_argument("id", help="the document id (`cpassist docs list`)")
    d.add_argument("--json", action="store_true", help="print the report as JSON")
    d.set_defaults(func=cmd_docs)
