"""What a number measures: its subject as written, shared subjects, relative targets.

A subject is the clause before the number without list marks, a leading year and the
lexicon's ``cues.subject_leading`` / ``subject_trailing`` words. 均/各/分别 share one number
among several subjects or pair several numbers with them ("分别增长6%和6.5%"); a relative
target ("…,高于全区平均水平") follows in the next clause.
"""

from __future__ import annotations

import re

from plans.pipeline.clauses import Candidate, strip_words
from plans.pipeline.comparators import PER_WHOM
from plans.pipeline.kinds import KindsAndYears
from plans.pipeline.types import TargetRow


def _split_subjects(s: str) -> list[str]:
    parts = [p for p in re.split(r"[、和及与]", s) if p]
    return parts if len(parts) >= 2 else []


class Subjects(KindsAndYears):
    """What each number measures."""

    def _original(self, subject_norm: str, lo: int, hi: int) -> str:
        """The subject as written in the source (the norm copy aligns with it)."""
        subject_norm = subject_norm.strip()  # "2017 年 全市…" of a PDF: no space first
        if not subject_norm:
            return ""
        i = self.norm.rfind(subject_norm, lo, hi)
        return self.text[i : i + len(subject_norm)] if i != -1 else subject_norm

    def _relation(self, c: Candidate) -> str:
        _, e = self.clause_of(c.start)
        if e < self.end and self.norm[e] == ",":
            nxt = self.norm[e + 1 : self._next_boundary(self.clause, e + 1)]
            if nxt.startswith(self.cue.relation_leading) and not any(
                ch.isdigit() for ch in nxt
            ):
                return self.text[e + 1 : e + 1 + len(nxt)]
        return ""

    def _share_subjects(self, cands: list[Candidate], rows: list[TargetRow]) -> None:
        """均/各/分别: one number for several subjects, or several numbers paired with them."""
        n = self.norm
        i = 0
        prev_parts: tuple[tuple[int, int], list[str]] | None = None
        while i < len(rows):
            j = i
            # numbers joined by 和 / 、 / 及 only: "分别增长6%和6.5%", "94%50%"
            while j + 1 < len(rows):
                gap = n[cands[j].after : cands[j + 1].start]
                # "每人每月480元和每人每年3600元": each number with its own denominator
                gap = PER_WHOM.sub("", gap) if gap[:1] in "和、及与" else gap
                if (
                    gap not in ("", "和", "、", "及", "与")
                    or cands[j + 1].missing != cands[j].missing
                    and gap == ""
                ):
                    break
                j += 1
            group = rows[i : j + 1]
            cl0 = self._prev_boundary(self.wide_clause, cands[i].start)
            head = n[cl0 : cands[i].start]
            m = re.search(r"分别", head) or re.search(
                r"(?<![人平年户亩])[均各].{0,3}$", head
            )
            raw = head[: m.start()] if m else head
            raw = strip_words(raw, self.cue.subject_leading, ())
            raw = re.sub(r"(增长|提高|达到|达|保持在|稳定在|下降|降低)$", "", raw)
            parts = _split_subjects(raw)
            if (
                not raw
                and m
                and prev_parts
                and prev_parts[0] == self.sentence(cands[i].start)
            ):
                parts = prev_parts[1]  # "分别达到X元和Y元,分别增长8%和9%"
            if len(group) >= 2:
                if (
                    len(parts) < len(group)
                    and raw.startswith("城乡")
                    and len(group) == 2
                ):
                    rest = raw[2:]
                    parts = ["城镇" + rest, "农村" + rest]
                if len(parts) == len(group):
                    for r, p in zip(group, parts, strict=True):
                        r.subjects = [p]
            elif m and parts:
                group[0].subjects = parts
            if parts:
                prev_parts = (self.sentence(cands[i].start), parts)
            for r in group[1:]:
                # "分别提高到9000元和7200元": the verb and its subject serve both
                r.subject = group[0].subject
                if not r.comparator and group[0].comparator == "达到":
                    r.comparator = group[0].comparator
            i = j + 1
