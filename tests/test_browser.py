"""The chat UI in a real headless Chromium (Debian's `chromium`, driven by Playwright), as a user sees it.

Loads the app (the real extractive assistant on the shared store of the two studies), asks in Indonesian by
typing, waits for the answer and its sources, opens the parallel English version, switches the
interface to English, asks by clicking an example, rates an answer with a comment, checks that a second browser session does not see
the first one's chat, and saves screenshots under `test-artifacts/` (checked by their page text, and
looked at by a person when the UI changes). Skipped with a reason when Chromium is not installed
(`make browser` installs it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cpassist.feedback import read_feedback
from cpassist.settings import CHECKOUT_ROOT, Settings
from cpassist.ui.layout import create_app
from cpassist.ui.serve import serve

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = (CHECKOUT_ROOT or Path(__file__).resolve().parents[1]) / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANSWER_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, extractive_assistant):
    if not CHROMIUM.is_file():
        pytest.skip(
            "Chromium is not installed at /usr/bin/chromium: run `make browser` "
            "(apt-get install chromium)"
        )
    pytest.importorskip("playwright.sync_api")
    # the shared read-only store of the two studies; this app's own files go to a temporary folder
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("browser-state"), generator="extractive", port=0
    )
    demo = create_app(settings, assistant=extractive_assistant)
    _, served, _ = serve(demo, settings, prevent_thread_lock=True, quiet=True)
    try:
        yield served, settings
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser(app_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Playwright gives each context a fresh temporary profile (no --user-data-dir needed)
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _new_page(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(url)
    page.wait_for_selector("#cp-input textarea")
    return page


def _wait_answers(page, count: int) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('#cp-chat .cp-meta').length >= {count}",
        timeout=ANSWER_TIMEOUT_MS,
    )


def test_ask_in_indonesian_see_the_sources_and_rate(browser, app_server):
    url, settings = app_server
    ARTIFACTS.mkdir(exist_ok=True)
    page = _new_page(browser, url)
    page.wait_for_function(
        "document.querySelector('#cp-status').innerText.includes('Kerja Sama Nepal')",
        timeout=ANSWER_TIMEOUT_MS,
    )
    page.fill("#cp-input textarea", "Apa tujuan kerja sama Nepal dan ECPAT?")
    page.keyboard.press("Enter")
    _wait_answers(page, 1)
    chat = page.inner_text("#cp-chat")
    assert "Apa tujuan kerja sama Nepal dan ECPAT?" in chat
    assert "SUMBER" in chat.upper() and "[1]" in chat
    assert "Kerja Sama Nepal dan ECPAT dalam Mengatasi Child Trafficking" in chat
    assert page.locator("#cp-chat .cp-passage mark").count() >= 1  # cited sentence highlighted
    marked = page.locator("#cp-chat .cp-sent").first  # how each sentence was checked, on hover/tap
    assert marked.get_attribute("title") == "Dikutip persis dari sumber"
    parallel = page.locator("#cp-chat details.cp-par").first
    assert "Versi Inggris" in parallel.inner_text()
    parallel.locator("summary").click()
    assert (
        "Nepal" in parallel.locator(".cp-passage").inner_text()
    )  # English version, one click away
    page.screenshot(path=str(ARTIFACTS / "browser-chat-id.png"), full_page=True)

    page.locator("#cp-chat button[aria-label='Like']").last.click()  # thumbs up, then a comment
    page.wait_for_function("document.body.innerText.includes('Terima kasih')", timeout=30_000)
    page.get_by_label("Komentar untuk penilaian terakhir").fill("Jelas, sumbernya tepat.")
    page.get_by_role("button", name="Kirim komentar").click()
    page.wait_for_function("document.body.innerText.includes('Komentar disimpan')", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "browser-feedback-id.png"), full_page=True)
    (record,) = read_feedback(settings.feedback_file)
    assert record.rating == "up" and record.comment == "Jelas, sumbernya tepat."
    assert record.question == "Apa tujuan kerja sama Nepal dan ECPAT?" and record.citations

    other = _new_page(browser, url)  # another user: a fresh session sees no one else's chat
    assert "Apa tujuan kerja sama" not in other.inner_text("#cp-chat")
    other.close()
    page.close()


def test_switch_to_english_and_ask_by_example(browser, app_server):
    url, _ = app_server
    page = _new_page(browser, url)
    page.get_by_text("English", exact=True).click()
    page.wait_for_function(
        "document.querySelector('#cp-send').innerText.trim() === 'Send'", timeout=30_000
    )
    page.get_by_text("Which theories does the Down to Zero study use?").click()
    _wait_answers(page, 1)
    chat = page.inner_text("#cp-chat")
    assert "SOURCES" in chat.upper()
    assert "Down to Zero" in chat
    assert "Clear chat" in page.inner_text("body")
    page.fill("#cp-input textarea", "   ")
    page.click("#cp-send")
    page.wait_for_function(
        "document.querySelector('#cp-chat').innerText.includes('Please type a question first')",
        timeout=30_000,
    )
    page.screenshot(path=str(ARTIFACTS / "browser-chat-en.png"), full_page=True)
    page.close()
