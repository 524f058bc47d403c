"""Write additions into the catalogue file's text, keeping everything else as it is.

``data/catalogue.yaml`` is edited by hand, with comments and a layout of its own, so the
additions officials made in the workspace are written into the text, not by dumping a
parsed copy: an alias goes at the end of its indicator's ``aliases`` list, a new indicator
is appended to ``indicators`` as one flow-style line (the file's own style for its long
tail). Every other byte stays where it was. Positions come from PyYAML's node marks; the
result is parsed again (``parse_catalogue``) and refused if it does not hold exactly what
was added. Nothing here imports Django.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal

import yaml

from plans.pipeline.catalogue import (
    BASE_DEFINITION,
    CatalogueError,
    Indicator,
    parse_catalogue,
)

HEADER = "# added by officials in the workspace (manage.py export_catalogue)"


def _scalar(text: str, quoted: bool = False) -> str:
    """``text`` as a YAML scalar: quoted when its neighbours are (``quoted``) or when it
    would not read back as itself, plain otherwise."""
    if quoted:
        return json.dumps(text, ensure_ascii=False)
    try:
        plain_ok = yaml.safe_load(f"[{text}]") == [text]
    except yaml.YAMLError:
        plain_ok = False
    return (
        text
        if plain_ok and text.strip() == text
        else json.dumps(text, ensure_ascii=False)
    )


def _factor(value: Decimal) -> str:
    return json.dumps(format(value.normalize(), "f"))


def indicator_line(indicator: Indicator) -> str:
    """One indicator as the flow-style mapping the file's long tail is written in."""
    parts = [
        f"code: {indicator.code}",
        f"zh: {json.dumps(indicator.zh, ensure_ascii=False)}",
        f"en: {json.dumps(indicator.en, ensure_ascii=False)}",
        f"sector: {indicator.sector}",
        f"unit: {json.dumps(indicator.unit, ensure_ascii=False)}",
        f"kind: {indicator.kind}",
        f"direction: {indicator.direction}",
    ]
    if indicator.headline:
        parts.append("headline: true")
    aliases = ", ".join(json.dumps(a, ensure_ascii=False) for a in indicator.aliases)
    parts.append(f"aliases: [{aliases}]")
    others = {u: f for u, f in indicator.units.items() if u != indicator.unit}
    if others:
        units = ", ".join(
            f"{{unit: {json.dumps(u, ensure_ascii=False)}, factor: {_factor(f)}}}"
            for u, f in others.items()
        )
        parts.append(f"units: [{units}]")
    return "{" + ", ".join(parts) + "}"


def _end_of_last_line(node: yaml.Node, text: str) -> int:
    """The index just after the line on which ``node``'s last content ends."""

    def last(n: yaml.Node) -> int:
        if isinstance(n, yaml.ScalarNode) or getattr(n, "flow_style", False):
            return n.end_mark.index
        children: list[yaml.Node] = []
        for item in n.value:
            children.extend(item if isinstance(item, tuple) else (item,))
        return max((last(c) for c in children), default=n.start_mark.index)

    end = text.find("\n", last(node))
    return len(text) if end < 0 else end + 1


def _field(node: yaml.MappingNode, name: str) -> yaml.Node | None:
    return next((v for k, v in node.value if k.value == name), None)


def add_to_catalogue(
    text: str,
    *,
    indicators: Sequence[Indicator] = (),
    aliases: Mapping[str, Sequence[str]] | None = None,
    path: str = "",
) -> str:
    """``text`` with ``indicators`` appended and ``aliases`` (indicator code -> subjects)
    added to indicators the text already holds. An alias the text already gives the same
    indicator is skipped; one it gives another indicator is refused (an alias has one
    owner, and the file decides)."""
    before = parse_catalogue(text, path=path)
    aliases = {code: list(names) for code, names in (aliases or {}).items() if names}
    for code, names in aliases.items():
        if code not in before.indicators:
            raise CatalogueError(f"alias for {code!r}: no such indicator", path=path)
        for name in names:
            owner = before.aliases.get(name)
            if owner is not None and owner.indicator != code:
                raise CatalogueError(
                    f"alias {name!r} already belongs to {owner.indicator!r}; "
                    f"it cannot be given to {code!r}",
                    path=path,
                )
    for indicator in indicators:
        if indicator.code in before.indicators:
            raise CatalogueError(
                f"indicator {indicator.code!r} is already in the catalogue", path=path
            )

    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(root, yaml.MappingNode)  # parse_catalogue checked the shape
    listed = _field(root, "indicators")
    assert isinstance(listed, yaml.SequenceNode)
    edits: list[tuple[int, str]] = []  # (position, text to insert there)
    for item in listed.value:
        code_node = _field(item, "code")
        names = [
            n
            for n in aliases.get(code_node.value if code_node else "", [])
            if n not in before.aliases
        ]
        if not names:
            continue
        seq = _field(item, "aliases")
        assert isinstance(seq, yaml.SequenceNode)
        quoted = not seq.value or seq.value[-1].style == '"'  # as the list writes them
        if seq.flow_style:
            close = text.rindex("]", 0, seq.end_mark.index)
            sep = ", " if seq.value else ""
            edits.append((close, sep + ", ".join(_scalar(n, quoted) for n in names)))
        else:
            indent = " " * seq.start_mark.column
            lines = "".join(f"{indent}- {_scalar(n, quoted)}\n" for n in names)
            edits.append((_end_of_last_line(seq, text), lines))
    if indicators:
        indent = " " * listed.start_mark.column
        block = f"\n{indent}{HEADER}\n" + "".join(
            f"{indent}- {indicator_line(i)}\n" for i in indicators
        )
        at = _end_of_last_line(listed, text)
        if at == len(text) and not text.endswith("\n"):
            block = "\n" + block
        edits.append((at, block))
    out = text
    for position, insert in sorted(edits, key=lambda e: e[0], reverse=True):
        out = out[:position] + insert + out[position:]

    after = parse_catalogue(out, path=path)
    for indicator in indicators:
        if indicator.code not in after.indicators:
            raise CatalogueError(f"{indicator.code!r} was not written", path=path)
    expected = {
        name: code
        for code, names in aliases.items()
        for name in names
        if name not in before.aliases
    } | {name: i.code for i in indicators for name in i.aliases}
    for name, code in expected.items():
        target = after.aliases.get(name)
        if target is None or (target.indicator, target.definition) != (
            code,
            BASE_DEFINITION,
        ):
            raise CatalogueError(
                f"alias {name!r} was not written for {code!r}", path=path
            )
    return out
