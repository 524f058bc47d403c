"""Load, set-based: a found document's rows, their departments and its repairs, written in
bulk (one INSERT per table and batch, one history record per new or changed row).

``plans.importer`` calls ``store_rows`` for each document of a file; machine rows are
matched by their span, so re-extraction updates them in place; rows an official edited or
added are never touched. The department register is read once per import (``Departments``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from plans import models as m
from plans.bulk_writes import insert_objects, insert_values, update_with_history
from plans.cache import bump_version
from plans.pipeline import types as pt
from plans.pipeline.departments import load_register

Link = tuple[str, str, str]  # (name as written, role, register name)


class Departments:
    """The stored Department of each register name, read once and created on first use:
    one query for all of them instead of one per link."""

    def __init__(self) -> None:
        self._stored: dict[str, m.Department] | None = None
        self._memo: dict[str, m.Department] = {}

    def _read(self) -> dict[str, m.Department]:
        if self._stored is None:
            self._stored = {d.name: d for d in m.Department.objects.all()}
        return self._stored

    @staticmethod
    def _values(found) -> dict:
        return {
            "name_en": found.entry.en if found.entry else "",
            "aliases": list(found.entry.aliases) if found.entry else [],
            "masked": found.masked,
        }

    def many(self, names: Iterable[str]) -> list[m.Department]:
        """The Department of each name, in order; those not stored yet are created
        together (one INSERT), in the order they are first named."""
        names = list(names)
        stored, register = self._read(), load_register()
        new: list[m.Department] = []
        for name in names:
            found = register.resolve(name) if name not in self._memo else None
            if found is not None and found.name not in stored:
                stored[found.name] = m.Department(
                    name=found.name, **self._values(found)
                )
                new.append(stored[found.name])
        if new:
            insert_objects(new, ("name",), m.Department.objects.all())
            bump_version()  # a bulk write sends no signal: cached pages go stale here
        return [self(name) for name in names]

    def __call__(self, name: str) -> m.Department:
        if name in self._memo:
            return self._memo[name]
        stored = self._read()
        found = load_register().resolve(name)
        department = stored.get(found.name)
        values = self._values(found)
        if department is None:
            department = m.Department.objects.create(name=found.name, **values)
        elif any(getattr(department, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(department, key, value)
            department.save()
        stored[found.name] = self._memo[name] = department
        return department


def department_for(name_as_written: str, text: str = "") -> m.Department:
    """The register's department for a unit's name as written in a document's ``text``
    (see ``pipeline.departments``): one Department per body, whatever name it was given."""
    return Departments()(load_register().resolve(name_as_written, text).name)


def canonical_department(name: str) -> str:
    """The register name of a unit (the name as written when the register lacks it)."""
    return load_register().resolve(name).name


def dept_tuples(
    departments: Iterable[pt.DepartmentRef], proven: dict[str, str], text: str
) -> list[Link]:
    """(name as written, role, register name) of each unit, in a stable order; one per
    body and role (the first name as written), as the database holds them."""
    register = load_register()
    out: dict[tuple[str, str], Link] = {}
    for link in sorted(
        {
            (d.name, d.role, register.resolve(proven.get(d.name, d.name), text).name)
            for d in departments
        }
    ):
        out.setdefault((link[2], link[1]), link)
    return sorted(out.values())


def link_tuples(links: Iterable) -> list[Link]:
    return sorted((k.name_as_written, k.role, k.department.name) for k in links)


def store_repairs(document: m.Document, repairs: list[pt.Repair]) -> None:
    wanted = {(r.position, r.original, r.repaired, r.evidence) for r in repairs}
    current = set(
        document.repairs.values_list("position", "original", "repaired", "evidence")
    )
    if wanted != current:
        document.repairs.all().delete()
        m.Repair.objects.bulk_create(
            m.Repair(document=document, position=p, original=o, repaired=r, evidence=e)
            for p, o, r, e in sorted(wanted)
        )


def row_values(row: pt.TargetRow, sections: dict[tuple, m.Section]) -> dict:
    """A found row's source fields as the Target stores them."""
    period = row.period or (None, None)
    return {
        "section": sections.get(tuple(row.section_path)),
        "subject": row.subject[:255],
        "subjects": list(row.subjects),
        "kind": row.kind,
        "year": row.year,
        "period_start": period[0],
        "period_end": period[1],
        "comparator": row.comparator,
        "qualifier": row.qualifier,
        "binding": row.binding,
        "relation": row.relation[:128],
        "value": row.value,
        "value_max": row.value_max,
        "value_text": row.value_text[:64],
        "unit": row.unit[:32],
        "value_missing": row.value_missing,
        "value_problem": row.value_problem,
        "estimate": row.estimate,
        "text_repaired": row.text_repaired,
        "quote": row.quote,
        "duplicates": [list(span) for span in row.duplicates],
    }


