"""The evaluation's own checks on tiny hand-made samples whose right score is known: a perfect answer,
a wrong-language answer, a wrong citation, a false abstention, ranks, aggregation and the gate."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from cpassist.evaluation.gate import check_thresholds
from cpassist.evaluation.metrics import (
    abstention_correct,
    aggregate,
    citation_scores,
    language_match,
    lexical_support_fn,
    make_support_fn,
    passage_matches,
    retrieval_scores,
)

NEPAL_EN = (
    "Nepal ia a country with a relatively high rate of child trafficking cases in South Asia. This "
    "issues is driven by several factors, such as poverty, low education levels, patriarchal culture, "
    "and inadaquate laws."
)
NEPAL_ID = (
    "Nepal merupakan negara yang memiliki angka kasus child trafficking cukup tinggi di Asia Selatan. "
    "Hal ini didasari oleh beberapa faktor seperti, kemiskinan, pendidikan yang rendah, budaya "
    "patriarki, serta hukum yang kurang memadai."
)
JAKARTA_EN = (
    "This research was conducted at the ECPAT Indonesia head office, South Jakarta, the author's main "
    "location in conducting research."
)
FACTORS = "poverty, low education levels, patriarchal culture, and inadaquate laws"


def cite(n: int, text: str, study: str, title: str = "") -> NS:
    return NS(n=n, text=text, study=study, title=title, chunk_id=f"c{n}", language="en")


def passage(chunk_id: str, text: str, parallel_of: str | None = None) -> NS:
    return NS(chunk_id=chunk_id, text=text, parallel_of=parallel_of)


# --- a perfect answer ------------------------------------------------------------------------------
def test_perfect_answer_scores_one_everywhere() -> None:
    answer = "Child trafficking in Nepal is driven by poverty, low education levels, patriarchal culture and inadequate laws [1]."
    cites = [cite(1, NEPAL_EN, "ecpat-nepal-child-trafficking")]
    assert language_match(answer, "en") == 1.0
    assert abstention_correct(abstained=False, answerable=True) == 1.0
    assert citation_scores(answer, cites, lexical_support_fn) == {
        "citation_support": 1.0,
        "cited": 1.0,
    }
    got = retrieval_scores([passage("a", NEPAL_EN), passage("b", JAKARTA_EN)], [FACTORS], k=5)
    assert got == {
        "hit_at_1": 1.0,
        "hit_at_3": 1.0,
        "hit_at_k": 1.0,
        "mrr": 1.0,
        "phrase_recall": 1.0,
    }


# --- a wrong-language answer ----------------------------------------------------------------------
def test_wrong_language_answer_fails_language_match() -> None:
    english = "Poverty, low education and a patriarchal culture drive trafficking in Nepal [1]."
    indonesian = "Kemiskinan, pendidikan yang rendah, dan budaya patriarki mendorong perdagangan anak di Nepal [1]."
    assert language_match(english, "id") == 0.0
    assert language_match(indonesian, "id") == 1.0
    assert language_match(indonesian, "en") == 0.0
    assert language_match("[1]", "en") is None  # nothing to judge


# --- a wrong citation -----------------------------------------------------------------------------
def test_wrong_citation_is_caught_lexically() -> None:
    answer = "Poverty and a patriarchal culture drive child trafficking in Nepal [2]."
    cites = [
        cite(1, NEPAL_EN, "ecpat-nepal-child-trafficking"),
        cite(2, JAKARTA_EN, "ecpat-indonesia-down-to-zero"),
    ]
    assert citation_scores(answer, cites, lexical_support_fn)["citation_support"] == 0.0
    # a number that points to no listed source is wrong too
    dangling = "Poverty drives child trafficking in Nepal [3]."
    assert citation_scores(dangling, cites, lexical_support_fn)["citation_support"] == 0.0
    # half right: one supported pair, one unsupported
    mixed = "Poverty drives child trafficking in Nepal [1]. The research took place in South Jakarta [1]."
    assert citation_scores(mixed, cites, lexical_support_fn)["citation_support"] == 0.5
    # no [n] at all: nothing to score, and `cited` says so
    assert citation_scores("Poverty drives it.", cites, lexical_support_fn) == {
        "citation_support": None,
        "cited": 0.0,
    }


def test_wrong_citation_is_caught_by_the_answering_verifier(e5_embeddings) -> None:
    """The eval reuses `cpassist.verify` (real e5): a citation of the right passage (in the answer's
    language, as the assistant cites) passes; a citation of the other study fails."""
    support, threshold = make_support_fn(e5_embeddings)
    nepal_en = cite(
        1, NEPAL_EN, "ecpat-nepal-child-trafficking", "Cooperation between Nepal and ECPAT"
    )
    nepal_id = cite(1, NEPAL_ID, "ecpat-nepal-child-trafficking", "Kerja Sama Nepal dan ECPAT")
    jakarta = cite(2, JAKARTA_EN, "ecpat-indonesia-down-to-zero", "The Role of ECPAT Indonesia")
    claim = (
        "Child trafficking in Nepal is driven by poverty, low education and a patriarchal culture"
    )
    klaim = "Perdagangan anak di Nepal didorong oleh kemiskinan, pendidikan rendah, dan budaya patriarki"

    def score(answer: str, cites: list[NS]) -> float | None:
        return citation_scores(answer, cites, support, threshold=threshold)["citation_support"]

    assert score(f"{claim} [1].", [nepal_en, jakarta]) == 1.0
    assert score(f"{klaim} [1].", [nepal_id, jakarta]) == 1.0
    assert score(f"{claim} [2].", [nepal_en, jakarta]) == 0.0
    assert score(f"{klaim} [2].", [nepal_id, jakarta]) == 0.0


# --- a false abstention ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("abstained", "answerable", "expected"),
    [(True, True, 0.0), (False, False, 0.0), (True, False, 1.0), (False, True, 1.0)],
)
def test_abstention_correct(abstained: bool, answerable: bool, expected: float) -> None:
    assert abstention_correct(abstained, answerable) == expected


# --- retrieval ranks -------------------------------------------------------------------------------
def test_reference_at_rank_two_and_parallel_passages() -> None:
    ranked = [passage("a", JAKARTA_EN), passage("b", NEPAL_EN)]
    got = retrieval_scores(ranked, [FACTORS], k=5)
    assert (got["hit_at_1"], got["hit_at_3"], got["mrr"]) == (0.0, 1.0, 0.5)
    # a parallel passage brought along with hit "a" counts at rank 1, not 2
    with_parallel = [
        passage("a", JAKARTA_EN),
        passage("a-id", NEPAL_ID, parallel_of="a"),
        passage("b", NEPAL_EN),
    ]
    assert (
        retrieval_scores(with_parallel, ["kemiskinan, pendidikan yang rendah"], k=5)["mrr"] == 1.0
    )
    # beyond k it is a miss; half of two phrases found gives phrase recall 0.5
    assert retrieval_scores(ranked, [FACTORS], k=1)["hit_at_k"] == 0.0
    assert (
        retrieval_scores(ranked, [FACTORS, "never written anywhere in the studies"], k=5)[
            "phrase_recall"
        ]
        == 0.5
    )
    # nothing to find: not applicable
    assert retrieval_scores(ranked, [], k=5)["mrr"] is None


def test_passage_matching_is_normalised_and_tolerates_small_cleaning() -> None:
    assert passage_matches(
        "Nepal  ia a COUNTRY\n\nwith a relatively high rate", "nepal ia a country with"
    )
    assert passage_matches("*Global in the Local* concept", "global in the local concept")
    assert passage_matches(NEPAL_EN.replace("inadaquate", "inadequate"), FACTORS)  # a fixed typo
    assert not passage_matches(JAKARTA_EN, FACTORS)


# --- aggregation and the gate --------------------------------------------------------------------
def test_aggregate_by_language_and_kind_skips_missing_values() -> None:
    recs = [
        {"language": "en", "kind": "single", "scores": {"mrr": 1.0, "language_match": 1.0}},
        {"language": "id", "kind": "single", "scores": {"mrr": 0.5, "language_match": 0.0}},
        {"language": "id", "kind": "unanswerable", "scores": {"mrr": None, "language_match": 1.0}},
    ]
    got = aggregate(recs, ["mrr", "language_match"])
    assert got["overall"] == {"questions": 3, "mrr": 0.75, "language_match": pytest.approx(2 / 3)}
    assert got["by_language"]["id"] == {"questions": 2, "mrr": 0.5, "language_match": 0.5}
    assert got["by_kind"]["unanswerable"]["mrr"] is None
    assert "cross" not in got["by_kind"]


def test_gate_lists_every_metric_below_its_threshold() -> None:
    summary = {
        "overall": {"hit_at_k": 0.9, "mrr": 0.4, "language_match": None},
        "by_language": {"id": {"abstention_correct": 0.5}},
        "by_kind": {},
        "errors": 1,
    }
    thresholds = {
        "overall": {"hit_at_k": 0.8, "mrr": 0.5, "language_match": 0.9},
        "by_language": {"id": {"abstention_correct": 0.6}},
        "by_kind": {"cross": {"mrr": 0.1}},
        "max_errors": 0,
    }
    failures = check_thresholds(summary, thresholds)
    assert len(failures) == 5
    assert any("overall mrr: 0.400 < 0.50" in f for f in failures)
    assert any("language=id abstention_correct" in f for f in failures)
    assert any("overall language_match: no value" in f for f in failures)
    assert any("kind=cross mrr: no value" in f for f in failures)
    assert check_thresholds(summary, {"overall": {"hit_at_k": 0.9}}) == []


def test_fact_recall_counts_keyword_groups_across_languages_and_word_forms() -> None:
    from cpassist.evaluation.metrics import fact_found, fact_recall

    facts = [
        "kualitatif deskriptif|descriptive qualitative|qualitative descriptive",
        "jurnal|journal",
    ]
    assert fact_recall("It is a *Descriptive  Qualitative* study using journals [1].", facts) == 1.0
    assert fact_recall("Penelitian kualitatif deskriptif [2].", facts) == 0.5
    assert fact_recall("An exploratory survey.", facts) == 0.0
    assert fact_recall("anything", []) is None
    # alternatives match from a word start: stems work, fragments inside a word do not
    assert fact_found("ECPAT’s advocacy to the government", "advoca")
    assert not fact_found("several INGOs", "ngo") and fact_found("other NGOs", "ngo")
    assert fact_found("Ekspl\u00f3itasi", "eksploitasi")  # accents folded


def test_verification_changed_flags_dropped_corrected_or_fallback() -> None:
    from cpassist.evaluation.metrics import verification_changed

    assert verification_changed({"kept": 2, "corrected": 0, "dropped": 0, "fallback": False}) == 0.0
    assert verification_changed({"kept": 1, "corrected": 1, "dropped": 0, "fallback": False}) == 1.0
    assert verification_changed({"kept": 1, "corrected": 0, "dropped": 1, "fallback": False}) == 1.0
    assert verification_changed({"kept": 0, "corrected": 0, "dropped": 0, "fallback": True}) == 1.0
    assert verification_changed(None) is None
