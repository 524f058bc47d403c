"""First stage of the text pipeline: the documents inside a source file.

``find_documents(text)`` finds each plan, work report or task division in a decoded
source file, with its span, title, kind, region, plan year (and how the year was known),
issue date, sections (headings, numbered items, tasks with their departments and
leaders) and the masked characters it could or could not repair.

The text is never modified. Matching runs on an NFKC-normalised copy (full-width and
half-width punctuation read the same) whose every character remembers its index in the
original, so every span points into ``text``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from plans.pipeline import lexicon, regions
from plans.pipeline.repair import find_repairs
from plans.pipeline.types import (
    LEAD,
    OTHER,
    PLAN,
    RESPONSIBLE,
    SUPPORT,
    TASK_DIVISION,
    WORK_REPORT,
    YEAR_INFERRED,
    YEAR_STATED,
    YEAR_UNKNOWN,
    DepartmentRef,
    Document,
    Section,
)

# --------------------------------------------------------------------------- text


@dataclass(frozen=True)
class _Norm:
    """NFKC text plus, for each of its characters, the index of its source character."""

    text: str
    origin: tuple[int, ...]  # one more entry than text: the source length

    def start(self, i: int) -> int:
        return self.origin[i]

    def end(self, j: int) -> int:
        # exclusive end: one past the source character of the last included char
        return self.origin[j - 1] + 1 if j > 0 else self.origin[0]


def _normalise(text: str) -> _Norm:
    # NFKC per character keeps the mapping simple; only compatibility forms
    # (full-width, NBSP, circled digits) change and almost all stay one character.
    table = {}
    for ch in set(text):
        if ord(ch) > 127:
            out = unicodedata.normalize("NFKC", ch)
            if out != ch:
                table[ch] = out
    if all(len(out) == 1 for out in table.values()):
        # one character for one: the offsets do not move
        trans = str.maketrans(table) if table else {}
        return _Norm(text.translate(trans), tuple(range(len(text) + 1)))
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for piece in table.get(ch, ch):
            chars.append(piece)
            origin.append(i)
    origin.append(len(text))
    return _Norm("".join(chars), tuple(origin))


@dataclass(frozen=True)
class _Line:
    start: int  # in normalised text, first non-blank character
    end: int  # in normalised text, after last non-blank character
    text: str


def _lines(norm: str, start: int = 0, end: int | None = None) -> list[_Line]:
    end = len(norm) if end is None else end
    lines = []
    pos = start
    for raw in norm[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            lines.append(_Line(s, s + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def _cn_int(s: str) -> int | None:
    """ "23" → 23, "十四" → 14, "二十三" → 23, "二〇一四" → 2014; None if not a number."""
    digits = lexicon.current().digits
    if s.isascii() and s.isdigit():
        return int(s)
    if s.count("百") == 1 and len(s) > 1:  # "一百" → 100, "一百零五" → 105
        hundreds, _, rest = s.partition("百")
        head = digits.get(hundreds)
        rest = rest.lstrip("零〇")
        tail = _cn_int(rest) if rest else 0
        return None if head is None or tail is None else head * 100 + tail
    if all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    if "十" in s and all(c in digits or c == "十" for c in s) and s.count("十") == 1:
        tens, _, ones = s.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    return None


_YEAR = r"((?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})"
_CN_NUM = "[一二三四五六七八九十]{1,3}"
# a date whose first group is its year: "2025年3月9日", "二〇二一年一月二十日"
_DATE = rf"{_YEAR}年(?:\d{{1,2}}|{_CN_NUM})月(?:\d{{1,2}}|{_CN_NUM})日"


def _year(s: str) -> int | None:
    value = _cn_int(s)
    return value if value and 1949 <= value <= 2100 else None


# --------------------------------------------------------------------------- titles

# Phrases only web pages use; a line of up to 200 characters holding one is chrome.
_CHROME = re.compile(
    r"导航菜单|当前位置|您的位置|网站地图|无障碍|分享到|打印本页|关闭窗口|责任编辑|"
    r"信息来源|阅读量|阅读次数|浏览次数|点击数|上一篇|下一篇|版权所有|copyright|©|"
    r"ICP备|标识码|中文域名|联系我们|免责声明|免责申明|网站声明|验证码|本文地址|"
    r"本文仅代表|原创作品|扫一扫|预览时标签不可点|收录于话题|阅读原文|点我投稿|"
    r"企业入驻|相关阅读|相关文章|推荐阅读|返回顶部|主办单位|承办单位|留言与评论|发表评论",
    re.IGNORECASE,
)
# Words that are chrome only on a short line that is no sentence ("【打印】【关闭】").
_CHROME_SHORT = re.compile(
    r"首页|导航|菜单|字号|打印|关闭|分享|收藏|来源\s*[::]|发布时间|作者\s*[::]|"
    r"编辑\s*[::]|评论|留言|备案|微信|转载|投稿"
)
# A browser title like "通政办发电 -通辽在线" or "… _ 人民网".
_PAGE_TITLE = re.compile(r"\s[-_|]\s*\S{1,12}(?:在线|网|门户|网站|政府)$")
_SEPARATOR = re.compile(r"^[-—–=_~·]{1,}$")
_DATE_ONLY = re.compile(
    r"^(?:发布(?:时间|日期)[::]?\s*)?(?:\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日)$"
)

_TD_WORDS = re.compile(r"(?:任务|责任|工作)?分工(?:方案|意见|安排)|任务分解|分解方案")
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
    line: _Line  # the whole line it came from
    keyword_at: int  # normalised index of the kind's keyword, to read the region before


def _title(line: _Line) -> _Title | None:
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


def _is_chrome(line: _Line) -> bool:
    if _SEPARATOR.match(line.text) or re.fullmatch(r"[-\s]*[#*]*", line.text):
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


def _trim(lines: list[_Line], drop_dates: bool = False) -> list[_Line]:
    """Drop web chrome (and, in a feed item, its posting date) from both ends."""
    first, last = 0, len(lines)
    while first < last and _is_chrome(lines[first]):
        first += 1
    while last > first and (
        _is_chrome(lines[last - 1])
        or (drop_dates and _DATE_ONLY.match(lines[last - 1].text))
    ):
        last -= 1
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


def _looks_like_document(text: str) -> bool:
    words = lexicon.current().documents
    naming = sum(1 for signal in words.naming_signals if signal in text)
    if not _NEWS_LIKE.search(text):
        return bool(
            naming
            or any(signal in text for signal in words.plan_signals)
            or len(_target_like(lexicon.current()).findall(text)) >= 2
        )
    # a news story may mention a report; quoting a plan's own frame takes more
    return naming >= 2


def _feed_items(norm: str) -> list[list[_Line]] | None:
    """Items of a news feed (blocks between separator lines, most of them dated)."""
    lines = _lines(norm)
    items: list[list[_Line]] = [[]]
    separators = 0
    for line in lines:
        if _SEPARATOR.match(line.text):
            separators += 1
            items.append([])
        else:
            items[-1].append(line)
    items = [item for item in items if item]
    if separators < 2 or len(items) < 2:
        return None
    dated = sum(1 for item in items if any(_DATE_ONLY.match(x.text) for x in item))
    return items if dated * 2 >= len(items) else None


# --------------------------------------------------------------------------- years


@dataclass(frozen=True)
class _Evidence:
    year: int | None
    weight: int  # 0 = context only, 1 weak, 2 medium, 3 strong
    stated: bool
    reason: str
    priority: int = 9  # for stated evidence: lower wins a conflict (0 = title)


def _sentences(text: str) -> list[tuple[int, str]]:
    out = []
    start = 0
    for match in re.finditer(r"[。!?;\n]", text):
        out.append((start, text[start : match.end()]))
        start = match.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _five_year_evidence(text: str) -> list[_Evidence]:
    years = lexicon.current().years
    plans = years.five_year_plans
    # which year of a five-year plan a phrase names, counted from its first year
    phases = [
        (lexicon.alternation(p.words), p.offset, p.en) for p in years.plan_positions
    ]
    # "明年是…开局之年": the plan year is the year before the one named
    subject_offset = {word: -offset for word, offset in years.relative.items()}
    found = []
    plan_name = r"[“\"']?(十[一二三四五六]?五)[”\"']?(?:规划|时期|计划)?(?:的|和|中)?"
    for _, sentence in _sentences(text):
        for name_match in re.finditer(plan_name, sentence):
            name = name_match.group(1)
            if name not in plans:
                continue
            tail = sentence[name_match.end() : name_match.end() + 14]
            for phase, offset, words in phases:
                phase_match = re.match(rf"[^,。;]{{0,10}}?(?:{phase})", tail)
                if not phase_match:
                    continue
                head = sentence[: name_match.start()]
                subject = re.search(
                    rf"(今年|本年|明年|去年|上年|{_YEAR}年|年)(?:也)?是(?:[^是]*也是)?[^是]*$",
                    head,
                )
                if not subject:
                    continue
                said = subject.group(1)
                explicit = _year(said[:-1]) if len(said) > 2 else None
                year = plans[name] + offset
                quote = (
                    head[subject.start() :]
                    + sentence[
                        name_match.start() : name_match.end() + phase_match.end()
                    ]
                ).strip()
                if explicit:
                    # "2020年是…收官之年" may be about the year reviewed, so it counts
                    # less than "今年是…", and only the latest such year counts at all
                    agrees = (
                        "" if explicit == year else f" (but {name} {words} is {year})"
                    )
                    found.append(
                        _Evidence(
                            explicit,
                            2 if explicit == year else 0,
                            False,
                            f"“{quote}”: the text names {explicit}{agrees}",
                        )
                    )
                else:
                    year += subject_offset.get(said, 0)
                    found.append(
                        _Evidence(
                            year,
                            3,
                            False,
                            f"“{quote}”: the {words} of the {name} plan "
                            f"({plans[name]}–{plans[name] + 4}) → {year}",
                        )
                    )
                break
    named = [e.year for e in found if e.weight == 2]
    if len(set(named)) > 1:
        latest = max(named)
        found = [
            e
            if e.weight != 2 or e.year == latest
            else _Evidence(e.year, 0, False, e.reason)
            for e in found
        ]
    return found


_CONGRESS = re.compile(
    r"(?:第?([一二三四五六七八九十\d]{1,3})届人民代表大会第([一二三四五六七八九十\d]{1,2})次会议"
    r"|第?([一二三四五六七八九十\d]{1,3})届人大(?:常委会)?第?([一二三四五六七八九十\d]{1,2})次(?:会议|全体会议)?"
    r"|([一二三四五六七八九十\d]{1,3})届([一二三四五六七八九十\d]{1,2})次人代会)"
)


def _congress_evidence(text: str, region: str | None) -> list[_Evidence]:
    """Sessions of the congress that approved or heard this document."""
    found = []
    seen = set()
    for match in _CONGRESS.finditer(text):
        if "常委会" in match.group(0):
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 8]
        # Only the session this document belongs to: "已经…会议审议通过",
        # "在…会议上", "…人代会《政府工作报告》"; not "完成了四届一次人代会确定的任务".
        if not (
            re.search(r"在[^,。]*$", before)
            or re.match(r"\s*(?:审议|通过|批准|上|《|〈)", after)
        ):
            continue
        groups = [g for g in match.groups() if g]
        term, session = _cn_int(groups[0]), _cn_int(groups[1])
        if not term or not session or (term, session) in seen:
            continue
        seen.add((term, session))
        dated = regions.congress_year(region, term, session)
        if dated:
            found.append(
                _Evidence(dated[0], 2, False, f"“{match.group(0)}”: {dated[1]}")
            )
        else:
            found.append(
                _Evidence(
                    None,
                    0,
                    False,
                    f"“{match.group(0)}”: no known session of this congress for "
                    f"{region or 'an unknown region'} to date it from",
                )
            )
    return found


def _stated_evidence(kind: str, title: str, text: str) -> list[_Evidence]:
    found = []
    title_years = [
        y for y in (_year(m) for m in re.findall(_YEAR + r"(?=年|-)", title)) if y
    ]
    if title_years:
        # "…2014年计划执行情况与2015年计划草案的报告" plans for the later year.
        # "…2014年计划执行情况与2015年计划草案的报告" plans for the later year
        year = title_years[-1] if kind == PLAN else title_years[0]
        found.append(_Evidence(year, 3, True, f"the title says “{title}” → {year}", 0))
    elif re.search(r"(?<!\d)年", title):
        found.append(
            _Evidence(
                None,
                0,
                False,
                f"the title “{title}” has “年” without its digits (lost)",
            )
        )
    head = text[:3000]
    patterns = (
        (
            rf"做好{_YEAR}年(?:各项|经济|政府|全年)?工作",
            1,
            "the text sets out the work of",
        ),
        (
            rf"{_YEAR}年(?:全[市县旗区盟省])?(?:经济社会发展)?(?:的)?主要(?:预期)?目标",
            1,
            "the text gives the main targets of",
        ),
        (
            rf"(?:^|\n|\s)[一二三四五六七八九十]{{1,3}}、\s*{_YEAR}年(?:的)?(?:(?:重点|主要)(?:工作|任务)|工作安排|计划安排|计划草案|计划)",
            1,
            "a heading sets the work of",
        ),
    )
    for pattern, priority, words in patterns:
        match = re.search(pattern, text)
        if match:
            year = _year(match.group(1))
            if year:
                quote = match.group(0).strip()
                found.append(
                    _Evidence(year, 3, True, f"{words} {year}: “{quote}”", priority)
                )
    delivered = re.search(
        rf"{_DATE}\s*在[^。]{{0,40}}?(?:人民代表大会|人代会|人大)[^。]{{0,20}}?会议上",
        head,
    )
    if delivered:
        year = _year(delivered.group(1))
        found.append(
            _Evidence(year, 3, True, f"delivered “{delivered.group(0)}” → {year}", 2)
        )
    number = re.search(r"[〔\[(]" + _YEAR + r"[〕\])]\s*\d+\s*号", head)
    if number:
        year = _year(number.group(1))
        words = f"document number “{number.group(0)}”"
        found.append(_Evidence(year, 3, True, f"{words} → issued in {year}", 3))
    issued = _issue_date(head)
    if issued:
        year = _year(re.match(r"\d{4}|[〇○零一二三四五六七八九]{4}", issued).group(0))
        if kind == WORK_REPORT:
            words = f"dated {issued} → a work report plans for the year it is delivered: {year}"
        elif kind == TASK_DIVISION:
            words = (
                f"issued {issued} → a task division plans for its issue year: {year}"
            )
        else:
            words = f"issued {issued} → {year}"
        found.append(_Evidence(year, 3, True, words, 3))
    return found


def _issue_date(head: str) -> str:
    labelled = re.search(
        rf"(?:发文日期|成文日期|发布日期|印发日期)\s*[::]\s*(\d{{4}}-\d{{1,2}}-\d{{1,2}}|{_DATE})",
        head,
    )
    if labelled:
        return labelled.group(1)
    delivered = re.search(rf"({_DATE})\s*在[^。]{{0,40}}?会议上", head)
    if delivered:
        return delivered.group(1)
    alone = re.search(rf"(?:^|\n)\s*[((]?({_DATE})[))]?\s*(?:\n|$)", head)
    if alone:
        return alone.group(1)
    in_title = re.search(rf"[((]({_DATE})[))]", head[:300])
    return in_title.group(1) if in_title else ""


def _anniversary_evidence(text: str) -> list[_Evidence]:
    """ "今年是中国共产党成立100周年" → 2021."""
    found = []
    for anniversary in lexicon.current().years.anniversaries:
        pattern = f"(?:{lexicon.alternation(anniversary.words)})"
        founded, words = anniversary.founded, anniversary.en
        number = r"(\d{1,3}|[一二三四五六七八九十百零]{1,5})"
        for match in re.finditer(
            rf"(今年|年)(?:也)?是(?:[^。;是]{{0,30}}也是)?[^。;是]{{0,20}}?{pattern}{number}周年",
            text,
        ):
            years = _cn_int(match.group(2))
            if years:
                year = founded + years
                found.append(
                    _Evidence(
                        year,
                        3,
                        False,
                        f"“{match.group(0)}”: {years} years after {words} ({founded}) → {year}",
                    )
                )
    return found


def _inferred_evidence(kind: str, text: str, region: str | None) -> list[_Evidence]:
    found = _five_year_evidence(text)
    found += _anniversary_evidence(text)
    found += _congress_evidence(text, region)
    review = re.search(rf"(?:回顾)?{_YEAR}年(?:工作)?回顾|回顾{_YEAR}年", text)
    if review and kind == WORK_REPORT:
        year = _year(review.group(1) or review.group(2))
        if year:
            found.append(
                _Evidence(
                    year + 1,
                    2,
                    False,
                    f"“{review.group(0)}”: a work report reviews the year before → {year + 1}",
                )
            )
    # Years in passing only bound the answer: the plan year is not before the latest
    # year the text reports on (targets "到2025年" and long-range years excluded).
    mentioned = [
        _year(m.group(1))
        for m in re.finditer(_YEAR + r"年", text)
        if not re.search(
            r"(?:到|至|截至|截止|于|前)$", text[max(0, m.start() - 2) : m.start()]
        )
        and not re.match(r"年?(?:远景|前|以前|底前)", text[m.end() - 1 : m.end() + 3])
    ]
    mentioned = [y for y in mentioned if y]
    if mentioned:
        found.append(
            _Evidence(
                None,
                0,
                False,
                "years mentioned in passing: "
                + "–".join(str(y) for y in sorted({min(mentioned), max(mentioned)})),
            )
        )
    return found


def _decide_year(evidence: list[_Evidence]) -> tuple[int | None, str, list[str]]:
    reasons = [e.reason for e in evidence]
    stated = [e for e in evidence if e.stated and e.year]
    if stated:
        votes = Counter(e.year for e in stated)
        best = min(stated, key=lambda e: e.priority).year
        if len(votes) > 1:
            reasons.append(
                "stated years disagree ("
                + ", ".join(f"{y}×{n}" for y, n in sorted(votes.items()))
                + f"); the title or first-stated one wins: {best}"
            )
        others = [
            e
            for e in evidence
            if not e.stated and e.year and e.year != best and e.weight >= 2
        ]
        if others:
            reasons.append(
                f"note: other evidence points to {sorted({e.year for e in others})}"
            )
        agreeing = sum(1 for e in stated if e.year == best)
        reasons.append(f"stated {best}: {agreeing} statement(s) in the text say so")
        return best, YEAR_STATED, reasons
    scored: Counter[int] = Counter()
    for e in evidence:
        if e.year and e.weight:
            scored[e.year] += e.weight
    if not scored:
        reasons.append("no stated year and no evidence to infer one: year unknown")
        return None, YEAR_UNKNOWN, reasons
    ranked = scored.most_common()
    year, weight = ranked[0]
    against = sum(w for _, w in ranked[1:])
    if weight < 2:
        reasons.append(f"only weak evidence for {year}: year unknown")
        return None, YEAR_UNKNOWN, reasons
    if against and weight < 2 * against:
        reasons.append(
            "evidence disagrees ("
            + ", ".join(f"{y}: weight {w}" for y, w in ranked)
            + "): year unknown"
        )
        return None, YEAR_UNKNOWN, reasons
    agreeing = sum(1 for e in evidence if e.year == year and e.weight)
    reasons.append(
        f"inferred {year}: {agreeing} piece(s) of evidence agree"
        + (f", outweighing {against}" if against else "")
    )
    return year, YEAR_INFERRED, reasons


# --------------------------------------------------------------------------- sections

_LEVEL_PATTERNS = (
    (0, re.compile(r"^附件\s*([0-9一二三四五六七八九十]{0,3})\s*[::]?\s*")),
    (0, re.compile(r"^第([一二三四五六七八九十]{1,3})(?:部分|章|篇)\s*")),
    (1, re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.]\s*")),
    (2, re.compile(r"^\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*")),
    (3, re.compile(r"^(\d{1,3})\s*[、.](?!\d)\s*")),
    (4, re.compile(r"^\(\s*(\d{1,3})\s*\)\s*")),
)
_INLINE_HEADINGS = (
    (1, re.compile(r"(?<=\s)([一二三四五六七八九十]{1,3})、")),
    (2, re.compile(r"(?<=\s)\(([一二三四五六七八九十]{1,3})\)")),
)
_ITEM_LEVEL = 3
_LEADER = re.compile(r"(?:责任|牵头|分管)市?领导\s*[::]\s*([^,,;;)\s]+)")
# Leader labels are listed too, so that a unit list stops where a leader's name begins.
_ROLE_LABEL = re.compile(
    r"(责任部门|责任单位|主责单位|牵头单位|牵头部门|配合单位|配合部门|协办单位|参与单位"
    r"|(?:责任|牵头|分管)市?领导)\s*[::]"
)
_ROLES = {"牵头": LEAD, "配合": SUPPORT, "协办": SUPPORT, "参与": SUPPORT}


@dataclass
class _Heading:
    level: int
    number: str  # as the number reads, e.g. "23", "二"
    value: int | None
    start: int  # normalised
    label_end: int  # normalised end of the path label
    more: tuple[int, int] | None = None  # a second label line ("附件1" / its title)


def _label_end(norm: str, start: int, line_end: int, level: int) -> int:
    """Where a heading's label stops: the line, or its first sentence when it runs on."""
    text = norm[start:line_end]
    if level <= 1 and len(text) <= 80 and "。" not in text[:-1]:
        return line_end
    stop = re.search(r"[。;!?]", text)
    cut = stop.start() if stop else len(text)
    return start + min(cut, 60)


