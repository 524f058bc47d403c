"""The numeral reader under the extractor: width normalisation, numerals, units."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from plans.pipeline.numbers import (
    ARABIC,
    CHINESE,
    LOST,
    RANGE,
    RATIO,
    chinese_value,
    find_numbers,
    normalise,
)
from plans.pipeline.units import base_of, match_unit


@pytest.mark.parametrize(
    "text",
    [
        "增长６．５％，达到１，２００个；比例２．５：７．５",
        "①新建　幼儿园Ⅲ类",
        "plain ascii 1.5%",
    ],
)
def test_normalising_keeps_every_offset_and_agrees_with_nfkc_where_lengths_agree(text):
    norm = normalise(text)
    assert len(norm) == len(text)
    for a, b in zip(text, norm, strict=True):
        n = unicodedata.normalize("NFKC", a)
        if len(n) == 1 and not ("\u2460" <= a <= "\u24ff"):
            assert b == n


@pytest.mark.parametrize(
    "text, forms",
    [
        ("增长6.5%", [(ARABIC, "6.5", Decimal("6.5"))]),
        ("新建1,200个", [(ARABIC, "1,200", Decimal("1200"))]),
        ("投资.6亿元", [(LOST, ".6", None)]),
        ("2~3万人", [(RANGE, "2~3", Decimal("2"))]),
        ("比例达2.5:7.5", [(RATIO, "2.5:7.5", None)]),
        # A label's number before a colon is no ratio with a percentage after it.
        (
            "数字1:6.5%左右",
            [(ARABIC, "1", Decimal("1")), (ARABIC, "6.5", Decimal("6.5"))],
        ),
        ("由两对增加至三对", [(CHINESE, "两", None), (CHINESE, "三", None)]),
        ("2019-03-18", []),
    ],
)
def test_find_numbers_reads_each_form_of_numeral(text, forms):
    assert [(n.form, n.text, n.value) for n in find_numbers(text)] == forms


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("三", 3),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百零五", 105),
        ("千", 1000),
    ],
)
def test_a_chinese_numeral_has_the_value_it_reads_as(numeral, value):
    assert chinese_value(numeral) == value


def test_a_run_of_digits_in_words_is_not_a_chinese_numeral():
    assert chinese_value("一二") is None


@pytest.mark.parametrize(
    "text, unit, base",
    [
        ("万亩以上", "万亩", "亩"),
        ("个百分点", "个百分点", "个百分点"),
        ("亿千瓦", "亿千瓦", "千瓦"),
        ("万建档立卡", "万", ""),
        ("千伏输变电", "千伏", "千伏"),
        ("台阶", "", ""),
        ("个人", "", ""),
        ("微克/立方米以下", "微克/立方米", "微克/立方米"),
        ("万标箱,", "万标箱", "标箱"),
        ("万标准箱以上", "万标准箱", "标准箱"),
        ("盏。", "盏", "盏"),
        ("批次。", "批次", "批次"),
        ("元/吨", "元/吨", "元/吨"),
        ("分以上", "分", "分"),
        ("分别", "", ""),
        ("支队伍", "支", "支"),
        ("支持", "", ""),
        ("台套", "台套", "台套"),
    ],
)
def test_a_unit_is_a_magnitude_and_a_base_read_longest_first(text, unit, base):
    assert match_unit(text, 0) == unit
    assert base_of(unit) == base


@pytest.mark.parametrize(
    "text, unit, base",
    [
        ("万吨/日,", "万吨/日", "吨"),
        ("吨/天。", "吨/天", "吨"),
        ("万辆/年", "万辆/年", "辆"),
        ("万人次/年以上", "万人次/年", "人次"),
        ("万立方米/日处理能力", "万立方米", "立方米"),
        ("%/年", "%", "%"),
        ("元/亩。", "元/亩", "元"),
        ("平方米/人,", "平方米/人", "平方米"),
    ],
)
def test_a_rate_per_day_or_year_stays_with_its_unit(text, unit, base):
    assert match_unit(text, 0) == unit
    assert base_of(unit) == base
