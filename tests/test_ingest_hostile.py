"""Hostile and careless input through the real ingest (real Chroma, real e5, the `cpassist ingest`
CLI): every bad file kind is skipped with a one-line reason and the good files after it are
ingested; identical text in two files and colliding upload names never lose data; an upload cannot
take a bundled study's title; control characters never reach stored text; store calls are batched."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import cpassist.ingest.sync as sync
from cpassist import cli
from cpassist.ingest.pipeline import ingest_paths
from tests.conftest import NEPAL
from tests.hostile_files import (
    bomb_docx,
    malformed_docx,
    nested_content_pdf,
    nested_pdf,
    text_pdf,
)
from tests.test_ingest_loaders import make_docx

GOOD_EN = (
    "The helpline in Lombok received most calls from girls aged thirteen to seventeen. "
    "Volunteers referred urgent cases to the district social office."
)
GOOD_ID = (
    "Program ini melatih kader desa untuk melaporkan kasus eksploitasi anak. "
    "Jumlah kasus turun dari 31 menjadi 12 dalam dua tahun."
)
ESCAPES = (
    "\x1b[31mred\x1b[0m \x1b]8;;http://evil.example/\x07link\x1b]8;;\x07 \x9b2J \x07\x08\x7f\x85"
)


def _stored(store) -> dict:
    data = store.get(include=["metadatas", "documents"])
    return {
        i: (d, m) for i, d, m in zip(data["ids"], data["documents"], data["metadatas"], strict=True)
    }


def _cli_ingest(capsys, *args: str) -> tuple[int, dict]:
    code = cli.main(["ingest", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_every_bad_file_kind_is_skipped_and_the_good_files_after_it_are_ingested(
    tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("CPASSIST_MAX_DECOMPRESSED_MB", "1")
    folder = tmp_path / "mixed"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("The secret system file must never be ingested.", encoding="utf-8")
    nested_pdf(folder / "a-nested.pdf")
    nested_content_pdf(folder / "b-nested-content.pdf")
    malformed_docx(folder / "c-malformed.docx")
    bomb_docx(folder / "d-bomb.docx", megabytes=3)
    text_pdf(folder / "e-bomb.pdf", b"BT (Hi) Tj ET " + b" " * (3 << 20), compress=True)
    (folder / "f-punctuation.txt").write_text("!!! ... ??? --- *** ### ,,, 123", encoding="utf-8")
    (folder / "g-surrogate.txt").write_bytes(b"\xff\xfe" + "teks".encode("utf-16-le") + b"\x00\xd8")
    (folder / "h-link.txt").symlink_to(outside)
    (folder / os.fsdecode(b"i-bad-name-\xff.txt")).write_text(GOOD_EN, encoding="utf-8")
    (folder / "y-controls.txt").write_text(f"{GOOD_EN} {ESCAPES}", encoding="utf-8")
    (folder / "z-good.md").write_text(f"# Laporan\n\n{GOOD_ID}", encoding="utf-8")
    make_docx(folder / "z-good.docx", [GOOD_EN])
    data_dir = tmp_path / "data"

    code, report = _cli_ingest(capsys, str(folder), "--data-dir", str(data_dir))
    assert code == 0
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert set(reasons) == {
        "a-nested.pdf",
        "b-nested-content.pdf",
        "c-malformed.docx",
        "d-bomb.docx",
        "e-bomb.pdf",
        "f-punctuation.txt",
        "g-surrogate.txt",
        "h-link.txt",
        "i-bad-name-\ufffd.txt",
    }
    for reason in reasons.values():
        assert reason and "\n" not in reason and len(reason) < 300 and "Traceback" not in reason
    assert "nested too deeply" in reasons["b-nested-content.pdf"]
    assert reasons["c-malformed.docx"].startswith("unreadable DOCX: XMLSyntaxError")
    assert "more than 1 MB" in reasons["d-bomb.docx"] and "DECOMPRESSED" in reasons["d-bomb.docx"]
    assert "more than 1 MB" in reasons["e-bomb.pdf"]
    assert reasons["f-punctuation.txt"].startswith("empty: no words")
    assert reasons["g-surrogate.txt"].startswith("undecodable")
    assert "outside the folder" in reasons["h-link.txt"]
    assert "not valid UTF-8" in reasons["i-bad-name-\ufffd.txt"]
    assert report["files_read"] == 3
    assert {Path(f["path"]).name for f in report["files"] if f["status"] == "written"} == {
        "y-controls.txt",
        "z-good.md",
        "z-good.docx",
    }

    # the plain-text summary counts them too, and prints no control character
    assert cli.main(["ingest", str(folder), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Files skipped: 9" in out and "h-link.txt: link pointing outside" in out

    from cpassist.build import build_vectorstore
    from cpassist.settings import Settings

    store = build_vectorstore(Settings(data_dir=data_dir))
    for text, meta in _stored(store).values():
        assert "secret" not in text
        for value in [text, *map(str, meta.values())]:
            assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in value)
    controls = [t for t, m in _stored(store).values() if m["source"].endswith("y-controls.txt")]
    assert "red" in " ".join(controls) and "evil.example" not in " ".join(controls)


def test_identical_text_in_two_files_is_two_documents_and_deleting_one_keeps_the_other(
    tmp_path, tmp_settings, chroma_store
) -> None:
    folder = tmp_path / "corpus"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    for path in (folder / "a" / "same.txt", folder / "b" / "same.txt", folder / "other.txt"):
        path.write_text(GOOD_EN, encoding="utf-8")
    first = ingest_paths([folder], tmp_settings, vectorstore=chroma_store, progress=False)
    assert first.files_read == 3 and [f.status for f in first.files] == ["written"] * 3
    per_source = {f.path: f.chunks for f in first.files}
    assert len(_stored(chroma_store)) == sum(per_source.values())
    assert first.embeddings_computed == per_source[str(folder / "a" / "same.txt")]  # reused twice

    (folder / "a" / "same.txt").unlink()
    second = ingest_paths([folder], tmp_settings, vectorstore=chroma_store, progress=False)
    assert second.pruned_sources == [str(folder / "a" / "same.txt")]
    assert second.chunks_removed == per_source[str(folder / "a" / "same.txt")] > 0
    assert "removed: 0" not in second.summary()
    sources = {m["source"] for _, m in _stored(chroma_store).values()}
    assert sources == {str(folder / "b" / "same.txt"), str(folder / "other.txt")}
    hits = chroma_store.similarity_search("helpline calls from girls in Lombok", k=2)
    assert hits and "helpline" in hits[0].page_content

    (folder / "other.txt").unlink()  # the last copy but one goes: the other still answers
    ingest_paths([folder], tmp_settings, vectorstore=chroma_store, progress=False)
    assert {m["source"] for _, m in _stored(chroma_store).values()} == {
        str(folder / "b" / "same.txt")
    }


def test_uploads_with_colliding_sanitised_names_do_not_replace_each_other(
    tmp_path, tmp_settings, chroma_store
) -> None:
    from cpassist.build import build_assistant, build_retriever
    from cpassist.ui.checks import safe_upload_name
    from cpassist.ui.service import ChatService

    names = [
        "报告.txt",
        "報告書.txt",
        "Laporan Akhir.txt",
        "Laporan-Akhir.txt",
        "laporan akhir.TXT",
    ]
    stored = [safe_upload_name(n) for n in names]
    assert len(set(stored)) == len(names)  # never the same file
    assert stored == [safe_upload_name(n) for n in names]  # and stable
    assert safe_upload_name("Laporan-Akhir.txt") == "Laporan-Akhir.txt"  # kept when safe

    assistant = build_assistant(
        tmp_settings,
        generator="extractive",
        retriever=build_retriever(tmp_settings, chroma_store),
    )
    handlers = ChatService(tmp_settings, assistant)
    sources = []
    for i, (name, text) in enumerate(zip(names[:2], [GOOD_EN, GOOD_ID], strict=True)):
        path = tmp_path / f"in{i}" / name
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        _, payload = handlers.upload([str(path)], "en")
        assert payload["files"][0]["status"] == "added", payload
        sources.append(payload["files"][0])
    stored_sources = {m["source"] for _, m in _stored(chroma_store).values()}
    assert {Path(s).name for s in stored_sources} == {row["name"] for row in sources}
    assert len({row["study"] for row in sources}) == 2


def test_a_file_named_like_a_bundled_study_does_not_get_its_title(
    tmp_path, tmp_settings, chroma_store
) -> None:
    fake = tmp_path / "uploads" / NEPAL.name
    fake.parent.mkdir()
    fake.write_text(f"# Fake Report\n\n{GOOD_EN}", encoding="utf-8")
    copy = tmp_path / "copy" / NEPAL.name
    copy.parent.mkdir()
    shutil.copy(NEPAL, copy)
    report = ingest_paths(
        [fake.parent, copy.parent], tmp_settings, vectorstore=chroma_store, progress=False
    )
    studies = {Path(f.path).parent.name: f.study for f in report.files}
    assert studies["copy"] == NEPAL.stem  # a byte-identical copy is the bundled study
    assert studies["uploads"].startswith(NEPAL.stem + "-") and studies["uploads"] != NEPAL.stem
    titles = {m["source"]: m["title"] for _, m in _stored(chroma_store).values()}
    assert titles[str(fake)] == "Fake Report"  # its own heading, without the "# "
    assert titles[str(copy)].startswith(("Kerja Sama Nepal", "Cooperation between Nepal"))


def test_every_store_call_is_batched(tmp_path, tmp_settings, chroma_store, monkeypatch) -> None:
    from chromadb.api.models.Collection import Collection

    monkeypatch.setattr(sync, "BATCH_SIZE", 3)
    monkeypatch.setattr(sync, "READ_BATCH", 5)
    calls: list[tuple[str, int | None]] = []
    for name in ("get", "upsert", "update", "delete"):
        real = getattr(Collection, name)

        def spy(self, *args, _real=real, _name=name, **kwargs):
            ids = kwargs.get("ids")
            calls.append((_name, len(ids) if ids is not None else kwargs.get("limit")))
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(Collection, name, spy)
    doc = tmp_path / "long.txt"
    sentences = [
        f"Sentence number {i} talks about child protection in village {i}." for i in range(60)
    ]
    doc.write_text(" ".join(sentences), encoding="utf-8")
    first = ingest_paths([doc], tmp_settings, vectorstore=chroma_store, progress=False)
    assert first.chunks_written == 20
    doc.write_text(" ".join(sentences[1:]), encoding="utf-8")  # every chunk changes
    second = ingest_paths([doc], tmp_settings, vectorstore=chroma_store, progress=False)
    assert second.chunks_written == 20 and second.chunks_removed == 20
    assert second.embeddings_computed == 20  # new windows: new texts
    assert {name for name, _ in calls} == {"get", "upsert", "delete"}
    for name, size in calls:
        assert size is not None and size <= (5 if name == "get" else 3), (name, size)
