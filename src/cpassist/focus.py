"""What a question asks for: its focus (method, instrument, theory, who initiated, factors,
findings, role with its ordinal, rank with its place, place, time, author, aim, benefit, barrier,
frequency, count, trend), in Indonesian or English.

Contract: `question_focus(question)` returns a `Focus` with the focus names found, the ordinal asked
for (e.g. 3 for "the third role", None otherwise) and the stems of words that sentences answering
that kind of question tend to contain (`cue_stems`). `premise_of(question)` turns a why/yes-no
question into the statement it takes for granted ("Why did cases fall?" -> "cases fall"), or ""
when it has none. It does not look at passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cpassist.language import question_language
from cpassist.lexicon import DROPPED_OUT, ORDINALS, features
from cpassist.text import stem, words

#: focus -> (question cue words, answer-sentence cue words); both languages, matched by stem.
_FOCI: dict[str, tuple[str, str]] = {
    "method": (
        "method methods methodology metode metodologi approach pendekatan design desain data "
        "qualitative kualitatif quantitative kuantitatif dokumen "
        "documents literature literatur fieldwork sampling sample sampel selected dipilih "
        "memilih milih recruited direkrut",
        "method metode data interviews interview wawancara documents dokumen document "
        "administered structured terstruktur in-depth mendalam informants informan respondents "
        "responden design desain case kasus mixed-methods campuran experimental eksperimen "
        "quasi-experimental kuasi-eksperimen pretest-posttest purposive purposif sample sampel "
        "qualitative kualitatif quantitative kuantitatif descriptive deskriptif survey survei "
        "journals jurnal books buku observation observasi utilizing memanfaatkan collection "
        "pengumpulan sampling dipilih selected random acak cluster klaster stratified bertingkat "
        "multistage recruited direkrut comprised terdiri",
    ),
    # "what instrument and cut-off?", "alat ukur apa?": the sentence naming the scale and its
    # threshold ("screened with the SOGS-RA; a score of 4 or more ...")
    "instrument": (
        "instrument instruments instrumen scale scales skala cut-off cutoff threshold ambang "
        "questionnaire kuesioner tool tools alat measure mengukur",  # not "screened" or "measured":
        # "how many were screened?" is a count
        "instrument instrumen scale skala score skor scored cut-off cutoff threshold ambang "
        "screened screening skrining questionnaire kuesioner adapted adaptation adaptasi validated "
        "version versi measured diukur classified dikategorikan categorised categorized",
    ),
    "definition": (
        "definisi definition definitions defined define didefinisikan mendefinisikan artinya "
        "maksudnya dimaksud criteria kriteria counted dihitung",
        "defined definition definisi didefinisikan counted dihitung dianggap considered "
        "classified dikategorikan kategori criteria kriteria means berarti dinyatakan declared "
        "apabila jika bila",
    ),
    "theory": (
        "theory theories teori framework kerangka lens",
        "theory theories teori based framework kerangka",
    ),
    "concept": (
        "concept concepts konsep",
        "concept concepts konsep theories teori",
    ),
    "initiator": (
        "initiated initiate initiator inisiasi diinisiasi memprakarsai prakarsa "
        "founded started began mendirikan didirikan memulai dimulai behind commissioned "
        "commission menugaskan ditugaskan menggagas digagas penggagas gagas "
        "pencetus mencetuskan dicetuskan inisiator diprakarsai",
        "initiation initiated inisiasi diinisiasi prakarsa founded didirikan started dimulai "
        "commissioned menugaskan ditugaskan diminta digagas gagasan penggagas dicetuskan "
        "diprakarsai initiative inisiatif idea",
    ),
    "funder": (
        "funded fund funds funding funder funders financed didanai mendanai dana pendanaan "
        "penyandang dibiayai membiayai sponsor sponsored paid",
        "funded fund funds funding didanai mendanai dana pendanaan dibiayai membiayai grant hibah "
        "sponsored financed support dukungan",
    ),
    "factors": (
        "why mengapa kenapa faktor factor factors penyebab cause causes sebab driven drive "
        "reason reasons alasan",
        "factors faktor driven didasari disebabkan because karena caused due led mendorong akibat "
        "poverty kemiskinan alasan reason reasons penyebab causes",
    ),
    "finding": (
        "found find findings finding temuan menemukan hasil result results conclude concluded "
        "conclusion kesimpulan show shows menunjukkan",
        "found menemukan findings temuan result hasil shows menunjukkan concluded",
    ),
    "role": (
        "role roles peran berperan function fungsi",
        "role peran berperan acts partnership advocate advokasi disseminates penyebarluasan",
    ),
    "place": (
        "where dimana mana lokasi location tempat place conducted based",
        "conducted dilakukan lokasi location office kantor pusat head di at in located kecamatan "
        "desa kelurahan kabupaten village district",
    ),
    "time": (
        "period periode year years tahun",
        "year tahun since sejak from hingga period periode launched diluncurkan dimulai began "
        "started dibentuk established january januari february februari march maret april mei "
        "june juni july juli august agustus september october oktober november december desember",
    ),
    "aim": (
        "aim aims goal goals purpose tujuan bertujuan objective objectives sasaran want wanted "
        "hope hoped ingin",
        "goals tujuan aims bertujuan aim purpose objective describe mendeskripsikan",
    ),
    "benefit": (
        "benefit benefits keuntungan manfaat gain gained get got untung",
        "benefit benefits keuntungan manfaat assistance bantuan receives mendapat",
    ),
    "count": (
        "berapa jumlah number count",
        "number jumlah",
    ),
    "rank": (
        "most paling terbanyak tertinggi terendah highest lowest largest biggest weakest strongest "
        "weakest terlemah terkuat main utama common",
        "most paling terbanyak tertinggi terendah highest lowest largest biggest weakest "
        "terlemah strongest terkuat common umum frequent sering followed disusul ranked "
        "peringkat urutan",
    ),
    "barrier": (
        "barrier barriers obstacle obstacles hambatan kendala challenge challenges tantangan "
        "hinder hinders menghambat penghambat halangan difficulty difficulties kesulitan "
        "constraint constraints",
        "hambatan kendala barrier barriers obstacle obstacles challenge challenges tantangan "
        "menghambat penghambat halangan kesulitan difficulty difficulties constraint constraints "
        "hinder hindered",
    ),
    "frequency": (
        "frequency frekuensi frequently",
        "every setiap each kali times sekali once twice monthly bulanan weekly mingguan daily "
        "harian annually tahunan quarterly triwulan average rata-rata",
    ),
    "trend": (
        "fall fell decrease decreased decline declined drop dropped rise rose increase increased "
        "trend menurun turun naik meningkat penurunan peningkatan tren berkurang down change "
        "perkembangan "
        "changed changes berubah perubahan",
        "decrease penurunan increase peningkatan consistent konsisten trend "
        "fell fall dropped declined rose increased decreased reduced reduction reductions turun "
        "naik meningkat berkurang",  # not "menurun": its stem is that of "menurut" (according to)
    ),
    # "was it effective?", "berhasil?": what changed, without the verbs of any change ("berapa anak
    # yang berhasil dipetakan?" is a count, not a trend)
    "effect": (
        "effective efektif berhasil",
        "decrease penurunan increase peningkatan consistent konsisten trend shown menunjukkan",
    ),
}
_CUES = {
    name: ({stem(w) for w in q.split()}, {stem(w) for w in a.split()})
    for name, (q, a) in _FOCI.items()
}
_AUTHOR_Q = re.compile(
    r"\b(who (wrote|authored|is the author|are the authors|did the (study|research))|"
    r"who (carried out|conducted|did|ran|led|headed|coordinated) the ([\w-]+ ){0,6}(study|research|"
    r"evaluation|survey|mapping|assessment|review|team|project|kajian|studi|analysis)|"
    r"siapa (yang |yg )?(melakukan|melaksanakan|menyusun|memimpin|mimpin|pimpin|mengetuai|"
    r"ngetuai|mengoordinasi\w*) "
    r"([\w-]+ ){0,2}(penelitian|studi|evaluasi|kajian|survei|pemetaan|asesmen|tim)|"
    r"who (is|was) the (lead|principal|chief) (researcher|investigator)|team lead(er)?|"
    r"siapa (yang |yg )?(jadi )?(ketua (tim|peneliti)|peneliti utama|koordinator (tim|peneliti))|"
    r"dipimpin (oleh )?siapa|"
    r"(the )?authors? of|written by|siapa (yang )?(menulis|penulis|pengarang|peneliti)|"
    r"penulis(nya)?\b|ditulis oleh)",
    re.IGNORECASE,
)


#: "Who led the Gowa study?", "siapa ketua timnya?": the study's lead, named in a byline
#: ("Principal investigator: ...", "Ketua tim: ...", "dipimpin oleh ...").
_LEAD_Q = re.compile(
    r"\b(led|lead|leader|headed|coordinated|principal|memimpin|mimpin|pimpin|dipimpin|ketua|"
    r"mengetuai|ngetuai|utama|"
    r"koordinator|mengoordinasi\w*)\b",
    re.I,
)
_LEAD_TITLE = re.compile(r"\bpeneliti utama\b", re.I)
_RANK_WORDS = re.compile(r"\b(utama|main|most|paling|terbanyak|tertinggi|highest|common)\b", re.I)
_LEAD_CUES = frozenset(
    stem(w)
    for w in "led leader dipimpin memimpin ketua principal investigator utama coordinator "
    "koordinator headed".split()
)


#: Foci asked by a phrase rather than a word: "how many" (not every "how"), "when" opening the
#: question (not "when collecting"), collecting data (not "collecting palm fruit").
_PHRASES = {
    "count": re.compile(r"\bhow (many|much)\b", re.I),
    "place": re.compile(
        r"\b(which|what) (sub-?districts?|districts?|villages?|cities|city|provinces?|regenc(y|ies)|"
        r"islands?|areas?|locations?|sites?)\b|\b(kecamatan|desa|kelurahan|kabupaten|kota|provinsi|"
        r"pulau|daerah|wilayah|lokasi) (mana|apa)\b",
        re.I,
    ),
    "time": re.compile(
        r"^\s*(when|kapan|sejak kapan|since when)\b|\b(since|sejak|between|antara) (19|20)\d\d\b",
        re.I,
    ),
    "method": re.compile(
        r"\b(collect(ed|s|ing)?|gather(ed|s|ing)?) (the |its |their )?(data|information)\b|"
        r"\bdata (collection|were collected|was collected|gathering)\b|"
        r"\b(pengumpulan|mengumpulkan|dikumpulkan|kumpulkan) data\b|\bdata (dikumpulkan|diperoleh)\b|"
        r"\bdata\b.{0,20}\b(come|came|comes|coming)\b|\b(sources?|sumber) (of )?(its |the |their )?data\b|"
        r"\bdata sources?\b|\bdata(nya)? (berasal|bersumber|dari mana)\b|"
        r"\b(sources?|sumber)\s+(of\s+)?(information|informasi|evidence|bukti)\b|"
        r"\b(what|which) sources?\b(?!\s+of)|\bsumber(nya)? (apa|mana)\b|"
        r"\b(survey|survei|wawancara|interviews?)\b[^?]{0,40}\b(dilakukan|dilaksanakan|diadakan|"
        r"conducted|carried out|done|held|administered)\b|"
        r"\b(conduct|conducted|carry out|carried out|held|did|do|melakukan|mengadakan)\s+(the\s+|a\s+)?"
        r"(survey|survei|interviews?|wawancara)\b|"
        r"\b(penelitian\w*|studi\w*|study|research|kajian\w*)\s+(\w+\s+)?(pakai\s+|memakai\s+|pake\s+)?"
        r"(wawancara|survei|interviews?|survey|kuesioner|questionnaires?|angket)\b|"
        r"\b(apakah|did|was|were|ada)\b[^?]{0,30}\b(wawancara|interviews?|interviewed|kuesioner|"
        r"questionnaires?|angket)\b|"
        r"\b(survey|survei|wawancara|interviews?)\s+(or|atau)\b|\b(or|atau)\s+(an?\s+)?(survey|survei|"
        r"interviews?|wawancara)\b|"
        r"\b(what|which|how|jenis)\s+(\w+\s+){0,2}(survey|survei|interviews?|wawancara|"
        r"questionnaires?|kuesioner|angket|instruments?|instrumen|scales?|skala|tools?)\b|"
        r"\b(survei|wawancara|kuesioner|angket|instrumen|skala)\w*\s+(apa|mana|seperti apa)\b|"
        r"\b(use|used|uses|using|pakai|memakai|menggunakan|dipakai|digunakan)\b[^?]{0,20}\b(survey|"
        r"survei|interviews?|wawancara|questionnaires?|kuesioner|angket|instruments?|instrumen|"
        r"scales?|skala)\b|"
        r"\bfield ?work\b|\b(penelitian|studi|kerja|turun) lapangan\b|"
        r"\b(kind|type|sort|jenis|macam|bentuk) (of )?(the )?(study|studies|research|penelitian|"
        r"studi|kajian|data|design|desain|evaluation|evaluasi|analysis|analisis)\b",
        re.I,
    ),
}
_PHRASES["barrier"] = re.compile(
    r"\b(stop|stops|stopping|stopped|prevent|prevents|preventing|prevented|keeps?|keeping|kept) "
    r"([\w-]+ ){0,6}from\b|\bwhat (makes|made) it (hard|difficult)\b|\b(susah|sulit)nya\b|"
    r"\byang (membuat|bikin) (sulit|susah)\b",
    re.I,
)
#: "tahun 2023", "in the year 2022": the year a figure is of, not a question about time.
_YEAR_OF = re.compile(r"\b(tahun|thn|year)\s+((?:19|20)\d\d)\b", re.I)
#: "usia 3-4 tahun", "aged 10-12 years", "5 years old": years of age, not a question about time.
_AGE_YEARS = re.compile(r"(\d)\s*(?:tahun|thn|years?)(?:\s+old)?\b", re.I)
#: "actually functioning", "berfungsi": whether something works, not its role.
_WORKING = re.compile(r"\b(functioning|functional|berfungsi|fungsional)\b", re.I)
#: "Dana Desa", "dana BOS": a fund's name, not a question about who funded something.
_FUND_NAME = re.compile(r"\bdana\s+(desa|bos|otsus|alokasi\s+\w+|abadi|bansos|pip)\b", re.I)
#: Compounds of "tempat" (place) that name a thing, not where something is.
_NOT_A_PLACE = re.compile(
    r"\btempat (tidur|duduk|sampah)\b|\b(di|me|pe)n?tempat(kan|an)\b",  # "ditempatkan": placed
    re.I,
)
#: "Which ... ranked second?", "which one came third?", "urutan kedua", "posisi ketiga".
_PHRASES["rank"] = re.compile(
    r"\b(ranked|rank|ranks|came|comes|placed|ranking)\s+(\w+\s+)?(first|second|third|fourth|fifth|"
    r"last|\d(st|nd|rd|th))\b|\b(urutan|peringkat|posisi|nomor|ranking)\s+(ke-?\s?\d|pertama|"
    r"kedua|ketiga|keempat|kelima|satu|dua|tiga|terakhir)\b",
    re.I,
)
#: "whose idea was it?", "ide siapa?": who initiated it.
_PHRASES["initiator"] = re.compile(
    r"\bwhose idea\b|\b(ide|gagasan|prakarsa|inisiatif)(nya)? siapa\b|\bidea of who\b|"
    r"\b(came|come|comes) up with\b|\bthe idea (for|of|behind)\b|\bpunya ide\b",
    re.I,
)
_PHRASES["frequency"] = re.compile(
    r"\bhow (often|frequently|regularly)\b|\bseberapa (sering|rutin)\b|\bberapa kali\b|"
    r"\bsebulan berapa\b",
    re.I,
)
#: "Where did its data come from?": a question about data sources, not a place.
_DATA_SOURCE = re.compile(
    r"\bdata\b.{0,20}\b(come|came|comes|coming|from)\b|\bdata(nya)? (berasal|bersumber|dari mana)\b",
    re.I,
)


#: Foci whose answer sentences are recognisable by their words alone ("which method?" ->
#: "interviews ... documents"); counts, times and trends need the evidence's values instead.
KIND_FOCI = frozenset(
    {
        "method",
        "definition",
        "theory",
        "concept",
        "initiator",
        "funder",
        "factors",
        "role",
        "place",
        "aim",
        "benefit",
        "barrier",
    }
)


def kind_cues(question: str) -> set[str]:
    """Answer-cue stems of the `KIND_FOCI` among the question's foci."""
    tokens = {stem(w.lower()) for w in words(question)}
    out: set[str] = set()
    for name, (trigger, answer) in _CUES.items():
        if name in KIND_FOCI and trigger & tokens:
            out |= answer
    return out


