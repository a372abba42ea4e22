"""An Indonesian programme report asked in English and in chat Indonesian: the third item of the
list that ranks what is asked (not of another ranked list), a table whose column is in "(%)", a
relative-clause follow-up ("yg selesai sampe akhir brp?"), a comparison sentence over a total, a
"-nya" sentence that continues the one before, a premise of a steady trend, "most X" under half,
and a pass criterion. A real Chroma store, the real e5 embedder, the real ingest."""

from __future__ import annotations

import pytest

REPORT = """# Evaluasi Program Kelas Renang Anak "Sungai Aman" di Kabupaten Sintang, 2021–2024

Laporan akhir Yayasan Air Kehidupan, Agustus 2024.

## Program

Dari 2.210 anak usia 6–12 tahun yang mendaftar kelas renang, 1.874 anak (84,8%) menyelesaikan
seluruh rangkaian 10 sesi. Uji kemampuan renang dilakukan pada akhir kelas.
Anak dinyatakan lulus apabila mampu berenang sejauh 20 meter tanpa alat bantu dan mengapung
selama 2 menit.

## Temuan

Sebanyak 96 anak tenggelam selama 2019–2023. Jumlahnya turun dari 24 kasus pada 2019 menjadi
15 kasus pada 2020, lalu naik lagi menjadi 19 kasus pada 2021, 21 kasus pada 2022 dan 17 kasus
pada 2023.

Dari 640 anak yang diperiksa, 203 anak (31,7%) selalu memakai pelampung saat naik perahu.
Prevalensinya 38,2% pada anak di desa tepi sungai, dibandingkan 22,5% pada anak di desa darat.

Orang tua menyebut alasan anak tidak ikut kelas renang (boleh lebih dari satu). Urutannya:

1. jarak ke lokasi kelas terlalu jauh (212 orang tua, 41,2%);
2. anak takut air (160 orang tua, 31,1%);
3. anak harus membantu orang tua di ladang (98 orang tua, 19,0%).

Keluhan kesehatan yang paling sering dilaporkan pelatih adalah:

1. kulit gatal setelah berenang (54,0%);
2. mata merah (33,0%);
3. demam ringan (12,0%).

| Kecamatan | Desa | Anak lulus uji (%) |
|---|---|---|
| Sepauk | 6 | 71,5 |
| Tempunak | 5 | 64,2 |
| Kayan Hilir | 4 | 48,9 |
"""


