"""Read the change history (django-simple-history) as a list of changes with before/after.

Records are fetched once and paired in Python (each record with the previous record of the
same object), so a history page costs a fixed number of queries however long it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans import models as m

# Reasons the workspace records, shown in the reader's language.
REASONS = {
    "edited": gettext_lazy("修改"),
    "accepted": gettext_lazy("确认"),
    "rejected": gettext_lazy("驳回"),
    "split": gettext_lazy("拆分"),
    "published": gettext_lazy("发布"),
    "unpublished": gettext_lazy("撤回为草稿"),
    "added from the source text": gettext_lazy("从原文添加"),
    "mapped to the suggested indicator": gettext_lazy("采用建议指标"),
    "re-extraction changed this row": gettext_lazy("重新抽取改变了此行，退回待审"),
}
PREFIXES = {
    "edited; departments: ": gettext_lazy("修改；部门："),
    "reverted to the version of ": gettext_lazy("恢复到此时的版本："),
    "split from row ": gettext_lazy("拆分自行 "),
    "published; machine-read only: ": gettext_lazy(
        "发布；其中仅机器读取、未经人工核对的行："
    ),
}


def reason_shown(reason: str) -> str:
    if reason in REASONS:
        return str(REASONS[reason])
    for prefix, label in PREFIXES.items():
        if reason.startswith(prefix):
            return f"{label}{reason[len(prefix) :]}"
    return reason


HIDDEN = {
    "history_id",
    "history_date",
    "history_type",
    "history_user",
    "history_change_reason",
}
TYPES = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class FieldChange:
    name: str
    label: str
    before: object
    after: object


@dataclass
class Change:
    model: str  # "target" | "document"
    object_id: int
    label: str
    history_id: int
    kind: str  # created | changed | deleted
    when: datetime
    user: str  # a name in words (never an id): see ``author``
    reason: str
    fields: list[FieldChange] = field(default_factory=list)
    latest: bool = False

    @property
    def by_official(self) -> bool:
        return self.user != str(MACHINE)


def _tracked(model) -> list:
    return [
        f
        for f in model.history.model._meta.concrete_fields
        if f.name not in HIDDEN and f.attname != "id"
    ]


# Reasons the workspace records for an official's own action: a record with one of these
# and no user was made by a user since deleted, never by the machine.
OFFICIAL_REASONS = {
    "edited",
    "accepted",
    "rejected",
    "split",
    "published",
    "unpublished",
    "added from the source text",
    "mapped to the suggested indicator",
}
OFFICIAL_PREFIXES = ("edited; ", "reverted to ", "split from ", "published; ")


def author(record) -> str:
    """Who made a change, in words: the user's name, "已删除的用户" for an official's
    action whose user is gone, "机器抽取" for the import pipeline."""
    if record.history_user is not None:
        return record.history_user.get_username()
    reason = record.history_change_reason or ""
    if reason in OFFICIAL_REASONS or reason.startswith(OFFICIAL_PREFIXES):
        return str(DELETED_USER)
    return str(MACHINE)


DELETED_USER = gettext_lazy("已删除的用户")
MACHINE = gettext_lazy("机器抽取")


def _names(model, records: list) -> dict[str, dict]:
    """Names for the ids a history stores (indicators, users, sections): a reader sees
    "reviewer1" and "主要目标 › 经济", never "3"."""
    from django.contrib.auth import get_user_model

    names: dict[str, dict] = {
        "indicator": dict(m.Indicator.objects.values_list("pk", "name_zh")),
        "user": dict(
            get_user_model().objects.values_list("pk", get_user_model().USERNAME_FIELD)
        ),
    }
    if model is m.Target:
        ids = {r.section_id for r in records if getattr(r, "section_id", None)}
        names["section"] = {
            s.pk: " › ".join(s.path) or s.number
            for s in m.Section.objects.filter(pk__in=ids)
        }
    return names


def _changes(model, records, label_of) -> list[Change]:
    fields = _tracked(model)
    records = list(records)
    indicator_names = _names(model, records)
    by_object = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    out = []
    for object_id, history in by_object.items():
        previous = None
        for record in history:
            kind = TYPES.get(record.history_type, record.history_type)
            changed = []
            for f in fields:
                after = _shown(f, getattr(record, f.attname), indicator_names)
                before = (
                    _shown(f, getattr(previous, f.attname), indicator_names)
                    if previous
                    else None
                )
                if (
                    previous is None
                    and kind == "created"
                    and after in ("", None, [], {})
                ):
                    continue
                if previous is None or before != after:
                    changed.append(
                        FieldChange(f.name, str(f.verbose_name), before, after)
                    )
            out.append(
                Change(
                    model=model._meta.model_name,
                    object_id=object_id,
                    label=label_of(record),
                    history_id=record.history_id,
                    kind=kind,
                    when=record.history_date,
                    user=author(record),
                    reason=reason_shown(record.history_change_reason or ""),
                    fields=changed if previous is not None else [],
                )
            )
            previous = record
        if out:
            out[-1].latest = True
    return out


def _shown(f, value, names):
    if value is not None and f.name in {"indicator", "suggested_indicator"}:
        return names["indicator"].get(value, value)
    if value is not None and f.name in {"reviewed_by", "imported_by"}:
        return names["user"].get(value, str(DELETED_USER))
    if value is not None and f.name == "section":
        return names.get("section", {}).get(value, value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return value


def target_history(target: m.Target) -> list[Change]:
    """Every recorded version of one row, newest first, each with what it changed."""
    records = target.history.select_related("history_user").order_by(
        "history_date", "history_id"
    )
    return sorted(
        _changes(m.Target, records, lambda r: r.subject),
        key=lambda c: (c.when, c.history_id),
        reverse=True,
    )


def document_history(document: m.Document) -> list[Change]:
    """Changes to a document and to every row it has or had, newest first."""
    doc_records = document.history.select_related("history_user").order_by(
        "history_date", "history_id"
    )
    row_records = (
        m.Target.history.filter(document_id=document.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes = _changes(m.Document, doc_records, lambda r: r.title)
    changes += _changes(
        m.Target, row_records, lambda r: f"{r.subject} {r.value_text}{r.unit}"
    )
    return sorted(changes, key=lambda c: (c.when, c.history_id), reverse=True)
