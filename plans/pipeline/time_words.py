"""Times a text names that decide a row's year, read where kinds.py looks for them: the
time at a clause's head (a year, 去年, “十二五”期间, 今年, 今后五年, 预计, a part of the year,
after a verb that looks back: "报告回顾了2007年工作:"), goal years (到2025年, “十四五”末,
今后五年, 2021—2025年), and:

- Parts of a year (上半年, 今年上半年, 1—7月, 元至6月, 一至三季度, 前10个月): a result reported
  so far this year.
- Past years a head names by its own words (刚刚过去的2007年; “十一五”前四年 → 2009).
- What 预计 estimates when a year follows it ("预计2019年…", "预计到2010年底…", "预计明年…",
  "据预计,2011年…").
- Bracketed heading lines naming a year ("【2022年成绩单】" above a list of "▲…" items): the
  items below take that year until the next such line.
"""

from __future__ import annotations

import bisect
import re

from plans.pipeline import lexicon
from plans.pipeline.source_text import YEAR_PATTERN, year_of

# a part of the year reported so far (the alternatives are a regular expression)
PARTS_OF_YEAR = (
    # 元至6月 and 一至九月 count from January too; 一至三季度 is 前三季度; a month alone
    # (10月份, "10月," but not 10月26日) is this year's too, and so is its end ("11月末,
    # 全市…存款余额1052亿元"; not "6月底前", a deadline)
    # a quarter alone (三季度, 第三季度: the quarter's own result) is one too, but not 四季度,
    # which news of October still has ahead of it
    r"上半年|第?一季度|前三季度|第?[二三]季度|[1一元]\s*[-—~至到]\s*(?:\d{1,2}|十[一二]?|[二三四五六七八九])\s?月"
    r"|[1一]\s*[-—~至到]\s*[23二三]季度|前(?:\d{1,2}|[两三四五六七八九十]|十一)个月"
    r"|(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份|(?:末|底)?(?=\s*[,，]))"
)
BY_YEAR = re.compile(r"(?:到|至)([12][0-9]{3})年(?:底|末)?")
LATER_YEAR = re.compile(r"(?<![0-9~\-—至到])([12][0-9]{3})年(?![0-9~\-—至到])")
# "十五" alone is the tenth plan (2001–2005): "“十五”期间"
FIVE_YEAR = re.compile(r"十([一二三四五]?)五[”\"]?(?:规划|计划)?(?:时期|期间|末)")
# The five years a new government's term looks ahead to, the plan year first.
NEXT_FIVE_YEARS = re.compile(r"(?:今后|未来)(?:五|5)年")
# A verb that looks back at the time named after it ("报告回顾了2007年工作:…").
_REVIEW_VERB = lexicon.alternation(lexicon.current().cues.review_verbs)
# Statistics at a sentence's head report the year just past ("据初步统计,全省…增长14.5%").
_STATISTICS = lexicon.alternation(lexicon.current().cues.statistics_heads)
# A time named at the head of a sentence (after a list mark and a few words: "全市…").
TIME_HEAD = re.compile(
    r"\s*(?:[(][一二三四五六七八九十0-9]+[)]|[一二三四五六七八九十]+[是、]|[0-9]{1,3}(?:[.、\t]| {2}))?\s*"
    r"(?:[^,。;:!?\n0-9“\"]{2,6},"  # "报告指出,", "据初步核算,"
    rf"|[^,。;:!?\n0-9“\"]{{0,4}}?(?:{_REVIEW_VERB})了?)?"  # "报告回顾了"
    r"(?P<pre>[^,。;:!?\n0-9]{0,4}?)"
    # A year that bounds what is counted ("淘汰2005年以前注册的车辆") is no time head.
    # "2021—2022年,…年均增长6.4%": a span of years, named by its last
    # "刚刚过去的2007年": a year the text says is gone
    r"(?:(?P<gone>(?:刚刚)?过去的)?(?:[12][0-9]{3}\s*[-—~至到]\s*)?(?P<y>[12][0-9]{3})年(?![0-9]|以前|之前|以后|之后)|(?P<last>去年|上年|过去(?:的)?一年|刚刚过去的一年|一年来"
    rf"|(?:{_STATISTICS})(?=[,，]))"
    r"|(?P<five>过去五年|五年来)|[“\"]?十(?P<fy>[一二三四五]?)五[”\"]?(?:规划|计划)?"
    r"(?:时期|期间|(?P<since>以来)|前(?P<first>[两二三四2-4])年)"
    rf"|(?P<now>今年)(?!{PARTS_OF_YEAR})|(?P<own>明年|到“?十[一二三四五]五|(?:今后|未来)(?:五|5)年)"
    # "今年上半年" is a part of the year, as "上半年" is
    rf"|(?P<est>预计)|(?P<part>(?:今年)?(?:{PARTS_OF_YEAR}|截[至止]\d{{1,2}}月(?:底|末)?)))"
)
# A sentence that opens with a year of its own: "今年…", "2011年,…", "(三)今年…".
OWN_YEAR_HEAD = re.compile(
    r"\s*(?:[(][一二三四五六七八九十0-9]+[)]|[一二三四五六七八九十]+[是、]|[0-9]{1,3}[.、\t])?"
    r"\s*(?:今年|明年|全年|年内|当年|[12][0-9]{3}年(?!底|末|前|以来))"
)
PERIOD = re.compile(r"([12][0-9]{3})\s*[-—~至到]\s*([12][0-9]{3})年")


