"""Headings, numbered items and tasks inside a document, with their departments.

Headings are read by level (附件/第X部分, 一、, (一), 1., (1)) where their numbers follow on;
a long line whose paragraphs were joined is searched for inline headings. A task (an item
of a task-division document) carries its departments by role (责任/牵头/配合单位) and its
responsible leader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.pipeline.source_text import Line, Norm, cn_int, text_lines
from plans.pipeline.types import (
    LEAD,
    RESPONSIBLE,
    SUPPORT,
    DepartmentRef,
    Section,
)

_LEVEL_PATTERNS = (
    (0, re.compile(r"^附件\s*([0-9一二三四五六七八九十]{0,3})\s*[::]?\s*")),
    (0, re.compile(r"^第([一二三四五六七八九十]{1,3})(?:部分|章|篇)\s*")),
    (1, re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.]\s*")),
    (2, re.compile(r"^\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*")),
    (3, re.compile(r"^(\d{1,3})\s*[、.](?!\d)\s*")),
    (4, re.compile(r"^\(\s*(\d{1,3})\s*\)\s*")),
)
_INLINE_HEADINGS = (
    (1, re.compile(r"(?<=\s)([一二三四五六七八九十]{1,3})、")),
    (2, re.compile(r"(?<=\s)\(([一二三四五六七八九十]{1,3})\)")),
)
_ITEM_LEVEL = 3
_LEADER = re.compile(r"(?:责任|牵头|分管)市?领导\s*[::]\s*([^,,;;)\s]+)")
# Leader labels are listed too, so that a unit list stops where a leader's name begins.
_ROLE_LABEL = re.compile(
    r"(责任部门|责任单位|主责单位|牵头单位|牵头部门|配合单位|配合部门|协办单位|参与单位"
    r"|(?:责任|牵头|分管)市?领导)\s*[::]"
)
_ROLES = {"牵头": LEAD, "配合": SUPPORT, "协办": SUPPORT, "参与": SUPPORT}


@dataclass
class _Heading:
    level: int
    number: str  # as the number reads, e.g. "23", "二"
    value: int | None
    start: int  # normalised
    label_end: int  # normalised end of the path label
    more: tuple[int, int] | None = None  # a second label line ("附件1" / its title)


def _label_end(norm: str, start: int, line_end: int, level: int) -> int:
    """Where a heading's label stops: the line, or its first sentence when it runs on."""
    text = norm[start:line_end]
    if level <= 1 and len(text) <= 80 and "。" not in text[:-1]:
        return line_end
    stop = re.search(r"[。;!?]", text)
    cut = stop.start() if stop else len(text)
    return start + min(cut, 60)


def _follows(value: int | None, previous: int) -> bool:
    # a heading or item lost in the source may leave a gap; never a step back
    return value is not None and previous < value <= previous + 3


def _find_headings(norm: str, lines: list[Line]) -> list[_Heading]:
    headings: list[_Heading] = []
    last: dict[int, int | None] = {}
    last_item: int | None = None
    for index, line in enumerate(lines):
        found = None
        for level, pattern in _LEVEL_PATTERNS:
            match = pattern.match(line.text)
            if match:
                found = (level, match)
                break
        if found:
            level, match = found
            number = match.group(1)
            value = cn_int(number) if number else None
            if level == 0 and len(line.text) > 40:
                found = None
            elif level == _ITEM_LEVEL:
                if not (last_item is None or value == 1 or _follows(value, last_item)):
                    found = None
                else:
                    last_item = value
            elif level in (1, 2, 4):
                previous = last.get(level)
                if (
                    previous is not None
                    and value != 1
                    and not _follows(value, previous)
                ):
                    found = None
        if found:
            level, match = found
            end = _label_end(norm, line.start, line.end, level)
            more = None
            if level == 0 and end - line.start <= len(match.group(0)) + 1:
                # "附件1" alone: its title is the next line
                following = lines[index + 1] if index + 1 < len(lines) else None
                if following and len(following.text) <= 40:
                    more = (following.start, following.end)
            headings.append(_Heading(level, number, value, line.start, end, more))
            last[level] = value
            for deeper in (lv for lv in list(last) if lv > level):
                del last[deeper]
            continue
        if last:
            lead = re.match(r"^([^,。;:!?()]{2,20})。", line.text)
            if lead and len(line.text) > len(lead.group(0)):
                # "筑牢生态安全屏障。…": an unnumbered item with a lead sentence
                headings.append(
                    _Heading(
                        _ITEM_LEVEL, "", None, line.start, line.start + lead.end() - 1
                    )
                )
        if len(line.text) > 40:
            headings += _inline_headings(norm, line, last)
    return headings