def _follows(value: int | None, previous: int) -> bool:
    # a heading or item lost in the source may leave a gap; never a step back
    return value is not None and previous < value <= previous + 3


def _find_headings(norm: str, lines: list[_Line]) -> list[_Heading]:
    headings: list[_Heading] = []
    last: dict[int, int | None] = {}
    last_item: int | None = None
    for index, line in enumerate(lines):
        found = None
        for level, pattern in _LEVEL_PATTERNS:
            match = pattern.match(line.text)
            if match:
                found = (level, match)
                break
        if found:
            level, match = found
            number = match.group(1)
            value = _cn_int(number) if number else None
            if level == 0 and len(line.text) > 40:
                found = None
            elif level == _ITEM_LEVEL:
                if not (last_item is None or value == 1 or _follows(value, last_item)):
                    found = None
                else:
                    last_item = value
            elif level in (1, 2, 4):
                previous = last.get(level)
                if (
                    previous is not None
                    and value != 1
                    and not _follows(value, previous)
                ):
                    found = None
        if found:
            level, match = found
            end = _label_end(norm, line.start, line.end, level)
            more = None
            if level == 0 and end - line.start <= len(match.group(0)) + 1:
                # "附件1" alone: its title is the next line
                following = lines[index + 1] if index + 1 < len(lines) else None
                if following and len(following.text) <= 40:
                    more = (following.start, following.end)
            headings.append(_Heading(level, number, value, line.start, end, more))
            last[level] = value
            for deeper in (lv for lv in list(last) if lv > level):
                del last[deeper]
            continue
        if last:
            lead = re.match(r"^([^,。;:!?()]{2,20})。", line.text)
            if lead and len(line.text) > len(lead.group(0)):
                # "筑牢生态安全屏障。…": an unnumbered item with a lead sentence
                headings.append(
                    _Heading(
                        _ITEM_LEVEL, "", None, line.start, line.start + lead.end() - 1
                    )
                )
        if len(line.text) > 40:
            headings += _inline_headings(norm, line, last)
    return headings


