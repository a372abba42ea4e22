"""End-to-end ingestion into a real Chroma store (temp dir) with the real e5 embedder and real files:
idempotence, changed and deleted files, a crash halfway, bad files, rebuild, and the CLI."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

import cpassist.ingest.sync as sync
from cpassist import cli
from cpassist.ingest.pipeline import ingest_paths
from cpassist.schema import CHUNK_METADATA_KEYS
from tests.conftest import DOWN_TO_ZERO, NEPAL, STUDIES_DIR
from tests.test_ingest_loaders import make_docx, make_pdf


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(STUDIES_DIR, folder)
    return folder


def _stored(store) -> dict:
    data = store.get(include=["metadatas", "documents"])
    return {
        i: (d, m) for i, d, m in zip(data["ids"], data["documents"], data["metadatas"], strict=True)
    }


def test_studies_are_ingested_with_full_metadata_and_reingest_writes_nothing(
    corpus, tmp_settings, chroma_store
) -> None:
    first = ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    assert first.files_read == 2 and not first.skipped
    assert first.chunks_written == first.embeddings_computed > 20
    stored = _stored(chroma_store)
    assert len(stored) == first.chunks_written
    per_study = Counter((m["study"], m["language"]) for _, m in stored.values())
    assert set(per_study) == {
        ("ecpat-nepal-child-trafficking", "id"),
        ("ecpat-nepal-child-trafficking", "en"),
        ("ecpat-indonesia-down-to-zero", "id"),
        ("ecpat-indonesia-down-to-zero", "en"),
    }
    for text, meta in stored.values():
        assert set(CHUNK_METADATA_KEYS) <= set(meta) <= {*CHUNK_METADATA_KEYS, "line"}
        assert meta["line"] >= 1
        assert meta["parallel_ids"] and all(p in stored for p in meta["parallel_ids"].split(","))
        assert "*" not in text and "\n" not in text
        raw = Path(meta["source"]).read_text(encoding="utf-8")
        assert meta["original"] in raw  # the original span is verbatim from the file
    titles = {(m["study"], m["language"]): m["title"] for _, m in stored.values()}
    assert titles[("ecpat-nepal-child-trafficking", "en")].startswith(
        "Cooperation between Nepal and ECPAT"
    )
    assert titles[("ecpat-nepal-child-trafficking", "id")].startswith("Kerja Sama Nepal dan ECPAT")
    sections = {
        m["section"] for _, m in stored.values() if m["study"] == "ecpat-indonesia-down-to-zero"
    }
    assert sections == {"INTISARI", "Kata Kunci", "ABSTRACT", "Keywords"}

    second = ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    assert (second.chunks_written, second.chunks_removed, second.embeddings_computed) == (0, 0, 0)
    assert second.chunks_unchanged == first.chunks_written
    assert [f.status for f in second.files] == ["unchanged", "unchanged"]
    assert _stored(chroma_store) == stored
    assert "Chunks written: 0, unchanged: " in second.summary()


def test_changed_file_replaces_its_chunks_and_deleted_file_is_pruned(
    corpus, tmp_settings, chroma_store
) -> None:
    # `corpus` is the bundled corpus folder here, so its edited study keeps its id
    tmp_settings = tmp_settings.model_copy(update={"corpus_dir": corpus})
    ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    nepal = corpus / NEPAL.name
    before = {i for i, (_, m) in _stored(chroma_store).items() if m["source"] == str(nepal)}
    nepal.write_text(
        nepal.read_text(encoding="utf-8").replace("patriarchal culture", "patriarchal norms"),
        encoding="utf-8",
    )
    changed = ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    result = {Path(f.path).name: f for f in changed.files}
    assert result[NEPAL.name].status == "written"
    assert result[DOWN_TO_ZERO.name].status == "unchanged"
    assert 0 < changed.embeddings_computed < len(before)  # only the new chunk text is embedded
    after = {i: m for i, (d, m) in _stored(chroma_store).items() if m["source"] == str(nepal)}
    assert len(after) == result[NEPAL.name].chunks
    texts = [d for d, _ in _stored(chroma_store).values()]
    assert any("patriarchal norms" in d for d in texts)
    assert not any("patriarchal culture" in d for d in texts)
    new_hash = hashlib.sha256(nepal.read_bytes()).hexdigest()
    assert {m["source_hash"] for m in after.values()} == {new_hash}
    assert changed.chunks_removed == len(before - set(after)) > 0

    (corpus / DOWN_TO_ZERO.name).unlink()
    pruned = ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    assert pruned.pruned_sources == [str(corpus / DOWN_TO_ZERO.name)]
    assert pruned.chunks_removed > 0
    assert {m["study"] for _, m in _stored(chroma_store).values()} == {
        "ecpat-nepal-child-trafficking"
    }


def test_no_prune_keeps_chunks_and_other_folders_are_untouched(
    corpus, tmp_path, tmp_settings, chroma_store
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.md").write_text(
        "# Catatan\n\nAnak-anak harus dilindungi dari eksploitasi.", encoding="utf-8"
    )
    ingest_paths([corpus, other], tmp_settings, vectorstore=chroma_store, progress=False)
    (corpus / NEPAL.name).unlink()
    kept = ingest_paths(
        [corpus], tmp_settings, vectorstore=chroma_store, progress=False, prune=False
    )
    assert kept.chunks_removed == 0
    assert "ecpat-nepal-child-trafficking" in {
        m["study"] for _, m in _stored(chroma_store).values()
    }
    # pruning `corpus` never touches chunks of the other folder
    ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    studies = {m["study"] for _, m in _stored(chroma_store).values()}
    assert studies == {"ecpat-indonesia-down-to-zero", "note"}


def test_a_copy_of_a_study_elsewhere_is_its_own_document_and_outlives_the_original(
    corpus, tmp_path, tmp_settings, chroma_store
) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    shutil.copy(corpus / NEPAL.name, uploads / NEPAL.name)
    first = ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    count = len(_stored(chroma_store))
    copy = ingest_paths([uploads], tmp_settings, vectorstore=chroma_store, progress=False)
    (result,) = copy.files
    # its own chunks (own ids), but the vectors of the identical texts are reused, not recomputed
    assert result.status == "written" and copy.embeddings_computed == 0
    assert copy.chunks_written == result.chunks == first.files[1].chunks
    assert len(_stored(chroma_store)) == count + result.chunks
    # the original goes away: only its own chunks are pruned, the copy stays searchable
    shutil.rmtree(corpus)
    pruned = ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    assert pruned.chunks_removed == count
    assert {m["source"] for _, m in _stored(chroma_store).values()} == {str(uploads / NEPAL.name)}
    again = ingest_paths([uploads], tmp_settings, vectorstore=chroma_store, progress=False)
    assert again.chunks_written == 0 and again.files[0].status == "unchanged"


def test_ingest_killed_halfway_is_completed_without_duplicates(
    corpus, tmp_settings, chroma_store, monkeypatch
) -> None:
    from chromadb.api.models.Collection import Collection

    monkeypatch.setattr(sync, "BATCH_SIZE", 4)
    real_upsert = Collection.upsert
    calls = []

    def crashing_upsert(self, *args, **kwargs):
        if calls:
            raise KeyboardInterrupt("killed")
        calls.append(1)
        return real_upsert(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "upsert", crashing_upsert)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    assert len(_stored(chroma_store)) == 4
    monkeypatch.setattr(Collection, "upsert", real_upsert)

    resumed = ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    total = sum(f.chunks for f in resumed.files)
    assert resumed.embeddings_computed == total - 4
    stored = _stored(chroma_store)
    assert len(stored) == total
    texts = Counter((m["study"], m["position"]) for _, m in stored.values())
    assert max(texts.values()) == 1  # no duplicates
    again = ingest_paths([corpus], tmp_settings, vectorstore=chroma_store, progress=False)
    assert again.chunks_written == 0


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_ingested(
    tmp_path, tmp_settings, chroma_store
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    make_pdf(
        folder / "laporan.pdf",
        [
            "Penelitian ini membahas perlindungan anak di Indonesia. Anak-anak harus dilindungi dari "
            "eksploitasi seksual komersial.",
        ],
    )
    make_docx(
        folder / "notes.docx",
        ["Child protection needs strong laws.", "Education reduces trafficking risk."],
    )
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n garbage without objects")
    (folder / "binary.txt").write_bytes(bytes(range(256)))
    (folder / "empty.md").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(
        "Kemiskinan dan pendidikan rendah à Nepal".encode("latin-1")
    )
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    report = ingest_paths([folder], tmp_settings, vectorstore=chroma_store, progress=False)
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {"corrupt.pdf", "binary.txt", "empty.md", "latin1.txt", "image.png"}
    assert reasons["corrupt.pdf"].startswith("corrupt PDF")
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["empty.md"] == "empty file"
    assert reasons["latin1.txt"].startswith("undecodable")
    assert reasons["image.png"].startswith("unsupported file type '.png'")
    assert report.files_read == 2
    stored = _stored(chroma_store)
    assert {m["study"]: m["language"] for _, m in stored.values()} == {
        "laporan": "id",
        "notes": "en",
    }
    summary = report.summary()
    assert "Files skipped: 5" in summary and "corrupt.pdf: corrupt PDF" in summary
    assert {f.status for f in report.files} == {"written", "skipped"}


def test_rebuild_recreates_the_collection(corpus, tmp_settings, chroma_store) -> None:
    ingest_paths([corpus / NEPAL.name], tmp_settings, vectorstore=chroma_store, progress=False)
    rebuilt = ingest_paths(
        [corpus / DOWN_TO_ZERO.name],
        tmp_settings,
        vectorstore=chroma_store,
        rebuild=True,
        progress=False,
    )
    assert rebuilt.chunks_written == len(_stored(chroma_store))
    assert {m["study"] for _, m in _stored(chroma_store).values()} == {
        "ecpat-indonesia-down-to-zero"
    }


def test_cli_ingest_json(corpus, tmp_path, capsys) -> None:
    (corpus / "junk.bin").write_bytes(b"\x00\x01")
    data_dir = tmp_path / "cli-data"
    assert cli.main(["ingest", str(corpus), "--json", "--data-dir", str(data_dir)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files_read"] == 2
    assert report["chunks_written"] > 20
    assert [Path(s["path"]).name for s in report["skipped"]] == ["junk.bin"]
    assert (data_dir / "chroma").is_dir()
    assert cli.main(["ingest", str(corpus), "--json", "--data-dir", str(data_dir)]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["chunks_written"] == 0 and again["chunks_unchanged"] == report["chunks_written"]


def test_cli_rebuild_switches_the_embedder_of_a_store(corpus, tmp_path, capsys) -> None:
    data_dir = tmp_path / "switch"
    nepal = str(corpus / NEPAL.name)
    assert (
        cli.main(["ingest", nepal, "--json", "--data-dir", str(data_dir), "--embedder", "use"]) == 0
    )
    capsys.readouterr()
    # the store was built with `use`: e5 refuses it until --rebuild
    assert cli.main(["ingest", nepal, "--data-dir", str(data_dir)]) == 2
    assert "--rebuild" in capsys.readouterr().err
    assert cli.main(["ingest", nepal, "--json", "--rebuild", "--data-dir", str(data_dir)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["chunks_written"] == report["files"][0]["chunks"] > 0


def test_cli_ingest_of_only_bad_files_fails(tmp_path, capsys) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert cli.main(["ingest", str(tmp_path / "empty.txt"), "--data-dir", str(tmp_path / "d")]) == 1
    assert "empty.txt: empty file" in capsys.readouterr().out
