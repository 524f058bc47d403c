"""A document's sections, stored so that they survive re-extraction.

When the extractor finds different sections, each stored section with the same heading
path is updated in place (rows and history keep pointing at it); new ones are created;
only sections that no longer exist are deleted, and before that every row that pointed at
one (edited or not) and every history record of a row is re-linked to the section that
now covers the old one's span. No row and no history record is ever left pointing at a
deleted section, so a revert restores a section that exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from django.db.models import F

from plans import models as m
from plans.bulk_writes import fast_update
from plans.pipeline import types as pt

# (name as written, role, register name) of each unit named by a found section.
DepartmentsOf = Callable[[pt.Section], list[tuple[str, str, str]]]


class DepartmentOf(Protocol):
    """The stored Department of register names (``plans.import_rows.Departments``)."""

    def many(self, names: Iterable[str]) -> list[m.Department]: ...


def _links(section: m.Section) -> list[tuple[str, str, str]]:
    return sorted(
        (k.name_as_written, k.role, k.department.name)
        for k in section.department_links.all()
    )


def covering(sections: Iterable[m.Section], start: int, end: int) -> m.Section | None:
    """The innermost section whose span holds ``start``–``end``."""
    holding = [s for s in sections if s.start <= start and end <= s.end]
    return max(holding, key=lambda s: (s.start, -s.end, s.order), default=None)


def store_sections(
    document: m.Document,
    found: list[pt.Section],
    departments_of: DepartmentsOf,
    department_of: DepartmentOf,
) -> dict[tuple, m.Section]:
    """Make the document's stored sections those ``found``; {heading path: section}.

    ``departments_of`` gives the units a found section names (as written, role, register
    name); ``department_of`` the stored Department of a register name.
    """
    existing = list(
        document.sections.prefetch_related("department_links__department").order_by(
            "order"
        )
    )
    wanted = [
        (list(s.path), s.number[:32], s.leader[:64], s.start, s.end, departments_of(s))
        for s in found
    ]
    current = [
        (s.path, s.number, s.leader, s.start, s.end, _links(s)) for s in existing
    ]
    if current == wanted:
        return {tuple(s.path): s for s in existing}

    # Orders are unique per document: move the old ones out of the way first.
    offset = len(existing) + len(wanted) + 1
    document.sections.update(order=F("order") + offset)
    free: dict[tuple, list[m.Section]] = {}
    for section in existing:
        free.setdefault(tuple(section.path), []).append(section)
    kept, new, relink = [], [], []
    result: list[m.Section] = []
    for order, (path, number, leader, start, end, depts) in enumerate(wanted):
        matches = free.get(tuple(path))
        if matches:
            section = matches.pop(0)
            if _links(section) != depts:
                relink.append((section, depts))
            kept.append(section)
        else:
            section = m.Section(document=document)
            new.append((section, depts))
        section.order, section.path, section.number = order, path, number
        section.leader, section.start, section.end = leader, start, end
        result.append(section)
    fields = ["order", "path", "number", "leader", "start", "end"]
    fast_update(kept, fields, model=m.Section)
    m.Section.objects.bulk_create([s for s, _ in new], batch_size=500)
    m.SectionDepartment.objects.filter(section__in=[s for s, _ in relink]).delete()
    links = [
        (section, role, name, register_name)
        for section, depts in [*new, *relink]
        for name, role, register_name in depts
    ]
    m.SectionDepartment.objects.bulk_create(
        [
            m.SectionDepartment(
                section=section, department=department, role=role, name_as_written=name
            )
            for (section, role, name, _), department in zip(
                links, department_of.many(r for *_, r in links), strict=True
            )
        ],
        ignore_conflicts=True,
    )
    gone = [s for sections in free.values() for s in sections]
    if gone:
        _relink(document, gone, result)
        m.Section.objects.filter(pk__in=[s.pk for s in gone]).delete()
    return {tuple(s.path): s for s in result}


def _relink(
    document: m.Document, gone: list[m.Section], sections: list[m.Section]
) -> None:
    """Point rows and history records at the section now covering each gone one."""
    gone_ids = {s.pk for s in gone}
    rows = list(document.targets.filter(section_id__in=gone_ids))
    for row in rows:
        row.section = covering(sections, row.start, row.end)
    fast_update(rows, ["section"])
    history = m.Target.history.model
    for section in gone:
        replacement = covering(sections, section.start, section.end)
        history.objects.filter(section_id=section.pk).update(
            section_id=replacement.pk if replacement else None
        )
