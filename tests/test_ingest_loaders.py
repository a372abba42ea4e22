"""Loading real files: PDF (made with fpdf2), DOCX (python-docx), text encodings, and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpassist.ingest.loaders import LoadError, expand_paths, load_file


def make_pdf(path: Path, lines: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line)
        pdf.ln(2)
    pdf.output(str(path))
    return path


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "study.pdf", ["Penelitian ini membahas perlindungan anak.", "Second line."]
    )
    loaded = load_file(pdf)
    assert "perlindungan anak" in loaded.text
    assert "Second line." in loaded.text
    assert len(loaded.source_hash) == 64


def test_docx_paragraphs_in_order(tmp_path: Path) -> None:
    doc = make_docx(tmp_path / "study.docx", ["First paragraph.", "", "Kedua paragraf."])
    text = load_file(doc).text
    assert text.index("First paragraph.") < text.index("Kedua paragraf.")
    assert text.count("\n\n") == 1  # the empty paragraph is dropped


def test_docx_headings_become_section_headings(tmp_path: Path) -> None:
    import docx

    from cpassist.ingest.clean import clean_text
    from cpassist.ingest.sections import split_document

    document = docx.Document()
    document.add_heading("Abstrak", level=1)
    document.add_paragraph(
        "Penelitian ini membahas perlindungan anak dari eksploitasi di Indonesia."
    )
    document.add_heading("Abstract", level=1)
    document.add_paragraph("This research discusses the protection of children from exploitation.")
    document.save(str(tmp_path / "paper.docx"))
    segments = split_document(clean_text(load_file(tmp_path / "paper.docx").text))
    assert [(s.language, s.section) for s in segments] == [("id", "ABSTRAK"), ("en", "ABSTRACT")]


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeffAnak-anak berhak dilindungi.\r\nKedua.".encode())
    assert load_file(f).text == "Anak-anak berhak dilindungi.\nKedua."


def test_utf16_with_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "wide.md"
    f.write_bytes("Perlindungan anak.".encode("utf-16"))
    assert load_file(f).text == "Perlindungan anak."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.rtf", b"{\\rtf1 hello}", "unsupported file type '.rtf'"),
        ("blob.txt", b"abc\x00\x01\x02def", "binary file"),
        ("latin.txt", "Pendidikan rendah, café".encode("latin-1"), "undecodable: not UTF-8"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t \n", "empty file"),
        ("corrupt.pdf", b"%PDF-1.4\nthis is not really a pdf", "corrupt PDF"),
        ("corrupt.docx", b"PK\x03\x04 not a zip at all", "corrupt DOCX"),
    ],
)
def test_bad_files_raise_a_named_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(LoadError) as info:
        load_file(f)
    assert reason in str(info.value)


def test_pdf_without_text_is_empty(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.output(str(tmp_path / "blank.pdf"))
    with pytest.raises(LoadError, match="no extractable text"):
        load_file(tmp_path / "blank.pdf")


def test_folders_are_walked_sorted_recursively_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ["z.txt", "a.md", "b/c.txt", ".hidden.txt", ".git/config.txt"]:
        (tmp_path / rel).write_text("x", encoding="utf-8")
    files, missing = expand_paths([tmp_path, tmp_path / "a.md", tmp_path / "nope.txt"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.md", "b/c.txt", "z.txt"]
    assert missing == [((tmp_path / "nope.txt").resolve(), "not found (no such file or folder)")]


def test_unreadable_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("Anak-anak.", encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)  # root ignores chmod, so simulate it
    with pytest.raises(LoadError, match="unreadable: Permission denied"):
        load_file(f)