@pytest.fixture(scope="module")
def sintang(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(tmp_path_factory, e5_cached, {"id-renang-sintang.md": REPORT})


def test_the_third_item_of_the_list_ranking_what_is_asked(sintang):
    result = sintang.ask(
        "and the third one?",
        [
            {
                "role": "user",
                "content": "What was the most common reason parents gave for children not joining "
                "the Sintang swimming classes?",
            },
            {"role": "assistant", "content": "Distance to the class (41.2%)."},
        ],
    )
    first = result.answer.split("[1]")[0]  # the answer leads with the third reason
    assert "membantu orang tua di ladang" in first and "demam ringan" not in first, result.answer


def test_a_table_column_in_percent_answers_which_was_lowest(sintang):
    result = sintang.ask(
        "Kecamatan mana di Sintang yang persentase anak lulus uji renangnya paling rendah?"
    )
    assert not result.abstained, result.answer
    assert "Kayan Hilir" in result.answer and "48,9" in result.answer, result.answer


def test_a_relative_clause_follow_up_continues_the_previous_question(sintang):
    result = sintang.ask(
        "yg selesai sampe akhir brp?",
        [
            {"role": "user", "content": "Ada berapa anak yang daftar kelas renang di Sintang?"},
            {"role": "assistant", "content": "2.210 anak [1]."},
        ],
    )
    assert not result.abstained, result.answer
    assert "1.874 anak (84,8%)" in result.answer, result.answer


def test_a_comparison_continued_by_a_nya_sentence(sintang):
    result = sintang.ask(
        "how different was wearing a life jacket between kids in riverside and inland villages "
        "in the Sintang evaluation?"
    )
    assert "38,2%" in result.answer and "22,5%" in result.answer, result.answer


def test_a_steady_trend_premise_meets_the_turn(sintang):
    result = sintang.ask(
        "Why did child drownings in Sintang keep falling every year from 2019 to 2023?"
    )
    assert "lalu naik lagi" in result.answer, result.answer


def test_most_under_half_answers_a_most_premise(sintang):
    result = sintang.ask(
        "Kenapa studi Sintang bilang kebanyakan anak yg naik perahu selalu pake pelampung?"
    )
    assert "31,7%" in result.answer.split("[1]")[0], result.answer


def test_a_pass_criterion_is_the_sentence_saying_when_one_passes(sintang):
    result = sintang.ask(
        "what was the pass criterion for the swimming test in the Sintang programme?"
    )
    assert "20 meter" in result.answer, result.answer


def test_chat_and_morphology_helpers():
    from cpassist.answer_type import expected_answer_type
    from cpassist.lexicon import features
    from cpassist.text import root

    assert root("menyelesaikan") == root("selesai") == root("penyelesaian")
    assert root("sebanyak") == root("banyak")
    assert expected_answer_type("Berapa prevalensi gangguan game pada siswa laki-laki?") == "share"
    assert not features("kebanyakan pelajar yang naik motor").trends
    assert features("kasus naik dari 12 menjadi 20").trends


def test_completing_an_enumeration_whose_number_another_list_carries_first():
    from cpassist.extractive import _complete_enumeration
    from cpassist.schema import Passage

    def passage(text: str, n: int) -> Passage:
        return Passage(
            text=text, study="id-x", title="X", language="id", chunk_id=f"x-{n}", section=""
        )

    sources = [
        passage("Alasan utama:\n\n1. biaya sekolah terlalu mahal.\n2. jarak sekolah jauh.\n", 0),
        passage("Keluhan utama:\n\n1. kulit gatal setelah bekerja.\n2. mata merah.\n", 1),
    ]
    ordered = [(1.0, "kulit gatal setelah bekerja.", 1, 1)]
    assert _complete_enumeration(ordered, sources)  # no StopIteration: the answer is kept


def _p(text: str, study: str, title: str, n: int = 0):
    from cpassist.schema import Passage

    return Passage(
        text=text, study=study, title=title, language="id", chunk_id=f"{study}-{n}", section=""
    )


def test_an_acronym_names_only_the_report_that_writes_it():
    from cpassist.study_mix import about_named, rests_on_another_report
    from cpassist.verify import Claim

    patbm = _p("PATBM Kota Kupang dievaluasi pada 2023.", "id-patbm", "Evaluasi PATBM Kota Kupang")
    trial = _p(
        "The trial was led by the Timor Centre for Child Wellbeing in Kota Kupang schools.",
        "en-trial",
        "Safe Schools: a trial in Kupang",
    )
    question = "Who led the evaluation of PATBM in Kota Kupang?"
    assert {p.study for p in about_named(question, [patbm, trial])} == {"id-patbm"}
    borrowed = [Claim(text="The trial was led by the Timor Centre.", sources=[1])]
    assert rests_on_another_report(question, [patbm, trial], borrowed)
    own = [Claim(text="PATBM Kota Kupang dievaluasi pada 2023.", sources=[0])]
    assert not rests_on_another_report(question, [patbm, trial], own)


def test_a_trend_the_document_states_is_no_false_premise():
    from cpassist.amend import _same_trend

    text = (
        "Di Kota Kupang, PATBM pertama kali dibentuk pada 2017 di empat kelurahan. Jumlahnya "
        "bertambah menjadi 12 kelurahan pada 2019 dan 34 kelurahan pada 2023."
    )
    sources = [_p(text, "id-patbm", "Evaluasi PATBM Kota Kupang")]
    question = "how did the number of kelurahan with a PATBM in kupang grow over the years?"
    premise = "the number of kelurahan with a PATBM in kupang grow over the years"
    assert _same_trend(premise, question, sources)
    assert not _same_trend("the number of kelurahan with a PATBM fell", question, sources)
