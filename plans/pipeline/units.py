"""Units of measure written after a number in Chinese plan documents.

``match_unit(norm, i)`` reads the unit that starts at ``norm[i]``: an optional magnitude
(万, 亿, 万亿 …) and a base unit (亩, 吨, 个, %, 个百分点 …). A magnitude with no base unit
after it is a unit of its own ("2.78万建档立卡贫困人口" → 万); one character that ends the
phrase after 万/亿 is a measure word and joins it ("92万箱," → 万箱). The text given is the
width-normalised copy of the source (see ``numbers.normalise``), so ％ and % read alike.
"""

from __future__ import annotations

import re

MAGNITUDES = (
    "万亿",
    "千亿",
    "百亿",
    "十亿",
    "千万",
    "百万",
    "十万",
    "亿",
    "万",
    "千",
    "百",
)

# Units that measure a quantity a plan can set (or report).
QUANTITY_UNITS = (
    "微克/立方米",
    "毫克/立方米",
    "毫克/升",
    "元/吨",
    "元/人",
    "元/月",
    "个百分点",
    "百分点",
    "%",
    "‰",
    "美元",
    "元",
    "公斤",
    "千克",
    "斤",
    "吨",
    "公顷",
    "亩",
    "平方公里",
    "平方米",
    "立方米",
    "延米",
    "公里",
    "千米",
    "米",
    "千瓦时",
    "千瓦",
    "度",
    "人次",
    "户次",
    "人",
    "名",
    "户",
    "套",
    "间",
    "个工作日",
    "工作日",
    "个",
    "家",
    "所",
    "项",
    "座",
    "处",
    "条",
    "张",
    "辆",
    "台",
    "头只",
    "头",
    "只",
    "口",
    "眼",
    "块",
    "场次",
    "场",
    "次",
    "种",
    "件",
    "位",
    "倍",
    "小时",
    "分钟",
    "天",
    "对",
    "列",
    "趟",
    "班",
    "篇",
    "部",
    "册",
    "份",
    "宗",
    "笔",
    "例",
    "艘",
    "架",
    "株",
    "棵",
    "床",
    "片",
    "吨标准煤",
    "标准箱",
    "标箱",
    "盏",
    "批次",
    "栋",
    "幢",
    "艘次",
    "架次",
    "车次",
    "人年",
    "千伏安",
    "兆瓦",
    "吉瓦",
    "TEU",
    "分贝",
    "羽",
    "台套",
    "支",
    "分",
    "起",
)

# Units that make a number a date, an age, an ordinal, a duration, a name: never a row.
SKIP_UNITS = (
    "年",
    "个月",
    "月",
    "日",
    "号",
    "届",
    "期",
    "批",
    "周年",
    "周岁",
    "岁",
    "星级",
    "级",
    "线",
    "千伏",
    "时",
    "代",
    "后",
    "成",
)

# "大" counts things in "10大公建项目"; handled by the extractor, not by the lexicon.
SPECIAL_UNITS = ("大",)

# A base unit character that, followed by these, starts a word instead (台阶, 个人 …).
_NOT_UNIT_BEFORE = {
    "人": "口员民才群士们工民大",
    "个": "人体性别案",
    "台": "阶",
    "对": "接于外话比标照象应",
    "场": "所景地馆",
    "种": "植子业类养",
    "家": "庭长属乡",
    "口": "岸",
    "度": "假",
    "所": "有在得属",
    "位": "于置",
    "部": "门署分",
    "间": "隔",
    "处": "理置",
    "件": "事",
    "片": "区",
    "班": "列",
    "米": "面",
    "条": "件例",
    "元": "素",
    "块": "钱",
    "头": "部",
    "支": "持出援付撑部柱",
    "起": "步来草动点始航飞止码",
    "分": "别之钟局类批期区享担解布配工散析摊红",
}

_BASES = tuple(
    sorted(QUANTITY_UNITS + SKIP_UNITS + SPECIAL_UNITS, key=len, reverse=True)
)


