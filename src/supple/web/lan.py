"""The computer's addresses on the local network, and the names Supple answers to there.

``lan_addresses`` is a pure filter over (address, interface) pairs, so what counts as a
LAN address is tested on any input; ``interface_addresses`` reads the real ones.
Loopback, link-local (they need an interface scope a phone cannot type), multicast and
unspecified addresses are left out.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def lan_addresses(candidates: Iterable[str]) -> list[IPAddress]:
    """The usable LAN addresses among ``candidates``, IPv4 first, without repeats."""
    found: list[IPAddress] = []
    for text in candidates:
        try:
            address = ipaddress.ip_address(text.split("%", 1)[0])
        except ValueError:
            continue
        if (
            address.is_loopback
            or address.is_link_local
            or address.is_multicast
            or address.is_unspecified
            or address in found
        ):
            continue
        found.append(address)
    return sorted(found, key=lambda a: (a.version, found.index(a)))


def interface_addresses() -> list[str]:
    """Every address on this computer's network interfaces, as text."""
    import ifaddr

    addresses: list[str] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            addresses.append(ip.ip if isinstance(ip.ip, str) else ip.ip[0])
    return addresses


def computer_name() -> str:
    """The computer's own name (its host name's first part), as its owner knows it."""
    return socket.gethostname().split(".", 1)[0] or "this computer"


def local_hostname() -> str:
    """``HOSTNAME.local``, the mDNS name phones on the same network can usually resolve."""
    name = socket.gethostname().split(".", 1)[0].lower() or "localhost"
    return f"{name}.local"


def host_header_names(addresses: Iterable[IPAddress], hostname: str) -> set[str]:
    """The Host header values a LAN request may carry: each address (IPv6 in brackets,
    as browsers send it) and the mDNS name."""
    names = {hostname.lower()}
    for address in addresses:
        names.add(f"[{address}]" if address.version == 6 else str(address))
    return names


def url_for(address: IPAddress | str, port: int, scheme: str) -> str:
    shown = f"[{address}]" if isinstance(address, ipaddress.IPv6Address) else str(address)
    return f"{scheme}://{shown}:{port}/"
