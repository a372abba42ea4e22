"""Text utilities for Indonesian and English: words, stop words, stems, sentence splitting and `[n]`
citation markers. Plain regular expressions and word lists; no models, no I/O. Language detection
is `cpassist.language` (it takes its words and word lists from here).

This module is the one home of each utility. Where callers need different behaviour the variants
sit here side by side, named, with the reason; they must stay different, because changing one
changes chunk ids (ingest), BM25 scores (retrieval) or verdicts (the answer path):

- words: `words` keeps hyphenated words whole (`isu-isu`, for overlap and names); `WORD_TOKEN`
  splits them and keeps digits (BM25 terms, name anchors); `letter_words` keeps letters only (the
  language of a sentence and its weight).
- stop words: `STOPWORDS` (answer path: overlap, names, follow-ups; it also drops question and
  "study" words), `KEYWORD_STOPWORDS` (BM25: function words and chat fillers only, so "study" or
  "research" still count), `QUESTION_FILLERS` (auxiliaries dropped from a question's words but
  not from a claim's), `ID_MARKERS` / `EN_MARKERS` (language vote: typical words of each
  language, content words included).
- stems: `stem` (one crude stem for both languages, 6 letters), `root` (Indonesian affixes off, for
  word families), `plural_stem` (BM25: English plural only).
- sentences: `split_sentences` (answers and passages: a `[n]` after the full stop stays with its
  sentence, list lines are sentences); `sentence_spans` (documents at ingest: offsets kept, an
  abbreviation or initial does not end a sentence, linear time on hostile input);
  `split_at_sentence_ends` (an LLM's partial output: every `.!?` + space, the last part unfinished);
  `ends_sentence` (a line or paragraph ending with a sentence mark, for joining wrapped lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# --- words -------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
#: Letters and digits; a hyphen or underscore ends a token.
WORD_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_LETTER_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Words of `text`, a hyphenated word (`isu-isu`, `child-trafficking`) as one."""
    return _WORD.findall(text or "")


def letter_words(text: str) -> list[str]:
    """Runs of letters in `text` (digits, hyphens and punctuation separate them)."""
    return _LETTER_WORD.findall(text or "")


# --- stop words --------------------------------------------------------------------------------

#: The answer path's stop words: function words, question words and words naming the studies
#: themselves, in both languages (they say nothing about what a sentence claims).
STOPWORDS = frozenset(
    """
    a an the and or of to in on at for with by from as is are was were be been being this that these
    those it its they them their there here what which who whom whose how why when where does do did
    can could would should will shall may might must not no yes also than then so such into about over
    under between both each other any some all more most very only just own same too s t i you your we
    our he she his her me my please tell explain describe list give say says said according study
    studies research paper thesis abstract author
    yang dan di ke dari untuk dengan ini itu apa siapa bagaimana mengapa kenapa kapan dimana mana
    adalah ialah merupakan tidak atau dalam pada oleh juga serta sebagai karena apakah saja bisa dapat
    jelaskan sebutkan tentang terhadap lalu kemudian nya gimana gak nggak bagi akan telah sudah sedang
    masih para ada tersebut mereka kami kita saya anda ia dia beberapa banyak secara hal namun tetapi
    tapi jika kalau maka agar supaya yaitu yakni seperti hingga sampai mulai antara setiap lain lainnya
    menurut penelitian studi peneliti penulis skripsi jurnal source sources sumber
    mention mentions mentioned menyebut menyebutkan disebutkan two dua keduanya
    many much got get gets really berapa
    sih dong kah lah pun nih tuh aja deh terus
    """.split()  # noqa: SIM905 - readable word lists
)

#: Auxiliaries that say nothing in a question ("how many had no birth certificate?") but which the
#: claim checker must keep: in a claim they carry its relation ("has lowered the number").
QUESTION_FILLERS = frozenset("has have had having".split())

