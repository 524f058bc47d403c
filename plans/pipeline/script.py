"""Text written in traditional characters read as simplified, one character for one.

Real pages come mirrored in traditional characters (国内生产总值 as 國內生產總值, 亿元 as
億元); the lexicon's words, units and place names are simplified. Both normalisations of a
text (``numbers.normalise`` and ``source_text.normalise_text``) map each traditional
character to its simplified form with OpenCC's ``t2s`` conversion, one character at a time,
so offsets do not move and the source keeps its characters as written. A text counts as
traditional when at least ``_SHARE`` of its CJK characters change: a simplified text's
stray 乾 or 於 is left alone.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

_SHARE = (
    0.05  # of a text's CJK characters that change: below it, the text is simplified
)
_CJK_FROM = 0x2E80


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplified(ch: str) -> str:
    out = str(_converter().convert(ch))
    return out if len(out) == 1 else ch


def simplified_table(text: str, chars: set[str] | None = None) -> dict[str, str]:
    """The characters of ``text`` to read in simplified form (one for one); empty when the
    text is not written in traditional characters. Linear: a pass per distinct character
    set, counted with ``str.translate``."""
    chars = set(text) if chars is None else chars
    cjk = [ch for ch in chars if ord(ch) >= _CJK_FROM]
    table = {ch: s for ch in cjk if (s := _simplified(ch)) != ch}
    if not table:
        return {}
    changed = len(text) - len(text.translate({ord(ch): None for ch in table}))
    total = len(text) - len(text.translate({ord(ch): None for ch in cjk}))
    return table if total and changed >= _SHARE * total else {}
