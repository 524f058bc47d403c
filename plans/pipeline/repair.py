"""Masked characters (``*``) and the evidence that restores them.

Some sources replace sensitive characters by ``*`` ("人民*府", "财*局", "*委"). A mask is
repaired only when the text itself proves the character, in one of two ways:

1. **Context**: the same word appears unmasked elsewhere in the text. Every occurrence
   that shares three Chinese characters of context with the mask, on both sides of it
   ("人民*府" → "人民政府"), is collected; exactly one character must fit, or the mask
   stays as it is.
2. **Pinned mask set**: the source masks some characters everywhere. A character that
   occurs nowhere unmasked in the text, and that the only fitting term of a small
   lexicon of government vocabulary (``_TERMS``) puts in at least two masks, is one of
   the masked characters; each mask whose longest fitting terms all give it is repaired.

Anything else is left as ``*`` and its position reported. A ``*`` that is not a mask
(multiplication, a footnote mark, a bullet, Markdown emphasis, a separator) is neither
repaired nor reported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from plans.pipeline.types import Repair

MASKS = "*＊"

# Government vocabulary that a masked source typically hides characters of. Longer terms
# carry more context; when terms of the same length disagree, nothing is repaired.
_TERMS = (
    # 政
    "人民政府",
    "市政府",
    "县政府",
    "旗政府",
    "区政府",
    "各级政府",
    "政府",
    "财政局",
    "财政",
    "民政局",
    "民政",
    "行政审批",
    "行政执法",
    "行政村",
    "行政",
    "政务服务",
    "政务云",
    "政务",
    "政策",
    "政治",
    "市政",
    "家政",
    "政金企",
    "政协",
    "政法",
    "邮政",
    "执政",
    "廉政",
    "政委",
    # 党
    "党委、政府",
    "各级党委",
    "党委",
    "党组",
    "党的",
    "中国共产党",
    "共产党",
    "建党",
    "党建",
    "党员",
    "党中央",
    "党风",
    "党纪",
    "党政",
    "从严治党",
    # 军
    "退役军人",
    "拥军优属",
    "军人",
    "拥军",
    "军民",
    "军队",
    # 毒
    "戒毒",
    "禁毒",
    "吸毒",
    "毒品",
    # others seen masked in such sources
    "铸魂",
    "家庭",
)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CONTEXT = 3  # characters of matching context a repair from context needs
_REACH = 4  # characters looked at on each side


def _cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def _footnote_lines(text: str) -> int:
    # a footnote explained on its own line: "*注:…", "* 数据来源…", "注*:…"
    return len(re.findall(r"(?m)^\s*(?:[*＊]\s*\S|注\s*[*＊])", text))


def mask_positions(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Positions of ``*`` in text[start:end] that stand for a lost character."""
    end = len(text) if end is None else end
    found: list[int] = []
    for match in re.finditer(f"[{MASKS}]+", text):
        a, b = match.start(), match.end()
        run = b - a
        before = text[a - 1] if a > 0 else ""
        after = text[b] if b < len(text) else ""
        line_start = text[text.rfind("\n", 0, a) + 1 : a].strip() == ""
        if run > 2 or line_start:
            continue  # separators, Markdown bullets or emphasis, footnote lines
        if not (_cjk(before) or _cjk(after)):
            continue  # 3*4, a*b, "(*)"
        if run == 2 and not (_cjk(before) and _cjk(after)):
            continue  # **bold** markers
        found.extend(range(a, b))
    # Stars that footnote lines explain ("地区生产总值*" … "*注:按可比价计算") are
    # references, not masks: a text with as many footnote lines as stars has no masks.
    if found and len(found) <= _footnote_lines(text):
        return []
    return [p for p in found if start <= p < end]


def _window(text: str, i: int, masks: set[int]) -> tuple[str, str]:
    """Unmasked characters next to the mask at i, stopping at a line end or mask."""
    left = ""
    for j in range(i - 1, max(-1, i - 1 - _REACH), -1):
        if j in masks or text[j] in "\n" + MASKS:
            break
        left = text[j] + left
    right = ""
    for j in range(i + 1, min(len(text), i + 1 + _REACH)):
        if j in masks or text[j] in "\n" + MASKS:
            break
        right += text[j]
    return left, right


def _context_fits(text: str, i: int, masks: set[int]) -> dict[str, list[int]]:
    """Characters found unmasked in the mask's context, with where they were found."""
    left, right = _window(text, i, masks)
    fits: dict[str, list[int]] = defaultdict(list)
    # Context on both sides: a one-sided match ("审批制" → "目审批制") proves nothing.
    for a in range(1, _CONTEXT):
        b = _CONTEXT - a
        if len(left) < a or len(right) < b:
            continue
        before, after = left[len(left) - a :], right[:b]
        if not all(_cjk(c) for c in before + after):
            continue
        for at, ch in _holes(text, before, after):
            if at != i and _cjk(ch):
                fits[ch].append(at)
    return fits


