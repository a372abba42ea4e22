"""A sub-group, platform or measure the question narrows its figure to that the documents never give.

Contract: `unmentioned_group(question, documents)` returns (the question's words for it, the
sentence saying it was left out, or "") when `question` names one of the groups of `GROUPS` (a school
level, a social-media platform, foreign nationals, children with disabilities, orphans, a
nutrition measure ...) in any of its spellings and `documents` (the whole text of each document
the question is about) name it in none of them, or only in sentences saying it was left out
("madrasah tsanawiyah were not included"); ("", "") otherwise, and always for a question about
what was left out. "Berapa persen korban yang dibully lewat Facebook?" of a survey that never
names Facebook has no answer, however close its figures on group chats read (measured on the
probe sets: every such question was unanswerable). Capitalised names are `abstain.absent_name`'s
and `excluded.excluded_group`'s; this module knows the groups whose names are lower-case words
("facebook", "siswi SD", "foreign nationals") or acronyms the documents spell out. When a figure
is asked (`asks_figure`), a group named only where no figure is near ("Every rainy season the
rivers carry sand") gives none either. `listed_only(question, documents, titles)` returns a place
of the question that the documents name only as an item of a list of names ("Laweyan, Serengan,
Pasar Kliwon, Jebres and Banjarsari"), with that sentence, when the question names the report by
another name too. Neither looks at retrieval hits or at what is asked of the group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cpassist.excluded import ASKS_LEFT_OUT, LEFT_OUT
from cpassist.text import STOPWORDS, split_sentences, words

#: (the group's name, the question words that name it, every spelling a document may use).
#: Acronyms are matched in capitals only ("SD", not "sd" = "sampai dengan").
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("primary school", r"SD|MI|[Ss]ekolah [Dd]asar|(?i:primary[- ]school\w*|elementary)",
     r"SD|MI|SDN|(?i:sekolah dasar|primary|elementary|madrasah ibtidaiyah|ibtidaiyah|kelas [1-6]\b|grades? [1-6]\b)"),
    ("madrasah tsanawiyah", r"MTs|MTsN|(?i:madrasah tsanawiyah|tsanawiyah)",
     r"MTs|MTsN|(?i:tsanawiyah)"),
    ("junior high school", r"SMP|SLTP|(?i:junior[- ]high|lower[- ]secondary|sekolah menengah pertama)",
     r"SMP|SMPN|SLTP|MTs|(?i:junior[- ]high|junior[- ]secondary|lower[- ]secondary|sekolah menengah pertama|tsanawiyah|kelas (?:7|8|9|VII|VIII|IX)\b|grades? (?:7|8|9)\b)"),
    ("senior high school", r"SMA|SLTA|(?i:senior[- ]high|upper[- ]secondary|sekolah menengah atas)",
     r"SMA|SMAN|SLTA|SMK|MA|(?i:senior[- ]high|senior[- ]secondary|upper[- ]secondary|sekolah menengah atas|(?<!junior )(?<!junior-)high[- ]schools?|aliyah|kelas (?:10|11|12|X|XI|XII)\b|grades? (?:10|11|12)\b)"),
    ("vocational school", r"SMK|(?i:vocational|kejuruan)",
     r"SMK|SMKN|(?i:vocational|kejuruan)"),
    ("madrasah", r"(?i:madrasah|madrasa)",
     r"MI|MTs|MTsN|MA|MAN|(?i:madrasah|madrasa|islamic (?:\w+ ){0,2}schools?|tsanawiyah|aliyah|ibtidaiyah|pesantren)"),
    ("pesantren", r"(?i:pesantren|pondok|boarding[- ]schools?|santri|santriwati)",
     r"(?i:pesantren|pondok|boarding|santri\w*)"),
    ("Facebook", r"(?i:facebook|fb)", r"(?i:facebook|fb)"),
    ("Instagram", r"(?i:instagram|ig)", r"(?i:instagram|ig)"),
    ("TikTok", r"(?i:tiktok|tik tok)", r"(?i:tiktok|tik tok)"),
    ("WhatsApp", r"WA|(?i:whatsapp|whats app)", r"WA|(?i:whatsapp|whats app)"),
    ("YouTube", r"(?i:youtube)", r"(?i:youtube)"),
    ("Telegram", r"(?i:telegram)", r"(?i:telegram)"),
    ("Twitter", r"(?i:twitter)", r"(?i:twitter|X \(formerly)"),
    ("Snapchat", r"(?i:snapchat)", r"(?i:snapchat)"),
    ("Discord", r"(?i:discord)", r"(?i:discord)"),
    ("Roblox", r"(?i:roblox)", r"(?i:roblox)"),
    ("MiChat", r"(?i:michat|mi chat)", r"(?i:michat|mi chat)"),
    ("foreign nationals", r"WNA|(?i:foreign(?:ers| nationals?| citizens?)|warga (?:negara )?asing|bule)",
     r"WNA|(?i:foreign\w*|asing|bule|expatriat\w*|turis|tourists?|mancanegara)"),
    ("children with disabilities", r"(?i:disabilit\w+|disabled|disabilitas|difabel|berkebutuhan khusus|special needs|ABK)",
     r"SLB|ABK|(?i:disab\w+|difabel|berkebutuhan khusus|special needs|impairment\w*|tunanetra|tunarungu|tunagrahita|autis\w*)"),
    ("orphans", r"(?i:orphan(?:s|ed|hood)?|yatim|piatu)",
     r"(?i:orphan\w*|yatim|piatu|panti asuhan)"),
    ("wasting", r"(?i:wasted|wasting|weight[- ]for[- ]height|kurus|BB/TB)",
     r"BMI|IMT|(?i:wasted|wasting|weight[- ]for[- ]height|kurus|thin\w*|BB/TB|body mass)"),
    ("underweight", r"(?i:underweight|weight[- ]for[- ]age|berat badan kurang|gizi kurang|BB/U)",
     r"(?i:underweight|weight[- ]for[- ]age|berat badan kurang|gizi kurang|BB/U)"),
    ("rainy season", r"(?i:musim (?:pen)?hujan|rainy seasons?|wet seasons?|monsoon)",
     r"(?i:musim (?:pen)?hujan|penghujan|rainy|wet seasons?|monsoon)"),
    ("dry season", r"(?i:musim kemarau|dry seasons?)", r"(?i:kemarau|dry seasons?)"),
    ("anaemia", r"(?i:ana?emi\w*)", r"(?i:ana?emi\w*)"),
    ("obesity", r"(?i:obes\w*|overweight|kegemukan)", r"(?i:obes\w*|overweight|kegemukan|gizi lebih)"),
    ("academic results", r"(?i:nilai (?:akademik|rapor|raport|ujian)|prestasi (?:akademik|belajar)|academic (?:performance|achievement|results?|grades?|scores?)|test scores?|exam (?:results|scores)|school grades)",
     r"IPK|GPA|(?i:akademik|academic|rapor|raport|report cards?|nilai ujian|test scores?|exam\w*|prestasi belajar|grade point|learning outcomes?|hasil belajar)"),
    ("adults", r"(?i:perempuan dewasa|orang dewasa|korban dewasa|adult (?:women|victims|men)|adults)",
     r"(?i:dewasa|adults?\b|(?:aged|berusia|usia) (?:18|19|2\d) (?:tahun )?(?:ke atas|and (?:over|above|older)))"),
    ("adoption", r"(?i:adopsi|diadopsi|mengadopsi|adopted|adoptions?)", r"(?i:adop\w+)"),
    ("court verdicts", r"(?i:vonis|divonis|convicted|convictions?|sentenced|putusan pengadilan|dipenjara)",
     r"(?i:vonis|divonis|convict\w*|sentenc\w*|putusan|pengadilan|court|trial|penjara|prison|pidana)"),
    ("health insurance", r"BPJS|JKN|KIS|(?i:health insurance|asuransi kesehatan|jaminan kesehatan)",
     r"BPJS|JKN|KIS|(?i:insurance|asuransi|jaminan kesehatan)"),
)  # fmt: skip


def _bounded(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/])(?:{pattern})(?![\w/])")


_ASKED = [(name, _bounded(asked), _bounded(said)) for name, asked, said in GROUPS]


def unmentioned_group(
    question: str, documents: Iterable[str], figure_asked: bool = False
) -> tuple[str, str]:
    """(the question's words, the left-out sentence or "") for a group of `GROUPS` the question
    names and `documents` never give (see the module); ("", "") otherwise. With `figure_asked`
    (a count or share is asked), a group named only in sentences with no figure near them ("Every
    rainy season the rivers carry sand") is not given either."""
    if ASKS_LEFT_OUT.search(question):
        return "", ""
    documents = [d for d in documents if d.strip()]
    if not documents:
        return "", ""
    sentences: list[str] | None = None
    for _name, asked, said in _ASKED:
        m = asked.search(question)
        if not m:
            continue
        if sentences is None:
            sentences = [s for text in documents for s in split_sentences(text)]
        named = [k for k, s in enumerate(sentences) if said.search(s)]
        if not named:
            return m.group(0), ""
        left_out = [k for k in named if LEFT_OUT.search(sentences[k])]
        if len(left_out) == len(named):
            return m.group(0), sentences[left_out[0]]
        reach = 1 if left_out else 2  # a sentence saying it was not observed: its own figures
        # only; else the next sentence may carry them ("... disabilities. Of them, 45% ...")
        if figure_asked and not any(
            _FIGURE.search(" ".join(sentences[k : k + reach])) for k in named if k not in left_out
        ):  # "Every rainy season the rivers carry sand" gives no hours of work in the rains
            return m.group(0), sentences[left_out[0]] if left_out else ""
    return "", ""


def _is_name(word: str, text: str) -> bool:
    """Whether `word` is written capitalised in `text` (a name: "Gowa", "Sigi"), not lower-case."""
    found = re.findall(rf"\b{re.escape(word)}\b", text, re.I)
    return bool(found) and all(f[:1].isupper() for f in found)


_FIGURE = re.compile(r"\d")
_FIGURE_WORDS = re.compile(
    r"\b(rates?|prevalence|proportion|percentage|share|how (common|many|much|often)|average|mean|"
    r"scores?|angka|tingkat|prevalensi|proporsi|persentase|persen|berapa|brp|rata-rata|skor)\b",
    re.I,
)


def asks_figure(question: str) -> bool:
    """Whether `question` asks for a figure: a count, share, length, amount or rate."""
    from cpassist.answer_type import expected_answer_type

    kind = expected_answer_type(question)
    return kind in ("count", "share", "duration", "money") or bool(_FIGURE_WORDS.search(question))


#: A list of the report's own units ("empat kecamatan, yaitu ...", "five sub-districts (...)").
_UNITS = re.compile(
    r"\b(kecamatan|sub-?districts?|desa|villages?|kelurahan|kabupaten|districts?|regenc(?:y|ies)|"
    r"distrik|wards?|provinsi|provinces?|schools?|sekolah|puskesmas|sites?|lokasi)\b",
    re.I,
)
_ITEM = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}"
#: "Laweyan, Serengan, Pasar Kliwon, Jebres and Banjarsari": three or more names, no figure each.
_ENUMERATION = re.compile(rf"{_ITEM}(?:\s*,\s*{_ITEM})+\s*,?\s+(?:and|dan|serta|&)\s+{_ITEM}")


def listed_only(
    question: str, documents: Iterable[str], titles: Iterable[str] = ()
) -> tuple[str, str]:
    """(a name of the question, the sentence listing it) when `documents` name it only as one
    item of a list of names with no figure of its own ("... sub-districts (Laweyan, Serengan,
    Pasar Kliwon, Jebres and Banjarsari), 26 agreed"): a figure asked for that place or group
    ("what share of players in Jebres?") is not in them. Only when the list names the report's own
    units ("empat kecamatan, yaitu ...") or the question names the report by another name too (a
    name of `titles`, the documents' titles, or an acronym they use: "the Gowa study ... in
    Tinggimoncong", "studi KORAS"): "setelah gempa Palu" of a paper on the earthquake "that struck
    Palu, Sigi and Donggala" asks of the whole report.
    ("", "") otherwise. The caller asks only for questions that ask a figure."""
    documents = [d for d in documents if d.strip()]
    if not documents:
        return "", ""
    sentences = [s for text in documents for s in split_sentences(text)]
    listed_words = {
        w.lower() for s in sentences for e in _ENUMERATION.finditer(s) for w in words(e.group(0))
    }
    candidates = [
        w
        for w in dict.fromkeys(words(question))
        if len(w) >= 4 and w.isalpha() and w.lower() in listed_words
    ]
    if not candidates:  # most questions name nothing any list holds: nothing more to read
        return "", ""
    titled = {w.lower() for s in sentences if s.lstrip().startswith("#") for w in words(s)}
    titled |= {w.lower() for t in titles for w in words(t)}
    asked = [w for w in words(question) if len(w) >= 3 and w.lower() not in STOPWORDS]
    joined = " ".join(documents)
    naming = {
        w.lower()
        for w in asked
        if (w.lower() in titled and _is_name(w, joined))
        or (w.isupper() and len(w) >= 3 and re.search(rf"\b{re.escape(w)}\b", joined))
    }
    for word in candidates:
        low = word.lower()
        if low in titled or low in STOPWORDS or low in naming:
            continue
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.I)
        mentions = [s for s in sentences if pattern.search(s)]
        if not mentions or any(
            w.lower() == low and not w[:1].isupper() for s in mentions for w in words(s)
        ):
            continue  # not in them, or an ordinary word ("school"), not a name
        listed = [
            s
            for s in mentions
            if all(
                any(e.start() <= m.start() < e.end() for e in _ENUMERATION.finditer(s))
                for m in pattern.finditer(s)
            )
        ]
        units = any(_UNITS.search(s[: s.lower().find(low)]) for s in listed)
        if listed and len(listed) == len(mentions) and (naming or units):
            return word, listed[0]
    return "", ""
