"""The answer path: prepare -> retrieve -> gate -> generate -> check -> compose.

`Assistant.stream` yields token events as the generator writes, then one final event whose result is
the verified answer; `ask` consumes the stream. Each step is a method taking the `Turn` (question,
standalone rewrite, language detected once, hits, evidence):
- prepare: check the question, rewrite a follow-up (rule rewrite for search; the generator is asked the
  user's own words with the previous question as context), detect the language once;
- retrieve: hybrid search; the evidence is the question-language version of each hit, with the
  other-language versions as companions;
- gate (`cpassist.gate`): refuse, saying why, when the evidence cannot answer;
- generate: the extractive answer, or the LLM (any LangChain chat model) shown the selected evidence
  sentences (`settings.llm_evidence`), streamed; a model failure is recorded, not raised;
- check: every generated sentence through `verify.verify_answer` (the claim checker); the extractive
  answer over every hit replaces a draft of which too little survives; a false premise is corrected;
- compose (`cpassist.compose`): renumbered citations, product lines in the user's language.
Empty or overlong questions raise `InputError`; an empty store raises `StoreError`. It does not load
models or open the store: `cpassist.build` does. Decisions and figures: docs/decisions.md.
"""

from __future__ import annotations

import re
import time
from collections.abc import Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from cpassist.amend import (
    addresses,
    correct_premise,
    each_named_study,
    misses_ordinal,
    with_best_quote,
)
from cpassist.compose import compose_answer, quoted_report, refusal_text
from cpassist.continuity import CONTEXT_CHARS, continued_document
from cpassist.errors import InputError, ModelError, StoreError
from cpassist.evidence import index_for
from cpassist.extractive import extractive_answer
from cpassist.focus import WHICH_STUDY, given_premise
from cpassist.fusion import interleaved
from cpassist.gate import Refusal, gate
from cpassist.informal import normalize
from cpassist.language import question_language
from cpassist.prompting import answer_messages, generator_question
from cpassist.rewrite import as_turns, default_method, rewrite
from cpassist.schema import AnswerResult, ChatTurn, Passage, StreamEvent, VerificationReport
from cpassist.settings import Settings
from cpassist.study_mix import about_named, rests_on_another_report
from cpassist.turn import Checked, Draft, Turn, checked_question, ms_since
from cpassist.verify import Claim, verify_answer
from cpassist.versions import companions, question_language_sources
from cpassist.widen import rest_of_document

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from cpassist.retrieval import HybridRetriever


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
        """Token events as the answer is written, then one final event with the verified result:
        prepare -> retrieve -> gate -> generate -> check -> compose."""
        turn = self.prepare(question, history)
        self.retrieve(turn)
        refusal = self.gate(turn)
        if refusal is not None:
            corrected = self._premise_instead(turn, refusal)
            if corrected is None:
                yield self._refuse(turn, refusal)
                return
            yield StreamEvent(type="final", result=self.compose(turn, corrected))
            return
        draft = yield from self.generate(turn)
        checked = self.check(turn, draft)
        if isinstance(checked, Refusal):
            yield self._refuse(turn, checked, draft.report)
            return
        result = self.compose(turn, checked)
        if self.chat_model is None:  # the extractive answer arrives whole
            yield StreamEvent(type="token", text=result.answer)
        yield StreamEvent(type="final", result=result)

    # --- the steps ---------------------------------------------------------------------------
    def prepare(self, question: str, history: Sequence[ChatTurn | dict] | None) -> Turn:
        """The checked question, its standalone rewrite and its language (detected once here)."""
        start = time.perf_counter()
        question = checked_question(question, self.settings.max_question_chars)
        try:
            turns = as_turns(history)
        except ValidationError as exc:
            raise InputError(
                'History must be a list of {"role": "user"|"assistant", "content": "..."} turns.'
            ) from exc
        standalone = (
            rewrite(normalize(question), turns, self.rewrite_method, self.chat_model).strip()
            or question
        )
        previous = next((x.content for x in reversed(turns) if x.role == "user"), "")
        language = question_language(question, default=question_language(previous, default="en"))
        answered = next((x.content for x in reversed(turns) if x.role == "assistant"), "")
        turn = Turn(question, standalone, previous, language, start=start, previous_answer=answered)
        turn.timings.retrieve_ms = ms_since(start)  # the rewrite counts with retrieval
        return turn

    def retrieve(self, turn: Turn) -> None:
        """The hits for the standalone question (and, taken in turn with them, those for what a
        "Since X, ...?" question states), and the question-language version of each (with the
        other-language versions as companions) as the evidence."""
        t = time.perf_counter()
        turn.passages = self.retriever.search(turn.standalone, k=self.settings.top_k)
        given = given_premise(turn.standalone)
        if given:  # "Since most child beggars are girls, are there programmes for girls?": what
            # the premise states is looked up too, or only the programmes are found
            stated = self.retriever.search(given, k=self.settings.top_k)
            turn.passages = interleaved(stated, turn.passages, self.settings.top_k)
        study = continued_document(  # a follow-up stays with the previous question's document
            turn.question,
            turn.standalone,
            f"{turn.previous} {turn.previous_answer[:CONTEXT_CHARS]}".strip(),
            lambda text: self.retriever.search(text, k=self.settings.top_k),
        )
        if study and any(p.study != study for p in turn.passages):
            own = self.retriever.restricted_to([study]).search(
                turn.standalone, k=self.settings.top_k
            )
            turn.passages = own or turn.passages
        if not turn.passages:
            raise StoreError(
                "The store is empty: run `cpassist ingest` to add the bundled studies "
                "(or `cpassist ingest PATH` for your own files)."
            )
        turn.sources = self.sources_for(
            turn.passages, turn.language, self.settings.top_k, question=turn.standalone
        )
        turn.sources += rest_of_document(  # a one-language document asked in the other language
            turn.standalone,
            turn.language,
            turn.sources,
            self.retriever.document_passages,
            self.settings.widen_other_language,
            lambda study, k: self.retriever.restricted_to([study]).search(turn.standalone, k=k),
        )
        turn.companions = self.companions_for(turn.sources, turn.passages)
        turn.timings.retrieve_ms += ms_since(t)

    def gate(self, turn: Turn) -> Refusal | None:
        """Why the evidence cannot answer the question (`cpassist.gate`), or None."""
        evidence = [*turn.sources, *(p for group in turn.companions.values() for p in group)]
        asked = dict.fromkeys(p.study for p in about_named(turn.standalone, evidence))
        documents = [
            "\n".join(p.text for p in self.retriever.document_passages(study)) for study in asked
        ]
        return gate(turn.standalone, turn.passages, evidence, self.index, turn.language, documents)

    def _premise_instead(self, turn: Turn, refusal: Refusal) -> Checked | None:
        """The sentence that contradicts what the question takes for granted, when the gate found
        no answer of the asked type ("How many children were surveyed?" of a study that used no
        survey), or a year, group or place the documents never give: the premise is corrected
        rather than the question refused."""
        if not refusal.reason.startswith(
            ("the question asks for a", "the question asks about", "the question names")
        ):
            return None  # (a year or place the documents never mention: "Why did it start in
            # 2010?", "Why were Bukittinggi schools the control group?")
        claims, premise = correct_premise(
            turn.standalone, turn.sources, turn.companions, [], self.index
        )
        if not premise or not claims:
            return None
        if (
            refusal.ungiven
            and _YES_NO.match(turn.standalone)
            and refusal.ungiven.lower() not in claims[0].text.lower()
        ):
            return None  # "Apakah nilai akademik ... lebih bagus?" of reports that never give it:
            # a sentence not naming it corrects nothing (a "why ...?" premise is still corrected)
        if refusal.reason.startswith("the question names") and not _names_the_report(
            turn.standalone, refusal.reason, [turn.sources[i] for c in claims for i in c.sources]
        ):
            return None  # a correction quoting another report is none
        return Checked(claims, turn.sources, quoted_report(claims), premise)

    def generate(self, turn: Turn) -> Generator[StreamEvent, None, Draft]:
        """The draft: the extractive answer, or the LLM's text (streamed as token events) over the
        evidence it is shown; a model failure is recorded, not raised."""
        t = time.perf_counter()
        if self.chat_model is None:
            claims = extractive_answer(turn.standalone, turn.sources, self.index)
            turn.timings.generate_ms = ms_since(t)
            return Draft(claims=claims, sources=turn.sources, companions=turn.companions)
        sources, companions = turn.sources, turn.companions
        raw, error = "", ""
        try:
            asked = self.generator_question(
                turn.question, turn.standalone, turn.previous, turn.language
            )
            excerpts: dict[int, str] = {}
            if self.settings.llm_evidence == "selected":
                sources, excerpts = self.selected_evidence(
                    turn.standalone, turn.passages, turn.language, turn.sources
                )
            else:
                sources = self.sources_for(
                    turn.passages,
                    turn.language,
                    self.settings.prompt_passages,
                    question=turn.standalone,
                )
            companions = self.companions_for(sources, turn.passages)
            messages = self.messages(
                asked, turn.language, sources, focus=turn.standalone, excerpts=excerpts
            )
            for chunk in self.chat_model.stream(messages):
                text = chunk.content if isinstance(chunk.content, str) else str(chunk.content)
                if text:
                    raw += text
                    yield StreamEvent(type="token", text=text)
        except Exception as exc:  # noqa: BLE001 - any model failure falls back, with the reason
            error = self._model_failure(exc)
        turn.timings.generate_ms = ms_since(t)
        return Draft(raw=raw, error=error, sources=sources, companions=companions)

    def check(self, turn: Turn, draft: Draft) -> Checked | Refusal:
        """The verified claims: an LLM draft sentence by sentence (`verify.verify_answer`), with the
        extractive answer over every hit when too little survives or the model failed; a corrected
        premise first. A refusal when the model says it does not know or nothing addresses the
        question."""
        t = time.perf_counter()
        try:
            return self._check(turn, draft)
        finally:
            turn.timings.verify_ms = ms_since(t)

    def _check(self, turn: Turn, draft: Draft) -> Checked | Refusal:
        standalone = turn.standalone
        if self.chat_model is None:
            claims, premise = correct_premise(
                standalone, draft.sources, draft.companions, draft.claims, self.index
            )
            if not claims:
                return Refusal("no evidence sentence found")
            return Checked(claims, draft.sources, quoted_report(claims), premise)
        sources, companions = draft.sources, draft.companions
        if draft.error:
            report = VerificationReport(fallback=True, reason=draft.error)
            claims: list[Claim] = []
        else:
            verified = verify_answer(
                draft.raw, sources, self.index, turn.language, question=standalone,
                companions=companions,
            )  # fmt: skip
            report = verified.report
            draft.report = report
            if verified.unknown:
                # a small model's "not in the sources" is checked like an unsupported answer: the
                # extractive answer is given instead (the gate already judged the evidence)
                verified.needs_fallback = True
            claims = verified.claims
            if claims and not verified.needs_fallback and not addresses(standalone, claims):
                verified.needs_fallback = True
                report.reason = "the supported sentences do not address the question"
            elif not verified.needs_fallback and misses_ordinal(
                standalone, turn.sources, claims, report, self.index
            ):
                verified.needs_fallback = True
                report.reason = "the answer rests on no sentence carrying the place asked for"
            elif not verified.needs_fallback and rests_on_another_report(
                standalone, sources, claims
            ):
                verified.needs_fallback = True  # "Who led the PATBM evaluation in Kupang?": "led
                # by the Timor Centre ..." of another Kupang study is no answer about this one
                report.reason = "a sentence rests only on a report the question does not ask about"
            if verified.needs_fallback:
                report.fallback = True
            else:
                claims = each_named_study(standalone, sources, claims, report, self.index)
                claims, sources = with_best_quote(
                    standalone, sources, turn.sources, claims, report, self.index
                )
        if report.fallback:  # the fallback quotes from every hit, not only the prompt's few
            sources, companions = turn.sources, turn.companions
            claims = extractive_answer(standalone, sources, self.index)
            draft.report = report
        claims, premise = correct_premise(standalone, sources, companions, claims, self.index)
        if not premise and sources is not turn.sources:
            # the prompt's few passages may lack the one that says otherwise ("higher in West
            # Kalimantan (31.6%) than in Riau (24.1%)"): every hit is read for it, and then its
            # quote is the answer, as the extractive generator would give it
            corrected, premise = correct_premise(
                standalone, turn.sources, turn.companions, [], self.index
            )
            if premise:
                claims, sources = corrected, turn.sources
                report.fallback = True
                report.reason = "the premise is contradicted by a passage the prompt did not show"
        if report.fallback:  # what was dropped from the generated answer, then its replacement
            report.sentences = [
                c for c in report.sentences if c.status == "dropped"
            ] + quoted_report(claims).sentences
        if not claims:
            return Refusal("no evidence sentence found")
        return Checked(claims, sources, report, premise)

    def compose(self, turn: Turn, checked: Checked) -> AnswerResult:
        """The answer the user reads, with its citations (`cpassist.compose`)."""
        answer, citations = compose_answer(
            checked.claims,
            checked.sources,
            checked.report,
            turn.language,
            checked.premise_corrected,
            WHICH_STUDY.search(turn.question) is not None,
        )
        turn.timings.total_ms = ms_since(turn.start)
        return AnswerResult(
            question=turn.question,
            answer=answer,
            language=turn.language,
            abstained=False,
            standalone_question=turn.standalone,
            citations=citations,
            contexts=turn.passages,
            verification=checked.report,
            timings=turn.timings,
            generator=self.generator_name,
        )

    # --- parts (public so the eval and tests can look at them) -------------------------------
    def sources_for(
        self, passages: Sequence[Passage], language: str, limit: int, question: str = ""
    ) -> list[Passage]:
        """The question-language version of each hit (`versions.question_language_sources`)."""
        return question_language_sources(
            passages, language, limit, self.retriever.get_by_ids, question
        )

    def companions_for(
        self, sources: Sequence[Passage], passages: Sequence[Passage]
    ) -> dict[int, list[Passage]]:
        """The other-language versions of each source, by source index (`versions.companions`)."""
        return companions(sources, passages, self.retriever.get_by_ids)

    def generator_question(
        self, question: str, standalone: str, previous: str, language: str
    ) -> str:
        """What the generator is asked (`prompting.generator_question`)."""
        return generator_question(question, standalone, previous, language)

    def selected_evidence(
        self,
        question: str,
        passages: Sequence[Passage],
        language: str,
        wide: Sequence[Passage] | None = None,
    ) -> tuple[list[Passage], dict[int, str]]:
        """The prompt's sources and what it shows of each: the sentences the extractive selection
        picks for `question` from every source (`wide`: the turn's, else every hit's question-
        language version), grouped by their source, at most `prompt_passages` sources. Empty
        excerpts when nothing is picked."""
        if wide is None:
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
        """The chat messages for the generator (`prompting.answer_messages`)."""
        return answer_messages(question, language, sources, self.index, focus, excerpts)

    # --- helpers -----------------------------------------------------------------------------
    def _model_failure(self, exc: Exception) -> str:
        name = self.generator_name
        hint = {
            "openai": f"check that the server at {self.settings.openai_base_url} is running "
            "(CPASSIST_OPENAI_BASE_URL)",
            "ollama": f"check that Ollama runs at {self.settings.ollama_url} (CPASSIST_OLLAMA_URL)",
        }.get(name, "check the model setup with `cpassist info`")
        if isinstance(exc, ModelError):  # from the LLM boundary: its message says what to do
            return f"the {name} generator failed: {exc} Extractive answer given instead."
        return (
            f"the {name} generator failed ({type(exc).__name__}: {str(exc)[:200]}); extractive "
            f"answer given instead: {hint}, or use --generator extractive"
        )

    def _refuse(
        self, turn: Turn, refusal: Refusal, report: VerificationReport | None = None
    ) -> StreamEvent:
        """The final event of a refusal: the message in the user's language (with why), the
        closest passages in `contexts`, the reason in the report."""
        report = report or VerificationReport()
        report.reason = refusal.reason
        turn.timings.total_ms = ms_since(turn.start)
        result = AnswerResult(
            question=turn.question,
            answer=refusal_text(turn.language, turn.passages, refusal.detail),
            language=turn.language,
            abstained=True,
            standalone_question=turn.standalone,
            citations=[],
            contexts=list(turn.passages),
            verification=report,
            timings=turn.timings,
            generator=self.generator_name,
        )
        return StreamEvent(type="final", result=result)


#: A yes/no question: it asks whether, it states nothing.
_YES_NO = re.compile(
    r"^\s*(apakah|apa benar|did|does|do|is|are|was|were|has|have|had|can|could|will)\b", re.I
)


def _names_the_report(question: str, reason: str, cited: Sequence[Passage]) -> bool:
    """Whether every name of `question` but the one the gate found nowhere (quoted in `reason`)
    is written in the report the correction quotes ("Why were Bukittinggi schools the control
    group of the Padang SRA evaluation?": Padang and SRA are; for "the Pematangsiantar evaluation"
    no other name is, and another report's sentence corrects nothing)."""
    from cpassist.text import named_terms, stem, words

    absent = re.search(r"names '([^']+)'", reason)
    missing = {stem(w.lower()) for w in words(absent.group(1))} if absent else set()
    others = named_terms(question) - missing
    if not others or not cited:
        return False
    said = {stem(w.lower()) for p in cited for w in words(f"{p.text} {p.title}")}
    return others <= said
