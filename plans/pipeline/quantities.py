"""Which Arabic numbers with a unit are rows, and which are context.

Dates, ranks, road numbers, list numbers, years, ages before a noun and durations that
qualify a noun ("15分钟生活圈") give no row; thresholds inside an indicator's name ("集体收入
10万元以上嘎查村") give none either. Counts of campaigns or tasks, the places an effort aims at,
and the size of a named project are rows of kind ``context``. The word lists are the
lexicon's ``cues.context`` and ``units`` families.
"""

from __future__ import annotations

import re

from plans.pipeline import units as U
from plans.pipeline.clauses import CLAUSE_END, Candidate, is_cjk
from plans.pipeline.comparators import Comparators
from plans.pipeline.numbers import (
    RANGE,
    RATIO,
)

# A whole a part is counted out of: "8个县市中仍有3个", "12个乡镇中有5个".
_PART_OF = re.compile(r"[\u4e00-\u9fff]{1,6}(?:中|当中)(?:仍|已|还|只|共)?有")
# What stands before a list number ("3." or "2、" opening an item).
_LIST_BEFORE = "\n \u3000。;:!?.()、"


_TIME_OF_DAY = re.compile(r"[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?")
# a date, or a part of the day, before a time ("1月27日上午9:00", "下午3:30")
_PART_OF_DAY = r"(?:上午|下午|中午|晚上?|早上?|凌晨)"
_DATE_BEFORE = re.compile(
    rf"(?:(?:[0-9]{{1,2}}[-/.][0-9]{{1,2}}(?:[-/.][0-9]{{4}})?|[0-9]{{1,2}}日)\s*"
    rf"{_PART_OF_DAY}?|{_PART_OF_DAY})\s*$"
)
# the minutes of a time of day ("9时30分"), not points
_HOUR_BEFORE = re.compile(r"[0-9一二三四五六七八九十]{1,3}[时点]$")


