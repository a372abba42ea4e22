"""The claim checker on hand-made claims about the two studies, one per assertion check, with the
real e5 embedder over every chunk of the ingested studies (the held-out gate is in
tests/test_claims_gate.py). Each false claim must be rejected for the right reason; each faithful
restatement of the same fact must pass."""

from __future__ import annotations

import pytest

from cpassist.actors import edges, subject
from cpassist.evidence import index_for
from cpassist.grounding import ClaimChecker
from cpassist.lexicon import features
from cpassist.schema import Passage


@pytest.fixture(scope="module")
def checker(studies_vectorstore) -> ClaimChecker:
    got = studies_vectorstore.get(include=["documents", "metadatas"])
    sources = [
        Passage.from_metadata(i, t, m)
        for i, t, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    ]
    return ClaimChecker(sources, index_for(studies_vectorstore.embeddings))


def _one_source_checker(store, text: str, study: str, title: str) -> ClaimChecker:
    """A checker over one hand-written Indonesian passage (the real e5 index of `store`)."""
    source = Passage(
        chunk_id=f"{study}-1", study=study, title=title, language="id", section="body", text=text
    )
    return ClaimChecker([source], index_for(store.embeddings))


@pytest.mark.parametrize(
    ("false", "reason", "faithful"),
    [
        (
            "The number of child trafficking cases in Nepal fell between 2009 and 2020.",
            "trend",
            "Child trafficking cases in Nepal did not decrease consistently between 2009 and 2020.",
        ),
        (
            "The Down to Zero programme was initiated by ECPAT Indonesia.",
            "actor",
            "The Down to Zero programme was initiated by several INGOs.",
        ),
        (
            "The Nepal study is exploratory research.",
            "method",
            "The Nepal study is descriptive qualitative research.",
        ),
        (
            "ECPAT mendapat banyak bantuan dari Nepal.",
            "reversed",
            "Nepal mendapat banyak bantuan dari ECPAT.",
        ),
        (
            "The second role of ECPAT Indonesia is disseminating information through print and "
            "electronic media.",
            "ordinal",
            "The third role of ECPAT Indonesia is disseminating information through print and "
            "electronic media.",
        ),
        (
            "All ministries partnered with ECPAT Indonesia in the Down to Zero programme.",
            "generalises",
            "Several ministries and NGOs were ECPAT Indonesia's partners in the Down to Zero programme.",
        ),
        (
            "The Indonesian government initiated the Down to Zero programme.",
            "actor",
            "Down to Zero is a programme that several international NGOs initiated.",
        ),
        (
            "Pemerintah Indonesia menginisiasi program Down to Zero.",
            "actor",
            "Beberapa INGO menginisiasi program Down to Zero.",
        ),
        (
            "ECPAT Indonesia is a government agency.",
            "subject is",
            "ECPAT Indonesia is a non-state actor.",
        ),
        (
            "ECPAT Indonesia stopped the Down to Zero programme.",
            "stop",
            "ECPAT Indonesia took part in the Down to Zero programme.",
        ),
        (
            "Tujuan penelitian Down to Zero adalah mengentaskan eksplorasi seksual komersial anak "
            "di dunia.",
            "aim",
            "Tujuan penelitian ini adalah mendeskripsikan peran ECPAT Indonesia.",
        ),
        (
            "Penelitian tentang Nepal dilakukan di Nepal dan ECPAT.",
            "where the research",
            "Penelitian ini dilakukan di kantor pusat ECPAT Indonesia, Jakarta Selatan.",
        ),
        (
            "Tujuan ECPAT dalam kerja sama dengan Nepal adalah mengatasi isu-isu berbasis anak, dan "
            "mendapat bantuan ECPAT sebagai NGO.",
            "itself",
            "ECPAT bertujuan mengatasi isu-isu berbasis anak, dan Nepal bertujuan mendapat bantuan "
            "ECPAT sebagai NGO.",
        ),
        (
            "Child trafficking in Nepal is a complex issue driven by poverty and low education.",
            "evaluation",
            "Child trafficking in Nepal is driven by poverty and low education.",
        ),
        (
            "ECPAT was founded in Bangkok in 1990.",
            "1990",
            "The research covers the cooperation between Nepal and ECPAT from 2009 to 2020.",
        ),
        (
            "Penelitian dilakukan di kantor pusat ECPAT Indonesia, Jakarta Pusat.",
            "name",
            "Penelitian dilakukan di kantor pusat ECPAT Indonesia, Jakarta Selatan.",
        ),
        (
            "ECPAT paid Nepal to join the partnership.",
            "payment",
            "ECPAT and Nepal both benefit from the partnership.",
        ),
        (
            "ECPAT gained significant assistance from Nepal.",
            "who helps whom",
            "Nepal gained significant assistance from ECPAT.",
        ),
        (
            "ECPAT Indonesia melaksanakan program Down to Zero untuk memperbarui informasi.",
            "purpose",
            "ECPAT Indonesia melakukan penyebarluasan informasi melalui media cetak.",
        ),
        (
            "The Nepal study focuses on addressing child-related issues.",
            "focus of the study",
            "The Nepal study focuses on the collaboration between Nepal and ECPAT.",
        ),
    ],
)
def test_false_claim_rejected_and_its_faithful_twin_accepted(checker, false, reason, faithful):
    verdict = checker.check(false)
    assert not verdict.ok, verdict
    assert reason in verdict.reason or reason in str(verdict.reason).lower(), verdict.reason
    twin = checker.check(faithful)
    assert twin.ok, twin
    assert twin.grounding  # every accepted claim says which source sentences it rests on


