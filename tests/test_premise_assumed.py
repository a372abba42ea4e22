"""A premise the report names as a mistaken assumption ("Contrary to the common assumption
that ...") is corrected by that sentence, and a generated claim restating the premise is dropped
(`amend.correct_premise`), with the real e5 embedder."""

from __future__ import annotations

from cpassist.amend import correct_premise
from cpassist.schema import Passage
from cpassist.verify import Claim

REASONS = (
    "Bertentangan dengan anggapan umum bahwa sebagian besar dispensasi diajukan karena "
    "kehamilan, alasan yang paling sering dicantumkan justru kekhawatiran orang tua bahwa anak "
    "akan berbuat zina karena sudah lama berpacaran (41,2%). Kehamilan menjadi alasan terbanyak "
    "kedua (33,5%), disusul alasan ekonomi (12,8%)."
)


def _sources() -> list[Passage]:
    return [
        Passage(chunk_id="r1", text=REASONS, study="id-dispensasi", language="id",
                section="Temuan", title="Dispensasi Kawin di Indramayu", source="d.md",
                position=3)
    ]  # fmt: skip


def test_a_premise_named_as_a_mistaken_assumption_is_corrected(e5_cached):
    from cpassist.evidence import EvidenceIndex

    question = (
        "Since pregnancy was the top reason given in the Indramayu dispensation cases, what "
        "percentage of cases cited it?"
    )
    echo = Claim(text="41,2% of cases cited pregnancy as the top reason.", sources=[0])
    second = Claim(text="Pregnancy was the second most common reason (33,5%).", sources=[0])
    claims, corrected = correct_premise(
        question, _sources(), {}, [echo, second], EvidenceIndex(e5_cached)
    )
    assert corrected
    assert claims[0].text.startswith("Bertentangan dengan anggapan umum")
    assert echo not in claims  # the generated claim restating the premise is dropped
    assert second in claims


def test_a_premise_the_report_does_not_call_an_assumption_is_left(e5_cached):
    from cpassist.evidence import EvidenceIndex

    question = "Why was worry about zina the most common reason in Indramayu?"
    claims, corrected = correct_premise(question, _sources(), {}, [], EvidenceIndex(e5_cached))
    assert not corrected
