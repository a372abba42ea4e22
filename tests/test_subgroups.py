"""A lower-case group, platform or measure the documents never name is refused; one they name, in
any spelling or language, is not; one named only as left out is refused with that sentence."""

from __future__ import annotations

import pytest

from cpassist.subgroups import unmentioned_group

SURVEY = (
    "In 2022, 732 students (34.2%) reported cyberbullying victimization. The most common form was "
    "insults in group chats (68.4%), mostly on WhatsApp and Instagram. The survey covered grades 7 "
    "to 9 of public junior high schools. Islamic junior high schools (madrasah tsanawiyah) were not "
    "included, and the findings may not apply to students outside the city."
)


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("brp persen korban yg dibully lewat facebook di studi malang?", "facebook"),
        ("How many victims were bullied on TikTok?", "TikTok"),
        ("What share of the perpetrators were foreign nationals?", "foreign nationals"),
        ("Berapa persen siswa SMA yang menjadi korban?", "SMA"),
        ("How many victims were children with disabilities?", "disabilities"),
        ("Berapa anak yatim yang menjadi korban?", "yatim"),
        ("How many students were wasted (low weight-for-height)?", "wasted"),
    ],
)
def test_a_group_the_document_never_names_is_unmentioned(question, term):
    assert unmentioned_group(question, [SURVEY]) == (term, "")


def test_a_group_named_only_as_left_out_comes_with_that_sentence():
    term, said = unmentioned_group("Berapa persen siswa MTs yang menjadi korban?", [SURVEY])
    assert term == "MTs" and said.startswith("Islamic junior high schools (madrasah tsanawiyah)")


@pytest.mark.parametrize(
    "question",
    [
        "Berapa persen korban yang dibully lewat WA?",  # WhatsApp, spelled otherwise
        "How many victims were bullied on instagram?",
        "Berapa persen siswa SMP yang menjadi korban?",  # junior high school, in English
        "What share of victims were in grade 8?",  # no group of the list
        "Were madrasah tsanawiyah students included?",  # asks what was left out
        "What does sd mean in the table?",  # "sd" is not "SD" (primary school)
    ],
)
def test_a_group_the_document_names_or_no_group_asks_nothing(question):
    assert unmentioned_group(question, [SURVEY]) == ("", "")


def test_no_document_asks_nothing():
    assert unmentioned_group("How many victims on facebook?", []) == ("", "")
    assert unmentioned_group("How many victims on facebook?", ["  "]) == ("", "")


def test_thinness_is_a_spelling_of_a_nutrition_measure():
    report = "The share of thin pupils (low BMI-for-age) fell from 14.9% to 10.2%."
    assert unmentioned_group("Berapa persen siswa kurus di sekolah pembanding?", [report]) == (
        "",
        "",
    )


def test_a_group_named_only_without_a_figure_is_refused_when_a_figure_is_asked():
    from cpassist.subgroups import asks_figure

    report = (
        "Every rainy season the rivers carry fresh sand. Children worked 19.6 hours a week in "
        "school terms. The fieldwork took place in the dry season only; patterns during the rainy "
        "season were not observed."
    )
    question = "How many hours a week did children work in the rainy season?"
    assert asks_figure(question)
    term, said = unmentioned_group(question, [report], figure_asked=True)
    assert term == "rainy season" and said.startswith("The fieldwork took place in the dry season")
    # a question asking no figure is not refused for it
    assert unmentioned_group("What happens in the rainy season?", [report]) == ("", "")


def test_a_place_named_only_in_a_list_of_names_has_no_figure():
    from cpassist.subgroups import listed_only

    report = (
        "# Football Academies in Surakarta\n"
        "Of 38 academies in five sub-districts (Laweyan, Serengan, Pasar Kliwon, Jebres and "
        "Banjarsari), 26 agreed to take part. Abuse was highest in Laweyan (54.1%)."
    )
    asked = "What share of players in Jebres reported abuse in the Surakarta study?"
    word, said = listed_only(asked, [report])
    assert word == "Jebres" and "Pasar Kliwon" in said
    # named with a figure elsewhere, in the title, or an ordinary word: nothing
    assert listed_only("What share of players in Laweyan in Surakarta?", [report]) == ("", "")
    assert listed_only("What share of players in Surakarta?", [report]) == ("", "")
    assert listed_only("What share of academies in Surakarta took part?", [report]) == ("", "")
    # the listed place as the only name asked, in a list of the report's units: still refused;
    # in a list of places the report is about as a whole: not
    assert listed_only("What share of players in Jebres reported abuse?", [report])[0] == "Jebres"
    palu = (
        "This paper reviews the response after the earthquake that struck Palu, Sigi and Donggala."
    )
    assert listed_only("Berapa relawan yang bekerja di Palu?", [palu], ["Lessons learned"]) == (
        "",
        "",
    )


