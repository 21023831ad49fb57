"""``ankigen preview --watch``: the preview served on this machine, remade on every change.

As ``mkdocs serve`` does: the page is served on 127.0.0.1, the sources are
watched (with watchfiles, an optional extra: ``pip install 'ankigen[watch]'``),
and a page open in a browser reloads itself when the preview is remade. An
error in a source does not stop it: the page shows the error until it is fixed.
"""

from __future__ import annotations

import html
import sys
import threading
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ankigen.commands.output import report

# Asks the server every second which version of the page it has; reloads on a new one.
_RELOAD = """<script>
(function () {
  var shown = %d;
  setInterval(function () {
    fetch('/version').then(function (r) { return r.text(); }).then(function (v) {
      if (Number(v) !== shown) { location.reload(); }
    }).catch(function () {});
  }, 1000);
})();
</script>"""


class _Preview:
    """The page being served and its version, swapped whole under a lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version = 0
        self.page = b""

    def update(self, text: str) -> None:
        with self.lock:
            self.version += 1
            self.page = text.replace("</body>", _RELOAD % self.version + "</body>").encode()


def serve(paths: Sequence[str | Path], exclude: Sequence[str], port: int) -> int:
    """Serve the preview of ``paths`` on 127.0.0.1:``port`` (0: any free port) until
    Ctrl-C, remaking it whenever a file under them changes."""
    try:
        from watchfiles import watch
    except ImportError:
        print(
            "ankigen: error: watching needs the watchfiles package: pip install 'ankigen[watch]'",
            file=sys.stderr,
        )
        return 1
    preview = _Preview()
    _remake(preview, paths, exclude)
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(preview))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"serving the preview on http://127.0.0.1:{server.server_port}/ (Ctrl-C stops)", flush=True
    )
    try:
        for _ in watch(*paths, rust_timeout=1000, yield_on_timeout=False):
            _remake(preview, paths, exclude)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def _remake(preview: _Preview, paths: Sequence[str | Path], exclude: Sequence[str]) -> None:
    from ankigen.commands.preview import make

    made = make(paths, exclude)
    report(made.problems)
    if made.page is not None:
        preview.update(made.page)
        print(f"preview remade: {made.cards} cards from {made.decks} decks", flush=True)
    else:
        lines = "\n".join(html.escape(str(problem)) for problem in made.problems)
        preview.update(
            "<!doctype html><html><head><meta charset='utf-8'><title>ankigen preview: error"
            "</title></head><body style='font: 16px system-ui, sans-serif; margin: 2em'>"
            "<h1 style='font-size: 20px'>The preview cannot be made</h1>"
            f"<pre style='white-space: pre-wrap'>{lines}</pre>"
            "<p>It is remade as soon as a source changes.</p></body></html>"
        )


def _handler(preview: _Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with preview.lock:
                version, page = preview.version, preview.page
            if self.path == "/version":
                body, kind = str(version).encode(), "text/plain"
            elif self.path in ("/", "/index.html", "/preview.html"):
                body, kind = page, "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the terminal is for the build's own messages

    return Handler
