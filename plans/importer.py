"""Load: the only step of the text pipeline that writes to the database.

``import_source`` decodes a file, runs the pure pipeline over its text, and stores the file,
its documents, sections, repairs and machine-made rows in one transaction. Running it twice on
the same bytes changes nothing; running it after the extractor improved updates machine-made
rows in place and never touches a row an official edited or added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import InvalidOperation
from pathlib import Path

from django.db import DataError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from plans import models as m
from plans.catalogue_db import current_catalogue, mirror_catalogue
from plans.import_rows import (
    Departments,
    canonical_department,
    department_for,
    dept_tuples,
    store_repairs,
    store_rows,
)
from plans.mappings import official_catalogue
from plans.pipeline import catalogue as cat
from plans.pipeline import provenance
from plans.pipeline import types as pt
from plans.pipeline.decode import (
    DecodedSource,
    SourceError,
    decode_source,
    text_fingerprint,
)
from plans.pipeline.run import process_text
from plans.pipeline.shown_titles import shown_title
from plans.refresh import refresh_documents
from plans.sections import store_sections

__all__ = [  # the importer's API, and what it re-exports from plans.import_rows
    "ImportSummary",
    "canonical_department",
    "catalogue_once",
    "department_for",
    "import_bytes",
    "import_path",
    "import_text",
    "set_document_year",
]

# Known parents, so that a region found in a text lands in the right place of the tree.
INNER_MONGOLIA = "内蒙古自治区"

Progress = Callable[[str, int], None]


@dataclass
class ImportSummary:
    """What an import did, truthfully: counts of what was created, updated, left alone."""

    name: str
    status: str = "unchanged"  # created | updated | unchanged
    documents: list[str] = field(default_factory=list)
    rows_created: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_deleted: int = 0
    rows_kept_edited: int = 0
    rows_mapped: int = 0
    # documents kept as drafts although publishing was asked: no year is known for them
    kept_draft_without_year: list[str] = field(default_factory=list)
    # ids of the documents this import created (the command line may publish them)
    created_documents: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    def describe(self) -> str:
        docs = "; ".join(self.documents) or "no plan documents found"
        if self.kept_draft_without_year:
            docs += (
                "; kept as draft, not published: no year is known for "
                + ", ".join(f"“{t}”" for t in self.kept_draft_without_year)
                + " (an official enters it in the workspace)"
            )
        if self.status == "unchanged":
            return f"{self.name}: already imported, nothing changed ({docs})"
        return (
            f"{self.name}: {self.status} — {docs}; rows: {self.rows_created} new, "
            f"{self.rows_updated} updated, {self.rows_unchanged} unchanged, "
            f"{self.rows_deleted} removed, {self.rows_kept_edited} edited by officials kept; "
            f"{self.rows_mapped} mapped to indicators"
        )


def catalogue_once() -> cat.Catalogue:
    """What a command that imports many files reads once for all of them: the catalogue
    file, mirrored into the tables when it changed, with the indicators and aliases
    officials added (pass it to each import as ``catalogue``)."""
    mirror_catalogue()
    return official_catalogue(current_catalogue())


def import_path(path: Path | str, **kwargs) -> ImportSummary:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(
            "unreadable", f"cannot read the file: {error.strerror}"
        ) from error
    return import_bytes(data, name=path.name, **kwargs)


def import_bytes(
    data: bytes,
    *,
    name: str,
    publish: bool = False,
    user=None,
    progress: Progress | None = None,
    catalogue: cat.Catalogue | None = None,
) -> ImportSummary:
    """Import one file's bytes atomically; raise ``SourceError`` and change nothing if bad.

    ``catalogue``: the one a command read once for all its files (``catalogue_once``);
    by default the import mirrors the file's catalogue itself."""
    report = progress or (lambda stage, percent: None)
    report("decode", 5)
    decoded = decode_source(data)
    return _import_decoded(
        decoded,
        name=name,
        publish=publish,
        user=user,
        report=report,
        catalogue=catalogue,
    )


def import_text(
    text: str,
    *,
    name: str,
    sha256: str,
    size: int,
    encoding: str,
    publish: bool = False,
    user=None,
    progress: Progress | None = None,
    catalogue: cat.Catalogue | None = None,
) -> ImportSummary:
    """Import text already read from a file (.docx, PDF, or a stored source's text).

    ``sha256`` and ``size`` are those of the file's bytes as uploaded, so the same upload is
    recognised again; ``encoding`` records how the text was read ("docx", "pdf", "gb18030").
    """
    report = progress or (lambda stage, percent: None)
    if not text.strip():
        raise SourceError("empty", "the file is empty (no text in it)")
    decoded = DecodedSource(text=text, encoding=encoding, sha256=sha256, size=size)
    return _import_decoded(
        decoded,
        name=name,
        publish=publish,
        user=user,
        report=report,
        catalogue=catalogue,
    )


