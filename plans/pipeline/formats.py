"""Turn an uploaded file's bytes into text: plain text, .docx or a PDF with a text layer.

The checks run before anything is unpacked or parsed: the content must match the extension
(magic bytes), and a .docx (a zip archive) is refused when it holds too many members or would
unpack to too much (a zip bomb). A PDF without a text layer (a scan) is refused rather than
imported as an empty document. Every refusal is a ``SourceError`` with a stable code, so the
workspace can say why in the user's language.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

from plans.pipeline.decode import SourceError, decode_source, sha256_of

TEXT = "text"
DOCX = "docx"
PDF = "pdf"

EXTENSIONS = {".txt": TEXT, ".text": TEXT, ".docx": DOCX, ".pdf": PDF}

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls: the old Office format
# Formats people save plan files in by mistake, recognised so the message can name them.
OTHER_MAGIC = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"Rar!": "RAR",
    b"7z\xbc\xaf": "7z",
    b"{\\rtf": "RTF",
}

DEFAULT_MAX_UNPACKED = 50 * 1024 * 1024
DEFAULT_MAX_MEMBERS = 500
# A PDF's compressed streams are inflated by pypdf within these limits: a page of text is a
# few hundred kilobytes, so anything far larger is a decompression bomb.
PDF_LIMITS = {
    "zlib_maximum_output_length": 4 * 1024 * 1024,
    "lzw_maximum_output_length": 4 * 1024 * 1024,
    "run_length_maximum_output_length": 4 * 1024 * 1024,
    "brotli_maximum_output_length": 4 * 1024 * 1024,
    "maximum_declared_stream_length": 16 * 1024 * 1024,
    "stream_decoding_work_maximum_length": 16 * 1024 * 1024,
}
PDF_MAX_PAGES = 2000
# All pages' content streams together (the drawing instructions text is read from).
PDF_MAX_CONTENT_BYTES = 16 * 1024 * 1024
# A scanned page yields no text or a few stray characters; a text page yields hundreds.
MIN_CHARS_PER_PAGE = 20


# Some PDF writers map glyphs shared by a radical and an ideograph to the radical's code
# point (国⺠ for 国民, 增⻓ for 增长). Kangxi radicals have NFKC forms; the supplement does
# not, so its common radicals are mapped to their ideographs here.
RADICALS = dict(
    zip(
        "⺁⺅⺆⺇⺉⺌⺎⺒⺓⺖⺘⺙⺝⺟⺠⺡⺣⺧⺨⺩⺬⺭⺮⺯⺰⺶⺹⺼⺽⻁⻂⻄⻅⻆⻈⻉⻋⻏⻐⻑⻓⻔⻖⻗⻘⻙⻚⻛⻜"
        "⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
        "厂亻冂几刂小兀巳幺忄扌攵月母民氵灬牛犭王示礻竹糸纟羊耂月臼虎衤西见角讠贝车阝钅長长门阝雨青韦页风飞"
        "食饣马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
        strict=True,
    )
)
CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# A PDF text layer puts a space wherever a run of glyphs breaks: between 年 and 2025, 6% and 以上.
SPACE_AFTER_CJK = re.compile(f"(?<=[{CJK}]) (?=[0-9A-Za-z%.])")
SPACE_BEFORE_CJK = re.compile(f"(?<=[0-9A-Za-z%.]) (?=[{CJK}])")


@dataclass(frozen=True)
class Converted:
    """An uploaded file as text, with the hash and size of the bytes as uploaded."""

    text: str
    format: str  # TEXT | DOCX | PDF
    encoding: str  # the text encoding, or "docx" / "pdf"
    sha256: str
    size: int


def format_of(name: str) -> str:
    """The format an uploaded file claims by its extension, or ``SourceError``."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".doc":
        raise SourceError("old_doc", "old .doc files cannot be read: save as .docx")
    if suffix not in EXTENSIONS:
        raise SourceError(
            "wrong_type", f"files of type “{suffix or name}” cannot be imported"
        )
    return EXTENSIONS[suffix]


def check_magic(data: bytes, claimed: str) -> None:
    """Refuse content that does not match the extension, before parsing anything."""
    if not data.strip(b" \t\r\n\x00"):
        raise SourceError("empty", "the file is empty (no text in it)")
    actual = _sniff(data)
    if claimed == TEXT and actual is None:
        return
    if actual == claimed:
        return
    raise SourceError(
        "mismatch",
        f"the file is named as {claimed} but its content is {actual or 'plain text'}",
    )


