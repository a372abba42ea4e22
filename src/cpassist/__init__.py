"""cpassist: a bilingual (Bahasa Indonesia / English) retrieval assistant with verified citations.

Importing the package only sets offline environment defaults (`cpassist.offline`); `Assistant` and
`Settings` are loaded lazily so `import cpassist` stays cheap, and nothing is built or read.
Imports go one way (tests/test_layers.py): the faces (`cpassist.cli*`, `cpassist.render`,
`cpassist.ui`) call `cpassist.ingest` and `cpassist.evaluation`, which call the core (every other
module); the core imports neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cpassist.offline import apply_offline_defaults

apply_offline_defaults()

__all__ = ["Assistant", "Settings", "CpassistError"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from cpassist.assistant import Assistant
    from cpassist.errors import CpassistError
    from cpassist.settings import Settings


def __getattr__(name: str) -> Any:
    if name == "Assistant":
        from cpassist.assistant import Assistant

        return Assistant
    if name == "Settings":
        from cpassist.settings import Settings

        return Settings
    if name == "CpassistError":
        from cpassist.errors import CpassistError

        return CpassistError
    raise AttributeError(name)
