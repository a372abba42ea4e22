"""Who commissioned or funded a study, and recommendations told apart from findings: the
`funder` focus, commissioning as initiating, "The study was funded by ..." as an answer about the
study, and a sentence under a recommendations heading treated as what should be, not what is
(pure logic, then a real Chroma store with the real e5 embedder)."""

from __future__ import annotations

import pytest

from cpassist.answer_type import asks_proposal, is_recommendation
from cpassist.focus import question_focus


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Who funded it?", "funder"),
        ("Siapa penyandang dananya?", "funder"),
        ("siapa yang mendanainya?", "funder"),
        ("Who commissioned the Bitung study?", "initiator"),
        ("Siapa yang menugaskan asesmen ini?", "initiator"),
    ],
)  # fmt: skip
def test_funding_and_commissioning_questions_have_their_focus(question, focus):
    assert focus in question_focus(question).names


def test_requests_are_not_a_question_about_who_initiated():
    assert "initiator" not in question_focus("Why did dispensation requests keep rising?").names


def test_a_sentence_under_a_recommendations_heading_is_a_recommendation():
    sentence = "Kepada DP3A: memperluas konseling PUSPAGA ke seluruh kecamatan."
    assert is_recommendation(sentence, "Rekomendasi")
    assert is_recommendation(sentence, "Policy recommendations")
    assert not is_recommendation(sentence, "Temuan")
    assert is_recommendation("Sekolah perlu menambah konselor.")


@pytest.mark.parametrize(
    ("question", "asks"),
    [("What does the report recommend?", True), ("Apa yang perlu dilakukan sekolah?", True),
     ("What should the district do?", True), ("How many children worked?", False),
     ("What health symptoms did the children report?", False)],
)  # fmt: skip
def test_a_question_asks_what_should_be_done_or_what_is(question, asks):
    assert asks_proposal(question) is asks


REPORT = """# Child Protection in Flood Evacuation Sites in Garut

Author: Sinta Wulandari (2024), Garut Centre for Humanitarian Studies

## Background

Floods in January 2024 displaced 9,200 people in Garut. The assessment was commissioned by the Garut District Office for Women's Empowerment and Child Protection (DP3A Garut). The study was funded by the Tirta Foundation, a private foundation in Bandung.

## Findings

Children in evacuation sites reported headaches and skin rashes; 31% had skin rashes in the first week. Only 4 of the 11 sites had a separate space for children.

## Recommendations

To the Garut District Health Office: examine the skin health of children in every evacuation site and record skin rashes.

To BPBD Garut: provide a children's space in all sites.
"""


@pytest.fixture(scope="module")
def garut(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(
        tmp_path_factory, e5_cached, {"en-flood-sites-garut.md": REPORT}
    )


def test_who_commissioned_and_who_funded_are_both_answered_across_languages(garut):
    result = garut.ask("Siapa yang menugaskan asesmen di Garut, dan siapa yang mendanainya?")
    assert not result.abstained, result.answer
    assert "commissioned by the Garut District Office" in result.answer, result.answer
    assert "funded by the Tirta Foundation" in result.answer, result.answer


def test_a_finding_is_answered_by_the_finding_not_by_the_recommendation(garut):
    result = garut.ask("What health problems did children in the Garut evacuation sites have?")
    assert not result.abstained, result.answer
    first = result.answer.split("[1]")[0]
    assert "31% had skin rashes" in first, result.answer
    assert "To the Garut District Health Office" not in first, result.answer


def test_a_follow_up_on_the_funder_is_answered_by_the_funding_sentence(garut):
    first = "Who commissioned the Garut flood assessment?"
    answer = garut.ask(first)
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": answer.answer}]
    result = garut.ask("Siapa penyandang dananya?", history)
    assert not result.abstained, result.answer
    assert "funded by the Tirta Foundation" in result.answer.split("[1]")[0], result.answer
