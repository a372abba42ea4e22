"""The document a follow-up continues: a chat stays with the report it was talking about.

Contract: `continued_document(question, standalone, previous, search)` returns the document id
(`study`) that the previous exchange was about (`previous`: the last user question and the start of
the answer it got), when `question` is a follow-up that names no
subject of its own and compares nothing ("how many of them were girls?", "Siapa yang
mendanainya?"); else "". `search(text)` returns the hits for a text (the retriever's). The previous
question's document is the one it names among its hits, else the one holding most of them
(`widen.asked_document`), else its top hit's.

Why: a rewritten follow-up carries the previous question's names ("Kupang: how many of them were
girls?"), not its topic; with two reports on one place, or on none, the search for it lands on
whichever document mentions girls most. It does not rewrite, rank within the document or answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cpassist.focus import COMPARES_STUDIES, WHICH_STUDY
from cpassist.schema import Passage
from cpassist.text import named_terms, words
from cpassist.widen import asked_document

#: How much of the previous answer joins the previous question to find their document.
CONTEXT_CHARS = 400


def names_own_subject(question: str) -> bool:
    """Whether `question` names something itself: a proper name or an acronym."""
    return bool(named_terms(question)) or any(w.isupper() and len(w) > 2 for w in words(question))


def continued_document(
    question: str,
    standalone: str,
    previous: str,
    search: Callable[[str], Sequence[Passage]],
) -> str:
    """The previous question's document, when `question` continues it (module docstring)."""
    if not previous or standalone.strip() == question.strip():
        return ""  # no conversation, or a question that stands on its own
    if names_own_subject(question) or COMPARES_STUDIES.search(question):
        return ""
    if WHICH_STUDY.search(question):
        return ""
    hits = list(search(previous))
    if not hits:
        return ""
    return asked_document(previous, hits)