@lru_cache(maxsize=4096)
def _holes(text: str, before: str, after: str) -> tuple[tuple[int, str], ...]:
    """Every character standing between ``before`` and ``after`` in the text, with where.

    Masks with the same context ask the same question: it is answered once per text, so
    a long text of repeated passages costs one search per distinct context.
    """
    pattern = re.escape(before) + r"([^\s*＊])" + re.escape(after)
    return tuple((m.start(1), m.group(1)) for m in re.finditer(pattern, text))


def _shared_context(text: str, i: int, j: int) -> str:
    """The longest stretch around j that reads the same as around the mask at i."""
    a = 0
    while (
        a < 8
        and i - a - 1 >= 0
        and j - a - 1 >= 0
        and text[i - a - 1] == text[j - a - 1]
    ):
        a += 1
    b = 0
    while b < 8 and i + b + 1 < len(text) and j + b + 1 < len(text):
        if text[i + b + 1] != text[j + b + 1]:
            break
        b += 1
    return text[j - a : j + b + 1]


def _term_fits(text: str, i: int, masks: set[int]) -> list[tuple[int, str, str]]:
    """(matched characters, character, term) for each lexicon term fitting the mask."""
    fits = []
    n = len(text)
    before = text[i - 1] if i > 0 and i - 1 not in masks else None
    after = text[i + 1] if i + 1 < n and i + 1 not in masks else None
    for term in _TERMS:
        for k, ch in enumerate(term):
            lo = i - k
            hi = lo + len(term)
            if lo < 0 or hi > n:
                continue
            # the neighbours of the mask rule out most placements at once
            if before is not None and k > 0 and term[k - 1] != before:
                continue
            if after is not None and k + 1 < len(term) and term[k + 1] != after:
                continue
            window = text[lo:hi]
            matched = 0
            for offset, (have, want) in enumerate(zip(window, term, strict=True)):
                if lo + offset in masks:
                    continue
                if have != want:
                    break
                matched += 1
            else:
                if matched:
                    fits.append((matched, ch, term))
    return fits


@lru_cache(maxsize=4)
def _text_masks(text: str) -> tuple[int, ...]:
    # a file holding several documents is repaired once per document: read its masks once
    return tuple(mask_positions(text))


@lru_cache(maxsize=4)
def _lexicon_choices(text: str) -> dict[int, tuple[set[str], str]]:
    """For every mask: the characters its best-fitting lexicon terms give, and the term.

    Only characters that occur nowhere unmasked in the text count (see the module doc).
    """
    masks = set(_text_masks(text))
    present = set(text)
    out: dict[int, tuple[set[str], str]] = {}
    for i in masks:
        fits = [f for f in _term_fits(text, i, masks) if f[1] not in present]
        if not fits:
            continue
        best = max(f[0] for f in fits)
        chars = {f[1] for f in fits if f[0] == best}
        term = max((f for f in fits if f[0] == best), key=lambda f: len(f[2]))[2]
        out[i] = (chars, term)
    return out


def find_repairs(
    text: str, start: int = 0, end: int | None = None
) -> tuple[list[Repair], list[int]]:
    """Repairs proven for the masks in text[start:end], and the masks left unrepaired.

    Evidence is looked for in the whole text; positions are indices into ``text``.
    """
    end = len(text) if end is None else end
    masks = _text_masks(text)
    all_masks = set(masks)
    wanted = [p for p in masks if start <= p < end]
    repairs: dict[int, Repair] = {}
    undecided = []
    for i in wanted:
        fits = _context_fits(text, i, all_masks)
        if len(fits) == 1:
            ch, where = next(iter(fits.items()))
            shared = _shared_context(text, i, where[0])
            evidence = (
                f"“{shared}” appears unmasked (its “{ch}” at {where[0]})"
                + (f" (and {len(where) - 1} more)" if len(where) > 1 else "")
                + "; no other character fits the context of the mask"
            )
            repairs[i] = Repair(i, text[i], ch, evidence)
        elif not fits:
            undecided.append(i)
        # two or more characters fit the context: ambiguous, leave it

    # Pinned mask set: candidates from the lexicon among characters never seen unmasked.
    lexicon = _lexicon_choices(text) if all_masks else {}
    candidates: dict[int, tuple[str, str]] = {}
    for i in undecided:
        choice = lexicon.get(i)
        if choice is not None and len(choice[0]) == 1:
            candidates[i] = (next(iter(choice[0])), choice[1])
    per_char: dict[str, set[int]] = defaultdict(set)
    for i, (ch, _) in candidates.items():
        per_char[ch].add(i)
    # count support over the whole text, not only this span
    for i in all_masks - set(candidates) - set(repairs):
        choice = lexicon.get(i)
        if choice is not None and len(choice[0]) == 1:
            per_char[next(iter(choice[0]))].add(i)
    for i, (ch, term) in candidates.items():
        support = len(per_char[ch])
        if support < 2:
            continue
        evidence = (
            f"only the term “{term}” fits here; “{ch}” appears nowhere unmasked in the text "
            f"while {support} masks fit terms with it, so the source masks “{ch}” throughout"
        )
        repairs[i] = Repair(i, text[i], ch, evidence)
    ordered = [repairs[i] for i in sorted(repairs)]
    unrepaired = [i for i in wanted if i not in repairs]
    return ordered, unrepaired
