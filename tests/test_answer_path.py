"""The answer path end to end with the extractive generator on the real store (real e5): what a user
reads for the question kinds the trust work targets. Asserts content, not wording: the premise is
corrected, the study is named, the refusal says why in the user's language, a numbered list comes
whole."""

from __future__ import annotations

import pytest


def test_false_premise_is_corrected_with_the_study_sentence(extractive_assistant):
    result = extractive_assistant.ask(
        "Why did the Nepal study find that trafficking cases decreased after the partnership?"
    )
    assert not result.abstained
    assert result.answer.startswith("The studies do not say that.")
    assert "consistent decrease" in result.answer and result.citations


def test_which_study_answers_name_the_study(extractive_assistant):
    result = extractive_assistant.ask("Which study mentions South Jakarta?")
    assert result.answer.startswith("In “The Role of ECPAT Indonesia")
    assert "South Jakarta" in result.answer


def test_a_numbered_list_is_answered_whole(extractive_assistant):
    result = extractive_assistant.ask(
        "What are the three roles ECPAT Indonesia plays in the Down to Zero programme?"
    )
    for part in ("partnership", "advocate", "disseminates"):
        assert part in result.answer


def test_refusals_say_why_in_the_users_language(extractive_assistant):
    vague = extractive_assistant.ask("Which ministries partnered with ECPAT Indonesia?")
    assert vague.abstained and "only in general terms" in vague.answer
    author = extractive_assistant.ask("Siapa penulis penelitian tentang Nepal?")
    assert author.abstained and author.language == "id" and "nama penulis" in author.answer
    absent = extractive_assistant.ask("Bagaimana kondisi perdagangan anak di Filipina?")
    assert absent.abstained and "Filipina" in absent.answer


def test_extractive_sentences_are_reported_as_quoted(extractive_assistant):
    result = extractive_assistant.ask("What theory does the Nepal study use?")
    assert result.verification.sentences
    assert all(s.quoted and s.status == "kept" for s in result.verification.sentences)
    assert "international cooperation theory" in result.answer


def test_a_factors_question_gets_the_factors_sentence(extractive_assistant):
    result = extractive_assistant.ask(
        "What are the causes of child trafficking in Nepal according to the study?"
    )
    assert "poverty" in result.answer and "patriarchal" in result.answer


def test_an_actors_goal_is_answered_by_that_actors_clause(extractive_assistant):
    result = extractive_assistant.ask("What are Nepal's goals in the partnership?")
    assert "Nepal aims to receive support from ECPAT" in result.answer


def test_a_premise_naming_the_wrong_kind_of_body_is_corrected(extractive_assistant):
    result = extractive_assistant.ask("Is ECPAT Indonesia a government agency?")
    assert result.answer.startswith("The studies do not say that.")


def test_an_office_holder_nobody_names_is_refused(extractive_assistant):
    for question in ("Who is the director of ECPAT Indonesia?", "Siapa direktur ECPAT Indonesia?"):
        result = extractive_assistant.ask(question)
        assert result.abstained, result.answer


def test_a_why_question_about_an_end_the_studies_never_mention_is_corrected(extractive_assistant):
    result = extractive_assistant.ask("Why did ECPAT Indonesia stop the Down to Zero programme?")
    assert result.answer.startswith("The studies do not say that.")
    indonesian = extractive_assistant.ask("Mengapa ECPAT menghentikan kerja sama dengan Nepal?")
    assert indonesian.answer.startswith("Studi tidak menyatakan demikian.")


def test_a_programme_name_is_not_a_trend_and_findings_sentences_answer(extractive_assistant):
    result = extractive_assistant.ask("Apa peran ECPAT Indonesia dalam program Down to Zero?")
    assert "berperan sebagai partnership" in result.answer  # "Penelitian ini menemukan bahwa ..."
    followup = extractive_assistant.ask(
        "And which concept?",
        [
            {"role": "user", "content": "Which theory does the Nepal study use?"},
            {"role": "assistant", "content": "International cooperation theory [1]."},
        ],
    )
    assert "concept of child trafficking" in followup.answer


