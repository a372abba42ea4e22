"""The library parts of the chat UI in a real headless Chromium (issue 11): a question limited to one
document with the picker, the cited passage's page and reference line in the chat, the PDF page opened
in the source viewer with the cited sentence boxed where it is on the page, a scanned page (text read
by OCR, no text layer to match) opened with nothing highlighted, and the Documents tab listing both.

The app runs the real extractive assistant over a real Chroma store (e5) holding a thesis-like PDF
(page 17 holds a known sentence) and a scanned PDF, both built with fpdf2 (`tests/thesis_docs.py`).
Screenshots go to `test-artifacts/`. Skipped when Chromium, Playwright or Tesseract is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cpassist.settings import Settings
from cpassist.ui.layout import create_app
from cpassist.ui.serve import serve
from tests.test_browser import ANSWER_TIMEOUT_MS, ARTIFACTS, CHROMIUM, FLAGS
from tests.thesis_docs import PHRASE_17, SCANNED_TEXT, scanned_pdf, thesis_pdf

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, e5_embeddings):
    if not CHROMIUM.is_file() or shutil.which("tesseract") is None:
        pytest.skip("needs Chromium (/usr/bin/chromium) and Tesseract (`make browser`, `make ocr`)")
    pytest.importorskip("playwright.sync_api")
    from cpassist.build import build_assistant, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("library-browser"), generator="extractive", port=0
    )
    settings = settings.model_copy(update={"ocr": True})
    settings.uploads_dir.mkdir(parents=True)
    files = [
        thesis_pdf(settings.uploads_dir / "skripsi-sumba.pdf"),
        scanned_pdf(settings.uploads_dir / "pindaian.pdf"),
    ]
    store = build_vectorstore(settings, embeddings=e5_embeddings)
    report = ingest_paths(files, settings, progress=False, vectorstore=store)
    assert report.files_read == 2, report.summary()
    assistant = build_assistant(
        settings, generator="extractive", retriever=build_retriever(settings, store)
    )
    demo = create_app(settings, assistant=assistant)
    _, url, _ = serve(demo, settings, prevent_thread_lock=True, quiet=True)
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture(scope="module")
def page(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            tab = chromium.new_page(viewport={"width": 1280, "height": 1100})
            tab.goto(app_url)
            tab.wait_for_selector("#cp-input textarea")
            yield tab
        finally:
            chromium.close()


def _ask(page, question: str, answers: int) -> None:
    page.fill("#cp-input textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#cp-chat .cp-meta').length >= {answers}",
        timeout=ANSWER_TIMEOUT_MS,
    )


def _open_source(page, label_part: str) -> None:
    if not page.locator("#cp-source-pick").is_visible():
        page.locator("#cp-viewer-box").get_by_text("Buka sumber").first.click()
    page.locator("#cp-source-pick input").click()
    page.locator("[role='option']", has_text=label_part).first.click()
    page.wait_for_selector("#cp-viewer .cp-viewer-head", timeout=30_000)


def test_pick_a_document_open_its_page_and_see_the_cited_sentence(page) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#cp-docs input").click()  # the picker: only the thesis
    page.locator("[role='option']", has_text="skripsi-sumba").first.click()
    page.keyboard.press("Escape")
    _ask(page, "Berapa kader desa di Kecamatan Kodi Utara yang dilatih?", 1)
    chat = page.locator("#cp-chat")
    assert "347 kader desa" in chat.inner_text()
    assert "hlm. 17" in chat.locator(".cp-place").first.inner_text()
    reference = chat.locator(".cp-ref-line").first.inner_text()
    assert "Rina Wulandari (2021)" in reference and "hlm. 17" in reference

    _open_source(page, "hlm. 17")
    viewer = page.locator("#cp-viewer")
    assert "Halaman 17 dari 30" in viewer.inner_text()
    assert viewer.locator(".cp-found").count() == 1
    assert PHRASE_17 in viewer.locator(".cp-cited").inner_text()
    image = viewer.locator(".cp-page img")
    page.wait_for_function(
        "document.querySelector('#cp-viewer .cp-page img').naturalWidth > 0", timeout=10_000
    )
    boxes = viewer.locator(".cp-hl")
    assert boxes.count() >= 1
    img = image.bounding_box()
    first = boxes.first.bounding_box()
    assert img and first and first["width"] > 20 and first["height"] > 4
    # inside the page picture, in its upper part (the sentence is near the top of page 17)
    assert img["x"] <= first["x"] and first["x"] + first["width"] <= img["x"] + img["width"] + 1
    assert img["y"] <= first["y"] <= img["y"] + img["height"] * 0.4
    viewer.screenshot(path=str(ARTIFACTS / "browser-source-viewer.png"))


def test_a_scanned_page_is_shown_with_nothing_highlighted(page) -> None:
    page.locator("#cp-docs input").click()
    page.locator("[role='option']", has_text="pindaian").first.click()
    page.keyboard.press("Escape")
    _ask(page, "Apa yang dicatat posyandu remaja di Desa Waimangura?", 2)
    _open_source(page, "2. [1]")
    viewer = page.locator("#cp-viewer")
    assert "Halaman 2 dari 2" in viewer.inner_text()  # the scanned page
    assert viewer.locator(".cp-notfound").count() == 1  # no text layer: says so, boxes nothing
    assert viewer.locator(".cp-hl").count() == 0
    assert SCANNED_TEXT[0].split()[0] in page.locator("#cp-chat").inner_text()


def test_export_downloads_the_conversation(page) -> None:
    page.locator("#cp-export-btn").click()
    link = page.locator("#cp-export a").first
    link.wait_for(timeout=30_000)
    with page.expect_download() as download:
        link.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "## 1. Berapa kader desa" in text and "## 2. Apa yang dicatat" in text
    assert "(hlm. 17)" in text


def test_documents_tab_lists_edits_and_removes_after_confirming(page) -> None:
    page.get_by_role("tab", name="📚 Dokumen").click()
    page.wait_for_function(
        "document.querySelector('#cp-docs-table').innerText.includes('skripsi-sumba')",
        timeout=30_000,
    )
    table = page.locator("#cp-docs-table").inner_text()
    assert "pindaian" in table and "30" in table
    page.locator("#cp-docs-table").get_by_text("skripsi-sumba", exact=True).last.click()
    title = page.locator("#cp-meta-title textarea")
    page.wait_for_function(
        "document.querySelector('#cp-meta-title textarea').value.includes('Sumba Barat Daya')",
        timeout=30_000,
    )
    title.fill("Komunitas Peduli Anak di Sumba")
    page.locator("#cp-meta-save").click()
    page.wait_for_function(
        "document.querySelector('#cp-docs-table').innerText.includes('Komunitas Peduli Anak')",
        timeout=30_000,
    )
    assert "skripsi-sumba.pdf.meta.json" in page.locator("#cp-docs-status").inner_text()

    page.locator("#cp-doc-select input").click()
    page.locator("[role='option']", has_text="pindaian").first.click()
    page.locator("#cp-remove").click()
    page.locator("#cp-remove-yes").wait_for(timeout=30_000)  # asks first
    assert "pindaian" in page.locator("#cp-docs-table").inner_text()
    page.screenshot(path=str(ARTIFACTS / "browser-documents-tab.png"), full_page=True)
    page.locator("#cp-remove-yes").click()
    page.wait_for_function(
        "!document.querySelector('#cp-docs-table').innerText.includes('pindaian')",
        timeout=30_000,
    )
    assert "dihapus" in page.locator("#cp-docs-status").inner_text()
