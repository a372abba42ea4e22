"""The UI's library handlers without Gradio (issue 11): places and reference lines in answers, the
document picker, the source viewer (PDF page with the cited sentence boxed, text documents in context),
refused paths, the Documents tab (list, metadata edit with its sidecar, remove with confirmation) and
the Markdown export.

Real components: the extractive assistant over a real Chroma store (e5) holding a thesis-like PDF and
DOCX (fpdf2 / python-docx, `tests/thesis_docs.py`) and a Markdown note, uploaded under `uploads_dir`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cpassist.errors import InputError
from cpassist.schema import Passage
from cpassist.settings import Settings
from cpassist.ui.pdfpage import locate, render_page
from cpassist.ui.service import ChatService, new_session
from cpassist.ui.viewer import SourceRefused, open_source
from tests.thesis_docs import PHRASE_17, body_sentences, thesis_docx, thesis_pdf

THESIS = "skripsi-sumba"
NOTE_LINES = [
    "# Catatan lapangan",
    "",
    "<script>alert('x')</script> catatan ini ditulis tangan.",
    "Posyandu remaja di Desa Waimangura mencatat laporan perkawinan anak setiap bulan.",
    "Catatan itu diteruskan ke dinas sosial kabupaten.",
]


@pytest.fixture(scope="module")
def app(tmp_path_factory, e5_embeddings):
    from cpassist.build import build_assistant, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("library-ui"), generator="extractive")
    up = settings.uploads_dir
    up.mkdir(parents=True)
    (up / "catatan.md").write_text("\n".join(NOTE_LINES) + "\n", encoding="utf-8")
    (up / "hapus-saya.md").write_text("# Dokumen sementara\n\nIni akan dihapus.\n")
    files = [thesis_pdf(up / f"{THESIS}.pdf"), thesis_docx(up / "skripsi-docx.docx")]
    files += [up / "catatan.md", up / "hapus-saya.md"]
    store = build_vectorstore(settings, embeddings=e5_embeddings)
    assert ingest_paths(files, settings, progress=False, vectorstore=store).files_read == 4
    assistant = build_assistant(
        settings, generator="extractive", retriever=build_retriever(settings, store)
    )
    return ChatService(settings, assistant)


def _ask(app, question, docs=None, session=None):
    return list(app.respond(question, [], session or new_session(), docs=docs))[-1]


def test_answers_show_page_and_reference_and_cite_only_picked_documents(app) -> None:
    update = _ask(app, "Berapa kader desa di Kecamatan Kodi Utara yang dilatih?", [THESIS])
    payload = update.payload
    assert {c["study"] for c in payload["citations"]} == {THESIS}
    first = payload["citations"][0]
    assert first["page"] == 17 and first["paragraph"] is None
    assert first["reference"].startswith("Rina Wulandari (2021). Perlindungan Anak")
    assert first["in_text"] == "(Wulandari, 2021, hlm. 17)"
    source = payload["sources"][0]
    assert source["page"] == 17 and source["reference"] == first["reference"]
    html = update.messages[-1]["content"]
    assert '<span class="cp-tag cp-place">hlm. 17</span>' in html
    assert 'class="cp-ref-line">Rina Wulandari' in html  # markdown-escaped, shown as is
    # the session keeps the answer for the export and its sources for the viewer
    (entry,) = [s for s in update.session["sources"] if s["n"] == first["n"]]
    assert entry["key"] == f"1-{first['n']}" and "hlm. 17" in entry["label"]


def test_picker_and_api_docs_restrict_and_unknown_ids_are_an_error(app) -> None:
    question = "Posyandu remaja di Desa Waimangura mencatat laporan apa?"
    only_note = app.answer_payload(question, docs=["catatan"])
    assert {c["study"] for c in only_note["citations"]} == {"catatan"}
    one = app.answer_payload(question, docs="catatan")  # one id as a string, not its letters
    assert {c["study"] for c in one["citations"]} == {"catatan"}
    assert only_note["citations"][0]["line"] == 3  # txt/md: the line it starts on, no page
    only_thesis = app.answer_payload(question, docs=[THESIS])
    assert {c["study"] for c in only_thesis["citations"]} <= {THESIS}
    assert app.answer_payload(question)["citations"]  # no docs: every document, as before
    assert "Known documents" in app.answer_payload(question, docs=["tidak-ada"])["error"]
    bad = _ask(app, question, ["tidak-ada"])
    assert "Known documents" in bad.messages[-1]["content"] and bad.payload["error"]


def test_locate_is_strict_better_nothing_than_the_wrong_sentence() -> None:
    page = "Ini teks. Program ini memperkuat layanan perlin-\r\ndungan anak di tingkat desa. Akhir."
    start, end = locate("Program ini memperkuat layanan perlindungan anak di tingkat desa.", page)
    assert page[start:end].startswith("Program ini") and page[start:end].endswith("desa")
    assert locate("Program ini memperkuat layanan kesehatan ibu di tingkat kota.", page) is None
    sentence = "Sebanyak 347 kader desa dilatih mengenali tanda kekerasan terhadap anak."
    assert locate(sentence.replace("347", "348"), sentence) is None  # numbers must agree
    assert locate("di tingkat desa", page) is None  # too short to trust
    ligature = "Kader dilatih secara efisien oleh petugas ﬁnansial desa."  # a PDF's "ﬁ" glyph
    assert locate("Kader dilatih secara efisien oleh petugas finansial desa.", ligature) == (
        0,
        len(ligature) - 1,
    )


def test_pdf_page_boxes_the_cited_sentence_and_nothing_for_others(app) -> None:
    path = app.settings.uploads_dir / f"{THESIS}.pdf"
    other_page = body_sentences(10)[0]  # a sentence of another page
    view = render_page(path, 17, [PHRASE_17, other_page, "Kalimat ini tidak ada di mana pun."])
    assert view.pages == 30 and view.png.startswith(b"\x89PNG") and view.width == 1000
    found, elsewhere, nowhere = view.boxes
    assert len(found) == 2 and elsewhere == [] and nowhere == []  # the sentence spans two lines
    left, top, width, height = found[0]
    assert 0 < left < 1 and 0.05 < top < 0.3 and 0 < width <= 1 and 0 < height < 0.05
    with pytest.raises(IndexError):
        render_page(path, 31, [PHRASE_17])


def test_viewer_opens_the_cited_page_and_says_when_nothing_is_located(app) -> None:
    update = _ask(app, "Berapa kader desa di Kecamatan Kodi Utara yang dilatih?", [THESIS])
    lib, session = app.library, update.session
    key = session["sources"][0]["key"]
    html = lib.view(key, session, "en")
    assert "Page 17 of 30" in html and 'class="cp-viewer-note cp-found"' in html
    assert html.count('<div class="cp-hl"') == 2 and "data:image/png;base64," in html
    # the same passage said to be on page 18: its sentence is not there, nothing is boxed
    data = app.loader.vectorstore().get(ids=[session["sources"][0]["chunk_id"]])
    moved = Passage.from_metadata(data["ids"][0], data["documents"][0], data["metadatas"][0])
    moved = moved.model_copy(update={"page": 18})
    html = lib.viewer._pdf(lib.viewer.open(moved.source), moved, [PHRASE_17], "en")
    assert "cp-notfound" in html and 'class="cp-hl"' not in html and "Page 18 of 30" in html
    assert lib.view("../../etc/passwd", session, "en") == ""  # only the session's own sources
    assert lib.view(key, new_session(), "en") == ""


def test_viewer_shows_text_documents_in_context_escaped(app) -> None:
    update = _ask(app, "Posyandu remaja di Desa Waimangura mencatat laporan apa?", ["catatan"])
    html = app.library.view(update.session["sources"][0]["key"], update.session, "id")
    assert "baris 3" in html and 'class="cp-context"' in html
    assert '<mark class="cp-hl-text">Posyandu remaja di Desa Waimangura' in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html and "<script>" not in html
    docx = _ask(app, "Siapa yang dilatih menerapkan disiplin positif di Kupang?", ["skripsi-docx"])
    html = app.library.view(docx.session["sources"][0]["key"], docx.session, "en")
    assert "para. " in html and 'class="cp-context"' in html


def test_only_the_stores_own_source_files_are_opened(app, tmp_path) -> None:
    viewer = app.library.viewer
    pdf = app.settings.uploads_dir / f"{THESIS}.pdf"
    assert viewer.open(str(pdf)) == pdf
    sneaky = [
        "../../etc/passwd",
        "/etc/passwd",
        f"{app.settings.uploads_dir}/../uploads/{THESIS}.pdf",
        f"uploads/{THESIS}.pdf",
        str(app.settings.feedback_file),
        "",
        "/tmp/\x00.pdf",
    ]
    for path in sneaky:
        with pytest.raises(SourceRefused):
            viewer.open(path)
    link = tmp_path / "link.pdf"  # a "known" path that is a link elsewhere
    os.symlink("/etc/hostname", link)
    with pytest.raises(SourceRefused):
        open_source(str(link), lambda _: True)
    with pytest.raises(SourceRefused):  # known, but not a document type
        open_source("/etc/hostname", lambda _: True)


def test_documents_tab_lists_and_edits_metadata_into_chunks_index_and_sidecar(app) -> None:
    from cpassist.ingest.pipeline import ingest_paths

    lib = app.library
    rows = {r[0]: r for r in lib.rows()}
    assert (
        rows[THESIS][1:6]
        == [
            "Perlindungan Anak Berbasis Komunitas di Kabupaten Sumba Barat Daya",
            "en, id",
            30,
            rows[THESIS][4],
            f"{THESIS}.pdf",
        ]
        and rows[THESIS][4] > 0
    )
    form = lib.form(THESIS)
    assert (form.authors, form.year, form.institution) == (
        "Rina Wulandari",
        "2021",
        "Universitas Nusantara Raya",
    )
    assert "1000" in lib.save_metadata(THESIS, form.title, form.authors, "abad 21", "", "en")
    assert lib.form(THESIS) == form  # a bad year changes nothing
    said = lib.save_metadata(
        THESIS, "Komunitas dan Anak di Sumba", "Rina Wulandari\nBudi Santoso", "2022", "", "en"
    )
    assert "saved" in said and f"{THESIS}.pdf.meta.json" in said
    assert lib.form(THESIS) == (
        "Komunitas dan Anak di Sumba",
        form.authors + "\nBudi Santoso",
        "2022",
        "",
    )
    sidecar = json.loads((app.settings.uploads_dir / f"{THESIS}.pdf.meta.json").read_text())
    assert sidecar == {
        "title": "Komunitas dan Anak di Sumba",
        "authors": ["Rina Wulandari", "Budi Santoso"],
        "year": 2022,
    }
    hits = app.loader.wait().retriever.restricted_to([THESIS]).search("kader desa Kodi Utara", k=2)
    assert hits and hits[0].title == "Komunitas dan Anak di Sumba" and hits[0].year == 2022
    answer = app.answer_payload("Berapa kader desa di Kecamatan Kodi Utara dilatih?", docs=[THESIS])
    assert answer["citations"][0]["reference"].startswith("Rina Wulandari; Budi Santoso (2022).")
    # ingested again, the file keeps the edited metadata (from its sidecar)
    ingest_paths(
        [app.settings.uploads_dir / f"{THESIS}.pdf"], app.settings, prune=False, progress=False,
        vectorstore=app.loader.vectorstore(),
    )  # fmt: skip
    assert lib.form(THESIS).title == "Komunitas dan Anak di Sumba"
    assert "Not (or no longer)" in lib.save_metadata("tidak-ada", "x", "", "", "", "en")
    assert lib.save_metadata(None, "x", "", "", "", "id") == "Pilih dokumen terlebih dahulu."


def test_library_update_metadata_validates_before_writing(app) -> None:
    library = app.library.library()
    for bad in ({"title": ""}, {"year": 3000}, {"pages": 3}, {"authors": ["x" * 300]}):
        with pytest.raises(InputError):
            library.update_metadata(THESIS, bad)
    report = library.update_metadata("catatan", {"institution": "LSM Sumba", "year": None})
    assert report.chunks_updated == 1 and report.sidecars == []  # no sidecar root given
    assert app.library.form("catatan").institution == "LSM Sumba"


def test_remove_needs_a_confirmation_then_removes_only_that_document(app) -> None:
    lib = app.library
    question, ok = lib.confirm_remove("hapus-saya", "id")
    assert ok and "Dokumen sementara" in question and "File aslinya tidak dihapus" in question
    assert "hapus-saya" in [r[0] for r in lib.rows()]  # asking removes nothing
    assert lib.confirm_remove(None, "en") == ("Choose a document first.", False)
    assert "removed" in lib.remove("hapus-saya", "en")
    ids = [r[0] for r in lib.rows()]
    assert "hapus-saya" not in ids and THESIS in ids and "catatan" in ids
    assert (app.settings.uploads_dir / "hapus-saya.md").is_file()  # the file itself stays
    assert "Not (or no longer)" in lib.remove("hapus-saya", "en")


def test_export_writes_the_conversation_as_markdown(app) -> None:
    first = _ask(app, "Berapa kader desa di Kecamatan Kodi Utara yang dilatih?", [THESIS])
    second = _ask(app, "Apa isi catatan lapangan?", ["catatan"], first.session)
    path, message = app.library.export(second.session, "id")
    text = Path(path).read_text(encoding="utf-8")
    assert message == "" and path.suffix == ".md"
    assert "## 1. Berapa kader desa" in text and "## 2. Apa isi catatan lapangan?" in text
    assert "(hlm. 17)" in text and "[1] " in text
    assert app.library.export(new_session(), "en") == (None, "There is no answer to export yet.")
