"""Cleaning, sentence splitting, and the language/section split of both studies (real files)."""

from __future__ import annotations

from cpassist.ingest.chunking import split_sentences, windows
from cpassist.ingest.clean import Mapped, clean_text
from cpassist.ingest.sections import split_document
from tests.conftest import DOWN_TO_ZERO, NEPAL


def _mapped(text: str) -> Mapped:
    return Mapped(text, tuple(range(len(text))))


def test_nepal_blank_line_artefacts_are_removed_but_original_is_kept() -> None:
    raw = NEPAL.read_text(encoding="utf-8")
    paragraphs = clean_text(raw)
    for p in paragraphs:
        assert "\n" not in p.text
        assert "  " not in p.text
        assert p.text == p.text.strip()
    first = paragraphs[0]
    assert "cukup tinggi di Asia Selatan" in first.text  # the line broken mid-sentence is joined
    assert "cukup \n\ntinggi" in first.mapped.original(raw)  # the original span keeps the artefacts


def test_down_to_zero_emphasis_removed_and_paragraphs_kept() -> None:
    paragraphs = clean_text(DOWN_TO_ZERO.read_text(encoding="utf-8"))
    assert not any("*" in p.text for p in paragraphs)
    assert any(
        "konsep Eksplorasi Seksual Komersial Anak, Gobal in the Local untuk" in p.text
        for p in paragraphs
    )
    kinds = [p.kind for p in paragraphs]
    # heading, 3 real paragraphs, keywords; the same in English
    assert kinds == ["heading", "text", "text", "text", "keywords"] * 2


def test_hyphenated_line_breaks_joined_but_reduplication_kept() -> None:
    raw = "Kebijakan perlin-\n\ndungan anak-\n\nanak di Nepal masih \n\nlemah dan _perlu_ diperbaiki **segera**.\n\nIni baris dua yang \n\nterpotong juga."
    (p,) = clean_text(raw)
    assert p.text == (
        "Kebijakan perlindungan anak-anak di Nepal masih lemah dan perlu diperbaiki segera. "
        "Ini baris dua yang terpotong juga."
    )


def test_wrapped_keyword_line_stays_one_keywords_paragraph() -> None:
    raw = "Hasil penelitian.\nKata Kunci: anak, ECPAT,\nNepal, perdagangan\nanak\nABSTRACT\nThe result."
    paragraphs = clean_text(raw)
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("text", "Hasil penelitian."),
        ("keywords", "Kata Kunci: anak, ECPAT, Nepal, perdagangan anak"),
        ("heading", "ABSTRACT"),
        ("text", "The result."),
    ]


def test_real_paragraph_breaks_stay() -> None:
    raw = "First paragraph ends here.\nIt continues on a wrapped line.\n\nSecond paragraph starts."
    assert [p.text for p in clean_text(raw)] == [
        "First paragraph ends here. It continues on a wrapped line.",
        "Second paragraph starts.",
    ]


def test_sentence_splitter_handles_abbreviations_and_decimals() -> None:
    text = "Dr. Smith visited Jl. Sudirman no. 5 in 2009. The rate was 3.5 per cent, e.g. in Kathmandu. Menurut Ani dkk. (2020), hal ini benar! Lalu? Ya."
    assert [s.text for s in split_sentences(_mapped(text))] == [
        "Dr. Smith visited Jl. Sudirman no. 5 in 2009.",
        "The rate was 3.5 per cent, e.g. in Kathmandu.",
        "Menurut Ani dkk. (2020), hal ini benar!",
        "Lalu?",
        "Ya.",
    ]


def test_windows_cover_every_sentence_with_overlap() -> None:
    assert windows(7, 3, 1) == [(0, 3), (2, 5), (4, 7)]
    assert windows(4, 3, 1) == [(0, 3), (2, 4)]
    assert windows(2, 3, 1) == [(0, 2)]
    assert windows(3, 1, 0) == [(0, 1), (1, 2), (2, 3)]
    assert windows(0, 3, 1) == []


def test_nepal_language_split_without_heading() -> None:
    segments = split_document(clean_text(NEPAL.read_text(encoding="utf-8")))
    assert [(s.language, s.section) for s in segments] == [("id", "body"), ("en", "body")]
    indonesian, english = segments
    assert indonesian.text.startswith("Nepal merupakan negara")
    assert indonesian.text.endswith("belum menunjukkan penurunan yang konsisten.")
    assert english.text.startswith("Nepal ia a country")
    assert english.text.endswith("has not shown a consistent decrease over the years.")


def test_nepal_language_split_when_everything_is_one_paragraph() -> None:
    # remove the only line break between the two languages: after cleaning it is one paragraph
    raw = NEPAL.read_text(encoding="utf-8").replace("konsisten. \n", "konsisten. ")
    assert len(clean_text(raw)) == 1
    indonesian, english = split_document(clean_text(raw))
    assert (indonesian.language, english.language) == ("id", "en")
    assert indonesian.text.endswith("belum menunjukkan penurunan yang konsisten.")
    assert english.text.startswith("Nepal ia a country")