#: "alasan kedua", "faktor ketiga", "the second reason": an ordinal of a kind that is ranked.
_KIND_THEN_ORDINAL = re.compile(
    r"\b(alasan|faktor|hambatan|kendala|penyebab|tantangan|masalah|risiko|bentuk|jenis)\s+"
    r"(?:[\w-]+\s+){0,4}(kedua|ketiga|keempat|kelima)\b|\b(second|third|fourth|fifth)\s+(most\s+\w+\s+)?(reason|factor|"
    r"barrier|obstacle|cause|challenge|problem|risk|form|type)s?\b",
    re.I,
)
#: "How common was depression among ...?": how large a share, not which is most common.
_HOW_COMMON = re.compile(r"\bhow (?:common|widespread|prevalent)\b|\bseberapa umum\b", re.I)
#: "most of the ...", "most santri who ...": a majority, not a ranking ("the most common ...").
_MOST_OF = re.compile(
    r"\bmost(?=\s+of\b|\s+[\w-]+\s+(?:who|that|which|are|were|do|did|have|had|said|say)\b)", re.I
)
#: Cue words that are other Indonesian words: "main" (play).
_ENGLISH_ONLY = frozenset({"main"})
_ACCORDING_TO = re.compile(
    r"\b(?:menurut|according to|berdasarkan|based on)\s+(?:the\s+)?(?:survei|survey|studi|study|"
    r"penelitian|research|laporan|report|evaluasi|evaluation|kajian|asesmen|assessment|data)"
    r"(?:\s+(?:awal|akhir|baseline|endline|tahun))?(?:\s+(?:19|20)\d\d)?\b",
    re.I,
)


