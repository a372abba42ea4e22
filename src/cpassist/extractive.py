"""The `extractive` generator: no LLM; the answer is the best evidence sentences, cited, verbatim.

Contract: `extractive_answer(question, sources, index, max_sentences=3)` returns claims (source
sentences with their 0-based source) in reading order. A sentence scores by e5 similarity to the
question and the question words it shares (across languages through the glossary, with a small
cosine offset for the other language), plus what the question asks for (`focus`: answer-cue words,
the asked ordinal, a value of the asked kind), minus keyword lists, sentences about the study itself
for content questions, and sentences of a study the question does not name. The best sentence leads;
others close to it follow, of the same kind when the question is focused; every study's best for
questions spanning several. A sentence brings the one before it when it opens with a pronoun, the one
after it when that continues, elaborates or adds to it, and a numbered list comes whole for "what are
the three ...?"; a sentence announcing a list ("... adalah:") is embedded with its items and brings
them. A study's aim answers only "what was the aim?". A question listing three or more asks
("desain apa, sampelnya brp, dan instrumennya apa?") gets the best sentence of each
(`question_parts`), a two-part one the best two of each. It does not paraphrase, translate or
summarise. Weights and figures: docs/decisions.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpassist.actors import CLAUSE_SPLIT, actor_stem, subject
from cpassist.answer_type import (
    SEXES,
    asks_proposal,
    events_in,
    expected_answer_type,
    holds_answer_type,
    is_recommendation,
    names_the_lead,
)
from cpassist.evidence import EvidenceIndex, scaled_cosine
from cpassist.figures import named_near_numbers
from cpassist.focus import LAST, question_focus
from cpassist.language import question_language
from cpassist.lexicon import shared_across, translations
from cpassist.roles import roles_in
from cpassist.schema import Passage
from cpassist.study_mix import about_named, studies_named, study_names
from cpassist.superlatives import SHARE
from cpassist.text import (
    QUESTION_FILLERS,
    STOPWORDS,
    TABLE_ROW,
    content_stems,
    english_base,
    named_terms,
    root,
    split_sentences,
    stem,
    table_headers,
    words,
)
from cpassist.verify import Claim

_KEYWORDS = re.compile(r"^\s*(kata kunci|keywords?)\b", re.IGNORECASE)
#: A by-line ("Author: ...", "Penulis: ..."): it answers who wrote the document, nothing else.
_BYLINE = re.compile(r"^\s*(authors?|penulis|oleh|by|disusun oleh|ditulis oleh)\s*:", re.IGNORECASE)
_BYLINE_ASKED = ("person", "institution", "year")
#: A sentence opening like this continues the one before it ("This issue is driven by ...").
_CONTINUES = re.compile(
    r"^\s*(?!(this|the) (research|study|paper|thesis|article|report)\b)"
    r"(this|these|it|such|hal ini|hal tersebut|ini|faktor|factors?|"
    # "Prevalensinya 41,6% ...": its "-nya" is what the sentence before named
    r"(?!(?:sebenar|biasa|akhir|sayang|rupa|tampak|umum|khusus|seharus|sebetul|semesti)nya\b)"
    r"[a-z]{4,}nya)\b",
    re.I,
)
#: A sentence opening like this adds more of the same ("In addition, the author did research at
#: several ministries"): it follows a sentence answering where / how / what was found.
_ADDS = re.compile(
    r"^\s*(in addition|additionally|moreover|furthermore|besides|selain itu|di samping itu|"
    r"lebih lanjut)\b",
    re.I,
)
_ADDITIVE_FOCI = frozenset({"place", "method", "finding", "factors"})
#: "Who else ...?", "Di mana lagi ...?": the question itself asks for more of the same.
_ELSE = re.compile(r"\b(else|other|others|besides|lainnya|lain|selain|lagi)\b", re.I)
#: "Each study", "both studies", "kedua penelitian": the best sentence of every study is taken.
_EVERY_STUDY = re.compile(
    r"\b(each|both|the two|all the) (stud(y|ies)|paper|thesis|theses|research)\b|"
    r"\b(kedua|masing-masing|setiap) (penelitian|studi|skripsi|kajian)\b",
    re.I,
)
#: A question asking for all items of a numbered list ("What are the three roles ...?").
_ENUMERATION = re.compile(
    r"\b(two|three|four|five|dua|tiga|empat|lima)\b|\b(what|which) (are|were) the\b|"
    r"\b(apa|siapa) saja\b|\bngapain aja\b|\broles\b|\bperan-peran\b",
    re.I,
)
#: A sentence opening with a pronoun needs the sentence before it for its referent.
#: "The share was markedly higher for girls ...", "Angka ini ...": a figure of the sentence before.
_FIGURE_BEFORE = (
    r"(the|this|that) (share|proportion|percentage|rate|figure|gap)(?!\s+of\b)|"
    r"(angka|proporsi|persentase) (ini|tersebut|itu)|proporsinya|angkanya|persentasenya"
)
_REFERS_BACK = re.compile(rf"^\s*({_FIGURE_BEFORE})\b", re.I)
PRONOUN_START = re.compile(
    r"^\s*(?!(this|the) (research|study|paper|thesis|article|report)\b)"
    rf"(it|its|this|these|they|their|he|she|such|hal ini|hal tersebut|ini|itu|mereka|ia|dia|"
    rf"{_FIGURE_BEFORE})\b",
    re.I,
)
#: A total asked in so many words ("total brp kasus ...?", "how many in all?").
_TOTAL_ASKED = re.compile(
    r"\b(total|in total|altogether|in all|keseluruhan|seluruhnya|secara keseluruhan)\b", re.I
)
#: The role (`cpassist.roles`) a provenance focus asks for.
_ROLE_OF = {"initiator": "initiated", "funder": "funded"}
#: A total asked or given: "in total", "altogether", "selama empat tahun", "seluruhnya".
_TOTAL = re.compile(
    r"\b(total|in total|altogether|in all|overall|keseluruhan|seluruhnya|secara keseluruhan|"
    r"(selama|over|across|during) (the )?(\w+|\d+) (tahun|years|bulan|months)|"
    r"(selama|over|across|during) (the )?(program|programme|pilot|project|proyek|period))\b",
    re.I,
)
#: Per answer-cue word of the question's focus a sentence holds (at most 3 count): "method" ->
#: "interviews", "qualitative", "data".
CUE_BONUS = 0.15
#: A sentence about the study itself ("This research aims to describe ...") loses this when the
#: question asks about the subject matter, not about the study.
META_PENALTY = 0.3
#: A sentence holding the kind of answer a count/year/money/person/place question asks for gains
#: this; one without it loses it.
TYPE_BONUS = 0.2
#: Added to the cosine of a sentence in the other language than the question's (e5 puts a
#: faithful translation about this much below a same-language paraphrase).
CROSS_LANGUAGE_COS = 0.06
#: Questions spanning several studies or documents: the best sentence of each is taken.
_CROSS = re.compile(
    r"\b(both|each|two|all|compare|comparison|differ\w*|similar\w*|in common|which (study|studies|"
    r"document|report)|kedua|masing-masing|semua|bandingkan|perbandingan|perbedaan|persamaan|"
    r"studi mana|penelitian mana|dokumen mana)\b",
    re.I,
)
#: A sentence naming the one sex a question asks about gains this; one naming only the other
#: loses it.
SEX_BONUS = 0.1
#: "girls vs boys?", "antara perempuan dan laki-laki": a sentence with a figure of each answers it
#: (measured on probe24: the sentence "230 of 968 girls (23.8%) vs 126 of 878 boys" ranked 8th).
BOTH_SEXES_BONUS = 0.25
#: A sentence announcing a list ("structured around several goals") brings the next sentence when
#: that one is of the kind the question asks for.
_ANNOUNCES = re.compile(
    r"\b(several|some|various|the following|beberapa|berbagai|sebagai berikut|berikut)\b", re.I
)
_META = re.compile(
    r"^\s*(this|the) (research|study|thesis|paper)\b(?! (also )?(was conducted|is based|used|uses|"
    r"found|finds|is a|is an))|^\s*(penelitian|studi|skripsi|tulisan) ini\b(?! (juga )?(dilakukan|"
    r"menggunakan|merupakan|menemukan))",
    re.I,
)
#: A sentence stating what the study set out to do ("Tujuannya adalah memahami ... hambatan apa
#: yang dihadapi ...") restates questions, it answers none but "what was the aim?".
_AIM = re.compile(
    r"^\s*(tujuan(nya)?( (utama|umum|khusus))?( (penelitian|studi|kajian|evaluasi))?( ini)? "
    r"(adalah|ialah|yaitu|untuk)|(penelitian|studi|kajian|evaluasi) ini bertujuan|"
    r"(the|its) (main |overall )?(aim|purpose|objective|goal)s? (of (this|the) (study|research|"
    r"report|evaluation|assessment) )?(is|was|were|are)|this (study|research|report|evaluation|"
    r"assessment|survey|brief) (aims|aimed|seeks|sought|sets out|set out|estimates|examines|"
    r"describes|documents|investigates|explores|assesses|looks at|looked at)|"
    r"(penelitian|studi|kajian|evaluasi|survei) ini (memperkirakan|menggambarkan|mendokumentasikan|"
    r"menelaah|mengkaji|memetakan|menilai))\b",
    re.I,
)
_ASKS_ABOUT_STUDY = re.compile(
    r"\b(research|study|studies|thesis|paper|author|penelitian|studi|skripsi|penulis|peneliti)\b",
    re.I,
)
#: The sentence carrying the ordinal a question asks for ("the third role") gains this; one
#: carrying another ordinal loses ORDINAL_PENALTY.
ORDINAL_BONUS = 0.35
ORDINAL_PENALTY = 0.25
#: What the study itself did (its method, theory, place, findings) is said in sentences about the
#: study ("The research is based on ..."); other foci are not.
_STUDY_FOCI = frozenset(
    {"method", "theory", "concept", "place", "finding", "author", "initiator", "funder"}
)
_ABOUT_STUDY = re.compile(
    r"^\s*(this|the) (research|study|thesis|paper)\b|^\s*(penelitian|studi|skripsi|tulisan) ini\b",
    re.I,
)
#: "This research found that ..." reports the subject matter, not the study.
_REPORTS_FINDING = re.compile(
    r"^\s*\S+ \S+ (\w+ )?(found|finds|shows|showed|menemukan|menunjukkan)\b", re.I
)
#: Foci that ask who stands behind the study: "The study was funded by ..." answers them.
_PROVENANCE = frozenset({"initiator", "funder", "author"})
#: Foci asked of an actor ("Nepal's goals", "what did ECPAT gain?", "who initiated ...").
_ACTOR_FOCI = frozenset({"aim", "benefit", "role"})
#: A sentence with a clause whose actor is the one the question asks about, holding an answer cue.
ACTOR_BONUS = 0.15
#: A chosen sentence of at most this many words brings the next sentence of its passage.
SHORT_LEAD = 9
#: A recommendation ("the facility needs two more psychologists") loses this against a question
#: asking what is (a count, a year, a place ...), not what should be.
PROPOSAL_PENALTY = 0.3
#: A sentence announcing a list ("... consists of three modules:") that shares a word with a
#: question asking for all items gains this, and brings up to `LIST_ITEMS` items after it.
LIST_LEAD_BONUS = 0.2
LIST_ITEMS = 5
#: ... and the rows of a table after its caption.
TABLE_ROWS = 16
#: Per question name a sentence holds that is not in its document's title.
NAME_BONUS = 0.1
#: Other sentences are kept when they score at least this share of the best one.
NEAR_BEST = 0.8
#: A second study's best sentence is added when it scores at least this share of the best one.
OTHER_STUDY = 0.75


#: A figure that is no year: "21", "38,9%", "1.846".
_RANGE = re.compile(r"(?<![\d.,])(\d{1,3})\s*[-–—]\s*(\d{1,3})(?![\d.,]*\d)")
#: A question comparing two groups or places ("compare with", "vs", "dibanding", "bedanya").
_COMPARES = re.compile(
    r"\b(compar\w*|vs|versus|differ\w*|difference|dibanding\w*|perbandingan|beda\w*|"
    r"perbedaan|lebih (baik|buruk|efektif|berhasil))\b|\b(better|worse|more effective|less "
    r"effective)\b(\s+[\w-]+){0,6}\s+than\b",
    re.I,
)
#: "coastal vs mountain villages": the two sides (the words around "vs"; "X dibandingkan Y" and
#: "X compared with Y" name longer phrases whose head is not at the joint).
_SIDES = re.compile(
    r"\b([\w-]{3,})\s+(?:vs\.?|versus)\s+(?:the\s+|desa\s+|anak\s+)?([\w-]{3,})",
    re.I,
)


#: Three names the question lists ("Sumur Batu / Ciketing Udik / Cikiwul", "Gebang, Losari, ...").
_NAME_LIST = re.compile(
    r"[A-Z][\w-]*(?: [A-Z][\w-]*)?\s*[/,]\s*[A-Z][\w-]*(?: [A-Z][\w-]*)?\s*(?:[/,]|and|dan)\s*[A-Z]"
)


def _said_near(sentences: Sequence[str], j: int) -> set[str]:
    """Stems (with glossary twins) of sentence `j` and the sentences either side of it: "Di desa
    program, ... turun dari 31,8% menjadi 22,3%." is set against "Di desa pembanding, ..." next."""
    near = " ".join(sentences[max(0, j - 1) : j + 2])
    return translations({stem(w) for w in words(near.lower())})


