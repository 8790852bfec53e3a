"""The pairing rules on their own: loopback peers, codes, rate limits and LAN addresses."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supple.web.lan import host_header_names, lan_addresses
from supple.web.pairing import (
    ATTEMPTS_OVERALL,
    ATTEMPTS_PER_ADDRESS,
    CODE_LIFETIME_SECONDS,
    AttemptLimiter,
    PairingCodes,
    is_loopback_peer,
    normalise_code,
    token_hash,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("peer", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("192.168.1.20", False),
        ("10.0.0.1", False),
        ("::ffff:192.168.1.20", False),
        ("fe80::1%eth0", False),
        ("0.0.0.0", False),
        ("localhost", False),  # a name, not an address: never trusted
        ("testclient", False),
        ("", False),
        (None, False),
    ],
)
def test_only_a_loopback_peer_address_is_this_computer(peer: str | None, loopback: bool) -> None:
    assert is_loopback_peer(peer) is loopback


@given(st.ip_addresses())
def test_the_loopback_decision_matches_the_address_range(address: ipaddress._BaseAddress) -> None:
    expected = address in ipaddress.ip_network("127.0.0.0/8") or str(address) == "::1"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        expected = address.ipv4_mapped in ipaddress.ip_network("127.0.0.0/8")
    assert is_loopback_peer(str(address)) is expected


def test_codes_work_once() -> None:
    codes = PairingCodes(FakeClock())
    issued = codes.issue()
    assert len(issued.code) == 8 and issued.code.isdigit()
    assert codes.redeem(f"{issued.code[:4]} {issued.code[4:]}")
    assert not codes.redeem(issued.code)


def test_codes_expire_after_ten_minutes() -> None:
    clock = FakeClock()
    codes = PairingCodes(clock)
    early, late = codes.issue(), codes.issue()
    clock.now += CODE_LIFETIME_SECONDS - 1
    assert codes.redeem(early.code)
    clock.now += 1
    assert not codes.redeem(late.code)
    assert codes.live_count() == 0


@pytest.mark.parametrize("typed", ["", "1234567", "123456789", "abcdefgh", "１２３４５６７８"])
def test_anything_but_eight_digits_is_not_a_code(typed: str) -> None:
    assert normalise_code(typed) is None
    codes = PairingCodes(FakeClock())
    codes.issue()
    assert not codes.redeem(typed)


def test_wrong_codes_are_limited_per_address_and_overall() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(clock)
    for _ in range(ATTEMPTS_PER_ADDRESS):
        assert limiter.allowed("192.0.2.10")
        limiter.failed("192.0.2.10")
    assert not limiter.allowed("192.0.2.10")
    assert limiter.allowed("192.0.2.11")
    # Many addresses, a few tries each, still reach the overall limit.
    for n in range(ATTEMPTS_OVERALL - ATTEMPTS_PER_ADDRESS):
        limiter.failed(f"192.0.2.{100 + n}")
    assert not limiter.allowed("192.0.2.250")
    clock.now += 10 * 60
    assert limiter.allowed("192.0.2.10") and limiter.allowed("192.0.2.250")


def test_the_token_hash_is_sha256_and_not_the_token() -> None:
    assert token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_lan_addresses_leave_out_loopback_link_local_and_repeats() -> None:
    found = lan_addresses(
        [
            "127.0.0.1",
            "::1",
            "fe80::1%eth0",
            "169.254.3.4",
            "fd00::2",
            "192.168.1.5",
            "x",
            "192.168.1.5",
            "224.0.0.1",
        ]
    )
    assert [str(a) for a in found] == ["192.168.1.5", "fd00::2"]
    assert host_header_names(found, "Desk.local") == {"desk.local", "192.168.1.5", "[fd00::2]"}
