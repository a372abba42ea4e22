"""Turns a follow-up question into a standalone one before retrieval, by rule or with the chat model.

Rule (`rule_rewrite`): a question that names no subject of its own (no proper name or acronym) gets
the names of the last user question that had some put in front ("Nepal: Lalu apa tujuan kerja
samanya?"); a follow-up ("it", "they", "-nya", "itu", "tersebut", "And ...?", or at most two content
words) that names its own subject ("And the Nepal study?") gets the previous question's topic words
instead ("methods: And the Nepal study?"). An elliptical follow-up (no question word, at most two
content words: "Anywhere else?", "Kalau yang kedua?") continues the previous question instead, with
its own ordinal; "What came after that?" after a ranked question asks its next ordinal; a
follow-up naming a counterpart ("and in the comparison schools?", "kalau tahun 2023?") takes its
place in the previous question (`swapped_phrase`), followed by the follow-up itself.
LLM (`llm_rewrite`): the `rewrite` prompt; an empty, overlong or answer-like reply falls back to the
rule. Which one a generator uses is `default_method` (why: docs/decisions.md). It does not retrieve
or answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from cpassist.prompts import render
from cpassist.schema import ChatTurn
from cpassist.text import STOPWORDS, content_stems, named_terms, stem, words

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

Method = Literal["none", "rule", "llm"]

_POINTERS = frozenset(
    "it its it's they them their theirs this that these those he she him his her there then also "  # noqa: SIM905
    "itu ini tersebut mereka dia ia beliau sana situ lalu kemudian juga begitu".split()
)
_STARTERS = re.compile(
    r"^\s*(and|what about|how about|also|lalu|terus|kalau|bagaimana dengan|dan)\b", re.I
)
_QUESTION_WORDS = frozenset(
    "what who whom which how why when where whose apa siapa bagaimana mengapa kenapa kapan mana "  # noqa: SIM905
    "berapa apakah".split()
)


def as_turns(history: Sequence[ChatTurn | dict] | None) -> list[ChatTurn]:
    """History as `ChatTurn`s (dicts with role/content are accepted)."""
    return [t if isinstance(t, ChatTurn) else ChatTurn.model_validate(t) for t in (history or [])]


def is_follow_up(question: str) -> bool:
    """Whether `question` needs the conversation to be understood."""
    tokens = [w.lower() for w in words(question)]
    if not tokens:
        return False
    if _STARTERS.match(question) or any(t in _POINTERS for t in tokens):
        return True
    if any(t.endswith("nya") and len(t) > 5 and t[:-3] not in STOPWORDS for t in tokens):
        return True
    return len(content_stems(question)) <= 2


def _key_terms(text: str, skip: set[str], names_only_topic: bool) -> list[str]:
    names = named_terms(text) | {stem(w) for w in words(text) if w.isupper() and len(w) > 2}
    out = []
    for word in words(text):
        low = word.lower()
        s = stem(low)
        if low in STOPWORDS or low in _QUESTION_WORDS or low in _POINTERS or len(low) < 3:
            continue
        if s in skip or (names_only_topic and s in names):
            continue
        skip.add(s)
        out.append(word)
    return out


def _names(text: str) -> list[str]:
    """Proper names and acronyms of `text`, as written, in order, without repeats."""
    found = named_terms(text) | {stem(w) for w in words(text) if w.isupper() and len(w) > 2}
    return list(dict.fromkeys(w for w in words(text) if stem(w) in found))


def rule_rewrite(question: str, history: Sequence[ChatTurn | dict] | None) -> str:
    """`question` with the subject of the previous user question(s) in front when it needs one."""
    users = [t.content for t in as_turns(history) if t.role == "user" and t.content.strip()]
    if not users:
        return question
    following = next_in_ranking(question, users[-1])
    if following != question:  # "what came after that?": the previous question, next ordinal
        return _continued(users[-1], following)
    swapped = swapped_phrase(question, users[-1]) or swapped_group(question, users[-1])
    if swapped:  # "and in the comparison schools?": the previous question, of those schools,
        # followed by the follow-up itself (its own words weigh half in the extractive answer)
        return f"{swapped} {_opening_lowered(question.strip())}"
    own_names = _names(question)
    follow_up = is_follow_up(question)
    if own_names and not follow_up:
        return question
    if not own_names:
        # the subject is what the last question that named something named ("Nepal", "Down to Zero")
        for previous in reversed(users[-3:]):
            carried = [
                w for w in _names(previous) if stem(w) not in {stem(x) for x in words(question)}
            ]
            if carried:
                if _elliptical(question):  # "Anywhere else?": the previous question, continued
                    return _continued(users[-1], question)
                phrase = _subject_phrase(previous)
                if phrase and any(stem(w) in {stem(x) for x in words(phrase)} for w in carried):
                    resolved = _IT.sub(lambda m, p=phrase: _the(p, m.group(0)), question, count=1)
                    if resolved != question:
                        return resolved
                return f"{' '.join(carried)}: {_opening_lowered(question)}"
        if not follow_up:
            return question
    # names its own subject ("And the Nepal study?") or nothing was named: carry the topic words
    skip = {stem(w.lower()) for w in words(question)}
    terms = _key_terms(users[-1], skip, names_only_topic=bool(own_names))
    return f"{' '.join(terms)}: {_opening_lowered(question)}" if terms else question


#: "and in the comparison schools?", "kalau di sekolah pembanding?", "what about 2023?": an opener,
#: a preposition maybe, and the phrase that takes the place of one in the previous question.
_SWAP = re.compile(
    r"^\s*(?:and|what about|how about|bagaimana dengan|kalau|kalo|terus|trus|lalu|dan)\s+"
    r"(?:(?:in|for|among|at|of|on|di|pada|untuk|bagi|dari|tahun|year)\s+)?(?:(?:the|yang|yg)\s+)?"
    r"(?P<phrase>[\w-]+(?:\s+[\w-]+){0,2})\s*(?:(?:saja|aja|nya|berapa|brp|apa)\s*)?[?.!]*\s*$",
    re.I,
)
_YEAR_WORD = re.compile(r"^(19|20)\d\d$")
_TRAILING = frozenset("saja aja berapa brp apa nya ya sih".split())


def swapped_phrase(question: str, previous: str) -> str:
    """The previous question with the phrase the follow-up names in place of its counterpart
    ("... change in the intervention schools?" + "and in the comparison schools?" -> "... change in
    the comparison schools?"; "... pada 2022?" + "kalau 2023?" -> "... pada 2023?"): the counterpart
    shares the phrase's head noun (its last word in English, its first in Indonesian) or is a year
    for a year; "" when the follow-up is not such a phrase or the previous question has none."""
    m = _SWAP.match(question)
    if not m or not previous.strip():
        return ""
    phrase = m.group("phrase").split()
    while phrase and phrase[-1].lower() in _TRAILING:
        phrase.pop()  # "kalau tahun 2023 berapa?"
    if not phrase or any(w.lower() in _QUESTION_WORDS or w.lower() in STOPWORDS for w in phrase):
        return ""
    tokens = previous.split()
    bare = [t.strip(".,;:?!()\"'").lower() for t in tokens]
    if len(phrase) == 1 and _YEAR_WORD.match(phrase[0]):
        years = [i for i, t in enumerate(bare) if _YEAR_WORD.match(t)]
        if len(years) != 1 or bare[years[0]] == phrase[0]:
            return ""
        i = years[0]
        return " ".join([*tokens[:i], tokens[i].replace(bare[i], phrase[0]), *tokens[i + 1 :]])
    if len(phrase) < 2:
        return ""
    n = len(phrase)
    low = [w.lower() for w in phrase]
    for start in range(len(bare) - n + 1):
        window = bare[start : start + n]
        english = window[-1] == low[-1] and window[:-1] != low[:-1]  # "intervention schools"
        indonesian = window[0] == low[0] and window[1:] != low[1:]  # "sekolah intervensi"
        if english or indonesian:
            ending = tokens[start + n - 1][len(tokens[start + n - 1].rstrip(".,;:?!)")) :]
            return " ".join(
                [*tokens[:start], *phrase[:-1], phrase[-1] + ending, *tokens[start + n :]]
            )
    return ""


#: "and among the girls who didn't go back?", "kalau di antara anak yang tidak kembali?": a group
#: named by a preposition that names the previous question's group too.
_GROUP_SWAP = re.compile(
    r"^\s*(?:and|what about|how about|bagaimana dengan|kalau|kalo|terus|trus|lalu|dan)\s+"
    r"(?P<prep>among|amongst|di antara|di kalangan|antara|for|untuk|bagi)\s+(?P<phrase>\S.*?)"
    r"\s*[?.!]*\s*$",
    re.I,
)


def swapped_group(question: str, previous: str) -> str:
    """The previous question with its group ("... depression among teenage mothers who returned to
    learning?") replaced by the follow-up's ("and among the girls who didn't go back?" -> "...
    depression among the girls who didn't go back?"): the last phrase the same preposition opens,
    to its end; "" when the follow-up names no group that way or the previous question has none."""
    m = _GROUP_SWAP.match(question)
    if not m or len(m.group("phrase").split()) < 2:
        return ""
    prep = m.group("prep").lower()
    at = [x.start() for x in re.finditer(rf"\b{re.escape(prep)}\b", previous, re.I)]
    if not at:
        return ""
    return f"{previous[: at[-1]]}{prep} {m.group('phrase')}?"


#: "What came after that?", "And the next one?", "Terus berikutnya apa?": the next item of a ranking.
_NEXT = re.compile(
    r"^\s*(?:(?:and|so|then|ok|okay|lalu|terus|trus|kalau|kalo|dan|nah)\s*,?\s+)?(?:"
    r"what(?:'s| is| was|s)?\s*(?:came|comes|is|was)?\s*(?:next|after (?:that|it|this))|"
    r"(?:the\s+)?next(?:\s+(?:one|item|thing))?|"
    r"(?:apa|yang|yg)?\s*(?:berikutnya|selanjutnya|setelah(?:nya| itu)|sesudah(?:nya| itu))"
    r"(?:\s+(?:apa|lagi))?|(?:setelah|sesudah)\s+itu\s+apa)\s*[?.!]*\s*$",
    re.I,
)
#: A ranked question: "the most common barrier", "tindak pidana terbanyak", "the top reason".
_RANKED = re.compile(
    r"\b(most|top|biggest|largest|highest|main|leading|first|paling|terbanyak|tertinggi|terbesar|"
    r"utama|pertama|second|third|kedua|ketiga)\b",
    re.I,
)
_ORDINAL_WORDS = {
    "en": ("first", "second", "third", "fourth", "fifth", "sixth"),
    "id": ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam"),
}


def next_in_ranking(question: str, previous: str) -> str:
    """ "What came after that?" after a ranked question ("the most common barrier?") as the next
    ordinal ("and the second one?", "yang kedua?"); any other question as it is."""
    from cpassist.language import question_language
    from cpassist.lexicon import ORDINALS

    if not _NEXT.match(question) or not _RANKED.search(previous):
        return question
    asked = [ORDINALS[w.lower()] for w in words(previous) if ORDINALS.get(w.lower(), 99) < 99]
    following = max(asked, default=1) + 1
    if following > 6:
        return question
    if question_language(question, default=question_language(previous)) == "id":
        return f"Lalu yang {_ORDINAL_WORDS['id'][following - 1]}?"
    return f"And the {_ORDINAL_WORDS['en'][following - 1]} one?"


#: Words that open a chat follow-up and are no names ("Terus ...", "Kalau ...", "So ...").
_OPENERS = frozenset(
    "and so then also but or well ok okay oh lalu terus trus kalau kalo dan jadi nah oh ok oke "
    "tapi terus lalu selanjutnya berikutnya".split()
)


def _opening_lowered(question: str) -> str:
    """`question` with its first word in lower case when that word is a chat opener or a pointer
    that is no stop word, so that after a carried subject ("Nunukan: terus berapa ...?") it is not
    read as a name."""
    tokens = words(question)
    if not tokens:
        return question
    first = tokens[0].lower()
    if (first in _OPENERS or first in _POINTERS) and first not in STOPWORDS:
        at = question.find(tokens[0])
        return question[:at] + tokens[0].lower() + question[at + len(tokens[0]) :]
    return question


#: "the Nepal study", "Down to Zero programme", "penelitian tentang Nepal": a named document or
#: programme a pronoun in the next question stands for.
_SUBJECT = re.compile(
    r"\b((?:[A-Z][\w-]*\s+(?:(?:to|of|in|and|dan)\s+)?){1,4})"
    r"(study|research|paper|thesis|report|programme|program|project)\b|"
    r"\b(penelitian|studi|skripsi|laporan|program|proyek)\s+(?:(?:tentang|mengenai)\s+)?"
    r"((?:[A-Z][\w-]*(?:\s+(?:to|of|dan)(?=\s+[A-Z]))?\s*){1,4})"
)
_IT = re.compile(r"\b(it|its|It|Its)\b")


def _subject_phrase(previous: str) -> str:
    """The named study or programme `previous` asks about ("the Nepal study"), or ""."""
    m = _SUBJECT.search(previous)
    if not m:
        return ""
    return " ".join((m.group(0)).split())


def _the(phrase: str, pronoun: str) -> str:
    """`phrase` in place of "it" / "its" ("the Nepal study", "the Nepal study's")."""
    if phrase.split()[0].lower() in (
        "penelitian",
        "studi",
        "skripsi",
        "laporan",
        "program",
        "proyek",
    ):
        out = phrase
    else:
        out = f"the {phrase}"
    if pronoun.lower() == "its":
        out += "'s"
    return out[:1].upper() + out[1:] if pronoun[:1].isupper() else out


_ELLIPTICAL = re.compile(
    r"^\s*(what about|how about|bagaimana dengan|kalau|kalo|and|dan|lalu|terus|trus)\b", re.I
)


def _continued(previous: str, question: str) -> str:
    """The previous question followed by the elliptical one, which asks its own ordinal ("What is
    the first role? And the second?" -> "What is the role? and the second?") and starts in lower
    case (its first word is not a name)."""
    from cpassist.lexicon import ORDINALS

    text = previous.strip()
    if any(w.lower() in ORDINALS for w in words(question)):
        text = " ".join(w for w in text.split() if w.lower().strip("?,.") not in ORDINALS)
    first = question.lstrip()
    if first[:1].isupper() and not words(first)[0].isupper():
        first = first[:1].lower() + first[1:]
    return f"{text} {first}"


def _elliptical(question: str) -> bool:
    """A follow-up with no question word and no subject of its own ("Anywhere else?", "And the
    last one?", "Kalau yang kedua?"): it asks the previous question again, of something more."""
    from cpassist.lexicon import ORDINALS

    own = [w.lower() for w in words(_ELLIPTICAL.sub("", question))]
    ranked = {stem(w) for w in own if w in ORDINALS}
    if ranked and not content_stems(question) - ranked - _ONE:
        return True  # "What was the second one?", "Yang ketiga apa?": only an ordinal of its own
    if _OF_THOSE.match(question) and not any(w in _QUESTION_WORDS for w in own):
        return True  # "kalau yg tinggal di rumah majikan?": the previous figure, of that group
    if _ELLIPTICAL.match(question) and own and own[-1] in _AMOUNT_ASKS:
        # "kalo yg umur 16-17 brp persen?": the previous question's figure, of another group
        own = [w for w in own if w not in _AMOUNT_ASKS]
        # ("yg dirujuk ke psikolog brp?" names a new measure of its own: not continued)
        named = {x for x in content_stems(" ".join(own)) if not any(c.isdigit() for c in x)}
        return not any(w in _QUESTION_WORDS for w in own) and len(named) <= 1
    return not any(w in _QUESTION_WORDS for w in own) and len(content_stems(question)) <= 2


#: "kalau yg ...", "what about those who ...": the previous question asked of a group.
_OF_THOSE = re.compile(
    r"^\s*(?:kalau|kalo|bagaimana dengan|what about|how about|and)\s+(?:yang|yg|mereka yang|"
    r"those|the ones)\b",
    re.I,
)
#: A follow-up ending in these asks the previous question's kind of figure ("... brp persen?").
_AMOUNT_ASKS = frozenset("berapa brp persen persennya percent percentage jumlahnya".split())


#: What an ordinal follow-up may say besides its ordinal ("and the second most common one?").
_ONE = frozenset(
    stem(w)
    for w in "one ones most common frequent often paling sering banyak terbanyak umum yang came come "
    "comes placed ranked rank position posisi urutan peringkat nomor place".split()
)


def _format_history(turns: Sequence[ChatTurn], max_turns: int = 6, max_chars: int = 300) -> str:
    lines = []
    for turn in turns[-max_turns:]:
        who = "User" if turn.role == "user" else "Assistant"
        text = " ".join(turn.content.split())
        lines.append(f"{who}: {text[:max_chars]}")
    return "\n".join(lines)


def llm_rewrite(
    question: str, history: Sequence[ChatTurn | dict] | None, chat_model: BaseChatModel
) -> str:
    """The chat model's standalone version of `question` (the rule's when its reply is unusable)."""
    turns = as_turns(history)
    if not any(t.role == "user" for t in turns):
        return question
    prompt = render("rewrite", history=_format_history(turns), question=question)
    try:
        reply = chat_model.invoke(prompt)
    except Exception:  # noqa: BLE001 - a failing model must not lose the question
        return rule_rewrite(question, turns)
    text = str(getattr(reply, "content", reply)).strip()
    text = re.sub(
        r"^(standalone question|pertanyaan)\s*:\s*",
        "",
        text.splitlines()[0] if text else "",
        flags=re.I,
    )
    text = text.strip().strip('"“”').strip()
    if (
        not text
        or len(text) > max(200, 4 * len(question))
        or "?" not in text
        and len(words(text)) > 25
    ):
        return rule_rewrite(question, turns)
    return text


def default_method(generator: str) -> Method:
    """The rewrite method that measured best for `generator` (bench/bench_rewrite.py; figures in
    docs/decisions.md): the rule for every generator; a stronger remote model may do better: set
    CPASSIST_REWRITE=llm and measure."""
    return "rule"


def rewrite(
    question: str,
    history: Sequence[ChatTurn | dict] | None,
    method: Method,
    chat_model: BaseChatModel | None = None,
) -> str:
    """The standalone question for retrieval (the question itself when there is no history)."""
    if not history or method == "none":
        return question
    if method == "llm" and chat_model is not None:
        return llm_rewrite(question, history, chat_model)
    return rule_rewrite(question, history)
