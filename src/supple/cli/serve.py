"""``supple serve``: start the local web app on this computer only.

Accounts and encryption in transit come later; until then the app must never be
reachable from another machine, so any address that is not loopback is refused.
"""

from __future__ import annotations

import ipaddress
import socket

import click

from supple.cli.common import fail


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and for any loopback IP address (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def display_url(host: str, port: int) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}/"


@click.command()
@click.option("--host", default=None, help="Loopback address to bind (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the app in your web browser.")
def serve(host: str | None, port: int | None, open_browser: bool) -> None:
    """Start the web app at http://127.0.0.1:8000/ (this computer only)."""
    from supple.settings import get_settings

    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    if not is_loopback(host):
        fail(
            f"refusing to listen on '{host}': Supple serves this computer only "
            "(accounts and remote access come later).",
            hint="Use --host 127.0.0.1 (the default), localhost or ::1.",
        )
    import threading
    import webbrowser

    import uvicorn

    from supple.store import StoreError, open_store
    from supple.web.app import create_app

    try:  # a database that cannot be used stops the start, not the first page
        open_store(settings).close()
        app = create_app(settings.model_copy(update={"host": host.strip("[]")}))
    except StoreError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot use SUPPLE_HOME {settings.home}: {error.strerror or error}")
    url = display_url(host, port)
    listener = bind(host.strip("[]"), port)
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    click.echo(f"Supple is running at {url}  (press Ctrl+C to stop)")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.Server(config).run(sockets=[listener])


def bind(host: str, port: int) -> socket.socket:
    """Claim the address before announcing it, so a busy port is a clear message
    rather than a server that says it is running and then dies."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        fail(
            f"cannot listen on {display_url(host, port)}: {error.strerror or error}.",
            hint=f"Supple may already be running there: open {display_url(host, port)}. "
            "Or pick another port with --port 8001 (or SUPPLE_PORT=8001).",
        )
    listener.listen(128)
    listener.set_inheritable(True)
    return listener
