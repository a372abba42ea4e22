"""The chat UI's session service (cpassist.ui) without a server: the real extractive assistant on a real Chroma store
holding the two studies, a LangChain fake chat model for streaming, and the feedback file.

Checks what a user sees in the chat message and the JSON payload: the answer in the question's
language, sources that agree with the [n] in the answer (with highlighted sentences and the parallel
version), the searched standalone question for a follow-up, an honest abstention with the closest
passages, polite refusals of bad input, uploads (sanitised names, limits, per-file results) and
thumbs up/down feedback with comments.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import app
from cpassist.errors import ConfigError
from cpassist.feedback import FeedbackRecord, append_feedback, read_feedback
from cpassist.settings import Settings
from cpassist.ui import layout, markup, serve
from cpassist.ui.checks import check_bind, check_question, safe_upload_name
from cpassist.ui.service import ChatService, new_session
from cpassist.ui.strings import TEXT

NEPAL = "ecpat-nepal-child-trafficking"
DTZ = "ecpat-indonesia-down-to-zero"


@pytest.fixture(scope="module")
def store(tmp_path_factory, e5_embeddings):
    """Settings + a real Chroma store (e5) with both studies ingested, shared by this module."""
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("app-state"), generator="extractive", max_upload_files=3
    )
    vectorstore = build_vectorstore(settings, embeddings=e5_embeddings)
    report = ingest_paths([settings.corpus_dir], settings, progress=False, vectorstore=vectorstore)
    assert report.files_read == 2
    return settings, vectorstore


@pytest.fixture(scope="module")
def handlers(store):
    from cpassist.build import build_assistant, build_retriever

    settings, vectorstore = store
    assistant = build_assistant(
        settings, generator="extractive", retriever=build_retriever(settings, vectorstore)
    )
    return ChatService(settings, assistant)


def _run(handlers, question, messages=None, session=None, **kw):
    outputs = list(handlers.respond(question, messages or [], session or new_session(), **kw))
    return outputs


# --- pure helpers ------------------------------------------------------------------------------
def test_check_question_refuses_empty_long_and_control_only_politely():
    s = Settings(max_question_chars=2000)
    assert check_question("  Apa tujuan penelitian?\x00 ", s, "id") == (
        "Apa tujuan penelitian?",
        None,
    )
    for bad, lang, words in [
        ("", "id", "tulis pertanyaan"),
        ("   ", "en", "type a question"),
        ("\x00\x07\x1b", "en", "control characters"),
        ("x" * 100_000, "id", "100,000"),
    ]:
        cleaned, message = check_question(bad, s, lang)
        assert cleaned == ""
        assert words in message.lower() or words in message


def test_safe_upload_name_never_leaves_the_uploads_folder():
    h = "-[0-9a-f]{12}"  # names that sanitising changes get a hash of the original name
    assert safe_upload_name("../../etc/passwd.txt") == "passwd.txt"
    assert re.fullmatch(
        rf"Laporan-Akhir-v2{h}\.pdf", safe_upload_name("C:\\Users\\x\\Laporan Akhir (v2).PDF")
    )
    assert re.fullmatch(rf"Expose-n{h}\.docx", safe_upload_name("Éxposé—ñ.docx"))
    assert re.fullmatch(rf"upload{h}", safe_upload_name(".."))
    assert re.fullmatch(rf"upload{h}", safe_upload_name("/"))
    assert "/" not in safe_upload_name("a/../../b.md")


def test_check_bind_requires_auth_off_loopback():
    assert check_bind(Settings(host="127.0.0.1")) is None
    with pytest.raises(ConfigError, match="CPASSIST_AUTH"):
        check_bind(Settings(host="0.0.0.0"))
    assert check_bind(Settings(host="0.0.0.0", auth="ana:s3cret")) == ("ana", "s3cret")
    with pytest.raises(ConfigError, match="user:password"):
        check_bind(Settings(host="0.0.0.0", auth="no-colon"))
    options = serve.launch_options(Settings(host="0.0.0.0", auth="ana:s3cret", port=0))
    assert options["auth"] == ("ana", "s3cret") and options["share"] is False
    assert options["server_port"] > 0


def test_main_refuses_to_start_on_a_public_address_without_auth(monkeypatch, capsys):
    monkeypatch.setenv("CPASSIST_HOST", "0.0.0.0")
    monkeypatch.delenv("CPASSIST_AUTH", raising=False)
    assert serve.main() == 2
    assert "CPASSIST_AUTH" in capsys.readouterr().err


# --- answering with the real extractive assistant ---------------------------------------------
def test_sentence_status_marks_show_paraphrases_and_corrections_but_never_dropped_text():
    payload = {
        "answer": "ECPAT helps Nepal [1]. Nepal has high rates [2].",
        "language": "en",
        "generator": "local",
        "sentences": [
            {"text": "ECPAT helps Nepal", "status": "kept", "quoted": False},
            {"text": "Nepal has high rates", "status": "corrected", "quoted": False},
        ],
    }
    html = markup.render_answer(payload)
    assert 'title="Paraphrase, verified against its source"' in html
    assert 'title="Verified; its source number was corrected by the checker"' in html
    assert html.count("cp-sent ") == 2 and "dropped" not in html


def test_indonesian_question_gets_indonesian_answer_with_agreeing_sources(handlers):
    outputs = _run(handlers, "Apa tujuan kerja sama Nepal dan ECPAT?", ui_lang="en")
    box, messages, session, payload = outputs[-1]
    assert box == ""
    assert outputs[0][1][-1]["content"].startswith("↻")  # immediate feedback before the answer
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert payload["language"] == "id" and not payload["abstained"]
    numbers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", payload["answer"])})
    assert numbers and numbers == sorted(s["n"] for s in payload["sources"])
    assert {s["study"] for s in payload["sources"]} == {NEPAL}
    html = messages[-1]["content"]
    assert "Sumber" in html  # labelled in the answer's language, not the UI's
    assert "<mark>" in html  # the cited sentence is highlighted in its passage
    assert "Versi Inggris (paralel)" in html  # the English version is one click away
    assert all(s["parallel"] and s["parallel"][0]["language"] == "en" for s in payload["sources"])
    # each answer sentence says how it was checked (hover/tap), in the answer's language
    assert payload["sentences"] and all(x["status"] != "dropped" for x in payload["sentences"])
    assert html.count('class="cp-sent cp-quoted"') == len(payload["sentences"])
    assert 'title="Dikutip persis dari sumber"' in html
    assert len(session["turns"]) == 2 and session["records"]["1"]["question"].startswith(
        "Apa tujuan"
    )


def test_english_question_and_follow_up_shows_the_searched_question(handlers):
    _, messages, session, first = _run(
        handlers, "Which theories and concepts does the Down to Zero study use?"
    )[-1]
    assert first["language"] == "en"
    assert DTZ in {s["study"] for s in first["sources"]}
    _, messages, session, payload = _run(
        handlers, "And how was the data collected?", messages, session
    )[-1]
    assert len(messages) == 4 and len(session["turns"]) == 4
    assert payload["standalone_question"] != payload["question"]
    assert "Searched as" in messages[-1]["content"]
    assert re.search(r"interview|document", payload["answer"], re.I)


def test_off_topic_question_abstains_in_the_users_language_with_closest_passages(handlers):
    _, messages, _, payload = _run(handlers, "Berapa harga bensin di Jakarta hari ini?")[-1]
    assert payload["abstained"] and payload["language"] == "id"
    assert payload["closest"] and not payload["sources"]
    html = messages[-1]["content"]
    assert "Tidak ditemukan di studi" in html and "Bagian terdekat" in html


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("", "tulis pertanyaan"),
        ("\x00\x01", "karakter kontrol"),
        ("a" * 100_000, "terlalu panjang"),
    ],
)
def test_bad_input_gets_a_polite_message_and_no_answer(handlers, question, expected):
    outputs = _run(handlers, question, ui_lang="id")
    assert len(outputs) == 1
    _, messages, session, payload = outputs[0]
    assert expected in messages[-1]["content"] and expected in payload["error"]
    assert session["turns"] == []
    assert all(len(m["content"]) < 1000 for m in messages)  # the paste is not echoed in full


def test_api_payload_matches_the_chat_payload(handlers):
    payload = handlers.answer_payload("What factors drive child trafficking in Nepal?")
    assert payload["language"] == "en" and not payload["abstained"]
    assert re.search(r"poverty|patriarch", payload["answer"], re.I)
    assert [c["n"] for c in payload["citations"]] == [s["n"] for s in payload["sources"]]
    assert handlers.answer_payload("   ")["error"]


def test_per_session_top_k_and_status_panel(handlers):
    narrow = handlers.assistant(top_k=1)
    assert narrow.settings.top_k == 1 and narrow is handlers.assistant(top_k=1)
    assert handlers.assistant() is handlers.assistant(top_k=handlers.settings.top_k)
    status = handlers.status_markdown("en")
    assert "Cooperation between Nepal and ECPAT" in status and "EN 6" in status
    assert "Kerja Sama Nepal dan ECPAT" in handlers.status_markdown("id")


# --- streaming with a fake LLM -------------------------------------------------------------------
def test_llm_answer_streams_then_is_replaced_by_the_verified_answer(store, e5_embeddings):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from cpassist.assistant import Assistant
    from cpassist.build import build_retriever

    settings, vectorstore = store
    reply = (
        "Child trafficking in Nepal is driven by poverty, low education levels, patriarchal "
        "culture and inadequate laws [1]."
    )
    assistant = Assistant(
        retriever=build_retriever(settings, vectorstore),
        chat_model=FakeListChatModel(responses=[reply]),
        embeddings=e5_embeddings,
        settings=settings,
        generator_name="local",
    )
    handlers = ChatService(settings, assistant)
    outputs = _run(handlers, "What factors drive child trafficking in Nepal?")
    streamed = [o[1][-1]["content"] for o in outputs[1:-1]]
    assert len(streamed) > 5  # token by token
    assert all("▍" in s and "citations are checked" in s for s in streamed)  # marked as a draft
    assert len(streamed[-1]) > len(streamed[0])
    final, payload = outputs[-1][1][-1]["content"], outputs[-1][3]
    assert "▍" not in final and "cp-sources" in final
    assert payload["generator"] == "local" and payload["sources"][0]["study"] == NEPAL


def test_a_failed_load_is_shown_not_a_blank_page(tmp_path):
    settings = Settings(data_dir=tmp_path, chroma_url="http://127.0.0.1:9", generator="extractive")
    handlers = ChatService(settings)
    with pytest.raises(Exception):  # noqa: B017 - whatever failed, it is re-raised to the caller
        handlers.loader.wait(timeout=60)
    status = handlers.status_markdown("en")
    assert "could not be loaded" in status and "Chroma" in status
    _, messages, _, payload = _run(handlers, "What are the goals?", ui_lang="en")[-1]
    assert "Chroma" in messages[-1]["content"] and payload["error"]


def test_a_failed_llm_leaves_extractive_answers_and_says_so(store):
    settings, _ = store
    broken = settings.model_copy(
        update={"generator": "local", "llm_model_path": Path("/nonexistent/model.gguf")}
    )
    handlers = ChatService(broken)
    assert handlers.loader.wait(timeout=120).generator_name == "extractive"
    status = handlers.status_markdown("en")
    assert "The LLM could not be loaded" in status and "does not exist" in status
    payload = handlers.answer_payload("Apa tujuan kerja sama Nepal dan ECPAT?")
    assert payload["generator"] == "extractive" and payload["sources"]


# --- feedback ------------------------------------------------------------------------------------
def test_thumbs_and_comment_are_appended_to_the_feedback_file(handlers):
    _, messages, session, payload = _run(
        handlers, "Apa metode pengumpulan data penelitian Down to Zero?"
    )[-1]
    status, session = handlers.rate(1, True, session, "en")
    assert "saved" in status
    box, status, session = handlers.comment("Good, but \x00 cite the interviews", session, "en")
    assert box == "" and "Comment saved" in status
    lines = handlers.settings.feedback_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 2
    raw = json.loads(lines[-1])
    assert raw["rating"] == "up" and raw["comment"] == "Good, but cite the interviews"
    records = read_feedback(handlers.settings.feedback_file)
    mine = [r for r in records if r.question.startswith("Apa metode")]
    assert len(mine) == 1  # rating and comment merged by id
    record = mine[0]
    assert record.answer == payload["answer"] and record.citations == payload["citations"]
    assert (
        record.settings["top_k"] == handlers.settings.top_k
        and "cite the interviews" in record.comment
    )
    # a rating on the user's own message or with nothing rated is ignored politely
    assert handlers.rate(0, False, session, "en")[0] == ""
    assert "first" in handlers.comment("hello", new_session(), "en")[1]
    assert handlers.rate(1, None, session, "en")[0] == ""  # un-liking writes nothing
    status, _ = handlers.rate(1, "Dislike", session, "id")
    assert "tidak membantu" in status
    assert read_feedback(handlers.settings.feedback_file)[-1].rating == "down"


def test_feedback_reader_skips_torn_lines(tmp_path):
    path = tmp_path / "fb.jsonl"
    first = append_feedback(path, FeedbackRecord(question="q", answer="a", rating="down"))
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "question": \n')
    append_feedback(path, first.model_copy(update={"comment": "c" * 5000}))
    records = read_feedback(path)
    assert len(records) == 1 and records[0].rating == "down" and len(records[0].comment) == 2000
    assert read_feedback(tmp_path / "missing.jsonl") == []


# --- uploads -------------------------------------------------------------------------------------
def test_upload_ingests_with_sanitised_names_limits_and_per_file_results(handlers, tmp_path):
    settings = handlers.settings
    evil = tmp_path / "..%2f..%2fevil name.txt"
    evil.write_text(
        "The Lombok Child Helpline study found that most calls came from girls aged thirteen to "
        "seventeen. The helpline volunteers referred urgent cases to the district social office.",
        encoding="utf-8",
    )
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (settings.max_upload_mb * 1024 * 1024 + 1))
    extra = tmp_path / "extra.md"
    extra.write_text("More text.", encoding="utf-8")
    report, payload = handlers.upload([str(evil), str(exe), str(big), str(extra)], "en")
    rows = {r["name"]: r for r in payload["files"]}
    evil_name = safe_upload_name(evil.name)
    assert evil_name.startswith("2f-2fevil-name-") and evil_name.endswith(".txt")
    assert rows[evil_name]["status"] == "added" and rows[evil_name]["chunks"] > 0
    assert "unsupported" in rows["tool.exe"]["reason"]
    assert "too large" in rows["big.txt"]["reason"]
    assert "too many" in rows["extra.md"]["reason"]  # max_upload_files=3 in this module
    stored = sorted(p.name for p in settings.uploads_dir.iterdir())
    assert stored == [evil_name]
    assert not (settings.data_dir.parent / "evil name.txt").exists()
    assert "added" in report and "skipped" in report
    passages = handlers.assistant().retriever.search("Lombok child helpline calls from girls", k=3)
    assert passages and passages[0].source.endswith(evil_name)
    # the same file again is recognised as unchanged
    _, again = handlers.upload([str(evil)], "en")
    assert again["files"][0]["status"] == "unchanged"
    assert handlers.upload([], "id")[0] == TEXT["id"]["no_files"]


def test_create_app_builds_blocks_with_the_api_endpoints(handlers):
    demo = layout.create_app(handlers.settings, assistant=handlers.assistant())
    names = {d.api_name for d in demo.fns.values() if getattr(d, "api_name", None)}
    assert {"chat", "upload"} <= names
    assert isinstance(demo.cpassist_service, ChatService)
    assert Path(app.__file__).name == "app.py" and app.main is serve.main  # the entry point
