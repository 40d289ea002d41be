"""Which address phones should use: the laptop's likely Wi-Fi address, as a plain IPv4 address.

The UI lists interfaces with QtNetwork and passes plain values here, so the choice is tested without Qt.
Phones get an IPv4 address, never a ``.local`` name (Android does not resolve those).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

VIRTUAL_PREFIXES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "utun",
    "tun",
    "tap",
    "zt",
    "tailscale",
    "wg",
    "ham",
    "llw",
    "awdl",
    "ifb",
    "dummy",
)


@dataclass(frozen=True)
class Address:
    """One IPv4 address of one network interface, as the facilitator chooses from."""

    interface: str  # the system's name: "wlan0", "en0", "Wi-Fi"
    label: str  # what people read: "Wi-Fi (192.168.1.20)"
    ip: str
    kind: str = "other"  # "wifi", "ethernet", "loopback", "other"
    up: bool = True

    @property
    def score(self) -> int:
        """Higher is likelier to be the room's network."""
        ip = ipaddress.ip_address(self.ip)
        if not self.up or ip.is_loopback or self.kind == "loopback":
            return 0
        name = self.interface.lower()
        if name.startswith(VIRTUAL_PREFIXES):
            return 1
        if ip.is_link_local:
            return 2
        score = {"wifi": 40, "ethernet": 20}.get(self.kind, 10)
        if ip.is_private:
            score += 5
        return score


def ranked(addresses: list[Address]) -> list[Address]:
    """Best first: Wi-Fi, then wired, then anything else; loopback last (only this laptop can reach it)."""
    usable = [a for a in addresses if _is_ipv4(a.ip)]
    return sorted(usable, key=lambda a: (-a.score, a.interface, a.ip))


def _is_ipv4(text: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(text), ipaddress.IPv4Address)
    except ValueError:
        return False