@dataclass
class Focus:
    names: set[str] = field(default_factory=set)
    ordinal: int | None = None
    cue_stems: set[str] = field(default_factory=set)
    #: each focus's own answer cues ("rank" -> paling, most ...; "barrier" -> hambat, obstacle ...)
    cues_of: dict[str, set[str]] = field(default_factory=dict)
    #: "who led the study?": its lead, named in a by-line ("Ketua tim: Dr. Maria Rumbiak")
    lead: bool = False


def question_focus(question: str) -> Focus:
    """The focus of `question` (see the module docstring)."""
    question = DROPPED_OUT.sub("dropout", question)  # an event, not a falling trend
    # "menurut survei awal 2020", "according to the survey": where a figure is from, not a
    # question about the method
    question = _ACCORDING_TO.sub(" ", question)
    question = _NOT_A_PLACE.sub(" ", question)  # "tempat tidur" is a bed
    question = _HOW_COMMON.sub(" prevalence ", question)  # a share, not a ranking
    question = _MOST_OF.sub("majority", question)  # "most santri who ...": how many, no ranking
    question = _YEAR_OF.sub(r"\2", question)  # "tahun 2023": which year a figure is of, not "when?"
    question = _AGE_YEARS.sub(r"\1", question)  # "usia 3-4 tahun", "10 years old": an age
    question = _WORKING.sub(" operating ", question)  # "functioning units": no role asked
    question = _FUND_NAME.sub(" programme ", question)  # "Dana Desa" names a fund, not a funder
    raw = words(question)
    tokens = [w.lower() for w in raw]
    # a capitalised word inside a sentence is a name ("Down to Zero"), not a cue ("down")
    stems = {stem(_bare(w)) for w in _cue_words(question)}
    if question_language(question) == "id":
        stems -= _ENGLISH_ONLY  # "yang main judi": play, not "the main reason"
    if not any(t.startswith("menurun") for t in tokens):
        stems.discard(stem("menurun"))  # "menurut" (according to) shares its stem
    out = Focus()
    data_source = bool(_DATA_SOURCE.search(question))
    for name, (trigger, answer) in _CUES.items():
        if name == "place" and data_source:
            continue
        if trigger & stems or (name in _PHRASES and _PHRASES[name].search(question)):
            out.names.add(name)
            out.cue_stems |= answer
            out.cues_of[name] = set(answer)
    if "instrument" in out.names and "method" in out.names:
        # "what instrument and cut-off?": the scale's sentence, not any sentence on the design
        out.names.discard("method")
        out.cue_stems = set().union(*(out.cues_of[n] for n in out.names))
        out.cues_of.pop("method", None)
    if not out.names and COMPARES_STUDIES.search(question):
        # "what do the two studies have in common?": each study's own aim is what compares them
        out.names.add("aim")
        out.cue_stems |= _CUES["aim"][1]
    if _AUTHOR_Q.search(question):
        out.names.add("author")
        out.cue_stems |= {stem(w) for w in "author penulis written ditulis".split()}
        if _LEAD_Q.search(question):  # "Principal investigator: Dr. Ratna", "Ketua tim: Dr. Maria"
            out.cue_stems |= _LEAD_CUES
            out.lead = True
            if _LEAD_TITLE.search(question) and not _RANK_WORDS.search(
                _LEAD_TITLE.sub(" ", question)
            ):
                out.names.discard("rank")  # "peneliti utama" is the lead researcher, no ranking
                out.cues_of.pop("rank", None)
                out.cue_stems = _LEAD_CUES | set().union(
                    {stem(w) for w in "author penulis written ditulis".split()},
                    *out.cues_of.values(),
                )
    ordinals = [
        ORDINALS[t]
        for i, t in enumerate(tokens)
        if t in ORDINALS
        and ORDINALS[t] < 99
        and not (t == "kedua" and tokens[i + 1 : i + 2] and tokens[i + 1] in _GROUP_NOUNS)
    ]  # "kedua penelitian" is "both studies", "peran kedua" the second role
    if ordinals and ordinals[0] >= 2 and _KIND_THEN_ORDINAL.search(question):
        out.names.add("rank")  # "alasan (putus sekolah) kedua", "nomor 2" (`informal` reads it
        # "kedua"): the second place of a ranking of reasons
        out.cue_stems |= _CUES["rank"][1]
        out.cues_of["rank"] = set(_CUES["rank"][1])
    if ordinals and not (out.names & {"rank"} and _FIRST_AND_SECOND.search(question)):
        out.ordinal = ordinals[0]  # "the most common and the second" asks for both, not one
    elif _LAST_ITEM.search(question):
        out.ordinal = LAST  # the highest ordinal the evidence numbers
    return out