class Quantities(Comparators):
    """Which Arabic numbers with a unit are rows, and which are context."""

    # -- rules for Arabic numbers
    def _keep_arabic(self, c: Candidate) -> bool:
        n = self.norm
        prev = n[c.start - 1] if c.start > self.start else "\n"
        nxt = n[c.num_end] if c.num_end < self.end else "\n"
        base = U.base_of(c.unit)
        if (prev.isascii() and prev.isalpha()) or prev in "/_#+×*·'":
            return False
        if prev == "前" and base in ("名", "位", "强"):
            return False  # a rank: 进入全省前10名
        if self._moves_rank(c, base):
            return False  # "较一季度前移3位", "前进4个位次"
        if base in self.units.duration and self._describes_noun(c):
            return False  # 1小时经济圈, 15分钟生活圈, 24小时自助服务
        if nxt in "+×*·'/" or (not c.unit and nxt.isascii() and nxt.isalpha()):
            return False
        if c.unit and c.end < self.end and n[c.end].isascii() and n[c.end].isalpha():
            return False  # 5G, 5A级
        if self.before(c.start, 2).rstrip().endswith("第") or self.quoted(c.start):
            return False
        if c.form == RANGE and c.value is not None and c.value_max is not None:
            lo, hi = c.value, c.value_max
            if 1900 <= lo <= 2100 and 1900 <= hi <= 2100 and not c.unit:
                return False  # a period written as years
        if base in self.units.age:
            # an age is a target's value ("人均预期寿命达到78岁。") only at a clause's end;
            # before a noun it defines who is counted ("3岁以下婴幼儿")
            nxt_after = self.after(c.after, 1)
            return (not nxt_after or nxt_after in CLAUSE_END + ".") and bool(
                self._comparator_before(c.start)[0] or "." in c.value_text
            )
        if base == "年" and "." in c.value_text and self._comparator_before(c.start)[0]:
            return True  # "平均受教育年限提高到11.7年": a decimal of years is no date
        if U.is_skip_unit(c.unit):
            return False
        if base == "分" and _HOUR_BEFORE.search(self.before(c.start, 4)):
            return False
        if not c.unit and not c.missing:
            return self._keep_bare(c, prev, nxt)
        if any(self.before(c.start, 2).endswith(w) for w in self.cue.roads_before):
            return False
        if any(n.startswith(w, c.num_end) for w in self.cue.roads_after):
            return False
        if self.before(c.start, 1) == "共" and base in ("条", "项"):
            return False
        if base == "大":
            # "10大公建项目" counts projects; "10大…专项行动" counts campaigns
            noun = self._noun_after(c.end)
            if any(w in noun for w in self.cue.programme):
                c.context = True
                return True
            return any(w in noun for w in ("项目", "工程"))
        if base in self.units.counters and self._counts_programmes(c):
            c.context = True
        if base in self.units.counters + self.cue.place_counters and _PART_OF.match(
            n, c.after
        ):
            c.context = True  # "8个县市中仍有3个…": the whole the part is taken from
        if base in self.units.counters + self.cue.place_counters and (
            self._names_a_scope(c) or self._ranked_among(c)
        ):
            c.context = True
        if self._defines_indicator(c):
            return False
        if self._names_project(c):
            c.context = True
        # units commended are counted in 家 / 所 too ("为20家…企业颁奖")
        counted = (
            self.units.counters + self.cue.attendance_units + self.cue.place_counters
        )
        # "肩负着全县36万人民的重托": a bare 万 counts people there too
        if (base in counted or not base) and self._counts_attendance(c):
            c.context = True
        if base in self.cue.attendance_units and self._names_attendees(c.end):
            c.context = True  # "来自县内的162名代表汇聚一堂", "400多名市人大代表"
        if base in self.units.counters and any(
            n.startswith(w, c.end) for w in self.cue.attendee_groups
        ):
            c.context = True  # "来自全市15个代表团的…代表"
        if self._in_business_tally(c) or self._firms_own(c):
            c.context = True
        return True

    def _names_attendees(self, at: int) -> bool:
        """Deputies named right at ``at``, with their level or not: "代表", "市人大代表"."""
        n = self.norm
        levels = ("",) + self.cue.attendee_levels
        came = re.match(r"来自[^,。;的]{0,14}的", n[at : at + 18])
        at = at + came.end() if came else at  # "400多名来自全市各条战线的市人大代表"
        return any(
            n.startswith(level + w, at) for level in levels for w in self.cue.attendees
        )

    def _moves_rank(self, c: Candidate, base: str) -> bool:
        """A move in rank: "较去年同期前移9位", "较上半年前进4个位次"."""
        ranked = base in ("位", "名") or self.norm.startswith("位次", c.end)
        head = self.norm[self.sentence(c.start)[0] : c.start]
        if ranked and not c.post_comparator and any(w in head for w in self.cue.ranks):
            # "在全市排位,分别由去年的 20位…上升为今年的 11 位" (a goal's bound keeps
            # its row: "保持城市信用排名全国60名以内")
            return True
        return ranked and self.before(c.start, 2) in self.cue.rank_moves

    def _ranked_among(self, c: Candidate) -> bool:
        """The places a rank is taken among: "挺进全省67个县(市)第10名"."""
        _, cl1 = self.clause_of(c.start)
        rest = self.norm[c.end : cl1]
        return any(w in rest for w in self.cue.ranks) or bool(
            re.search(r"第[0-9一二三四五六七八九十]+[名位]", rest)
        )

    def _firms_own(self, c: Candidate) -> bool:
        """A number after a firm's head's speech verb in the sentence ("…一家汽车零部件企业
        负责人说,去年企业享受减免税费1200多万元,今年计划新增投资2亿元"): the firm's figure."""
        s0 = self.sentence(c.start)[0]
        head = self.norm[s0 : c.start]
        for who in self.cue.firm_speakers:
            i = head.find(who)
            if i == -1:
                continue
            j = i + len(who)
            for k in range(5):  # a name may stand between: "董事长王刚说"
                if any(ch in CLAUSE_END for ch in head[j : j + k]):
                    break
                if any(head.startswith(v, j + k) for v in self.cue.speech_verbs):
                    return True
        return False

    def _in_business_tally(self, c: Candidate) -> bool:
        """A number after a tally of a meeting's own business in its sentence:
        "共收到提案186件,经审查立案152件,办复率100%" (at most 200 characters back)."""
        s0 = max(self.sentence(c.start)[0], c.start - 200)
        return any(w in self.norm[s0 : c.start] for w in self.cue.business_tally)

    def _counts_attendance(self, c: Candidate) -> bool:
        """People at a meeting or units commended: "应到代表412名", "32个部门…参加会议"."""
        cl0, cl1 = self.clause_of(c.start)
        # items of one list ("代表议案7件、建议116件") share the list's head
        for _ in range(8):
            if cl0 <= self.start or self.norm[cl0 - 1] != "、":
                break
            cl0 = self.clause_of(cl0 - 1)[0]
        for _ in range(8):  # …and its verb after them ("…等6个部门和*镇、*镇作了发言")
            if cl1 >= self.end or self.norm[cl1] != "、":
                break
            cl1 = self.clause_of(cl1 + 1)[1]
        return any(w in self.norm[cl0:cl1] for w in self.cue.attendance)

    def _describes_noun(self, c: Candidate) -> bool:
        """A quantity written straight before a noun it qualifies: "15分钟生活圈"."""
        if c.post_comparator or self._comparator_before(c.start)[0]:
            return False  # 最多30天办结, 压缩至3个工作日
        nxt = self.after(c.end, 1)
        return bool(nxt) and is_cjk(nxt) and nxt not in "内之左以的办完到达通"

    def _names_a_scope(self, c: Candidate) -> bool:
        """ "聚焦…18个深度贫困县": the places an effort aims at, not a count to deliver."""
        cl0, _ = self.clause_of(c.start)
        head = self.norm[cl0 : c.start]
        i = max(head.rfind(w) for w in self.cue.scope)
        if i == -1:
            return False
        return not any(
            v in head[i:] for v in self.cue.cn_opening_verbs + ("达到", "实现")
        )

    def _keep_bare(self, c: Candidate, prev: str, nxt: str) -> bool:
        """A number with no unit: a row only where a comparator sets it ("最多30办结")."""
        if (nxt in ".、" and prev in _LIST_BEFORE) or (prev in "(" and nxt in ")"):
            return False  # a list number: "\n3.", "。2、"
        if c.form == RATIO:
            # "2025-01-15 10:30:12", "1月14日 9:30": a time of day, not a ratio
            return not (
                _TIME_OF_DAY.fullmatch(c.value_text)
                and _DATE_BEFORE.search(self.before(c.start, 12))
            )
        if c.value is not None and 1900 <= c.value <= 2100 and "." not in c.value_text:
            return False
        if self._comparator_before(c.start)[0]:
            return True
        grew = self.before(c.start, 3).rstrip().endswith(("增长", "下降"))
        if grew and "." in c.value_text:
            # a rate whose % was lost: "比上年增长12.5;" (keeps no unit; a whole number,
            # "比上年增长8,", may be anything)
            return True
        if c.post_comparator and self._comparator_before(c.start)[1]:
            return True  # "死亡率控制在0.01以内"
        # "城乡居民收入倍差为1.65": a ratio, written without a unit
        end = self.after(c.after, 1)
        head = re.sub(
            r"(?:为|是|缩小到|缩小至|保持在|控制在)$", "", self.before(c.start, 12)
        )
        return (
            "." in c.value_text
            and (not end or end in CLAUSE_END + ".")
            and head.endswith(self.cue.ratio_subjects)
        )

    def _counts_programmes(self, c: Candidate) -> bool:
        s0, _ = self.sentence(c.start)
        if re.search(r"指标(?:中|里|当中)", self.norm[s0 : c.start]):
            return True  # "主要指标中,有17项已达到序时进度": a count of indicators
        cl0, _ = self.clause_of(c.start)
        if self.norm[cl0 : c.start].endswith(self.cue.programme):
            return True  # "实施民生实事12件": the things counted named before the count
        noun = self._noun_after(c.after if c.after else c.end)
        if noun.startswith("是"):
            return False  # "有3个是国家重点县": what the counted things are, said after
        if noun.startswith("工程"):
            return True
        return any(w in noun for w in self.cue.programme)

    def _defines_indicator(self, c: Candidate) -> bool:
        """A threshold inside an indicator's name: 集体收入10万元以上嘎查村占比."""
        base = U.base_of(c.unit)
        if self.after(c.after, 1) == "的":
            # "日处理能力10万吨的污水处理厂1座": a description of what the next number counts
            rest = self._noun_after(c.after + 1, 16)
            if rest.startswith("基础上"):
                return False  # "在现有35%的基础上提高5个百分点": a baseline
            if rest[:1].isdigit() or self.norm.startswith(self.cue.goal_after, c.after):
                # "占年度计划15.3亿元的44.8%": a share of it; "12%的目标": a goal
                return False
            if any(ch.isdigit() for ch in rest):
                return True
        nxt = self.after(c.after, 1)
        _, cl1 = self.clause_of(c.start)
        rest = self.norm[c.after : cl1]
        if self._threshold_word(c.post_comparator) and nxt and is_cjk(nxt):
            if nxt not in "且并和及的" and re.search(r"全覆盖|全部|均", rest):
                # "实现20户以上自然村通硬化路全覆盖": every such village, a threshold
                return True
        if base not in self.units.money:
            return False
        if self._threshold_word(c.post_comparator) and nxt and is_cjk(nxt):
            return nxt not in "且并和及的"
        comp = self._comparator_before(c.start)[1]
        if self.lex.before_number.get(comp) == "超" and nxt and is_cjk(nxt):
            # "培育产值超10亿元企业5户": the threshold of the things counted next
            return bool(re.search(r"[0-9]", rest))
        return False

    def _in_project_brackets(self, c: Candidate) -> bool:
        """A size in brackets after a project's name: "…电站(装机140万千瓦)"."""
        head = self.before(c.start, 12)
        k = head.rfind("(")
        if k == -1 or ")" in head[k:] or any(ch in CLAUSE_END for ch in head[k:]):
            return False
        if ")" not in self.after(c.after, 4):
            return False
        return head[:k].endswith(self.cue.project + self.cue.named_works)

    def _names_project(self, c: Candidate) -> bool:
        """A capacity followed by a project's name, in the same clause."""
        if self._in_project_brackets(c):
            return True
        if U.base_of(c.unit) in self.units.money and self.after(c.end, 1) == "的":
            # "投资3.8亿元的尘源点治理工程": the cost of a named project (not "完成58.3亿元
            # 的重点项目年度投资任务", a goal for the projects)
            noun = self._noun_after(c.end + 1, 20)
            if any(w in noun for w in self.cue.goal_before):
                return False
            return any(w in noun for w in self.cue.project + ("园区",))
        base = U.base_of(c.unit)
        if base in self.units.area and self._is_footprint(c):
            return True
        if base not in self.units.capacity or c.post_comparator:
            return False
        before = self.before(c.start, 4)
        if any(w in before for w in self.cue.capacity_verbs):
            return False
        rest = []
        for ch in self.after(c.end, 30):
            if ch in "。;,:!?\n":
                break
            rest.append(ch)
        rest_s = "".join(rest)
        if not rest_s or not is_cjk(rest_s[0]):
            return False
        return any(w in rest_s for w in self.cue.project)

    def _is_footprint(self, c: Candidate) -> bool:
        """The area of a named place: "占地300亩的物流园", "医药城10平方公里起步区"."""
        cl0, _ = self.clause_of(c.start)
        head = self.norm[cl0 : c.start]
        if re.search(r"占地(?:面积)?(?:约|近)?$", head):
            return True
        if c.post_comparator or not head or not is_cjk(head[-1]):
            return False
        if (
            head.endswith(self.cue.cn_opening_verbs + self.cue.area_verbs)
            or self._comparator_before(c.start)[1]
        ):
            return False
        noun = self._noun_after(c.end, 6)
        return bool(noun) and any(w in noun[:5] for w in self.cue.place)