def _sides_compared(question: str) -> list[set[str]]:
    """The stems (with glossary twins) of the two sides a question compares by "vs" / "versus",
    the word before and after ("non-coastal" is its last part); [] otherwise."""
    m = _SIDES.search(question)
    if not m:
        return []
    out = []
    for side in m.groups():
        part = side.lower().split("-")[-1]
        if part in STOPWORDS:
            return []
        out.append(translations({stem(part)}))
    return out


#: A sentence setting one figure against another ("19.6% compared with 5.4%", "lebih ...
#: daripada", "sedangkan di kelompok pembanding 58,9%").
_SETS_AGAINST = re.compile(
    r"\b(compared (with|to)|than|versus|vs|against|while|whereas|dibandingkan|dibanding|daripada|"
    r"sedangkan|sementara|ketimbang|berbanding|but|tetapi|namun)\b|"
    r"\b(dari|from)\b[^.;]*\d[^.;]*\b(menjadi|ke|to)\b",  # a change: "turun dari 31,8% menjadi 22,3%"
    re.I,
)
_YEARS_IN = re.compile(r"\b(?:19|20)\d\d\b")
_COUNTS = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)*%?(?![\w])")
#: Figures that are no years ("36.9%", "1,236"), for the modules that read what a sentence gives.
FIGURES = _COUNTS
#: A table cell holding a year: a row of a series ("| 2018 | 1,856 | 21.4% |").
_YEAR_CELL = re.compile(r"\|\s*(19|20)\d\d\s*\|")
#: A ranking read in order: "the most common was X, followed by Y", "diikuti Y", "disusul Y".
_FOLLOWED_BY = re.compile(r"\b(followed by|diikuti|disusul|then by|kemudian)\b", re.I)
#: The follow-up after a previous question the rewrite carried: "...? and in the comparison
#: schools?", "...? kalau yang laki-laki?".
_CONTINUED_TAIL = re.compile(
    r"\?\s+((?:and|what about|how about|bagaimana dengan|kalau|kalo|dan|lalu|terus|trus)\b[^?]*\??)"
    r"\s*$",
    re.I,
)
#: "..., and who funded it?", "... dan apa syaratnya?": a second question joined to the first.
_SECOND_PART = re.compile(
    r",?\s+(?:and|dan|serta|terus|trus|lalu|then|also)\s+(?=(?:(?:in|on|at|for|from|to|pada|di|dari|untuk|sejak)\s+)?(?:who|whom|whose|what|which|when|where|why|how|siapa|apa|berapa|"
    r"brp|kapan|di ?mana|mengapa|kenapa|bagaimana|gimana)\b)",
    re.I,
)