#: A question comparing the studies as wholes: "What do the two studies have in common?",
#: "Apa persamaan kedua penelitian?", "How do the studies differ?".
COMPARES_STUDIES = re.compile(
    r"\b(in common|common|similar\w*|differ\w*|difference|compare\w*|comparison|persamaan|"
    r"perbedaan|bandingkan|perbandingan|berbeda|sama)\b.*\b(stud(y|ies)|research|papers?|"
    r"penelitian|studi|kajian|skripsi)\b|\b(stud(y|ies)|research|penelitian|studi)\b.*\b(in "
    r"common|similar\w*|differ\w*|compare\w*|persamaan|perbedaan|berbeda|sama)\b",
    re.I,
)
_GROUP_NOUNS = frozenset(
    "penelitian studi kajian skripsi pihak negara organisasi dokumen laporan lembaga".split()
)
#: "Which study ...?", "Studi mana ...?": the answer names the study of each quote.
WHICH_STUDY = re.compile(
    r"\b(which|what) (of the (two )?)?(study|studies|thesis|research|paper|document|report)\b|"
    r"\b(studi|penelitian|skripsi|dokumen|laporan) (mana|apa)\b|\bdi (studi|penelitian) mana\b",
    re.IGNORECASE,
)
#: "The most common ... and the second most common ...": the first two of a ranking.
_FIRST_AND_SECOND = re.compile(
    r"\b(most|paling|terbanyak|tertinggi|utama|main)\b[^?]*\b(and|dan|serta)\b[^?]*\b(second|kedua)\b",
    re.I,
)
#: `Focus.ordinal` for "the last one" / "yang terakhir".
LAST = 99
_LAST_ITEM = re.compile(
    r"\b(the last (one|role|item|point|step|factor|finding|goal|benefit)s?|"
    r"(peran|yang|poin|langkah|faktor|temuan|tujuan) terakhir)\b",
    re.I,
)


