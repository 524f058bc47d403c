"""Numbers lost from a damaged source: a unit whose digits are gone.

"粮食产量稳定在亿斤以上", "固定资产投资增长%;", "建设个人畜分离养殖小区": each gives a row
with ``value_missing`` at the place the number should be, never a number.
"""

from __future__ import annotations

import re
from functools import cache

from plans.pipeline import lexicon
from plans.pipeline.clauses import Candidate, is_cjk
from plans.pipeline.counted_in_words import CountedInWords
from plans.pipeline.numbers import (
    LOST,
)

_NOT_BEFORE_LOST_MAGNITUDE = (
    "零〇一二两三四五六七八九十百千万亿每上数近逾过超破几余约成"
)


@cache
def _lost_patterns(lex: lexicon.Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a number was lost before its unit (and a comparator read after a number).

    A magnitude ending its phrase: "粮食产量稳定在亿斤以上"; a rate after a verb of change:
    "固定资产投资增长%;".
    """
    after = lexicon.alternation(w for w, c in lex.after_number.items() if w == c)
    end = r"(?=[,、。;)和]|\.(?![0-9])|$)"
    magnitude = re.compile(
        r"(?P<u>(?:亿|万)(?:元|斤|吨|亩|人次|人|户|千瓦|立方米|平方米|头|只|公里)?)"
        rf"(?P<p>{after})?{end}"
    )
    percent = re.compile(
        r"(?:增长|下降|提高|降低|增加|减少|达到|为|超过|突破|控制在|稳定在)"
        rf"(?P<u>%|个百分点)(?:{after})?{end}"
    )
    return magnitude, percent


class LostNumbers(CountedInWords):
    """Units whose number the source lost."""

    # -- numbers lost from the source
    _LOST_COUNT = re.compile(
        r"(?P<u>个|公里|套|吨|张|户)(?P<p>以上)?(?=[,、。;)]|和|\.(?![0-9]))"
    )
    _LOST_COUNT_NOT_AFTER = {
        "个": "每各这那某几哪整单逐一两三四五六七八九十百千万亿多半",
        "公里": "一二两三四五六七八九十百千万亿每",
        "套": "配成全外整一两",
        "吨": "一二两三四五六七八九十百千万亿",
        "张": "紧扩主开夸一两",
        "户": "",
    }
    _LOST_COUNT_NEED_BEFORE = {
        "户": ("任务", "改造", "搬迁", "安置"),
        "张": ("床位",),
        "吨": ("和", "在", "到", "达"),
    }

    # a verb, then 个 and a facility ending the clause: "建设个人畜分离养殖小区"
    _LOST_BEFORE_NOUN = re.compile(
        r"(?:建设|新建|建成|打造|培育|创建|改造|新增)(?P<u>个)(?![体性别案])[^,;。、:0-9]{2,12}?"
        r"(?:小区|基地|园区|中心|项目|场|站|村|社区|合作社|示范区)(?=[,;。、]|\.(?![0-9]))"
    )

    def _lost_numbers(self) -> list[Candidate]:
        n, out = self.norm, []
        lost_magnitude, lost_percent = _lost_patterns(self.lex)
        for m in lost_magnitude.finditer(n, self.start, self.end):
            prev = n[m.start() - 1] if m.start() > self.start else ""
            if not prev or not is_cjk(prev) or prev in _NOT_BEFORE_LOST_MAGNITUDE:
                continue  # 上万, 数万, 近万, 过亿: words, not lost digits
            out.append(self._lost(m.start("u"), m.group("u")))
        for m in self._LOST_COUNT.finditer(n, self.start, self.end):
            u = m.group("u")
            prev = n[m.start() - 1] if m.start() > self.start else ""
            if not prev or not is_cjk(prev) or prev in self._LOST_COUNT_NOT_AFTER[u]:
                continue
            need = self._LOST_COUNT_NEED_BEFORE.get(u)
            if need and not any(self.before(m.start(), 4).endswith(w) for w in need):
                continue
            out.append(self._lost(m.start("u"), u))
        for m in self._LOST_BEFORE_NOUN.finditer(n, self.start, self.end):
            out.append(self._lost(m.start("u"), "个"))
        for m in lost_percent.finditer(n, self.start, self.end):
            out.append(self._lost(m.start("u"), m.group("u")))
        return [c for c in out if not self.quoted(c.start)]

    def _lost(self, pos: int, unit: str) -> Candidate:
        c = Candidate(
            pos, pos, pos + len(unit), LOST, "", None, None, unit, missing=True
        )
        self._post(c)
        return c
