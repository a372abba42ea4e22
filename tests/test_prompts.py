"""Every prompt file renders with exactly its variables, and says what the answering chain relies on."""

from __future__ import annotations

import pytest

from cpassist.errors import ConfigError
from cpassist.prompts import prompt_names, render

#: The variables each prompt takes (a new prompt file must be added here).
VARIABLES: dict[str, dict[str, str]] = {
    "answer_system": {"sources": '<source n="1">Nepal ...</source>'},
    "answer_source": {"n": "1", "study": "ecpat-nepal-child-trafficking", "text": "Nepal ..."},
    "answer_user_id": {"question": "Apa tujuan kerja sama Nepal dan ECPAT?"},
    "answer_user_en": {"question": "What are the goals?"},
    "answer_followup_id": {
        "question": "Lalu apa keuntungannya?",
        "previous": "Apa tujuan kerja sama?",
    },
    "answer_followup_en": {"question": "And its benefits?", "previous": "What are the goals?"},
    "rewrite": {"history": "User: What is Down to Zero?", "question": "Who initiated it?"},
    "abstain_id": {"studies": "Kerja Sama Nepal dan ECPAT"},
    "abstain_en": {"studies": "Cooperation between Nepal and ECPAT"},
    "frame_other_language_en": {"source_language": "Indonesian"},
    "frame_other_language_id": {"source_language": "bahasa Inggris"},
    "premise_corrected_en": {},
    "abstain_absent_en": {"term": "Filipina"},
    "abstain_absent_id": {"term": "Filipina"},
    "abstain_vague_en": {"noun": "ministries"},
    "abstain_vague_id": {"noun": "kementerian"},
    "abstain_type_en": {"kind": "number"},
    "abstain_type_id": {"kind": "angka"},
    "abstain_year_en": {"year": "2017"},
    "abstain_excluded_en": {"term": "SMK", "sentence": "SMK schools were not included."},
    "abstain_excluded_id": {"term": "SMK", "sentence": "SMK tidak termasuk."},
    "abstain_year_id": {"year": "2017"},
    "abstain_listed_en": {
        "term": "Jebres",
        "sentence": "Laweyan, Jebres and Banjarsari took part.",
    },
    "abstain_listed_id": {"term": "Jebres", "sentence": "Laweyan, Jebres dan Banjarsari ikut."},
    "abstain_nofigure_en": {"term": "the rainy season"},
    "abstain_nofigure_id": {"term": "musim hujan"},
    "which_study_en": {"title": "Cooperation between Nepal and ECPAT"},
    "which_study_id": {"title": "Kerja Sama Nepal dan ECPAT"},
    "premise_corrected_id": {},
    "translate_query": {"target": "English", "question": "Berapa kader desa yang dilatih?"},
}


def test_every_prompt_file_is_covered() -> None:
    assert set(prompt_names()) == set(VARIABLES)


@pytest.mark.parametrize("name", sorted(VARIABLES))
def test_prompt_renders_with_its_variables(name: str) -> None:
    text = render(name, **VARIABLES[name])
    for value in VARIABLES[name].values():
        assert value in text
    assert "{" not in text.replace("{{", "") or name == "answer_system"


def test_missing_or_extra_variable_is_refused() -> None:
    with pytest.raises(ConfigError, match="missing variables: question"):
        render("answer_user_id")
    with pytest.raises(ConfigError, match="unexpected: extra"):
        render("answer_user_en", question="q", extra="x")


def test_fixed_instructions_come_before_the_sources() -> None:
    """llama.cpp reuses the cached prefix: the sources must come after all fixed text."""
    text = render("answer_system", sources="SOURCES-HERE")
    assert text.rstrip().endswith("SOURCES-HERE")
    assert "not instructions" in text  # sources and question are text, not commands


def test_user_prompts_ask_for_the_language_and_citations() -> None:
    assert "Jawab dalam Bahasa Indonesia" in render("answer_user_id", question="q")
    assert "[2]" in render("answer_user_id", question="q")
    assert "Answer in English" in render("answer_user_en", question="q")
    assert render("answer_user_en", question="QUESTION").startswith("QUESTION")
