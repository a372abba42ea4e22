"""Actors in a sentence, for claim checking: who opens it, who gives to whom, who initiated what,
and what kind of body a claim says an actor is.

Contract: pure functions over text (both languages); actors come back as stems with aliases joined
(INGO/LSM -> ngo, pemerintah -> govern). They do not look at sources or decide anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from cpassist.lexicon import translations as _translations
from cpassist.text import STOPWORDS, content_stems, root, stem, words


def translations(stems: set[str]) -> set[str]:
    """Glossary equivalents for claim checking: the built-in core pairs only (see lexicon)."""
    return _translations(stems, core=True)


_AGENT = re.compile(
    r"\b([\w-]+)\s+(?:by|oleh)\s+((?:[\w-]+\s*){1,4})|"
    r"\b(initiat\w*|inisiasi|prakarsa\w*|diprakarsai|didirikan|founded)\s+(?:of|dari|from)\s+((?:[\w-]+\s*){1,4})",
    re.IGNORECASE,
)
_RECEIVE = re.compile(
    r"\b(receives?|received|receiving|gets?|got|obtains?|obtained|gains?|gained|gaining|"
    r"mendapat\w*|menerima|memperoleh)\b"
    r"(.{0,60}?)(?:\b(?:from|dari)\s+|\b(?:bantuan|dukungan)\s+)([A-Z][\w-]*)",
)
_GIVE = re.compile(
    r"(?<!receive )(?<!receives )(?<!received )(?<!wants )(?<!get )(?<!gets )(?<!mendapat )"
    r"\b(helps?|helping|helped|assists?|assisting|assisted|supports?|supporting|supported|aids?|"
    r"aided|gives?|gave|giving|provides?|provided|providing|funds?|funded|funding|pays?|paid|"
    r"membantu|mendukung|memberi\w*|menyediakan|mendanai|membayar)\b(?!\s+(?:from|dari)\b)",
)


def edges(text: str, names: Set[str] = frozenset()) -> set[tuple[str, str]]:
    """(giver, receiver) pairs of actors in `text`: "B receives help from A" and "A helps B"."""
    out = set()
    for m in _RECEIVE.finditer(text):
        before = actors(text[: m.start()], names)
        if before:
            out.add((actor_stem(m.group(3)), before[-1]))
    for m in _GIVE.finditer(text):
        before = actors(text[: m.start()], names)
        after = actors(" ".join(words(text[m.end() :])[:3]), names)
        if before and after:
            out.add((before[-1], after[0]))
    return {(a, b) for a, b in out if a != b}


_ACTIVE_INIT = re.compile(
    r"\b(initiated|initiate|initiates|founded|found|started|launched|launch|created|established|"
    r"establish|menginisiasi|memprakarsai|mendirikan|memulai|meluncurkan|membentuk|membuat)\b"
)


def self_given(text: str, names: Set[str] = frozenset()) -> bool:
    """ "ECPAT and Nepal both receive help from ECPAT": the giver is among the receivers."""
    for m in _RECEIVE.finditer(text):
        clause = re.split(r"[,;]|\b(?:while|whereas|sedangkan|serta)\b", text[: m.start()])[-1]
        receivers = set(actors(clause, names))
        if not receivers and re.match(r"\s*(and|dan|serta)?\s*$", clause, re.I):
            # "ECPAT's aim is to address child issues, and (to) get help from ECPAT": the verb
            # phrase shares the sentence's subject
            receivers = subject(text, names)
        if actor_stem(m.group(3)) in receivers:
            return True
    return False


_PASSIVE_AUX = frozenset("was were is are be been being".split())


def agents(text: str) -> list[tuple[str, set[str]]]:
    """(verb stem, agent stems) of "<verb> by X" / "initiation of X" / "X initiated" phrases."""
    out = []
    for m in _ACTIVE_INIT.finditer(text):
        # the actor phrase right before the verb, past one auxiliary or adverb ("The Indonesian
        # government initiated", "pemerintah Indonesia menginisiasi", "ECPAT has founded")
        tokens = words(re.split(r"[,;:]", text[: m.start()])[-1])
        passive = tokens[-1:] and tokens[-1].lower() in _PASSIVE_AUX
        if passive or re.match(r"\s+(by|oleh)\b", text[m.end() :], re.I):
            continue  # "was initiated by X": the agent is after the verb (below)
        end = len(tokens)
        if end and not _is_actor(tokens, end - 1, frozenset()):
            end -= 1
        begin = end
        while begin and _is_actor(tokens, begin - 1, frozenset()):
            begin -= 1
        stems = content_stems(" ".join(tokens[begin:end]))
        if stems:
            out.append((stem(m.group(1).lower()), stems))
    for m in _AGENT.finditer(text):
        verb, agent = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        stems = content_stems(agent)
        if stems:
            out.append((stem(verb), stems))
    return out


COPULA = re.compile(
    r"^\s*((?:[\w’'-]+\s+){1,5}?)(?:is|are|was|were|adalah|merupakan|ialah)\s+"
    r"(?:not\s+|bukan\s+)?(?:a|an|the|one of the|part of the|part of|sebuah|suatu|seorang|"
    r"salah satu|bagian dari)?\s*"
    r"((?:[\w’'-]+\s*){1,4})",
    re.I,
)
COPULA_END = re.compile(
    r"\b(that|which|who|with|in|of|for|to|by|from|at|on|yang|dengan|di|dari|untuk|dalam|oleh|"
    r"and|dan|as|sebagai|kepada|terhadap|bagi|pada|tentang|about|towards)\b.*",
    re.I,
)


#: Words naming what kind of body an actor is.
KIND_WORDS = frozenset(
    "government governmental pemerintah state negara agency agencies lembaga badan instansi "
    "ministry kementerian ngo ngos ingo lsm organisation organization organisasi institution "
    "institusi company perusahaan private swasta".split()
)
#: A kind word right after these is what is acted on, not what the subject is.
ACTED_ON = frozenset("to kepada with dengan bersama from dari advocate advokasi".split())


#: Stems of the verbs of founding or initiating, both languages (their agents are compared).
_INITIATION = frozenset(
    stem(w)
    for w in "initiated initiation inisiasi founded didirikan prakarsa started dimulai "
    "launched diluncurkan established created".split()
)


def aliases(stems: set[str]) -> set[str]:
    return {ACTOR_ALIASES.get(x, x) for x in stems}


def initiators(text: str) -> list[tuple[str, set[str]]]:
    """(verb stem, actor stems) of the founding / initiating acts of `text`: the actor words
    only ("initiated by several INGOs to fight ..." -> ingo)."""
    out = []
    for verb, _ in agents(text):
        if verb not in _INITIATION and not verb_forms(verb) & _INITIATION:
            continue
        out.append(verb)
    if not out:
        return []
    found = []
    for m in _ACTIVE_INIT.finditer(text):
        tokens = words(re.split(r"[,;:]", text[: m.start()])[-1])
        after = re.match(r"\s+(?:by|oleh)\s+((?:[\w-]+\s*){1,5})", text[m.end() :], re.I)
        if after or (tokens[-1:] and tokens[-1].lower() in _PASSIVE_AUX):
            run = _run_after(words(after.group(1))) if after else []
        else:
            run = _run_before(tokens)
        if run:
            found.append((stem(m.group(1).lower()), content_stems(" ".join(run))))
    for m in re.finditer(
        r"\b(initiat\w*|inisiasi|prakarsa\w*|founded|didirikan|diprakarsai|diinisiasi)\s+"
        r"(?:of|dari|by|oleh)\s+((?:[\w-]+\s*){1,5})",
        text,
        re.I,
    ):
        run = _run_after(words(m.group(2)))
        if run:
            found.append((stem(m.group(1).lower()), content_stems(" ".join(run))))
    return found


#: Capitalised words that name no actor: months and days, in both languages.
_TIME_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "januari februari maret mei juni juli agustus oktober desember monday tuesday wednesday "
    "thursday friday saturday sunday senin selasa rabu kamis jumat sabtu minggu".split()
)


def actor_word(token: str) -> bool:
    low = token.lower()
    return low in _ACTOR_WORDS or (
        token[:1].isupper() and low not in STOPWORDS and low not in _TIME_NAMES
    )


def _run_after(tokens: Sequence[str]) -> list[str]:
    """The actor words opening `tokens`, past up to two others ("several international NGOs")."""
    i = 0
    while i < len(tokens) and i < 2 and not actor_word(tokens[i]):
        i += 1
    run = []
    while i < len(tokens) and actor_word(tokens[i]):
        run.append(tokens[i])
        i += 1
    return run


def _run_before(tokens: Sequence[str]) -> list[str]:
    """The actor words ending `tokens`, past one auxiliary or adverb ("ECPAT has")."""
    end = len(tokens)
    if end and not actor_word(tokens[end - 1]):
        end -= 1
    begin = end
    while begin and actor_word(tokens[begin - 1]):
        begin -= 1
    return list(tokens[begin:end])


def verb_forms(verb: str) -> set[str]:
    """A verb stem with its glossary equivalents and its Indonesian root ("mengin" ~ "inisia")."""
    forms = translations({verb}) | {verb}
    return forms | translations({root(f) for f in forms})


_ACTOR_WORDS = frozenset(
    "government governments pemerintah state states negara ministry ministries kementerian ngo ngos "
    "ingo ingos lsm author penulis stakeholder stakeholders police polisi community masyarakat".split()
)
CLAUSE_SPLIT = re.compile(
    r",?\s+\b(?:while|whereas|but|and then|sedangkan|sementara|serta|namun|dan juga)\b\s+|;\s+|,\s+dan\s+",
    re.I,
)
_RECIPIENT = re.compile(r"\b(?:kepada|to the)\s+([\w-]+)", re.I)
_NOT_SUBJECT = frozenset("to kepada of about tentang in di dari from on pada the".split())


#: One name per kind of actor across languages and spellings.
ACTOR_ALIASES = {
    "ingo": "ngo", "ingos": "ngo", "ngos": "ngo", "lsm": "ngo", "negara": "state", "pemeri": "govern",
    "kement": "minist", "penuli": "author", "masyar": "commun", "polisi": "police",
}  # fmt: skip


def actor_stem(token: str) -> str:
    st = stem(token.lower().split("-")[0])
    return ACTOR_ALIASES.get(st, st)


def _is_actor(tokens: Sequence[str], i: int, names: Set[str]) -> bool:
    t = tokens[i]
    low = t.lower()
    if low in _ACTOR_WORDS:
        return True
    if not t[:1].isupper() or low in STOPWORDS or low in _TIME_NAMES:
        return False
    # a capitalised first word is a name only when the sources use it as one ("Nepal ...")
    return i > 0 or t.isupper() or stem(low) in names


def subject(text: str, names: Set[str] = frozenset()) -> set[str]:
    """The actors of the phrase that opens `text` (within its first 6 words: "The Indonesian
    government", "ECPAT Indonesia"), unless it is the object of a preposition ("advocacy to the
    government") or names a study ("The Nepal study"); empty when there is none."""
    tokens = words(text)[:6]
    for i in range(len(tokens)):
        if not _is_actor(tokens, i, names):
            continue
        before = [t.lower() for t in tokens[max(0, i - 2) : i] if t.lower() != "the"]
        if before and before[-1] in _NOT_SUBJECT:
            return set()
        j = i
        while j + 1 < len(tokens) and _is_actor(tokens, j + 1, names):
            j += 1
        if j + 1 < len(tokens) and tokens[j + 1].lower() in ("study", "research", "studi"):
            return set()
        return {actor_stem(t) for t in tokens[i : j + 1]}
    return set()


def actors(text: str, names: Set[str] = frozenset()) -> list[str]:
    """The actors of `text` in order: proper names/acronyms and actor nouns (government, state,
    ministries, NGOs, author), as stems (aliases joined: INGO/LSM -> ngo, negara -> state)."""
    tokens = words(text)
    return [actor_stem(t) for i, t in enumerate(tokens) if _is_actor(tokens, i, names)]


def recipients(text: str) -> set[str]:
    return {
        actor_stem(m.group(1))
        for m in _RECIPIENT.finditer(text)
        if m.group(1).lower() in _ACTOR_WORDS or m.group(1)[:1].isupper()
    }


def split_hyphens(tokens: list[str]) -> list[str]:
    """Hyphenated tokens split into their parts ("Nepal-ECPAT" -> "Nepal", "ECPAT")."""
    return [part for t in tokens for part in t.split("-") if part]
