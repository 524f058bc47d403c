"""The department register (``data/departments.yaml``): one body, every name it goes by.

``resolve(name, text)`` turns a unit's name as written into its register entry:

- the name as written, without spaces and brackets, is looked up among register names and
  aliases; a municipal body may be written without its leading 市 or with the city's name
  (人社局 = 市人社局 = 通辽市人社局);
- a masked name (财*局) is resolved only when the document's own text proves it: exactly
  one register body has a name fitting the mask, and that name appears unmasked in the text.
  Otherwise it stays as written, mask visible (``Resolution.masked``);
- a name the register does not know is kept as written (``Resolution.entry`` is None).

Pure Python; nothing here imports Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "departments.yaml"
MASKS = "*＊"
CITY_PREFIXES = ("通辽市", "包头市")


class RegisterError(ValueError):
    """A register that cannot be used (duplicate name, missing field)."""


@dataclass(frozen=True)
class Entry:
    name: str  # the register name
    en: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Resolution:
    written: str  # as written (spaces and brackets removed)
    name: str  # the register name, or the name as written when unknown or masked
    entry: Entry | None
    masked: bool  # the name still carries a mask the text does not resolve
    evidence: str = ""  # for a resolved mask: why


@dataclass
class Register:
    entries: list[Entry]
    by_name: dict[str, Entry]

    def lookup(self, name: str) -> Entry | None:
        for form in _forms(name):
            if form in self.by_name:
                return self.by_name[form]
        return None

    def resolve(self, written: str, text: str = "") -> Resolution:
        """The register entry of a unit's name as written; see the module doc."""
        name = tidy(written)
        if not any(mask in name for mask in MASKS):
            entry = self.lookup(name)
            return Resolution(name, entry.name if entry else name, entry, False)
        fitting: dict[str, set[str]] = {}
        for known, entry in self.by_name.items():
            for form in _forms(name):
                candidate = re.compile(
                    "".join("[^*＊]" if c in MASKS else re.escape(c) for c in form)
                )
                if candidate.fullmatch(known):
                    fitting.setdefault(entry.name, set()).add(known)
        if len(fitting) == 1:
            (register_name, names), *_ = fitting.items()
            # 市财政局 proves 财*局, and so does 财政局 written without the 市.
            spelled = names | {
                n[1:] for n in names if n.startswith("市") and len(n) > 3
            }
            proof = sorted(n for n in spelled if n in text)
            if proof:
                entry = self.by_name[register_name]
                return Resolution(
                    name,
                    entry.name,
                    entry,
                    False,
                    f"“{proof[0]}” is written unmasked in the same document",
                )
        return Resolution(name, name, None, True)


def tidy(name: str) -> str:
    """A name without spaces and surrounding brackets."""
    return "".join(name.split()).strip("（）()")


def _forms(name: str) -> list[str]:
    """The forms a municipal body's name may take: as written, with 市, without the city."""
    forms = [name]
    for city in CITY_PREFIXES:
        if name.startswith(city) and len(name) > len(city):
            forms.append("市" + name[len(city) :])
    if not name.startswith("市"):
        forms.append("市" + name)
    return forms


def parse_register(text: str) -> Register:
    # libyaml's parser when PyYAML has it, as the lexicon and catalogue are read.
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    entries: list[Entry] = []
    by_name: dict[str, Entry] = {}
    for item in data.get("departments") or []:
        if not isinstance(item, dict) or "name" not in item or "en" not in item:
            raise RegisterError(f"a department needs a name and an en: {item!r}")
        entry = Entry(
            name=tidy(str(item["name"])),
            en=str(item["en"]),
            aliases=tuple(tidy(str(a)) for a in item.get("aliases") or ()),
        )
        for name in entry.names:
            if any(mask in name for mask in MASKS):
                raise RegisterError(f"{entry.name}: a register name is never masked")
            if name in by_name:
                raise RegisterError(
                    f"{name!r} is listed for {by_name[name].name} and {entry.name}"
                )
            by_name[name] = entry
        entries.append(entry)
    return Register(entries, by_name)


@lru_cache(maxsize=4)
def load_register(path: str | Path = DEFAULT_PATH) -> Register:
    return parse_register(Path(path).read_text(encoding="utf-8"))
