"""Crafted archives whose headers lie, for the archive-bomb tests (built by hand, no library
would write them)."""

from __future__ import annotations

import struct
import zlib

LOCAL = struct.Struct("<4s2B4HL2L2H")
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
END = struct.Struct("<4s4H2LH")


def deflated_zeros(size: int, chunk: int = 1 << 20) -> tuple[bytes, int, int]:
    """``size`` zero bytes deflated (about a thousandth of that), their CRC and size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = b"\0" * chunk
    parts, crc, left = [], 0, size
    while left > 0:
        piece = block[: min(chunk, left)]
        parts.append(compressor.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    parts.append(compressor.flush())
    return b"".join(parts), crc, size


def lying_zip(
    members: list[tuple[str, bytes, int, int]],
    *,
    liars: frozenset[str] = frozenset({"word/document.xml"}),
    claimed_size: int = 100,
    shared_copies: int = 0,
) -> bytes:
    """A zip of deflated ``(name, deflated data, crc, real size)`` members; the headers of
    the members named in ``liars`` claim ``claimed_size`` bytes. ``shared_copies`` extra
    directory entries all point at the last member's data (an overlapping bomb)."""
    out = bytearray()
    directory = bytearray()
    entries = []
    for name, data, crc, size in members:
        raw = name.encode()
        claim = claimed_size if name in liars else size
        offset = len(out)
        out += LOCAL.pack(
            b"PK\x03\x04", 20, 0, 0, 8, 0, 0x21, crc, len(data), claim, len(raw), 0
        )
        out += raw + data
        entries.append((raw, crc, len(data), claim, offset))
    last = entries[-1]
    for copy in range(shared_copies):
        raw = f"word/media/copy{copy}.bin".encode()
        entries.append((raw, last[1], last[2], last[3], last[4]))
    for raw, crc, size, claim, offset in entries:
        directory += CENTRAL.pack(
            b"PK\x01\x02", 20, 0, 20, 0, 0, 8, 0, 0x21, crc, size, claim,
            len(raw), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += raw
    start = len(out)
    out += directory
    out += END.pack(
        b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), start, 0
    )
    return bytes(out)


def deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def lying_docx(real_docx: bytes, padding: int, **options) -> bytes:
    """``real_docx`` rebuilt so that its document.xml ends in ``padding`` spaces (legal XML)
    while the headers claim the part is 100 bytes."""
    import io
    import zipfile

    members = []
    with zipfile.ZipFile(io.BytesIO(real_docx)) as archive:
        for name in archive.namelist():
            if name != "word/document.xml":
                members.append((name, *deflated(archive.read(name))))
        body = archive.read("word/document.xml")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    parts, crc = [compressor.compress(body)], zlib.crc32(body)
    block = b" " * (1 << 20)
    left = padding
    while left > 0:
        piece = block[: min(len(block), left)]
        parts.append(compressor.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    parts.append(compressor.flush())
    members.append(("word/document.xml", b"".join(parts), crc, len(body) + padding))
    return lying_zip(members, **options)


def pdf_bomb(pages: int = 20, padding: int = 70 << 20) -> bytes:
    """A PDF whose pages all share one small compressed content stream that inflates to
    ``padding`` bytes of spaces (plus one line of real text)."""
    compressor = zlib.compressobj(9)
    body = compressor.compress(b"BT /F1 12 Tf 72 712 Td (Plan 2025) Tj ET\n")
    block = b" " * (1 << 20)
    for _ in range(padding // len(block)):
        body += compressor.compress(block)
    body += compressor.flush()
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
        + body
        + b"\nendstream",
    ]
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