#: "..., terus datanya dikumpulin kapan?": a second part asking with its question word last.
_TRAILING_ASK = re.compile(
    r",?\s+(?:and|dan|serta|terus|trus|lalu)\s+(?=(?:[\w-]+\s+){1,3}(?:apa|berapa|brp|kapan|"
    r"siapa|di ?mana|bagaimana|gimana)\s*\??\s*$)",
    re.I,
)
#: "and when?", "dan kapan?": a question word alone, asking it of the first part.
_BARE_ASK = re.compile(
    r"^(?:when|where|who|why|how|kapan|di ?mana|siapa|mengapa|kenapa|bagaimana)\s*\??$", re.I
)
#: "desain apa, sampelnya brp siswa, dan instrumennya apa?": one ask per comma.
_ASKS = re.compile(
    r"\b(apa|berapa|brp|siapa|kapan|di ?mana|bagaimana|gimana|what|which|how|who|when|where)\b",
    re.I,
)


def question_parts(question: str) -> list[str]:
    """The asks of a question listing three or more ("...: sample size, how respondents were
    selected, and when the data were collected?"), each a question carrying the names of what
    comes before them; else the two of `two_parts`, else the question alone."""
    segments = [
        seg.strip()
        for seg in re.split(r",\s*(?:(?:and|dan|serta)\s+)?", question.rstrip(" ?"))
        if seg.strip()
    ]
    context, _, tail = segments[0].rpartition(":") if segments else ("", "", "")
    if context:  # "For my thesis I need the methodology of ...: sample size, ..."
        asks = [tail.strip(), *segments[1:]]
    elif segments and not _ASKS.search(segments[0]):  # "Di studi X, gimana ..., terus ...?"
        context, asks = segments[0], segments[1:]
    else:
        context, asks = (segments[0], segments) if segments else ("", [])
    if (
        len(asks) >= 3
        and all(len(words(a)) >= 2 for a in asks)
        and sum(bool(_ASKS.search(a)) for a in asks) >= 2
    ):
        names = [
            w
            for w in words(context)[1:]
            if w[:1].isupper() and len(w) > 1 and w.lower() not in _OPENERS
        ]
        lead = " ".join(dict.fromkeys(names[:4]))
        return [f"{a}?" if a == context or not lead else f"{lead}: {a}?" for a in asks]
    two = two_parts(question)
    return list(two) if two else [question]


def two_parts(question: str) -> tuple[str, str] | None:
    """A two-part question as two questions, the second carrying the first's names ("Who carried
    out the Padang evaluation, and who funded it?" -> "... evaluation?", "Padang: who funded
    it?"); None for a one-part question."""
    m = _SECOND_PART.search(question) or _TRAILING_ASK.search(question)
    if not m:
        return None
    first, second = question[: m.start()].strip(), question[m.end() :].strip()
    if first.endswith(":"):  # a follow-up's carried context: "Indramayu: and which sub-districts?"
        return None
    if len(words(first)) >= 3 and _BARE_ASK.match(second):
        return f"{first.rstrip('?')}?", question  # "What data did they collect, and when?"
    if len(words(first)) < 3 or len(words(second)) < 2:
        return None
    names = [w for w in words(first) if w[:1].isupper() and w.lower() not in _OPENERS][:4]
    lead = " ".join(dict.fromkeys(n for n in names if n.lower() not in second.lower()))
    if not lead and len(words(second)) < 4:  # "apa syaratnya?": what it asks of is before
        return f"{first.rstrip('?')}?", question
    return f"{first.rstrip('?')}?", f"{lead}: {second}" if lead else second


_OPENERS = frozenset(
    "who whom what which when where why how siapa apa berapa kapan mengapa kenapa bagaimana "
    "dalam in menurut according the".split()
)


def extractive_answer(
    question: str, sources: Sequence[Passage], index: EvidenceIndex, max_sentences: int = 3
) -> list[Claim]:
    """Claims (verbatim sentences with their 0-based source) answering `question` from `sources`;
    a two-part question gets the best of each part."""
    parts = question_parts(question)
    if len(parts) == 1:
        return _answer(question, sources, index, max_sentences)
    language = question_language(question)  # a part alone ("sample size?") may not tell
    if len(parts) > 2:  # the best sentence of each ask, in the order asked
        out: list[Claim] = []
        for part in parts:
            for claim in _answer(part, sources, index, 1, language=language):
                if claim.text not in {c.text for c in out}:
                    out.append(claim)
        return out
    second = _answer(parts[1], sources, index, 2, language=language)
    out = _answer(parts[0], sources, index, 2, language=language)
    if out and second and out[0].text == second[0].text:
        # "how many were surveyed and how many met the definition?": the sentence answering the
        # second part best does not answer the first too (it holds the second's words as well)
        out = _answer(parts[0], sources, index, 2, frozenset({second[0].text}), language) or out
    seen = {c.text for c in out}
    out += [c for c in second if c.text not in seen]
    return out


def _takes_up(sentence: str, follower: str) -> bool:
    """Whether `follower` opens with the words `sentence` ends on (two, or one of 6+ letters):
    it says what they are ("... doing hazardous tasks." -> "Hazardous tasks included ...")."""
    tail = [stem(w.lower()) for w in words(sentence)][-3:]
    head = [stem(w.lower()) for w in words(follower)][:3]
    for n in (2, 1):
        if len(tail) >= n and len(head) >= n and tail[-n:] == head[:n]:
            ends = words(sentence)[-n:]
            if n == 2 or (len(ends[0]) >= 6 and ends[0].lower() not in STOPWORDS):
                return not any(w.lower() in STOPWORDS for w in ends)
    return False


