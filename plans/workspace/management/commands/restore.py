"""`manage.py restore DIR`: load a backup made by `manage.py backup DIR`.

Into an empty, migrated database only (``manage.py migrate`` first): a record already
there is never overwritten or mixed with another. The file is checked against its
manifest before anything is written; the load is one transaction; afterwards every
model's row count is compared with the manifest, and any difference undoes the load.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plans import models as m
from plans.workspace.management.commands.backup import counts, sha256_file
from plans.workspace.models import ImportJob


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup DIR` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR")

    def handle(self, *args, directory: str, **options):
        source = Path(directory)
        data, manifest_path = source / "data.fulljson", source / "manifest.json"
        if not data.exists() or not manifest_path.exists():
            raise CommandError(
                f"{source} holds no backup (data.fulljson, manifest.json)"
            )
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if sha256_file(data) != manifest["sha256"]:
            raise CommandError(
                "data.fulljson does not match its manifest: not restored"
            )
        from django.contrib.auth import get_user_model

        for model in (m.SourceFile, m.Document, m.Target, ImportJob, get_user_model()):
            if model.objects.exists():
                raise CommandError(
                    f"this database already holds {model._meta.verbose_name_plural}: "
                    "restore into an empty database (run `manage.py migrate` on a new "
                    "one). Nothing was changed."
                )
        with transaction.atomic():
            call_command("loaddata", str(data), verbosity=0)
            restored = counts()
            if restored != manifest["counts"]:
                differ = {
                    k: (restored.get(k), v)
                    for k, v in manifest["counts"].items()
                    if restored.get(k) != v
                }
                raise CommandError(f"row counts differ after loading: {differ}")
        self.stdout.write(f"restored {sum(restored.values())} rows from {source}")
