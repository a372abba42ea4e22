"""The cpassist chat UI (`python app.py`, as `make run` starts it; also `cpassist serve`).

The UI lives in the package, `cpassist.ui` (texts, checks, payload, HTML, the session service, the
Blocks, serving); this file only starts it, with the settings from the `CPASSIST_*` environment,
and holds no logic of its own.
"""

from __future__ import annotations

import sys

from cpassist.ui.serve import main

if __name__ == "__main__":
    sys.exit(main())