def _answer(
    question: str,
    sources: Sequence[Passage],
    index: EvidenceIndex,
    max_sentences: int = 3,
    exclude: frozenset[str] = frozenset(),
    language: str | None = None,
) -> list[Claim]:
    q_names = named_terms(question) | {
        stem(w) for w in words(question) if w.isupper() and len(w) > 2
    }
    lead, colon, _ = question.partition(":")
    if colon and len(words(lead)) <= 4:  # a follow-up's context from the rewrite ("Nepal: ...")
        q_names |= {stem(w.lower()) for w in words(lead) if w[:1].isupper()}
    # the names pick the study (below); what the sentence must share is the rest of the question
    # "16-17" asked, "16–17 years" written: the sentence's words split a range at its dash
    plain_range = re.sub(r"(\d)-(\d)", r"\1 \2", question)
    q_stems = (content_stems(plain_range) - QUESTION_FILLERS) - q_names or content_stems(question)
    asked_ranges = [
        re.compile(rf"(?<![\d.,]){a}\s*(?:[-–—]|to|sampai|hingga)\s*{b}(?![\d.,]*\d)")
        for a, b in _RANGE.findall(question)
    ]  # "umur 16-17": the line "16–17 years: 41.5%"
    q_roots = {stem(w.lower()): root(w.lower()) for w in words(question) if len(w) > 5}
    q_bases = {stem(w.lower()): english_base(w) for w in words(question)}
    candidates: list[tuple[str, int, int]] = []  # sentence, source index, position
    seen: set[str] = set()
    # a question about a named document is answered from that document only ("reports to SafeNet
    # Asia in 2023" is not answered by the Makassar report's 2023 figures)
    named_docs = (
        {id(p) for p in about_named(question, sources)}
        if not (_CROSS.search(question) or _EVERY_STUDY.search(question))
        else {id(p) for p in sources}
    )
    compared: list[str] = []  # what the embedding compares: a list's lead with its items
    listed = [list_lines(source.text) for source in sources]
    headed: dict[tuple[int, int], str] = {}  # a table row's place -> its table's header row
    listed_at: set[tuple[int, int]] = set()  # (source, sentence) places that are lines of a list
    split_of: dict[int, list[str]] = {}  # each source's sentences, split once
    for i, source in enumerate(sources):
        if id(source) not in named_docs:
            continue
        sentences = split_of[i] = split_sentences(source.text)
        # a table's row is read with its header
        headed.update({(i, j): h for j, h in table_headers(sentences).items()})
        listed_at |= {(i, j) for j, sentence in enumerate(sentences) if sentence in listed[i]}
        for j, sentence in enumerate(sentences):
            key = " ".join(words(sentence.lower()))
            line = sentence in listed[i] or TABLE_ROW.match(sentence)  # short, but an item
            if (
                key
                and key not in seen
                and sentence not in exclude
                and (len(words(sentence)) >= 4 or line)
            ):
                seen.add(key)
                candidates.append((sentence, i, j))
                compared.append(
                    f"{headed[(i, j)]} {sentence}"
                    if (i, j) in headed
                    else f"{sentences[j - 1]} {sentence}"  # what "The share ..." is the share of
                    if j and _REFERS_BACK.match(sentence)
                    else _with_items(sentence, sentences[j + 1 :], listed[i])
                )
    if not candidates:
        return []
    # a carried context ("SAPA: siapa penyandang dananya?") picked the document above; within it,
    # every sentence naming "SAPA" would look alike to the embedding, so it compares the rest
    own_words = question[len(lead) + 1 :].strip() if colon and len(words(lead)) <= 12 else ""
    cosines = index.cosines(own_words or question, compared)
    # "...intervention schools? and in the comparison schools?" (a previous question continued by
    # the rewrite): the follow-up's own words weigh as much as the question they continue
    tail = _CONTINUED_TAIL.search(question) if not own_words else None
    if tail and content_stems(tail.group(1)) - QUESTION_FILLERS:
        own_words = tail.group(1)
        cosines = [
            (a + b) / 2 for a, b in zip(cosines, index.cosines(own_words, compared), strict=True)
        ]
    # the names that pick the document ("the Sigi mentors": in its title) draw the embedding to
    # every sentence naming it; a third of the cosine is taken without them
    titled = {
        stem(w) for s in sources if id(s) in named_docs for w in words(f"{s.title} {s.study}")
    }
    picking = q_names & titled
    unnamed = " ".join(
        w for w in (own_words or question).split() if stem(_bare_word(w)) not in picking
    )
    if not own_words and picking and len(words(unnamed)) >= 3 and unnamed != question:
        plain = index.cosines(unnamed, compared)
        cosines = [(2 * a + b) / 3 for a, b in zip(cosines, plain, strict=True)]
    focus = question_focus(question)
    if focus.names & _PROVENANCE and not own_words:
        # "Who led the Gowa study on teenage pregnancy?": the words describing the study (its
        # title's, in either language) pick the document; within it they draw every finding
        # sentence, while the answer is a by-line ("Ketua tim: Dr. Andi Nurfadillah.")
        described = titled | translations(titled)
        plain = " ".join(
            w for w in question.split() if stem(_bare_word(w).lower()) not in described
        )
        if plain != question and content_stems(plain) - QUESTION_FILLERS:
            cosines = index.cosines(plain, compared)
            q_stems = {x for x in q_stems if x not in described} or q_stems
    own_stems = (content_stems(own_words) - QUESTION_FILLERS - q_names) & q_stems
    if own_stems == q_stems:
        own_stems = set()
    # a passage is named by every passage of its document here: "LPA NTB" of the by-line, the
    # programme named in the background, name the methods passage too
    names_in: dict[str, set[str]] = {}
    for s in sources:
        names_in.setdefault(s.study, set()).update(
            stem(w) for w in words(f"{s.text} {s.title} {s.study.replace('-', ' ')}")
        )
    names_of = [names_in[s.study] for s in sources]
    # "in the Sumur Batu / Ciketing Udik / Cikiwul survey": three names the study lists together
    # as its scope say which study, like its title; a table row naming one is no better for them
    scope: set[str] = set()
    if len(q_names) >= 3 and _NAME_LIST.search(question):
        for sentences in split_of.values():
            for sentence in sentences:
                together = q_names & {stem(w) for w in words(sentence)}
                if len(together) >= 3 and not TABLE_ROW.match(sentence):
                    scope |= together
    # who initiated, funded or wrote it asks about the study ("Cianjur: siapa yang mendanainya?")
    # ... as does one asking who led or funded it ("Siapa ketua tim survei ...?")
    about_study = (
        not _ASKS_ABOUT_STUDY.search(question)
        and not focus.names & _PROVENANCE
        and expected_answer_type(question) not in ("person", "holder", "funder", "institution")
    )
    cues = focus.cue_stems
    language = language or question_language(question)
    ordinals = _ordinals(sources) if focus.ordinal else {}
    if focus.ordinal == LAST:  # "the last one": the highest ordinal numbered in the evidence
        focus.ordinal = max((o for carried in ordinals.values() for o in carried), default=None)
    study_foci = focus.names & _STUDY_FOCI
    asked_actors = (
        {actor_stem(w) for w in words(question) if stem(w.lower()) in q_names}
        if focus.names & _ACTOR_FOCI and not study_foci
        else set()
    )
    asked_type = expected_answer_type(question)
    ranked = ranked_kind(question) if "rank" in focus.names else set()
    ranked_at: dict[tuple[int, int], int] = {}  # an item of a ranked list -> its place (from 1)
    if focus.ordinal and "rank" in focus.names:
        # a list of what is asked: its lead (with the sentence before it) names the ranked kind
        # ("the most common health complaint": "Keluhan ..."), else a word of the question
        wanted = ranked or translations(q_stems - cues - _ORDINAL_STEMS)
        for i, sentences in split_of.items():
            leads = ranked_leads(sentences, listed[i])
            for j, n in ranked_places(sentences, listed[i]).items():
                said = f"{sources[i].section} {leads.get(j, '')}"  # with the passage's heading
                if translations({stem(w) for w in words(said.lower())}) & wanted:
                    ranked_at[(i, j)] = n
    asked_events = events_in(question)
    asked_years = set(_YEARS_IN.findall(question))
    total_asked = bool(_TOTAL_ASKED.search(question))
    proposal_asked = asked_type == "recommendation" or asks_proposal(question)
    byline_asked = asked_type in _BYLINE_ASKED or "author" in focus.names
    enumeration = bool(_ENUMERATION.search(question)) and not focus.ordinal
    asked_words = {w.lower() for w in words(question)}
    compares = bool(_COMPARES.search(question))
    compared_sides = _sides_compared(question) if compares else []
    if compared_sides:  # a side no sentence names ("the waitlist kids": "kelompok pembanding")
        said_all = translations(
            {
                stem(w)
                for sentences in split_of.values()
                for t in sentences
                for w in words(t.lower())
            }
        )
        if not all(side & said_all for side in compared_sides):
            compared_sides = []  # cannot tell the sides apart: any sentence with two figures
    sides = [side for side in SEXES if side & asked_words]
    asked_sex = sides[0] if len(sides) == 1 else frozenset()
    other_sex = next((side for side in SEXES if side is not asked_sex), frozenset())
    scored: list[tuple[float, str, int, int]] = []
    cue_hits: dict[tuple[int, int], int] = {}
    for (sentence, i, j), cos in zip(candidates, cosines, strict=True):
        read = f"{headed[(i, j)]} {sentence}" if (i, j) in headed else sentence
        raw = {stem(w) for w in words(read.lower())}
        stems = translations(raw) if sources[i].language != language else raw
        if (
            sources[i].language == language
        ):  # a word of the same root counts ("celaka" ~ "kecelakaan")
            roots = {root(w) for w in words(sentence.lower())}
            if language == "en":  # "helped" answers "help"
                roots |= {english_base(w) for w in words(sentence)}
            matched = {
                x
                for x in q_stems
                if x in stems or q_roots.get(x, "") in roots or q_bases.get(x, "") in roots
            }
        else:  # a glossary twin or the same loanword ("accredited" ~ "terakreditasi")
            said = raw | {root(w) for w in words(sentence.lower())}
            matched = shared_across(q_stems, said) | {
                x for x in q_stems if translations({q_bases.get(x, "")} - {""}) & said
            }  # "visiting" ~ "kunjungan" through "visit"
        lex = len(matched) / len(q_stems) if q_stems else 0.0
        if own_stems:  # a follow-up's own words count as much as the topic it carries
            lex = (lex + len(matched & own_stems) / len(own_stems)) / 2
        if sources[i].language != language:
            cos += CROSS_LANGUAGE_COS  # e5 scores a translation lower than a same-language match
        score = 0.6 * scaled_cosine(cos) + 0.4 * lex
        if cues and not (
            about_study
            and not study_foci
            and _ABOUT_STUDY.match(sentence)
            and not _REPORTS_FINDING.search(sentence)
        ):
            # a sentence about the study itself ("The research is based on ... the goals of the
            # partnership") does not answer "what are Nepal's goals?" however many cues it holds
            # across languages a word and its translation are one hit ("jumlah" ~ "number")
            cue_hits[(i, j)] = (
                len(cues & stems)
                if sources[i].language == language
                else sum(1 for w in raw if ({w} | translations({w})) & cues)
            )
            if "rank" in focus.names and len(SHARE.findall(sentence)) >= 2:
                cue_hits[(i, j)] += 1  # "61% at the police stage, 27% at ...": a ranking
            if "trend" in focus.names and (
                (TABLE_ROW.match(sentence) and _YEAR_CELL.search(sentence))
                or len(set(_YEARS_IN.findall(sentence))) >= 3
            ):
                cue_hits[(i, j)] += 2  # "| 2018 | 1,856 | 21.4% |": a row of a series over years,
                # or a sentence of one ("298 in 2020, ... 356 in 2021, 447 in 2022 and 503 in 2023")
                # (its figures say how it changed, where "a marked rise" only says that it did)
            hits = cue_hits[(i, j)]
            if hits and ranked & (stems | translations(raw)):
                hits += 1
            elif ranked and (
                ranked_kind(sentence) - ranked or not ranked & _context_stems(split_of[i], j)
            ):
                hits = min(1, hits)  # "who most often looked after them?": "pelaku yang paling
                # sering" ranks perpetrators, not carers; "The most common was ..." ranks what
                # the sentence before it names ("... at least one online harm")  # "the most common type of violence": a ranking of violence, not of
                # referral sources ("The police referred the largest share ..., followed by ...")
            if (
                "rank" in focus.names
                and (focus.ordinal or 0) >= 2
                and focus.ordinal not in ordinals.get((i, j), set())
                and len(SHARE.findall(sentence)) < 2
                and not _FOLLOWED_BY.search(sentence)
                and not (sentence.rstrip().endswith(":") and (i, j + 1) in listed_at)
            ):
                hits = min(1, hits)  # "the second most common?": "sebagian besar" (most) is no
                # ranking; the sentence carrying the second place, a ranked list of figures or the
                # lead of a list is
            score += CUE_BONUS * min(3, hits)
            if len(focus.cues_of) >= 2:  # "the most common barrier": a ranking of barriers, not
                # of something else ("Sebagian besar ... adalah ayah")
                kinds = sum(1 for c in focus.cues_of.values() if c & (stems | translations(raw)))
                score += CUE_BONUS * max(0, kinds - 1)
            if asked_actors and cue_hits[(i, j)] and _actor_clause(sentence, asked_actors, cues):
                score += ACTOR_BONUS  # "Nepal's goals?": "... while Nepal aims to receive ..."
        if focus.ordinal:
            carried = ordinals.get((i, j), set())
            if ranked_at.get((i, j)) == focus.ordinal:
                score += 2 * ORDINAL_BONUS  # "which driver ranked second?": the second item of a
                # list its lead ranks ("faktor yang paling sering disebut adalah:")
            elif focus.ordinal in carried and ranked_at and not cue_hits.get((i, j)):
                pass  # "Kedua, wawancara mendalam ...": the second step of a method ranks nothing
            elif focus.ordinal in carried:
                score += ORDINAL_BONUS
            elif carried:
                score -= ORDINAL_PENALTY
        if focus.names & {"initiator", "funder"} and {r for r, _ in roles_in(sentence)} & {
            _ROLE_OF[f] for f in focus.names & {"initiator", "funder"}
        }:
            score += TYPE_BONUS  # "who came up with the idea?": "initiated ... by the LPKA's Head"
        if focus.lead and names_the_lead(sentence):
            score += 2 * TYPE_BONUS  # "who led it?": "Ketua tim: Dr. Maria Rumbiak." (a by-line
            # label names the lead exactly; the study's aim and findings share its topic words)
        typed = holds_answer_type(question, read)
        if asked_type == "recommendation" and is_recommendation(sentence, sources[i].section):
            typed = True  # "Expand capacity to 24 beds." under a "Recommendations" heading
        if typed is not None:  # "how many ...?" wants a sentence with a count
            score += TYPE_BONUS if typed else -TYPE_BONUS
        if any(r.search(sentence) for r in asked_ranges):
            score += TYPE_BONUS  # the age group or range the question names
        if total_asked and typed and _TOTAL.search(sentence):
            score += TYPE_BONUS  # "total brp kasus 2020-2023?": "Selama empat tahun, ... 538"
        elif total_asked and len(set(_YEARS_IN.findall(sentence))) >= 3:
            score -= TYPE_BONUS / 2  # ... not the series year by year
        if len(asked_years) >= 2 and not total_asked:  # "dari 2021 sampe 2024": those years
            said_years = set(_YEARS_IN.findall(read))
            if PRONOUN_START.match(sentence) and j:  # "This rose to 41% in 2022 ...": with 2021
                said_years |= set(_YEARS_IN.findall(split_of[i][j - 1]))
            score += TYPE_BONUS * len(said_years & asked_years) / len(asked_years)
        if asked_events and asked_events & events_in(read):
            score += TYPE_BONUS  # "berapa anak yang mengalami luka bakar?": a sentence on burns
        if not proposal_asked and is_recommendation(sentence, sources[i].section):
            score -= PROPOSAL_PENALTY  # "how many psychologists?": not "needs two more"
        if about_study and _META.match(sentence):
            score -= (
                META_PENALTY  # "This research aims to describe ..." answers no content question
            )
        if (
            "aim" not in focus.names
            and _AIM.match(sentence)
            and not (asked_type in ("count", "share") and _COUNTS.search(sentence))
        ):  # ("This study examines ... 356 orphaned children in 241 households" gives the sample)
            score -= META_PENALTY  # the aim restates what is asked, it answers nothing
        if PRONOUN_START.match(sentence) and j == 0:
            score -= 0.1  # its referent is in another passage
        score += 0.05 * (1.0 - i / max(1, len(sources)))
        if asked_sex:  # "kalau anak laki-laki?": a sentence about boys, not about girls
            said = {w.lower() for w in words(sentence)}
            if said & asked_sex:
                score += SEX_BONUS
                if typed and _figure_of_sex(sentence, asked_sex):
                    score += TYPE_BONUS  # "19 (9%) were boys": the figure of the sex asked
            elif said & other_sex:
                score -= SEX_BONUS
            elif typed and asked_type in ("count", "share"):
                # "how many were boys?": not a count of all the children
                score -= 2 * SEX_BONUS if _SEX_COUNTED.search(question) else SEX_BONUS
        elif len(sides) == 2 and len(_COUNTS.findall(sentence)) >= 2:  # "girls vs boys?": a
            # figure of each ("21 adalah laki-laki dan 17 perempuan", "38.9% ... 29.2%")
            said = {w.lower() for w in words(read)}
            if all(said & side for side in SEXES):
                score += BOTH_SEXES_BONUS
        elif (
            compares
            and len(matched) >= 2
            and len(_COUNTS.findall(sentence)) >= 2
            and (_SETS_AGAINST.search(sentence) or TABLE_ROW.match(sentence))
            and all(side & _said_near(split_of.get(i, []), j) for side in compared_sides)
        ):
            # a sentence setting the two against each other says it; a table row only holds it
            score += (
                BOTH_SEXES_BONUS / 2 if TABLE_ROW.match(sentence) else BOTH_SEXES_BONUS
            )  # "how did the highland sub-districts compare with the
            # lowland ones?": the sentence with a figure of each side it names ("coastal vs
            # mountain villages": "desa pesisir ... 1,40%, ... desa pegunungan 0,52%", not a row)
        if enumeration and sentence.rstrip().endswith(":") and matched:
            score += LIST_LEAD_BONUS  # "terdiri atas tiga modul:" for "apa saja isi modulnya?"
        elif (
            ranked
            and sentence.rstrip().endswith(":")
            and ranked & (stems | translations(raw))
            and (i, j + 1) in listed_at
        ):
            score += LIST_LEAD_BONUS  # "The forms of violence recorded, ranked by frequency,
            # were:" and its items, for "which type of violence was most common?"
        if _KEYWORDS.match(sentence):
            score -= 0.15
        if _BYLINE.match(sentence) and not byline_asked:
            score -= 0.3
        if q_names:
            score *= 1.0 - 0.5 * len(q_names - names_of[i]) / len(q_names)
            # a name the question asks about in this sentence, not the document's own name
            # ("reports from Indonesia" in a report about three countries)
            own = {stem(w) for w in words(sources[i].title)} | scope
            score += NAME_BONUS * len((q_names - own) & stems)
            if typed and asked_type in ("count", "share", "money"):
                # "reports from Indonesia?": "Indonesia accounted for 1,620", not the total
                near = set().union(*named_near_numbers(sentence).values())
                if {stem(n.lower()) for n in near} & (q_names - own):
                    score += NAME_BONUS
        scored.append((score, sentence, i, j))
    scored.sort(key=lambda t: -t[0])
    best = scored[0][0]
    chosen = [scored[0]]
    studies = {sources[scored[0][2]].study}
    named = studies_named(question, study_names(sources))
    if _EVERY_STUDY.search(question):
        named = {src.study for src in sources}
    spans_documents = bool(_CROSS.search(question) or _EVERY_STUDY.search(question)) or (
        len(named) > 1
    )
    for item in scored[1:]:
        study = sources[item[2]].study
        spans = study in named or (_CROSS.search(question) and item[0] >= OTHER_STUDY * best)
        if study not in studies and spans:
            chosen.append(item)
            studies.add(study)
    for item in scored[1:]:
        if len(chosen) >= max_sentences:
            break
        if item in chosen or item[0] < NEAR_BEST * best:
            continue
        if not spans_documents and sources[item[2]].study not in studies:
            continue  # one question, one document: not another report's look-alike sentence
        # a focused question ("which method?") answered by a sentence of that kind takes only
        # other sentences of that kind
        if cue_hits.get(scored[0][2:]) and not cue_hits.get(item[2:]):
            continue
        chosen.append(item)
    chosen = chosen[:max_sentences]
    # a chosen sentence followed by one that continues it ("This issue is driven by ...") brings it
    by_place = {(i, j): (sc, sent, i, j) for sc, sent, i, j in scored}
    followers: dict[tuple[int, int], tuple[float, str, int, int]] = {}
    # the first sentence of the next chunk of the same file and language follows a chunk's last one
    last = {i: max((j for (k, j) in by_place if k == i), default=-1) for i in range(len(sources))}
    for i, src in enumerate(sources):
        for k, other in enumerate(sources):
            if (
                other.study == src.study
                and other.language == src.language
                and other.source == src.source
                and other.position == src.position + 1
                and (k, 0) in by_place
            ):
                by_place[(i, last[i] + 1)] = by_place[(k, 0)]
    for item in list(chosen):
        follower = by_place.get((item[2], item[3] + 1))
        hits = cue_hits.get(follower[2:], 0) if follower else 0
        announces = bool(_ANNOUNCES.search(item[1]) and hits)
        # the best sentence's next one, when it is plainly of the kind asked ("which benefits?":
        # "... both benefit." -> "Nepal receives assistance ..., ECPAT can pursue its agenda.")
        elaborates = item is chosen[0] and hits >= 2
        # a short lead ("The study also found health and safety risks.") is followed by its details
        short_lead = bool(follower and len(words(item[1])) <= SHORT_LEAD and item in chosen[:2])
        elaborates = elaborates or (short_lead and follower[2] == item[2])
        # "... or doing hazardous tasks." -> "Hazardous tasks included ...": what it ends on, said
        takes_up = bool(item is chosen[0] and follower and _takes_up(item[1], follower[1]))
        elaborates = elaborates or takes_up
        adds = bool(
            follower
            and _ADDS.match(follower[1])
            and (focus.names & _ADDITIVE_FOCI or _ELSE.search(question))
        )
        if (
            follower
            and follower not in chosen
            and (_CONTINUES.match(follower[1]) or announces or elaborates or adds)
        ):
            if len(chosen) + len(followers) >= max_sentences:
                # never the only sentence of a study the question names
                spare = [
                    c
                    for c in chosen[1:]
                    if c is not item and (takes_up or sources[c[2]].study not in named)
                ]  # (what the best sentence ends on comes before any other sentence)
                if item not in chosen or not spare:
                    continue
                chosen.remove(min(spare, key=lambda t: t[0]))
            followers[(item[2], item[3])] = follower
    ordered = []  # best first; a continuation right after the sentence it continues
    for item in chosen:
        previous = by_place.get((item[2], item[3] - 1))
        if (
            PRONOUN_START.match(item[1])
            and previous is not None
            and previous not in ordered
            and previous not in chosen
        ):
            ordered.append(previous)  # the sentence that holds the pronoun's referent
        if item not in ordered:
            ordered.append(item)
        follower = followers.get((item[2], item[3]))
        if follower and follower not in ordered:
            ordered.append(follower)
    if enumeration:
        ordered = _complete_enumeration(ordered, sources)
    # a sentence announcing a list ("bentuk yang paling sering adalah:") says nothing without it
    ordered = _with_list_items(ordered, by_place, listed)
    return [Claim(text=sentence, sources=[i]) for _, sentence, i, _ in ordered]