def plan_end(digit: str) -> int:
    """The last year of the five-year plan 十{digit}五 (十五: 2005, 十一五: 2010 …)."""
    return 2005 if not digit else 2010 + "一二三四五".index(digit) * 5


def gone_year(m: re.Match[str], digits: dict[str, int]) -> int | None:
    """The past year a ``TIME_HEAD`` match names by its own words, whatever the text's
    year: "刚刚过去的2007年" → 2007; a five-year plan's first years, "“十一五”前四年" →
    2009, the last of them."""
    if m.group("gone"):
        return int(m.group("y"))
    count = m.group("first")
    if not count:
        return None
    return (
        plan_end(m.group("fy")) - 5 + (int(count) if count.isdigit() else digits[count])
    )


def names_year(
    norm: str, start: int, end: int, year: int | None, past: int | None
) -> bool:
    """Whether ``norm[start:end]`` names ``year`` or a later one, after the ``past`` year
    a head names, and not as a year compared with ("比2005年…")."""
    return year is not None and any(
        (y := int(m.group(1))) >= year
        and (past is None or y > past)
        and not norm[start : m.start()].endswith(tuple("比较与同于"))
        for m in LATER_YEAR.finditer(norm, start, end)
    )


_ESTIMATE_CLAUSE = re.compile(
    rf"(?:^|[,。;:!?\n])[^,。;:!?\n0-9]{{0,3}}"
    rf"(?:{lexicon.alternation(lexicon.current().cues.estimate)}),$"
)


def estimate_after_clause(norm: str, i: int, m: re.Match[str]) -> int | None:
    """The year a clause opens with (a ``TIME_HEAD`` match at ``i``) where the clause
    before it is only an estimate's word ("据预计,2011年…"), else None."""
    if not m.group("y") or m.group("pre"):
        return None
    return (
        int(m.group("y")) if _ESTIMATE_CLAUSE.search(norm, max(0, i - 8), i) else None
    )


_ESTIMATED = re.compile(rf"(?:到)?(?:{YEAR_PATTERN}年|(?P<word>[今明本去上]年))")
_BRACKET_LINE = re.compile(r"(?m)^[ \t]*【([^】\n]{1,24})】[ \t]*$")
_NAMED_YEAR = re.compile(rf"{YEAR_PATTERN}年")


def estimated_year(
    norm: str, i: int, relative: dict[str, int], now: int | None
) -> int | None:
    """The year a 预计 ending at ``i`` names: a year written out, or a relative word
    (明年) counted from ``now``; None when it names none."""
    m = _ESTIMATED.match(norm, i, i + 8)
    if m is None:
        return None
    if m.group("word"):
        offset = relative.get(m.group("word"))
        return now + offset if offset is not None and now is not None else None
    return year_of(m.group(1))


class BracketHeadings:
    """Lines that are only a bracketed heading, with the year each names (or None)."""

    def __init__(
        self, norm: str, start: int, end: int, relative: dict[str, int], now: int | None
    ) -> None:
        self.starts: list[int] = []
        self.years: list[int | None] = []
        for m in _BRACKET_LINE.finditer(norm, start, end):
            inner = m.group(1)
            named = _NAMED_YEAR.search(inner)
            year = year_of(named.group(1)) if named else None
            if year is None and now is not None:
                word = next((w for w in relative if w in inner), None)
                year = now + relative[word] if word else None
            self.starts.append(m.start())
            self.years.append(year)

    def year_at(self, pos: int) -> int | None:
        """The year of the nearest bracketed heading above ``pos``, if it names one."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.years[k] if k >= 0 else None