#: BM25's stop words: function words of both languages and chat fillers; content words (also short
#: ones like "isu", and "study"/"research") are kept.
KEYWORD_STOPWORDS = frozenset(
    (
        # Indonesian
        "yang dan di ke dari untuk dengan ini itu apa siapa bagaimana mengapa kenapa kapan dimana mana "
        "adalah ialah merupakan tidak atau dalam pada oleh juga serta sebagai karena apakah saja bisa "
        "akan telah sudah sedang ada para tersebut lain lainnya kami kita saya anda mereka ia dia nya "
        "tentang terhadap bagi hingga sampai secara yaitu yakni namun tetapi tapi jadi maka agar supaya "
        "sebutkan jelaskan gimana gak nggak ga sih dong kah lah pun nih tuh aja "
        # English
        "a an the and or of to in on at by for with from as is are was were be been being it its this "
        "that these those what which who whom how why when where does do did has have had not no but "
        "into about than then so such can could would should will shall may might also both there their "
        "they them he she his her we our you your i me my please tell explain list"
    ).split()
)

#: Words that mark a short text as Indonesian or English (`cpassist.language`'s vote for 1-3 words).
ID_MARKERS = frozenset(
    "yang dan di ke dari untuk dengan ini itu apa siapa bagaimana mengapa kenapa kapan dimana mana "
    "adalah tidak atau dalam pada oleh juga serta sebagai karena apakah saja bisa jelaskan sebutkan "
    "tujuan penelitian kerja sama anak lalu terhadap tentang nya gimana gak nggak bagi".split()
)
EN_MARKERS = frozenset(
    "the and of to in for with this that what who how why when where which is are was were not or "
    "on by also as because does do did can explain list goals research cooperation children about "
    "study then".split()
)


# --- stems -------------------------------------------------------------------------------------


def stem(word: str) -> str:
    """A crude shared stem for Indonesian and English: lower case, no -nya, no di-, at most 6 letters."""
    word = word.lower()
    if word.endswith("nya") and len(word) > 5:
        word = word[:-3]
    if word.startswith("di") and len(word) > 6:  # Indonesian passive prefix: diinisiasi ~ inisiasi
        word = word[2:]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:6]


def inflection_base(word: str) -> str:
    """An English word without -ing / -ed ("helped" -> "help", "carried" -> "carry", "stopping" ->
    "stop"); other words as they are."""
    w = word.lower()
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ied"):
        return w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    else:
        return w
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":  # "stopp" -> "stop"
        w = w[:-1]
    return w


def english_base(word: str) -> str:
    """`stem` of `inflection_base`, for matching an English question word to another form of it."""
    return stem(inflection_base(word))


_ID_PREFIX = re.compile(
    r"^(meng|meny|mem|men|me|peng|peny|pem|pen|pe|ber|ter|di|ke|se(?=\w{6,}))(?=\w{4,})"
)
#: "menyelesaikan", "penyusunan": "meny-" and "peny-" stand for a root's first "s".
_NY = re.compile(r"^(?:meny|peny)(?=[aiueo])")
_ID_SUFFIX = re.compile(r"(nya|kan|an|i)$")


def root(word: str) -> str:
    """A crude Indonesian root (affixes off, 6 letters), for matching paraphrases by word family:
    "menyebarkan" ~ "penyebarluasan" stays apart, but "berkampanye" ~ "kampanye"."""
    w = word.lower()
    if len(w) > 6:
        w = _ID_SUFFIX.sub("", w) if len(w) > 7 else w
        w = _NY.sub("s", w) if _NY.match(w) else _ID_PREFIX.sub("", w)
    return w[:6]


