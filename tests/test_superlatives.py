"""A superlative must rank its item first, a sentence pointing back at a dropped one goes with it,
and a local answer that leaves out the lead evidence sentence gets it quoted (real e5)."""

from __future__ import annotations

from cpassist.schema import Passage, SentenceCheck, VerificationReport
from cpassist.superlatives import superlative_misplaced

STAGES = (
    "Dari 200 diversi yang berhasil, 61% dicapai pada tahap penyidikan di kepolisian, 27% pada "
    "tahap penuntutan di kejaksaan, dan 12% pada tahap persidangan di pengadilan."
)
Q = "At which stage were most successful diversions in Palembang reached, and what share?"


def _passage(text: str, chunk: str = "c0", language: str = "id") -> Passage:
    return Passage(
        chunk_id=chunk, text=text, study="id-diversi-palembang", language=language,
        section="Temuan", title="Diversi di Palembang", source="id-diversi-palembang.md",
        position=0,
    )  # fmt: skip


def test_a_superlative_given_to_an_item_the_source_ranks_lower_is_found():
    assert superlative_misplaced("Most were reached at the penuntutan stage.", Q, STAGES) == "27%"
    assert (
        superlative_misplaced("Most diversions succeeded at prosecution (27%).", Q, STAGES) == "27%"
    )
    q_id = "Pada tahap apa diversi yang berhasil paling banyak dicapai?"
    assert (
        superlative_misplaced("Paling banyak dicapai pada tahap penuntutan.", q_id, STAGES) == "27%"
    )


def test_the_right_item_another_rank_or_no_ranking_is_not_flagged():
    assert (
        superlative_misplaced("Most were reached at the penyidikan stage (61%).", Q, STAGES) == ""
    )
    assert superlative_misplaced("Most were reached at the penyidikan stage.", Q, STAGES) == ""
    assert superlative_misplaced("The second most common was penuntutan (27%).", Q, STAGES) == ""
    assert superlative_misplaced("The lowest share was at persidangan.", Q, STAGES) == ""
    one = "Sebanyak 61% diversi dicapai pada tahap penyidikan."
    assert superlative_misplaced("Most were reached at the penuntutan stage.", Q, one) == ""


def test_verification_drops_the_misranked_claim_and_the_sentence_pointing_back_at_it(e5_cached):
    from cpassist.evidence import EvidenceIndex
    from cpassist.verify import verify_answer

    answer = (
        "The most successful diversions in Palembang were reached at the penuntutan stage [1]. "
        "This share was 27% [1]."
    )
    verified = verify_answer(answer, [_passage(STAGES)], EvidenceIndex(e5_cached), "en", question=Q)
    assert verified.claims == [], verified.report
    notes = [c.note for c in verified.report.sentences]
    assert "ranks a larger share" in notes[0], notes
    assert "refers to the sentence before it" in notes[1], notes


def test_verification_keeps_the_rightly_ranked_claim(e5_cached):
    from cpassist.evidence import EvidenceIndex
    from cpassist.verify import verify_answer

    answer = (
        "Most successful diversions in Palembang (61%) were reached at the penyidikan stage [1]."
    )
    verified = verify_answer(answer, [_passage(STAGES)], EvidenceIndex(e5_cached), "en", question=Q)
    assert len(verified.claims) == 1, verified.report


def test_the_lead_evidence_sentence_no_kept_sentence_rests_on_is_quoted(e5_cached):
    from cpassist.amend import with_best_quote
    from cpassist.evidence import EvidenceIndex
    from cpassist.verify import Claim

    other = _passage("Anak perempuan tercatat dalam 29 perkara (7%).", "c1")
    hit = _passage(STAGES, "c0")
    index = EvidenceIndex(e5_cached)
    kept = Claim(text="Girls were involved in 29 cases (7%).", sources=[0])
    report = VerificationReport(
        sentences=[
            SentenceCheck(text=kept.text, status="kept", grounding=[other.text], support=0.9)
        ]
    )
    claims, sources = with_best_quote(Q, [other], [hit, other], [kept], report, index)
    assert [c.text for c in claims] == [kept.text, STAGES], claims
    assert sources[claims[1].sources[0]].chunk_id == "c0"
    assert report.sentences[-1].quoted and "quoted 1" in report.reason

    covered = VerificationReport(
        sentences=[SentenceCheck(text="x", status="kept", grounding=[STAGES], support=0.9)]
    )
    same, _ = with_best_quote(Q, [hit], [hit], [kept], covered, index)
    assert same == [kept]


def test_a_ranked_kind_the_source_does_not_rank_is_found():
    from cpassist.superlatives import ranked_kind_missing

    reasons = (
        "Parents most often cited family debt as the reason for letting a child go; dropping out "
        "of school was the second most common reason."
    )
    claim = "The most common form of exploitation was family debt."
    assert ranked_kind_missing(claim, reasons) == "exploitation"
    assert ranked_kind_missing("Bentuk eksploitasi yang paling umum adalah utang.", reasons)
    assert ranked_kind_missing("The most common reason was family debt.", reasons) == ""
    assert ranked_kind_missing("Alasan yang paling umum adalah utang keluarga.", reasons) == ""
    verbal = "Verbal violence was the most frequent (46%)."
    assert ranked_kind_missing("The most common type of violence was verbal abuse.", verbal) == ""