def test_follow_ups_ask_the_last_item_and_more_places(extractive_assistant):
    roles = [
        {"role": "user", "content": "What are ECPAT Indonesia's roles?"},
        {"role": "assistant", "content": "Partnership, advocacy and dissemination [1]."},
    ]
    last = extractive_assistant.ask("Tell me more about the last one.", roles)
    assert last.answer.startswith("Third, ECPAT Indonesia disseminates")
    place = [
        {"role": "user", "content": "Where was the Down to Zero research done?"},
        {"role": "assistant", "content": "At the ECPAT Indonesia head office [1]."},
    ]
    more = extractive_assistant.ask("Anywhere else?", place)
    assert "several Ministries and NGOs" in more.answer
    data = [
        {"role": "user", "content": "Apa metode penelitian Nepal?"},
        {"role": "assistant", "content": "Kualitatif deskriptif [1]."},
    ]
    source = extractive_assistant.ask("Datanya dari mana?", data)
    assert "jurnal ilmiah" in source.answer


def test_a_population_nobody_gives_is_refused_and_document_sources_are_a_method(
    extractive_assistant,
):
    assert extractive_assistant.ask("What is the population of Jakarta in 2020?").abstained
    sources = extractive_assistant.ask("Apa saja sumber dokumen dalam penelitian Down to Zero?")
    assert "artikel, jurnal, laporan" in sources.answer


def test_what_the_two_studies_have_in_common_quotes_each_studys_aim(extractive_assistant):
    result = extractive_assistant.ask("What do the two studies have in common?")
    assert not result.abstained
    assert {c.study for c in result.citations} == {
        "ecpat-nepal-child-trafficking",
        "ecpat-indonesia-down-to-zero",
    }
    both = extractive_assistant.ask("Apa persamaan kedua penelitian?")
    assert "Peran yang kedua" not in both.answer  # "kedua penelitian" is both studies


@pytest.mark.parametrize(
    "question",
    [
        "Since Indonesia is only a sending country, how does ECPAT stop children leaving?",
        "Why did the government of Nepal initiate the cooperation with ECPAT?",
        "How did the Down to Zero programme end child exploitation in Indonesia?",
        "Why is ECPAT Indonesia part of the Indonesian government?",
        "Why did the Down to Zero programme start in 2010?",
    ],
)
def test_premises_in_other_forms_are_corrected(extractive_assistant, question):
    assert extractive_assistant.ask(question).answer.startswith("The studies do not say that.")


def test_a_method_the_question_takes_for_granted_is_corrected(extractive_assistant):
    """A count of survey respondents asked of a study that used no survey: the study's own method,
    not "they give no number"."""
    result = extractive_assistant.ask(
        "How many children were surveyed in the Nepal study's questionnaire?"
    )
    assert not result.abstained
    assert result.answer.startswith("The studies do not say that.")
    assert "descriptive qualitative" in result.answer


def test_names_of_people_the_studies_never_give_are_refused(extractive_assistant):
    result = extractive_assistant.ask(
        "Siapa nama narasumber yang diwawancarai dalam penelitian ECPAT Indonesia?"
    )
    assert result.abstained and result.language == "id" and "nama orang" in result.answer


def test_a_comparison_with_a_number_word_is_not_a_false_premise(extractive_assistant):
    result = extractive_assistant.ask(
        "How do the two studies differ in the way they collected data?"
    )
    assert not result.answer.startswith("The studies do not say that.")
    assert "interviews" in result.answer and "journals" in result.answer


def test_a_question_is_in_its_own_language_whatever_names_it_uses():
    from cpassist.language import question_language

    assert question_language("Berapa biaya program Safe Schools Together per siswa?") == "id"
    assert question_language("Who is ECPAT Indonesia?") == "en"
    assert question_language("Apa itu Down to Zero?") == "id"


def test_where_the_data_came_from_is_a_data_source_question(extractive_assistant):
    result = extractive_assistant.ask("Where did the Nepal study's data come from?")
    assert not result.abstained and "scientific journals" in result.answer


def test_who_else_brings_the_sentence_that_adds_more(extractive_assistant):
    result = extractive_assistant.ask("Who else did the author of the ECPAT Indonesia study visit?")
    assert "several Ministries and NGOs" in result.answer
