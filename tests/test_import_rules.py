"""The import rules (plans/import_rules.py) hold for the app and catch each kind of break."""

from __future__ import annotations

from pathlib import Path

from plans import import_rules


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_app_keeps_its_import_rules():
    assert import_rules.check() == []


def test_each_rule_catches_its_break(tmp_path):
    root = _tree(
        tmp_path,
        {
            "plans/__init__.py": "",
            "plans/pipeline/__init__.py": "",
            "plans/pipeline/ok.py": "import re\nfrom plans.pipeline import types\n",
            "plans/pipeline/bad.py": "def f():\n    from django.db import models\n",
            "plans/pipeline/app.py": "from plans import models\n",
            "plans/queries.py": "from django.urls import reverse\n",
            "plans/compare.py": "from . import views\n",
            "plans/views.py": "from plans.workspace.history import x\n",
            "plans/tables.py": "from plans import workspace\n",
            "plans/workspace/__init__.py": "",
            "plans/workspace/views.py": "from plans.workspace import forms\n",
            "plans/migrations/0001_initial.py": "import django.db\n",
        },
    )
    found = {(v.path, v.rule) for v in import_rules.check(root)}
    assert found == {
        ("plans/pipeline/bad.py", "the pipeline imports no Django"),
        (
            "plans/pipeline/app.py",
            "the pipeline imports nothing of the app outside it",
        ),
        (
            "plans/queries.py",
            "query modules import nothing from views, django.http, django.urls",
        ),
        (
            "plans/compare.py",
            "query modules import nothing from views, django.http, django.urls",
        ),
        ("plans/views.py", "the public app never imports the workspace"),
        ("plans/tables.py", "the public app never imports the workspace"),
    }
