"""A year the question asks about that the document it is about never mentions.

Contract: `absent_year(question, documents)` returns the first year written in `question`
("in 2017", "pada tahun 2017", "between 2017 and 2020", "the 2017 survey") that no text of
`documents` (the whole text of each document the question is about) mentions, alone or inside a
range that spans it ("2015-2020", "2015 sampai 2020", "from 2015 to 2020", "since 2015", "2019/2020");
"" when every year is found or the question has none. A school year asked as a pair ("2022/2023")
must be written as that pair when the documents write pairs at all. "How many cases in 2017?" asked of a report
whose series runs 2019-2022 has no answer there, however close the sentence on 2019-2022 reads
(measured on the probe sets: every question whose year its document never mentions was
unanswerable). It does not look at what is asked about that year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)(?![\d%])")
#: "2015-2020", "2015–2020", "2015 to 2020", "2015 sampai 2020", "2015/2016", "2015/16".
_RANGE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:[-–—/]|\b(?:to|until|till|through|and|sampai|hingga|s\.d\.|s/d|dan)\b)"
    r"\s*(?:(?:tahun|year)\s+)?((?:19|20)?\d\d)\b",
    re.I,
)
#: "since 2015", "sejak 2015", "from 2015 onwards", "mulai 2015": from that year to the report.
_SINCE = re.compile(r"\b(?:since|sejak|semenjak|mulai(?: tahun)?|from)\s+((?:19|20)\d\d)\b", re.I)


def years_covered(text: str) -> set[int]:
    """Every year `text` mentions, with the years inside the ranges it names."""
    found = {int(y) for y in _YEAR.findall(text)}
    for start, end in _RANGE.findall(text):
        a = int(start)
        b = int(end) if len(end) == 4 else int(start[:2] + end)
        if a < b <= a + 30:
            found.update(range(a, b + 1))
    latest = max(found, default=0)
    for start in _SINCE.findall(text):
        found.update(range(int(start), max(latest, int(start)) + 1))
    return found


#: A school or budget year written as a pair: "2022/2023", "2022/23".
_PAIR = re.compile(r"\b((?:19|20)\d\d)\s*/\s*((?:19|20)?\d\d)\b")


def _pairs(text: str) -> set[tuple[int, int]]:
    return {(int(a), int(b) if len(b) == 4 else int(a[:2] + b)) for a, b in _PAIR.findall(text)}


def absent_year(question: str, documents: Iterable[str]) -> str:
    """The first year of `question` that none of `documents` covers (see the module), or ""; a
    school year ("2022/2023") that documents writing their school years so never write."""
    asked = list(dict.fromkeys(_YEAR.findall(question)))
    if not asked:
        return ""
    texts = [t for t in documents if t.strip()]
    if not texts:
        return ""
    text = "\n".join(texts)
    given = _pairs(text)
    for a, b in sorted(_pairs(question)):
        if given and (a, b) not in given:
            return f"{a}/{b}"  # "the 2022/2023 school year" of a report of 2023/2024 only
    covered = years_covered(text)
    return next((y for y in asked if int(y) not in covered), "")