def _inline_headings(
    norm: str, line: _Line, last: dict[int, int | None]
) -> list[_Heading]:
    """Headings inside one long line (a page whose paragraphs were joined)."""
    candidates = []
    for level, pattern in _INLINE_HEADINGS:
        for match in pattern.finditer(norm, line.start, line.end):
            candidates.append((match.start(), level, match))
    out = []
    for start, level, match in sorted(candidates, key=lambda c: c[0]):
        value = _cn_int(match.group(1))
        previous = last.get(level)
        if previous is not None and value not in (1, previous + 1):
            continue
        if previous is None and value != 1 and level == 2 and 1 not in last:
            continue
        end = _label_end(norm, start, line.end, 2)
        # a joined heading runs into its text: "一、过去一年工作的回顾2013年是…",
        # "一、全面提升城市综合发展水平一是…"
        runs_on = re.compile(r"\s|(?:19|20)\d{2}年|[一二三四五六七八九十]是")
        run_on = runs_on.search(norm, start + len(match.group(0)) + 4, end)
        if run_on:
            end = run_on.start()
        out.append(_Heading(level, match.group(1), value, start, end))
        last[level] = value
        for deeper in (lv for lv in list(last) if lv > level):
            del last[deeper]
    return out


def _departments(norm: _Norm, source: str, start: int, end: int) -> list[DepartmentRef]:
    text = norm.text[start:end]
    labels = list(_ROLE_LABEL.finditer(text))
    refs: list[DepartmentRef] = []
    for i, label in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        close = re.search(r"[)\n]", text[label.end() : stop])
        segment_end = label.end() + close.start() if close else stop
        if "领导" in label.group(1):
            continue
        role = next((r for k, r in _ROLES.items() if k in label.group(1)), RESPONSIBLE)
        for name in re.finditer(r"[^、,;。\s]+", text[label.end() : segment_end]):
            raw = name.group(0)
            cleaned = re.sub(
                r"(?:等相关部门|等有关部门|等相关单位|等有关单位|等部门|等单位|等)$",
                "",
                raw,
            )
            if not cleaned:
                continue
            a = start + label.end() + name.start()
            b = a + len(cleaned)
            refs.append(
                DepartmentRef(
                    source[norm.start(a) : norm.end(b)],
                    role,
                    norm.start(a),
                    norm.end(b),
                )
            )
    return refs