def _stored(target: m.Target, name: str):
    # A section by its id: comparing the object would fetch it, one query per row.
    return target.section_id if name == "section" else getattr(target, name)


def _plain(value):
    return value.pk if isinstance(value, m.Section) else value


@dataclass
class RowCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    kept_edited: int = 0
    created_pks: list[int] = field(default_factory=list)


def store_rows(
    document: m.Document,
    rows: list[pt.TargetRow],
    sections: dict[tuple, m.Section],
    departments: Departments,
    proven: dict[str, str] | None = None,
) -> RowCounts:
    """Make the document's machine rows those found, in bulk; edited rows are kept."""
    proven = proven or {}
    text = document.text
    counts = RowCounts()
    existing = {
        (t.start, t.end): t
        for t in document.targets.filter(
            origin=m.Target.Origin.MACHINE
        ).prefetch_related("department_links__department")
    }
    seen: set[tuple[int, int]] = set()
    new: list[tuple[m.Target, list[Link]]] = []
    changed: list[m.Target] = []
    changed_fields: set[str] = set()
    relinked: list[tuple[m.Target, list[Link]]] = []
    for row in rows:
        key = (row.start, row.end)
        seen.add(key)
        values = row_values(row, sections)
        links = dept_tuples(row.departments, proven, text)
        target = existing.get(key)
        if target is None:
            target = m.Target(document=document, start=row.start, end=row.end, **values)
            target.clean()  # the span check Target.save makes
            new.append((target, links))
            continue
        if target.edited:
            counts.kept_edited += 1
            continue
        differ = [k for k, v in values.items() if _stored(target, k) != _plain(v)]
        for name in differ:
            setattr(target, name, values[name])
        if differ:
            changed.append(target)
            changed_fields.update(differ)
        relink = link_tuples(target.department_links.all()) != links
        if relink:
            relinked.append((target, links))
        if differ or relink:
            counts.updated += 1
        else:
            counts.unchanged += 1
    gone = [t.pk for key, t in existing.items() if key not in seen and not t.edited]
    if gone:
        # One by one in the database's eyes: each keeps its deletion in its history.
        m.Target.objects.filter(pk__in=gone).delete()
        counts.deleted = len(gone)
    # New rows get their history record from the refresh path once it has derived their
    # values (``refresh_documents(created=…)``): one record each, complete.
    created = [t for t, _ in new]
    insert_objects(created, ("start", "end"), document.targets.all())
    counts.created = len(created)
    counts.created_pks = [t.pk for t in created]
    if changed:
        update_with_history(changed, sorted(changed_fields))
    if relinked:
        m.TargetDepartment.objects.filter(target__in=[t for t, _ in relinked]).delete()
    wanted = [
        (target.pk, role, name, register_name)
        for target, links in [*new, *relinked]
        for name, role, register_name in links
    ]
    insert_values(
        m.TargetDepartment,
        ["target_id", "department_id", "role", "name_as_written"],
        [
            (target, department.pk, role, name)
            for (target, role, name, _), department in zip(
                wanted, departments.many(r for *_, r in wanted), strict=True
            )
        ],
    )
    if created or changed or relinked:
        bump_version()  # bulk writes send no signals: cached pages go stale here
    return counts
