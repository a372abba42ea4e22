"""Rankings, two groups and years in a one-language report asked in the other language: the
second place of a numbered list or of a "followed by" sentence, a follow-up asking the third, a
figure of girls and of boys, a comparison group asked after the intervention group, and a year the
report never mentions. A real Chroma store, the real e5 embedder, the real ingest."""

from __future__ import annotations

import pytest

REPORT = """# Safe Homes Pilot: Children's Helpline Follow-up in Kota Binjai, 2021-2023

Prepared by the Binjai Child Welfare Research Group. The study was led by Dr. Rina Marpaung,
with Andi Siregar as data manager. Most of the callers were mothers.

## Findings

Calls rose from 212 in 2021 to 348 in 2022 and 419 in 2023.

Among the 419 callers in 2023, the most common concern was neglect (41.3%), followed by
physical punishment (28.6%), online harassment (17.9%) and school bullying (12.2%).

Girls were more likely to call than boys: 251 girls (59.9%) compared with 168 boys (40.1%).

The evaluation compared eight intervention villages with six comparison villages, all of them in
Kota Binjai. In the intervention villages, families who completed a safety plan rose from 18.2% to 46.7%.
In the comparison villages, the share only moved from 17.5% to 21.0%.

## Challenges

Staff ranked the following challenges, from most to least serious:

1. Too few counsellors for evening shifts.
2. Unstable mobile signal in upland villages.
3. Delays in police follow-up of urgent cases.

## Recommendations

- Hire two more counsellors for the evening shifts.
- Agree a referral protocol with the police.
"""


PARENTING = """# Parenting Circles in Kota Tebing Tinggi: Endline Report 2023

The evaluation used a before-and-after survey of 240 caregivers without a control group, with four
focus group discussions. Harsh punishment in the past month fell from 44.0% to 27.5%.
"""


RIVER = """# Anak Pekerja di Penambangan Batu Sungai Kabupaten Langkat, 2023

**Laporan Lembaga Kajian Anak Sumatera Utara. Ketua tim: Dr. Rahmat Lubis. Didanai oleh Yayasan
Sungai Lestari (YSL).**

Kajian dilakukan di empat kecamatan, yaitu Bahorok, Salapian, Kutambaru dan Sei Bingei. Sebanyak
184 anak usia 10-17 tahun bekerja di lokasi penambangan batu. Rata-rata anak bekerja 21,4 jam per
minggu pada masa sekolah. Sebanyak 62 anak (33,7%) pernah terluka saat bekerja.

## Keterbatasan

Pengumpulan data hanya dilakukan pada musim kemarau; pola kerja pada musim hujan tidak diamati.
"""


