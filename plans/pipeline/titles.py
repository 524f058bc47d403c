"""Document titles and web-page chrome.

A line that states a plan's, a work report's or a task division's title gives the
document's kind and the place to read its region from; lines only web pages use
(navigation, breadcrumbs, share and print links, footers) are chrome and are set aside at
both ends of a document. ``looks_like_document`` decides whether an untitled text reads
like a plan at all (the lexicon's ``documents`` signals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plans.pipeline import lexicon
from plans.pipeline.source_text import Line
from plans.pipeline.types import (
    PLAN,
    TASK_DIVISION,
    WORK_REPORT,
)

# Phrases only web pages use; a line of up to 200 characters holding one is chrome.
_CHROME = re.compile(
    r"导航菜单|当前位置|您的位置|网站地图|无障碍|分享到|打印本页|关闭窗口|责任编辑|"
    r"信息来源|阅读量|阅读次数|浏览次数|浏览量|访问量|点击数|上一篇|下一篇|版权所有|copyright|©|"
    r"ICP备|标识码|中文域名|联系我们|免责声明|免责申明|网站声明|验证码|本文地址|"
    r"本文仅代表|原创作品|扫一扫|预览时标签不可点|收录于话题|阅读原文|点我投稿|"
    r"企业入驻|相关阅读|相关文章|推荐阅读|返回顶部|主办单位|承办单位|留言与评论|发表评论|"
    # a page's reading time: "本篇文章1607字,读完约4分钟"
    r"本篇文章\d|读完约|阅读时长|阅读约需|预计阅读",
    re.IGNORECASE,
)
# Words that are chrome only on a short line that is no sentence ("【打印】【关闭】").
_CHROME_SHORT = re.compile(
    r"首页|导航|菜单|字号|打印|关闭|分享|收藏|来源\s*[::]|发布时间|作者\s*[::]|"
    r"编辑\s*[::]|评论|留言|备案|微信|转载|投稿"
)
# A reader's comment under a page: "网友“天山雪莲”:希望工资涨20%! 2007-01-09 10:21".
_COMMENT = re.compile(r"^\s*(?:匿名)?(?:网友|网民)[^::\n]{0,20}[::]")
# A browser title like "通政办发电 -通辽在线" or "… _ 人民网".
_PAGE_TITLE = re.compile(r"\s[-_|]\s*\S{1,12}(?:在线|网|门户|网站|政府)$")
SEPARATOR = re.compile(r"^[-—–=_~·]{1,}$")
DATE_ONLY = re.compile(
    r"^(?:发布(?:时间|日期)[::]?\s*)?(?:\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日)$"
)

_TD_WORDS = re.compile(
    r"(?:任务|责任|工作)?分工(?:方案|意见|安排)|任务分解|分解方案|分解落实|任务分工\s*$"
    r"|(?:指标|任务)分解表"
)
# Only a government's report: 人大常委会/法院/检察院工作报告 are other documents.
_WR_END = re.compile(
    r"政府工作报告(?:\s*(?:全文|摘要))?(?:\s*[(\[【].{0,30}?[)\]】])?(?:\s*[—-]{1,2}.*)?$"
)
_PLAN_WORDS = re.compile(r"国民经济和社会发展.{0,30}?计划")
_NOTICE = re.compile(r"关于(?:印发|转发|下达|批转)?(.+?)的(?:通知|报告|决议)$")


@dataclass(frozen=True)
class _Title:
    kind: str
    start: int  # normalised span of the title proper (inside a notice: its object)
    end: int
    line: Line  # the whole line it came from
    keyword_at: int  # normalised index of the kind's keyword, to read the region before


def title_of(line: Line) -> _Title | None:
    """The document title a line states, or None for ordinary lines."""
    s, offset = line.text, line.start
    label = re.match(r"^(?:名\s*称|标\s*题|文件名称)\s*[::]\s*", s)
    if label:
        s, offset = s[label.end() :], offset + label.end()
    tag = re.match(r"^(?:【[^】]{0,12}】\s*)+", s)
    if tag:
        s, offset = s[tag.end() :], offset + tag.end()
    if not s or len(s) > 100 or "。" in s.rstrip("。") or s.endswith(("。", ";", ":")):
        return None
    if re.match(
        r"(?:[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|\d{1,3}\s*[、.](?!\d))",
        s,
    ):
        return None  # a numbered heading inside a document
    site = re.search(
        r"\s*(?:[_|]|\s-\s?|——)\s*[^_|]{0,30}(?:网|政府|在线|门户|网站)$", s
    )
    if site and site.start() > 0:
        s = s[: site.start()]  # "2014年通辽市政府工作报告_通辽市人民政府"
    core_start, core_end = 0, len(s)
    notice = _NOTICE.search(s)
    if notice:
        core_start, core_end = notice.span(1)
        inner = s[core_start:core_end]
        if inner.startswith("《") and inner.endswith("》"):
            core_start, core_end = core_start + 1, core_end - 1
    dash = s.find("——", core_start, core_end)
    if dash > core_start and re.search(r"报告|计划|方案", s[core_start:dash]):
        core_end = dash  # "政府工作报告——2020年1月8日在…会议上"
    core = s[core_start:core_end]
    if not notice and re.search(
        r"印发|召开|审议|解读|图解|发布|出台|学习|宣讲|座谈|起草", core
    ):
        return None  # news about a document, not its title
    flat = re.sub(r"[《》〈〉<>]", " ", core)
    if _TD_WORDS.search(flat):
        kind, keyword = TASK_DIVISION, _TD_WORDS.search(core)
    elif _WR_END.search(flat.rstrip()):
        kind, keyword = WORK_REPORT, re.search(r"(?:人民)?政府工作报告|工作报告", core)
    elif _PLAN_WORDS.search(flat) and not re.search(r"已经|审议|通过|印发给", core):
        kind, keyword = PLAN, re.search(r"国民经济和社会发展", core)
    else:
        return None
    at = offset + core_start + (keyword.start() if keyword else 0)
    return _Title(kind, offset + core_start, offset + core_end, line, at)


def is_chrome(line: Line) -> bool:
    """A line inside a document that only web pages have: posting time, source, view
    counts, share links. Stricter than at a document's edges: a sentence (with 。 or ；)
    or a long line is text, whatever words it holds ("企业入驻…", "各承办单位")."""
    text = line.text
    if _COMMENT.match(text):
        return True
    return len(text) <= 80 and not re.search(r"[。;；]", text) and _is_chrome(line)


def _is_chrome(line: Line) -> bool:
    if SEPARATOR.match(line.text) or re.fullmatch(r"[-\s]*[#*]*", line.text):
        return True
    if len(line.text) <= 200 and _CHROME.search(line.text):
        return True
    if (
        len(line.text) <= 40
        and "。" not in line.text
        and _CHROME_SHORT.search(line.text)
    ):
        return True
    return bool(len(line.text) <= 60 and _PAGE_TITLE.search(line.text))


# A heading over a page's list of links ("相关新闻:", "热点排行"), on a line of its own.
_LINK_LIST = re.compile(
    r"^[\s【\[]*(?:相关(?:文章|新闻|阅读|报道|链接|稿件)|推荐(?:阅读|新闻|文章)|延伸阅读|"
    r"最新(?:新闻|文章|动态)|热点(?:排行|新闻|推荐)|"
    r"排行榜|热门(?:文章|新闻)|猜你喜欢|更多(?:新闻|阅读))[】\]]?\s*[::]?\s*$"
)


# The time a reader printed, opened or saved a page ("打印时间:2026年12月3日 21:45", "访问日期:
# 2024-05-06"): no date of the page's own, so never read as its posting date.
_READ_AT = re.compile(
    r"(?:打印|访问|下载|浏览|保存|截图)(?:时间|日期)\s*[::]?\s*"
    r"[\d〇○零一二三四五六七八九十年月日号/.\-]+(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)


# A page's address with its posting date packed into a file name, as many government sites
# write it (".../200812/t20081223_1.htm").
_PACKED_DATE = re.compile(r"(?<=/t)((?:19|20)\d{2})([01]\d)([0-3]\d)(?=_\d)")
# …or only its month, as a folder of the address (".../c108871/202011/3756…shtml")
_MONTH_FOLDER = re.compile(r"(?<=/)((?:19|20)\d{2})(0[1-9]|1[0-2])(?=/)")
_ADDRESS = re.compile(r"https?://[^\s<>\"“”]+")


# A link to another page: a bulleted headline, 上一篇 / 下一篇, or under a list's heading
# (相关新闻:) a headline with its date ("县委经济工作会议召开 2012-12-26").
_LINKED = re.compile(r"^\s*(?:[·•●▪◆■>»]|上一[篇条]|下一[篇条])")
_LISTED = re.compile(
    r"^(?!.*(?:发布|时间|日期|来源|作者|编辑)).{2,40}?\s*[\[(（]?\d{4}[-/.]\d"
)


def dates_as_posted(text: str) -> str:
    """``text`` with the dates of a reader's printing or visit blanked, and of links to
    other pages (their dates are theirs), and a date packed into a page's address spelled
    out (t20081223_1.htm → t2008-12-23_1.htm)."""
    text = _READ_AT.sub(lambda m: " " * len(m.group(0)), text)
    lines, listed = text.split("\n"), False
    for k, line in enumerate(lines):
        listed = bool(_LINK_LIST.match(line)) or listed and bool(_LISTED.match(line))
        if listed or _LINKED.match(line):
            lines[k] = " " * len(line)
    text = _PACKED_DATE.sub(lambda m: "-".join(m.groups()), "\n".join(lines))
    if _PACKED_DATE.search(text) or re.search(r"/t(?:19|20)\d{2}-", text):
        return text
    return _ADDRESS.sub(
        lambda a: _MONTH_FOLDER.sub(r" 日期:\1年\2月 ", a.group(0), count=1), text
    )


def _is_link(line: Line) -> bool:
    return len(line.text) <= 40 and not re.search(r"[。;；]", line.text)


# A heading over readers' comments ("网友评论(2条)", "最新评论:"), on a line of its own,
# and a comment under it: a reader's name and the time it was posted, then what was said
# ("芜湖市民 2015-01-20 21:05 去年报告说建1.6万套保障房,完成了吗?").
# Its heading is any short line of a comment box's words ("共有2条评论", "我来说两句",
# "发表评论 查看评论(2)"); a comment's text may stand on the line below its name and time.
_COMMENT_LIST = re.compile(r"^(?!.*[。;；]).{0,12}(?:评论|留言|我来说两句).{0,12}$")
_POSTED_AT = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s*\d{1,2}:\d{2}")


def _comments(lines: list[Line]) -> bool:
    """Whether ``lines`` are readers' comments (each a dated line, or the text of one
    below it) or chrome."""
    dated = False
    for line in lines:
        said = dated and len(line.text) <= 200
        dated = len(line.text) <= 200 and bool(_POSTED_AT.search(line.text[:40]))
        if not (dated or said or _is_chrome(line)):
            return False
    return True


def trim_chrome(lines: list[Line], drop_dates: bool = False) -> list[Line]:
    """Drop web chrome (and, in a feed item, its posting date) from both ends, and a list
    of links under its heading at the end ("相关新闻:", "热点排行:" and the headlines
    after it: "2007年全区将新建农村安居房5万户" links to another page), or readers'
    comments under theirs ("网友评论(2条)" and the dated comments after it)."""
    first, last = 0, len(lines)
    while first < last and _is_chrome(lines[first]):
        first += 1
    while last > first and (
        _is_chrome(lines[last - 1])
        or (drop_dates and DATE_ONLY.match(lines[last - 1].text))
    ):
        last -= 1
    for i in range(first + 1, last):
        if _LINK_LIST.match(lines[i].text) and all(
            _is_link(x) or _is_chrome(x) for x in lines[i + 1 : last]
        ):
            last = i
            break
        if _COMMENT_LIST.match(lines[i].text) and _comments(lines[i + 1 : last]):
            last = i  # readers' comments: what they ask of 今年 is no plan's
            break
    return lines[first:last]


# Targets in a plan's wording, e.g. "增长7%左右" or "稳定在95%以上": the lexicon's target
# verbs, then a number, then a comparator read after a number.
@cache
def _target_like(lex: lexicon.Lexicon) -> re.Pattern[str]:
    verbs = lexicon.alternation(lex.documents.target_verbs)
    after = lexicon.alternation(w for w, c in lex.after_number.items() if w == c)
    return re.compile(
        rf"(?:{verbs})\s*[\d.]+\s*(?:%|个百分点|万|亿)[^,。;]{{0,6}}?(?:{after})"
    )


# A news story's signs: a reporter, hearsay, a posting date, a months-to-date figure.
_NEWS_LIKE = re.compile(
    r"(?m)记者|据了解|据悉|本报讯|^\s*\d{4}-\d{1,2}-\d{1,2}\s*$|1[-—~]\d{1,2}月"
)


@cache
def _statement(lex: lexicon.Lexicon) -> re.Pattern[str]:
    verbs = lexicon.alternation(lex.documents.statement_verbs)
    number = r"(?:[\d.]+|[一二两三四五六七八九十百千]+)"
    units = lexicon.alternation((*lex.units.magnitudes, *lex.units.quantity))
    return re.compile(
        rf"(?:{verbs})[^,。;]{{0,12}}?(?:{number}\s*(?:{units})|百分之{number})"
    )


# A table written as text: a header naming a year in a later column, then a row of
# figures ("指标  2020年基期  2025年目标" over "地区生产总值(亿元)  2100  2900").
_YEAR_TABLE = re.compile(
    r"(?m)^[^\n\t]+(?:\t| {2,}| ?\| ?)[^\n]*[12][0-9]{3}年[^\n]*\n(?:[-|: ]+\n)?"
    r"[^\n\t]+(?:\t| {2,}| ?\| ?)[0-9][0-9.]*%?(?:\t| {2,}| ?\||$)"
)


def looks_like_document(text: str) -> bool:
    """Whether an untitled text is one to read rows from.

    A plan's or report's own words, or a target in a plan's wording, make one; so does a
    quantity reported or set ("同比增长5.8%", "完成86.4亿元"): news of a people's congress, of
    an economic meeting or of the economy's half-year is a document too (issue 13). A news
    story with no such quantity (one that only mentions a report) is not. A table of
    figures under a header naming years is one.
    """
    lex = lexicon.current()
    words = lex.documents
    if not _NEWS_LIKE.search(text) and any(
        signal in text for signal in words.naming_signals + words.plan_signals
    ):
        return True
    return bool(
        _target_like(lex).search(text)
        or _statement(lex).search(text)
        or _YEAR_TABLE.search(text)
    )
