"""A one-language Indonesian report asked in English and in chat Indonesian: the second item of a
ranked list (not the second step of the method), a share of a budget as an amount of money, the
other sex asked in a short follow-up, a figure whose subject is in the sentence before it, a
region's nickname ("Jogja"); a question joined by "&" stays whole. A real Chroma store,
the real e5 embedder, the real ingest."""

from __future__ import annotations

import pytest

REPORT = """# Geng Pelajar dan Kekerasan Jalanan di Kabupaten Sleman, Daerah Istimewa Yogyakarta, 2020–2023

Laporan Penelitian Pusat Kajian Remaja Universitas Merapi, Februari 2024. Tim dipimpin oleh
Dr. Sekar Ayuningtyas.

## Metode

Penelitian memakai tiga sumber data. Pertama, survei terhadap 900 siswa SMP dan SMA di 18 sekolah.
Kedua, wawancara mendalam dengan 30 anak mantan pelaku kekerasan jalanan yang sedang menjalani
pembinaan. Ketiga, analisis data kasus yang tercatat di kepolisian selama empat tahun.

## Temuan

**1. Keterlibatan geng.** Sebanyak 81 siswa atau 9,0% dari responden memenuhi kriteria keterlibatan
geng. Perbedaan menurut jenis kelamin sangat tajam: 68 siswa laki-laki (15,1%) dibandingkan dengan
13 siswi perempuan (2,9%).

**2. Waktu belajar dan beban.** Sebanyak 212 siswa (23,6%) menghabiskan lebih dari 20 jam per
minggu di jalan pada malam hari. Beban berlebih lebih sering dialami anak laki-laki (141 anak atau
31,3%) dibandingkan anak perempuan (71 anak atau 15,8%).

**3. Faktor pendorong menurut mantan pelaku.** Dari wawancara dengan 30 mantan pelaku, faktor yang
paling sering disebut adalah:

1. mencari pengakuan di dalam kelompok (21 anak, 70,0%);
2. balas dendam antarsekolah (16 anak, 53,3%);
3. pengaruh minuman keras sebelum beraksi (11 anak, 36,7%).

**4. Anggaran desa.** Pada 2023 desa pesisir rata-rata mengalokasikan 1,40% belanja untuk
pencegahan kekerasan remaja, sedangkan desa pegunungan hanya 0,52%.

| Tahun | Rata-rata Dana Desa per desa | Alokasi pencegahan (% belanja) |
|---|---|---|
| 2021 | Rp 0,97 miliar | 0,21% |
| 2022 | Rp 1,02 miliar | 0,47% |
| 2023 | Rp 1,06 miliar | 0,88% |
"""


@pytest.fixture(scope="module")
def sleman(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(tmp_path_factory, e5_cached, {"id-geng-sleman.md": REPORT})


def test_the_second_item_of_a_ranked_list_not_the_second_step_of_the_method(sleman):
    result = sleman.ask(
        "Among the former offenders interviewed in the Sleman study, which driver ranked second?"
    )
    assert not result.abstained
    assert "balas dendam antarsekolah" in result.answer, result.answer
    assert "Kedua, wawancara" not in result.answer, result.answer


def test_a_share_of_spending_answers_how_much_each_side_allocated(sleman):
    result = sleman.ask(
        "compare coastal vs mountain villages in the Sleman study: how much did each allocate "
        "to preventing youth violence in 2023?"
    )
    assert not result.abstained
    assert "1,40%" in result.answer.split("[1]")[0], result.answer


def test_the_other_sex_asked_in_a_short_chat_follow_up(sleman):
    result = sleman.ask(
        "kalo yg cewek brp?",
        [
            {
                "role": "user",
                "content": "Berapa persen siswa laki-laki yang terlibat geng dalam survei Jogja itu?",
            },
            {"role": "assistant", "content": "Sebanyak 68 siswa laki-laki (15,1%) [1]."},
        ],
    )
    assert not result.abstained, result.answer
    assert "2,9%" in result.answer, result.answer


def test_a_figure_whose_subject_is_in_the_sentence_before_is_not_refused(sleman):
    result = sleman.ask(
        "di studi geng sleman, brp persen anak cewe vs cowo yg di jalan lebih dr 20 jam seminggu?"
    )
    assert not result.abstained, result.answer
    assert "15,8%" in result.answer and "31,3%" in result.answer, result.answer


def test_a_question_about_money_use_asks_no_amount():
    from cpassist.answer_type import expected_answer_type

    assert (
        expected_answer_type("whats the second most common reason kids started doing paid content?")
        is None
    )
    assert expected_answer_type("penggunaan uang bantuan yang paling banyak nomor dua apa?") is None
    assert expected_answer_type("How much money did the programme spend?") == "money"
    assert expected_answer_type("berapa anggaran perlindungan anak tahun 2023?") == "money"
    assert expected_answer_type("What was the monthly allowance per child?") == "money"


def test_region_nicknames_are_the_regions_they_stand_for():
    from cpassist.abstain import absent_name
    from cpassist.schema import Passage

    passage = Passage(
        text="Kasus perdagangan orang tercatat di Daerah Istimewa Yogyakarta dan Sumatera Utara.",
        study="id-x",
        title="Kajian di Yogyakarta",
        language="id",
        chunk_id="x-0",
        section="",
    )
    assert absent_name("Kenapa siswi di Jogja terlibat geng?", [passage]) == ""
    assert absent_name("Berapa korban TPPO asal Sumut?", [passage]) == ""
    assert absent_name("Berapa kasus di Makassar?", [passage]) == "Makassar"


def test_ranked_places_reads_a_ranked_lead_or_falling_shares():
    from cpassist.extractive import list_lines, ranked_places
    from cpassist.text import split_sentences

    text = "Tujuan terbanyak adalah:\n\n- Kamboja: 71 (51,8%)\n- Myanmar: 38 (27,7%)\n- Laos: 9 (6,6%)\n"
    sentences = split_sentences(text)
    places = ranked_places(sentences, list_lines(text))
    assert sorted(places.values()) == [1, 2, 3]
    assert sentences[[k for k, v in places.items() if v == 2][0]].startswith("Myanmar")
    steps = "Data dikumpulkan sebagai berikut:\n\n1. survei (40%)\n2. wawancara (60%)\n"
    assert ranked_places(split_sentences(steps), list_lines(steps)) == {}


def test_an_ampersand_keeps_the_question_whole():
    from cpassist.extractive import two_parts

    # split at "&", "brp rumah tangga?" lost the study it asks of ("studi anak yatim covid
    # surabaya itu sampelnya brp anak & brp rumah tangga?" was answered with another count)
    assert two_parts("studi scam sumut itu, brp remaja yg dianalisis & brp yg cowo?") is None