def plural_stem(word: str) -> str:
    """`word` (lower case) without an English plural ending: `studies` -> `study`, `goals` -> `goal`."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_stems(text: str) -> set[str]:
    """Stems of the content words (no stop words, no numbers below 3 characters)."""
    out = set()
    for word in words(text):
        low = word.lower()
        if low in STOPWORDS or len(low) < 3:
            continue
        if low.endswith("nya") and low[:-3] in STOPWORDS:
            continue
        out.add(stem(low))
    return out


def word_forms(text: str) -> set[str]:
    """The lower-case words of `text` with their stems and Indonesian roots (what a clause "says",
    for matching a premise's words to it)."""
    tokens = [w.lower() for w in words(text)]
    return set(tokens) | {stem(w) for w in tokens} | {root(w) for w in tokens}


def named_terms(text: str) -> set[str]:
    """Stems of proper names and acronyms in `text` (capitalised words not opening a sentence)."""
    out = set()
    lead, colon, _ = text.partition(":")
    if colon and 1 <= len(words(lead)) <= 4:  # a follow-up's carried subject ("Aceh LKSA: ...")
        out |= {stem(t) for t in words(lead) if t[:1].isupper() and t.lower() not in STOPWORDS}
    for sentence in split_sentences(text) or [text]:
        tokens = words(strip_citations(sentence))
        for i, token in enumerate(tokens):
            if token.lower() in STOPWORDS or len(token) < 2:
                continue
            if (token.isupper() and len(token) >= 3) or (i > 0 and token[0].isupper()):
                out.add(stem(token))
    return out


# --- citation markers --------------------------------------------------------------------------

_CITE = re.compile(r"\s*\[(\d{1,2})(?:\s*[,;]\s*(\d{1,2}))*\]")
_CITE_NUMS = re.compile(r"\d{1,2}")
#: A part ending with a word that always precedes something ("No.", "Dr.", "Kec.") goes on.
_TITLE_END = re.compile(
    r"(?:^|\s)(?:dr|drs|dra|ir|prof|mr|mrs|ms|jl|kab|kec|kel|prov|hj|yth|bpk|e\.g|i\.e|cf|vs|approx)\.$",
    re.I,
)
#: ... and one that precedes a number ("No. 11", "Vol. 3", "hlm. 12").
_NUMBER_END = re.compile(r"(?:^|\s)(?:no|nos|nomor|vol|pp|hlm|fig|figs|tgl)\.$", re.I)
_LEADING_CITES = re.compile(r"^((?:\s*\[\d{1,2}(?:\s*[,;]\s*\d{1,2})*\])+)\s*")


def citations_in(sentence: str) -> list[int]:
    """The source numbers `[n]` (or `[n, m]`) written in `sentence`, in order, without repeats."""
    nums: list[int] = []
    for match in _CITE.finditer(sentence):
        for num in _CITE_NUMS.findall(match.group(0)):
            if int(num) not in nums:
                nums.append(int(num))
    return nums


def strip_citations(sentence: str) -> str:
    """`sentence` without its `[n]` markers (and the space before them)."""
    return re.sub(r"\s+([.,;:!?])", r"\1", _CITE.sub("", sentence)).strip()


# --- sentences ---------------------------------------------------------------------------------

_SPLIT = re.compile(
    # a numbered line's marker goes with the line break: "beds.\n2. Short-term ..." -> "Short-term ..."
    r"\n+\s*(?:[-*•]\s+|\d+[.)]\s+)?|"
    r"(?<=[.!?])[\"'”’)]*\s+(?!\d{1,2}[.)]\s)(?=[\[\(\"'“‘*]?[A-Z0-9À-Ý\[])|"
    # a list flattened into one line at ingest: "components: - a; - b" -> "components:", "a;", "b"
    r"(?<=[.:;])\s+[-*•]\s+(?=\S)|^\s*[-*•]\s+"
)


def split_sentences(text: str) -> list[str]:
    """Sentences of an answer or a passage; a citation written after the full stop stays with its
    sentence, and each line of a list is a sentence. Abbreviations are not special here: passages
    were already cut at ingest, and an answer's sentences must match the same cut the verifier uses."""
    parts = [p.strip() for p in _SPLIT.split(text or "") if p and p.strip()]
    out: list[str] = []
    for part in parts:
        if (
            out
            and (  # "Law No. 11 of 2012", "Dr. Siti"
                _TITLE_END.search(out[-1]) or (_NUMBER_END.search(out[-1]) and part[:1].isdigit())
            )
        ):
            out[-1] = f"{out[-1]} {part}"
            continue
        lead = _LEADING_CITES.match(part)
        if lead and out:
            out[-1] = f"{out[-1]} {lead.group(1).strip()}"
            part = part[lead.end() :].strip()
        if part and _WORD.search(part):
            out.append(part)
        elif part and out:
            out[-1] = f"{out[-1]} {part}"
    return out


_ABBREVIATIONS_TEXT = (
    "mr mrs ms dr prof sr jr st vs etc e.g i.e cf al approx dept fig figs no nos vol vols pp p ed eds "
    "inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k "
    "dll dsb dst dkk yth bpk ibu sdr hlm jl kab kec kel prov drs dra ir h hj tn ny nn tgl"
)
#: Words (lower case, without their last full stop) after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split(" "))
# a run of marks is tried only from its first character and never backtracked: linear time
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s+["'“‘(\[]?[A-Z0-9À-Ý])""")
_WORD_BEFORE = re.compile(r"([\w.]+)\.+$")
_WORD_CHAR = re.compile(r"[\w.]")
#: Only this many characters before a full stop are looked at: no abbreviation is that long.
_LOOKBACK = 40


def _is_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` (a sentence so far, ending with its full stop) ends with an
    abbreviation or an initial. Reads at most `_LOOKBACK` characters, so a run of abbreviations
    ("Dr. Dr. Dr. ...") costs linear, not quadratic, time."""
    lo = max(start, end - _LOOKBACK)
    match = _WORD_BEFORE.search(text, lo, end)
    if not match:
        return False
    if match.start() == lo and lo > start and _WORD_CHAR.match(text, lo - 1):
        return False  # the word goes on before the window: longer than any abbreviation
    word = match.group(1).lower()
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    return word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS


#: A list item's marker at the start of a line or sentence ("1. ", "2) ", "- ", "* ", "• "), or
#: a table's row ("| 2022 | 201 |"): each is a line of its own.
LIST_ITEM = re.compile(r"^\s*(?:(?:\d{1,2}[.)]|[-*•])\s+(?=\S)|\|)")
_BARE_MARKER = re.compile(r"^\s*\d{1,2}[.)]$")


TABLE_ROW = re.compile(r"^\s*\|")


def table_headers(sentences: Sequence[str]) -> dict[int, str]:
    """For each table row among `sentences` (a line starting with "|") other than its table's
    first, the sentence before the table (its caption or lead) and that first row (the header): a
    row ("| 2023 | 1.582 |") says what it counts only with them ("Jumlah klien meningkat ...",
    "| Tahun | Jumlah klien |")."""
    out: dict[int, str] = {}
    header = ""
    for j, sentence in enumerate(sentences):
        row = bool(TABLE_ROW.match(sentence))
        if row and not header:  # the table's caption or lead, then its header row
            lead = sentences[j - 1] if j and not TABLE_ROW.match(sentences[j - 1]) else ""
            header = f"{lead} {sentence}".strip()
        elif not row:
            header = ""
        if row and not header.endswith(sentence):
            out[j] = header
    return out


def headed_sentences(text: str) -> list[str]:
    """`split_sentences(text)`, each table row preceded by its table's header."""
    sentences = split_sentences(text)
    headers = table_headers(sentences)
    return [f"{headers[j]} {s}" if j in headers else s for j, s in enumerate(sentences)]


def join_sentences(sentences: Iterable[str]) -> str:
    """The text of consecutive sentences: a list item is a line of its own (so `split_sentences`
    reads it as one sentence, apart from its lead and the next item), any other sentence follows a
    space."""
    out, item = "", False
    for sentence in sentences:
        starts = bool(LIST_ITEM.match(sentence))
        if out:
            out += "\n" if starts or item else " "
        out += sentence
        item = bool(LIST_ITEM.match(sentence.rsplit("\n", 1)[-1]))  # ends with a list's line
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a document's paragraph, unstripped, covering
    `text`. A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes/brackets)
    before whitespace and an upper-case letter, digit or opening quote, unless the word before the
    full stop is a known abbreviation (e.g., dr., dll., No., et al.) or an initial. Decimals ("3.5")
    and dotted abbreviations ("e.g.") never split because no space follows the inner dot."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group(0).startswith(".") and _is_abbreviation(text, start, match.start() + 1):
            continue
        if _BARE_MARKER.match(text[start : match.start() + 1]):
            continue  # "1. Masalah pola asuh ...": the item's number, not a sentence
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


_ANY_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_at_sentence_ends(text: str) -> list[str]:
    """`text` cut after every `.`, `!` or `?` followed by whitespace; the last part may be an
    unfinished sentence (for text still being generated)."""
    return _ANY_SENTENCE_END.split(text)


_ENDS_SENTENCE = re.compile(r"[.!?:;]\W{0,2}$")


def ends_sentence(line: str) -> bool:
    """Whether `line` ends with a sentence mark (`.!?:;`, then at most two closing characters)."""
    return bool(_ENDS_SENTENCE.search(line))
