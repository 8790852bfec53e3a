"""``supple serve``: start the web app on this computer, and with ``--lan`` for paired phones.

Without ``--lan`` it listens on loopback only, plain HTTP, as always. With ``--lan`` one
process runs two uvicorn servers over the same app: the loopback one stays plain HTTP
(so http://127.0.0.1:8000/ keeps working and the computer needs no certificate), and a
second one listens on the computer's LAN addresses, on their own port, over HTTPS with
a certificate issued by Supple's own small certificate authority, made on first use
(``supple.web.tls``); a phone installs that authority from ``/pair/certificate``.
Keeping them apart means a phone can never reach an unencrypted listener by accident,
and the computer's own browser is never shown a certificate warning. Plain HTTP on the
LAN needs ``--insecure-http``.

Whoever connects over the LAN must pair first (``supple.web.devices``); which requests
count as "this computer" is decided by the socket's peer address only, so uvicorn's
proxy-header rewriting is switched off.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import signal
import socket
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import fail

if TYPE_CHECKING:
    import uvicorn

    from supple.settings import Settings
    from supple.web.devices import LanService


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and for any loopback IP address (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def display_url(host: str, port: int, scheme: str = "http") -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"{scheme}://{shown}:{port}/"


@click.command()
@click.option("--host", default=None, help="Loopback address to bind (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the app in your web browser.")
@click.option(
    "--lan",
    is_flag=True,
    help="Also serve paired phones on the local network, over HTTPS (see the README).",
)
@click.option(
    "--lan-port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Port for the local network (default 8443).",
)
@click.option(
    "--insecure-http",
    is_flag=True,
    help="With --lan: plain HTTP on the local network instead of HTTPS (not recommended).",
)
def serve(
    host: str | None,
    port: int | None,
    open_browser: bool,
    lan: bool,
    lan_port: int | None,
    insecure_http: bool,
) -> None:
    """Start the web app at http://127.0.0.1:8000/; with --lan, paired phones can use it too."""
    from supple.settings import get_settings

    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    lan_port = lan_port or settings.lan_port
    if not is_loopback(host):
        fail(
            f"refusing to listen on '{host}': --host takes a loopback address only.",
            hint="To use Supple from a phone, run 'supple serve --lan' and pair the phone.",
        )
    if insecure_http and not lan:
        fail("--insecure-http only changes --lan; add --lan or leave it out.")
    if lan and lan_port == port:
        fail(f"--lan-port {lan_port} is the same as --port; pick another, e.g. --lan-port 8443.")
    import threading
    import webbrowser

    from supple.store import StoreError, open_store
    from supple.web.app import create_app

    if lan:  # the LAN start takes a few seconds more: say what is happening
        click.echo("Starting Supple (opening the database)…")
    try:  # a database that cannot be used stops the start, not the first page
        open_store(settings).close()
        service = lan_service(settings, lan_port, insecure_http) if lan else None
        app = create_app(
            settings.model_copy(update={"host": host.strip("[]"), "port": port}), lan=service
        )
    except StoreError as error:
        fail(str(error))
    except OSError as error:
        fail(f"cannot use SUPPLE_HOME {settings.home}: {error.strerror or error}")
    url = display_url(host, port)
    servers = [(_config(app, lifespan="on"), [bind(host.strip("[]"), port)])]
    if service is not None:
        lan_sockets = [
            bind(_address_of(u), lan_port, scheme=_scheme(service)) for u in service.urls
        ]
        lan_config = _config(
            app,
            lifespan="off",  # the loopback server runs the app's start-up and shut-down
            ssl_certfile=str(settings.home / "lan-cert.pem") if service.secure else None,
            ssl_keyfile=str(settings.home / "lan-key.pem") if service.secure else None,
        )
        servers.append((lan_config, lan_sockets))
    click.echo(f"Supple is running at {url}  (press Ctrl+C to stop)")
    if service is not None:
        announce_lan(app, service, url)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    run_servers(servers)


