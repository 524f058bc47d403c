"""How values read on every page: glyphs for comparators, numbers, units, lost values."""

from decimal import Decimal

import pytest
from django.utils import translation

from plans import formatting as fmt


@pytest.mark.parametrize("word", ["以上", "不低于", "不少于", "突破", "超", "超过"])
def test_a_floor_word_shows_greater_or_equal(word):
    assert fmt.glyph(word) == "≥"
    assert fmt.comparator_class(word) == fmt.FLOOR


@pytest.mark.parametrize("word", ["左右", "约"])
def test_an_about_word_shows_approximately(word):
    assert fmt.glyph(word) == "≈"


@pytest.mark.parametrize("word", ["以内", "不超过", "最多"])
def test_a_ceiling_word_shows_less_or_equal(word):
    assert fmt.glyph(word) == "≤"


@pytest.mark.parametrize("word", ["", "达到"])
def test_reach_or_no_word_shows_no_glyph(word):
    assert fmt.glyph(word) == ""


@pytest.mark.parametrize(
    ("kwargs", "shown"),
    [
        ({"comparator": "以上", "value": Decimal("6"), "unit": "%"}, "≥ 6%"),
        ({"comparator": "左右", "value": Decimal("7.000000"), "unit": "%"}, "≈ 7%"),
        ({"comparator": "以内", "value": Decimal("4.5"), "unit": "%"}, "≤ 4.5%"),
        ({"value": Decimal("10"), "unit": "%"}, "10%"),
        ({"value": Decimal("2"), "value_max": Decimal("3"), "unit": "%"}, "2–3%"),
        ({"value": Decimal("1E+3"), "unit": "个"}, "1000个"),
        ({"value": None, "written": "三", "unit": "个"}, "三个"),
        ({"comparator": "突破", "value": 200.0, "unit": "亿斤"}, "≥ 200亿斤"),
    ],
)
def test_display_joins_glyph_value_and_unit(kwargs, shown):
    with translation.override("zh-hans"):
        assert fmt.display(**kwargs) == shown


def test_a_lost_value_is_never_shown_as_a_number():
    with translation.override("zh-hans"):
        text = fmt.display(comparator="以上", value=None, unit="亿斤", missing=True)
    assert "0" not in text
    assert "≥" not in text
    assert "缺失" in text and "亿斤" in text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("6.500000"), "6.5"),
        (Decimal("0.02"), "0.02"),
        (12345678, "12345678"),
        (None, ""),
    ],
)
def test_numbers_lose_trailing_zeros_but_never_use_exponents(value, text):
    assert fmt.number(value) == text


def test_english_pages_name_comparators_and_qualifiers_in_english():
    with translation.override("en"):
        assert fmt.comparator_label("以上") == "or more"
        assert fmt.qualifier_label("力争").startswith("stretch")
        assert fmt.localised("粮食产量", "Grain output") == "Grain output"
    with translation.override("zh-hans"):
        assert fmt.comparator_label("以上") == "以上"
        assert fmt.localised("粮食产量", "Grain output") == "粮食产量"


def test_an_object_without_an_english_name_keeps_its_chinese_one():
    with translation.override("en"):
        assert fmt.localised("市农牧局", "") == "市农牧局"
