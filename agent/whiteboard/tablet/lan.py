"""Where a tablet on the same Wi-Fi can reach this laptop, and the QR code that takes it there."""

from __future__ import annotations

import io
import socket


def lan_address() -> str:
    """This machine's address on its local network, or 127.0.0.1 without one.

    Connecting a UDP socket sends nothing; it only asks the OS which interface would route to
    the outside, which is the one the tablet shares.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, never contacted
        address = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return address if address and not address.startswith("0.") else "127.0.0.1"


def qr_text(url: str) -> str:
    """The URL as a QR code drawn with block characters, for a terminal."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()
