"""The laptop's network interfaces, as QtNetwork lists them, turned into plain choices (ranked in room.network)."""

from __future__ import annotations

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from facilitator.room.network import Address, ranked

_KINDS = {
    QNetworkInterface.InterfaceType.Wifi: "wifi",
    QNetworkInterface.InterfaceType.Ieee80211: "wifi",
    QNetworkInterface.InterfaceType.Ethernet: "ethernet",
    QNetworkInterface.InterfaceType.Loopback: "loopback",
}
_NAMES = {"wifi": "Wi-Fi", "ethernet": "Wired", "loopback": "This laptop only"}


def list_addresses() -> list[Address]:
    """Every IPv4 address of every interface, best first; the first is the default choice."""
    found: list[Address] = []
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        up = bool(flags & QNetworkInterface.InterfaceFlag.IsUp) and bool(
            flags & QNetworkInterface.InterfaceFlag.IsRunning
        )
        kind = _KINDS.get(interface.type(), "other")
        if flags & QNetworkInterface.InterfaceFlag.IsLoopBack:
            kind = "loopback"
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            address = ip.toString()
            name = interface.humanReadableName() or interface.name()
            label = f"{_NAMES.get(kind, name)}: {address}" + (f" ({name})" if kind in _NAMES else "")
            found.append(Address(interface.name(), label, address, kind, up))
    return ranked(found)
