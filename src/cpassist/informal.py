"""Chat spellings read as the words they stand for: "gmn ecpat nyebarin info" -> "bagaimana ecpat
menyebarkan info", "what kinda research" -> "what kind of research".

Contract: `normalize(text)` replaces whole words only (case kept for the first letter), from one
table per language plus the Jakarta "-in" verb ending ("nyebarin" -> "menyebarkan"); any other
word is left as written; "nomor dua" / "number two" become "kedua" / "second". The result is what retrieval and answer selection read; the user's
question, and the language it is detected in, stay as typed. It does not correct misspellings.
"""

from __future__ import annotations

import re

_WORDS = {
    # Indonesian chat abbreviations and colloquial forms
    "gmn": "bagaimana", "gimana": "bagaimana", "bgmn": "bagaimana", "yg": "yang", "dgn": "dengan",
    "dg": "dengan", "tdk": "tidak", "gak": "tidak", "ga": "tidak", "nggak": "tidak",
    "enggak": "tidak", "ngga": "tidak", "udh": "sudah", "udah": "sudah", "blm": "belum",
    "krn": "karena", "karna": "karena", "utk": "untuk", "aja": "saja",
    "knp": "kenapa", "brp": "berapa", "tsb": "tersebut", "pd": "pada",
    "dlm": "dalam", "jd": "jadi", "tp": "tapi", "kalo": "kalau", "emang": "memang",
    "bnyk": "banyak", "byk": "banyak", "trus": "terus", "sdh": "sudah",
    "spt": "seperti", "kyk": "seperti", "kayak": "seperti", "apaan": "apa", "ngapain": "mengapa",
    "gitu": "begitu", "gini": "begini", "doang": "saja", "pengen": "ingin", "pingin": "ingin",
    "dapet": "dapat", "bikin": "membuat", "dikasih": "diberi", "ngasih": "memberi",
    "nyari": "mencari", "ngurus": "mengurus", "ngatasin": "mengatasi", "ngebantu": "membantu",
    "bantuin": "membantu", "ortu": "orang tua", "pemda": "pemerintah daerah",
    "judol": "judi online", "medsos": "media sosial", "danain": "mendanai", "gede": "besar", "pake": "pakai", "sampe": "sampai", "ampe": "sampai", "dipake": "dipakai", "makek": "memakai", "gedé": "besar", "thn": "tahun",
    "tgl": "tanggal", "bln": "bulan", "mgg": "minggu", "skrg": "sekarang", "sblm": "sebelum",
    "stlh": "setelah", "jml": "jumlah", "org": "orang", "ank": "anak",
    "ngedanain": "mendanai", "biayain": "membiayai", "milih": "memilih", "dipilihin": "dipilih",
    "dikumpulin": "dikumpulkan", "nginep": "menginap", "nemuin": "menemukan", "ketemu": "bertemu",
    "dapetin": "mendapatkan", "dilaporin": "dilaporkan", "ngelapor": "melapor",
    # English chat spellings
    "kinda": "kind of", "sorta": "sort of", "wanna": "want to", "gonna": "going to",
    "whats": "what is", "u": "you", "ur": "your", "abt": "about", "bc": "because",
    "cuz": "because", "coz": "because", "govt": "government", "gov": "government",
    "thru": "through", "w/": "with", "b/c": "because", "yr": "year", "yrs": "years",
    "pls": "please", "plz": "please", "info": "information",
}  # fmt: skip

_WORD = re.compile(r"[A-Za-z/]+")
#: Jakarta verbs: "nyebarin" -> "menyebarkan", "ngumpulin" -> "mengumpulkan", "bantuin" above.
_IN_VERB = re.compile(r"^(ny|ng|nge)([a-z]{3,})in$")
#: Jakarta passives: "dicairin" -> "dicairkan", "dilaporin" -> "dilaporkan".
_DI_IN_VERB = re.compile(r"^di([a-z]{3,})in$")


def _verb(word: str) -> str:
    m = _IN_VERB.match(word)
    if not m:
        passive = _DI_IN_VERB.match(word)
        return f"di{passive.group(1)}kan" if passive else ""
    prefix, stem = m.groups()
    if prefix == "ny":
        return f"meny{stem}kan"
    return f"meng{stem}kan"


def normalize(text: str) -> str:
    """`text` with chat spellings replaced by the words they stand for (see the module docstring)."""

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        out = _WORDS.get(low) or _verb(low)
        if not out:
            return word
        return out[:1].upper() + out[1:] if word[:1].isupper() else out

    out = _WORD.sub(swap, text or "")
    if not _NUMBERED.search(out):
        return out
    from cpassist.language import question_language

    english = question_language(out) == "en"
    return _NUMBERED.sub(lambda m: _ordinal(m, english), out)


#: "nomor dua", "no. 2", "number two", "#2": the ordinal it stands for ("kedua", "second").
_NUMBERED = re.compile(
    r"(?:\b(nomor|nomer|no\.?)\s*|\b(number)\s+|#)(satu|dua|tiga|empat|lima|one|two|three|four|five|"
    r"[1-5])\b",
    re.I,
)
_ORDINAL_ID = {"1": "pertama", "2": "kedua", "3": "ketiga", "4": "keempat", "5": "kelima"}
_ORDINAL_EN = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth"}
_DIGIT = {
    "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
}  # fmt: skip


def _ordinal(m: re.Match[str], english: bool) -> str:
    value = m.group(3).lower()
    digit = _DIGIT.get(value, value)
    if m.group(1) or value in _DIGIT and value in ("satu", "dua", "tiga", "empat", "lima"):
        english = False  # "nomor dua"
    if m.group(2) or value in ("one", "two", "three", "four", "five"):
        english = True  # "number two"
    return (_ORDINAL_EN if english else _ORDINAL_ID)[digit]
