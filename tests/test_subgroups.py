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
    assert unmentioned_group("Berapa persen siswa kurus di sekolah pembanding?", [report]) == ("", "")