def test_down_to_zero_sections() -> None:
    segments = split_document(clean_text(DOWN_TO_ZERO.read_text(encoding="utf-8")))
    assert [(s.language, s.section) for s in segments] == [
        ("id", "INTISARI"),
        ("id", "Kata Kunci"),
        ("en", "ABSTRACT"),
        ("en", "Keywords"),
    ]
    assert segments[0].text.startswith("Eksplorasi Seksual Komersial Anak (ESKA) merupakan")
    assert segments[1].text.startswith("Kata Kunci: Eksplorasi Seksual")
    assert segments[2].text.startswith("Commercial Sexual Exploitation of Children (CSEC)")
    assert segments[3].text.endswith("Advocacy, Socialization")


def test_a_short_odd_sentence_does_not_start_a_new_language_part() -> None:
    raw = (
        "Penelitian ini membahas kerja sama antara pemerintah dan organisasi internasional. "
        "Data from ECPAT. "
        "Hasil penelitian menunjukkan bahwa kerja sama tersebut belum berjalan dengan baik."
    )
    segments = split_document(clean_text(raw))
    assert [s.language for s in segments] == ["id"]


def test_a_real_bilingual_pdf_is_split_by_heading_language_and_keywords(tmp_path) -> None:
    from cpassist.ingest.loaders import load_file
    from tests.test_ingest_loaders import make_pdf

    pdf = make_pdf(
        tmp_path / "bilingual.pdf",
        [
            "ABSTRAK",
            "Penelitian ini membahas kerja sama antara Nepal dan ECPAT dalam mengatasi perdagangan anak "
            "yang dipengaruhi oleh kemiskinan dan pendidikan yang rendah. Data dikumpulkan dari laporan.",
            "Kata Kunci: perdagangan anak, ECPAT, Nepal",
            "ABSTRACT",
            "This research discusses the cooperation between Nepal and ECPAT in tackling child trafficking "
            "driven by poverty and low education. Data were collected from official reports.",
            "Keywords: child trafficking, ECPAT, Nepal",
        ],
    )
    segments = split_document(clean_text(load_file(pdf).text))
    assert [(s.language, s.section) for s in segments] == [
        ("id", "ABSTRAK"),
        ("id", "Kata Kunci"),
        ("en", "ABSTRACT"),
        ("en", "Keywords"),
    ]
    # the line the PDF wrapped mid-sentence is joined again
    assert "perdagangan anak yang dipengaruhi" in segments[0].text


def test_a_by_line_of_names_takes_the_language_of_the_report() -> None:
    """ "Author: ..., Universitas Airlangga" reads as Indonesian to a detector, but names say
    nothing of the language: an English report stays one English segment."""
    raw = (
        "# Making Reporting Accessible\n\n"
        "Author: Maria Ulfa Rahmawati (2024), Disability and Inclusion Research Unit, "
        "Universitas Airlangga\n\n"
        "Children with disabilities experience violence more often than other children, yet they "
        "rarely appear in official reports. The pilot ran from March 2022 to February 2024.\n"
    )
    segments = split_document(clean_text(raw))
    assert {s.language for s in segments} == {"en"}


def test_a_bold_run_in_heading_names_the_section_instead_of_joining_the_text() -> None:
    text = (
        "## Findings\n\n"
        "**Hazards.** 64.6% of working children handled wet leaves. Few used gloves.\n\n"
        "**Kampung Tembakau Bebas Pekerja Anak.** Since 2021 the programme ran in 3 villages.\n\n"
        "A **bold.** word inside a sentence stays, and so does **a long bold lead that runs on "
        "for many more than eight words.** after it.\n"
    )
    paragraphs = clean_text(text)
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("heading", "## Findings"),
        ("heading", "## Hazards"),
        ("text", "64.6% of working children handled wet leaves. Few used gloves."),
        ("heading", "## Kampung Tembakau Bebas Pekerja Anak"),
        ("text", "Since 2021 the programme ran in 3 villages."),
        ("text", "A bold. word inside a sentence stays, and so does a long bold lead that runs on "
                 "for many more than eight words. after it."),
    ]  # fmt: skip
    # offsets still point into the original: the heading at its words, the text after the lead
    assert paragraphs[1].mapped.original(text) == "Hazards"
    assert paragraphs[2].mapped.original(text).startswith("64.6% of working")
    segments = split_document(paragraphs)
    assert [s.section for s in segments] == ["Hazards", "Kampung Tembakau Bebas Pekerja Anak"]
    assert not any("Hazards." in s.text or "Anak. Since" in s.text for s in segments)
