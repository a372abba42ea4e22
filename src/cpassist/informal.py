"""Chat spellings read as the words they stand for: "gmn ecpat nyebarin info" -> "bagaimana ecpat
menyebarkan info", "what kinda research" -> "what kind of research".

Contract: `normalize(text)` replaces whole words only (case kept for the first letter), from one
table per language plus the Jakarta "-in" verb ending ("nyebarin" -> "menyebarkan"); any other
word is left as written. The result is what retrieval and answer selection read; the user's
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


def _verb(word: str) -> str:
    m = _IN_VERB.match(word)
    if not m:
        return ""
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

    return _WORD.sub(swap, text or "")
