"""A year the asked document never mentions is refused; ranges and "since" cover their years."""

from cpassist.asked_years import absent_year, years_covered

REPORT = (
    "Kasus yang dilaporkan berjumlah 6 kasus pada 2019, turun menjadi 3 kasus pada 2020, "
    "naik menjadi 5 kasus pada 2021, dan melonjak menjadi 14 kasus pada 2022."
)


def test_year_outside_the_series_is_absent():
    assert absent_year("How many cases did the unit record in 2017?", [REPORT]) == "2017"
    assert absent_year("Berapa kasus pada tahun 2017?", [REPORT]) == "2017"


def test_year_in_the_series_is_found():
    assert absent_year("How many cases in 2021?", [REPORT]) == ""
    assert absent_year("Why did cases fall between 2019 and 2022?", [REPORT]) == ""


def test_the_first_missing_year_of_two_is_named():
    assert absent_year("How did cases change from 2018 to 2022?", [REPORT]) == "2018"


def test_ranges_and_since_cover_the_years_inside():
    assert {2016, 2017, 2018} <= years_covered("Data periode 2015–2020 dianalisis.")
    assert 2017 in years_covered("from 2016 to 2018 the caseload grew")
    assert 2017 in years_covered("Program berjalan sejak 2015 dan dievaluasi pada 2023.")
    assert 2020 in years_covered("the 2019/20 school year")
    assert absent_year("What was enrolment in 2017?", ["Data periode 2015-2020."]) == ""


def test_no_year_or_no_document_asks_nothing():
    assert absent_year("How many cases were recorded?", [REPORT]) == ""
    assert absent_year("How many cases in 2017?", []) == ""


def test_numbers_that_are_not_years_do_not_cover():
    # a count of 2017 children or a regulation number is not the year 2017
    assert 2017 not in years_covered("Permenkes 5/2017 and 3,2017 share")
    assert absent_year("What happened in 2017?", ["Sebanyak 2017% ... 2019."]) == "2017"


LIMITS = (
    "Sampel terdiri atas 1.846 siswa SMA negeri. Keempat, studi ini hanya mencakup SMA negeri, "
    "sehingga hasilnya belum tentu berlaku untuk SMK, madrasah aliyah, atau pesantren."
)


def test_a_group_named_only_as_left_out_is_refused_with_that_sentence():
    from cpassist.excluded import excluded_group

    word, said = excluded_group("What was the depression rate at SMK vocational schools?", [LIMITS])
    assert word == "SMK" and "belum tentu berlaku untuk SMK" in said
    # named elsewhere too (SMA), or asked about what was left out: no refusal
    assert excluded_group("What was the depression rate at SMA schools?", [LIMITS]) == ("", "")
    assert excluded_group("Does the finding apply to SMK?", [LIMITS]) == ("", "")
    # ordinary words of such a sentence name no group
    assert excluded_group("bentuk apa yang paling sering di hasilnya?", [LIMITS]) == ("", "")


def test_a_premise_the_report_states_with_a_not_is_found():
    from cpassist.negated import negated_premise
    from cpassist.schema import Passage

    report = Passage(
        text=(
            "Delapan sekolah menjalankan program. Pembagian sekolah tidak dilakukan secara acak, "
            "melainkan berdasarkan kesediaan kepala sekolah."
        ),
        study="garut",
        title="Garut",
        language="id",
        chunk_id="garut-1",
        section="Metode",
    )
    found = negated_premise("the schools were randomly assigned to the programme", [report])
    assert found and "tidak dilakukan secara acak" in found[1]
    # a premise that itself says "not", or one the sentence does not negate, is left alone
    assert negated_premise("the schools were not randomly assigned", [report]) is None
    assert negated_premise("eight schools ran the programme", [report]) is None


def test_how_many_a_premise_speaks_of_is_not_what_it_claims():
    """ "sebagian besar" shared with a report's "contrary to the assumption that most requests
    ..." does not make that sentence about a premise on who left the children."""
    from cpassist.amend import _contrary_assumption
    from cpassist.schema import Passage

    other = Passage(
        text=(
            "Bertentangan dengan anggapan umum bahwa sebagian besar dispensasi diajukan karena "
            "kehamilan, alasan yang paling sering justru kekhawatiran orang tua."
        ),
        study="dispensasi",
        title="Dispensasi",
        language="id",
        chunk_id="d-1",
        section="Temuan",
    )
    premise = "sebagian besar anak ditinggal oleh ayahnya yang kerja di luar negeri"
    assert _contrary_assumption(premise, [other]) is None
    assert _contrary_assumption("sebagian besar dispensasi diajukan karena kehamilan", [other])


def test_open_questions_take_nothing_for_granted():
    """ "How did X differ?", "gone up or down?", "did it make any difference?" state no premise, so
    no answer to them opens with "The studies do not say that"; "How did X end Y?" still does."""
    from cpassist.focus import premise_of

    assert premise_of("How did the child labour rate differ between the two islands?") == ""
    assert premise_of("How did the share of children change from 2021 to 2023?") == ""
    assert premise_of("Has the share of under-15s gone up or down since 2019?") == ""
    assert premise_of("Did economic support make any difference to reunification?") == ""
    assert (
        premise_of("Apakah kehadiran sekolah anak pekerja migran berbeda dengan anak lain?") == ""
    )
    assert premise_of("studi TTS itu metodenya apa? brp siswi yg disurvei?") == ""
    assert premise_of("How did the Down to Zero programme end child exploitation?") != ""


def test_a_proposal_with_without_negates_no_premise():
    from cpassist.negated import negated_premise
    from cpassist.schema import Passage

    proposal = Passage(
        text="Companies should review harvest targets so that harvesters can meet them without family help.",
        study="kotim",
        title="Kotim",
        language="en",
        chunk_id="k-1",
        section="Recommendations",
    )
    assert negated_premise("children help their parents on the estates", [proposal]) is None


def test_children_under_an_age_no_figure_is_given_for_are_refused():
    from cpassist.excluded import unstated_age_bound

    survey = (
        "Survei mencakup 386 anak berusia 10-17 tahun. Survei tidak mencakup anak di bawah usia 10 "
        "tahun, padahal sebagian anak kecil ikut membantu mengikat bibit."
    )
    bound, said = unstated_age_bound("how many kids under 10 were helping tie seedlings?", [survey])
    assert bound == "under 10" and said.startswith("Survei tidak mencakup")
    assert unstated_age_bound("how many cases involved kids under 14?", [survey]) == (
        "under 14",
        "",
    )
    given = "Of the cases, 31 involved children under 14 and 12 involved children aged 12-13."
    assert unstated_age_bound("how many cases involved kids under 14?", [given]) == ("", "")
    assert unstated_age_bound("how many children worked?", [survey]) == ("", "")
