"""A loopback TCP relay in front of the test server whose connection can really drop.

Chromium's offline emulation (``BrowserContext.set_offline``) does not hold for every
request a page controlled by a service worker makes (microsoft/playwright#2311): under
load, the first step a reloaded player sent "offline" now and then reached the server.
A test that must know nothing got through points the browser at this relay instead and
calls ``down()``: every open connection is cut and new ones are closed at once, which is
what a phone sees when the Wi-Fi goes. ``up()`` lets connections through again.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
from urllib.parse import urlsplit

__all__ = ["ConnectionSwitch"]


class ConnectionSwitch:
    """Relays ``127.0.0.1:<port>`` to the server at ``target`` while it is up."""

    def __init__(self, target: str) -> None:
        parts = urlsplit(target)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._listener = socket.create_server(("127.0.0.1", 0))
        port = self._listener.getsockname()[1]
        self.url = f"{parts.scheme}://127.0.0.1:{port}"
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._up = True
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def down(self) -> None:
        """Cut every connection now and refuse new ones until ``up()``."""
        with self._lock:
            self._up = False
            for sock in self._open:
                _shut(sock)
            self._open.clear()

    def up(self) -> None:
        with self._lock:
            self._up = True

    def close(self) -> None:
        self.down()
        self._closed = True
        _shut(self._listener)
        self._thread.join(timeout=5)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                if not self._up:
                    _shut(client)
                    continue
                try:
                    server = socket.create_connection(self._upstream, timeout=5)
                except OSError:
                    _shut(client)
                    continue
                server.settimeout(None)
                self._open.update((client, server))
            threading.Thread(target=self._relay, args=(client, server), daemon=True).start()

    def _relay(self, client: socket.socket, server: socket.socket) -> None:
        partner = {client: server, server: client}
        with selectors.DefaultSelector() as selector:
            for sock in partner:
                selector.register(sock, selectors.EVENT_READ)
            try:
                while True:
                    for key, _ in selector.select(timeout=1):
                        sock = key.fileobj
                        assert isinstance(sock, socket.socket)
                        data = sock.recv(65536)
                        if not data:
                            return
                        partner[sock].sendall(data)
            except (OSError, ValueError):
                return  # cut by down(), or the other side went away
            finally:
                with self._lock:
                    for sock in partner:
                        self._open.discard(sock)
                        _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
