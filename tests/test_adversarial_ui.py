"""The chat UI against hostile documents and hostile users (issue 9, items 1 and 12, long ingests).

A real store holds a hostile document (tests/adversarial_payloads.py: markdown images and links, HTML,
bare URLs, a forged source fence, escape sequences, all pointing at a local recording server or
evil.example). Checked without a browser: every UI place (answer, sources, parallel, closest passages,
side panel, upload report, streamed draft, errors) carries that text only as inert text; out-of-range
top_k is refused with its range and a crash shows no raw exception text; failed logins are throttled
(HTTP 429 after 5 failures per client); a rejected upload leaves nothing in Gradio's upload cache; a
chat is answered while an upload ingest runs. Slow (a real headless Chromium, Playwright): the page,
driven like a user (ask, abstain, upload a second hostile file through the file box), sends no request
to any planted URL and has no link or image pointing at one, while the planted text is visible.
"""

from __future__ import annotations

import html
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from adversarial_payloads import EVIL_HOST, ende_text, planted_urls, write_kupang

from cpassist.settings import Settings
from cpassist.ui import auth
from cpassist.ui.layout import create_app
from cpassist.ui.serve import serve
from cpassist.ui.service import ChatService, new_session

KUPANG_Q = "What did the Kupang helpline volunteers do?"
OFF_TOPIC_Q = "Berapa harga bensin di Jakarta hari ini?"
LIVE_MARKUP = re.compile(r"https?:|www\.|<img|<a[\s>]|\]\(|<source|</source|\x1b|@" + EVIL_HOST)


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def evil():
    """A local server standing in for the attacker: records every request that reaches it."""
    _Recorder.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, e5_cached, evil):
    """Settings and an extractive assistant over a store holding only the hostile Kupang document."""
    from cpassist.build import build_assistant, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    base, _ = evil
    folder = tmp_path_factory.mktemp("hostile-ui")
    settings = Settings(data_dir=folder / "data", generator="extractive", port=0)
    vectorstore = build_vectorstore(settings, embeddings=e5_cached)
    report = ingest_paths(
        [write_kupang(folder, base)], settings, progress=False, vectorstore=vectorstore
    )
    assert report.chunks_written > 0, report.summary()
    assistant = build_assistant(
        settings, generator="extractive", retriever=build_retriever(settings, vectorstore)
    )
    return settings, assistant


@pytest.fixture(scope="module")
def handlers(hostile):
    settings, assistant = hostile
    return ChatService(settings, assistant)


def _assert_inert(markup: str, where: str) -> None:
    found = LIVE_MARKUP.search(markup)
    assert found is None, f"{where}: live markup {found.group()!r} in {markup[:300]!r}"


# --- every UI place, without a browser ------------------------------------------------------------
def test_answer_sources_closest_and_side_panel_are_inert_text(handlers, evil):
    base, _ = evil
    _, messages, _, payload = list(handlers.respond(KUPANG_Q, [], new_session()))[-1]
    answer_html = messages[-1]["content"]
    assert payload["sources"] and not payload["abstained"]
    _assert_inert(answer_html, "answer")
    shown = html.unescape(answer_html)
    assert f"[click here]({base}/click)" in shown  # the planted text is shown, as text
    assert "Kupang Helpline Study" in shown and '<span class="cp-cite">[1]</span>' in answer_html

    _, messages, _, payload = list(handlers.respond(OFF_TOPIC_Q, [], new_session()))[-1]
    assert payload["abstained"] and payload["closest"]
    _assert_inert(messages[-1]["content"], "abstention")
    assert f"http://{EVIL_HOST}/bare" in html.unescape(messages[-1]["content"])

    for lang in ("id", "en"):
        status = handlers.status_markdown(lang)
        _assert_inert(status, "side panel")
        assert "Kupang Helpline Study" in html.unescape(status)


def test_upload_report_and_user_message_are_inert(handlers, evil, tmp_path):
    base, _ = evil
    doc = tmp_path / "ende helpline.txt"
    doc.write_text(ende_text(base), encoding="utf-8")
    empty = tmp_path / "kosong.md"
    empty.write_text(f"![x]({base}/empty.png)", encoding="utf-8")
    report, payload = handlers.upload([str(doc), str(empty)], "en")
    assert payload["files"][0]["status"] == "added", payload
    _assert_inert(report, "upload report")
    question = f"![q]({base}/question.png) What did the Ende helpline train?"
    _, messages, _, payload = list(handlers.respond(question, [], new_session()))[-1]
    for message in messages:
        _assert_inert(message["content"], message["role"])


def test_streamed_llm_draft_is_inert(hostile, evil):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from cpassist.assistant import Assistant

    base, _ = evil
    settings, extractive = hostile
    reply = f"Volunteers answered calls at night ![x]({base}/llm.png) see http://{EVIL_HOST}/y [1]."
    assistant = Assistant(
        retriever=extractive.retriever,
        chat_model=FakeListChatModel(responses=[reply]),
        embeddings=extractive.retriever.embeddings,
        settings=settings,
        generator_name="local",
    )
    outputs = list(ChatService(settings, assistant).respond(KUPANG_Q, [], new_session()))
    assert len(outputs) > 3
    for _, messages, _, _ in outputs:
        _assert_inert(messages[-1]["content"], "draft")


