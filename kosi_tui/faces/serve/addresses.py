"""The machine's addresses that participants in the room can type, and which hosts are loopback."""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys


def is_loopback(host: str) -> bool:
    """True for names and addresses that reach only this computer."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _linux_ipv4() -> list[str]:
    import fcntl

    siocgifaddr = 0x8915
    found: list[str] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), siocgifaddr, request)
            except OSError:
                continue  # an interface without an IPv4 address
            found.append(socket.inet_ntoa(answer[20:24]))
    return found


def _by_host_name() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def room_addresses(host: str) -> list[str]:
    """What to put in a URL for others: the given host, or every non-loopback IPv4 address.

    IPv4 only: those are the addresses people can read off a beamer and type.
    """
    if host not in ("0.0.0.0", "::", ""):
        return [host]
    candidates = _linux_ipv4() if sys.platform == "linux" else _by_host_name()
    seen: list[str] = []
    for address in candidates:
        if not is_loopback(address) and address not in seen:
            seen.append(address)
    return seen
