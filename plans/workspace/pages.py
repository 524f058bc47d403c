"""Page-shaped reads of the workspace: each returns what one page needs, in fixed queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from plans import models as m
from plans.highlight import LOST, MASKED, NUMBER, REPAIRED, Fragment, Mark, fragments
from plans.workspace import review
from plans.workspace.models import ImportJob

FLAG_LABELS = {
    "lost": _("原文数字缺失"),
    "repaired": _("文字已修复"),
    "unstorable": _("数字超出可保存的位数"),
    "unmapped": _("未对应指标"),
    "fuzzy": _("建议指标待确认"),
    "conflict": _("与其他文件冲突"),
}


def flags_of(target: m.Target) -> list[str]:
    """The reasons this row may need a decision (mirrors ``review.FLAGS``)."""
    flags = []
    if target.value_missing:
        flags.append("lost")
    if target.text_repaired:
        flags.append("repaired")
    if target.value_problem:
        flags.append("unstorable")
    if target.indicator_id is None and target.kind in (
        m.Target.Kind.TARGET,
        m.Target.Kind.ACTUAL,
    ):
        flags.append("unmapped")
    if target.indicator_id is None and target.suggested_indicator_id is not None:
        flags.append("fuzzy")
    if target.conflict:
        flags.append("conflict")
    return flags


@dataclass
class Row:
    target: m.Target
    before: str
    number: str
    after: str
    flags: list[str]

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[flag] for flag in self.flags]

    @property
    def needs_decision(self) -> bool:
        return bool(self.flags) and self.target.review_status == review.Proposed


def _in_context(
    text: str, target: m.Target, lower: int, upper: int
) -> tuple[str, str, str]:
    """The row's sentence split around its number, so the number can be highlighted."""
    quote = target.quote or ""
    window_start = max(lower, target.end - len(quote))
    at = (
        text.find(quote, window_start, min(upper, target.start + len(quote)))
        if quote
        else -1
    )
    if at < 0 or not (at <= target.start and target.end <= at + len(quote)):
        at, quote = max(lower, target.start - 40), ""
        end = min(upper, target.end + 40)
    else:
        end = at + len(quote)
    return (
        text[at : target.start],
        text[target.start : target.end],
        text[target.end : end],
    )


@dataclass
class ReviewPage:
    document: m.Document
    rows: list[Row]
    counts: dict[str, int]
    pending: int
    fragments: list[Fragment]
    jobs: list[ImportJob] = field(default_factory=list)


def review_page(
    document: m.Document, *, show: str = "decision", flag: str = ""
) -> ReviewPage:
    """A draft's rows beside their sentences, filtered to what needs a decision."""
    all_rows = document.targets.all()
    chosen = all_rows
    if show == "decision":
        chosen = chosen.filter(review.needs_decision_q())
    elif show in {"proposed", "accepted", "rejected"}:
        chosen = chosen.filter(review_status=show)
    if flag in review.FLAGS:
        chosen = chosen.filter(review.FLAGS[flag]())
    targets = list(
        chosen.select_related(
            "indicator", "suggested_indicator", "reviewed_by", "section"
        )
        .prefetch_related("department_links")
        .order_by("start", "pk")
    )
    counts = all_rows.aggregate(
        all=Count("pk"),
        proposed=Count("pk", filter=Q(review_status=review.Proposed)),
        accepted=Count("pk", filter=Q(review_status=m.Target.ReviewStatus.ACCEPTED)),
        rejected=Count("pk", filter=Q(review_status=m.Target.ReviewStatus.REJECTED)),
        decision=Count("pk", filter=review.needs_decision_q()),
        **{
            f"flag_{name}": Count("pk", filter=Q(review_status=review.Proposed) & q())
            for name, q in review.FLAGS.items()
        },
    )
    text = document.source.text
    rows = [
        Row(t, *_in_context(text, t, document.start, document.end), flags_of(t))
        for t in targets
    ]
    spans = list(
        all_rows.exclude(review_status=m.Target.ReviewStatus.REJECTED).values_list(
            "pk", "start", "end", "value_missing"
        )
    )
    marks = [
        Mark(s, e, LOST if lost else NUMBER, target_id=pk) for pk, s, e, lost in spans
    ]
    marks += [
        Mark(r.position, r.position + len(r.original), REPAIRED, replacement=r.repaired)
        for r in document.repairs.all()
    ]
    marks += [Mark(p, p + 1, MASKED) for p in document.unrepaired_masks]
    return ReviewPage(
        document=document,
        rows=rows,
        counts=counts,
        pending=counts["decision"],
        fragments=fragments(text, document.start, document.end, marks),
    )


def workspace_index():
    """Drafts with what they still need, recent jobs, and published documents."""
    documents = m.Document.objects.select_related("region", "source").annotate(
        rows=Count("targets"),
        pending=Count("targets", filter=review.needs_decision_q("targets__")),
    )
    drafts = list(documents.filter(status=m.Document.Status.DRAFT).order_by("-pk"))
    published = list(
        documents.filter(status=m.Document.Status.PUBLISHED).order_by(
            "-published_at", "-pk"
        )[:50]
    )
    jobs = list(ImportJob.objects.select_related("created_by").defer("data")[:20])
    return drafts, published, jobs
