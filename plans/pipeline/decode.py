"""Read a source file's bytes: hash them and decode the text without guessing blindly.

Detection order: a byte-order mark decides (UTF-8, UTF-16 LE/BE); NUL bytes at every other
position mean UTF-16 without a mark; then strict UTF-8; then strict GB18030 (a superset of GBK
and GB2312), accepted only if the result reads as Chinese text. Anything else is refused with a
reason a person can act on.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


class SourceError(ValueError):
    """A file that cannot be imported, with a reason in plain words."""

    def __init__(self, code: str, message: str, ref: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        # What the refusal points at (a duplicate's stored document: id, title, file).
        self.ref = ref or {}


@dataclass(frozen=True)
class DecodedSource:
    text: str
    encoding: str
    sha256: str
    size: int


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_source(data: bytes) -> DecodedSource:
    """Decode a plan file's bytes, or raise ``SourceError`` saying why it cannot be read."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise SourceError("empty", "the file is empty (no text in it)")
    text, encoding = _decode(data)
    if not text.strip():
        raise SourceError("empty", "the file is empty (no text in it)")
    if _looks_binary(text):
        raise SourceError(
            "binary", "the file is not plain text (it looks like a binary file)"
        )
    return DecodedSource(
        text=text, encoding=encoding, sha256=sha256_of(data), size=len(data)
    )


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", label="utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE):
        return _strict(data[2:], "utf-16-le", label="utf-16")
    if data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data[2:], "utf-16-be", label="utf-16")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, label=utf16)
    if b"\x00" in data:
        raise SourceError(
            "binary", "the file is not plain text (it contains NUL bytes)"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise SourceError(
            "undecodable",
            "the text is in no encoding we can read (tried UTF-8, UTF-16 and "
            f"GB18030/GBK; first bad byte at position {error.start})",
        ) from error
    if not _reads_as_chinese(text):
        raise SourceError(
            "undecodable",
            "the text is in no encoding we can read (tried UTF-8, UTF-16 and "
            "GB18030/GBK; as GB18030 it would not be readable Chinese)",
        )
    return text, "gb18030"


def _strict(data: bytes, codec: str, *, label: str) -> tuple[str, str]:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError as error:
        raise SourceError(
            "undecodable",
            f"the file says it is {label} but byte {error.start} is not valid {label}",
        ) from error


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII/CJK has NULs in one column: even bytes (BE) or odd (LE)."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Chinese-only UTF-16 has few NULs; so also accept text that decodes to mostly CJK.
    if odd_nuls > half * 0.3 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls == 0:
        return "utf-16-be"
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_share(text) > 0.6 and b"\n\x00" in sample + b"\x00\n":
            return codec
    return None


def _cjk_share(text: str) -> float:
    letters = [ch for ch in text if not ch.isspace()]
    if not letters:
        return 0.0
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    return cjk / len(letters)


def _reads_as_chinese(text: str) -> bool:
    """GB18030 decodes many byte strings; real Chinese text is mostly common CJK and ASCII."""
    letters = [ch for ch in text if not ch.isspace()]
    if not letters:
        return False
    common = sum(
        1
        for ch in letters
        if ("\u4e00" <= ch <= "\u9fff")
        or ch.isascii()
        or unicodedata.category(ch).startswith("P")
        or "\uff00" <= ch <= "\uffef"
        or "\u3000" <= ch <= "\u303f"
    )
    return common / len(letters) > 0.95


def _looks_binary(text: str) -> bool:
    controls = sum(
        1
        for ch in text[:20000]
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f"
    )
    return controls > max(3, len(text[:20000]) // 200)


# Characters that change nothing a reader sees: byte-order marks and zero-width spaces.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def normalised_text(text: str) -> str:
    """The text as a reader sees it, whatever the file's form: NFKC (full-width letters
    and digits as their plain forms), no invisible characters, and every run of
    whitespace, line ends included (CRLF, LF, CR), as one space."""
    text = unicodedata.normalize("NFKC", text)
    for invisible in _INVISIBLE:  # str.replace: far quicker than translate over a table
        text = text.replace(invisible, "")
    return " ".join(text.split())


@lru_cache(maxsize=16)  # an import asks for a file's and its documents' more than once
def text_fingerprint(text: str) -> str:
    """SHA-256 of ``normalised_text``: two files (or documents) with the same fingerprint
    hold the same text, whatever their encoding, Unicode forms, line ends or spacing.
    The one place this is computed; the importer stores it on files and documents."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()