def _sections(norm: _Norm, source: str, start: int, end: int) -> list[Section]:
    lines = _lines(norm.text, start, end)
    headings = _find_headings(norm.text, lines)
    sections: list[Section] = []
    stack: list[tuple[_Heading, str, str]] = []  # heading, label, leader
    for i, heading in enumerate(headings):
        level = heading.level
        stop = end
        for later in headings[i + 1 :]:
            if later.level <= level:
                stop = later.start
                break
        # trailing blank lines belong to nobody
        while stop > heading.start and norm.text[stop - 1].isspace():
            stop -= 1
        while stack and stack[-1][0].level >= level:
            stack.pop()
        label = source[norm.start(heading.start) : norm.end(heading.label_end)].strip()
        if heading.more:
            more = source[norm.start(heading.more[0]) : norm.end(heading.more[1])]
            label = f"{label} {more.strip()}"
        own_line_end = norm.text.find("\n", heading.start)
        own_line_end = stop if own_line_end < 0 else min(own_line_end, stop)
        leader_match = _LEADER.search(norm.text, heading.start, own_line_end)
        leader = (
            leader_match.group(1) if leader_match else (stack[-1][2] if stack else "")
        )
        stack.append((heading, label, leader))
        number = ""
        if heading.number:
            number = source[norm.start(heading.start) : norm.end(heading.label_end)]
            number = re.match(
                r"\s*(附件\s*)?(第)?[((]?\s*[0-9一二三四五六七八九十０-９]+\s*[))]?",
                number,
            )
            number = number.group(0).strip() if number else heading.number
        departments = []
        if level >= _ITEM_LEVEL:
            departments = _departments(norm, source, heading.start, stop)
        sections.append(
            Section(
                path=tuple(item[1] for item in stack),
                start=norm.start(heading.start),
                end=norm.end(stop),
                number=number,
                departments=departments,
                leader=leader,
            )
        )
    return sections


