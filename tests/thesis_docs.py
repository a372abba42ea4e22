"""Thesis-like test documents, built on the fly (used by tests/test_library.py and
bench/bench_library.py): a PDF with a cover, running header/footer and printed page numbers, a table
of contents, a list of tables, an Indonesian INTISARI and an English ABSTRACT, BAB I-V, a bibliography
and an appendix; a DOCX with headings; a scanned (image-only) PDF page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

HEADER = "Perlindungan Anak Berbasis Komunitas di Sumba Barat Daya"
FOOTER = "Skripsi Program Studi Kesejahteraan Sosial"
TITLE = "Perlindungan Anak Berbasis Komunitas di Kabupaten Sumba Barat Daya"
AUTHOR = "Rina Wulandari"
INSTITUTION = "Universitas Nusantara Raya"
PHRASE_17 = (
    "Sebanyak 347 kader desa di Kecamatan Kodi Utara dilatih mengenali tanda kekerasan "
    "terhadap anak pada bulan Maret."
)
HYPHEN_LINES = ["Program ini memperkuat layanan perlin-", "dungan anak di tingkat desa."]
SCANNED_TEXT = [
    "Posyandu remaja di Desa Waimangura",
    "mencatat laporan perkawinan anak",
    "dan meneruskannya kepada petugas",
    "perlindungan anak kabupaten.",
]
CHAPTERS = [
    ("BAB I", "PENDAHULUAN"),
    ("BAB II", "TINJAUAN PUSTAKA"),
    ("BAB III", "METODE PENELITIAN"),
    ("BAB IV", "HASIL DAN PEMBAHASAN"),
    ("BAB V", "KESIMPULAN DAN SARAN"),
]
_TOPICS = [
    "pencatatan kelahiran",
    "pengasuhan berbasis keluarga",
    "pencegahan perkawinan anak",
    "layanan rujukan korban",
    "partisipasi anak dalam musyawarah desa",
    "pendidikan kader posyandu",
    "kerja sama dengan tokoh adat",
    "pendampingan psikososial",
]
_VILLAGES = ["Waimangura", "Kalena Wanno", "Watu Kawula", "Bondo Kodi", "Ramadana", "Kadi Wone"]


def body_sentences(page: int) -> list[str]:
    """Eight Indonesian sentences that differ from page to page."""
    topic = _TOPICS[page % len(_TOPICS)]
    other = _TOPICS[(page * 3 + 1) % len(_TOPICS)]
    village = _VILLAGES[page % len(_VILLAGES)]
    n = 11 + page * 7
    return [
        f"Bagian ini membahas {topic} di Desa {village} berdasarkan wawancara dengan {n} informan.",
        f"Para informan menilai bahwa {topic} masih bergantung pada kemauan aparat desa.",
        f"Kader perempuan mencatat {n + 3} kasus yang berkaitan dengan {other} selama tahun itu.",
        "Sebagian besar keluarga tinggal jauh dari puskesmas dan kantor catatan sipil.",
        f"Musyawarah desa di {village} menyepakati anggaran kecil untuk kegiatan {other}.",
        "Petugas dinas sosial datang ke desa paling banyak dua kali dalam setahun.",
        f"Temuan ini sejalan dengan penelitian sebelumnya tentang {topic} di Nusa Tenggara Timur.",
        "Penulis menyimpulkan bahwa dukungan pemerintah kabupaten perlu diperkuat.",
    ]


def _bibliography(count: int) -> list[str]:
    authors = ["Hidayat, A.", "Santoso, B.", "Lestari, C.", "Moeljono, D.", "Pratama, E."]
    return [
        f"{authors[i % len(authors)]} ({2000 + i % 20}). Judul Rujukan Nomor {i + 1} tentang "
        f"Perlindungan Anak. Jakarta: Penerbit Kota {i + 1}."
        for i in range(count)
    ]


def thesis_pdf(path: Path, body_pages: int = 22, *, metadata: bool = True) -> Path:
    """A thesis of `body_pages + 8` pages; with 22 body pages it has 30 and page 17 holds PHRASE_17."""
    from fpdf import FPDF

    class Thesis(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("Helvetica", size=9)
                self.cell(0, 6, HEADER, new_x="LMARGIN", new_y="NEXT", align="C")
                self.ln(4)

        def footer(self) -> None:
            if self.page_no() > 1:
                self.set_y(-20)
                self.set_font("Helvetica", size=9)
                self.cell(0, 5, FOOTER, new_x="LMARGIN", new_y="NEXT", align="C")
                self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Thesis()
    if metadata:
        pdf.set_title(TITLE)
        pdf.set_author(AUTHOR)
    pdf.set_auto_page_break(False)

    def page(lines: list[str], size: int = 11) -> None:
        pdf.add_page()
        pdf.set_font("Helvetica", size=size)
        pdf.multi_cell(0, 6, "\n".join(lines))

    page(
        [
            "SKRIPSI",
            "",
            "PERLINDUNGAN ANAK BERBASIS KOMUNITAS",
            "DI KABUPATEN SUMBA BARAT DAYA",
            "",
            "Diajukan untuk memenuhi sebagian syarat memperoleh gelar Sarjana",
            "",
            "oleh",
            AUTHOR,
            "NIM 17/412345/SP/27890",
            "",
            "PROGRAM STUDI KESEJAHTERAAN SOSIAL",
            INSTITUTION.upper(),
            "KUPANG",
            "2021",
        ]
    )
    chapter_pages = [5 + 1 + i * body_pages // len(CHAPTERS) for i in range(len(CHAPTERS))]
    toc = [
        "DAFTAR ISI",
        "INTISARI ........................................ 4",
        "ABSTRACT ........................................ 5",
    ]
    toc += [
        f"{c} {t} ........................ {p}"
        for (c, t), p in zip(CHAPTERS, chapter_pages, strict=True)
    ]
    toc += [f"DAFTAR PUSTAKA ........................ {6 + body_pages}"]
    page(toc)
    page(
        [
            "DAFTAR TABEL",
            "Tabel 1. Jumlah informan per desa ............ 12",
            "Tabel 2. Kasus yang dicatat kader ............ 19",
            "Tabel 3. Anggaran desa untuk anak ............ 23",
        ]
    )
    page(
        [
            "INTISARI",
            "Penelitian ini mengkaji perlindungan anak berbasis komunitas di Sumba Barat Daya.",
            "Data dikumpulkan melalui wawancara dengan kader desa, orang tua dan aparat desa.",
            "Hasilnya menunjukkan bahwa kader desa menjadi ujung tombak pencegahan "
            "kekerasan terhadap anak.",
            "",
            "Kata Kunci: perlindungan anak, kader desa, Sumba",
        ]
    )
    page(
        [
            "ABSTRACT",
            "This study examines community-based child protection in Southwest Sumba.",
            "Data were collected through interviews with village cadres, parents and village "
            "officials.",
            "The results show that village cadres are the spearhead of preventing "
            "violence against children.",
            "",
            "Keywords: child protection, village cadres, Sumba",
        ]
    )
    chapter_at = dict(zip(chapter_pages, CHAPTERS, strict=True))
    for number in range(6, 6 + body_pages):
        lines: list[str] = []
        if number in chapter_at:
            lines += [chapter_at[number][0], chapter_at[number][1], ""]
        sentences = body_sentences(number)
        if number == 17:
            sentences.insert(3, PHRASE_17)
        if number == 9:
            lines += HYPHEN_LINES
        lines += [" ".join(sentences[:4]), " ".join(sentences[4:])]
        page(lines)
    refs = _bibliography(24)
    page(["DAFTAR PUSTAKA", *refs[:12]], size=10)
    page(refs[12:], size=10)
    page(
        [
            "LAMPIRAN",
            "Lampiran ini memuat pedoman wawancara yang dipakai dalam penelitian.",
            "Pertanyaan disusun bersama kader desa dan diuji coba di dua dusun.",
        ]
    )
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A two-page PDF: page 1 with a text layer, page 2 an image of text only (a scan)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=56)
    for i, line in enumerate(SCANNED_TEXT):
        draw.text((140, 200 + i * 100), line, fill=0, font=font)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(
        0,
        6,
        "Laporan program perlindungan anak di Sumba Barat Daya tahun 2022. "
        "Halaman berikut adalah hasil pindaian laporan kader.",
    )
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def thesis_docx(path: Path) -> Path:
    """A DOCX report with a title, a table of contents, headings, body text and references."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Laporan Program Sekolah Ramah Anak di Kupang"
    document.core_properties.author = "Yohanes Bria; Maria Seran"
    document.core_properties.created = datetime(2023, 5, 2, tzinfo=UTC)
    document.add_heading("Laporan Program Sekolah Ramah Anak di Kupang", level=0)
    document.add_heading("Daftar Isi", level=1)
    document.add_paragraph("Pendahuluan 1")
    document.add_paragraph("Kesimpulan 4")
    document.add_heading("Pendahuluan", level=1)
    document.add_paragraph(
        "Program sekolah ramah anak dijalankan di dua belas sekolah dasar di Kota Kupang. "
        "Guru dilatih menerapkan disiplin positif tanpa hukuman fisik."
    )
    document.add_paragraph("")
    document.add_paragraph(
        "Komite sekolah membentuk tim pengaduan yang menerima laporan dari murid dan orang tua."
    )
    document.add_heading("Kesimpulan", level=1)
    document.add_paragraph(
        "Hukuman fisik di sekolah dampingan turun tajam setelah satu tahun program berjalan."
    )
    document.add_heading("Daftar Pustaka", level=1)
    document.add_paragraph("Bria, Y. (2019). Disiplin Positif di Sekolah Dasar. Kupang: Lentera.")
    document.save(str(path))
    return path
