"""Command-line imports follow the review states of uploads (issue 14, item 8): new
documents are drafts that cannot be published while rows need a decision; `--publish`
accepts those rows explicitly in the command's name, recorded in history, so a document
published that way can be withdrawn and published again."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from plans import models as m
from plans.publishing import (
    ACCEPTED_BY_COMMAND,
    PublishRefused,
    needing_decision,
    set_published,
)
from tests.conftest import ROOT, SEED_FILES

SEED = SEED_FILES[2]


def test_a_command_import_is_a_draft_that_cannot_be_published_past_its_flags(
    db, client
):
    out = io.StringIO()
    call_command("import_sources", str(SEED), stdout=out)
    document = m.Document.objects.get()
    assert document.status == m.Document.Status.DRAFT
    assert "kept as drafts for review" in out.getvalue()
    pending = needing_decision(document).count()
    assert pending > 0, "the seed has rows that need a decision"
    with pytest.raises(PublishRefused):
        set_published(document.pk, True, None)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_publish_accepts_in_the_commands_name_and_can_be_published_again(db, client):
    out = io.StringIO()
    call_command("import_sources", "--publish", str(SEED), stdout=out)
    document = m.Document.objects.get()
    assert document.status == m.Document.Status.PUBLISHED
    assert client.get(document.get_absolute_url()).status_code == 200
    accepted = int(
        re.search(r"(\d+) row\(s\) that needed a decision", out.getvalue())[1]
    )
    assert accepted > 0
    assert needing_decision(document).count() == 0
    reasons = m.Target.history.filter(
        document_id=document.pk,
        history_change_reason=ACCEPTED_BY_COMMAND
        + "manage.py import_sources --publish",
    )
    assert reasons.count() == accepted
    assert set(reasons.values_list("history_user", flat=True)) == {None}
    assert set(reasons.values_list("reviewed_by", flat=True)) == {None}
    # Withdrawn and published again (it could not be before: 406 undecided rows).
    set_published(document.pk, False, None)
    assert set_published(document.pk, True, None).status == m.Document.Status.PUBLISHED
    # A second run changes nothing and never republishes what an official withdrew.
    set_published(document.pk, False, None)
    call_command("import_sources", "--publish", str(SEED), stdout=io.StringIO())
    document.refresh_from_db()
    assert document.status == m.Document.Status.DRAFT


def test_make_seed_publishes_the_seeds_explicitly():
    """`make run` shows the seeds to the public: its import says --publish."""
    makefile = Path(ROOT / "Makefile").read_text(encoding="utf-8")
    seed = makefile[makefile.index("\nseed:") :].split("\n\n")[0]
    assert "manage.py import_sources --publish data/sources/*.txt" in seed