# --------------------------------------------------------------------------- documents


def _kind_from_body(text: str) -> str:
    if "牵头单位" in text and ("分工" in text or "责任领导" in text):
        return TASK_DIVISION
    if "各位代表" in text or "政府工作报告" in text[:2000]:
        return WORK_REPORT
    if "国民经济和社会发展" in text or "责任部门" in text or "预期目标" in text:
        return PLAN
    return OTHER


def _build(norm: _Norm, source: str, lines: list[_Line]) -> Document:
    start, end = lines[0].start, lines[-1].end
    body = norm.text[start:end]
    title = next((t for t in (_title(line) for line in lines) if t), None)
    if title:
        kind = title.kind
        title_text = source[norm.start(title.start) : norm.end(title.end)].strip()
        title_norm = norm.text[title.start : title.end]
        region, parent = regions.region_before(
            norm.text[title.line.start : title.keyword_at]
        )
        if not region:
            region, parent, _ = regions.region_from_text(title.line.text)
    else:
        kind = _kind_from_body(body)
        title_text = title_norm = ""
        region = parent = None
    if not region:
        region, parent, _ = regions.region_from_text(body)
    evidence = _stated_evidence(kind, title_norm, body)
    evidence += _inferred_evidence(kind, body, region)
    year, year_source, reasons = _decide_year(evidence)
    issued = _issue_date(body[:3000])
    if issued:
        at = body.find(issued)
        issued = source[norm.start(start + at) : norm.end(start + at + len(issued))]
    doc_start, doc_end = norm.start(start), norm.end(end)
    repairs, unrepaired = find_repairs(source, doc_start, doc_end)
    return Document(
        start=doc_start,
        end=doc_end,
        title=title_text,
        kind=kind,
        region=region,
        parent_region=parent,
        year=year,
        year_source=year_source,
        year_evidence=reasons,
        issued=issued,
        sections=_sections(norm, source, start, end),
        repairs=repairs,
        unrepaired_masks=unrepaired,
    )


def find_documents(text: str) -> list[Document]:
    """The plans, work reports and task divisions in a source file, in text order.

    A news feed yields one document per item that is titled as one (other items yield
    nothing); any other file yields one document spanning its text without web chrome,
    or none when nothing in it reads like a plan or report.
    """
    norm = _normalise(text)
    items = _feed_items(norm.text)
    documents = []
    if items is None:
        lines = _trim(_lines(norm.text))
        if lines and (
            any(_title(line) for line in lines) or _looks_like_document(norm.text)
        ):
            documents.append(_build(norm, text, lines))
        return documents
    for item in items:
        lines = _trim(item, drop_dates=True)
        if lines and any(_title(line) for line in lines[:3]):
            documents.append(_build(norm, text, lines))
    return documents