_PREMISE_LEAD = re.compile(
    r"^\s*(why|how come|mengapa|kenapa|apa sebabnya|bagaimana bisa|how did|how does|"
    r"did|does|do|is|are|was|were|has|have|had|apakah|benarkah|betulkah)\b[\s,]*",
    re.IGNORECASE,
)
#: "How did X change / differ / compare ...?": a question about what happened, with no premise.
_NEUTRAL_HOW = re.compile(
    r"\b(change|changed|differ|differed|compare|compared|develop|developed|evolve|evolved|vary|"
    r"varied|go|went|trend|move|moved)\b",
    re.I,
)
#: A yes/no question that asks which way, or whether at all, and so states nothing.
_OPEN_QUESTION = re.compile(
    r"\b(up or down|down or up|or down|or up|rise or fall|fall or rise|naik atau turun|turun atau "
    r"naik|or not|atau tidak|atau belum|atau enggak|atau nggak|any (difference|effect|impact)|"
    r"make a difference|made a difference|berpengaruh|ada pengaruh|ada perbedaan|berbeda)\b",
    re.I,
)
#: "Since the study used a survey, how big was its sample?": the clause before the comma.
_GIVEN = re.compile(
    r"^\s*(?:since|given that|as|now that|karena|mengingat|oleh karena)\s+([^,?]{8,}),", re.I
)