def test_a_claim_putting_only_a_figure_to_the_question_needs_it_said_of_those_words():
    """ "The average monthly household income was 18,2%": every word but the figure is the
    question's, and the source says 18,2% of households receiving PKH, not of income."""
    from cpassist.bare_figures import bare_figure_misplaced

    source = [
        "Sebanyak 63,1% rumah tangga melaporkan penghasilan turun lebih dari separuh setelah "
        "penangkapan, tetapi hanya 18,2% rumah tangga yang menerima Program Keluarga Harapan (PKH)."
    ]
    titles = ["Kesejahteraan Anak dari Orang Tua yang Menjalani Pidana Penjara di Lampung"]
    question = "What was the average monthly household income of prisoners' families in Lampung?"
    claim = "The average monthly household income of prisoners' families in Lampung was 18,2%."
    assert bare_figure_misplaced(claim, question, source, titles) == "18.2"
    # a claim saying something of its own, or the figure said of the asked words, passes
    own = "18,2% of households received the PKH cash transfer."
    assert bare_figure_misplaced(own, question, source, titles) == ""
    asked = "What share of households received PKH?"
    assert bare_figure_misplaced("18,2% of households received PKH.", asked, source, titles) == ""


def test_a_difference_in_differences_is_no_change_of_the_treated_villages():
    from cpassist.bare_figures import bare_figure_misplaced

    source = [
        "Enrolment in treatment villages rose from 78.2% at baseline to 89.6% at endline, compared "
        "with a rise from 77.9% to 81.3% in comparison villages — a difference-in-differences of "
        "8.0 percentage points."
    ]
    question = (
        "Bagaimana perubahan angka partisipasi sekolah di desa perlakuan dari baseline ke endline?"
    )
    claim = (
        "Perubahan angka partisipasi sekolah di desa perlakuan dari baseline ke endline adalah "
        "8.0 percentage points."
    )
    assert bare_figure_misplaced(claim, question, source, ["Cash Plus Endline Evaluation"]) == "8.0"


def test_an_item_after_followed_by_has_the_share_of_its_own_clause():
    source = (
        "Child work was most common among independent smallholders (33.2%), followed by "
        "wage-worker households on company estates (25.7%) and plasma scheme households (18.7%)."
    )
    question = "Which type of household had the highest child labour rate?"
    claim = "The type of household with the highest child labour rate is wage-worker households."
    assert superlative_misplaced(claim, question, source) == "25.7%"
    right = "The highest child labour rate was among independent smallholders."
    assert superlative_misplaced(right, question, source) == ""


def test_a_figure_given_to_the_condition_that_changes_it_is_rejected(e5_cached):
    """Read from a local answer: "During Ramadan, the average daily income ... was Rp85.000",
    where Ramadan doubles it."""
    from cpassist.evidence import EvidenceIndex
    from cpassist.grounding import ClaimChecker

    source = _passage(
        "Rata-rata pendapatan anak sekitar Rp85.000 per hari dan dapat meningkat hingga dua kali "
        "lipat selama bulan Ramadan."
    )
    checker = ClaimChecker([source], EvidenceIndex(e5_cached), {})
    wrong = checker.check("During Ramadan, the average daily income was about Rp85.000 per day.")
    assert not wrong.ok and "changes under that condition" in wrong.reason
    assert checker.check("The average daily income was about Rp85.000 per day.").ok
    assert checker.check("Income is about Rp85.000 a day and can double during Ramadan.").ok


def test_a_figure_given_to_the_question_measure_with_only_words_copied_beside_it():
    """Read from a local answer: "At the endline, school enrolment ... was 62.4% of tracked
    children", where 62.4% of tracked children had stopped kiln work; the words copied from beside
    the figure ("tracked children") and a time word ("endline") do not make it a claim of its own."""
    from cpassist.bare_figures import bare_figure_misplaced

    question = (
        "What was school enrolment among the Kediri kiln children at baseline? and at endline?"
    )
    sources = [
        "Kiln work fell from 403 in 2020 to 167 in 2023, and 62.4% of tracked children had fully "
        "stopped kiln work by the endline.",
        "School enrolment among traced children reached 88.9% at endline.",
    ]
    titles = ["Children in the Brick Kilns of Kediri Regency"]
    wrong = "At the endline, school enrolment among the Kediri kiln children was 62.4% of tracked children."
    assert bare_figure_misplaced(wrong, question, sources, titles) == "62.4"
    right = "At endline, school enrolment among traced children reached 88.9%."
    assert bare_figure_misplaced(right, question, sources, titles) == ""
