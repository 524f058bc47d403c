"""Clean subjects: what a number is about, without the words around it that are not.

Runs after extraction, on each document's rows, and changes only ``subject`` (never a
span, value, kind or year). The rules are general, each about how Chinese plan prose is
built, and each keeps the subject as written when it does not apply:

1. Qualifiers (力争, 确保, 努力, 争取), comparators and verbs of change (达到, 突破, 提高到,
   稳定在 …) are not part of a subject, at either end: "粮食产量力争" → 粮食产量.
2. A baseline belongs to the sentence, not to the subject: "适龄儿童入园率从66.5%" and
   "将临时救助封顶线由2万元" → 适龄儿童入园率, 临时救助封顶线.
3. An earlier number of the clause is not part of the next number's subject: "投资4.4亿元
   改造农村电网" → 改造农村电网; "30个社区公园和" → 社区公园.
4. A number with no subject before it, or only a growth word ("增长"), in a sentence that
   named its subject in an earlier clause takes that clause's subject: "粮食产量再创新高,
   达到132.6亿斤" → 粮食产量.
5. A count whose subject is only the verb ("新建15所以上公办幼儿园") takes the thing counted
   after the number: 新建公办幼儿园.
"""

from __future__ import annotations

import re

from plans.pipeline import lexicon
from plans.pipeline.types import CONTEXT, TargetRow

_LEX = lexicon.current()
# The lexicon's qualifiers and comparator spellings, and its subject trailing words; the
# particles below join a bound or a baseline to its subject (grammar, not vocabulary).
QUALIFIERS = tuple(_LEX.qualifiers)
CHANGE_WORDS = tuple(
    sorted(
        {
            *_LEX.before_number,
            *_LEX.subjects.trailing,
            *(
                "提升到",
                "提升至",
                "增长到",
                "下降到",
                "降低到",
                "降至",
                "升至",
                "精简到",
            ),
            *("再", "要", "将", "由", "从", "和", "及", "、", "的"),
        },
        key=len,
        reverse=True,
    )
)
LEADING = (*QUALIFIERS, "将", "要", "使", "并", "同时", "全年", "年内", "今年")
_NUMBER = r"[0-9０-９.．,，]*[0-9０-９]+|[一二两三四五六七八九十百千万亿]+"
# A baseline inside a subject: 由/从 + (up to 8 characters) + a number.
_BASELINE = re.compile(r"(?:由|从)[^,，。；;]{0,8}?(?:" + _NUMBER + r")")
# An earlier number of the clause with its unit (4.4亿元, 10大, 30个, a bare 70 at the end),
# unless it defines what is counted (10万元以上, 3岁以下, 较2020年): that stays.
_UNIT = (
    r"(?:%|个百分点|[万亿]?(?:元|斤|亩|吨|人次|人|户|千瓦|平方米|立方米|头|套|台|辆|名)"
    r"|公里|个|所|家|座|处|条|项|种|大)"
)
_EARLIER = re.compile(
    r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?:" + _UNIT + r"(?!以上|以下|以内|及以上|的)|$)"
)
_GROWTH = ("增长", "增速", "增幅", "同比增长")
# Where a clause's subject ends and what is said of it begins.
_PREDICATE = re.compile(
    r"再创|创历史|创新高|实现|达到|突破|新增|增加|增长|提高|保持|稳步|持续|明显|大幅|首次|连续|位居|居全|"
    r"完成|超过|达"
)
_CLAUSE_END = "，,。；;：:"
_AFTER_STOP = re.compile(
    r"[，,。；;、：:（(“”\"]|实施|开展|进行|用于|达到|实现|建成|全部|顺利|的(?:饮水|用水|脱贫)"
)
# A subject that is only what was done, not to what: the thing counted follows the number.
_DOING = (
    "新建",
    "建设",
    "改造",
    "建成",
    "培育",
    "打造",
    "推动",
    "实施",
    "认定",
    "扩建了",
    "开工建设",
    "抽调全市",
    "选聘",
    "启动",
    "推进",
    "首批",
    "对全市",
    "为全市",
    "为",
)
# What may stand before a number in a clause whose subject an earlier clause named.
_ONLY_CHANGE = re.compile(
    r"^(?:比上年|同比)?(?:增长|增速|达到|达|提高|突破|增加|新增)?$"
)
_COUNT_UNITS = {
    "个",
    "所",
    "家",
    "座",
    "处",
    "条",
    "项",
    "名",
    "户",
    "套",
    "台",
    "辆",
    "种",
    "大",
}


