"""A follow-up stays with the document of the previous exchange (`cpassist.continuity`): pure logic
with a fake search, then two reports about one city in a real Chroma store with the real e5
embedder, where the rewritten follow-up alone ("Kendari: how many of them were girls?") finds the
wrong one."""

from __future__ import annotations

import pytest

from cpassist.continuity import continued_document
from cpassist.schema import Passage


def _hit(study: str, text: str = "") -> Passage:
    return Passage(
        chunk_id=f"{study}-{len(text)}", text=text or study, study=study, language="en",
        section="", title=study, source=f"{study}.md", position=0,
    )  # fmt: skip


def _search(studies: list[str]):
    return lambda text: [_hit(s) for s in studies]


def test_a_follow_up_continues_the_document_most_of_the_previous_hits_come_from():
    search = _search(["safe-house", "safe-house", "safe-house", "bullying", "safe-house"])
    previous = "How many children did the evaluation interview? 21 children were interviewed."
    rewritten = "evaluation interview: how many of them were girls?"
    assert continued_document("how many of them were girls?", rewritten, previous, search) == (
        "safe-house"
    )


@pytest.mark.parametrize(
    ("question", "standalone", "previous"),
    [
        ("how many of them were girls?", "how many of them were girls?", "How many children?"),
        ("And in the Nepal study?", "methods: And in the Nepal study?", "Which methods?"),
        ("How do the two studies differ?", "x: How do the two studies differ?", "Which methods?"),
        ("how many of them were girls?", "x: how many of them were girls?", ""),
    ],
)  # fmt: skip
def test_no_document_is_continued_without_a_follow_up_or_when_it_names_its_own(
    question, standalone, previous
):
    search = _search(["safe-house"] * 5)
    assert continued_document(question, standalone, previous, search) == ""


def test_no_document_is_continued_when_the_previous_hits_are_spread():
    search = _search(["a", "b", "c", "a", "b"])
    assert continued_document("and the girls?", "x: and the girls?", "How many?", search) == ""


# --- real store ---------------------------------------------------------------------------------
SAFE_HOUSE = """# Evaluasi Rumah Aman Anak Kota Kendari

Penulis: Nur Aisyah (2022), Pusat Studi Anak Universitas Halu Oleo

## Metode

Evaluasi ini menggunakan desain studi kasus kualitatif. Tim menelusuri 48 anak yang pernah tinggal di rumah aman hingga ke rumah keluarganya.

## Temuan

Dari 48 anak yang ditelusuri, 27 di antaranya perempuan. Sebanyak 39 anak masih tinggal bersama keluarga pada saat penelusuran.
"""

BULLYING = """# School Bullying in Kendari: A Survey of Junior Secondary Students

Author: Maria Lumban (2023), Kendari Education Research Centre

## Findings

Girls reported verbal bullying more often than boys, and girls were less likely to tell a teacher. Boys more often reported physical fights after school. Girls in the eighth grade said that online insults hurt them most.

## Recommendations

Schools should train teachers to listen to girls and boys who report bullying.
"""


@pytest.fixture(scope="module")
def kendari(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from tests.conftest import assistant_over_documents

    documents = {"id-rumah-aman-kendari.md": SAFE_HOUSE, "en-bullying-kendari.md": BULLYING}
    return assistant_over_documents(tmp_path_factory, e5_cached, documents, with_studies=False)


def test_a_follow_up_is_answered_from_the_document_the_chat_was_about(kendari):
    assistant = kendari
    retriever = assistant.retriever
    first = "How many children did the Kendari safe house evaluation trace?"
    answer = assistant.ask(first)
    assert "48 anak" in answer.answer, answer.answer
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": answer.answer}]
    # the rewritten follow-up alone finds the bullying survey, which speaks of girls throughout
    alone = retriever.search(assistant.prepare("how many of them were girls?", history).standalone)
    assert alone[0].study == "en-bullying-kendari"
    result = assistant.ask("how many of them were girls?", history)
    assert not result.abstained, result.answer
    assert "27 di antaranya perempuan" in result.answer, result.answer
    assert {c.study for c in result.citations} == {"id-rumah-aman-kendari"}
