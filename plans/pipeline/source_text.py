"""The segmenter's view of a source text: an NFKC copy whose characters know their origin.

Matching runs on an NFKC-normalised copy (full-width and half-width punctuation read the
same) whose every character remembers its index in the original, so every span found in
the copy points into the source. Also: the copy's non-blank lines, and years and small
integers written in Arabic or Chinese numerals (the lexicon's ``numerals``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from plans.pipeline import lexicon
from plans.pipeline.script import simplified_table


@dataclass(frozen=True)
class Norm:
    """NFKC text plus, for each of its characters, the index of its source character."""

    text: str
    origin: tuple[int, ...]  # one more entry than text: the source length

    def start(self, i: int) -> int:
        return self.origin[i]

    def end(self, j: int) -> int:
        # exclusive end: one past the source character of the last included char
        return self.origin[j - 1] + 1 if j > 0 else self.origin[0]


def normalise_text(text: str) -> Norm:
    # NFKC per character keeps the mapping simple; only compatibility forms
    # (full-width, NBSP, circled digits) change and almost all stay one character.
    table = {}
    present = set(text)
    for ch in present:
        if ord(ch) > 127:
            out = unicodedata.normalize("NFKC", ch)
            if out != ch:
                table[ch] = out
    # a text in traditional characters is read in simplified ones (國內 → 国内)
    table.update(simplified_table(text, present))
    if all(len(out) == 1 for out in table.values()):
        # one character for one: the offsets do not move
        trans = str.maketrans(table) if table else {}
        return Norm(text.translate(trans), tuple(range(len(text) + 1)))
    # Runs between characters that become several keep their offsets: copy them whole.
    single = str.maketrans({k: v for k, v in table.items() if len(v) == 1})
    several = re.compile("|".join(re.escape(k) for k, v in table.items() if len(v) > 1))
    chars: list[str] = []
    origin: list[int] = []
    at = 0
    for m in several.finditer(text):
        chars.append(text[at : m.start()].translate(single))
        origin.extend(range(at, m.start()))
        out = table[m.group(0)]
        chars.append(out)
        origin.extend([m.start()] * len(out))
        at = m.end()
    chars.append(text[at:].translate(single))
    origin.extend(range(at, len(text) + 1))
    return Norm("".join(chars), tuple(origin))


@dataclass(frozen=True)
class Line:
    start: int  # in normalised text, first non-blank character
    end: int  # in normalised text, after last non-blank character
    text: str


def text_lines(norm: str, start: int = 0, end: int | None = None) -> list[Line]:
    end = len(norm) if end is None else end
    lines = []
    pos = start
    for raw in norm[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            lines.append(Line(s, s + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def cn_int(s: str) -> int | None:
    """ "23" → 23, "十四" → 14, "二十三" → 23, "二〇一四" → 2014; None if not a number."""
    digits = lexicon.current().digits
    if s.isascii() and s.isdigit():
        return int(s)
    if s.count("百") == 1 and len(s) > 1:  # "一百" → 100, "一百零五" → 105
        hundreds, _, rest = s.partition("百")
        head = digits.get(hundreds)
        rest = rest.lstrip("零〇")
        tail = cn_int(rest) if rest else 0
        return None if head is None or tail is None else head * 100 + tail
    if all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    if "十" in s and all(c in digits or c == "十" for c in s) and s.count("十") == 1:
        tens, _, ones = s.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    return None


# A year in words may be typed with the letter O or the digit 0 for 〇 ("二OO九年", "二00九年").
YEAR_PATTERN = r"((?:19|20)\d{2}|[〇○零一二][〇○零O0一二三四五六七八九]{3})"
_TYPED_ZEROS = str.maketrans("O0", "〇〇")
_CN_NUM = "[一二三四五六七八九十]{1,3}"
# a date whose first group is its year: "2025年3月9日", "二〇二一年一月二十日"
DATE_PATTERN = rf"{YEAR_PATTERN}年(?:\d{{1,2}}|{_CN_NUM})月(?:\d{{1,2}}|{_CN_NUM})日"


def year_of(s: str) -> int | None:
    value = cn_int(s if s.isascii() else s.translate(_TYPED_ZEROS))
    return value if value and 1949 <= value <= 2100 else None
