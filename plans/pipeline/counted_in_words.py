"""Numbers written in Chinese numerals and fractions in words: which of them are rows.

"新建两所学校", "改扩建中小学三所;", "超千亿元", "占七成", "三分之一": a count in words is a row
after a verb that builds or counts (the lexicon's ``cues.counted_in_words``), a magnitude
only after a comparator, a share in tenths or a fraction only where it ends its clause.
Rhetoric ("打造一个宜居宜业的城市", "一企一策") gives no row.
"""

from __future__ import annotations

import re
from decimal import Decimal

from plans.pipeline import units as U
from plans.pipeline.clauses import (
    CLAUSE_END,
    LEADING_MARK,
    LEADING_YEAR,
    Candidate,
    is_cjk,
    strip_words,
)
from plans.pipeline.numbers import (
    CHINESE,
    FRACTION,
    Numeral,
    chinese_decimal,
    chinese_value,
    to_decimal,
)
from plans.pipeline.quantities import Quantities

# What a count of 个 after a building verb counts: facilities and organisations.
_FACILITY = (
    r"中心|园|区|站|馆|院|校|学|所|厂|基地|平台|场|库|港|村|镇|企业|项目|工程|集群|"
    r"公司|机构|工作室|示范点|试点|点位|网点|线|桥|楼|城"
)
# A facility built one at a time: "新建一个垃圾焚烧发电厂".
_BUILT = r"(?:中心|厂|站|馆|院|校|园|基地|平台|场|库|港|工作室|项目)$"