def test_a_verbatim_sentence_is_marked_exact(checker):
    verdict = checker.check("Third, ECPAT Indonesia disseminates information and campaigns through "
                            "print media, electronic media, and campaigns.")  # fmt: skip
    assert verdict.ok and verdict.exact


def test_features_read_trends_with_their_negation_and_numbers():
    f = features("the nuber of cases from 2009-2020 has not shown a consistent decrease")
    assert ("down", True) in f.trends and {"2009", "2020"} <= f.numbers
    assert ("down", False) in features("Jumlah kasus menurun sejak 2009.").trends
    assert not features("Kedua pihak mendapat keuntungan.").ordinals  # "both parties", not "second"
    assert features("Peran yang kedua yaitu advokasi.").ordinals == {2}


def test_who_helps_whom_and_opening_actors():
    known = {"nepal", "ecpat"}  # names the sources use (a first word is a name only if known)
    assert ("ecpat", "nepal") in edges("Nepal receives significant assistance from ECPAT.", known)
    assert ("nepal", "ecpat") in edges("Nepal helped ECPAT.", known)
    assert subject("The Indonesian government disseminates information.") >= {"govern"}
    assert subject("Policy advocacy to the government is the second role.") == set()


def test_a_number_goes_with_the_name_the_source_writes_it_next_to(studies_vectorstore):
    report = Passage(
        chunk_id="helpline-1",
        study="helpline-report",
        title="Annual Report 2023: Reports to the SafeNet Asia Helpline",
        language="en",
        section="body",
        text="In 2023 the helpline received 3,480 reports, up from 2,150 in 2022. Indonesia "
        "accounted for 1,620 of the reports, the Philippines for 1,390 and Cambodia for 470.",
    )
    checker = ClaimChecker([report], index_for(studies_vectorstore.embeddings))
    wrong = checker.check("The helpline received 1,390 reports from Indonesia.")
    assert not wrong.ok and "belongs to" in wrong.reason, wrong
    right = checker.check("The Philippines accounted for 1,390 of the reports.")
    assert right.ok, right
    bare = checker.check("In 2023 the helpline received 3,480 reports.")
    assert bare.ok, bare


def test_features_read_designs_figures_and_not_school_levels():
    assert features("The evaluation used a quasi-experimental design.").methods == {
        "quasi_experiment"
    }
    assert not features("Expand it to all junior secondary schools.").methods
    assert features("Laporan naik dari 31 pada 2021 menjadi 58 pada 2023.").trends == {
        ("up", False)
    }
    assert not features("the rise of non-state actors such as INGOs").trends


def test_a_swapped_sex_is_the_opposite_of_the_source():
    from cpassist.assertions import _opposite_side

    class _S:
        def __init__(self, text: str) -> None:
            self.text = text

    evidence = [_S("Sebanyak 87 persen responden adalah perempuan.")]
    assert _opposite_side("Sebagian besar responden adalah laki-laki.", "", evidence) == "laki-laki"
    assert _opposite_side("Sebagian besar responden adalah perempuan.", "", evidence) == ""
    assert _opposite_side("Most were boys.", "Were most boys?", evidence) == ""