#: "... were boys?", "berapa yang perempuan?": the sex is what is counted.
_SEX_COUNTED = re.compile(
    r"\b(were|are|was|is|adalah|yang|yg)\s+(boys|girls|male|female|laki-laki|lelaki|perempuan|"
    r"cowok|cewek|putra|putri)\b",
    re.I,
)


def _figure_of_sex(sentence: str, sex: frozenset[str]) -> bool:
    """Whether a figure of `sentence` stands within four words of a word of `sex` ("19 (9%) were
    boys", "laki-laki sebanyak 19 orang")."""
    tokens = [w.lower() for w in words(sentence)]
    for k, token in enumerate(tokens):
        if token in sex and any(
            _COUNTS.fullmatch(t) for t in tokens[max(0, k - 4) : k + 5] if t != token
        ):
            return True
    return False


def _bare_word(token: str) -> str:
    """`token` lower-cased without surrounding punctuation and a possessive ("Sigi's" -> "sigi")."""
    return re.sub(r"['’]s$", "", token.strip(".,;:?!()\"'“”‘’").lower())


#: What a ranking question ranks: "jenis kekerasan", "types of violence", "gejala yang paling
#: sering", "the most common (trauma) symptom", in that order of preference.
_KIND_OF = (
    re.compile(
        r"\b(?:jenis|bentuk|macam|tipe|kinds? of|types? of|forms? of|sorts? of)\s+([a-z-]{3,})",
        re.I,
    ),
    # "who most often looked after them?": a ranking of who does it ("pengasuh terbanyak")
    re.compile(
        r"\bwho (?:most often|most commonly|most frequently|usually|mostly)\s+([a-z-]{3,})|"
        r"\bsiapa (?:yang |yg )?paling (?:sering|banyak)\s+([a-z-]{3,})",
        re.I,
    ),
    re.compile(r"\b([a-z-]{3,})\s+(?:apa|mana)\s+(?:yang|yg)\s+paling\b", re.I),
    re.compile(r"\b([a-z-]{3,})\s+(?:yang|yg)\s+paling\b", re.I),
    # "kerjaan paling banyak apa?": the noun right before "paling banyak / sering"
    re.compile(r"\b([a-z-]{4,})\s+paling\s+(?:banyak|sering|umum)\b", re.I),
    # "trus alasan kedua apa?": the noun before an ordinal
    re.compile(
        r"\b(?!(?:terbanyak|tertinggi|terbesar|terendah|utama|paling|urutan|nomor|peringkat|"
        r"posisi|yang)\b)([a-z-]{4,})\s+(?:kedua|ketiga|keempat|kelima|terakhir)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:which|what)\s+([a-z-]{3,})\s+(?:was|were|is|are|came|ranked)\s+(?:the\s+)?"
        r"(?:most|second|third|top|first|highest|largest)\b",
        re.I,
    ),
    re.compile(
        r"\bmost (?:common|frequent|frequently reported|often reported|cited)\s+([a-z-]{3,})"
        r"(?:\s+([a-z-]{3,}))?",
        re.I,
    ),
    # "alasan utama", "hambatan terbesar", "the main reason", "the top barrier"
    re.compile(
        r"\b([a-z-]{4,})\s+(?:(?:pertama|kedua|ketiga|keempat|kelima)\s+)?"
        r"(?:utama|terbanyak|tertinggi|terbesar)\b|"
        r"\b(?:main|top|biggest|leading|primary)\s+([a-z-]{4,})",
        re.I,
    ),
)
_NOT_KIND = frozenset(
    stem(w)
    for w in "one ones thing things hal among in of the was were peneliti yang paling urutan nomor "
    "peringkat posisi ranking rank place yang".split()
)