def _import_decoded(
    decoded, *, name, publish, user, report, catalogue=None
) -> ImportSummary:
    # A whole file already stored in another form is refused before any extraction.
    refuse_duplicates(decoded, [])
    report("segment", 15)
    results = process_text(decoded.text, entered_years(decoded.sha256))
    report("extract", 60)
    if not results:
        raise SourceError(
            "no_documents",
            "no plan, work report or task division of a government was found in the text",
        )
    for document, _rows in results:
        if not document.region:
            raise SourceError(
                "unknown_region",
                f"the document “{document.title[:40]}” does not say which region it is for",
            )
    report("store", 75)
    try:
        summary = _store(
            decoded, results, name=name, publish=publish, user=user, catalogue=catalogue
        )
    except (DataError, InvalidOperation) as error:
        # A value the database cannot hold that no check above caught: the transaction
        # is rolled back, and the reason is said in words, never as a raw exception.
        raise SourceError(
            "unstorable",
            "a number in the file could not be stored (too many digits for the "
            f"record: {type(error).__name__}); nothing was changed",
        ) from error
    report("done", 100)
    return summary


def duplicate_error(document: m.Document) -> SourceError:
    """The refusal of a text already stored as ``document``, naming it and its page."""
    url = reverse("workspace:document", args=[document.pk])
    title = document.title_shown or document.title
    return SourceError(
        "duplicate_text",
        f"the same text (in another encoding, Unicode form, line ends or spacing) is "
        f"already stored as document {document.pk} “{title}” from the file "
        f"“{document.source.name}” ({url})",
        ref={
            "id": document.pk,
            "title": title,
            "file": document.source.name,
            "url": url,
        },
    )


def refuse_duplicates(decoded: DecodedSource, spans: Iterable[tuple[int, int]]) -> None:
    """Raise ``SourceError("duplicate_text")`` when another stored file holds the same
    text, or any of the documents at ``spans`` of it, after normalisation (encoding,
    NFKC, line ends, whitespace). The same bytes again are not a duplicate: they are
    re-imported (idempotently)."""
    others = m.Document.objects.exclude(source__sha256=decoded.sha256).select_related(
        "source"
    )
    same_file = (
        m.SourceFile.objects.filter(text_hash=text_fingerprint(decoded.text))
        .exclude(sha256=decoded.sha256)
        .first()
    )
    if same_file is not None:
        document = others.filter(source=same_file).order_by("start").first()
        if document is not None:
            raise duplicate_error(document)
    hashes = {text_fingerprint(decoded.text[start:end]) for start, end in spans}
    document = others.filter(text_hash__in=hashes).order_by("pk").first()
    if document is not None:
        raise duplicate_error(document)


@transaction.atomic
def _store(decoded, results, *, name, publish, user, catalogue) -> ImportSummary:
    summary = ImportSummary(name=name)
    departments = Departments()  # read once per import (its transaction)
    created_pks: list[int] = []
    refuse_duplicates(decoded, [(found.start, found.end) for found, _rows in results])
    source, created = m.SourceFile.objects.get_or_create(
        sha256=decoded.sha256,
        defaults={
            "name": name,
            "encoding": decoded.encoding,
            "size": decoded.size,
            "text": decoded.text,
            "text_hash": text_fingerprint(decoded.text),
            "imported_by": user,
        },
    )
    if created:
        summary.status = "created"
    else:
        _update_fields(source, {"text_hash": text_fingerprint(source.text)})
    # Years whose rows may go: their groups in other documents are refreshed too.
    years_before = set(
        m.Target.objects.filter(document__source=source).values_list("year", flat=True)
    )
    for found, rows in results:
        document, doc_status = _store_document(source, found, publish=publish)
        if doc_status != "unchanged" and summary.status == "unchanged":
            summary.status = "updated"
        if doc_status == "created":
            summary.created_documents.append(document.pk)
        proven = _proven_names(decoded.text, found)
        sections = _store_sections(document, found.sections, proven, departments)
        store_repairs(document, found.repairs)
        counts = store_rows(document, rows, sections, departments, proven)
        summary.rows_created += counts.created
        summary.rows_updated += counts.updated
        summary.rows_unchanged += counts.unchanged
        summary.rows_deleted += counts.deleted
        summary.rows_kept_edited += counts.kept_edited
        created_pks += counts.created_pks
        year = found.year or "?"
        if (
            publish
            and found.year is None
            and document.status != m.Document.Status.PUBLISHED
        ):
            summary.kept_draft_without_year.append(found.title[:40] or name)
        summary.documents.append(f"{found.region} {year} {document.get_kind_display()}")
    # Every derived value through the one refresh path (plans.refresh).
    mapping = refresh_documents(
        source.documents.values_list("pk", flat=True),
        user=user,
        years=years_before,
        catalogue=catalogue,
        created=created_pks,
    )
    summary.rows_mapped = mapping.mapped
    changed_rows = summary.rows_created + summary.rows_updated + summary.rows_deleted
    changed_rows += mapping.changed
    if changed_rows and summary.status == "unchanged":
        summary.status = "updated"
    return summary