def test_a_figure_restated_about_something_else_is_rejected(studies_vectorstore):
    """The number is in the source, but it counts child miners, not deaths."""
    text = (
        "Jumlah pekerja anak di tambang naik dari sekitar 250 anak pada tahun 2019 menjadi "
        "sekitar 700 anak pada tahun 2022. Sebanyak 42 anak pernah mengalami kecelakaan kerja."
    )
    checker = _one_source_checker(studies_vectorstore, text, "tambang", "Pekerja Anak di Tambang")
    question = "Berapa anak yang meninggal karena kecelakaan di tambang?"
    false = checker.check(
        "Ada sekitar 700 anak yang meninggal karena kecelakaan di tambang.", question
    )
    assert not false.ok and "counts something else" in false.reason
    true = checker.check("Jumlah pekerja anak di tambang naik menjadi sekitar 700 anak pada 2022.")
    assert true.ok, true


def test_a_figure_given_what_the_source_says_of_its_neighbour_is_rejected(studies_vectorstore):
    """One source sentence, two figures: the claim gives the minimum wage's figure as the wage."""
    text = "Temuan: - upah rata-rata Rp850.000 per bulan, jauh di bawah UMK Semarang sebesar Rp2.835.021;"
    checker = _one_source_checker(studies_vectorstore, text, "prt", "PRT Anak di Semarang")
    question = "What do child domestic workers in Semarang earn per month?"
    false = checker.check(
        "Child domestic workers in Semarang earn on average per month about Rp2.835.021.", question
    )
    assert not false.ok and "another number" in false.reason
    faithful = checker.check(
        "Child domestic workers in Semarang earn on average Rp850.000 per month.", question
    )
    assert "another number" not in faithful.reason


def test_a_figure_from_a_wage_is_not_a_remittance_across_languages(studies_vectorstore):
    """An English claim about remittances takes a wage figure from an Indonesian sentence."""
    text = "Temuan: - upah rata-rata Rp850.000 per bulan bagi pekerja rumah tangga anak."
    checker = _one_source_checker(studies_vectorstore, text, "prt", "PRT Anak di Semarang")
    question = "What is the average monthly remittance that migrant mothers send home?"
    verdict = checker.check(
        "The average monthly remittance that migrant mothers send home is Rp850.000.", question
    )
    assert not verdict.ok and "counts something else" in verdict.reason


def test_a_cue_word_and_its_translation_count_once_across_languages(studies_vectorstore):
    """ "How many ... visit?" over Indonesian sentences: "jumlah" (number) and its glossary twin
    are one cue, so the sentence that says the visits wins over one that merely says "jumlah"."""
    from cpassist.extractive import extractive_answer

    visits = "Tim peneliti mengunjungi 64 LKSA di 9 kabupaten antara Maret dan Agustus 2023."
    other = (
        "Dinas Sosial Aceh perlu menambah jumlah asesor dari 12 menjadi sedikitnya 30 orang agar "
        "seluruh 212 LKSA dapat dinilai sebelum 2026."
    )
    sources = [
        Passage(
            chunk_id=f"a{i}",
            study="lksa",
            title="Akreditasi LKSA di Aceh",
            language="id",
            section="body",
            text=text,
        )  # fmt: skip
        for i, text in enumerate([visits, other])
    ]
    claims = extractive_answer(
        "How many LKSA did the Aceh accreditation study visit?",
        sources,
        index_for(studies_vectorstore.embeddings),
    )
    assert claims and claims[0].text == visits