def test_who_led_reads_a_by_line_label_and_a_change_counts_what_changed():
    from cpassist.answer_type import counted_nouns, names_the_lead
    from cpassist.focus import question_focus

    assert names_the_lead("Ketua tim: Dr. Andi Nurfadillah.")
    assert names_the_lead("Principal investigator: Dr. Ratna Kusumawardhani.")
    assert not names_the_lead("The team leader role was vacant.")
    focus = question_focus("Siapa peneliti utama survei rokok di Bogor?")
    assert focus.lead and "rank" not in focus.names
    assert question_focus("Who led the Gowa study on teenage pregnancy?").lead
    assert not question_focus("What led to the rise in cases?").lead
    assert counted_nouns("Berapa kenaikan jumlah pekerja anak di Magelang?") == {"pekerj", "anak"}


def test_ever_rarer_is_a_falling_trend_and_ever_more_a_rising_one():
    from cpassist.lexicon import features

    assert ("down", False) in features("Kenapa iklan rokok makin jarang dilihat anak?").trends
    assert ("up", False) in features("Why is vaping increasingly common among pupils?").trends
    assert not features("Anak jarang melapor ke guru.").trends


def test_who_most_often_and_the_main_reason_say_what_is_ranked():
    from cpassist.extractive import ranked_kind

    assert "pengas" in ranked_kind("who most often looked after the children?")
    assert {"alasan", "reason"} <= ranked_kind("Apa alasan utama anak bekerja?")
    assert ranked_kind("Siapa peneliti utama survei itu?") == set()


def test_a_group_follow_up_replaces_the_group_of_the_previous_question():
    from cpassist.rewrite import swapped_group

    previous = "How common was depression among teenage mothers who returned to learning?"
    assert swapped_group("and among the girls who didn't go back?", previous) == (
        "How common was depression among the girls who didn't go back?"
    )
    assert swapped_group("and among boys?", previous) == ""  # one word: `swapped_phrase`'s
    assert swapped_group("and among the girls who left?", "How many children?") == ""


def test_how_common_is_a_share_not_a_ranking():
    from cpassist.focus import question_focus

    assert "rank" not in question_focus("How common was depression among the mothers?").names
    assert "rank" in question_focus("What was the most common barrier?").names


def test_the_second_reason_asks_the_second_place_of_a_ranking():
    from cpassist.focus import question_focus

    focus = question_focus("alasan putus sekolah kedua di studi cilacap apa?")
    assert focus.ordinal == 2 and "rank" in focus.names
    assert "rank" not in question_focus("Apa peran kedua lembaga itu?").names


def test_a_definition_question_has_its_own_focus():
    from cpassist.focus import question_focus

    assert "definition" in question_focus("Bagaimana definisi ketidakhadiran kronis?").names
    assert "definition" in question_focus("How was chronic absenteeism defined?").names


def test_a_follow_up_asking_the_same_figure_of_another_group_continues_the_question():
    from cpassist.rewrite import rule_rewrite

    history = [
        {"role": "user", "content": "Berapa anak nelayan di Cilacap yang tidak sekolah?"},
        {"role": "assistant", "content": "148 anak (17,6%)."},
    ]
    standalone = rule_rewrite("kalo yg umur 16-17 brp persen?", history)
    assert standalone.startswith("Berapa anak nelayan di Cilacap yang tidak sekolah?")
    assert "16-17" in standalone
    # a new measure of its own ("dirujuk ke psikolog") is not the previous question continued
    assert not rule_rewrite("trus yg dirujuk ke psikolog brp?", history).startswith("Berapa anak")