def _context_stems(sentences: Sequence[str], j: int) -> set[str]:
    """The stems of sentence `j` of `sentences` and the one before it, with their glossary
    equivalents."""
    raw = {stem(w.lower()) for s in sentences[max(0, j - 1) : j + 1] for w in words(s)}
    return raw | translations(raw)


def ranked_kind(question: str) -> set[str]:
    """The stems of what a ranking question ranks (with their glossary equivalents); empty when
    it does not say."""
    for pattern in _KIND_OF:
        m = pattern.search(question)
        if m:
            out = {stem(w.lower()) for w in m.groups() if w} - QUESTION_FILLERS - _NOT_KIND
            out -= {stem(w) for w in STOPWORDS}
            return translations(out) if out else set()
    return set()


def list_lines(text: str) -> set[str]:
    """The sentences of `text` that are lines of a list ("1. Konflik suami-istri: 24,1%",
    "- Dinas Sosial: ..."), as `split_sentences` gives them (without the marker)."""
    return {(m.group(1) or m.group(2)).strip() for m in _LIST_LINE.finditer(text)}


_LIST_LINE = re.compile(r"^[ \t]*(?:(?:\d{1,2}[.)]|[-*•])[ \t]+(.+)|(\|.+))$", re.M)


def _goes_on(item: str, listed: set[str]) -> bool:
    """Whether the list goes on after `item`: it ends with ";" or is a line of a list."""
    return item.rstrip().endswith(";") or item.strip() in listed or bool(TABLE_ROW.match(item))


