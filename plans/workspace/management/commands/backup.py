"""`manage.py backup DIR`: the whole record and the stored uploads, to restore elsewhere.

Writes ``DIR/data.fulljson`` (every row of the plans and workspace apps, their history, users
and groups: Django's own serialisation, with permissions by natural key) and
``DIR/manifest.json`` (rows per model, the file's SHA-256, the last migration of each app).
Uploaded originals live in the database (``ImportJob.data``, and each file's text in
``SourceFile``), so they are in ``data.fulljson`` too. ``manage.py restore DIR`` reads it back.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.recorder import MigrationRecorder

# What a backup holds: every model of these apps, and these models of others.
APPS = ["plans", "workspace"]
MODELS = ["auth.group", "auth.user"]


def backed_up_models() -> list:
    models = [m for label in APPS for m in apps.get_app_config(label).get_models()]
    return models + [apps.get_model(label) for label in MODELS]


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in backed_up_models()}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def last_migrations() -> dict[str, str]:
    applied = MigrationRecorder.Migration.objects.filter(app__in=[*APPS, "auth"])
    out: dict[str, str] = {}
    for app, name in applied.order_by("app", "name").values_list("app", "name"):
        out[app] = name
    return out


class Command(BaseCommand):
    help = (
        "Back up the record and the stored uploads to DIR (restore with `restore DIR`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")

    def handle(self, *args, directory: str, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        data = target / "data.fulljson"
        if data.exists():
            raise CommandError(f"{data} exists: back up into a new directory")
        call_command(
            "dumpdata",
            *APPS,
            *MODELS,
            natural_foreign=True,
            format="fulljson",
            output=str(data),
            verbosity=0,
        )
        manifest = {
            "format": 1,
            "sha256": sha256_file(data),
            "counts": counts(),
            "migrations": last_migrations(),
        }
        (target / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        total = sum(manifest["counts"].values())
        self.stdout.write(f"backed up {total} rows to {target}")