def test_a_count_the_grounding_sentence_gives_differently_is_rejected(studies_vectorstore):
    """The claim's two figures come from one sentence, which counts the pesantren as 12; "two
    pesantren" (said elsewhere of something else) is not their number."""
    text = (
        "Tes pengetahuan dilakukan terhadap 312 ustadz dan ustadzah (184 ustadz dan 128 ustadzah) "
        "dari 12 pesantren peserta. Selain itu, di dua pesantren, anggota satgas adalah kerabat "
        "dekat pengasuh."
    )
    checker = _one_source_checker(studies_vectorstore, text, "pesantren", "Pesantren di Jombang")
    question = "How many ustadz and ustadzah were trained, and from how many pesantren?"
    false = checker.check("184 ustadz and 128 ustadzah were trained, from two pesantren.", question)
    assert not false.ok, false
    from cpassist.claim_text import _Sentence
    from cpassist.figures import _count_conflict

    grounding = [s for s in checker._sentences if "312" in s.text]
    assert isinstance(grounding[0], _Sentence)
    assert _count_conflict("184 ustadz and 128 ustadzah, from two pesantren.", grounding)
    assert not _count_conflict("184 ustadz and 128 ustadzah, from 12 pesantren.", grounding)
    faithful = checker.check(
        "184 ustadz and 128 ustadzah were trained, from 12 pesantren.", question
    )
    assert faithful.ok, faithful


def test_a_recommendation_stated_as_done_is_rejected(studies_vectorstore):
    text = (
        "Tim evaluasi merekomendasikan agar Kemenag Kabupaten Jombang memastikan anggota satgas "
        "independen dari keluarga pengasuh dan memperluas pelatihan ke pesantren lain."
    )
    checker = _one_source_checker(studies_vectorstore, text, "pesantren", "Pesantren di Jombang")
    question = "Apa yang dilakukan program di Jombang?"
    false = checker.check(
        "Program Jombang memastikan anggota satgas independen dari keluarga pengasuh dan "
        "memperluas pelatihan ke pesantren lain.",
        question,
    )
    assert not false.ok and "recommends" in false.reason
    faithful = checker.check(
        "Tim evaluasi merekomendasikan agar Kemenag memastikan anggota satgas independen dari "
        "keluarga pengasuh.",
        question,
    )
    assert faithful.ok, faithful


def test_a_year_that_dates_something_else_and_a_wrong_month_are_rejected(studies_vectorstore):
    text = (
        "Setelah LPKA Tangerang bermitra dengan PKBM Bina Insani pada 2019, partisipasi anak naik. "
        "Antara Juli dan November 2021, tim melakukan survei terstruktur terhadap 164 anak dan "
        "wawancara mendalam dengan 36 anak."
    )
    checker = _one_source_checker(studies_vectorstore, text, "lpka", "Anak di LPKA Tangerang")
    question = "Kapan kerja lapangan studi LPKA Tangerang dilakukan?"
    dated = checker.check("Kerja lapangan studi LPKA Tangerang dilakukan pada 2019.", question)
    assert not dated.ok and "dates something else" in dated.reason
    month = checker.check("Kerja lapangan dilakukan antara Maret dan November 2021.", question)
    assert not month.ok and "maret" in month.reason
    # a month is no actor, and "Juli" is the source's month
    faithful = checker.check("Kerja lapangan dilakukan antara Juli dan November 2021.", question)
    assert faithful.ok, faithful


def test_a_figure_given_for_an_ordinal_the_source_gives_another_figure_is_rejected(
    studies_vectorstore,
):
    text = (
        "Jenis laporan terbanyak adalah perundungan (21 laporan), sedangkan kekerasan seksual "
        "menempati urutan kedua dengan 9 laporan; 7 laporan sisanya berkaitan dengan hukuman fisik."
    )
    checker = _one_source_checker(studies_vectorstore, text, "pesantren", "Pesantren di Jombang")
    question = "What was the second most common type of report in the pesantren?"
    false = checker.check(
        "The second most common type of report was bullying (21 reports).", question
    )
    assert not false.ok and "ranks" in false.reason
    faithful = checker.check(
        "The second most common type of report was sexual violence, with 9 reports.", question
    )
    assert faithful.ok, faithful


def test_phrasal_trend_verbs_are_trends():
    from cpassist.lexicon import features

    assert features("the number of children went up after 2020").trends == {("up", False)}
    assert features("cases go down every year").trends == {("down", False)}
    assert not features("the office was set up in 2019").trends
    assert not features("Down to Zero is a programme").trends


