"""What a question asks for, seen in the answer: a list's lead brings its items, the aim of a study
answers nothing else, barriers and frequencies are asked for as such, a ranking is a list of
shares; and a figure of one place, a person in an office or a company's name is refused when the
document does not give it (real pipeline, real e5, an Indonesian report asked in English)."""

from __future__ import annotations

import pytest

REPORT = """# Evaluasi Program Pendampingan Remaja di Kabupaten Sigi, 2022–2024

Nur Aisyah dan Rahmat Lamarauna, Pusat Studi Anak Universitas Tadulako. Laporan akhir, Mei 2024.

## Latar Belakang

Program Pendampingan Remaja diprakarsai oleh Dinas Sosial Kabupaten Sigi pada 2022 setelah gempa
dan likuefaksi 2018. Tujuan evaluasi ini adalah memahami hambatan apa yang dihadapi pendamping
remaja dan bagaimana kasus remaja diselesaikan. Program berjalan di tiga kecamatan, yaitu Dolo,
Marawola, dan Biromaru, dengan 412 remaja peserta. Sebagian remaja peserta bekerja di kebun kakao
milik perusahaan perkebunan di sekitar desa.

## Temuan

Kunjungan rumah oleh pendamping direncanakan setiap minggu, tetapi berkas kasus menunjukkan
kunjungan rata-rata hanya dilakukan setiap dua bulan.

Hambatan utama yang disebut pendamping adalah:

- jarak ke desa yang jauh dan jalan yang rusak (52%);
- tidak adanya anggaran transportasi (31%);
- kurangnya pelatihan tentang konseling remaja (17%).

Penyebab paling umum kasus remaja adalah konflik dalam keluarga, disusul putus sekolah.

Dari 120 kasus yang selesai, 58% diselesaikan di tingkat desa, 30% di tingkat kecamatan, dan 12%
di tingkat kabupaten.

## Rekomendasi

Dinas Sosial Kabupaten Sigi perlu menyediakan anggaran transportasi bagi pendamping.
"""


@pytest.fixture(scope="module")
def sigi(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(
        tmp_path_factory, e5_cached, {"id-pendampingan-remaja-sigi.md": REPORT}
    )


def test_a_barrier_question_in_other_words_gets_the_list_of_barriers_not_the_aim(sigi):
    result = sigi.ask("What stops the Sigi mentors from doing their work?")
    assert not result.abstained, result.answer
    assert "jarak ke desa yang jauh" in result.answer, result.answer
    assert "Tujuan evaluasi ini" not in result.answer, result.answer


def test_a_list_lead_brings_its_items_for_any_question(sigi):
    result = sigi.ask("What was the main obstacle named by the Sigi mentors, and the second?")
    assert not result.abstained, result.answer
    assert "jarak ke desa" in result.answer, result.answer
    assert "anggaran transportasi (31%)" in result.answer, result.answer


def test_how_often_is_answered_by_the_frequency(sigi):
    result = sigi.ask("How often were home visits actually made in the Sigi youth programme?")
    assert not result.abstained, result.answer
    assert "setiap dua bulan" in result.answer, result.answer


def test_which_level_most_is_answered_by_the_ranked_shares(sigi):
    result = sigi.ask(
        "At which level were most of the resolved cases in the Sigi programme settled?"
    )
    assert not result.abstained, result.answer
    assert "58% diselesaikan di tingkat desa" in result.answer, result.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (  # the sub-district is only an item of the list of three: that list is quoted
            "How many participants were there in Dolo subdistrict alone in the Sigi programme?",
            "only in a list",
        ),
        (
            "Berapa remaja peserta di Kecamatan Marawola saja dalam program Sigi?",
            "hanya dalam sebuah daftar",
        ),
        ("What is the name of the head of the Sigi district social affairs office?", "person"),
        ("Which cocoa company employs the adolescents of the Sigi programme?", "company"),
    ],
)
def test_a_part_person_or_company_the_report_does_not_give_is_refused(sigi, question, said):
    result = sigi.ask(question)
    assert result.abstained, result.answer
    assert said in result.answer, result.answer


