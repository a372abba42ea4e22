"""Whole documents (issue 11): pages and places, OCR of scanned pages, header/footer/TOC/bibliography
cleaning, document metadata and sidecars, reference lines, the chat export. Documents are built
here (tests/thesis_docs.py); the end-to-end tests use the real pipeline, real Chroma and real e5."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from thesis_docs import (
    AUTHOR,
    FOOTER,
    HEADER,
    INSTITUTION,
    PHRASE_17,
    SCANNED_TEXT,
    scanned_pdf,
    thesis_docx,
    thesis_pdf,
)

from cpassist.ingest import ocr
from cpassist.ingest.layout import clean_pages, is_page_number, strip_running_lines
from cpassist.ingest.loaders import LoadError, load_file
from cpassist.ingest.pages import LoadOptions
from cpassist.settings import Settings

OCR_OK, OCR_WHY = ocr.available()
needs_ocr = pytest.mark.skipif(not OCR_OK, reason=f"no OCR here ({OCR_WHY}): run `make ocr`")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("library")
    thesis_pdf(folder / "thesis.pdf")
    thesis_docx(folder / "report.docx")
    scanned_pdf(folder / "scan.pdf")
    return folder


@pytest.fixture(scope="module")
def library(docs: Path, tmp_path_factory: pytest.TempPathFactory, e5_cached):
    """(settings, store, report) of the three documents ingested with the default settings."""
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("library-store") / "data")
    store = build_vectorstore(settings, embeddings=e5_cached)
    report = ingest_paths([docs], settings, vectorstore=store, progress=False)
    return settings, store, report


def _chunks(store, source: Path | None = None) -> list[tuple[str, dict]]:
    data = store._collection.get(
        where={"source": str(source)} if source else None, include=["documents", "metadatas"]
    )
    return sorted(
        zip(data["documents"], data["metadatas"], strict=True), key=lambda r: r[1]["position"]
    )


# --- cleaning, without a store -------------------------------------------------------------


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    words = "anak desa kader sekolah keluarga hukum layanan rujukan".split()
    body = [[f"Tentang {w} pada halaman ini.", f"Bagian {w} berlanjut di sini."] for w in words]
    pages = [[f"Judul Skripsi {n}", *b, "Kampus Contoh", str(n)] for n, b in enumerate(body, 1)]
    assert strip_running_lines(pages) == body
    assert is_page_number("- 12 -") and is_page_number("Halaman 3") and is_page_number("xii")
    assert not is_page_number("2021", pages=30)  # a year on a cover
    assert strip_running_lines(pages[:3]) == pages[:3]  # too few pages to tell


def test_toc_and_bibliography_lines_are_labelled() -> None:
    pages = [
        ["DAFTAR ISI", "BAB I PENDAHULUAN ........ 1", "BAB II METODE ........ 5"],
        ["BAB I", "PENDAHULUAN", "Penelitian ini membahas perlindungan anak di desa."],
        ["DAFTAR PUSTAKA", "Santoso, B. (2019). Judul. Jakarta."],
        ["Lestari, C. (2020). Judul lain. Bandung."],
        ["LAMPIRAN", "Pedoman wawancara."],
    ]
    kinds = [{line.kind for line in page} for page in clean_pages(pages)]
    assert kinds == [{"toc"}, {"body"}, {"bibliography"}, {"bibliography"}, {"body"}]
    assert clean_pages(pages)[1][0].text == "BAB I PENDAHULUAN"


def test_thesis_pdf_text_has_pages_and_no_running_lines(docs: Path) -> None:
    loaded = load_file(docs / "thesis.pdf")
    assert loaded.layout.unit == "page" and loaded.layout.pages == 30
    assert loaded.layout.locate(loaded.text.index(PHRASE_17[:40])) == {"page": 17}
    assert HEADER not in loaded.text and FOOTER not in loaded.text
    assert not re.search(r"^\d+$", loaded.text, re.M)  # no printed page number line
    assert "DAFTAR ISI" not in loaded.text and "Judul Rujukan" not in loaded.text
    notes = " ".join(loaded.layout.notes)
    assert "pages 2, 3" in notes and "pages 28, 29" in notes and "INDEX_REFERENCE_PAGES" in notes
    kept = load_file(docs / "thesis.pdf", options=LoadOptions(reference_pages=True))
    assert "Judul Rujukan" in kept.text
    at = kept.text.index("Judul Rujukan Nomor 1 ")
    assert kept.layout.locate(at) == {"page": 28, "kind": "bibliography"}


def test_scanned_page_without_ocr_is_skipped_with_how_to_enable(docs: Path, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "_probe", lambda: ("", "Tesseract is not installed"))
    loaded = load_file(docs / "scan.pdf")
    assert SCANNED_TEXT[0] not in loaded.text
    (note,) = loaded.layout.notes
    assert "pages 2" in note and "Tesseract is not installed" in note and "make ocr" in note


def test_a_pdf_of_only_scans_without_ocr_says_why_it_is_empty(tmp_path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("L", (400, 400), 200), x=0, y=0, w=100)
    pdf.output(str(tmp_path / "scan-only.pdf"))
    with pytest.raises(LoadError, match="no extractable text.*scanned pages.*CPASSIST_OCR=true"):
        load_file(tmp_path / "scan-only.pdf", options=LoadOptions(ocr=False))


def test_metadata_from_cover_and_file_and_sidecar(docs: Path, tmp_path: Path) -> None:
    from cpassist.ingest.metadata import describe

    loaded = load_file(docs / "thesis.pdf")
    fields, notes = describe(loaded.path, loaded.layout.first_page, loaded.layout.info)
    assert fields["authors"] == [AUTHOR] and fields["year"] == 2021 and not notes
    assert fields["institution"] == INSTITUTION
    assert fields["title"]["en"].startswith("Perlindungan Anak Berbasis Komunitas")
    copy = tmp_path / "t.pdf"
    copy.write_bytes((docs / "thesis.pdf").read_bytes())
    (tmp_path / "t.meta.json").write_text(
        json.dumps(
            {"title": {"en": "Community child protection"}, "authors": ["A. B"], "year": 2020}
        )
    )
    fields, _ = describe(copy, loaded.layout.first_page, loaded.layout.info)
    assert fields["title"] == {
        "id": "Community child protection",
        "en": "Community child protection",
    }
    assert (fields["authors"], fields["year"], fields["institution"]) == (
        ["A. B"],
        2020,
        INSTITUTION,
    )
    (tmp_path / "t.pdf.meta.json").write_text('{"year": "soon", "editor": "x"}')
    fields, notes = describe(copy, loaded.layout.first_page, loaded.layout.info)
    assert fields["year"] == 2021 and "t.pdf.meta.json" in notes[0] and "editor" in notes[0]


def test_reference_line_and_in_text() -> None:
    from cpassist.references import in_text, reference_line, with_in_text
    from cpassist.schema import Citation

    c = Citation(
        n=1,
        chunk_id="x",
        study="s",
        title="Judul",
        language="en",
        section="body",
        text="t",
        page=12,
        authors=["Budi Santoso"],
        year=2021,
        institution="UGM",
    )
    assert reference_line(c) == "Budi Santoso (2021). Judul. UGM, p. 12."
    assert in_text(c) == "(Santoso, 2021, p. 12)"
    assert with_in_text("Kader dilatih [1].", [c]) == "Kader dilatih (Santoso, 2021, p. 12)."
    bare = Citation(
        n=2,
        chunk_id="y",
        study="s",
        title="A Long Report Title Here",
        language="id",
        section="body",
        text="t",
    )
    assert (
        in_text(bare) == "(A Long Report Title…, n.d.)"
        and reference_line(bare) == "A Long Report Title Here."
    )


# --- end to end: real pipeline, Chroma and e5 ----------------------------------------------


def test_every_chunk_knows_its_place_and_has_no_running_lines(library, docs: Path) -> None:
    settings, store, report = library
    assert report.files_read == 3 and not report.skipped, report.summary()
    thesis = _chunks(store, docs / "thesis.pdf")
    (hit,) = [m for text, m in thesis if PHRASE_17[:40] in text]
    assert hit["page"] == 17 and hit["section"] == "BAB III METODE PENELITIAN"
    for text, meta in thesis:
        assert HEADER not in text and FOOTER not in text and "kind" not in meta
        assert not re.search(r"\b(Halaman|DAFTAR ISI|Judul Rujukan)\b", text)
        assert (meta["authors"], meta["year"], meta["institution"]) == (AUTHOR, 2021, INSTITUTION)
    assert any("perlindungan anak di tingkat desa" in t for t, _ in thesis)  # de-hyphenated
    sections = {m["section"] for _, m in thesis}
    assert {"INTISARI", "ABSTRACT", "BAB I PENDAHULUAN", "BAB V KESIMPULAN DAN SARAN"} <= sections
    abstract = [m for _, m in thesis if m["section"] == "ABSTRACT"]
    intisari_ids = {i for m in abstract for i in m["parallel_ids"].split(",") if i}
    assert intisari_ids and all(m["language"] == "en" for m in abstract)
    docx = _chunks(store, docs / "report.docx")
    assert [m["paragraph"] for _, m in docx] == [6, 10] and all("page" not in m for _, m in docx)
    assert {m["section"] for _, m in docx} == {"PENDAHULUAN", "KESIMPULAN"}
    assert (docx[0][1]["authors"], docx[0][1]["year"]) == ("Yohanes Bria; Maria Seran", 2023)


@needs_ocr
def test_scanned_page_is_found_by_its_words(library) -> None:
    from cpassist.build import build_retriever

    settings, store, _ = library
    passages = build_retriever(settings, vectorstore=store).search(
        "posyandu remaja Waimangura laporan perkawinan anak", k=3
    )
    top = passages[0]
    assert "Waimangura" in top.text and top.ocr and top.page == 2
    assert top.model_dump(mode="json")["page"] == 2


def test_reference_pages_come_back_with_the_setting(library, docs: Path, e5_cached) -> None:
    from cpassist.build import build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    settings, _, _ = library
    on = settings.model_copy(update={"index_reference_pages": True, "collection": "with-refs"})
    store = build_vectorstore(on, embeddings=e5_cached)
    ingest_paths([docs / "thesis.pdf"], on, vectorstore=store, progress=False)
    kinds = {m.get("kind", "body") for _, m in _chunks(store)}
    assert {"toc", "bibliography", "cover"} <= kinds
    hits = build_retriever(on, vectorstore=store).search(
        "Judul Rujukan Nomor 7 Penerbit Kota 7", k=3
    )
    assert hits[0].kind == "bibliography" and hits[0].page == 28


def test_cli_search_ask_and_chat_save(library, tmp_path: Path, monkeypatch, capsys) -> None:
    from cpassist.cli import main

    settings, _, _ = library
    base = ["--data-dir", str(settings.data_dir)]
    assert main(["search", "kader desa Kodi Utara dilatih tanda kekerasan", "--json", *base]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {"page", "ocr", "chunk_id", "score", "section"} <= set(found[0]) and found[0][
        "page"
    ] == 17
    question = "Berapa kader desa di Kecamatan Kodi Utara yang dilatih?"
    assert main(["ask", question, "--json", "--generator", "extractive", *base]) == 0
    result = json.loads(capsys.readouterr().out)
    cited = [c for c in result["citations"] if c["page"] == 17]
    assert cited and cited[0]["reference"].startswith(f"{AUTHOR} (2021). Perlindungan Anak")
    assert cited[0]["reference"].endswith(("p. 17.", "hlm. 17.")) and "[" in result["answer"]
    save = tmp_path / "chat.md"
    monkeypatch.setattr("sys.stdin", io.StringIO(question + "\n\n"))
    assert main(["chat", "--generator", "extractive", "--save", str(save), *base]) == 0
    out = capsys.readouterr().out
    assert ", p. 17 [" in out
    markdown = save.read_text(encoding="utf-8")
    assert question in markdown and f"{AUTHOR} (2021)" in markdown
    assert "> " in markdown and ("(p. 17)" in markdown or "(hlm. 17)" in markdown)


def test_rendered_answer_in_author_year_style_and_markdown_export(tmp_path: Path) -> None:
    from cpassist.export import save_conversation
    from cpassist.references import citation_fields
    from cpassist.render import format_answer
    from cpassist.schema import AnswerResult, Citation

    c = Citation(
        n=1, chunk_id="x", study="s", title="Judul", language="id", section="BAB I",
        text="Kader <b>dilatih</b> di desa.", page=12, authors=["Budi Santoso"], year=2021,
    )  # fmt: skip
    c = c.model_copy(update=citation_fields(c))
    result = AnswerResult(
        question="Siapa yang dilatih?", answer="Kader dilatih [1].", language="id",
        abstained=False, standalone_question="Siapa yang dilatih?", citations=[c],
        generator="extractive",
    )  # fmt: skip
    assert "[1] Judul, p. 12 [BAB I, id]" in format_answer(result)
    styled = format_answer(result, style="author-year")
    assert "Kader dilatih (Santoso, 2021, hlm. 12)." in styled
    assert "Budi Santoso (2021). Judul. hlm. 12." in styled
    markdown = save_conversation(tmp_path / "out" / "chat.md", [result]).read_text()
    assert "## 1. Siapa yang dilatih?" in markdown and "Kader dilatih [1]." in markdown
    assert "[1] Budi Santoso (2021). Judul. hlm. 12." in markdown
    assert "> Kader &lt;b&gt;dilatih&lt;/b&gt; di desa. (hlm. 12)" in markdown


def test_sidecar_overrides_metadata_in_the_store_and_a_bad_one_is_named(
    docs: Path, tmp_path: Path, e5_cached
) -> None:
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "thesis.pdf").write_bytes((docs / "thesis.pdf").read_bytes())
    (folder / "report.docx").write_bytes((docs / "report.docx").read_bytes())
    sidecar = {"title": "Community-based child protection", "authors": "Wulandari, Rina; Bria, Y."}
    (folder / "thesis.meta.json").write_text(json.dumps({**sidecar, "year": 2022}))
    (folder / "report.docx.meta.json").write_text('{"authors": 7}')
    settings = Settings(data_dir=tmp_path / "data")
    store = build_vectorstore(settings, embeddings=e5_cached)
    report = ingest_paths([folder], settings, vectorstore=store, progress=False)
    assert report.files_read == 2 and not report.skipped  # sidecars are not files to ingest
    (bad,) = [f for f in report.files if f.path.endswith("report.docx")]
    assert "sidecar report.docx.meta.json ignored: authors" in bad.reason
    metas = [m for _, m in _chunks(store, folder / "thesis.pdf")]
    assert {(m["title"], m["authors"], m["year"]) for m in metas} == {
        ("Community-based child protection", "Wulandari, Rina; Bria, Y.", 2022)
    }
    assert all(m["institution"] == INSTITUTION for m in metas)  # still from the cover
    assert _chunks(store, folder / "report.docx")[0][1]["authors"] == "Yohanes Bria; Maria Seran"