def given_premise(question: str) -> str:
    """What a "Since X, ...?" / "Karena X, ...?" question states before asking ("" otherwise)."""
    given = _GIVEN.match(question or "")
    return given.group(1).strip() if given else ""


#: Methods a question can take for granted ("How many children were surveyed?" presumes a survey).
_PRESUMED_METHODS = frozenset(
    "survey experiment quantitative focus_group observation case_study ethnography longitudinal "
    "meta_analysis mixed quasi_experiment".split()
)
_WH_LEAD = re.compile(
    r"^\s*(how many|how much|how|what|which|who|when|where|berapa( banyak)?|apa( saja)?|"
    r"siapa|kapan|di mana|dimana|bagaimana)\b[\s,]*",
    re.I,
)


def presumes_method_only(question: str) -> bool:
    """Whether the premise `premise_of` finds is only the method a question names ("How many
    were surveyed?", "Menurut survei di Makassar, di mana ...?"): then only a method the study
    did not use contradicts it, not what the rest of the question asks."""
    return bool(premise_of(question)) and not (
        _GIVEN.match(question or "") or _PREMISE_LEAD.match(question or "")
    )


def premise_of(question: str) -> str:
    """The statement a why / yes-no question takes for granted ("" when it is not one), or the
    method a question presumes ("How many were surveyed?" -> "were surveyed ...")."""
    given = _GIVEN.match(question or "")
    if given:
        return given.group(1).strip()
    match = _PREMISE_LEAD.match(question or "")
    if not match:
        if (
            features(question or "").methods & _PRESUMED_METHODS
            and "method" not in question_focus(question or "").names
        ):  # "How many were surveyed?"; not "metodenya apa? brp siswi yg disurvei?", which
            # asks what the method was
            rest = _WH_LEAD.sub("", question or "", count=1).strip().rstrip("?").strip()
            return rest if len(words(rest)) >= 3 else ""
        return ""
    rest = question[match.end() :].strip().rstrip("?").strip()
    lead = match.group(1).lower()
    if lead in ("how did", "how does") and _NEUTRAL_HOW.search(rest):
        return ""  # "How did the rate change / differ between A and B?" takes nothing for granted
    if _OPEN_QUESTION.search(rest):
        return ""  # "Has it gone up or down?", "Did X make any difference?", "Apakah ... berbeda?"
    if lead in ("why", "mengapa", "kenapa"):  # "Why is X part of Y?" -> "is X part of Y"
        inner = re.match(r"^(is|are|was|were)\s+(.+)$", rest, re.I)
        if inner:
            lead, rest = inner.group(1).lower(), inner.group(2)
    copula = re.match(r"^(.{2,60}?)\s+(an?|the|one of the|part of)\s+(.+)$", rest, re.I)
    if lead in ("is", "are", "was", "were") and copula:  # "Is X a Y?" -> "X is a Y"
        rest = f"{copula.group(1)} {lead} {copula.group(2)} {copula.group(3)}"
    return rest if len(words(rest)) >= 3 else ""


def focus_words(text: str) -> list[str]:
    """The words of `text` that say what it asks for ("Where was ... done?" -> ["Where"]), in order:
    what an elliptical follow-up ("Anywhere else?") inherits."""
    triggers = set().union(*(q for q, _ in _CUES.values()))
    return [w for w in _cue_words(text) if stem(_bare(w)) in triggers]


def _cue_words(text: str) -> list[str]:
    """The words of `text` that may be cues: not capitalised inside a sentence (names: "Down" in
    "Down to Zero"); a capitalised word opening a sentence or following ":" may be one."""
    out = []
    for m in re.finditer(r"[\w’'-]+", text or ""):
        word = m.group(0)
        before = text[: m.start()].rstrip()
        if not word[:1].isupper() or not before or before[-1] in ".?!:":
            out.append(word)
    return out


def _bare(word: str) -> str:
    """`word` lowercased without an Indonesian clitic ("datanya" -> "data", "apakah" stays)."""
    low = word.lower()
    for suffix in ("nya", "lah", "kah"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            return low[: -len(suffix)]
    return low