def test_the_whole_figure_is_still_answered(sigi):
    result = sigi.ask("How many adolescents took part in the Sigi youth mentoring programme?")
    assert not result.abstained, result.answer
    assert "412" in result.answer, result.answer


def test_asked_kinds_unit():
    from cpassist.answer_type import asked_places_of, expected_answer_type, names_a_person
    from cpassist.focus import question_focus
    from cpassist.text import english_base

    assert [english_base(w) for w in ("helped", "carried", "stopping", "visits")] == [
        "help", "carry", "stop", "visit",
    ]  # fmt: skip
    assert question_focus("What keeps girls from reporting?").names >= {"barrier"}
    assert question_focus("Seberapa sering kunjungan dilakukan?").names == {"frequency"}
    assert asked_places_of("How many victims from Leihitu subdistrict?") == {"Leihitu"}
    assert asked_places_of("Berapa anak di Kecamatan Rasau Jaya saja?") == {"Rasau Jaya"}
    assert asked_places_of("How many children in Semarang were surveyed?") == set()
    assert expected_answer_type("What kind of company employs them?") is None
    assert expected_answer_type("Perusahaan mana yang membeli tembakau?") == "company"
    assert names_a_person("Kepala DP3A, Ibu Sari Lestari, mengatakan")
    assert names_a_person("The office head, Maria Lopez, said")
    assert not names_a_person("Kepala Dinas Sosial Kabupaten Sigi memimpin program.")


def test_a_negated_glossary_phrase_pairs_nothing():
    from cpassist.lexicon import translations
    from cpassist.text import stem

    assert "innoce" not in translations({stem("bersalah")})
    assert not translations({"tidak"}) - {"tidak"} - translations({"tidak"}, core=True)


def test_a_count_of_things_is_no_amount_of_money_because_money_is_named():
    from cpassist.answer_type import expected_answer_type

    assert expected_answer_type("Berapa desa yang mengalokasikan Dana Desa pada 2024?") == "count"
    assert expected_answer_type("How many villages allocated Village Fund money?") == "count"
    assert expected_answer_type("Berapa total anggaran asesmen ini?") == "money"
    assert expected_answer_type("Berapa gaji bulanan seorang agen?") == "money"
    assert expected_answer_type("Berapa dana desa yang dialokasikan?") == "money"
    assert expected_answer_type("What was the average monthly household income?") == "money"


def test_a_programme_named_in_lower_case_picks_the_document_whose_title_bears_it():
    """ "program keluarga tangguh": "Tangguh" is written only in the English report's title among
    the passages fetched, "program" capitalised only in another report's "Program Keluarga
    Harapan": the report titled with the name is the one asked about."""
    from cpassist.schema import Passage
    from cpassist.study_mix import about_named

    def passage(study: str, language: str, title: str, text: str) -> Passage:
        return Passage(
            chunk_id=study, text=text, study=study, language=language, section="", title=title,
            source=f"{study}.md", position=0,
        )  # fmt: skip

    parenting = passage(
        "en-parenting", "en", 'Endline Evaluation of the "Keluarga Tangguh" Parenting Classes',
        "Harsh physical punishment fell from 47.3% to 21.0% among caregivers.",
    )  # fmt: skip
    prisons = passage(
        "id-lampung", "id", "Kesejahteraan Anak dari Orang Tua di Penjara",
        "Sebagian besar keluarga kehilangan penghasilan setelah orang tua ditahan, dan hanya 18,2% "
        "rumah tangga yang menerima Program Keluarga Harapan (PKH), program bantuan tunai.",
    )  # fmt: skip
    question = "berapa persen orang tua di program keluarga tangguh yang masih pake hukuman fisik?"
    assert [p.study for p in about_named(question, [prisons, parenting])] == ["en-parenting"]
