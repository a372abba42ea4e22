"""Who did what for a programme: the organisation a sentence gives each role (initiated, funded,
implemented, evaluated), for claim checking.

Contract: `roles_in(text)` returns (role, organisation stems) pairs for the roles `text` gives by
name ("funded by the Andalas Children's Fund", "didanai oleh Yayasan Bahari Cendekia", "dananya
dari ...", "with a grant from ...", "Yayasan X melaksanakan ..."); `misassigned_role(claim,
evidence)` returns (the claim's role, the organisation, the role the evidence gives it) when the
claim gives an organisation a role that the evidence gives another organisation while giving
this one a different role ("funded by Yayasan Rumah Belajar Minang" where the report says it
implemented the programme and the Andalas Children's Fund funded it); None otherwise. Roles are
matched across languages by their verbs, organisations by their capitalised words. It does not
read roles written without a verb ("X (funder)") or judge anything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cpassist.text import STOPWORDS, stem, words

_VERBS = {
    "funded": r"funded|financed|sponsored|paid for|didanai|dibiayai|disponsori|dananya|"
    r"dana(?:nya)? berasal|pendanaan(?:nya)?|(?:a |with a |dengan )?(?:grant|hibah|funding|"
    r"dukungan dana|dukungan hibah)",
    "implemented": r"implemented|carried out|run|operated|managed|delivered|dilaksanakan|"
    r"dijalankan|dikelola|diselenggarakan|pelaksana(?:nya)?",
    "initiated": r"initiated|founded|conceived|digagas|diprakarsai|diinisiasi|didirikan|"
    r"penggagas(?:nya)?|pemrakarsa(?:nya)?|inisiator(?:nya)?",
    "evaluated": r"evaluated|dievaluasi|penilai(?:nya)?",
}
#: A role verb and the organisation named right after it ("funded by X", "hibah dari X").
_AFTER = re.compile(
    r"\b(?P<verb>" + "|".join(f"(?P<{k}>{v})" for k, v in _VERBS.items()) + r")\s+"
    r"(?:(?:in|pada|tahun|on)\s+(?:\w+\s+)?(?:19|20)\d\d,?\s+)?"  # "initiated in 2020 by ..."
    r"(?:(?:by|oleh|from|dari|by the|from the|oleh pihak)\s+)?(?:the\s+)?(?P<org>[A-Z][\w'’&.-]*"
    r"(?:\s+(?:(?:of|for|dan|and|untuk|the)\s+)?[A-Z][\w'’&.-]*)*)"
)
#: An organisation opening a clause with an active role verb ("Yayasan X mendanai ...").
_BEFORE = re.compile(
    r"(?P<org>[A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|dan|and|the)\s+)?[A-Z][\w'’&.-]*)*)\s+"
    r"(?:(?:has|had|was|yang)\s+)?(?P<verb>(?P<funded>funded|financed|paid for|mendanai|membiayai)|"
    r"(?P<implemented>implemented|ran|operated|managed|melaksanakan|menjalankan|mengelola)|"
    r"(?P<initiated>initiated|founded|menggagas|memprakarsai|menginisiasi|mendirikan))\b"
)
#: Words of an organisation's name that do not tell one from another.
_GENERIC = frozenset(
    stem(w)
    for w in "yayasan foundation fund the of for dan and untuk lembaga organisation organization "
    "kota city kabupaten district dinas office pusat centre center usd idr rp eur".split()
)


def _org(name: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in words(name) if w.lower() not in STOPWORDS) - _GENERIC


def roles_in(text: str) -> list[tuple[str, frozenset[str]]]:
    """(role, organisation stems) for each role `text` gives an organisation by name."""
    out = []
    for pattern in (_AFTER, _BEFORE):
        for m in pattern.finditer(text or ""):
            role = next(k for k in _VERBS if m.group(k))
            org = _org(m.group("org"))
            if org:
                out.append((role, org))
    return out


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a & b) and (a <= b or b <= a or len(a & b) * 2 >= min(len(a), len(b)) + 1)


def misassigned_role(claim: str, evidence: Iterable[str]) -> tuple[str, str, str] | None:
    """(role, organisation, its role in the evidence) when `claim` gives an organisation a role the
    evidence gives another while giving it another role (see the module); else None."""
    mine = roles_in(claim)
    if not mine:
        return None
    given = [r for text in evidence for r in roles_in(text)]
    for role, org in mine:
        if any(r == role and _same(o, org) for r, o in given):
            continue  # the evidence gives it that role too
        others = [r for r, o in given if _same(o, org) and r != role]
        rivals = [o for r, o in given if r == role and not _same(o, org)]
        if others and rivals:
            return role, " ".join(sorted(org)), others[0]
    return None
