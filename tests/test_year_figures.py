"""A figure given for the wrong year is caught: the source writes each figure with its year
("412 kasus pada 2019 ... 531 kasus, pada 2021, sebelum turun menjadi 467 pada 2022"); a claim
giving 531 for 2022 is not what it says, a claim giving 467 for 2022 is."""

from cpassist.figures import year_figure_conflict, year_pairs

SOURCE = (
    "Jumlah kehamilan remaja yang tercatat naik dari 412 kasus pada 2019 menjadi 498 pada 2020 "
    "dan mencapai puncaknya, 531 kasus, pada 2021, sebelum turun menjadi 467 pada 2022."
)


def test_the_source_pairs_each_figure_with_its_year():
    assert year_pairs(SOURCE) == {
        ("412", "2019"),
        ("498", "2020"),
        ("531", "2021"),
        ("467", "2022"),
    }
    assert year_pairs("In 2022, there were 1,236 cases.") == {("1236", "2022")}
    assert year_pairs("| 2019 | 41 | 62% |") == set()  # a table row is read with its header


def test_a_figure_given_for_another_year_conflicts():
    claim = "In 2019, there were 412 cases, while in 2022, there were 531 cases."
    assert year_figure_conflict(claim, [SOURCE]) == ("531", "2022", "2021")
    assert year_figure_conflict("Cases rose from 412 in 2019 to 531 in 2022.", [SOURCE])


def test_figures_with_their_own_years_or_years_the_source_gives_no_figure_do_not():
    assert year_figure_conflict("In 2022, there were 467 cases.", [SOURCE]) is None
    assert year_figure_conflict("Cases peaked at 531 in 2021.", [SOURCE]) is None
    # 2023 has no figure in the source: nothing to compare with (other checks judge it)
    assert year_figure_conflict("In 2023, there were 531 cases.", [SOURCE]) is None


def test_the_checker_rejects_the_wrong_year_and_keeps_the_right_one(studies_retriever):
    from cpassist.evidence import EvidenceIndex
    from cpassist.grounding import ClaimChecker
    from cpassist.schema import Passage

    source = Passage(
        text=SOURCE, source="gowa.md", study="gowa", title="Kehamilan Remaja di Gowa",
        language="id", section="Temuan", position=0, chunk_id="gowa-0",
    )  # fmt: skip
    checker = ClaimChecker([source], EvidenceIndex(studies_retriever.embeddings), {})
    wrong = checker.check("In 2022, there were 531 recorded adolescent pregnancies.")
    assert not wrong.ok and "2021" in wrong.reason, wrong.reason
    right = checker.check("In 2022, there were 467 recorded adolescent pregnancies.")
    assert right.ok, right.reason
