"""Comparators and qualifiers around a number, read with the lexicon's spellings.

Before a number the nearest spelling wins, longest first (``comparator_spellings.
before_number``: 提高到 → 达到, 不超过 → 以内 …); after it, the words of ``after_number``
(以上 and the others).
The qualifier is the last 力争 / 确保 … (``qualifiers`` with ``read``) earlier in the sentence.
"""

from __future__ import annotations

import re

from plans.pipeline import lexicon
from plans.pipeline.clauses import CLAUSE_END, Candidate, Clauses

# A rate's denominator between a verb and its number: "达到每千人", "提高到每人每年".
PER_WHOM = re.compile(
    r"(?:每(?:[0-9.]+|[十百千万])*(?:人口|人|户|年|月|天|日|周|亩|家|床|辆|名|平方公里|生|学生|村|社区)){1,2}$"
)


# The year a level is reached, between the verb and its number: "增加到2005年的302亿元".
YEAR_OF = re.compile(r"[12][0-9]{3}年(?:底|末)?的$")


class Comparators(Clauses):
    """Comparators and qualifiers next to a number."""

    def _post(self, c: Candidate) -> None:
        i = c.end
        if self.after(i, 1) and self.after(i, 1) in "多余":
            i += 1
        for word, comp in self.lex.after_number.items():
            if self.norm.startswith(word, i):
                c.post_comparator, c.after = comp, i + len(word)
                return
        c.after = c.end

    # -- attributes
    def _comparator_before(self, pos: int) -> tuple[str, str]:
        """(comparator, the word) written just before ``pos``."""
        line = self.norm.rfind("\n", self.start, pos) + 1
        if not self.norm[line:pos].strip() and self.item_line_above(line):
            pos = line - 1  # a figure on its own line: "★ 覆盖率达到\n85%"
        before = self.before(pos, 14)
        # a rate's denominator may stand between: "提高到每人每年9000元"; so may the year
        # the level is reached: "由2001年的183亿元增加到2005年的302亿元"
        before = YEAR_OF.sub("", PER_WHOM.sub("", before))[-4:]
        for w in self.lex.before_number:
            if before.endswith(w):
                if "至少" in self.before(pos - len(w), 4) and w != "至少":
                    return "不少于", w  # "至少要达到45%": the bound wins over the verb
                if w == "过" and not before.endswith(("超过", "不超过")):
                    if len(before) >= 2 and before[-2] in "通经超度":
                        return "", ""
                if w == "达" and before.endswith(("到达", "下达", "表达", "传达")):
                    return "", ""
                return self.lex.before_number[w], w
        # 至少 may stand before the verb: "至少建设2所", "至少落实一项"
        near = self.before(pos, 8)
        if "至少" in near and not any(
            ch in CLAUSE_END for ch in near[near.index("至少") :]
        ):
            return "不少于", ""
        return "", ""

    def _qualifier(self, pos: int) -> str:
        s, _ = self.sentence(pos)
        seg = self.norm[s:pos]
        best, where = "", -1
        for q in self.lex.recorded_qualifiers():
            i = seg.rfind(q)
            if i > where:
                best, where = q, i
        return best

    def _threshold_word(self, comparator: str) -> bool:
        """以上 / 以内 after a number: a floor or a ceiling, as thresholds are written."""
        return bool(comparator) and self.lex.bound_of(comparator) in (
            lexicon.FLOOR,
            lexicon.CEILING,
        )