def test_a_decimal_comma_does_not_split_the_clause_of_a_ranked_figure():
    from cpassist.claim_text import _Sentence
    from cpassist.figures import _ordinal_number_conflict

    source = (
        "Kehamilan menjadi alasan terbanyak kedua (33,5%), disusul alasan ekonomi, misalnya "
        "untuk meringankan beban keluarga (12,8%)."
    )
    from cpassist.lexicon import features

    grounding = [_Sentence(0, source, "id", set(), features(source), 0)]
    claim = "Pregnancy was the second most common reason (33,5%)."
    assert _ordinal_number_conflict(claim, grounding) == ""
    assert _ordinal_number_conflict("The second most common reason was 12,8%.", grounding) == "12.8"


def _bitung_checker(e5_cached):
    from cpassist.evidence import EvidenceIndex
    from cpassist.grounding import ClaimChecker
    from cpassist.schema import Passage

    text = (
        "Di 612 rumah tangga yang disurvei terdapat 1.148 anak berusia 10–17 tahun. Sebanyak "
        "27,4% di antaranya melakukan pekerjaan di sektor perikanan dalam 12 bulan terakhir."
    )
    method = (
        "Data dikumpulkan melalui wawancara mendalam dengan 48 anak berusia 12–17 tahun, 40 "
        "pengasuh, dan 15 informan kunci."
    )
    sources = [
        Passage(chunk_id=f"b{i}", text=t, study="id-bitung", language="id", section="",
                title="Pekerja Anak di Kota Bitung", source="b.md", position=i)
        for i, t in enumerate([text, method])
    ]  # fmt: skip
    return ClaimChecker(sources, EvidenceIndex(e5_cached))


def test_a_figure_is_not_given_the_predicate_another_figure_has(e5_cached):
    checker = _bitung_checker(e5_cached)
    question = "What share of children aged 10-17 in the surveyed households worked in fisheries?"
    wrong = checker.check(
        "1.148 children aged 10-17 in the surveyed households worked in fisheries.", question
    )
    assert not wrong.ok and wrong.reason.startswith("number 1148"), wrong
    right = checker.check(
        "There were 1.148 children aged 10-17 in the surveyed households.", question
    )
    assert right.ok, right


def test_a_count_keeps_what_the_source_counts_with_it(e5_cached):
    checker = _bitung_checker(e5_cached)
    question = "How many children were interviewed?"
    wrong = checker.check("The study interviewed 48 children, 40 of whom were girls.", question)
    assert not wrong.ok and wrong.reason.startswith("number 40"), wrong
    right = checker.check(
        "The study interviewed 48 children aged 12-17, 40 caregivers and 15 key informants.",
        question,
    )
    assert right.ok, right


def test_an_amount_keeps_its_kind_of_payment():
    from cpassist.claim_text import _Sentence
    from cpassist.figures import _money_kind_conflict
    from cpassist.lexicon import features

    text = "upah rata-rata Rp850.000 per bulan bagi pekerja rumah tangga anak."
    grounding = [_Sentence(0, text, "id", set(), features(text), 0)]
    assert _money_kind_conflict("The average remittance is Rp850.000 a month.", grounding)
    assert not _money_kind_conflict("The average wage is Rp850.000 a month.", grounding)
    assert not _money_kind_conflict("They earn Rp850.000 a month on average.", grounding)


def test_a_question_naming_a_survey_presumes_only_the_survey():
    from cpassist.focus import presumes_method_only

    assert presumes_method_only("Menurut survei di Makassar, di mana kontak pertama terjadi?")
    assert presumes_method_only("How many households were surveyed?")
    assert not presumes_method_only("Why did the survey find that cases fell?")
    assert not presumes_method_only("Where did the first contact happen?")


def test_a_cash_transfer_is_no_cost_and_an_extra_amount_no_trend():
    from cpassist.claim_text import _Sentence
    from cpassist.figures import _money_kind_conflict
    from cpassist.lexicon import features

    text = "Households received an extra Rp 300,000 per month (the cash)."
    grounding = [_Sentence(0, text, "en", set(), features(text), 0)]
    assert _money_kind_conflict("The total cost per adolescent was Rp 300,000 a month.", grounding)
    assert not _money_kind_conflict("Each household got Rp 300,000 in cash a month.", grounding)
    assert not features("Rumah tangga menerima tambahan Rp 300.000 per bulan.").trends
    assert features("Jumlah kasus bertambah dari 12 menjadi 20.").trends == {("up", False)}
