"""Template filters for the public pages: names in the page's language, values as shown."""

from django import template

from plans import formatting as fmt
from plans import models as m
from plans import tables as tbl

register = template.Library()


@register.filter
def loc(obj) -> str:
    """An object's English name on English pages (when it has one), else its Chinese."""
    if obj is None:
        return ""
    en = getattr(obj, "name_en", "") or ""
    if isinstance(obj, m.Region):
        return fmt.region_name(obj.name, en)
    if isinstance(obj, m.Department):
        return fmt.department_name(obj.name, en)
    zh = getattr(obj, "name_zh", None) or getattr(obj, "name", "") or str(obj)
    return fmt.localised(zh, en)


@register.filter
def shown(row: dict) -> str:
    """Glyph, value and unit: "≥ 6%"; a lost number says so."""
    return fmt.display_row(row)


@register.filter
def doc_kind(kind: str) -> str:
    return tbl.document_kind_label(kind)


@register.filter
def citation(row: dict) -> str:
    return tbl.citation(row)


@register.filter
def get(mapping, key):
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return ""


@register.filter
def qualifier(word: str) -> str:
    """力争 / 确保 in the page's language."""
    return fmt.qualifier_label(word)


@register.filter
def comparator(word: str) -> str:
    """The comparator word in the page's language."""
    return fmt.comparator_label(word)


@register.filter
def kind_label(kind: str) -> str:
    """目标 / 实际 / 背景 in the page's language."""
    return str(tbl.KIND_LABELS.get(kind, kind))


@register.filter
def review(status: str):
    """The "checked by an official" / "machine-read only" tag of a row."""
    return tbl.review_tag(status)


@register.filter
def status_label(status: str) -> str:
    """已达成 / 未达成 / 无法判断 in the page's language."""
    return str(tbl.STATUS_LABELS.get(status or "", ""))


@register.filter
def num(value) -> str:
    """A Decimal as written: 7.5, 1900, 3.89 (no trailing zeros, no exponent)."""
    if value is None or value == "":
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def goal_state(state: str) -> str:
    """进度正常 / 落后 for a year of a plan-period goal."""
    from django.utils.translation import gettext

    return {"on_track": gettext("进度正常"), "behind": gettext("落后")}.get(state, "")


@register.filter
def relation(text: str) -> str:
    """A relative or cross-level target in words (English with the Chinese beside it)."""
    return fmt.relation_words(text)


@register.filter
def level_target(point) -> str:
    """A level's target in the levels table: 7左右, 6.5–7, 突破190 (about 7 in English)."""
    text = num(point.target)
    if point.target_max is not None:
        text += f"–{num(point.target_max)}"
    return fmt.written_bound(text, point.comparator)


@register.filter
def shown_target(target) -> str:
    """A stored row's glyph, value and unit (and relation), as tables show it."""
    return fmt.display_row(
        {
            "kind": target.kind,
            "comparator": target.comparator,
            "value": target.value,
            "value_max": target.value_max,
            "value_text": target.value_text,
            "unit": target.unit,
            "value_missing": target.value_missing,
            "relation": target.relation,
        }
    )


@register.filter
def unit(word: str) -> str:
    """A unit in the page's language (through the lexicon)."""
    return fmt.unit_label(word)