def _with_items(sentence: str, after: Sequence[str], listed: set[str] = frozenset()) -> str:
    """`sentence` joined to the list items after it when it announces a list ("Hambatan utama
    yang disebut pendamping adalah:" says what the barriers are only with them)."""
    if not sentence.rstrip().endswith(":"):
        return sentence
    items = []
    for item in after[:LIST_ITEMS]:
        if items and listed and item.strip() not in listed and not items[-1].endswith(";"):
            break  # the list's lines ended
        items.append(item)
        if not _goes_on(item, listed):
            break
    return " ".join([sentence, *items])


def _with_list_items(
    ordered: list[tuple[float, str, int, int]],
    by_place: dict[tuple[int, int], tuple[float, str, int, int]],
    listed: Sequence[set[str]] = (),
) -> list[tuple[float, str, int, int]]:
    """`ordered` with the items after a chosen sentence that announces a list ("... terdiri atas
    tiga modul:"), right after it: up to `LIST_ITEMS`, while they end with ";" or are lines of a
    list (the last item ends the list)."""
    out: list[tuple[float, str, int, int]] = []
    for item in ordered:
        if TABLE_ROW.match(item[1]):  # a row: the whole table, from its header (a table's rows
            # are read together: "the most common form" is the largest of them)
            start = item
            while (earlier := by_place.get((start[2], start[3] - 1))) and TABLE_ROW.match(
                earlier[1]
            ):
                start = earlier
            if start in out:
                continue
            item = start
        if item not in out:
            out.append(item)
        follows = by_place.get((item[2], item[3] + 1))
        table = follows is not None and bool(TABLE_ROW.match(follows[1]))
        if not item[1].rstrip().endswith(":") and not table:
            continue
        for k in range(1, (TABLE_ROWS if table else LIST_ITEMS) + 1):  # the last item ends it
            nxt = by_place.get((item[2], item[3] + k))
            if nxt is None:
                break
            lines = listed[item[2]] if item[2] < len(listed) else set()
            if lines and not _goes_on(nxt[1], lines):
                break  # the list ended before this sentence
            if nxt not in out:
                out.append(nxt)
            if not _goes_on(nxt[1], lines):
                break
    return out


