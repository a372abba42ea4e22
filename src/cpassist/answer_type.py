"""Answer-type check: does the evidence even contain the kind of thing the question asks for?

A question can be on topic and still unanswerable: "How many children were trafficked in 2015?" finds
the right study, but no passage holds a count. Similarity scores cannot see that; the expected answer
type can. This module maps a question (Indonesian or English) to one of a few types whose presence is
easy to test in text — a count, a year, an amount of money, a person named as author, a place — and
says whether any given passage has one. A value counts only when it is of what is asked: the event
a figure counts (`EVENTS`: died, accident, dropped out ...), the kind of money (`MONEY_KINDS`:
spent, earned, owed, staked), the office whose holder is asked (`offices_in`), the place or origin
asked of, the sex, age or year. It deliberately does not judge other questions (what, why, how):
those return None and are left to the similarity-based abstention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from cpassist.text import stem

AnswerType = Literal[
    "count",
    "duration",
    "share",
    "year",
    "money",
    "person",
    "named",
    "holder",
    "place",
    "institution",
    "recommendation",
    "funder",
    "company",
]

#: "Who funded it?", "Siapa penyandang dananya?": asks for an actor, not an amount.
_WHO_Q = re.compile(r"\b(who|whom|siapa|pihak mana|lembaga mana)\b", re.I)
_MONEY_Q = re.compile(
    r"\b(how much money|budget|cost|costs|spend|spent|spending|funding|funds?|dollars?|anggaran|"
    r"biaya|dana|uang|rupiah|berapa (juta|miliar|ribu)|salary|salaries|wages?|gaji|upah|"
    r"honorarium|honor|insentif|incentives?|allowances?|tunjangan|remittances?|remitansi|"
    r"kiriman uang|earn|earns|earned|penghasilan|income|incomes|pendapatan|paid|dibayar|digaji|"
    r"debts?|utang|hutang|owed?|bet|bets|taruhan|dipertaruhkan|wager\w*|price[sd]?|harga|"
    r"dihargai|grants?|hibah|dicairkan|disbursed|disbursement|pencairan|top-ups?)\b",
    re.IGNORECASE,
)
#: A question asking an amount, not what money was for or why it was paid.
_ASKS_AMOUNT = re.compile(
    r"\b(how much|how many|how big|how large|berapa|brp|amount|jumlah|besar(nya|an)?|nilai(nya)?|total|average|"
    r"mean|median|rata-rata|per (month|year|day|child|bulan|tahun|hari|anak)|"
    r"(what|which) (is|was|were|are)?\s*(the )?([\w'’-]+ ){0,3}(budget|cost|costs|salary|salaries|wages?|"
    r"income|price|fee|fees|allowance|incentive|honorarium|debt|remittance)s?|"
    r"rp|rupiah|dollars?|usd|idr)\b",
    re.IGNORECASE,
)
#: Kinds of money: what is spent or allocated, what someone earns, what is owed, and what is
#: staked; "How much was spent on the study?" is not answered by children's daily income.
MONEY_KINDS = (
    re.compile(
        r"\b(budget\w*|spen[dt]\w*|allocat\w*|fund\w*|grants?|anggaran|dianggarkan|dialokasikan|"
        r"mengalokasikan|alokasi|dana|hibah|APBD|APBN|belanja|dibelanjakan|dihabiskan|biaya|costs?|"
        r"cost per|expenditure\w*|pengeluaran)\b",
        re.I,
    ),
    re.compile(
        r"\b(income\w*|earn\w*|wages?|salar\w*|pay|paid|pendapatan\w*|penghasilan\w*|upah\w*|"
        r"gaji\w*|honor\w*|insentif\w*|incentives?|allowances?|remittances?|kiriman)\b",
        re.I,
    ),
    re.compile(r"\b(debts?|utang\w*|hutang\w*|owed?|owing|pinjaman|loans?|berutang)\b", re.I),
    re.compile(r"\b(bets?|betting|wager\w*|stakes?|staked|taruhan|dipertaruhkan|bertaruh)\b", re.I),
)


#: Events a figure can count, in both languages: "How many children died in accidents?" is not
#: answered by the number of child miners, nor "how many dropped out because of bullying?" by
#: the share bullied.
EVENTS = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"\b(died|die|dies|dead|deaths?|killed|fatal\w*|meninggal\w*|tewas|kematian|wafat)\b",
        r"\b(accidents?|kecelakaan)\b",
        r"\b(injur\w*|wounded|cedera|luka-luka|terluka)\b",
        r"\b(burns?|burned|burnt|luka bakar|terbakar)\b",
        r"\b(convict\w*|sentenced|divonis|dihukum|dipidana|vonis)\b",
        r"\b(prosecut\w*|charged|dituntut|penuntutan)\b",
        r"\b(arrest\w*|ditangkap|penangkapan)\b",
        r"\b(drop(?:ped|s)? out|dropout\w*|putus sekolah)\b",
        r"\b(pregnan\w*|hamil|kehamilan)\b",
        r"\b(suicid\w*|bunuh diri)\b",
        r"\b(hospitali[sz]\w*|dirawat inap|rawat inap)\b",
        r"\b(diagnos\w*|didiagnosis\w*)\b",
    )
)


def kinds_in(patterns: Sequence[re.Pattern[str]], text: str) -> set[int]:
    """The indices of `patterns` (one per kind: an event, an office, a kind of money) that
    `text` matches."""
    return {k for k, pattern in enumerate(patterns) if pattern.search(text)}


def events_in(text: str) -> set[int]:
    """The events (indices into `EVENTS`) `text` speaks of."""
    return kinds_in(EVENTS, text)


def money_kinds(text: str) -> set[int]:
    """The kinds of money `text` speaks of (indices into `MONEY_KINDS`)."""
    return kinds_in(MONEY_KINDS, text)


#: "How many villages ...?", "Berapa desa ...?": a count of things, even when money is mentioned.
_COUNTS_THINGS = re.compile(
    r"\bhow many\b|\bberapa\s+(?:jumlah\s+|banyak\s+)?(?!(?:dana|uang|biaya|anggaran|rupiah|juta|"
    r"miliar|ribu|besar|banyak|persen|lama|kali|tahun|bulan|minggu|hari|jam|sih|ya|yang|itu|ini|"
    r"total|gaji|upah|honor|honorarium|insentif|pendapatan|penghasilan|harga|nilai|ongkos|tarif|"
    r"rata-rata|rata2)\b)[a-z]{3,}",
    re.I,
)
#: "What percentage ...?", "Berapa persen ...?": a share, written with % or percent / persen.
_SHARE_Q = re.compile(
    r"\b(what percent(age)?|what share|what proportion|how many percent|berapa persen|"
    r"persentase|berapa proporsi|(berapa|brp|what(?:'s| is| was| were)?(?: the)?)\s+"
    r"(prevalensi|prevalence|proporsi|tingkat prevalensi|prevalence rate))\b",
    re.I,
)
_SHARE = re.compile(r"\d+([.,]\d+)?\s*(%|percent\b|per cent\b|persen\b)", re.I)
#: A table header naming a column of percentages, and a row's figure cell.
_PERCENT_COLUMN = re.compile(r"\|[^|\n]*(\(%\)|%|percent|persen)[^|\n]*\|", re.I)
_ROW_FIGURE = re.compile(r"\|\s*\d+(?:[.,]\d+)?\s*\|")
#: "Why ...?", "Mengapa/Kenapa ...?": a reason; unless the question also asks for a value.
_WHY_ONLY = re.compile(r"\b(why|mengapa|kenapa)\b", re.I)
_ASKS_VALUE = re.compile(
    r"\b(how many|how much|who|when|which|what (?:share|percentage|number|amount|year)|berapa|"
    r"siapa|kapan)\b",
    re.I,
)
_YEAR_Q = re.compile(
    r"\b(what|which|in what|in which) years?\b|\bwhen (was|were|did|is|does)\b|\btahun (berapa|apa)\b|"
    r"\bsejak (tahun )?kapan\b|\bkapan\b",
    re.IGNORECASE,
)
#: "How long ...?", "Berapa lama ...?": a length of time, a number with its unit.
_DURATION_Q = re.compile(
    r"\bhow long\b|\bberapa lama\b|\b(for )?how many (days|weeks|months|years|hours)\b|"
    r"\bberapa (hari|minggu|bulan|jam)\b|\b(rata-?rata|rata2|average|mean)\s+(lama|length|durasi|"
    r"duration)\b|\blama (tinggal|menginap)\b|\blength of stay\b",
    re.I,
)
_UNIT = r"(hari|minggu|bulan|tahun|jam|days?|weeks?|months?|years?|hours?)\b"
_DURATION = re.compile(
    r"\d+([.,]\d+)?(\s*[-–]\s*\d+)?[\s-]*" + _UNIT + r"|\b(satu|dua|tiga|empat|lima|enam|tujuh|"
    r"delapan|sembilan|sepuluh|belas|puluh|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|a|an|several|beberapa|setahun|sebulan|seminggu)[\s-]+"
    + _UNIT
    + r"|\b(setahun|sebulan|seminggu|sehari)\b",
    re.I,
)
#: Words naming one sex, per sex: a figure asked of girls is not one given for all children.
SEXES = (
    frozenset("laki-laki lelaki pria putra boy boys male males men cowok cowo laki2".split()),
    frozenset(
        "perempuan wanita putri girl girls female females women cewek cewe siswi santriwati".split()
    ),
)
#: Words naming one kind of relative: a figure asked of grandfathers is not one given for all
#: caregivers ("How many of the 40 caregivers were grandfathers?").
KIN = (
    frozenset("ayah bapak father fathers".split()),
    frozenset("ibu mother mothers".split()),
    frozenset("kakek grandfather grandfathers kakek-nenek grandparents".split()),
    frozenset("nenek grandmother grandmothers kakek-nenek grandparents".split()),
    frozenset("paman om uncle uncles paman-bibi".split()),
    frozenset("bibi tante aunt aunts paman-bibi".split()),
)
_COUNT_Q = re.compile(
    r"\bhow many\b|\bberapa (banyak|jumlah|orang|anak|kasus|kali)\b|\bberapa\b(?! (lama|tahun))|"
    r"\bjumlah\b.*\bberapa\b|\b(average|mean|median) (age|number|income|size)\b|\bhow old\b|"
    r"\b(population|penduduk)\b|\b(sample size|ukuran sampel|besar sampel|jumlah sampel)\b",
    re.IGNORECASE,
)

_PERSON_Q = re.compile(
    r"\b(who (wrote|authored|is the author|are the authors|is the researcher|supervised|"
    r"(is|was) the (lead|principal) (researcher|investigator)|led the (study|research))|"
    r"siapa (yang )?(peneliti utama|ketua peneliti|memimpin (penelitian|studi))|"
    r"(name of|names of) the (author|researcher|writer)s?|written by|siapa (yang )?(menulis|penulis|"
    r"pengarang|peneliti(nya)?|pembimbing)|siapa nama (penulis|peneliti)|ditulis oleh)\b",
    re.IGNORECASE,
)
#: "Siapa nama narasumbernya?", "Who were the informants?": people named, not described.
_PEOPLE = (
    r"informan|informants?|narasumber|respondents?|responden|interviewees?|participants?|"
    r"partisipan|peserta|victims?|korban|survivors?|penyintas|pelaku|perpetrators?|"
    r"people interviewed|orang yang diwawancarai"
)
_NAMED_Q = re.compile(
    rf"\b(nama(-nama)? (para )?({_PEOPLE})|names? of (the )?({_PEOPLE})|"
    rf"who (were|was|are|is) (the )?({_PEOPLE})|siapa (saja )?(para )?({_PEOPLE}))\b",
    re.IGNORECASE,
)
#: A person named: an honorific or a title before a capitalised name ("Ibu Sari", "Dr. Rahman").
_NAMED = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Dr|Prof|Bapak|Ibu|Pak|Bu|Saudara|Saudari|Sdr|Sdri)\.?\s+[A-Z][a-z]+|"
    r"\b(named|bernama|inisial|initials?)\s+[A-Z]"
)
#: "Who is the director of X?", "Siapa ketua ...?": the person holding an office.
_OFFICES = (
    r"director|directors|head|chair|chairman|chairperson|chairwoman|president|founder|founders|"
    r"coordinator|leader|minister|secretary|ceo|manager|direktur|ketua|kepala|pendiri|"
    r"koordinator|pimpinan|pemimpin|menteri|sekretaris|manajer|presiden|governor|gubernur|mayor|"
    r"wali kota|walikota|regent|bupati|supervisor|penyelia|principal|rector|rektor|dean|dekan|"
    r"camat|lurah"
)
#: One office in both languages (and its verb: "dikoordinasikan oleh"): "Who is the head?" is
#: answered by a person named as head ("kepala"), not by the senior case manager.
_OFFICE_KINDS = tuple(
    re.compile(rf"\b({pattern})", re.I)
    for pattern in (
        r"director|direktur|direksi",
        r"head\b|headed by|kepala\b|chief\b|leader|led by|lead\b|pimpinan|pemimpin|dipimpin|"
        r"memimpin|ketua\b",
        r"chair|ketua\b",
        r"president|presiden",
        r"founder|pendiri|founded by|didirikan",
        r"coordinat|koordina|dikoordinasi",
        r"minister|menteri",
        r"secretar|sekretaris",
        r"ceo\b",
        r"manager|manajer|managed by|dikelola",
        r"governor|gubernur",
        r"mayor|wali ?kota",
        r"regent|bupati",
        r"supervis|penyelia|disupervisi",
        r"principal|kepala sekolah",
        r"rector|rektor",
        r"dean\b|dekan",
        r"camat\b|lurah\b",
    )
)


def offices_in(text: str) -> set[int]:
    """The offices `text` names (indices into `_OFFICE_KINDS`), in either language."""
    return kinds_in(_OFFICE_KINDS, text)


_HOLDER_Q = re.compile(
    rf"\b(who (is|was|are|were) (the )?({_OFFICES})|(name of|names of) the ({_OFFICES})|"
    rf"siapa (nama )?({_OFFICES})|siapa (yang )?(menjadi|menjabat( sebagai)?) ({_OFFICES}))\b",
    re.IGNORECASE,
)
_HOLDER = re.compile(
    rf"\b({_OFFICES})\b(?!\s+(office|offices|quarters|of state|of government))(?<!kantor pusat)",
    re.IGNORECASE,
)
#: "Which company buys ...?", "Perusahaan mana ...?": a company named, not companies described.
_COMPANY_Q = re.compile(
    r"\b(which|what) (?!kind|type|sort)([\w-]+ )?(company|companies|firm|firms|corporation|brand|"
    r"buyer|buyers)\b|"
    r"\b(name of|names of) the (company|companies|firm|buyer)\b|"
    r"\b(perusahaan|pabrik|pembeli|merek) (mana|apa)\b|\bnama (perusahaan|pabrik|pembeli)\b",
    re.I,
)
#: A company named: "PT Sumber Makmur", "Wilmar Group", "Acme Ltd", "CV Maju".
_COMPANY = re.compile(
    r"\b(PT|CV)\.?\s+[A-Z]|\b[A-Z][\w&-]*\s+(Tbk|Ltd|Inc|Corp|Corporation|Group|Company|Plc|"
    r"LLC|Limited)\b"
)
#: Capitalised words that name organisations, offices and places, not people.
_NOT_PERSON = frozenset(
    "dinas badan kantor kabupaten kota provinsi kecamatan desa kelurahan kementerian ministry office "
    "department agency district regency province city village universitas university institute "
    "institut yayasan foundation lembaga pusat centre center unit sekolah school rumah pengadilan "
    "court polres polda kepolisian police forum program programme sosial social perlindungan "
    "protection pemberdayaan empowerment women perempuan anak children child indonesia jawa "
    "sumatera kalimantan sulawesi papua maluku nusa tenggara bali timur barat utara selatan tengah "
    "raya negeri state national nasional regional daerah komisi commission council dewan satgas "
    "task force team tim the this these in di pada and dan of the".split()
)
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3}\b")


def names_a_person(text: str) -> bool:
    """Whether `text` names a person: an honorific or title before a name ("Ibu Sari", "Dr.
    Rahman"), or two to four capitalised words none of which names an office, place or
    organisation ("Baiq Nurul Aini")."""
    if _NAMED.search(text):
        return True
    return any(
        not {w.lower() for w in m.group(0).split()} & _NOT_PERSON
        for m in _CAPITALISED_RUN.finditer(text)
    )


_INSTITUTION_Q = re.compile(
    r"\b(which|what) (university|universities|institution|faculty|college|campus)\b|"
    r"\b(universitas|kampus|fakultas|perguruan tinggi|institusi) (mana|apa)\b|"
    r"\bdi (universitas|kampus|fakultas) mana\b",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(University|Universitas|Institut|Institute|Fakultas|Faculty|College|Sekolah Tinggi|"
    r"Politeknik|Polytechnic)\b"
)
#: "Who funded the study?", "Siapa yang mendanainya?", "Siapa penyandang dananya?".
_FUNDER_Q = re.compile(
    r"\b(who|which (organi[sz]ation|donor|agency|foundation)) (funded|financed|paid for|"
    r"sponsored|supported)\b|\bwho (was|were|is|are) the (funders?|donors?|sponsors?)\b|"
    r"\bsiapa (yang )?(mendanai\w*|membiayai\w*|mensponsori\w*|penyandang dana\w*)|"
    r"\bsiapa penyandang dana\w*|\b(funded|financed) by whom\b|\bdidanai oleh siapa\b",
    re.I,
)
#: Funding said in a sentence: "funded by", "didanai", "pendanaan berasal dari", "a grant from".
_FUNDED = re.compile(
    r"\b(fund\w*|financ\w*|grants?|sponsored by|sponsorship|donors?|paid for|didanai|mendanai|dana|"
    r"pendanaan|dibiayai|membiayai|pembiayaan|hibah|penyandang dana|donor|APBD|APBN)\b",
    re.I,
)
_RECOMMENDATION_Q = re.compile(r"\b(recommend\w*|rekomendasi\w*|saran\w*|menyarankan)\b", re.I)
#: Words that say what should be done, in both languages (shared by the patterns below).
_SHOULD = (
    r"recommend\w*|\w*rekomendasi\w*|\w*usulkan|saran\w*|menyarankan|disarankan|should|sebaiknya"
)
_RECOMMENDATION = re.compile(
    rf"\b({_SHOULD}|perlu|harus|must|urge\w*|mendorong agar)\b",
    re.I,
)
_PLACE_Q = re.compile(
    r"^\s*(where|in which (city|province|district|country|village|place)|di ?mana|dimana|"
    r"di (kota|provinsi|kabupaten|negara|desa) (mana|apa))\b",
    re.IGNORECASE,
)
#: A person named as author: "by Siti Rahma", "oleh Siti", "Author: ...", "Penulis: ...".
_PERSON = re.compile(
    r"(\b(written|authored|prepared|compiled|supervised|conducted|carried out|led) by|\bditulis oleh|"
    r"\bdisusun oleh|\bdilakukan oleh|\bdipimpin oleh|\bdilaksanakan oleh|"
    r"\b(author|authors|penulis|peneliti|researcher)\s*[:,]?|"
    # "Principal investigator: Dr. Ratna", "Ketua tim: Dr. Maria Rumbiak", "Team leader: ..."
    r"\b(?i:principal investigator|lead (researcher|investigator|author)|team lead(er)?|"
    r"peneliti utama|ketua (tim|peneliti)|koordinator (tim|peneliti|studi|kajian))\s*:)"
    r"\s+(the\s+)?(Dr\.?\s+|Prof\.?\s+)?"
    r"[A-Z][a-z]+|"
    # "Dr. Wahyu Setiawan ... was the principal investigator", "Dr. Ratna ... led the study"
    r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}\b[^.;]{0,60}\b(?:was|is|sebagai|adalah)\s+(?:the\s+)?"
    r"(?:principal investigator|lead researcher|peneliti utama|ketua peneliti|ketua tim)|"
    r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}\b[^.;]{0,60}\b(?:led|memimpin) the (?:study|research|team)",
)
#: A place: a capitalised word after a locative preposition ("at the ECPAT head office, South
#: Jakarta", "di Nepal").
_PLACE = re.compile(
    r"\b(at|in|di|ke|from|dari|located|berlokasi|office|kantor)\b[^.]{0,40}?\b[A-Z][a-z]+"
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONEY = re.compile(
    r"(\b(rp|idr|usd|npr|eur)(?=[\s.]|\d)|\b(rupiah|rupees?|dollars?|euros?)\b|[$€£]\s?\d|"
    # a share of a budget: "mengalokasikan 1,12% belanja", "0.8% of village spending"
    r"\d%\s+(?:of\s+(?:the\s+|their\s+|its\s+)?(?:\w+\s+)?)?(?:belanja|anggaran|budgets?|"
    r"spending|expenditure|APBDes|APBD|dana))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b\d+([.,]\d+)?\b")
_NUMBER_WORDS = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|"
    r"percent|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluhan|"
    r"ratusan|ribuan|ratus|ribu|juta|persen)\b",
    re.IGNORECASE,
)
_ORDINAL_WORDS = re.compile(
    r"\b(first|second|third|fourth|pertama|kedua|ketiga|keempat)\b",
    re.IGNORECASE,
)


def expected_answer_type(question: str) -> AnswerType | None:
    """The kind of answer `question` asks for, when it is one this module can check (none for
    "why ...?": "why is funding still a challenge?" asks for a reason, not an amount)."""
    if _WHY_ONLY.search(question) and not _ASKS_VALUE.search(question):
        return None
    if _PERSON_Q.search(question):
        return "person"
    if _HOLDER_Q.search(question):
        return "holder"
    if _NAMED_Q.search(question):
        return "named"
    if _INSTITUTION_Q.search(question):
        return "institution"
    if _COMPANY_Q.search(question):
        return "company"
    if _FUNDER_Q.search(question):
        return "funder"
    if _RECOMMENDATION_Q.search(question):
        return "recommendation"
    if _PLACE_Q.search(question):
        return "place"
    if _SHARE_Q.search(question):
        return "share"
    if (
        _MONEY_Q.search(question)
        and _ASKS_AMOUNT.search(question)  # "the second most common reason for paid content?"
        # and "penggunaan uang ... apa?" ask a reason and a use, not an amount
        and not _WHO_Q.search(question)  # "siapa penyandang dananya?"
        and not _COUNTS_THINGS.search(question)  # "how many villages allocated Village Fund money?"
    ):
        return "money"
    if _DURATION_Q.search(question):
        return "duration"
    if _YEAR_Q.search(question):
        return "year"
    if _COUNT_Q.search(question):
        return "count"
    return None


def _has_type(text: str, kind: AnswerType, question_numbers: set[str]) -> bool:
    if kind == "person":
        return bool(_PERSON.search(text))
    if kind == "named":
        return bool(_NAMED.search(text) or _PERSON.search(text))
    if kind == "holder":  # the office and a person's name ("Kepala DP3A, Ibu Sari", "head, Ana Wu")
        return bool(_HOLDER.search(text) or offices_in(text)) and names_a_person(text)
    if kind == "company":
        return bool(_COMPANY.search(text))
    if kind == "institution":
        return bool(_INSTITUTION.search(text))
    if kind == "funder":
        return bool(_FUNDED.search(text))
    if kind == "recommendation":
        return bool(_RECOMMENDATION.search(text))
    if kind == "place":
        return bool(_PLACE.search(text))
    if kind == "share":  # or a row of a table whose header gives a column in % ("... (%) |")
        return bool(
            _SHARE.search(text) or (_PERCENT_COLUMN.search(text) and _ROW_FIGURE.search(text))
        )
    if kind == "money":
        return bool(_MONEY.search(text))
    if kind == "year":
        return bool(_YEAR.search(text))
    if kind == "duration":
        return bool(_DURATION.search(text))
    numbers = {m.group(0) for m in _NUMBER.finditer(text)} - question_numbers
    counts = {n for n in numbers if not _YEAR.fullmatch(n)}
    return bool(counts) or bool(_NUMBER_WORDS.search(text))


#: What should be done ("should", "perlu" but not "tidak perlu"); "harus" / "must" also state
#: facts ("anak harus berjalan 5 km").
_PROPOSAL = re.compile(
    rf"\b({_SHOULD}|(?<!tidak )(?<!tak )(?<!tanpa )perlu|needs to|need to)\b",
    re.I,
)
#: ... and, in a claim, any wording of a proposal ("suggests", "agar", "calls for").
_PROPOSING = re.compile(
    rf"\b({_SHOULD}|\w*usul\w*|suggest\w*|propos\w*|perlu|harus|must|urge\w*|agar|need\w*|"
    r"calls? for)\b",
    re.I,
)


def _lower_words(text: str) -> set[str]:
    from cpassist.text import words

    return {w.lower() for w in words(text)}


#: The heading of a report's recommendations ("Rekomendasi", "Policy Recommendations", "Saran").
_RECOMMENDATIONS_SECTION = re.compile(
    r"\b(recommendations?|rekomendasi|saran|suggestions|implications?|implikasi|"
    r"the way forward|langkah ke depan)\b",
    re.I,
)
#: A question asking what should be done ("What should schools do?", "Apa yang perlu ...?").
_ASKS_PROPOSAL = re.compile(
    rf"\b({_SHOULD}|seharusnya|perlu|harus|suggest\w*|propos\w*|\w*usul\w*|advice|advise\w*)\b",
    re.I,
)


def is_recommendation(sentence: str, section: str = "") -> bool:
    """Whether `sentence` says what should be done ("... perlu menambah dua psikolog"), or stands
    under a recommendations heading (`section`: "Kepada DP3A: memperluas konseling ...")."""
    return bool(_PROPOSAL.search(sentence) or _RECOMMENDATIONS_SECTION.search(section))


def asks_proposal(question: str) -> bool:
    """Whether `question` asks what should be done, or for recommendations."""
    return bool(_RECOMMENDATION_Q.search(question) or _ASKS_PROPOSAL.search(question))


def proposes(text: str) -> bool:
    """Whether `text` is worded as a proposal at all ("recommends", "agar", "needs"): a claim so
    worded may rest on a recommendation; one that is not states it as done."""
    return bool(_PROPOSING.search(text))


def names_the_lead(text: str) -> bool:
    """Whether `text` names a person as author or lead ("Ketua tim: Dr. Maria Rumbiak.")."""
    return bool(_PERSON.search(text))


def holds_answer_type(question: str, text: str) -> bool | None:
    """Whether `text` holds the kind of thing `question` asks for (None: not a checkable kind)."""
    kind = expected_answer_type(question)
    if kind is None:
        return None
    counted = counted_nouns(question) if kind == "count" else set()
    if counted and _counts(text, counted, _shares(question)):
        return True  # "how many villages?": "38 villages", "only one psychologist"
    if not _has_type(text, kind, {m.group(0) for m in _NUMBER.finditer(question)}):
        return False
    if kind == "holder" and offices_in(question) and not offices_in(question) & offices_in(text):
        return False  # another office's holder
    if kind == "money" and money_kinds(question) and money_kinds(text):
        return bool(money_kinds(question) & money_kinds(text))  # spent, not earned
    return not counted


def evidence_lacks_answer_type(
    question: str, passages: Iterable[str], titles: Iterable[str] = ()
) -> AnswerType | None:
    """The expected answer type when no sentence of the passages holds one about what the question
    asks (a reason to abstain), else None.

    A sentence counts when it holds a value of that kind and shares a content word with the question
    other than its names (in either language): "How many informants were interviewed?" is not
    answered by a sentence with the number of cases. Numbers that the question itself contains
    ("... in 2015?") do not count as evidence. A figure asked of a place the documents' `titles`
    do not name ("How many adolescents in Sakra subdistrict dropped out?") is answered only by a
    sentence naming that place.
    """
    from cpassist.lexicon import translations
    from cpassist.text import content_stems, headed_sentences, named_terms

    kind = expected_answer_type(question)
    if kind is None:
        return None
    question_numbers = {m.group(0) for m in _NUMBER.finditer(question)}
    topic = content_stems(question) - named_terms(question) - _TYPE_WORDS
    counted = counted_nouns(question) if kind == "count" else set()
    asked = _lower_words(question)
    asked_offices = offices_in(question) if kind == "holder" else set()
    asked_money = money_kinds(question) if kind == "money" else set()
    asked_events = events_in(question) if kind in ("count", "share", "money") else set()
    asked_sexes = set().union(*(side for side in (*SEXES, *KIN) if asked & side))
    asked_ages = {a for pair in _ASKED_AGE.findall(question) for a in pair if a}
    asked_years = (
        set(_ASKED_YEAR.findall(question)) if kind in ("count", "share", "money") else set()
    )
    passages = list(passages)
    titled = " ".join(titles).lower()
    title_stems = content_stems(titled)
    asked_places = (
        {p for p in asked_places_of(question) if p.lower() not in titled}
        if kind in ("count", "share", "money")
        else set()
    )
    if counted and not _mentioned(counted, passages):
        # what is counted is nowhere in the evidence, in any form the glossary knows: it may be
        # named by a word the glossary lacks ("vonis" ~ "convictions"), so it cannot be required
        counted = set()
    undated = other_years = False
    for text in passages:
        enumerated = len(set(_ORDINAL_WORDS.findall(text.lower()))) >= 2
        if kind == "count" and enumerated and topic & _ENUMERABLE:
            return None  # "how many roles?" and "first ..., second ..., third ..."
        previous = ""
        for sentence in headed_sentences(text) or [text]:  # a table row with its header
            # a figure of girls or of an age group with the sentence before it, which says what
            # it counts ("147 anak melewati ambang 14 jam. Beban berlebih ... perempuan (39,8%)")
            context = f"{previous} {sentence}" if asked_sexes or asked_ages else sentence
            previous = sentence
            if not _has_type(sentence, kind, question_numbers) and not (
                counted and _counts(sentence, counted, _shares(question))  # "satu psikolog"
            ):
                continue
            if kind == "funder" and is_recommendation(sentence):
                continue  # "... should allocate part of the Village Fund": no one funded it
            if (
                kind == "money"
                and asked_money
                and money_kinds(sentence)
                and not (asked_money & money_kinds(sentence))
            ):
                continue  # "How much was spent on the analysis?" is not "income of Rp85.000 a day"
            if asked_events and not asked_events & events_in(sentence):
                continue  # "how many died in accidents?" is not "700 child miners"
            if kind == "holder" and asked_offices and not asked_offices & offices_in(sentence):
                continue  # "Who is the head of UPTD PPA?" is not "Yuliana Sari, the case manager"
            if kind not in ("count", "share", "money", "year", "duration") or not topic:
                return None
            if asked_sexes and not asked_sexes & _lower_words(sentence):
                continue  # "what share of girls?" is not answered by a share of all students,
                # "how many were grandfathers?" not by the number of caregivers
            if not _shares_topic(topic, translations(content_stems(context))):
                continue
            if not _covers_enough(question, topic, context, title_stems):
                continue  # "children who died in accidents?" is not "700 child miners"
            if kind == "count" and counted and not _counts(sentence, counted, _shares(question)):
                continue  # "how many teachers?" is not answered by "a three-day training"
            if _AVERAGE.search(question) and not _AVERAGE.search(sentence):
                continue  # "the average age?" is not answered by "the minimum age of 19"
            if (
                kind in ("money", "count")
                and _TOTAL_Q.search(question)
                and (_PER_UNIT.search(sentence) and not _TOTAL_Q.search(sentence))
            ):
                continue  # "how much in total?" is not "Rp150,000 per month per girl"
            if asked_ages and not asked_ages & set(re.findall(r"\d+", sentence)):
                continue  # "what share of 13-year-olds?" is not answered by a share of all ages
            if asked_places and not any(_figure_of(p, sentence) for p in asked_places):
                continue  # "how many in Sakra?" is not answered by the four subdistricts' total
            dated = set(_YEAR.findall(sentence))
            if asked_years and dated and not dated & asked_years:
                other_years = other_years or sentence.lstrip().startswith("|")  # a table's row
                continue  # "how many in 2020?" is not answered by "1.148 in 2019, 612 in 2022"
            if asked_years and not dated:
                undated = True
                continue
            return None
    # an undated figure answers "how many in 2024?" unless a table gives the same figure year by
    # year for other years only ("| 2021 | 640 |", "| 2023 | 1.184 |": 2024 is not in the series)
    return None if undated and not other_years else kind


#: A place a figure is asked of: "in Sakra subdistrict", "dari Kecamatan Leihitu", "di Desa X saja".
_ASKED_PLACE = re.compile(
    r"\b(?i:in|from|at|di|dari)\s+(?i:the\s+)?(?:(?i:kecamatan|desa|kelurahan|kabupaten|kampung|"
    r"dusun|nagari|negeri|subdistrict|district|village|regency)\s+)?"
    r"((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)\s+(?i:sub-?districts?|districts?|villages?|regency|"
    r"saja|alone|only)\b|"
    r"\b(?i:kecamatan|desa|kelurahan|kampung|dusun|subdistrict|village)\s+"
    r"((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)\s+(?i:saja|alone|only)\b"
)


def _figure_of(place: str, sentence: str) -> bool:
    """Whether `sentence` names `place` other than as one of a list sharing one figure ("tiga
    kecamatan, yaitu Dolo, Marawola, dan Biromaru, dengan 412 remaja"): alone, or with its own
    number right after it ("Dolo (150), Marawola (140)")."""
    for m in re.finditer(rf"\b{re.escape(place)}\b", sentence, re.I):
        after, before = sentence[m.end() :], sentence[: m.start()]
        if re.match(r"\W{0,3}\d", after):
            return True
        listed = re.match(r"\s*(,|\band\b|\bdan\b|\bserta\b)\s*[A-Z]", after) or re.search(
            r"[A-Z][\w-]*\s*(,|\band|\bdan|\bserta)\s*$", before
        )
        if not listed:
            return True
    return False


def asked_places_of(question: str) -> set[str]:
    """Places a figure is asked of, named as a part ("in Sakra subdistrict", "di Kecamatan Rasau
    Jaya saja") or as where what is counted came from ("contacts came from South Sulawesi")."""
    named = {g for m in _ASKED_PLACE.finditer(question) for g in m.groups() if g}
    return named | {m.group(1) for m in _CAME_FROM.finditer(question)}


#: "... came from South Sulawesi", "yang berasal dari Kabupaten Ogan Ilir": an origin asked of.
_CAME_FROM = re.compile(
    r"\b(?i:came|come|comes|coming|originated|berasal|datang|asal)\s+(?i:from|dari)\s+"
    r"(?:(?i:the)\s+)?((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})"
)


#: A total asked for, and an amount given per unit (which is no total).
_TOTAL_Q = re.compile(r"\b(in total|total|altogether|keseluruhan|seluruhnya)\b", re.I)
_PER_UNIT = re.compile(
    r"\b(per|setiap|tiap|a|an|each)\s+(month|year|week|day|child|girl|boy|person|household|family|"
    r"student|bulan|tahun|minggu|hari|anak|orang|rumah tangga|keluarga|siswa|remaja)\b",
    re.I,
)
#: An age a figure is asked of: "13-year-olds", "anak berusia 13 tahun", "umur 15".
_ASKED_AGE = re.compile(
    r"\b(\d{1,2})[- ]years?[- ]olds?\b|\b(?:berusia|usia|umur)\s+(\d{1,2})(?:\s*tahun)?\b(?![-–])",
    re.I,
)
#: A year the asked figure is of ("in 2020", "pada tahun 2020"), not the year naming a study
#: ("the 2023 survey", "in the 2023 study").
_ASKED_YEAR = re.compile(
    r"\b(?:in|on|during|for|pada|tahun|selama|untuk)\s+(?:tahun\s+)?((?:19|20)\d\d)\b"
    r"(?!\s*(?:study|survey|report|evaluation|assessment|penelitian|studi|laporan|kajian|evaluasi|"
    r"survei|asesmen))",
    re.I,
)


_AVERAGE = re.compile(r"\b(average|mean|median|rata-rata|rerata|median)\b", re.I)
#: What a count question counts: the words after "how many" / "berapa (jumlah)" / "average".
_COUNTED = re.compile(
    r"\b(?:how many|average|mean|median|berapa(?: jumlah| banyak)?|jumlah)\s+((?:[\w-]+\s*){1,2})",
    re.I,
)
#: "Berapa kenaikan jumlah pekerja anak ...?": the change of a count counts the workers.
_CHANGE_OF = re.compile(
    r"\b(?:kenaikan|peningkatan|penurunan|perubahan|selisih|perbedaan|pertambahan|increase|rise|"
    r"growth|decrease|drop|change|difference)\s+(?:(?:in|of)\s+)?(?:the\s+)?(?:jumlah\s+|"
    r"number of\s+)?",
    re.I,
)
_NOT_COUNTED = frozenset(
    "did do does were was are is have has had the of yang di dalam pada dari ke persen percent "
    "kali times banyak jumlah".split()
)
_NUMBER_TOKEN = re.compile(
    r"^(\d+([.,]\d+)*%?|one|satu|seorang|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|"
    r"thousands?|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluhan|ratusan|ribuan)$",
    re.I,
)


_HOW_MANY = re.compile(r"\b(how many|berapa (jumlah|banyak)|jumlah)\b", re.I)


def _shares(question: str) -> bool:
    """Whether a percentage may answer `question` ("berapa cakupan ...?" yes, "how many ...?" no)."""
    return not _HOW_MANY.search(question)


def counted_nouns(question: str) -> set[str]:
    """The stems of what a count question counts ("How many village cadres ..." -> villag,
    cadre); empty when it names nothing countable (percentages, times)."""
    from cpassist.text import stem, words

    people = re.search(r"\b(population|penduduk)\b", question, re.I)
    if people:  # "what is the population of Jakarta?" counts inhabitants
        return {stem(people.group(1).lower())}
    m = _COUNTED.search(_CHANGE_OF.sub("", question))
    if not m:
        return set()
    out: set[str] = set()
    for w in words(m.group(1)):
        if w.lower() in _NOT_COUNTED:
            break
        out.add(stem(w.lower()))
    return out


def _covers_enough(
    question: str, topic: set[str], sentence: str, titled: set[str] = frozenset()
) -> bool:
    """A sentence in the question's language holds a third of the question's topic words (same
    stem or Indonesian root) when there are three or more; across languages the glossary is too
    thin to ask that much. A topic word of the document's title (`titled`, stems) counts as held
    by a sentence holding another word of the question, or the sex it asks about ("how many of
    the domestic workers interviewed were boys?": "Of the 214 respondents, ... 19 (9%) were boys"
    in "A Study of Child Domestic Workers")."""
    from cpassist.language import detect_language, question_language
    from cpassist.text import root, stem, words

    language = question_language(question)
    topic = {t for t in topic if not any(t in side for side in SEXES)}  # checked on their own
    if len(topic) < 3 or detect_language(sentence, default=language) != language:
        return True
    said = {stem(w.lower()) for w in words(sentence)}
    roots = {root(w.lower()) for w in words(sentence)}
    q_roots = {stem(w.lower()): root(w.lower()) for w in words(question)}
    if language == "en":  # "parked" answers "park", as "celaka" answers "kecelakaan"
        from cpassist.text import english_base

        roots |= {english_base(w) for w in words(sentence)}
        q_roots = {stem(w.lower()): english_base(w) for w in words(question)}
    shared = {t for t in topic if t in said or q_roots.get(t, "") in roots}
    asked_sex = any(
        side & {w.lower() for w in words(question)} & {w.lower() for w in words(sentence)}
        for side in SEXES
    )
    if shared - _AVERAGE_STEMS or asked_sex:
        shared |= topic & titled
    return len(shared) * 3 >= len(topic)


def _shares_topic(topic: set[str], stems: set[str]) -> bool:
    """Whether a sentence's stems (with glossary equivalents) share a topic word of the question,
    the same stem or a cognate of at least five letters."""
    from cpassist.lexicon import shared_across

    return bool(topic & stems) or bool(shared_across(topic, stems))


def _mentioned(counted: set[str], passages: list[str]) -> bool:
    """Whether one of `counted` (or its glossary equivalent, a word sharing its first five
    letters, or the same loanword) is written in `passages`."""
    from cpassist.lexicon import shared_across, translations
    from cpassist.text import stem, words

    wanted = translations(counted) | counted
    prefixes = {w[:5] for w in wanted if len(w) >= 5}
    for text in passages:
        stems = {stem(t.lower()) for t in words(text)}
        if wanted & stems or prefixes & {x[:5] for x in stems} or shared_across(counted, stems):
            return True  # ... or the same loanword ("kontak" ~ "contacts")
    return False


def _counts(sentence: str, counted: set[str], shares: bool = True) -> bool:
    """Whether a number of `sentence` quantifies one of `counted` (the word within three words
    after it or six before it, in either language: "45 kader desa", "requests rose from 312")."""
    from cpassist.lexicon import shared_across, translations
    from cpassist.text import stem, words

    wanted = translations(counted) | counted
    prefixes = {w[:5] for w in wanted if len(w) >= 5}  # "studi" ~ "studie" (studies)
    tokens = words(sentence)
    stems = [translations({stem(t.lower())}) | {stem(t.lower())} for t in tokens]
    for i, token in enumerate(tokens):
        if _NUMBER_TOKEN.match(token) and not _YEAR.fullmatch(token):
            low = token.lower()
            if (low == "satu" and tokens[i - 1 : i] in (["salah"], ["Salah"])) or (
                low == "one" and [t.lower() for t in tokens[i + 1 : i + 2]] == ["of"]
            ):
                continue  # "salah satu negara", "one of the largest": not a count
            if not shares and (
                token.endswith("%") or tokens[i + 1 : i + 2] in (["percent"], ["persen"])
            ):
                continue  # "how many teachers?" is not answered by a share
            near = stems[max(0, i - 6) : i] + stems[i + 1 : i + 4]
            if any(
                wanted & s or prefixes & {x[:5] for x in s} or shared_across(counted, s)
                for s in near
            ):
                return True
    return False


#: What an enumeration ("first ..., second ...") counts.
_ENUMERABLE = frozenset(
    stem(w)
    for w in "role roles peran way ways cara step steps langkah factor factors faktor aspect "
    "aspects aspek stage stages tahap part parts bagian goal goals tujuan finding findings temuan "
    "kind kinds jenis type types".split()
)
#: Words that name the kind of value asked for, not what it is about.
_TYPE_WORDS = frozenset(
    "many much number jumlah berapa year tahun when kapan cost biaya money uang budget anggaran "
    "percent persen total cover covers covered span spans period periode mencakup rentang "
    "launched diluncurkan started dimulai".split()
)
#: "rata-rata", "median": what kind of figure, not what it is of.
_AVERAGE_STEMS = frozenset(stem(w) for w in "average mean median rata-rata rerata".split())


_VAGUE = re.compile(
    r"\b(several|some|various|many|a number of|beberapa|berbagai|sejumlah|banyak)\s+(\w+)", re.I
)
_WHICH = re.compile(
    r"\b(?:which|what)\s+(\w+)|\b(\w+)\s+(?:apa|mana)\s+saja\b|\bsiapa\s+saja\s+(\w+)", re.I
)


def unnamed_members(question: str, passages: Iterable[str]) -> str:
    """The noun of a "which X?" question ("Which ministries ...?", "Kementerian apa saja ...?") when
    the passages speak of X only vaguely ("several Ministries", "beberapa INGO") and never name one;
    "" otherwise."""
    from cpassist.text import stem

    match = _WHICH.search(question)
    if not match:
        return ""
    noun = next(g for g in match.groups() if g)
    key = stem(noun.lower())
    if key in {
        "study",
        "studi",
        "penelit",
        "theory",
        "teori",
        "method",
        "metode",
        "factor",
        "faktor",
        "year",
        "tahun",
    }:
        return ""  # "which year?" is answered by any year, never "named" as one
    from cpassist.lexicon import _glossary_pairs

    # the noun in either language ("village" ~ "desa"): a passage in the other language may name one
    forms = (
        {noun.lower()}
        | {b for a, b in _glossary_pairs() if stem(a) == key and " " not in b}
        | {a for a, b in _glossary_pairs() if stem(b) == key and " " not in a}
    )
    keys = {stem(f) for f in forms}
    vague = named = False
    for text in passages:
        for m in _VAGUE.finditer(text):
            if stem(m.group(2).lower()) in keys:
                vague = True
                after = text[m.end() : m.end() + 60]
                named = named or bool(
                    re.match(r"\s*(\(|:|,? such as|,? seperti|,? yaitu|,? including)", after)
                )
        for form in forms:
            for m in re.finditer(rf"\b(?i:{re.escape(form)})\w*\s+(?:of\s+)?([A-Z][a-z]+)", text):
                if m.group(1) not in ("Indonesia",):
                    named = True
    return noun if vague and not named else ""
