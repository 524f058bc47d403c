"""Numerals in Chinese prose: Arabic (half or full width), ranges, ratios, Chinese numerals.

``normalise(text)`` returns a copy of the same length in which every character whose NFKC
form is one character is replaced by it (full-width digits, ％, ，, ： …), so offsets into
the copy are offsets into the source. ``find_numbers(norm, start, end)`` lists every
numeral written in ``norm[start:end]`` as a ``Numeral`` (a fraction in words, "三分之一",
is one numeral; so is a range whose ends both carry 万, "1.2万—1.5万人"); deciding which
of them are targets is the extractor's job.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

from plans.pipeline.script import simplified_table
from plans.pipeline.types import (
    VALUE_DECIMAL_PLACES,
    VALUE_MAX_DIGITS,
    VALUE_TOO_LONG,
    VALUE_TOO_PRECISE,
)

ARABIC = "arabic"
RANGE = "range"
RATIO = "ratio"
CHINESE = "chinese"
LOST = "lost"  # a decimal whose leading digits were lost: ".6亿元"
FRACTION = "fraction"  # "三分之一", "千分之5": kept as written, never converted


# Characters typed for another on pages of GB2312 days: "增长15℅" (care of) means 15%;
# a ratio's colon typed as the ratio sign or a vertical two-dot leader ("11.8︰48.3︰39.9").
# a minus sign (−) for the hyphen-minus of a negative growth rate ("增长−2.5%").
_LOOKALIKES = {"\u2105": "%", "\u2236": ":", "\ufe30": ":", "\u2212": "-"}


@lru_cache(maxsize=4096)
def _nfkc_char(ch: str) -> str:
    if "\u2460" <= ch <= "\u24ff" or "\u2776" <= ch <= "\u2793":
        return ch  # ① ⑴ ❶ are list markers, not digits
    if ch in _LOOKALIKES:
        return _LOOKALIKES[ch]
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 else ch


# A year written in words, four characters as four digits: "二〇一〇年" (also typed "二OO九年").
_WORD_YEAR = re.compile(
    r"(?<![〇○零一二三四五六七八九十百千0-9])(?:一九|二[〇○零O0])[〇○零O0一二三四五六七八九]{2}(?=年)"
)
_YEAR_DIGITS = str.maketrans("〇○零O一二三四五六七八九", "0000123456789")


_SPACED_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([ \u3000\u00a0])年")


def normalise(text: str) -> str:
    """Width-normalise ``text`` one character at a time, keeping its length (and read
    traditional characters as simplified, ``script``); a year in words reads as digits
    ("二〇一〇年" → "2010年"), so that it dates its sentence as a year in digits does."""
    if text.isascii():
        return text
    chars = set(text)
    table = {ord(ch): _nfkc_char(ch) for ch in chars if ord(ch) > 127}
    # a text in traditional characters is read in simplified ones (國內 → 国内)
    table.update({ord(ch): s for ch, s in simplified_table(text, chars).items()})
    out = text.translate(table)
    out = _WORD_YEAR.sub(lambda m: m.group(0).translate(_YEAR_DIGITS), out)
    # a PDF's spaced "2017 年" reads as "2017年 " (the space moves after 年, the length and
    # every other offset stay), so that it dates its sentence as "2017年" does
    return _SPACED_YEAR.sub(r"\1年\2", out)


@dataclass(frozen=True)
class Numeral:
    start: int
    end: int
    form: str  # ARABIC | RANGE | RATIO | CHINESE | LOST
    text: str  # as found in the normalised text
    value: Decimal | None
    value_max: Decimal | None = None


_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_TOKEN = re.compile(
    rf"""
    (?P<date>[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}(?![0-9]))
  | (?P<frac>(?:[一二两三四五六七八九十]+[百千万]?|[百千万])分之(?:{_NUM}|[一二两三四五六七八九十百]+(?:点[零一二三四五六七八九]+)?))
  | (?P<lo>{_NUM})(?:(?P<lopct>%)|万(?=[ ]?(?:~|-|—|–|至|到)[ ]?{_NUM}万))?[ ]?(?:~|-|—|–|至|到)[ ]?(?P<hi>{_NUM})
  | (?P<ra>(?>{_NUM}(?::{_NUM})+))(?![0-9%])
  | (?P<lost>(?<![0-9])\.[0-9]+)
  | (?P<num>(?:(?<=[长速幅为])-)?{_NUM})
    """,
    re.VERBOSE,
)
_CN_CHARS = "零〇一二两三四五六七八九十百千"
# a numeral in words, with its decimals ("零点一五") or 万 inside it ("一万一千"); 万 alone
# before 亿 ("超万亿元")
_CN = re.compile(
    f"[{_CN_CHARS}]+(?:万[{_CN_CHARS}]*[千百])?(?:点[零〇一二三四五六七八九]+)?"
    f"|(?<![0-9.{_CN_CHARS}])万(?=亿)"
)


def value_problem(value: Decimal | None) -> str:
    """Why ``value`` cannot be stored as written ("" when it can): too many digits
    before the point, or more decimals than a stored value keeps (it would be rounded)."""
    if value is None:
        return ""
    if not value.is_finite():
        return VALUE_TOO_LONG
    sign, digits, exponent = value.normalize().as_tuple()
    assert isinstance(exponent, int)
    whole = len(digits) + exponent
    if whole > VALUE_MAX_DIGITS - VALUE_DECIMAL_PLACES:
        return VALUE_TOO_LONG
    if -exponent > VALUE_DECIMAL_PLACES:
        return VALUE_TOO_PRECISE
    return ""


def to_decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def chinese_value(s: str) -> int | None:
    """The integer a Chinese numeral stands for ("三" → 3, "十五" → 15, "千" → 1000).

    Read by cn2an in its strict mode (a run of digits in words, "一二", is no numeral);
    两 reads as 二, 〇 as 零, and a bare 百/千 as one hundred/thousand.
    """
    if s == "万":
        return 10000
    if not s or any(ch not in _CN_CHARS + "万" for ch in s):
        return None
    text = s.replace("两", "二").replace("〇", "零")
    if text[0] in "百千":
        text = "一" + text
    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError):
        return None
    return int(value) if value == int(value) else None


def chinese_decimal(s: str) -> Decimal | None:
    """The value of a Chinese numeral, decimals in words included ("零点一五" → 0.15)."""
    whole, dot, tenths = s.partition("点")
    number = chinese_value(whole)
    if not dot:
        return Decimal(number) if number is not None else None
    if number is None or not tenths:
        return None
    digits = "".join(str(chinese_value(ch) or 0) for ch in tenths.replace("〇", "零"))
    return Decimal(f"{number}.{digits}")


def find_numbers(norm: str, start: int = 0, end: int | None = None) -> list[Numeral]:
    """Every numeral in ``norm[start:end]``, in order; dates come back as nothing."""
    end = len(norm) if end is None else end
    found: list[Numeral] = []
    for m in _TOKEN.finditer(norm, start, end):
        if m.group("date"):
            continue
        if m.group("frac"):
            found.append(Numeral(m.start(), m.end(), FRACTION, m.group(0), None))
        elif m.group("lo"):
            lo, hi = to_decimal(m.group("lo")), to_decimal(m.group("hi"))
            found.append(Numeral(m.start(), m.end(), RANGE, m.group(0), lo, hi))
        elif m.group("ra"):
            found.append(Numeral(m.start(), m.end(), RATIO, m.group(0), None))
        elif m.group("lost"):
            found.append(Numeral(m.start(), m.end(), LOST, m.group(0), None))
        else:
            s = m.group("num")
            found.append(Numeral(m.start(), m.end(), ARABIC, s, to_decimal(s)))
    fractions = [(n.start, n.end) for n in found if n.form == FRACTION]
    fraction_starts = [a for a, _ in fractions]
    for m in _CN.finditer(norm, start, end):
        s = m.group(0)
        k = bisect.bisect_right(fraction_starts, m.start()) - 1
        if k >= 0 and fractions[k][0] <= m.start() < fractions[k][1]:
            continue  # the 三 and 一 of 三分之一
        found.append(Numeral(m.start(), m.end(), CHINESE, s, None))
    found.sort(key=lambda n: n.start)
    return found
