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
("facebook", "siswi SD", "foreign nationals") or acronyms the documents spell out. It does not
look at retrieval hits or at what is asked of the group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cpassist.excluded import ASKS_LEFT_OUT, LEFT_OUT
from cpassist.text import split_sentences

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
    ("anaemia", r"(?i:ana?emi\w*)", r"(?i:ana?emi\w*)"),
    ("obesity", r"(?i:obes\w*|overweight|kegemukan)", r"(?i:obes\w*|overweight|kegemukan|gizi lebih)"),
)  # fmt: skip


def _bounded(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/])(?:{pattern})(?![\w/])")


_ASKED = [(name, _bounded(asked), _bounded(said)) for name, asked, said in GROUPS]


def unmentioned_group(question: str, documents: Iterable[str]) -> tuple[str, str]:
    """(the question's words, the left-out sentence or "") for a group of `GROUPS` the question
    names and `documents` never give (see the module); ("", "") otherwise."""
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
        named = [s for s in sentences if said.search(s)]
        if not named:
            return m.group(0), ""
        if all(LEFT_OUT.search(s) for s in named):
            return m.group(0), named[0]
    return "", ""
