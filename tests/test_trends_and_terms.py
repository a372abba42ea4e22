"""An English report asked in Indonesian about a trend it reverses, a term it defines in the next
sentence, a year its series does not reach, and a grant it gives no amount of; glossary phrases.
A real Chroma store, the real e5 embedder, the real ingest."""

from __future__ import annotations

import pytest

REPORT = """# Caning in Class: Teachers' Physical Punishment in Primary Schools of Kabupaten Lembata, 2019–2023

Summary report of the Lembata Child Rights Forum. The survey was funded by a grant from the
Sunda Strait Foundation.

## Findings

**1. Prevalence is falling, but slowly.** In 2023, 512 of 1,020 pupils (50.2%) had been hit or
caned by a teacher in the past month. This is lower than 63.1% in 2019 and 57.4% in 2021, a
decline of about 13 percentage points over four years.

**2. Who is at risk.** A pupil was counted as at high risk if aged 6–8 and hit weekly, or aged
9–12 and either hit weekly or given degrading tasks. Degrading tasks included cleaning latrines,
kneeling on gravel and carrying water for teachers' households.

**3. Pupils counted by year.**

| Year | Pupils surveyed | Schools |
|---|---|---|
| 2019 | 980 | 31 |
| 2021 | 1,004 | 33 |
| 2023 | 1,020 | 34 |
"""


@pytest.fixture(scope="module")
def lembata(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(tmp_path_factory, e5_cached, {"en-caning-lembata.md": REPORT})


def test_a_trend_premise_is_corrected_by_the_reversed_trend_with_its_referent(lembata):
    result = lembata.ask(
        "Kenapa hukuman fisik oleh guru di SD Lembata terus naik dari 2019 sampai 2023?"
    )
    assert "This is lower than 63.1% in 2019" in result.answer, result.answer
    assert "50.2%" in result.answer, result.answer  # the sentence "this" stands for
    assert result.answer.index("50.2%") < result.answer.index("This is lower"), result.answer


def test_the_sentence_that_says_what_a_term_is_follows_it(lembata):
    result = lembata.ask(
        "what counted as degrading tasks for 9-12 year olds in the Lembata study? list them"
    )
    assert "kneeling on gravel" in result.answer, result.answer


def test_a_year_the_series_does_not_reach_is_refused(lembata):
    refused = lembata.ask("How many pupils were surveyed in Lembata in 2022?")
    assert refused.abstained, refused.answer
    answered = lembata.ask("How many pupils were surveyed in Lembata in 2021?")
    assert not answered.abstained and "1,004" in answered.answer, answered.answer


def test_a_grant_asked_of_its_size_is_money(lembata):
    result = lembata.ask("how big was the grant that funded the Lembata caning survey?")
    assert result.abstained, result.answer
    funded = lembata.ask("Who funded the Lembata caning survey?")
    assert "Sunda Strait Foundation" in funded.answer, funded.answer


def test_years_and_fund_names_ask_no_time_or_funder():
    from cpassist.focus import question_focus

    focus = question_focus("kegiatan apa yg dapet porsi anggaran dana desa paling besar thn 2023?")
    assert "time" not in focus.names and "funder" not in focus.names, focus.names
    assert "time" in question_focus("tahun berapa program itu dimulai?").names
    assert "funder" in question_focus("siapa yang mendanai penelitian itu?").names


def test_glossary_phrases_pair_a_word_with_what_it_translates():
    from cpassist.lexicon import GLOSSARY
    from cpassist.text import stem

    school = GLOSSARY[stem("school")]
    assert stem("sekolah") in school
    assert stem("usia") not in school and stem("berbasis") not in school, school
    assert stem("anak") in GLOSSARY[stem("girls")]  # "anak perempuan": girls are children
    assert stem("yogyakarta") in GLOSSARY[stem("jogja")]