_BASE_RE = re.compile("|".join(re.escape(b) for b in _BASES))


def _base_at(norm: str, i: int) -> str:
    m = _BASE_RE.match(norm, i)
    if not m:
        return ""
    base = m.group(0)
    after = norm[m.end() : m.end() + 1]
    if len(base) == 1 and after and after in _NOT_UNIT_BEFORE.get(base, ""):
        return ""  # 台阶, 个人, 对接 …: a word, not a unit
    return base


# Magnitudes that make a unit on their own ("2.78万建档立卡贫困人口" → 万); "3千" is a word.
_STANDALONE = ("万亿", "亿", "万")


_NOT_RATES = ("%", "‰", "个百分点", "百分点", "倍")
# A rate written after a unit: "30万吨/日" (a capacity per day), "1.5万人次/年".
_PER = re.compile(
    r"/(?:日|天|年|月|小时|秒|平方米|立方米|千瓦时|公里|亩|人|户|吨|辆|头)"
    r"(?!处|均|产|常|益|期|次|口|员)"
)


# After 万/亿, one character that ends the phrase is a measure word, not the start of a
# noun ("92万箱," "382万担;" → 万箱, 万担; but "2.78万建档立卡贫困人口" → 万). These end it:
_PHRASE_END = ",.;:!?、。,;:)）\n"
_PHRASE_END_WORDS = ("以上", "以内", "以下", "左右", "之内")
# Characters that are words of their own after a magnitude, never a measure word.
_NOT_MEASURE = "多余元和及与或等的了是在为以之左"


def _measure_word_at(norm: str, i: int) -> str:
    ch = norm[i : i + 1]
    if not ch or not ("\u4e00" <= ch <= "\u9fff") or ch in _NOT_MEASURE:
        return ""
    rest = norm[i + 1 :]
    if not rest or rest[0] in _PHRASE_END or rest.startswith(_PHRASE_END_WORDS):
        return ch
    return ""


def match_unit(norm: str, i: int) -> str:
    """The unit written at ``norm[i]`` ("" when none): magnitude plus base, longest first."""
    best = _base_at(norm, i)
    for mag in MAGNITUDES:
        if norm.startswith(mag, i):
            base = _base_at(norm, i + len(mag))
            if not base and mag in _STANDALONE:
                base = _measure_word_at(norm, i + len(mag))
            if base or mag in _STANDALONE:
                best = max(best, mag + base, key=len)
                break
    if (
        best
        and "/" not in best
        and base_of(best) in QUANTITY_UNITS
        and base_of(best) not in _NOT_RATES
    ):
        m = _PER.match(norm, i + len(best))
        if m:
            best += m.group(0)
    return best


def base_of(unit: str) -> str:
    """The unit without its magnitude ("万亩" → "亩", "万" → "")."""
    if unit in _BASES:
        return unit
    for mag in MAGNITUDES:
        if unit.startswith(mag):
            unit = unit[len(mag) :]
            break
    if unit not in _BASES and "/" in unit:
        return unit.split("/")[0]  # "万吨/日" → 吨
    return unit


def is_skip_unit(unit: str) -> bool:
    return base_of(unit) in SKIP_UNITS


MONEY = ("元", "美元")
AGE = ("岁", "周岁")
# Units of a plant's capacity: a number in them before a project name is the project's.
CAPACITY = (
    "吨",
    "千瓦",
    "千瓦时",
    "公里",
    "头",
    "只",
    "口",
    "头只",
    "公斤",
    "辆",
    "标箱",
    "立方米",
)
# Units of time a service or a trip takes.
DURATION = ("小时", "分钟", "天", "个工作日", "工作日")
# Units of land area.
AREA = ("亩", "平方公里", "平方米", "公顷")
# Measure words that count things (a target count, or a count of campaigns).
COUNTERS = ("个", "项", "条", "大", "场", "次", "件", "张", "类")