def _complete_enumeration(
    ordered: list[tuple[float, str, int, int]], sources: Sequence[Passage]
) -> list[tuple[float, str, int, int]]:
    """`ordered` with the other items of a numbered list it quotes from ("first ..." brings
    "Second, ..." and "Third, ..." of the same document and language), in their order."""
    numbered = _ordinals(sources)
    anchor = next((item for item in ordered if numbered.get(item[2:], set())), None)
    if anchor is None:
        return ordered
    src = sources[anchor[2]]
    items: dict[int, tuple[float, str, int, int]] = {}
    for i, other in enumerate(sources):
        if other.study != src.study or other.language != src.language:
            continue
        for j, sentence in enumerate(split_sentences(other.text)):
            for value in numbered.get((i, j), set()):
                items.setdefault(value, (0.0, sentence, i, j))
    if len(items) < 2:
        return ordered
    listed = [items[v] for v in sorted(items)]
    texts = {item[1] for item in listed}
    rest = [item for item in ordered if item[1] not in texts]
    at = next((k for k, item in enumerate(ordered) if item[1] in texts), None)
    if at is None:  # the anchor's number is carried first by another list's item
        return ordered
    return [
        *[x for x in rest if ordered.index(x) < at],
        *listed,
        *[x for x in rest if ordered.index(x) > at],
    ]


def _ordinals(sources: Sequence[Passage]) -> dict[tuple[int, int], set[int]]:
    """(source, sentence) -> the ordinals the sentence carries ("Third, ...")."""
    from cpassist.lexicon import features

    out: dict[tuple[int, int], set[int]] = {}
    for i, source in enumerate(sources):
        # "2. Konflik suami-istri: 24,1%": an item of a numbered list carries its number
        numbered = {
            m.group(2).strip(): int(m.group(1)) for m in _NUMBERED_LINE.finditer(source.text)
        }
        for j, sentence in enumerate(split_sentences(source.text)):
            out[(i, j)] = {o for o in features(sentence).ordinals if o < 99}
            if sentence in numbered:
                out[(i, j)].add(numbered[sentence])
    return out


#: A list's lead that ranks its items ("faktor yang paling sering disebut adalah:").
_RANKED_LEAD = re.compile(
    r"\b(most|paling|terbanyak|tertinggi|terbesar|ranked|rank|urutan|urutannya|peringkat|main|"
    r"utama|top|common|sering|largest|highest|biggest|frequent|frequently|often)\b",
    re.I,
)
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")


_ORDINAL_STEMS = frozenset(
    stem(w)
    for w in "first second third fourth fifth last pertama kedua ketiga keempat kelima terakhir "
    "urutan nomor ranked rank peringkat posisi place".split()
)


def ranked_leads(sentences: Sequence[str], listed: set[str]) -> dict[int, str]:
    """Position of each item of a list in `sentences` -> the lead sentence announcing it, with
    the sentence before it ("Kepala desa diminta menyebutkan hambatan ... Urutannya:")."""
    out: dict[int, str] = {}
    for j, lead in enumerate(sentences):
        if lead.rstrip().endswith(":"):
            said = f"{sentences[j - 1]} {lead}" if j > 0 else lead
            for k in range(j + 1, len(sentences)):
                if sentences[k].strip() not in listed:
                    break
                out[k] = said
    return out


def ranked_places(sentences: Sequence[str], listed: set[str]) -> dict[int, int]:
    """Position of each item of a ranked list in `sentences` -> its place (from 1): the items
    after a lead ending in ":" that ranks them ("the most common barriers were:") or whose shares
    fall ("- Cambodia: 71 (51.8%)", "- Myanmar: 38 (27.7%)")."""
    out: dict[int, int] = {}
    for j, lead in enumerate(sentences):
        if not lead.rstrip().endswith(":"):
            continue
        items = []
        for k in range(j + 1, len(sentences)):
            if sentences[k].strip() not in listed:
                break
            items.append(k)
        if len(items) < 2:
            continue
        shares = []  # the items' shares up to the first line without one (a heading that ends
        for k in items:  # the list: "4. ... (17.1%)." then "7. Differences between farms.")
            m = _PERCENT.search(sentences[k])
            if not m:
                break
            shares.append(float(m.group(1).replace(",", ".")))
        falling = len(shares) >= 2 and shares == sorted(shares, reverse=True)
        if _RANKED_LEAD.search(lead):
            out.update({k: n for n, k in enumerate(items, start=1)})
        elif falling:
            out.update({k: n for n, k in enumerate(items[: len(shares)], start=1)})
    return out


_NUMBERED_LINE = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]+(.+)$", re.M)


def _actor_clause(sentence: str, asked: set[str], cues: set[str]) -> bool:
    """Whether a clause of `sentence` opens with an actor the question asks about and holds one
    of the focus's answer cues ("..., while Nepal aims to receive support from ECPAT")."""
    for clause in CLAUSE_SPLIT.split(sentence):
        if subject(clause) & asked and cues & {stem(w.lower()) for w in words(clause)}:
            return True
    return False
