"""Cut a document's text into fragments so the source viewer can mark numbers and repairs.

Pure Python over offsets: each fragment is plain text, a number belonging to a target row, a
repaired mask (shown as the repaired character, the original kept), or an unrepaired mask.
"""

from __future__ import annotations

from dataclasses import dataclass

PLAIN = "plain"
NUMBER = "number"
LOST = "lost"
REPAIRED = "repaired"
MASKED = "masked"
ANCHOR = "anchor"  # a zero-width place to link to (a section start)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # NUMBER | LOST | REPAIRED | MASKED | ANCHOR
    target_id: int | None = None
    replacement: str = ""  # the repaired character
    note: str = ""


@dataclass(frozen=True)
class Fragment:
    text: str
    kind: str = PLAIN
    target_id: int | None = None
    original: str = ""
    note: str = ""
    start: int = 0


def fragments(text: str, start: int, end: int, marks: list[Mark]) -> list[Fragment]:
    """Split ``text[start:end]`` at the marks; a mark overlapping an earlier one is dropped."""
    out: list[Fragment] = []
    cursor = start
    # Zero-width anchors first at a position, then the longest mark.
    for mark in sorted(marks, key=lambda mk: (mk.start, mk.end > mk.start, -mk.end)):
        if mark.start < cursor or mark.end > end or mark.start < start:
            continue
        if mark.start > cursor:
            out.append(Fragment(text[cursor : mark.start], start=cursor))
        original = text[mark.start : mark.end]
        shown = mark.replacement if mark.kind == REPAIRED else original
        out.append(
            Fragment(
                shown,
                kind=mark.kind,
                target_id=mark.target_id,
                original=original,
                note=mark.note,
                start=mark.start,
            )
        )
        cursor = mark.end
    if cursor < end:
        out.append(Fragment(text[cursor:end], start=cursor))
    return out