def _sniff(data: bytes) -> str | None:
    if data.startswith(ZIP_MAGIC):
        return DOCX
    if data.lstrip(b"\r\n\t ")[:5] == PDF_MAGIC:
        return PDF
    if data.startswith(OLE_MAGIC):
        return "doc"
    for magic, label in OTHER_MAGIC.items():
        if data.startswith(magic):
            return label
    return None


def convert(
    data: bytes,
    name: str,
    *,
    max_unpacked: int = DEFAULT_MAX_UNPACKED,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> Converted:
    """Check and convert one uploaded file to text, or raise ``SourceError`` saying why."""
    claimed = format_of(name)
    check_magic(data, claimed)
    if claimed == TEXT:
        decoded = decode_source(data)
        return Converted(
            decoded.text, TEXT, decoded.encoding, decoded.sha256, len(data)
        )
    if claimed == DOCX:
        text = docx_text(data, max_unpacked=max_unpacked, max_members=max_members)
    else:
        text = pdf_text(data)
    if not text.strip():
        raise SourceError("empty", "the file is empty (no text in it)")
    return Converted(text, claimed, claimed, sha256_of(data), len(data))


def check_zip(data: bytes, *, max_unpacked: int, max_members: int) -> zipfile.ZipFile:
    """Open a zip archive after measuring it: entry count and real unpacked size.

    The sizes an archive's headers declare are never trusted: each member's compressed bytes
    are inflated here in chunks of ``CHUNK`` bytes against one running budget for the whole
    archive (members that share their data are counted each time), so a lying or overlapping
    archive is refused after at most ``max_unpacked`` bytes of work and ``CHUNK`` bytes of
    memory, before python-docx or zipfile unpack anything.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise SourceError("corrupt", "the .docx file is damaged (not a zip)") from error
    if len(members) > max_members:
        raise SourceError(
            "zip_bomb",
            f"the .docx file holds {len(members)} parts (at most {max_members} allowed)",
        )
    if "word/document.xml" not in archive.namelist():
        raise SourceError("mismatch", "the file is a zip archive but not a .docx")
    budget = max_unpacked
    for member in members:
        budget -= _inflated_size(data, member, budget)
        if budget < 0:
            raise SourceError(
                "zip_bomb",
                f"the .docx file unpacks to more than {max_unpacked} bytes "
                "(whatever its headers claim)",
            )
    return archive


# Bytes inflated per step while measuring an archive member.
CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


def _inflated_size(data: bytes, member: zipfile.ZipInfo, budget: int) -> int:
    """The real size of one member's data (at most ``budget + 1``), read from its bytes."""
    offset = member.header_offset
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise SourceError("corrupt", "the .docx file is damaged (bad member header)")
    fields = _LOCAL_HEADER.unpack(header)
    flags, method = fields[2], fields[3]
    start = offset + _LOCAL_HEADER.size + fields[9] + fields[10]
    if flags & 0x1:
        raise SourceError("encrypted", "the .docx file is protected by a password")
    if method == zipfile.ZIP_STORED:
        # Stored data is as long as it is in the upload, at most.
        return min(member.compress_size, max(len(data) - start, 0))
    if method != zipfile.ZIP_DEFLATED:
        raise SourceError("corrupt", "the .docx file uses an unknown compression")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    view = memoryview(data)
    position, total = start, 0
    chunk: bytes | memoryview
    while not inflater.eof:
        if inflater.unconsumed_tail:
            chunk = inflater.unconsumed_tail
        elif position < len(data):
            chunk = view[position : position + CHUNK]
            position += CHUNK
        else:
            raise SourceError("corrupt", "the .docx file is damaged (truncated part)")
        try:
            total += len(inflater.decompress(chunk, CHUNK))
        except zlib.error as error:
            raise SourceError("corrupt", "the .docx file is damaged") from error
        if total > budget:
            return total
    return total


def docx_text(
    data: bytes,
    *,
    max_unpacked: int = DEFAULT_MAX_UNPACKED,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> str:
    """Paragraphs and table rows of a .docx in document order, one per line.

    The body is parsed as a stream (each top-level paragraph or table is read, turned into
    text and dropped), so memory stays small however long the document is.
    """
    archive = check_zip(data, max_unpacked=max_unpacked, max_members=max_members)
    import docx  # noqa: F401  (registers python-docx's element classes)
    from docx.oxml.parser import element_class_lookup
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml import etree

    lines: list[str] = []
    try:
        with archive.open("word/document.xml") as part:
            events = etree.iterparse(
                part,
                events=("start", "end"),
                remove_blank_text=True,
                resolve_entities=False,
                no_network=True,
            )
            events.set_element_class_lookup(element_class_lookup)
            depth = 0
            for event, element in events:
                if event == "start":
                    depth += 1
                    continue
                depth -= 1
                if depth != 2:  # only the body's children: w:document > w:body > child
                    continue
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "p":
                    # a detached paragraph: python-docx needs no parent to read text
                    lines.append(Paragraph(element, None).text)  # type: ignore[arg-type]
                elif tag == "tbl":
                    # Task-division documents are tables: one task per row.
                    for row in Table(element, None).rows:  # type: ignore[arg-type]
                        cells = [_unique_cell_text(cell.text) for cell in row.cells]
                        lines.append("\t".join(_dedupe_merged(cells)))
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, ValueError) as error:
        raise SourceError("corrupt", "the .docx file is damaged") from error
    return "\n".join(lines)


def _unique_cell_text(text: str) -> str:
    return text.replace("\n", " ").strip()


def _dedupe_merged(cells: list[str]) -> list[str]:
    # A merged cell is reported once per grid column it spans; keep it once.
    out: list[str] = []
    for cell in cells:
        if not out or cell != out[-1]:
            out.append(cell)
    return out


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, page by page; ``SourceError`` for a scan without one."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PdfReadError

    try:
        with apply_configuration(**PDF_LIMITS):  # type: ignore[arg-type]
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise SourceError("encrypted", "the PDF is protected by a password")
            if len(reader.pages) > PDF_MAX_PAGES:
                raise SourceError(
                    "zip_bomb", f"the PDF has more than {PDF_MAX_PAGES} pages"
                )
            # Measured before any text is read: reading text from a huge stream is slow.
            budget = PDF_MAX_CONTENT_BYTES
            for page in reader.pages:
                contents = page.get_contents()
                budget -= len(contents.get_data()) if contents is not None else 0
                if budget < 0:
                    raise SourceError(
                        "zip_bomb",
                        f"the PDF's pages unpack to more than {PDF_MAX_CONTENT_BYTES} bytes",
                    )
            pages = [page.extract_text() or "" for page in reader.pages]
    except SourceError:
        raise
    except LimitReachedError as error:
        raise SourceError(
            "zip_bomb", "the PDF unpacks to more than it may (a compressed-stream bomb)"
        ) from error
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise SourceError("corrupt", "the PDF file is damaged") from error
    # A page with a ruled table is read cell by cell (a wrapped department name stays
    # whole); only once pypdf has read the file within its limits.
    pages = [
        tabled if tabled is not None else text
        for text, tabled in zip(pages, _table_pages(data, len(pages)), strict=True)
    ]
    chars = sum(len("".join(page.split())) for page in pages)
    if not pages or chars < MIN_CHARS_PER_PAGE * len(pages):
        raise SourceError(
            "scanned_pdf",
            "the PDF has no text layer (a scanned image): "
            "import a text version or run OCR first",
        )
    return clean_pdf_text("\n".join(page.rstrip("\n") for page in pages))


def _table_pages(data: bytes, count: int) -> list[str | None]:
    """``pdf_tables.pages_with_tables``, or no tables at all where pdfminer cannot read
    what pypdf could (the line-by-line text is then kept)."""
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    from plans.pipeline.pdf_tables import pages_with_tables

    unreadable = (PdfminerException, MalformedPDFException, PSException)
    try:
        found = pages_with_tables(data)
    except (*unreadable, ValueError, KeyError, TypeError):
        return [None] * count
    return found if len(found) == count else [None] * count


def clean_pdf_text(text: str) -> str:
    """Undo two artefacts of PDF text layers: radicals for ideographs, spaces around CJK."""
    text = "".join(
        unicodedata.normalize("NFKC", ch)
        if "\u2f00" <= ch <= "\u2fdf"
        else RADICALS.get(ch, ch)
        for ch in text
    )
    text = SPACE_AFTER_CJK.sub("", text)
    return SPACE_BEFORE_CJK.sub("", text)
