"""A false premise about a trend is corrected by the sentence stating the trend, even when the
premise is grounded in another sentence first ("KEKAR was launched in 2020"), in a real Chroma
store with the real e5 embedder."""

from __future__ import annotations

import pytest

REPORT = """# Evaluasi Program Kembali ke Keluarga (KEKAR) di Kota Kupang

Penulis: Yohana Ndun (2024), Pusat Studi Anak Universitas Nusa Cendana

## Latar Belakang

Pada 2020 Dinas Sosial Provinsi NTT meluncurkan Program Kembali ke Keluarga (KEKAR) untuk memulangkan anak dari LKSA ke keluarga inti atau keluarga besar.

## Temuan

Jumlah anak yang tinggal di 14 LKSA di Kota Kupang turun dari 1.236 anak pada 2020 menjadi 811 anak pada 2023. Sebagian penurunan disebabkan reunifikasi melalui KEKAR.

Sebanyak 81 anak masih tinggal bersama keluarga pada saat penelusuran.
"""


@pytest.fixture(scope="module")
def kupang(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(tmp_path_factory, e5_cached, {"id-kekar-kupang.md": REPORT})


@pytest.mark.parametrize(
    "question",
    [
        "Why did the number of children in the Kupang LKSAs go up after KEKAR started?",
        "Why did the number of children in Kupang's LKSAs keep rising from 2020 to 2023?",
    ],
)
def test_a_trend_premise_is_corrected_by_the_trend_sentence(kupang, question):
    result = kupang.ask(question)
    assert not result.abstained, result.answer
    assert result.answer.startswith("The studies do not say that"), result.answer
    first = result.answer.split("[1]")[0]
    assert "turun dari 1.236 anak pada 2020 menjadi 811" in first, result.answer


FLAT = """# Safe Online Pilot in Bitung Junior High Schools

Rina Lumowa, Universitas Sam Ratulangi, 2024.

## Background

Schools in Bitung report growing numbers of cases involving online grooming and cyberbullying.

## Findings

The share of students who told a teacher about an online incident increased from 15% to 33%.
There was no significant change in self-reported cyberbullying among students (12.4% at baseline vs
11.9% at endline).
"""


@pytest.fixture(scope="module")
def bitung(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    return assistant_over_documents(tmp_path_factory, e5_cached, {"en-safe-online-bitung.md": FLAT})


def test_no_significant_change_corrects_a_premise_that_it_fell(bitung):
    """ "No significant change" runs neither up nor down: a premise that cyberbullying fell is
    corrected by it, not by the background's "growing numbers of cases" that shares a word too."""
    from cpassist.lexicon import features

    assert features("There was no significant change in bullying.").trends == {
        ("up", True),
        ("down", True),
    }
    result = bitung.ask(
        "Kenapa program Safe Online di SMP Bitung berhasil menurunkan cyberbullying siswa secara signifikan?"
    )
    assert not result.abstained, result.answer
    assert result.answer.startswith("Studi tidak menyatakan demikian"), result.answer
    assert "no significant change" in result.answer, result.answer
