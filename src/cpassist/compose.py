"""Composing an answer: claims (sentences with their 0-based sources) -> the text the user reads,
with sources renumbered [1..n] in order of first use, and the citations.

Contract: `compose_answer(claims, sources, report, language, premise_corrected, which_study)` returns
(answer, citations); `quoted_report(claims)` is the verification report of an answer made of source
sentences; `refusal_text(language, passages, detail)` is the "not in the studies" message. Product
lines (a corrected premise, a note that a quote is in the other language, a study's title before its
quotes for "which study?") are rendered from prompts/ in the user's language. It does not retrieve,
generate or check anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cpassist.abstain import abstain_message
from cpassist.prompts import render
from cpassist.references import citation_fields
from cpassist.schema import Citation, Passage, SentenceCheck, VerificationReport
from cpassist.verify import Claim

#: "Which study mentions X?": the answer names the study of each quote.
_LANGUAGE_NAMES = {
    "en": {"id": "Indonesian", "en": "English"},
    "id": {"id": "bahasa Indonesia", "en": "bahasa Inggris"},
}


def with_marker(text: str, numbers: Sequence[int]) -> str:
    marker = "".join(f"[{n}]" for n in numbers)
    match = re.search(r"[.!?:]+$", text)
    if match:
        return f"{text[: match.start()]} {marker}{match.group(0)}"
    return f"{text} {marker}"


def verbatim(text: str, sources: Sequence[Passage], used: Sequence[int]) -> bool:
    """Whether `text` is a sentence of one of the `used` sources, as written there."""
    return any(text in sources[i].text for i in used)


def quoted_report(claims: Sequence[Claim]) -> VerificationReport:
    """The report of an answer made of source sentences: each one quoted verbatim."""
    return VerificationReport(
        sentences=[
            SentenceCheck(
                text=c.text,
                status="kept",
                supported_by=[i + 1 for i in c.sources],
                support=1.0,
                quoted=True,
                grounding=[c.text],
            )
            for c in claims
        ]
    )


def compose_answer(
    claims: Sequence[Claim],
    sources: Sequence[Passage],
    report: VerificationReport | None = None,
    language: str = "en",
    premise_corrected: bool = False,
    which_study: bool = False,
) -> tuple[str, list[Citation]]:
    """Answer text with sources renumbered in order of first use, and the citations. A source
    sentence quoted in the other language than the answer's is put in quotation marks after
    one line saying so; a corrected premise is said first."""
    lang = "id" if language == "id" else "en"
    number: dict[int, int] = {}
    cited_by: dict[int, list[str]] = {}
    sentences = []
    product_lines = set()  # lines the product writes itself (not claims, never list openers)
    if premise_corrected:
        sentences.append(render(f"premise_corrected_{lang}").strip())
        product_lines.add(0)
    named_study = ""  # "which study ...?": each quote is led by its study's title
    framed = False
    for claim in claims:
        nums = []
        for i in claim.sources:
            if i not in number:
                number[i] = len(number) + 1
            nums.append(number[i])
            cited_by.setdefault(i, []).append(claim.text)
        text = claim.text
        source_language = sources[claim.sources[0]].language if claim.sources else language
        if source_language != language and verbatim(text, sources, claim.sources):
            if not framed:
                name = _LANGUAGE_NAMES[lang].get(source_language, source_language)
                product_lines.add(len(sentences))
                sentences.append(
                    render(f"frame_other_language_{lang}", source_language=name).strip()
                )
                framed = True
            text = f"“{text}”"
        study = sources[claim.sources[0]].study if claim.sources else ""
        if which_study and study and study != named_study:
            named_study = study
            product_lines.add(len(sentences))
            title = sources[claim.sources[0]].title
            sentences.append(render(f"which_study_{lang}", title=title).strip())
        text = with_marker(text, nums)
        # after a sentence that opens a list ("The factors are:"), the items go one per line
        in_list = (
            bool(sentences)
            and (len(sentences) - 1 not in product_lines)
            and (sentences[-1].rstrip().endswith(":") or sentences[-1].startswith("\n- "))
        )
        sentences.append(f"\n- {text}" if in_list else text)
    if report is not None:
        for check in report.sentences:
            check.supported_by = [number[i - 1] for i in check.supported_by if i - 1 in number]
    citations = [
        Citation(
            n=n,
            chunk_id=sources[i].chunk_id,
            study=sources[i].study,
            title=sources[i].title,
            language=sources[i].language,
            section=sources[i].section,
            text=sources[i].text,
            sentences=cited_by[i],
            parallel_ids=sources[i].parallel_ids,
            **citation_fields(sources[i]),
        )
        for i, n in sorted(number.items(), key=lambda item: item[1])
    ]
    return " ".join(sentences).replace(" \n- ", "\n- "), citations


def with_detail(message: str, detail: str) -> str:
    """`message` with `detail` inserted after its first sentence."""
    detail = detail.strip()
    if not detail:
        return message
    head, sep, tail = message.partition(". ")
    return f"{head}. {detail} {tail}" if sep else f"{message} {detail}"


def refusal_text(language: str, passages: Sequence[Passage], detail: str = "") -> str:
    """The refusal in `language`, naming the studies among `passages` (their titles in that
    language when stored), with `detail` (why) after its first sentence."""
    titles: dict[str, str] = {}
    for p in passages:
        if p.study not in titles or p.language == language:
            titles[p.study] = p.title
    return with_detail(abstain_message(language, list(titles.values())), detail)