def clean_subjects(text: str, rows: list[TargetRow]) -> None:
    """Clean the subject of every row of one document in place (see the module doc)."""
    previous: TargetRow | None = None
    for row in rows:
        if row.kind != CONTEXT and row.value_text + row.unit:
            row.subject = _clean(text, row, previous)
        previous = row


def strip_words(subject: str) -> str:
    """Rule 1: qualifiers, comparators and verbs of change off both ends."""
    text = subject.strip(" \u3000\t")
    changed = True
    while changed and text:
        changed = False
        for word in LEADING:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word) :], True
        for word in (*QUALIFIERS, *CHANGE_WORDS):
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
    return text


def _clean(text: str, row: TargetRow, previous: TargetRow | None) -> str:
    subject = row.subject
    # Rule 2: a baseline and what follows it are not the subject.
    base = _BASELINE.search(subject)
    if base and base.start() > 0:
        subject = subject[: base.start()]
    # Rule 3: only what follows the clause's last earlier number.
    earlier = list(_EARLIER.finditer(subject))
    if earlier:
        tail = subject[earlier[-1].end() :]
        head = subject[: earlier[-1].start()]
        subject = tail if len(strip_words(tail)) >= 2 else head
    subject = strip_words(subject)
    if (not subject or subject in _GROWTH) and _ONLY_CHANGE.match(row.subject.strip()):
        own = _from_earlier_clause(text, row, previous)
        if own:
            return own + subject if subject in _GROWTH else own
        return subject
    # Rule 5: names listed up to 等 ("锦联铝板带箔、创源…等25个铝新材料项目") are examples;
    # what is counted follows the number.
    if row.unit in _COUNT_UNITS and subject.endswith("等"):
        counted = _counted_after(text, row.end)
        if counted:
            return counted
    # A verb alone, then the thing counted after the number.
    if row.unit in _COUNT_UNITS and subject.endswith(_DOING):
        counted = _counted_after(text, row.end)
        if counted and counted[:3] not in subject:
            return subject + counted
    return subject


def _from_earlier_clause(text: str, row: TargetRow, previous: TargetRow | None) -> str:
    """Rule 4: the subject an earlier clause of the same sentence named."""
    if previous is not None and previous.quote == row.quote and previous.subject:
        own = previous.subject
        cut = _PREDICATE.search(own)
        own = own[: cut.start()] if cut and cut.start() >= 2 else own
        return strip_words(own)
    lo = max(text.rfind(c, 0, row.start) for c in _CLAUSE_END)
    start = max(text.rfind(c, 0, lo) for c in "。；;\n") + 1 if lo > 0 else 0
    clause = text[start:lo] if lo > 0 else ""
    if not clause or any(ch.isdigit() for ch in clause):
        return ""
    clause = clause.split(",")[-1].split("，")[-1].strip()
    cut = _PREDICATE.search(clause)
    if cut is None or cut.start() < 2:
        return ""
    return strip_words(clause[: cut.start()])


def _counted_after(text: str, end: int) -> str:
    rest = text[end : end + 24]
    rest = re.sub(r"^(?:以上|以下|左右|多)?的?", "", rest)
    stop = _AFTER_STOP.search(rest)
    noun = rest[: stop.start()] if stop else rest[:12]
    if (
        not noun
        or not re.match(r"[\u4e00-\u9fff“\"]", noun)
        or re.search(r"[0-9]", noun)
    ):
        return ""
    return noun[:15]
