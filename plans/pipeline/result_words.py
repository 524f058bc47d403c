"""Words around a number that make it a result, or the level a target starts from: the
baseline of 由X提高到Y, a 【2022年成绩单】 heading above a list, a result's own year, and
an estimate (预计) worded at the number's verb, a sentence worded as a result. Part of ``kinds``."""

from __future__ import annotations

import re

from plans.pipeline.clauses import Candidate
from plans.pipeline.goal_years import GoalYears
from plans.pipeline.lexicon import alternation
from plans.pipeline.time_words import LATER_YEAR, PARTS_OF_YEAR, BracketHeadings
from plans.pipeline.types import OTHER

# A clause that passes on what a meeting or a report asks for looks ahead ("会议要求,…"):
# a result named before it does not reach past it.
DIRECTIVE_HEAD = re.compile(r"\s*[^,。;:!?\n0-9]{0,6}?(?:要求|提出|强调|部署|明确)[,:]")

# a sentence that asks for or plans what it names ("四季度要完成投资30亿元"), or sets a
# deadline ("6月底前,全市新建5G基站300个")
FORWARD_WORDS = re.compile(
    r"(?<![重主需纲])要|须|将|争取|努力|力争|确保|计划|目标|任务|明年|下一步|年内|月(?:底|末)?前|之前"
)
_PART_OF_YEAR_AT = re.compile(PARTS_OF_YEAR)

_BASELINE_AFTER = re.compile(
    r"^(?:[^,;。0-9]{0,3}?)(?:(?:提高|增加|增长|上升|下降|降低|减少|扩大|提升|压减|压缩|缩短|调整|精简|缩减|升|降|增)"
    r"(?:到|至|为|了?[0-9])|变为)"
)


class ResultWords(GoalYears):
    """The parts of a row's kind that read the words at the number itself."""

    def _committed(self, head: str) -> bool:
        """Whether a qualifier (力争, 确保) stands in ``head``."""
        return any(q in head for q in self.lex.recorded_qualifiers())

    def _own_result_year(self, pos: int | None = None) -> int | None:
        """The year a result without a time of its own reports: the text's own in news of
        the year (a meeting's, a brief's), the year before in a plan given early in a year;
        in a text of no known year, the year it last named before the result."""
        doc = self.doc
        if doc.year is None and doc.present_year is None and pos is not None:
            return self._year_named_before(pos)
        if doc.kind == OTHER or doc.dated_late or doc.year is None:
            return doc.present_year or doc.year
        return doc.year - 1

    def _bracket_head(self, pos: int) -> tuple[str, int | None] | None:
        """ "【2022年成绩单】" above a list: its items report that year; a heading naming
        the plan year or a later one sets nothing."""
        if "_brackets" not in self.__dict__:
            now = self.doc.present_year or self.doc.year
            self.__dict__["_brackets"] = BracketHeadings(
                self.norm, self.start, self.end, self.lex.years.relative, now
            )
        y, y0 = self.__dict__["_brackets"].year_at(pos), self.doc.year
        return ("past", y) if y is not None and y0 is not None and y < y0 else None

    def _is_baseline(self, c: Candidate) -> bool:
        """The X of "由X提高至Y" / "从X提高到Y": the level before the target."""
        cl0, _ = self.clause_of(c.start)
        before = self.norm[max(cl0, c.start - 10) : c.start]
        if self.norm.startswith("的基础上", c.after) and "在" in before:
            return True  # "在现有35%的基础上提高5个百分点": the level it starts from
        if "由" not in before and "从" not in before:
            return False
        return bool(_BASELINE_AFTER.match(self.norm[c.after : c.after + 12]))

    def _estimated_at_verb(self, c: Candidate) -> tuple[bool, int | None]:
        """ "今年全县地区生产总值预计增长6.2%": 预计 at the number's own verb estimates this
        year's result, as 预计 at the head of the sentence does, where the text's 今年 is
        not known to be the year it plans (no year, a year-end conference, a late date).
        A sentence that names a year or looks ahead forecasts: no estimate."""
        if "_at_verb" not in self.__dict__:
            est = alternation(self.cue.estimate)
            verbs = alternation(self.lex.documents.statement_verbs)
            self.__dict__["_at_verb"] = re.compile(
                f"(?:{est})(?:可|将|能)?(?:{verbs})?(?:约|近)?$"
            )
        cl0, _ = self.clause_of(c.start)
        if not self.__dict__["_at_verb"].search(self.norm, cl0, c.start):
            return False, None
        s0, _ = self.sentence(c.start)
        ahead = self.norm[s0 : c.start]
        if LATER_YEAR.search(ahead) or any(w in ahead for w in self.cue.looks_ahead):
            return False, None
        doc = self.doc
        now = doc.present_year or doc.year
        if doc.year is None or now != doc.year or doc.dated_late:
            return True, now
        return False, None

    def _results_news(self) -> bool:
        """News of the economy so far: it opens on a part of the year (in its first 400
        characters, not asking for it) and names none of a plan's signals for its goals."""
        if "_news_of_results" not in self.__dict__:
            m = _PART_OF_YEAR_AT.search(self.norm, self.start, self.start + 400)
            at = False
            if m is not None and self.doc.kind == OTHER:
                s0, s1 = self.sentence(m.start())
                asks = FORWARD_WORDS.search(self.norm, s0, s1)
                at = not asks and not self._in_review(m.start())
            signals = self.lex.documents.plan_signals
            text = self.norm[self.start : self.end]
            self.__dict__["_news_of_results"] = at and not any(
                w in text for w in signals
            )
        return self.__dict__["_news_of_results"]

    def _asked_for(self, i: int, head_end: int) -> bool:
        """A part of the year that a meeting asks for ("会议要求,一季度要完成…") or that is to
        be done ("一季度要…", "上半年须…") looks ahead, whatever the text reports."""
        if DIRECTIVE_HEAD.match(self.norm, i, min(self.end, i + 12)):
            return True
        return self.norm.startswith(self.cue.to_be_done, head_end)
