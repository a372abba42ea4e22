"""The answering chain: rewrite -> language -> retrieve -> abstain? -> prompt -> generate -> verify.

`Assistant.stream` yields token events as the generator writes, then one final event whose result is
the verified answer; `ask` consumes the stream. Works with any LangChain `BaseChatModel` (or none: the
`extractive` generator).

Decisions (documented behaviour):
- The answer's language is the question's (detected offline, id/en). The sources given to the model
  and to the extractive generator are the question-language versions of the hits (the parallel passage
  when the hit is in the other language), numbered [1..n]; the fixed system text comes first and the
  sources after it, so llama.cpp reuses its cached prefix.
- Abstain (abstained=True, a short message in the user's language, the closest passages in `contexts`)
  when the evidence is weak (`abstain.should_abstain`), when the question asks for a count, year or
  amount that no passage holds (`answer_type`), or when the model says it does not know.
- A question naming two studies gets a source of each in the prompt, and when the verified answer
  cites only one of them, the best evidence sentence of the other is added (verbatim, cited).
- A follow-up is searched with its rule rewrite (`standalone_question`), but the generator is asked
  the user's own words with the previous question as context (prompts/answer_followup_*.txt).
- After generation, `verify.verify_answer` keeps, corrects or drops each sentence. When too little
  survives, the answer is in the wrong language, or what survives shares no content word with the
  question, the extractive answer replaces it (verification.fallback=True, reason says why), unless
  its sentences do not address the question either (`abstain.fallback_addresses`): then it abstains.
- The bundled 1.5B model almost never writes [n] itself (1 of 12-18 sentences, bench_llm --quick),
  with or without an example answer line in the prompt (tried in the system text and in the user
  message: no gain, longer answers), so verification attaches the citations.
- The prompt holds `settings.prompt_passages` sources, each cut to its sentences most similar to the
  question (`PROMPT_SOURCE_CHARS`), labelled by study id: prompt tokens are the local model's cost.
- LLM failures (server down, timeout, any exception while generating): the extractive answer is
  given instead, with verification.fallback=True and a reason that says what failed and what to do.
  The user still gets a cited answer; the UI and CLI show the reason.
- Empty or overlong questions raise `InputError`; an empty store raises `StoreError`.
It does not load models or open the store: `cpassist.build` does.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from cpassist.abstain import absent_name, abstain_message, fallback_addresses, should_abstain
from cpassist.answer_type import evidence_lacks_answer_type, unnamed_members
from cpassist.errors import InputError, StoreError
from cpassist.evidence import content_stems, index_for, split_sentences
from cpassist.extractive import extractive_answer
from cpassist.focus import premise_of
from cpassist.grounding import ClaimChecker
from cpassist.language import detect_language
from cpassist.prompts import render
from cpassist.rewrite import as_turns, default_method, is_follow_up, rewrite
from cpassist.sanitize import fence_safe
from cpassist.schema import (
    AnswerResult,
    ChatTurn,
    Citation,
    Passage,
    SentenceCheck,
    StreamEvent,
    Timings,
    VerificationReport,
)
from cpassist.settings import Settings
from cpassist.verify import Claim, studies_named, study_names, verify_answer

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from cpassist.retrieval import HybridRetriever

#: Longest source text put in a prompt (characters): the sentences of the passage most similar to the
#: question are kept, in their order. Prompt evaluation (~70 tok/s on 2 cores) dominates the local
#: model's time to first token, so every source sentence costs about 0.4 s. Measured (bench_llm
#: --quick, 2 prompt passages, load ~1.5): 320 chars -> TTFT p50 2.90 s, 260 -> 2.55 s, same answers.
PROMPT_SOURCE_CHARS = 260


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def _addresses(question: str, claims: Sequence[Claim]) -> bool:
    """Whether some claim shares a content word with the question (a verified but off-question
    answer, e.g. the methods when asked who initiated the programme, is replaced)."""
    stems = content_stems(question)
    return not stems or any(stems & content_stems(c.text) for c in claims)


def _with_marker(text: str, numbers: Sequence[int]) -> str:
    marker = "".join(f"[{n}]" for n in numbers)
    match = re.search(r"[.!?:]+$", text)
    if match:
        return f"{text[: match.start()]} {marker}{match.group(0)}"
    return f"{text} {marker}"


#: "Which study mentions X?": the answer names the study of each quote.
_WHICH_STUDY = re.compile(
    r"\b(which|what) (of the (two )?)?(study|studies|thesis|research|paper|document|report)\b|"
    r"\b(studi|penelitian|skripsi|dokumen|laporan) (mana|apa)\b|\bdi (studi|penelitian) mana\b",
    re.IGNORECASE,
)
_TYPE_NAMES = {
    "en": {
        "count": "number", "year": "year", "money": "amount of money", "person": "author's name",
        "place": "place", "institution": "university or institution", "recommendation":
        "recommendation",
    },
    "id": {
        "count": "angka", "year": "tahun", "money": "jumlah uang", "person": "nama penulis",
        "place": "tempat", "institution": "nama universitas atau lembaga", "recommendation":
        "rekomendasi",
    },
}  # fmt: skip


def _with_detail(message: str, detail: str) -> str:
    """`message` with `detail` inserted after its first sentence."""
    detail = detail.strip()
    if not detail:
        return message
    head, sep, tail = message.partition(". ")
    return f"{head}. {detail} {tail}" if sep else f"{message} {detail}"


_LANGUAGE_NAMES = {
    "en": {"id": "Indonesian", "en": "English"},
    "id": {"id": "bahasa Indonesia", "en": "bahasa Inggris"},
}
#: Verdict reasons (grounding.ClaimChecker) that mean the sources say the opposite of a premise.
_CONTRADICTIONS = (
    "the trend is the opposite",
    "the source says the opposite",
    "who helps whom is reversed",
    "the ordinal",
    "method ",
    "the actor",
)


def _verbatim(text: str, sources: Sequence[Passage], used: Sequence[int]) -> bool:
    return any(text in sources[i].text for i in used)


def _quoted_report(claims: Sequence[Claim]) -> VerificationReport:
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


class Assistant:
    """Answers questions about the ingested studies with verified [n] citations."""

    def __init__(
        self,
        retriever: HybridRetriever,
        chat_model: BaseChatModel | None,
        embeddings: Embeddings,
        settings: Settings,
        generator_name: str = "extractive",
    ) -> None:
        self.retriever = retriever
        self.chat_model = chat_model
        self.settings = settings
        self.generator_name = generator_name if chat_model is not None else "extractive"
        self.index = index_for(embeddings)
        method = settings.rewrite
        self.rewrite_method = default_method(self.generator_name) if method == "auto" else method

    # --- public API --------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[ChatTurn | dict] | None = None) -> AnswerResult:
        """The verified answer to `question` (with the conversation so far in `history`)."""
        for event in self.stream(question, history):
            if event.type == "final" and event.result is not None:
                return event.result
        raise RuntimeError("stream ended without a final event")  # pragma: no cover

    def stream(
        self, question: str, history: Sequence[ChatTurn | dict] | None = None
    ) -> Iterator[StreamEvent]:
        """Token events as the answer is written, then one final event with the verified result."""
        start = time.perf_counter()
        question = self._check_question(question)
        try:
            turns = as_turns(history)
        except ValidationError as exc:
            raise InputError(
                'History must be a list of {"role": "user"|"assistant", "content": "..."} turns.'
            ) from exc
        timings = Timings()

        t = time.perf_counter()
        standalone = (
            rewrite(question, turns, self.rewrite_method, self.chat_model).strip() or question
        )
        previous = next((x.content for x in reversed(turns) if x.role == "user"), "")
        language = detect_language(question, default=detect_language(previous, default="en"))
        passages = self.retriever.search(standalone, k=self.settings.top_k)
        if not passages:
            raise StoreError(
                "The store is empty: run `cpassist ingest` to add the bundled studies "
                "(or `cpassist ingest PATH` for your own files)."
            )
        timings.retrieve_ms = _ms(t)

        lang = "id" if language == "id" else "en"
        abstain, score = should_abstain(standalone, passages, self.index)
        if abstain:
            reason = f"evidence too weak: relevance {score:.2f} below the calibrated threshold"
            yield self._final_abstain(
                question, standalone, language, passages, reason, timings, start
            )
            return

        # the gates look at every hit; the LLM's prompt may show fewer (`prompt_passages`)
        hits = self.sources_for(passages, language, self.settings.top_k, question=standalone)
        hit_companions = self.companions_for(hits, passages)
        evidence = [*hits, *(p for group in hit_companions.values() for p in group)]
        evidence_texts = [p.text for p in evidence]
        absent = absent_name(standalone, evidence)
        missing = "" if absent else evidence_lacks_answer_type(standalone, evidence_texts)
        vague = "" if absent or missing else unnamed_members(standalone, evidence_texts)
        if absent or missing or vague:
            if absent:
                reason = f"the question names {absent!r}, which no passage found mentions"
                detail = render(f"abstain_absent_{lang}", term=absent)
            elif vague:
                reason = f"the studies mention {vague} only vaguely and never name them"
                detail = render(f"abstain_vague_{lang}", noun=vague)
            else:
                reason = f"the question asks for a {missing} and no passage found contains one"
                detail = render(f"abstain_type_{lang}", kind=_TYPE_NAMES[lang][missing])
            yield self._final_abstain(
                question, standalone, language, passages, reason, timings, start, detail=detail
            )
            return
        if self.chat_model is None:
            sources, companions = hits, hit_companions
        else:
            limit = self.settings.prompt_passages
            sources = self.sources_for(passages, language, limit, question=standalone)
            companions = self.companions_for(sources, passages)

        report = VerificationReport()
        if self.chat_model is None:
            t = time.perf_counter()
            claims = extractive_answer(standalone, sources, self.index)
            timings.generate_ms = _ms(t)
            t = time.perf_counter()
            claims, premise = self._correct_premise(standalone, sources, companions, claims)
            report = _quoted_report(claims)
            timings.verify_ms = _ms(t)
            answer, citations = self._compose(
                claims,
                sources,
                report,
                language,
                premise,
                _WHICH_STUDY.search(question) is not None,
            )
            yield StreamEvent(type="token", text=answer)
        else:
            t = time.perf_counter()
            raw, error = "", ""
            try:
                asked = self.generator_question(question, standalone, previous, language)
                excerpts: dict[int, str] = {}
                if self.settings.llm_evidence == "selected":
                    sources, excerpts = self.selected_evidence(standalone, passages, language)
                    companions = self.companions_for(sources, passages)
                messages = self.messages(
                    asked, language, sources, focus=standalone, excerpts=excerpts
                )
                for chunk in self.chat_model.stream(messages):
                    text = chunk.content if isinstance(chunk.content, str) else str(chunk.content)
                    if text:
                        raw += text
                        yield StreamEvent(type="token", text=text)
            except Exception as exc:  # noqa: BLE001 - any model failure falls back, with the reason
                error = self._model_failure(exc)
            timings.generate_ms = _ms(t)

            t = time.perf_counter()
            if error:
                sources = self.sources_for(passages, language, self.settings.top_k, standalone)
                companions = self.companions_for(sources, passages)
                claims = extractive_answer(standalone, sources, self.index)
                report = VerificationReport(fallback=True, reason=error)
            else:
                verified = verify_answer(
                    raw, sources, self.index, language, question=standalone, companions=companions
                )
                report = verified.report
                if verified.unknown:
                    timings.verify_ms = _ms(t)
                    yield self._final_abstain(
                        question,
                        standalone,
                        language,
                        passages,
                        report.reason,
                        timings,
                        start,
                        report,
                    )
                    return
                claims = verified.claims
                if claims and not verified.needs_fallback and not _addresses(standalone, claims):
                    verified.needs_fallback = True
                    report.reason = "the supported sentences do not address the question"
                if verified.needs_fallback:
                    # the fallback quotes from every hit, not only the prompt's few sources
                    report.sentences = [c for c in report.sentences if c.status == "dropped"]
                    sources = self.sources_for(passages, language, self.settings.top_k, standalone)
                    companions = self.companions_for(sources, passages)
                    claims = extractive_answer(standalone, sources, self.index)
                    report.fallback = True
                else:
                    claims = self._each_named_study(standalone, sources, claims, report)
            if report.fallback and not fallback_addresses(
                standalone, [c.text for c in claims], self.index
            ):
                timings.verify_ms = _ms(t)
                yield self._final_abstain(
                    question,
                    standalone,
                    language,
                    passages,
                    f"{report.reason}; the evidence found does not address the question",
                    timings,
                    start,
                    report,
                )
                return
            claims, premise = self._correct_premise(standalone, sources, companions, claims)
            if report.fallback:
                # what was dropped from the generated answer, then the quotes that replaced it
                report.sentences = [
                    c for c in report.sentences if c.status == "dropped"
                ] + _quoted_report(claims).sentences
            timings.verify_ms = _ms(t)
            answer, citations = self._compose(
                claims,
                sources,
                report,
                language,
                premise,
                _WHICH_STUDY.search(question) is not None,
            )

        if not claims:
            yield self._final_abstain(
                question,
                standalone,
                language,
                passages,
                "no evidence sentence found",
                timings,
                start,
            )
            return
        timings.total_ms = _ms(start)
        result = AnswerResult(
            question=question,
            answer=answer,
            language=language,
            abstained=False,
            standalone_question=standalone,
            citations=citations,
            contexts=passages,
            verification=report,
            timings=timings,
            generator=self.generator_name,
        )
        yield StreamEvent(type="final", result=result)

    # --- parts (public so the eval and tests can look at them) -------------------------------
    def sources_for(
        self, passages: Sequence[Passage], language: str, limit: int, question: str = ""
    ) -> list[Passage]:
        """The question-language version of each hit (its parallel when the hit is in the other
        language and a parallel exists), without repeats, at most `limit`, in rank order. When
        `question` names several studies (`verify.studies_named`), the best hit of each comes in
        before the second hits of any."""
        by_id = {p.chunk_id: p for p in passages}
        hits = [p for p in passages if p.parallel_of is None]
        wanted = [
            pid
            for hit in hits
            if hit.language != language
            for pid in hit.parallel_ids
            if pid not in by_id
        ]
        if wanted:
            by_id.update({p.chunk_id: p for p in self.retriever.get_by_ids(wanted)})
        out: list[Passage] = []
        seen: set[str] = set()
        for hit in hits:
            choice = hit
            if hit.language != language:
                same = [
                    by_id[i]
                    for i in hit.parallel_ids
                    if i in by_id and by_id[i].language == language
                ]
                if same:
                    choice = same[0]
            if choice.chunk_id in seen:
                continue
            seen.add(choice.chunk_id)
            out.append(choice)
        named = studies_named(question, study_names(out)) if question else set()
        if len(named) < 2 or len(out) <= limit:
            return out[:limit]
        firsts = {next(i for i, p in enumerate(out) if p.study == study) for study in named}
        rest = [i for i in range(len(out)) if i not in firsts]
        keep = sorted(sorted(firsts)[:limit] + rest[: max(0, limit - len(firsts))])
        return [out[i] for i in keep]

    def companions_for(
        self, sources: Sequence[Passage], passages: Sequence[Passage]
    ) -> dict[int, list[Passage]]:
        """The other-language versions (parallel passages) of each source, by source index."""
        by_id = {p.chunk_id: p for p in passages}
        wanted = [pid for s in sources for pid in s.parallel_ids if pid not in by_id]
        if wanted:
            by_id.update({p.chunk_id: p for p in self.retriever.get_by_ids(wanted)})
        return {
            i: [by_id[pid] for pid in s.parallel_ids if pid in by_id]
            for i, s in enumerate(sources)
            if any(pid in by_id for pid in s.parallel_ids)
        }

    def _correct_premise(
        self,
        question: str,
        sources: Sequence[Passage],
        companions: dict[int, list[Passage]],
        claims: list[Claim],
    ) -> tuple[list[Claim], bool]:
        """`claims` led by the source sentence that contradicts the premise of a why / yes-no
        question ("Why did cases fall?" when the study says they did not fall consistently), and
        whether it does. Only a contradiction counts (opposite trend or negation, reversed roles,
        another ordinal, method or actor), never a premise the sources merely do not mention."""
        premise = premise_of(question)
        if not premise or not sources:
            return claims, False
        verdict = ClaimChecker(sources, self.index, companions).check(premise)
        if verdict.ok or not verdict.grounding or not verdict.reason.startswith(_CONTRADICTIONS):
            return claims, False
        if claims:  # the answer to the question is what the studies say instead
            return claims, True
        source, sentence = verdict.grounding[0]
        if sentence not in split_sentences(sources[source].text):
            return claims, False  # the contradicting sentence is in the other-language version
        return [Claim(text=sentence, sources=[source])], True

    def generator_question(
        self, question: str, standalone: str, previous: str, language: str
    ) -> str:
        """What the generator is asked: the user's own words; a follow-up gets the previous
        question as context (the rule-rewritten search text, "Nepal ECPAT: Lalu apa
        keuntungannya?", made the local model loop; the follow-up with its context did not)."""
        if not previous or not (standalone != question or is_follow_up(question)):
            return question
        lang = "id" if language == "id" else "en"
        return render(f"answer_followup_{lang}", question=question, previous=previous).strip()

    def selected_evidence(
        self, question: str, passages: Sequence[Passage], language: str
    ) -> tuple[list[Passage], dict[int, str]]:
        """The prompt's sources and what it shows of each: the sentences the extractive selection
        picks for `question` from every hit (by what the question asks), grouped by their source,
        at most `prompt_passages` sources. Empty excerpts when nothing is picked."""
        wide = self.sources_for(passages, language, self.settings.top_k, question)
        picked = extractive_answer(question, wide, self.index)
        order = list(dict.fromkeys(i for c in picked for i in c.sources))
        order = order[: self.settings.prompt_passages]
        if not order:
            limit = self.settings.prompt_passages
            return self.sources_for(passages, language, limit, question), {}
        excerpts = {
            n: " ".join(c.text for c in picked if c.sources and c.sources[0] == i)
            for n, i in enumerate(order)
        }
        return [wide[i] for i in order], excerpts

    def messages(
        self,
        question: str,
        language: str,
        sources: Sequence[Passage],
        focus: str = "",
        excerpts: dict[int, str] | None = None,
    ) -> list[Any]:
        """The chat messages for the generator: fixed rules, then the sources (each shown as its
        `excerpts` entry, else cut to its sentences nearest `focus`, default `question`); the
        question last."""
        from langchain_core.messages import HumanMessage, SystemMessage

        excerpts = excerpts or {}
        blocks = "\n".join(
            render(
                "answer_source",
                n=i,
                study=fence_safe(s.study),
                text=fence_safe(excerpts.get(i - 1) or self._focus(s.text, focus or question)),
            ).strip()
            for i, s in enumerate(sources, 1)
        )
        lang = "id" if language == "id" else "en"
        return [
            SystemMessage(content=render("answer_system", sources=blocks).strip()),
            HumanMessage(content=render(f"answer_user_{lang}", question=question).strip()),
        ]

    # --- helpers -----------------------------------------------------------------------------
    def _each_named_study(
        self,
        question: str,
        sources: Sequence[Passage],
        claims: list[Claim],
        report: VerificationReport,
    ) -> list[Claim]:
        """`claims` plus the best evidence sentence of each study the question names that no
        verified sentence cites (a cross-study question answered for one study only)."""
        named = studies_named(question, study_names(sources))
        cited = {sources[i].study for c in claims for i in c.sources}
        added = []
        for study in sorted(named - cited):
            own = [i for i, s in enumerate(sources) if s.study == study]
            extra = extractive_answer(question, [sources[i] for i in own], self.index, 1)
            added += [Claim(text=c.text, sources=[own[i] for i in c.sources]) for c in extra]
        if added:
            note = (
                f"added the best evidence sentence of {len(added)} study(ies) the answer left out"
            )
            report.reason = "; ".join(x for x in (report.reason, note) if x)
        return claims + added

    def _focus(self, text: str, question: str, limit: int = PROMPT_SOURCE_CHARS) -> str:
        """`text` cut to its sentences most similar to `question` (at least one), in text order."""
        if len(text) <= limit:
            return text
        sentences = split_sentences(text)
        cosines = self.index.cosines(question, sentences)
        keep: set[int] = set()
        used = 0
        for i in sorted(range(len(sentences)), key=lambda i: -cosines[i]):
            if keep and used + len(sentences[i]) + 1 > limit:
                continue
            keep.add(i)
            used += len(sentences[i]) + 1
        return " ".join(sentences[i] for i in sorted(keep))

    def _check_question(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise InputError(
                "The question is empty: ask something about the studies, e.g. "
                '"Apa tujuan kerja sama Nepal dan ECPAT?"'
            )
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise InputError(
                f"The question is {len(question)} characters long; the limit is {limit} "
                "(CPASSIST_MAX_QUESTION_CHARS). Shorten it or ask in parts."
            )
        return question

    def _model_failure(self, exc: Exception) -> str:
        name = self.generator_name
        hint = {
            "openai": f"check that the server at {self.settings.openai_base_url} is running "
            "(CPASSIST_OPENAI_BASE_URL)",
            "ollama": f"check that Ollama runs at {self.settings.ollama_url} (CPASSIST_OLLAMA_URL)",
        }.get(name, "check the model setup with `cpassist info`")
        return (
            f"the {name} generator failed ({type(exc).__name__}: {str(exc)[:200]}); extractive "
            f"answer given instead: {hint}, or use --generator extractive"
        )

    def _compose(
        self,
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
            if source_language != language and _verbatim(text, sources, claim.sources):
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
            text = _with_marker(text, nums)
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
            )
            for i, n in sorted(number.items(), key=lambda item: item[1])
        ]
        return " ".join(sentences).replace(" \n- ", "\n- "), citations

    def _final_abstain(
        self,
        question: str,
        standalone: str,
        language: str,
        passages: Sequence[Passage],
        reason: str,
        timings: Timings,
        start: float,
        report: VerificationReport | None = None,
        detail: str = "",
    ) -> StreamEvent:
        """The refusal in the user's language, naming the available studies, with `detail` (why,
        in the user's language) after its first sentence when given."""
        titles: dict[str, str] = {}  # one title per study, in the question's language when stored
        for p in passages:
            if p.study not in titles or p.language == language:
                titles[p.study] = p.title
        report = report or VerificationReport()
        report.reason = reason
        timings.total_ms = _ms(start)
        result = AnswerResult(
            question=question,
            answer=_with_detail(abstain_message(language, list(titles.values())), detail),
            language=language,
            abstained=True,
            standalone_question=standalone,
            citations=[],
            contexts=list(passages),
            verification=report,
            timings=timings,
            generator=self.generator_name,
        )
        return StreamEvent(type="final", result=result)
