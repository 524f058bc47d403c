"""How a target's number is shown: comparator glyphs, values with units, labels in zh/en.

Pure functions over plain values, shared by tables, charts, exports and templates, so that a
number reads the same everywhere: each comparator shows the glyph data/lexicon.yaml gives it
(``≥ 6%`` for 以上, ``≈ 7%`` for an about word, ``≤ 4.5%`` for a ceiling).
A lost number is never shown as zero: it reads "数字缺失" / "number lost in source".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plans.pipeline import alignment, lexicon
from plans.pipeline.departments import load_register
from plans.pipeline.regions import english_names

# Comparator classes (the lexicon's bounds): how a chart draws a value, which glyph a
# table shows.
FLOOR = alignment.AT_LEAST
ABOUT = alignment.ABOUT
CEILING = alignment.AT_MOST
EXACT = alignment.REACH


def comparator_class(comparator: str) -> str:
    """FLOOR, ABOUT, CEILING or EXACT for a comparator word as written (a range or no
    bound draws and sorts as EXACT)."""
    bound = lexicon.current().bound_of(comparator)
    return bound if bound in (FLOOR, ABOUT, CEILING) else EXACT


def glyph(comparator: str) -> str:
    """``≥``, ``≈``, ``≤`` or an empty string (the lexicon's glyph for the word)."""
    return lexicon.current().glyph(comparator)


def number(value: Decimal | float | int | str | None) -> str:
    """A number without trailing zeros or exponent: 6 → "6", 6.50 → "6.5", 1e3 → "1000"."""
    if value is None or value == "":
        return ""
    try:
        decimal = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not decimal.is_finite():
        return ""
    decimal = decimal.normalize()
    text = format(decimal, "f")
    return text


def value_text(
    *,
    value: Decimal | float | None,
    value_max: Decimal | float | None = None,
    written: str = "",
    unit: str = "",
    missing: bool = False,
) -> str:
    """The value with its unit, e.g. "6%", "2–3万亩", "三个"; lost numbers say so.
    English pages say it in English through the lexicon: "15 billion jin", "13,500
    people" (a unit the lexicon has no English for stays as written)."""
    english = _english() and unit_in_english(unit)
    if missing:
        label = unit_label(unit)
        if not label:
            return _("数字缺失")
        return _("数字缺失") + (f" ({label})" if english else f"（{label}）")
    if value is None:
        return f"{written or '—'}{unit}"
    if english:
        factor, name = english
        low = english_number(Decimal(str(value)) * factor)
        if value_max is not None and Decimal(str(value_max)) != Decimal(str(value)):
            low += "–" + english_number(Decimal(str(value_max)) * factor)
        if not name or name in ("%", "‰"):
            return f"{low}{name}"
        return f"{low} {name}"
    if value_max is not None and Decimal(str(value_max)) != Decimal(str(value)):
        shown = f"{number(value)}–{number(value_max)}"
    else:
        shown = number(value)
    return f"{shown}{unit}"


def unit_label(unit: str) -> str:
    """A unit by itself (an axis title, a table heading): 亿斤 in Chinese pages,
    "100 million jin" in English ones (as written when the lexicon has no English)."""
    english = _english() and unit_in_english(unit)
    if not english:
        return unit
    factor, name = english
    return name if factor == 1 else f"{english_number(factor)} {name}".strip()


def unit_in_english(unit: str) -> tuple[Decimal, str] | None:
    """(multiplier, English unit) for a unit as written, from the lexicon."""
    return lexicon.current().unit_en(unit) if unit else None


_SCALES = (
    (Decimal("1e12"), "trillion"),
    (Decimal("1e9"), "billion"),
    (Decimal("1e6"), "million"),
)


def english_number(value: Decimal) -> str:
    """15000000000 → "15 billion", 13500 → "13,500", 0.35 → "0.35"."""
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{number(value / size)} {word}"
    text = number(value)
    whole, _dot, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-') or 0):,}"
    return sign + grouped + (f".{fraction}" if fraction else "")


def display(
    *,
    comparator: str = "",
    value: Decimal | float | None = None,
    value_max: Decimal | float | None = None,
    written: str = "",
    unit: str = "",
    missing: bool = False,
) -> str:
    """Glyph, value and unit: "≥ 6%", "≈ 7%", "≤ 4.5%", "10%"."""
    text = value_text(
        value=value, value_max=value_max, written=written, unit=unit, missing=missing
    )
    sign = glyph(comparator)
    if missing or not sign:
        return text
    return f"{sign} {text}"


def comparator_label(comparator: str) -> str:
    """The comparator word as written, with its English in English pages."""
    if not comparator:
        return ""
    if _english():
        return lexicon.current().comparator_en(comparator)
    return comparator


def written_bound(number: str, comparator: str) -> str:
    """A number with its comparator word where the page's language puts it: 7左右 and
    突破190 (where data/lexicon.yaml writes the word), about 7, surpass 190."""
    if not comparator:
        return number
    words = lexicon.current()
    if _english():
        return f"{words.comparator_en(comparator)} {number}"
    spec = words.comparators.get(comparator)
    if spec is not None and spec.written == lexicon.BEFORE:
        return f"{comparator}{number}"
    return f"{number}{comparator}"


def qualifier_label(qualifier: str) -> str:
    if not qualifier:
        return ""
    if _english():
        return lexicon.current().qualifier_en(qualifier)
    return qualifier


def status_label(status: str) -> str:
    """met / not_met / unknown in the page's language (the lexicon's words)."""
    if not status:
        return ""
    return lexicon.current().status_label(status, english=_english())


def step_label(before: int, after: int) -> str:
    """How a step between two targets is named: by the earlier year, always
    ("比2021年计划"), so that a jump over years never reads as "the previous year"."""
    return _("比%(year)s年计划") % {"year": before}


def localised(zh: str, en: str = "") -> str:
    """The English name on English pages when there is one, else the Chinese."""
    if _english() and en:
        return en
    return zh


def _english() -> bool:
    return (get_language() or "").startswith("en")


def joined(parts) -> str:
    """Items of one cell joined as the page's language punctuates a list: "；" or "; "."""
    return ("; " if _english() else "；").join(p for p in parts if p)


# English for place names: the region data file's (Region.name_en is stored from it by the
# region tree, but rows made before it, or by other loaders, may still lack it).
REGION_EN = english_names()


def region_name(name: str, name_en: str = "") -> str:
    """English pages keep the Chinese beside the English: the documents use it."""
    english = name_en or REGION_EN.get(name, "")
    if _english() and english:
        return f"{english} ({name})"
    return name


def department_name(name: str, name_en: str = "") -> str:
    """English pages name a unit in English where known, keeping the Chinese beside it."""
    if not _english():
        return name
    if not name_en:
        # The department register (data/departments.yaml) knows every body's English name.
        entry = load_register().lookup(name)
        name_en = entry.en if entry else ""
    return f"{name_en} ({name})" if name_en else name


def display_row(row: dict) -> str:
    """Glyph, value and unit of a row as text: "≥ 6%", "≈ 7%", "数字缺失（亿斤）";
    a relative target adds its relation in words ("≈ 8%，高于经济增速"); a commitment,
    which never has a number, says so."""
    words = relation_words(row.get("relation", ""))
    if row.get("kind") == "commitment":
        if words:  # a target in words only ("确保粮食总产稳步提升"): the words say it
            return _("%(words)s（仅文字，无数值）") % {"words": words}
        return _("无数值（承诺事项）")
    text = display(
        comparator=row["comparator"],
        value=row["value"],
        value_max=row["value_max"],
        written=row["value_text"],
        unit=row["unit"],
        missing=row["value_missing"],
    )
    return f"{text}{', ' if _english() else '，'}{words}" if words else text


# Relative and cross-level targets in English (the Chinese is shown as written).
RELATION_EN = {
    alignment.ABOVE: "higher than {other}",
    alignment.IN_STEP: "in step with {other}",
    alignment.ASSIGNED: "complete what the higher level assigned",
    alignment.RISE: "a rise on the year before",
}
RELATION_OTHER_EN = {
    "gdp_growth": "economic growth",
    alignment.PARENT_REGION: "the average of the region above",
}


def relation_words(relation: str) -> str:
    """A relation in words: as written in Chinese pages; in English pages its English
    with the Chinese beside it ("higher than economic growth (高于经济增速)")."""
    if not relation:
        return ""
    if not _english():
        return relation
    parsed = alignment.parse_relation(relation)
    if parsed is None:
        return relation
    other = RELATION_OTHER_EN.get(parsed.indicator or parsed.scope, "")
    words = RELATION_EN[parsed.kind].format(other=other or "the reference")
    return f"{words} ({relation})"