# --- ranges and raw errors ------------------------------------------------------------------------
@pytest.mark.parametrize("top_k", [-5, 51, 10**12])
def test_top_k_out_of_range_is_refused_with_the_range(handlers, top_k):
    payload = handlers.answer_payload(KUPANG_Q, top_k=top_k)
    assert "between 1 and 50" in payload["error"] and not payload["answer"]
    _, messages, _, payload = list(handlers.respond(KUPANG_Q, [], None, top_k=top_k))[-1]
    assert "between 1 and 50" in payload["error"]
    assert handlers.answer_payload(KUPANG_Q, top_k=0)["sources"]  # 0: the default


def test_a_crash_shows_no_raw_exception_text(hostile):
    settings, _ = hostile

    class Broken:
        generator_name = "extractive"

        def ask(self, *args, **kwargs):
            raise RuntimeError("/srv/secret/path leaked")

        def stream(self, *args, **kwargs):
            raise RuntimeError("/srv/secret/path leaked")

    handlers = ChatService(settings, Broken())
    payload = handlers.answer_payload(KUPANG_Q)
    assert "internal error" in payload["error"] and "secret" not in payload["error"]
    assert "RuntimeError" not in payload["error"]
    _, messages, _, _ = list(handlers.respond(KUPANG_Q, [], None, ui_lang="en"))[-1]
    assert "internal error" in messages[-1]["content"] and "secret" not in messages[-1]["content"]


def test_a_loading_bug_or_an_ingest_bug_shows_no_type_name_and_a_project_error_its_message(
    tmp_path, monkeypatch
):
    from concurrent.futures import Future

    import cpassist.ingest.pipeline
    from cpassist.errors import StoreError
    from cpassist.ui.loader import AssistantLoader
    from cpassist.ui.uploads import ingest_uploads

    settings = Settings(data_dir=tmp_path / "state")
    loader = AssistantLoader(settings, load=False)
    loader._future = Future()
    loader._future.set_exception(RuntimeError("/srv/secret/path leaked"))
    assert loader.load_error("id") == "kesalahan internal; rinciannya ada di log server"
    assert loader.load_error() == "internal error; the details are in the server log"
    loader._future = Future()
    loader._future.set_exception(StoreError("the store is locked by another process"))
    assert loader.load_error() == "the store is locked by another process"

    def broken_ingest(*args, **kwargs):
        raise RuntimeError("/srv/secret/path leaked")

    monkeypatch.setattr(cpassist.ingest.pipeline, "ingest_paths", broken_ingest)
    upload = tmp_path / "note.txt"
    upload.write_text("A note about the Kupang helpline.", encoding="utf-8")
    (result,) = ingest_uploads([upload], settings, "en")
    assert result.status == "skipped"
    assert result.reason == "internal error; the details are in the server log"


# --- login throttling -----------------------------------------------------------------------------
def test_login_throttle_locks_a_client_out_after_repeated_failures():
    import asyncio

    from fastapi import HTTPException

    now = [1000.0]
    throttle = auth.LoginThrottle(
        "ana", "s3cret", max_failures=3, window_s=60, delay_s=0, clock=lambda: now[0]
    )

    async def attempt(password: str, client: str = "10.0.0.1") -> bool | int:
        token = auth._CLIENT.set(client)
        try:
            return await throttle.check("ana", password)
        except HTTPException as exc:
            return exc.status_code
        finally:
            auth._CLIENT.reset(token)

    run = asyncio.run
    assert run(attempt("s3cret")) is True
    assert [run(attempt("guess")) for _ in range(3)] == [False, False, False]
    assert run(attempt("s3cret")) == 429  # locked out, even with the right password
    assert run(attempt("s3cret", client="10.0.0.2")) is True  # other clients are not
    now[0] += 61
    assert run(attempt("s3cret")) is True  # the window passed


def test_failed_logins_over_http_get_429(hostile, monkeypatch):
    httpx = pytest.importorskip("httpx")
    settings, assistant = hostile
    monkeypatch.setattr(auth, "LOGIN_FAIL_DELAY_S", 0.01)
    secured = settings.model_copy(update={"auth": Settings(auth="ana:s3cret").auth})
    demo = create_app(secured, assistant=assistant)
    _, url, _ = serve(demo, secured, prevent_thread_lock=True, quiet=True)
    try:
        codes = [
            httpx.post(f"{url}login", data={"username": "ana", "password": f"guess{i}"}).status_code
            for i in range(auth.LOGIN_MAX_FAILURES)
        ]
        assert codes == [400] * auth.LOGIN_MAX_FAILURES
        locked = httpx.post(f"{url}login", data={"username": "ana", "password": "s3cret"})
        assert locked.status_code == 429 and "try again" in locked.json()["detail"]
    finally:
        demo.close()


