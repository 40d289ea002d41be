"""Turning the bytes of a notes file into text, whatever program wrote it.

Files reach us from Excel (cp1252 on Windows, UTF-8 with a BOM from "CSV
UTF-8", UTF-16 from "Unicode Text"), from Numbers, LibreOffice and text
editors (UTF-8). UTF-8 is tried first because cp1252 accepts almost any
bytes: valid UTF-8 that is really cp1252 is vanishingly rare, the reverse is
common. A file with NUL bytes and no UTF-16 mark is not text at all, and we
say so rather than import rubbish.
"""

from __future__ import annotations

import codecs

from facilitator.ingest.errors import IngestError

# A notes file is small: 20,000 notes are about 2 MB. Anything far bigger is
# the wrong file, and reading it would only stall the app.
MAX_TEXT_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding used); raise :class:`IngestError` naming ``name`` if it is not text."""
    if len(data) > MAX_TEXT_BYTES:
        raise IngestError(
            f"{name} is {len(data) / 1_048_576:.0f} MB, too big for a notes file "
            f"(the limit is {MAX_TEXT_BYTES // 1_048_576} MB)."
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise IngestError(f"{name} starts like a {encoding} text file but is damaged.") from None
    if b"\x00" in data:
        raise IngestError(f"{name} is not a text or CSV file (it holds binary data).")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise IngestError(f"{name} is not a text or CSV file (its bytes are not UTF-8 or Windows text).") from None
    if _looks_binary(text):
        raise IngestError(f"{name} is not a text or CSV file (it holds binary data).")
    return text, encoding


def _looks_binary(text: str) -> bool:
    """Control characters other than tab and line breaks mean a binary file that happened to decode."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > max(2, len(sample) // 200)
