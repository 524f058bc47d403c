"""The data model: regions, source files, the documents found in them, and target rows.

A target row keeps what the source says (value as written, unit as written, the quote and its
character span) beside what we derived (decimal value, indicator, normalised value), so that
nothing derived can hide what was written. Only ``plans.importer`` (and officials through the
workspace) write rows.

Split by concern into ``documents``, ``departments``, ``catalogue`` and ``targets``; every
model is imported here, so ``plans.models.X`` (and the migrations) name them as before.
"""

from plans.models.catalogue import (
    CatalogueState,
    Indicator,
    Sector,
    SubjectAlias,
)
from plans.models.departments import (
    Department,
    DepartmentLink,
    Role,
    SectionDepartment,
)
from plans.models.documents import (
    Document,
    DocumentQuerySet,
    Region,
    Repair,
    Section,
    SourceFile,
)
from plans.models.targets import (
    Target,
    TargetDepartment,
    TargetQuerySet,
)

__all__ = [
    "Region",
    "SourceFile",
    "DocumentQuerySet",
    "Document",
    "Section",
    "Department",
    "Role",
    "DepartmentLink",
    "SectionDepartment",
    "Sector",
    "CatalogueState",
    "Indicator",
    "TargetQuerySet",
    "Target",
    "TargetDepartment",
    "Repair",
    "SubjectAlias",
]