@pytest.fixture(scope="module")
def binjai(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(
        tmp_path_factory,
        e5_cached,
        {
            "en-helpline-binjai.md": REPORT,
            "en-parenting-tebing-tinggi.md": PARENTING,
            "id-batu-sungai-langkat.md": RIVER,
        },
    )


def test_the_second_place_of_a_numbered_list_is_its_second_item(binjai):
    result = binjai.ask(
        "and what came second?",
        [
            {
                "role": "user",
                "content": "What did Binjai helpline staff rank as the most serious challenge?",
            },
            {"role": "assistant", "content": "Too few counsellors for evening shifts."},
        ],
    )
    assert not result.abstained
    assert "Unstable mobile signal" in result.answer, result.answer


def test_a_ranking_follow_up_asks_the_previous_ranking_again(binjai):
    result = binjai.ask(
        "and which one came third?",
        [
            {
                "role": "user",
                "content": "What concern did callers to the Binjai helpline raise most often?",
            },
            {"role": "assistant", "content": "Neglect (41.3%)."},
        ],
    )
    assert "online harassment (17.9%)" in result.answer, result.answer


def test_girls_versus_boys_quotes_the_figure_of_each(binjai):
    result = binjai.ask(
        "Berapa perbedaan antara anak perempuan dan laki-laki yang menelepon helpline Binjai?"
    )
    assert "251 girls (59.9%)" in result.answer and "168 boys" in result.answer, result.answer


def test_the_comparison_group_after_the_intervention_group(binjai):
    result = binjai.ask(
        "kalau di desa pembanding?",
        [
            {
                "role": "user",
                "content": "Di desa intervensi Binjai, berapa persen keluarga yang menyelesaikan rencana keselamatan?",
            },
            {"role": "assistant", "content": "Naik dari 18,2% menjadi 46,7%."},
        ],
    )
    assert "21.0%" in result.answer, result.answer


def test_a_year_the_report_never_mentions_is_refused_in_the_users_language(binjai):
    result = binjai.ask("Berapa panggilan yang diterima helpline Binjai pada tahun 2019?")
    assert result.abstained and result.language == "id"
    assert "2019" in result.answer and "tidak pernah disebut" in result.answer, result.answer
    answered = binjai.ask("Berapa panggilan yang diterima helpline Binjai pada tahun 2022?")
    assert not answered.abstained and "348" in answered.answer, answered.answer


def test_a_platform_or_school_level_the_report_never_names_is_refused(binjai):
    result = binjai.ask(
        "Berapa persen penelepon helpline Binjai yang melaporkan online harassment lewat facebook "
        "pada 2023?"
    )
    assert result.abstained and result.language == "id", result.answer
    assert "facebook" in result.answer, result.answer
    named = binjai.ask("What share of Binjai helpline callers raised online harassment?")
    assert not named.abstained and "17.9%" in named.answer, named.answer


def test_the_lead_of_a_study_is_its_by_line_label_in_the_other_language(binjai):
    result = binjai.ask(
        "Who led the Langkat study on children working in river stone mining, and who funded it?"
    )
    assert not result.abstained
    assert "Rahmat Lubis" in result.answer and "Sungai Lestari" in result.answer, result.answer


def test_a_figure_of_a_place_only_listed_or_a_season_not_observed_is_refused(binjai):
    listed = binjai.ask("What share of the working children in Kutambaru had been injured?")
    assert listed.abstained and "Kutambaru" in listed.answer, listed.answer
    assert "only in a list" in listed.answer, listed.answer
    season = binjai.ask("How many hours a week did the Langkat children work in the rainy season?")
    assert season.abstained and "tidak diamati" in season.answer, season.answer
    answered = binjai.ask("How many hours a week did the Langkat children work during school term?")
    assert not answered.abstained and "21,4" in answered.answer, answered.answer


def test_each_part_of_a_two_part_question_gets_its_own_sentence(binjai):
    result = binjai.ask(
        "How many children worked at the Langkat stone mining sites and how many of them had "
        "been injured?"
    )
    assert "184" in result.answer and "62" in result.answer, result.answer


def test_what_a_question_asks_is_read_from_its_words():
    from cpassist.answer_type import expected_answer_type, unnamed_members
    from cpassist.focus import question_focus
    from cpassist.text import split_sentences

    ranked = question_focus("Which source of stress ranked second among the students?")
    assert ranked.names == {"rank"} and ranked.ordinal == 2  # a rank, not a data-source question
    assert question_focus("and which one came third?").ordinal == 3
    assert "instrument" in question_focus("What instrument and cut-off did the study use?").names
    assert "method" in question_focus("Kenapa survei dilakukan tahun 2021?").names
    # "menurut" (according to) shares its stem with "menurun" (fell): no trend asked
    assert (
        "trend" not in question_focus("Menurut laporan itu, bagaimana calo merugikan anak?").names
    )
    assert "trend" in question_focus("Mengapa kasus menurun?").names
    assert expected_answer_type("Why is funding still listed as a challenge?") is None
    assert expected_answer_type("Berapa harga median bayi yang dijual?") == "money"
    assert unnamed_members("In which year were cases highest?", ["in recent years"]) == ""
    lines = split_sentences("Ranked:\n1. First item.\n2. Second item.\n3. Third item.")
    assert lines == ["Ranked:", "First item.", "Second item.", "Third item."]


def test_informal_groups_lengths_and_beds_are_read():
    from cpassist.answer_type import SEXES, expected_answer_type
    from cpassist.focus import question_focus

    assert "cowok" in SEXES[0] and "cewek" in SEXES[1]
    assert expected_answer_type("rata2 lama tinggal anak cowok vs cewek beda gak?") == "duration"
    assert expected_answer_type("What was the average length of stay?") == "duration"
    assert "place" not in question_focus("apa rekomendasi soal kapasitas tempat tidur?").names
    assert "trend" in question_focus("how has victimization changed since 2018?").names


def test_a_series_table_answers_how_a_figure_changed(binjai):
    result = binjai.ask("Bagaimana jumlah panggilan ke helpline Binjai berubah sejak 2021?")
    assert "212" in result.answer and "419" in result.answer, result.answer


def test_a_recommendation_under_its_heading_answers_and_who_led_it_is_named(binjai):
    result = binjai.ask("Apa rekomendasi laporan helpline Binjai soal konselor shift malam?")
    assert not result.abstained and "evening" in result.answer, result.answer
    led = binjai.ask("Siapa ketua tim kajian helpline Binjai?")
    assert "Rina Marpaung" in led.answer, led.answer


def test_a_model_answering_another_place_of_the_ranking_falls_back_to_the_quote(binjai):
    """A small model asked "and what came second?" that names the first and third challenges
    (each true, neither asked) is not shown: the answer quotes the list with its second item."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from cpassist.assistant import Assistant

    reply = (
        "Staff ranked the following challenges, from most to least serious [1]. Delays in police "
        "follow-up of urgent cases [1]."
    )
    llm = Assistant(
        binjai.retriever,
        FakeListChatModel(responses=[reply] * 4),
        binjai.retriever.embeddings,
        binjai.settings,
        generator_name="fake",
    )
    result = llm.ask(
        "and what came second?",
        [
            {
                "role": "user",
                "content": "What did Binjai helpline staff rank as the most serious challenge?",
            },
            {"role": "assistant", "content": "Too few counsellors for evening shifts."},
        ],
    )
    assert "place asked for" in result.verification.reason, result.verification.reason
    assert "Unstable mobile signal" in result.answer, result.answer


def test_a_premise_naming_a_place_the_report_never_mentions_is_corrected(binjai):
    """ "Why were Medan schools the control group?" of a report that had none: what it says of its
    design is shown, rather than only "they do not mention Medan"."""
    result = binjai.ask(
        "Why did the Tebing Tinggi parenting evaluation use caregivers in Medan as its control group?"
    )
    assert result.answer.startswith("The studies do not say that."), result.answer
    assert "without a control group" in result.answer, (
        result.answer,
        result.verification.reason,
        [c.study for c in result.citations],
    )


def test_a_premise_about_a_report_not_in_the_library_stays_refused(binjai):
    """No report of Pematangsiantar is loaded: the answer is the refusal naming what is missing,
    never a "correction" quoting another report."""
    result = binjai.ask(
        "Why did the Pematangsiantar parenting evaluation use caregivers in Medan as its control group?"
    )
    assert result.abstained and "do not mention" in result.answer, result.answer


def test_a_follow_up_naming_a_counterpart_takes_its_place_in_the_previous_question():
    from cpassist.rewrite import rule_rewrite, swapped_phrase

    previous = "In the Garut evaluation, how did help-seeking change in the intervention schools?"
    assert swapped_phrase("and in the comparison schools?", previous) == (
        "In the Garut evaluation, how did help-seeking change in the comparison schools?"
    )
    assert swapped_phrase(
        "kalau di sekolah pembanding?", "Berapa persen di sekolah intervensi?"
    ) == ("Berapa persen di sekolah pembanding?")
    history = [
        {"role": "user", "content": "Berapa kasus pada tahun 2021 di Bandung?"},
        {"role": "assistant", "content": "164 kasus."},
    ]
    assert (
        rule_rewrite("kalau tahun 2023 berapa?", history)
        == "Berapa kasus pada tahun 2023 di Bandung? kalau tahun 2023 berapa?"
    )
    # nothing to swap: the rule leaves the follow-up to the other rewrites
    assert swapped_phrase("and the boys?", "How many girls were above the cut-off?") == ""
    assert swapped_phrase("and which one came third?", "Which platform was most common?") == ""