def lan_service(settings: Settings, lan_port: int, insecure_http: bool) -> LanService:
    """Find the LAN addresses, make or reuse the certificate, and describe the service."""
    from datetime import UTC, datetime

    from supple.web.devices import LanService
    from supple.web.lan import (
        host_header_names,
        interface_addresses,
        lan_addresses,
        local_hostname,
        url_for,
    )
    from supple.web.tls import ensure_certificate

    addresses = lan_addresses(interface_addresses())
    if not addresses:
        fail(
            "--lan: this computer has no address on a local network.",
            hint="Connect it to the same Wi-Fi or network as the phone, then try again.",
        )
    hostname = local_hostname()
    scheme = "http" if insecure_http else "https"
    fingerprint = authority_der = None
    if not insecure_http:
        click.echo("Checking the certificate for the local network (the first time, making it)…")
        certificate = ensure_certificate(settings.home, [hostname], addresses, datetime.now(UTC))
        fingerprint, authority_der = certificate.fingerprint, certificate.authority_der
    urls = tuple(url_for(address, lan_port, scheme) for address in addresses)
    return LanService(
        urls=urls,
        host_names=frozenset(host_header_names(addresses, hostname)),
        fingerprint=fingerprint,
        mdns_url=url_for(hostname, lan_port, scheme),
        authority_der=authority_der,
    )


def announce_lan(app: Any, service: LanService, loopback_url: str) -> None:
    """Print where phones connect, the certificate fingerprint, a code and its QR code."""
    import segno

    from supple.web.pairing import CODE_LIFETIME_SECONDS, show_code
    from supple.web.routes.pages_devices import pairing_link

    for lan_url in service.urls:
        click.echo(f"On your local network: {lan_url}  (paired devices only)")
        click.echo(f"  to pair a phone, open on it: {lan_url}pair")
    if service.mdns_url:
        click.echo(f"  or, where the phone resolves it: {service.mdns_url}")
    if service.fingerprint:
        click.echo(f"Supple's certificate authority fingerprint (SHA-256): {service.fingerprint}")
        click.echo(f"  Once per phone, open {service.urls[0]}pair/certificate, install the")
        click.echo("  certificate and check it shows this fingerprint; until then the phone")
        click.echo("  warns about the connection and cannot install the app or work offline.")
    else:
        click.echo(
            "Warning: --insecure-http: the local network is served as plain HTTP, so anyone "
            "on it can read and change what passes, the phone's pairing token included.",
            err=True,
        )
    issued = app.state.pairing_codes.issue()
    link = pairing_link(service, issued.code)
    click.echo("Scan this with the phone's camera to pair it:")
    segno.make(link, error="m").terminal(out=sys.stdout, compact=True)
    minutes = CODE_LIFETIME_SECONDS // 60
    click.echo(f"Pairing code: {show_code(issued.code)}  (works once, for {minutes} minutes)")
    click.echo(f"New codes and paired devices: {loopback_url}devices")
    click.echo("Ready.")


def _scheme(service: LanService) -> str:
    return "https" if service.secure else "http"


def _address_of(url: str) -> str:
    return url.split("://", 1)[1].rsplit(":", 1)[0].strip("[]")


def _config(app: Any, **options: Any) -> uvicorn.Config:
    import uvicorn

    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,  # the peer address decides who is "this computer"
        **options,
    )


def run_servers(servers: list[tuple[uvicorn.Config, list[socket.socket]]]) -> None:
    """Run every server in one event loop until Ctrl+C or SIGTERM stops them all."""
    import uvicorn

    class SharedSignals(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield  # run_servers handles the signals for all of them

    running = [(SharedSignals(config), sockets) for config, sockets in servers]

    def stop(signum: int, _frame: Any) -> None:
        for server, _ in running:
            if server.should_exit and signum == signal.SIGINT:
                server.force_exit = True
            server.should_exit = True

    async def serve_all() -> None:
        await asyncio.gather(*(server.serve(sockets=sockets) for server, sockets in running))

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        asyncio.run(serve_all())
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def bind(host: str, port: int, scheme: str = "http") -> socket.socket:
    """Claim the address before announcing it, so a busy port is a clear message
    rather than a server that says it is running and then dies."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        shown = display_url(host, port, scheme)
        fail(
            f"cannot listen on {shown}: {error.strerror or error}.",
            hint=f"Supple may already be running there: open {shown}. "
            "Or pick another port with --port 8001 (or SUPPLE_PORT=8001); "
            "for the local network, --lan-port (or SUPPLE_LAN_PORT).",
        )
    listener.listen(128)
    listener.set_inheritable(True)
    return listener