def entered_years(sha256: str) -> dict[tuple[int, int], int]:
    """Years officials entered for documents of a stored source, by the document's span."""
    return {
        (d.start, d.end): d.year
        for d in m.Document.objects.filter(
            source__sha256=sha256, year_source=m.Document.YearSource.ENTERED
        ).exclude(year=None)
    }


@transaction.atomic
def set_document_year(document_pk: int, year: int, user) -> ImportSummary:
    """An official enters the year of a document whose text gives none.

    Recorded in the document's history; its rows then take their years from it through
    the import itself (the pipeline run again over the stored source, told the year), so
    a row's year is derived in one place only.
    """
    document = m.Document.objects.select_for_update().get(pk=document_pk)
    if document.year_source in (
        m.Document.YearSource.STATED,
        m.Document.YearSource.INFERRED,
    ):
        raise ValueError("the text itself gives this document's year")
    document.year = year
    document.year_source = m.Document.YearSource.ENTERED
    document.year_evidence = [pt.YEAR_ENTERED_EVIDENCE]
    document._history_user = user
    document._change_reason = f"year entered by an official: {year}"
    document.save()
    source = document.source
    return import_text(
        source.text,
        name=source.name,
        sha256=source.sha256,
        size=source.size,
        encoding=source.encoding,
        user=user,
    )


def region_for(name: str, parent_name: str | None = None) -> m.Region:
    parent = region_for(parent_name) if parent_name and parent_name != name else None
    region, _ = m.Region.objects.get_or_create(
        name=name,
        defaults={
            "slug": slugify(name, allow_unicode=True),
            "parent": parent,
            "level": _level_of(name),
        },
    )
    return region


def _level_of(name: str) -> str:
    if name.endswith(("省", "自治区")) or name in {
        "北京市",
        "天津市",
        "上海市",
        "重庆市",
    }:
        return m.Region.Level.PROVINCE
    if name.endswith(("县", "旗", "区")):
        return m.Region.Level.COUNTY
    if name.endswith(("市", "盟", "州")):
        return m.Region.Level.PREFECTURE
    return m.Region.Level.UNKNOWN


def _store_document(source, found: pt.Document, *, publish: bool):
    # The document's own head first, then what precedes it in the file (a web page's
    # header: 发布机构, 信息来源).
    head = source.text[found.start : found.start + provenance.HEAD]
    before = source.text[max(0, found.start - provenance.HEAD) : found.start]
    values = {
        "region": region_for(found.region, found.parent_region),
        "kind": found.kind,
        "year": found.year,
        "year_source": found.year_source,
        "year_evidence": list(found.year_evidence),
        "title": found.title[:255],
        "title_shown": shown_title(found.title[:255], found.year, found.year_source),
        "issued": found.issued[:32],
        "unrepaired_masks": list(found.unrepaired_masks),
        "text_hash": text_fingerprint(source.text[found.start : found.end]),
    }
    # Only what the text says; an empty finding never clears what an official entered.
    found_issuer = provenance.issuer(head) or provenance.issuer(before)
    found_url = provenance.source_url(head) or provenance.source_url(before)
    if found_issuer:
        values["issuer"] = found_issuer[:128]
    if found_url:
        values["source_url"] = found_url[:500]
    document = m.Document.objects.filter(
        source=source, start=found.start, end=found.end
    ).first()
    if document is None:
        # A document without a year is never published: an official enters it first.
        publish = publish and found.year is not None
        status = m.Document.Status.PUBLISHED if publish else m.Document.Status.DRAFT
        document = m.Document.objects.create(
            source=source,
            start=found.start,
            end=found.end,
            status=status,
            published_at=timezone.now() if publish else None,
            **values,
        )
        return document, "created"
    return document, _update_fields(document, values)


def _update_fields(instance, values: dict) -> str:
    changed = [k for k, v in values.items() if getattr(instance, k) != v]
    if not changed:
        return "unchanged"
    for key in changed:
        setattr(instance, key, values[key])
    instance.save()
    return "updated"


def _proven_names(text: str, found: pt.Document) -> dict[str, str]:
    """Units' names as written → the name with its masks restored, where the document's
    repairs (``pipeline.repair``: proven from the text itself) cover every mask in it."""
    repaired = {r.position: r.repaired for r in found.repairs}
    refs = [d for s in found.sections for d in s.departments]
    out: dict[str, str] = {}
    for ref in refs:
        if (
            "*" not in ref.name
            or ref.start < 0
            or text[ref.start : ref.end] != ref.name
        ):
            continue
        chars = [
            repaired.get(ref.start + i, c) if c == "*" else c
            for i, c in enumerate(ref.name)
        ]
        if "*" not in chars:
            out[ref.name] = "".join(chars)
    return out


def _store_sections(
    document, sections: list[pt.Section], proven: dict[str, str], departments
) -> dict[tuple, m.Section]:
    """Sections survive re-extraction (``plans.sections``): rows and history keep theirs."""
    text = document.text
    return store_sections(
        document,
        sections,
        lambda s: dept_tuples(s.departments, proven, text),
        departments,
    )