class CountedInWords(Quantities):
    """Which numbers in Chinese numerals (and fractions in words) are rows."""

    def _fraction(self, num: Numeral) -> Candidate | None:
        """ "三分之一", "千分之5": a share as written, with no unit, where it ends a clause;
        "百分之四" is a percentage: value 4, unit %, the words kept as written."""
        if self.quoted(num.start):
            return None
        c = Candidate(num.start, num.end, num.end, FRACTION, num.text, None, None, "")
        if num.text.startswith("百分之"):
            share = num.text.removeprefix("百分之")
            whole, _, tenths = share.partition("点")
            number = chinese_value(whole)
            if number is not None and tenths:
                digits = "".join(str(chinese_value(ch) or 0) for ch in tenths)
                c.value = Decimal(f"{number}.{digits}")
            else:
                c.value = Decimal(number) if number is not None else to_decimal(share)
            c.unit = "%" if c.value is not None else ""
        self._post(c)
        nxt = self.after(c.after, 1)
        # a percentage may stand in a list too: "分别增长百分之七点九和百分之八点二"
        ends = CLAUSE_END + ".)" + ("和及与、" if c.unit == "%" else "")
        if c.unit == "%" and self.norm.startswith(self.cue.cn_percent_after, c.after):
            return c  # "实现百分之九的增长"
        return c if not nxt or nxt in ends else None

    # -- Chinese numerals
    def _chinese(self, num: Numeral) -> Candidate | None:
        n = self.norm
        if self.quoted(num.start):
            return None
        prev = self.before(num.start, 1)
        if prev in ("第", "每", "初", "周", "星", "礼", "廿"):
            return None
        if prev == "个" and num.text in ("十", "百", "千", "万"):
            return (
                None  # "连跨三个万亿元台阶": the size of each step counted, no amount
            )
        unit, uend = self._unit_after(num.end)
        if not unit:
            return None
        value = chinese_decimal(num.text)
        c = Candidate(num.start, num.end, uend, CHINESE, num.text, value, None, unit)
        self._post(c)
        if unit == "成":
            # "占七成", "下跌三成以上": tenths, where the share ends its clause
            nxt = self.after(c.after, 1)
            one_digit = len(num.text) == 1 and num.text not in "十百千"
            return c if one_digit and (not nxt or nxt in CLAUSE_END + ".") else None
        if unit.startswith(("万", "亿")) and num.text not in ("十", "百", "千"):
            # "两万农村人口", "两万户": a count in words times a magnitude is a quantity
            nxt = self.after(c.after, 1)
            if nxt and nxt in "一二两三四五六七八九十":
                return None
            return c
        m = re.match(r"[一二两三四五六七八九十]+(.?)", self.after(c.after, 4))
        if m and m.group(1) not in "级等年":
            # 一企一策, 一户一策 (but 三条一级路 counts roads, 两所九年一贯制学校 schools)
            return None
        base = U.base_of(unit)
        if unit in ("个百分点", "百分点"):
            return c
        if (
            base in self.units.money
            and unit == base
            and (
                len(num.text) >= 3
                or self.before(num.start, 2) in ("元和", "元、", "元及")
                or any(self.before(num.start, 4).endswith(v) for v in self.cn_verbs)
            )
        ):
            # an amount of money in words: "分别增加五百元和二百元", "资金一千二百万元"
            return c
        if unit != base and num.text in ("十", "百", "千", "万"):
            # 超千亿, 迈上千亿台阶, 突破百万吨: a magnitude reached
            if not self._comparator_before(num.start)[0]:
                return None
            if any(n.startswith(w, c.after) for w in self.cue.cn_definition_after):
                return None
            rest = self.after(c.after, 2)
            if rest and is_cjk(rest[0]) and not rest.startswith(("台阶", "大关")):
                return None
            return c
        if (
            unit == base
            and base in self.units.quantity
            and self._comparator_before(num.start)[0]
        ):
            return c  # 至少一项, 达到三对
        if (
            base in self.cue.cn_measures + ("条",)
            and unit == base
            and self._in_review(num.start)
        ):
            # a report of the past year counts in words too: "三条一级路建成通车"
            if self.after(c.end, 1) not in "大主" and not self._counts_programmes(c):
                return c
        if unit != base or base not in self.cue.cn_measures + self.cue.cn_counts:
            return None
        noun = self._noun_after(c.after)
        if any(w in noun for w in self.cue.programme):
            return None
        if self.after(c.after + len(noun), 1) in "”’」":
            return None  # the end of a slogan whose opening quote was lost: 十个全覆盖”
        listed = (
            base in self.cue.cn_counts
            and num.text not in ("十", "百", "千")
            and self._listed_after_verb(num.start)
        )
        if listed or any(self.before(num.start, 4).endswith(v) for v in self.cn_verbs):
            # "新建两个城市社区卫生服务中心", "办好一所示范性高中", "新建两座桥梁、三条公路"
            if base in self.cue.cn_measures:
                return c
            if base == "个" and ("的" in noun or not re.search(_FACILITY, noun)):
                return None  # "打造一个宜居宜业的城市": rhetoric, not a count
            if num.text == "一" and base == "个" and not re.search(_BUILT, noun):
                return None  # "建设一个现代化中心城市": a vision, not one facility
            return c if noun and is_cjk(noun[0]) else None
        if base not in self.cue.cn_counts + self.cue.cn_measures:
            return None
        if self._ends_counted_clause(c) or (
            noun and any(v in noun[1:] for v in self.cue.cn_done_verbs)
        ):
            # "新建幼儿园两所,", "确保两所安置房配套学校建成交付"
            return c
        return None

    def _listed_after_verb(self, pos: int) -> bool:
        """The next item of a list whose verb comes first: "新建两座桥梁、三条公路"."""
        if self.before(pos, 1) != "、":
            return False
        head = self.norm[self._prev_boundary(self.wide_clause, pos) : pos].strip()
        head = strip_words(LEADING_MARK.sub("", head), self._leading_words(), ())
        return len(head) <= 30 and head.startswith(self.cue.cn_opening_verbs)

    def _leading_words(self) -> tuple[str, ...]:
        """Words before a subject, but not the verbs that open a count (完成 is both)."""
        verbs = self.cue.cn_opening_verbs
        return tuple(w for w in self.cue.subject_leading if w not in verbs)

    def _ends_counted_clause(self, c: Candidate) -> bool:
        """A clause "verb + thing + count in words": "改扩建中小学三所;"."""
        nxt = self.after(c.after, 1)
        if nxt and nxt not in CLAUSE_END + "和及与.":
            return False
        cl0, _ = self.clause_of(c.start)
        head = self.norm[cl0 : c.start].strip()
        head = LEADING_YEAR.sub("", LEADING_MARK.sub("", head))
        head = strip_words(head, self._leading_words(), ())
        # a digit of a name ("5G基站") is no number of the clause
        if re.search(r"[0-9](?![0-9A-Za-z])", head) or len(head) > 24:
            return False
        return head.startswith(self.cue.cn_opening_verbs)
