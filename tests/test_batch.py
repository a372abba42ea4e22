"""Batch mode and the CLI contracts of `cpassist ask` (`--json`, `--jsonl`) on the real store with the
extractive generator; plus the terminal rendering."""

from __future__ import annotations

import io
import json

import pytest

from cpassist.batch import run_jsonl
from cpassist.cli import main
from cpassist.render import format_answer
from cpassist.schema import AnswerResult

LINES = [
    json.dumps({"id": 1, "question": "Apa tujuan kerja sama Nepal dan ECPAT?"}),
    "",
    "{not json",
    json.dumps({"id": "no-q", "history": []}),
    json.dumps(
        {
            "id": 3,
            "question": "Who initiated it?",
            "history": [
                {"role": "user", "content": "What is the Down to Zero programme?"},
                {"role": "assistant", "content": "A programme [1]."},
            ],
        }
    ),
    json.dumps({"id": 4, "question": "x" * 5000}),
    json.dumps({"id": 5, "question": "What is the capital of France?"}),
    json.dumps(["not", "an", "object"]),
]


def _check_batch_output(lines: list[str]) -> None:
    out = [json.loads(line) for line in lines if line.strip()]
    assert len(out) == 7  # one per non-blank input line, in order
    assert [o["id"] for o in out] == [1, None, "no-q", 3, 4, 5, None]
    first = AnswerResult.model_validate({k: v for k, v in out[0].items() if k != "id"})
    assert first.language == "id" and not first.abstained and first.citations
    assert "not valid JSON" in out[1]["error"]
    assert "question" in out[2]["error"]
    assert "Zero" in out[3]["standalone_question"] and out[3]["citations"]
    assert "limit" in out[4]["error"]
    assert out[5]["abstained"] is True
    assert "error" in out[6]


def test_run_jsonl(extractive_assistant) -> None:
    stdout = io.StringIO()
    assert run_jsonl(extractive_assistant, io.StringIO("\n".join(LINES) + "\n"), stdout) == 0
    _check_batch_output(stdout.getvalue().splitlines())


@pytest.fixture
def cli_env(studies_settings, monkeypatch):
    monkeypatch.setenv("CPASSIST_DATA_DIR", str(studies_settings.data_dir))
    monkeypatch.setenv("CPASSIST_GENERATOR", "extractive")


def test_cli_ask_jsonl(cli_env, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(LINES) + "\n"))
    assert main(["ask", "--jsonl"]) == 0
    _check_batch_output(capsys.readouterr().out.splitlines())


def test_cli_ask_json(cli_env, capsys) -> None:
    assert (
        main(
            [
                "ask",
                "--json",
                "--generator",
                "extractive",
                "Who initiated the Down to Zero programme?",
            ]
        )
        == 0
    )
    result = AnswerResult.model_validate_json(capsys.readouterr().out)
    assert result.generator == "extractive" and result.language == "en"
    assert {c.study for c in result.citations} == {"ecpat-indonesia-down-to-zero"}


def test_cli_ask_plain_and_bad_input(cli_env, capsys) -> None:
    assert main(["ask", "Apa itu ESKA?"]) == 0
    out = capsys.readouterr().out
    assert "Sumber:" in out and "[1]" in out
    assert main(["ask", "   "]) == 2
    assert "empty" in capsys.readouterr().err


def test_format_answer_abstention_and_fallback(extractive_assistant) -> None:
    refused = format_answer(extractive_assistant.ask("Bagaimana cara memasak rendang?"))
    assert "Bagian terdekat:" in refused
    result = extractive_assistant.ask("Who initiated the Down to Zero programme?")
    result.verification.fallback = True
    result.verification.reason = "the local generator failed"
    text = format_answer(result)
    assert "Sources:" in text and "extractive answer used (the local generator failed)" in text