def _inline_headings(
    norm: str, line: Line, last: dict[int, int | None]
) -> list[_Heading]:
    """Headings inside one long line (a page whose paragraphs were joined)."""
    candidates = []
    for level, pattern in _INLINE_HEADINGS:
        for match in pattern.finditer(norm, line.start, line.end):
            candidates.append((match.start(), level, match))
    out = []
    for start, level, match in sorted(candidates, key=lambda c: c[0]):
        value = cn_int(match.group(1))
        previous = last.get(level)
        if previous is not None and value not in (1, previous + 1):
            continue
        if previous is None and value != 1 and level == 2 and 1 not in last:
            continue
        end = _label_end(norm, start, line.end, 2)
        # a joined heading runs into its text: "一、过去一年工作的回顾2013年是…",
        # "一、全面提升城市综合发展水平一是…"
        runs_on = re.compile(r"\s|(?:19|20)\d{2}年|[一二三四五六七八九十]是")
        run_on = runs_on.search(norm, start + len(match.group(0)) + 4, end)
        if run_on:
            end = run_on.start()
        out.append(_Heading(level, match.group(1), value, start, end))
        last[level] = value
        for deeper in (lv for lv in list(last) if lv > level):
            del last[deeper]
    return out


def _departments(norm: Norm, source: str, start: int, end: int) -> list[DepartmentRef]:
    text = norm.text[start:end]
    labels = list(_ROLE_LABEL.finditer(text))
    refs: list[DepartmentRef] = []
    for i, label in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        close = re.search(r"[)\n]", text[label.end() : stop])
        segment_end = label.end() + close.start() if close else stop
        if "领导" in label.group(1):
            continue
        role = next((r for k, r in _ROLES.items() if k in label.group(1)), RESPONSIBLE)
        for name in re.finditer(r"[^、,;。\s]+", text[label.end() : segment_end]):
            raw = name.group(0)
            cleaned = re.sub(
                r"(?:等相关部门|等有关部门|等相关单位|等有关单位|等部门|等单位|等)$",
                "",
                raw,
            )
            if not cleaned:
                continue
            a = start + label.end() + name.start()
            b = a + len(cleaned)
            refs.append(
                DepartmentRef(
                    source[norm.start(a) : norm.end(b)],
                    role,
                    norm.start(a),
                    norm.end(b),
                )
            )
    return refs


def find_sections(norm: Norm, source: str, start: int, end: int) -> list[Section]:
    lines = text_lines(norm.text, start, end)
    headings = _find_headings(norm.text, lines)
    sections: list[Section] = []
    stack: list[tuple[_Heading, str, str]] = []  # heading, label, leader
    # where each heading's section stops: at the next heading of its level or above
    # (one pass from the end with a stack, so a long document costs no more per heading)
    stops = [end] * len(headings)
    pending: list[_Heading] = []
    for i in range(len(headings) - 1, -1, -1):
        while pending and pending[-1].level > headings[i].level:
            pending.pop()
        if pending:
            stops[i] = pending[-1].start
        pending.append(headings[i])
    for i, heading in enumerate(headings):
        level = heading.level
        stop = stops[i]
        # trailing blank lines belong to nobody
        while stop > heading.start and norm.text[stop - 1].isspace():
            stop -= 1
        while stack and stack[-1][0].level >= level:
            stack.pop()
        label = source[norm.start(heading.start) : norm.end(heading.label_end)].strip()
        if heading.more:
            more = source[norm.start(heading.more[0]) : norm.end(heading.more[1])]
            label = f"{label} {more.strip()}"
        own_line_end = norm.text.find("\n", heading.start)
        own_line_end = stop if own_line_end < 0 else min(own_line_end, stop)
        leader_match = _LEADER.search(norm.text, heading.start, own_line_end)
        leader = (
            leader_match.group(1) if leader_match else (stack[-1][2] if stack else "")
        )
        stack.append((heading, label, leader))
        number = ""
        if heading.number:
            label_text = source[norm.start(heading.start) : norm.end(heading.label_end)]
            written = re.match(
                r"\s*(附件\s*)?(第)?[((]?\s*[0-9一二三四五六七八九十０-９]+\s*[))]?",
                label_text,
            )
            number = written.group(0).strip() if written else heading.number
        departments = []
        if level >= _ITEM_LEVEL:
            departments = _departments(norm, source, heading.start, stop)
        sections.append(
            Section(
                path=tuple(item[1] for item in stack),
                start=norm.start(heading.start),
                end=norm.end(stop),
                number=number,
                departments=departments,
                leader=leader,
            )
        )
    return sections
