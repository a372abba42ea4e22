"""Environment defaults that keep Gradio, RAGAS, Hugging Face and Chroma from calling home.

Applied with `setdefault` when `cpassist` is imported, so a user gets offline behaviour without
knowing these names, and can still override any of them. One performance default rides along: OpenMP
threads sleep instead of spin-waiting (measured: docs/decisions.md). Nothing else happens here.
"""

from __future__ import annotations

import os

OFFLINE_DEFAULTS = {
    "RAGAS_DO_NOT_TRACK": "true",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",  # chromadb's posthog telemetry
    "TOKENIZERS_PARALLELISM": "false",
    "OMP_WAIT_POLICY": "PASSIVE",
}


def apply_offline_defaults() -> None:
    """Set each offline variable unless the user already set it."""
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
