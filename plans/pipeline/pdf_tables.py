"""A PDF page's ruled tables read cell by cell, so that a wrapped name stays whole.

A PDF's text layer is a list of positioned lines: read line by line (pypdf's plain and
layout modes alike) a table whose department column wraps gives "市人力资源" on one line
and "和社会保障局" two lines further down, each beside another column's text. pdfplumber
finds the table from its ruling lines and gives each cell its own text; the lines of one
cell are joined again here (without a space between two CJK characters) and each row is
written as one line, its cells separated by tabs, as .docx tables are read.

Pages without a ruled table are left to the caller (``None``). Pure Python.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

# A line break between two characters of which neither is Latin or a digit joins them
# without a space (市人力资源⏎和社会保障局); otherwise the break was a space.
_WRAP_CJK = re.compile(r"(?<=[^\x00-\x7f])\s*\n\s*(?=[^\x00-\x7f])")
_WRAP_OTHER = re.compile(r"\s*\n\s*")


def cell_text(text: str | None) -> str:
    """One cell's text with its wrapped lines joined again."""
    if not text:
        return ""
    return _WRAP_OTHER.sub(" ", _WRAP_CJK.sub("", text.strip())).strip()


def row_line(cells: list[str | None]) -> str:
    """A table row as one line: cells in order, tab-separated; a cell merged across
    several columns (pdfplumber gives None for the columns it covers) counted once."""
    return "\t".join(cell_text(c) for c in cells if c is not None)


@contextmanager
def _quiet() -> Iterator[None]:
    # pdfminer logs a warning per glyph of a font without a bounding box (Chromium's
    # CJK fonts): noise that says nothing about the text.
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def pages_with_tables(data: bytes) -> list[str | None]:
    """Per page, its text with each ruled table read row by row (lines above, between
    and below the tables kept in their place), or None for a page without a table."""
    import pdfplumber

    out: list[str | None] = []
    with _quiet(), pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            if not tables:
                out.append(None)
                continue
            # (top, order, text): table rows and the lines outside the tables, by height
            lines: list[tuple[float, int, str]] = []
            outside = page
            for table in tables:
                outside = outside.outside_bbox(table.bbox)
                for row, cells in zip(table.rows, table.extract(), strict=True):
                    written = row_line(cells)
                    if written.strip():
                        lines.append((row.bbox[1], 1, written))
            for found in outside.extract_text_lines():
                lines.append((found["top"], 0, found["text"]))
            out.append("\n".join(text for _, _, text in sorted(lines)))
            page.close()
    return out
