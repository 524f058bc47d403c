"""Years a text names by what they are: an anniversary ("今年是中国共产党成立100周年" →
2021, an autonomous region's founding) or a year named by what it closes or opens
("今年是脱贫攻坚收官之年" → 2020, the lexicon's ``years.named_years``). Moved out of
``document_year`` whole; evidence as ``year_evidence._Evidence``.
"""

from __future__ import annotations

import re

from plans.pipeline import lexicon, regions
from plans.pipeline.source_text import cn_int
from plans.pipeline.year_evidence import _Evidence


def _own_autonomous_region(
    text: str, region: str | None, founded: list[lexicon.Anniversary]
) -> lexicon.Anniversary | None:
    """Of the autonomous regions' foundings, the one of the region a text is about: its
    region, else the one it names most (in full or short: 广西), else None."""
    own = regions.province_from_short(region) if region else None
    counts = []
    for a in founded:
        if a.region == own:
            return a
        short = regions.short_name(a.region)
        counts.append((text.count(a.region) + (text.count(short) if short else 0), a))
    count, best = max(counts, key=lambda c: c[0], default=(0, None))
    return best if count else None


def _anniversary_evidence(text: str, region: str | None = None) -> list[_Evidence]:
    """ "今年是中国共产党成立100周年" → 2021. Of two names ending at the same place, the
    longer one is meant ("广西壮族自治区成立60周年" is not the bare 自治区成立); a bare
    自治区成立 is the founding of the autonomous region the text is about."""
    named: dict[
        int, tuple[int, _Evidence]
    ] = {}  # where a name ends → its start, evidence
    anniversaries = lexicon.current().years.anniversaries
    regional = [a for a in anniversaries if a.region and a.region != "own"]
    for anniversary in anniversaries:
        pattern = f"({lexicon.alternation(anniversary.words)})"
        founded, words = anniversary.founded, anniversary.en
        if anniversary.region == "own":
            own = _own_autonomous_region(text, region, regional)
            if own is not None:
                founded, words = own.founded, own.en
        number = r"(\d{1,3}|[一二三四五六七八九十百零]{1,5})"
        for match in re.finditer(
            rf"(今年|年)(?:也)?是(?:[^。;是]{{0,30}}也是)?[^。;是]{{0,20}}?{pattern}{number}周?年(?!来|以来)",
            text,
        ):
            # "建党百年": a bare 百 is one hundred
            written = match.group(3)
            years = cn_int("一" + written if written == "百" else written)
            if not years:
                continue
            year = founded + years
            reason = (
                f"“{match.group(0)}”: {years} years after {words} ({founded}) → {year}"
            )
            start, end = match.span(2)
            if end not in named or start < named[end][0]:
                # "今年是新中国成立70周年": the text's present (``decide_year``)
                now = match.group(1) == "今年"
                named[end] = (start, _Evidence(year, 3, False, reason, now=now))
    return [e for _, e in named.values()]


def _named_year_evidence(text: str) -> list[_Evidence]:
    """ "今年是脱贫攻坚收官之年" → 2020: a year named by what it closes or opens (the
    lexicon's ``years.named_years``), its name and position within a few characters."""
    found = []
    for named in lexicon.current().years.named_years:
        names, positions = (
            lexicon.alternation(w) for w in (named.names, named.positions)
        )
        match = re.search(
            rf"今年(?:也)?是[^。;是]{{0,30}}?(?:{names})[^。;,，是]{{0,8}}?(?:{positions})",
            text,
        )
        if match:
            reason = f"“{match.group(0)}”: the {named.en} → {named.year}"
            found.append(_Evidence(named.year, 3, False, reason))
    return found
