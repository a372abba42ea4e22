"""Lists and tables in a one-language report: each item (or row) is a line of its own, a chunk keeps a list with its
lead, an answer quotes the lead with its items, a follow-up asks for a later item, and a premise
ranking first what the list puts lower (or giving "most" to a minority item) is corrected; the
person holding an office is the one named for that office. A real Chroma store, the real e5
embedder, the real ingest."""

from __future__ import annotations

import pytest

REPORT = """# Evaluasi Layanan Konseling Keluarga di Kota Cirebon 2022-2024

Penyusun: Tim Kajian Keluarga, Universitas Swadaya Gunung Jati

## Pengantar

Layanan konseling keluarga Kota Cirebon dipimpin oleh Ibu Ratih Kusumadewi, S.Psi., dan didukung enam konselor.

## Temuan

Masalah yang paling sering dibawa klien ke layanan konseling adalah sebagai berikut:

1. Konflik pola asuh orang tua dan anak: 36,4%
2. Kecanduan gawai pada anak: 27,9%
3. Konflik suami-istri: 18,2%
4. Lainnya: 17,5%

Klien tinggal bersama pengasuh berikut:

1. Ibu kandung: 61,0%
2. Kakek atau nenek: 22,5%
3. Paman atau bibi: 16,5%

Konselor mencatat bahwa waktu tunggu rata-rata mencapai sembilan hari pada 2024.

Jumlah klien layanan meningkat setiap tahun.

| Tahun | Jumlah klien | Konseling daring |
|-------|--------------|------------------|
| 2022 | 846 | 12,4% |
| 2023 | 1.208 | 20,5% |
| 2024 | 1.617 | 31,0% |
"""


@pytest.fixture(scope="module")
def cirebon(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(
        tmp_path_factory, e5_cached, {"id-konseling-keluarga-cirebon.md": REPORT}
    )


def test_a_list_is_one_chunk_with_its_lead_and_each_item_a_sentence(cirebon):
    from cpassist.text import split_sentences

    hits = cirebon.retriever.search(
        "masalah yang paling sering dibawa klien konseling Cirebon", k=5
    )
    chunk = next(h.text for h in hits if "sebagai berikut:" in h.text)
    assert "sebagai berikut:\n1. Konflik pola asuh" in chunk
    assert "\n2. Kecanduan gawai pada anak: 27,9%\n3. Konflik suami-istri: 18,2%" in chunk
    sentences = split_sentences(chunk)
    assert "Kecanduan gawai pada anak: 27,9%" in sentences
    assert "Konflik suami-istri: 18,2%" in sentences


def test_an_answer_quotes_the_lead_with_its_items_and_a_follow_up_gets_the_next(cirebon):
    result = cirebon.ask(
        "What was the most common problem clients brought to the Cirebon family counselling service?"
    )
    assert not result.abstained, result.answer
    assert "sebagai berikut:" in result.answer and "36,4%" in result.answer
    assert "27,9%" in result.answer  # the items go on after the first
    history = [
        {"role": "user", "content": "Apa masalah yang paling sering dibawa klien konseling keluarga Cirebon?"},
        {"role": "assistant", "content": "Konflik pola asuh orang tua dan anak (36,4%)."},
    ]  # fmt: skip
    follow = cirebon.ask("what came after that?", history)
    assert not follow.abstained and "Kecanduan gawai" in follow.answer, follow.answer


def test_a_premise_ranking_first_a_later_item_is_corrected_by_the_list(cirebon):
    result = cirebon.ask(
        "Why was gadget addiction the most common problem in Cirebon family counselling?"
    )
    assert result.answer.startswith("The studies do not say that"), result.answer
    first = result.answer.split("[2]")[0]
    assert "36,4%" in first and "27,9%" in first, result.answer
    # the item the list does rank first is not "corrected"
    true = cirebon.ask(
        "Why was parenting conflict the most common problem in Cirebon family counselling?"
    )
    assert not true.answer.startswith("The studies do not say that"), true.answer


def test_most_said_of_an_item_under_half_in_a_list_is_corrected(cirebon):
    result = cirebon.ask(
        "Kenapa sebagian besar klien konseling keluarga di Cirebon diasuh paman atau bibi?"
    )
    assert result.answer.startswith("Studi tidak menyatakan demikian"), result.answer
    first = result.answer.split("[2]")[0]
    assert "Paman atau bibi: 16,5%" in first and "Klien tinggal bersama pengasuh berikut" in first


def test_the_holder_of_an_office_is_who_the_report_names_for_it(cirebon):
    result = cirebon.ask("Who is the head of the Cirebon family counselling service?")
    assert not result.abstained, result.answer
    assert "Ratih Kusumadewi" in result.answer
    refused = cirebon.ask("Siapa wali kota Cirebon pada tahun 2023?")
    assert refused.abstained, refused.answer


def test_a_table_row_is_read_and_quoted_with_its_header(cirebon):
    hits = cirebon.retriever.search("jumlah klien konseling Cirebon per tahun", k=5)
    chunk = next(h.text for h in hits if "| 2023 | 1.208 |" in h.text)
    assert "| Tahun | Jumlah klien |" in chunk  # the rows stay with their header
    result = cirebon.ask(
        "How many clients did the Cirebon family counselling service have in 2023?"
    )
    assert not result.abstained, result.answer
    assert "1.208" in result.answer and "Jumlah klien" in result.answer, result.answer


def test_a_place_written_in_lower_case_names_its_report(cirebon):
    from cpassist.ranking import title_names

    index = cirebon.retriever.keyword_index()
    names = title_names(index)
    assert "cirebon" in names and "evaluasi" not in names
    hits = cirebon.retriever.search("who heads the family counselling in cirebon?", k=5)
    assert hits[0].study.startswith("id-konseling-keluarga-cirebon")