# --- the server: upload cache and concurrency -----------------------------------------------------
@pytest.fixture(scope="module")
def served(hostile):
    pytest.importorskip("gradio_client")
    settings, assistant = hostile
    demo = create_app(settings, assistant=assistant)
    _, url, _ = serve(demo, settings, prevent_thread_lock=True, quiet=True)
    try:
        yield url, settings
    finally:
        demo.close()


def test_a_rejected_upload_leaves_nothing_in_the_upload_cache(served, tmp_path):
    import uuid

    import gradio_client
    from gradio.utils import get_upload_folder

    url, _ = served
    client = gradio_client.Client(url, verbose=False)
    stem = f"rejected-{uuid.uuid4().hex[:8]}"
    exe = tmp_path / f"{stem}.exe"  # refused by Gradio itself (file_types), before the handler
    exe.write_bytes(b"MZ" * 100)
    with pytest.raises(Exception, match="Invalid file type"):  # noqa: B017 - gradio_client's AppError
        client.predict([gradio_client.handle_file(str(exe))], api_name="/upload")
    empty = tmp_path / f"{stem}.md"  # refused by the handler: no readable text
    empty.write_text("   \n", encoding="utf-8")
    _, payload, _ = client.predict([gradio_client.handle_file(str(empty))], api_name="/upload")
    assert payload["files"][0]["status"] == "skipped"
    assert not list(Path(get_upload_folder()).rglob(f"{stem}*"))


def test_a_chat_is_answered_while_an_upload_ingest_runs(served, tmp_path, monkeypatch):
    import gradio_client

    import cpassist.ingest.pipeline

    url, _ = served
    started, release = threading.Event(), threading.Event()
    real_ingest = cpassist.ingest.pipeline.ingest_paths

    def slow_ingest(*args, **kwargs):  # an ingest that takes as long as the test needs
        started.set()
        release.wait(timeout=120)
        return real_ingest(*args, **kwargs)

    monkeypatch.setattr(cpassist.ingest.pipeline, "ingest_paths", slow_ingest)
    doc = tmp_path / "flores-helpline.txt"
    doc.write_text("The Flores helpline answered calls from fishing villages.", encoding="utf-8")
    uploader = gradio_client.Client(url, verbose=False)
    job = uploader.submit([gradio_client.handle_file(str(doc))], api_name="/upload")
    try:
        assert started.wait(timeout=60), "the upload never started"
        t0 = time.monotonic()
        answer = gradio_client.Client(url, verbose=False).predict(KUPANG_Q, api_name="/chat")
        waited = time.monotonic() - t0
        assert answer["sources"] and not job.done()  # answered while the ingest is still running
        assert waited < 60
    finally:
        release.set()
    _, payload, _ = job.result(timeout=120)
    assert payload["files"][0]["status"] == "added"


# --- a real browser -------------------------------------------------------------------------------
from tests.test_browser import CHROMIUM, FLAGS  # noqa: E402 - one set of browser flags


@pytest.mark.slow
def test_browser_makes_no_request_to_planted_urls_and_has_no_planted_links(served, evil, tmp_path):
    if not CHROMIUM.is_file():
        pytest.skip("Chromium is not installed at /usr/bin/chromium: run `make browser`")
    sync_api = pytest.importorskip("playwright.sync_api")
    url, _ = served
    base, hits = evil
    planted = planted_urls(base)
    requests: list[str] = []
    doc = tmp_path / "ende-helpline.txt"
    doc.write_text(ende_text(base), encoding="utf-8")

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url)
            page.wait_for_selector("#cp-input textarea")
            page.wait_for_function(
                "document.querySelector('#cp-status').innerText.includes('Kupang Helpline Study')",
                timeout=120_000,
            )
            for n, question in enumerate([KUPANG_Q, OFF_TOPIC_Q], 1):
                page.fill("#cp-input textarea", question)
                page.keyboard.press("Enter")
                page.wait_for_function(
                    f"document.querySelectorAll('#cp-chat .cp-meta').length >= {n}",
                    timeout=120_000,
                )
            page.get_by_text("Tambahkan dokumen").first.click()  # open the upload panel
            page.set_input_files("input[type=file]", str(doc))
            page.get_by_role("button", name="Masukkan ke korpus").click()
            page.wait_for_function(
                "document.body.innerText.includes('ende-helpline.txt')", timeout=120_000
            )
            page.fill("#cp-input textarea", "What did the Ende helpline train?")
            page.keyboard.press("Enter")
            page.wait_for_function(
                "document.querySelectorAll('#cp-chat .cp-meta').length >= 3", timeout=120_000
            )
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.wait_for_timeout(1500)  # let any planted image or prefetch fire

            body = page.inner_text("body")
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            srcs = page.eval_on_selector_all(
                "[src], [srcset]", "els => els.map(e => e.src || e.srcset || '')"
            )
        finally:
            browser.close()

    leaked = [r for r in requests if r.startswith(tuple(planted))]
    assert leaked == [] and hits == [], (leaked, hits)
    assert [h for h in hrefs if h.startswith(tuple(planted))] == []
    assert [s for s in srcs if s.startswith(tuple(planted))] == []
    # the planted text is on the page, as text
    assert f"[click here]({base}/click)" in body and f"http://{EVIL_HOST}/bare" in body
    assert "Ende helpline" in body
