"""What ``manage.py verify_record`` reports: every derived field and relation of the rows
in a refresh plan whose stored value is not the computed one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plans.refresh_rows import stored_value, wanted_value

if TYPE_CHECKING:
    from plans.refresh import Plan


@dataclass(frozen=True)
class Difference:
    document: int
    row: int
    field: str
    stored: Any
    expected: Any


def differences(plan: Plan) -> list[Difference]:
    """Every derived field and relation whose stored value is not the computed one."""
    out = []
    for pk, target in plan.rows.items():
        item = plan.expected[pk]
        for name, value in item.values.items():
            if stored_value(target, name) != wanted_value(value):
                out.append(
                    Difference(
                        target.document_id,
                        pk,
                        name,
                        stored_value(target, name),
                        wanted_value(value),
                    )
                )
        if plan.current_others.get(pk, set()) != item.others:
            out.append(
                Difference(
                    target.document_id,
                    pk,
                    "other_indicators",
                    sorted(plan.current_others.get(pk, set())),
                    sorted(item.others),
                )
            )
        if plan.current_partners.get(pk, set()) != item.partners:
            out.append(
                Difference(
                    target.document_id,
                    pk,
                    "conflicts_with",
                    sorted(plan.current_partners.get(pk, set())),
                    sorted(item.partners),
                )
            )
    return sorted(out, key=lambda d: (d.document, d.row, d.field))
