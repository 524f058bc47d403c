"""Units of measure written after a number in Chinese plan documents.

``match_unit(norm, i)`` reads the unit that starts at ``norm[i]``: an optional magnitude
(万, 亿, 万亿 …) and a base unit (亩, 吨, 个, %, 个百分点 …). A magnitude with no base unit
after it is a unit of its own ("2.78万建档立卡贫困人口" → 万); one character that ends the
phrase after 万/亿 is a measure word and joins it ("92万箱," → 万箱). The text given is the
width-normalised copy of the source (see ``numbers.normalise``), so ％ and % read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plans.pipeline import lexicon


@dataclass(frozen=True)
class _Tables:
    """The unit lists of one lexicon, with the pattern that reads a base unit."""

    magnitudes: tuple[str, ...]
    standalone: tuple[str, ...]
    quantity: tuple[str, ...]
    skip: tuple[str, ...]
    bases: tuple[str, ...]
    base_re: re.Pattern[str]
    not_unit_before: dict[str, str]
    not_rates: tuple[str, ...]
    phrase_end_words: tuple[str, ...]


@cache
def _tables(lex: lexicon.Lexicon) -> _Tables:
    u = lex.units
    bases = tuple(sorted(u.quantity + u.skip + u.special, key=len, reverse=True))
    return _Tables(
        magnitudes=tuple(u.magnitudes),
        standalone=u.standalone_magnitudes,
        quantity=u.quantity,
        skip=u.skip,
        bases=bases,
        base_re=re.compile("|".join(re.escape(b) for b in bases)),
        not_unit_before=u.not_unit_before,
        not_rates=u.not_rates,
        # a comparator written after the number ends the phrase ("92万箱以上")
        phrase_end_words=tuple(lex.after_number),
    )


def _t() -> _Tables:
    return _tables(lexicon.current())


def _base_at(norm: str, i: int) -> str:
    t = _t()
    m = t.base_re.match(norm, i)
    if not m:
        return ""
    base = m.group(0)
    after = norm[m.end() : m.end() + 1]
    if len(base) == 1 and after and after in t.not_unit_before.get(base, ""):
        return ""  # 台阶, 个人, 对接 …: a word, not a unit
    return base


# A rate written after a unit: "30万吨/日" (a capacity per day), "1.5万人次/年".
_PER = re.compile(
    r"/(?:日|天|年|月|小时|秒|平方米|立方米|千瓦时|公里|亩|人|户|吨|辆|头)"
    r"(?!处|均|产|常|益|期|次|口|员)"
)


# After 万/亿, one character that ends the phrase is a measure word, not the start of a
# noun ("92万箱," "382万担;" → 万箱, 万担; but "2.78万建档立卡贫困人口" → 万). These end it:
_PHRASE_END = ",.;:!?、。,;:)）\n"
# Characters that are words of their own after a magnitude, never a measure word.
_NOT_MEASURE = "多余元和及与或等的了是在为以之左"


def _measure_word_at(norm: str, i: int) -> str:
    ch = norm[i : i + 1]
    if not ch or not ("\u4e00" <= ch <= "\u9fff") or ch in _NOT_MEASURE:
        return ""
    rest = norm[i + 1 : i + 4]
    if not rest or rest[0] in _PHRASE_END or rest.startswith(_t().phrase_end_words):
        return ch
    return ""


def match_unit(norm: str, i: int) -> str:
    """The unit written at ``norm[i]`` ("" when none): magnitude plus base, longest first."""
    t = _t()
    best = _base_at(norm, i)
    for mag in t.magnitudes:
        if norm.startswith(mag, i):
            base = _base_at(norm, i + len(mag))
            if not base and mag in t.standalone:
                base = _measure_word_at(norm, i + len(mag))
            if base or mag in t.standalone:
                best = max(best, mag + base, key=len)
                break
    if (
        best
        and "/" not in best
        and base_of(best) in t.quantity
        and base_of(best) not in t.not_rates
    ):
        m = _PER.match(norm, i + len(best))
        if m:
            best += m.group(0)
    return best


def base_of(unit: str) -> str:
    """The unit without its magnitude ("万亩" → "亩", "万" → "")."""
    t = _t()
    if unit in t.bases:
        return unit
    for mag in t.magnitudes:
        if unit.startswith(mag):
            unit = unit[len(mag) :]
            break
    if unit not in t.bases and "/" in unit:
        return unit.split("/")[0]  # "万吨/日" → 吨
    return unit


def is_skip_unit(unit: str) -> bool:
    return base_of(unit) in _t().skip


def magnitudes() -> tuple[str, ...]:
    """Magnitude words (万, 亿 …), longest first."""
    return _t().magnitudes
