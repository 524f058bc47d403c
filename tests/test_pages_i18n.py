"""The English catalogue is complete and compiled: every UI string has its English."""

import re
from pathlib import Path

import pytest
from django.utils import translation

PO = (
    Path(__file__).resolve().parent.parent
    / "locale"
    / "en"
    / "LC_MESSAGES"
    / "django.po"
)


def entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        fields = {}
        for key, value in re.findall(
            r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)+)',
            block + "\n",
            re.M,
        ):
            fields[key] = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', value)).replace(
                '\\"', '"'
            )
        if fields.get("msgid"):
            yield fields


def test_every_message_has_an_english_translation():
    untranslated = [
        e["msgid"] for e in entries() if not (e.get("msgstr") or e.get("msgstr[0]"))
    ]
    assert untranslated == []


def test_no_translation_is_left_fuzzy():
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8").split("\n\n", 1)[1]


@pytest.mark.parametrize("entry", list(entries()), ids=lambda e: e["msgid"][:20])
def test_the_compiled_catalogue_matches_the_po_file(entry):
    with translation.override("en"):
        if "msgid_plural" in entry:
            shown = translation.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            assert shown == entry["msgstr[0]"]
        elif "msgctxt" in entry:
            assert (
                translation.pgettext(entry["msgctxt"], entry["msgid"])
                == entry["msgstr"]
            )
        else:
            assert translation.gettext(entry["msgid"]) == entry["msgstr"]
