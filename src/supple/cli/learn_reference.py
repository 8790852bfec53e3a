"""``supple learn reference``: the background behind the routine, read from the catalog.

People stick to a routine, and stop at the right moment, when they know which muscles
are often involved, which everyday causes feed the pain and which safety rules matter.
The content is built once as plain data so the terminal view and ``--json`` can never
disagree; the terminal view only lays that data out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supple.catalog.loader import Catalog

SECTIONS: dict[str, str] = {
    "muscles": "Muscles",
    "causes": "Causes and conditions",
    "principles": "Safety principles",
}
# Friendly spellings people are likely to type for a whole section.
SECTION_ALIASES: dict[str, str] = {"conditions": "causes", "safety": "principles"}
NOT_A_DIAGNOSIS = (
    "These entries explain what is often involved and why; they are not a diagnosis. "
    "Pain that persists, spreads down a leg or comes with numbness or weakness needs "
    "a professional assessment."
)
Entry = dict[str, Any]


def _lead(text: str) -> str:
    """The first sentence, so the overview stays at a line or two per entry."""
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]


def _sources(catalog: Catalog, files: Iterable[str]) -> list[dict[str, str]]:
    """Article file names with their titles, so a reader can find the source."""
    return [
        {"file": name, "title": article.title if article else ""}
        for name in files
        for article in [catalog.articles.get(name)]
    ]


def _muscle(catalog: Catalog, muscle_id: str) -> Entry:
    muscle = catalog.muscles[muscle_id]
    entry: Entry = {"type": "muscle", **muscle.model_dump(mode="json")}
    entry["sources"] = _sources(catalog, muscle.sources)
    return entry


def _condition(catalog: Catalog, condition_id: str) -> Entry:
    condition = catalog.conditions[condition_id]
    entry: Entry = {"type": "condition", **condition.model_dump(mode="json")}
    entry["muscles"] = [{"id": m, "name": catalog.muscles[m].name} for m in condition.muscles]
    entry["sources"] = _sources(catalog, condition.sources)
    return entry


def _principle(catalog: Catalog, principle_id: str) -> Entry:
    principle = catalog.principles[principle_id]
    entry: Entry = {"type": "principle", **principle.model_dump(mode="json")}
    entry["sources"] = _sources(catalog, principle.sources)
    return entry


def _ordered_conditions(catalog: Catalog) -> list[str]:
    """Everyday causes first: they are what a reader can change today."""
    return sorted(catalog.conditions, key=lambda c: catalog.conditions[c].kind != "cause")


def overview(catalog: Catalog) -> Entry:
    """One or two lines per entry and the ids to ask about next."""
    muscles = [
        {"id": m.id, "name": m.name, "group": m.group, "summary": _lead(m.relevance)}
        for m in catalog.muscles.values()
    ]
    causes = [
        {
            "id": c.id,
            "name": c.name,
            "kind": c.kind,
            "summary": _lead(c.about),
        }
        for c in (catalog.conditions[i] for i in _ordered_conditions(catalog))
    ]
    principles = [
        {"id": p.id, "name": p.title, "summary": p.rule} for p in catalog.principles.values()
    ]
    return {
        "type": "overview",
        "note": NOT_A_DIAGNOSIS,
        "muscles": muscles,
        "causes": causes,
        "principles": principles,
        "topics": [*SECTIONS, *catalog.muscles, *catalog.conditions, *catalog.principles],
    }


def section(catalog: Catalog, name: str) -> Entry:
    """Every entry of one section in full."""
    if name == "muscles":
        entries = [_muscle(catalog, m) for m in catalog.muscles]
    elif name == "causes":
        entries = [_condition(catalog, c) for c in _ordered_conditions(catalog)]
    else:
        entries = [_principle(catalog, p) for p in catalog.principles]
    return {"type": "section", "id": name, "title": SECTIONS[name], "entries": entries}


def topic_ids(catalog: Catalog) -> list[str]:
    """Everything ``supple learn TOPIC`` accepts, in the order the overview lists them."""
    return [*SECTIONS, *SECTION_ALIASES, *catalog.muscles, *catalog.conditions, *catalog.principles]


def named(catalog: Catalog, word: str) -> list[str]:
    """Ids whose display name contains ``word`` as a whole word, such as "QL"."""
    wanted = word.strip().lower()
    titles = {
        **{m.id: m.name for m in catalog.muscles.values()},
        **{c.id: c.name for c in catalog.conditions.values()},
        **{p.id: p.title for p in catalog.principles.values()},
    }
    return [
        key for key, title in titles.items() if wanted in re.findall(r"[a-z0-9]+", title.lower())
    ]


def content(catalog: Catalog, topic: str | None) -> Entry | None:
    """The data for a topic, or None when the topic names nothing."""
    if topic is None:
        return overview(catalog)
    key = SECTION_ALIASES.get(topic, topic)
    if key in SECTIONS:
        return section(catalog, key)
    for records, build in (
        (catalog.muscles, _muscle),
        (catalog.conditions, _condition),
        (catalog.principles, _principle),
    ):
        if key in records:
            return build(catalog, key)
    return None


def render_reference(out: Any, data: Entry) -> None:
    """Lay the content out for a terminal; rich objects are built here, never at import."""
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    if data["type"] == "overview":
        out.print(Text("Learn: muscles, causes and safety principles", style="bold"))
        out.print(Text(data["note"], style="dim"))
        for key, title in SECTIONS.items():
            out.print()
            out.print(Rule(Text(title, style="bold"), align="left"))
            for item in data[key]:
                tag = item.get("group", item.get("kind", "")).replace("-", " ")
                out.print(
                    Text.assemble(
                        (item["name"], "bold"),
                        "  ",
                        (item["id"], "cyan"),
                        (f"  {tag}" if tag else "", "dim"),
                    )
                )
                out.print(Padding(Text(item["summary"]), (0, 0, 0, 2), expand=False))
            ids = ", ".join(item["id"] for item in data[key])
            out.print(Text.assemble(("Topics: ", "dim"), (ids, "cyan")))
        out.print()
        out.print(
            Text("Run `supple learn TOPIC` for a full entry, e.g. `supple learn piriformis`.")
        )
    elif data["type"] == "section":
        out.print(Text(data["title"], style="bold"))
        for entry in data["entries"]:
            out.print()
            _render_entry(out, entry)
        if data["id"] == "causes":
            out.print()
            out.print(Text(NOT_A_DIAGNOSIS, style="dim"))
    else:
        _render_entry(out, data)
        if data["type"] == "condition":
            out.print()
            out.print(Text(NOT_A_DIAGNOSIS, style="dim"))


def _render_entry(out: Any, entry: Entry) -> None:
    """One full entry: a heading, labelled fields and the articles it draws on."""
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    kind = entry["type"] if entry["type"] != "condition" else entry["kind"]
    title = entry.get("name") or entry["title"]
    out.print(Rule(Text.assemble((title, "bold"), "  ", (f"{kind} · {entry['id']}", "cyan"))))
    rows: list[tuple[str, str | list[str]]]
    if entry["type"] == "muscle":
        rows = [
            ("Group", entry["group"].replace("-", " ")),
            ("Where", entry["location"]),
            ("What it does", entry["does"]),
            ("Why it matters", entry["relevance"]),
        ]
    elif entry["type"] == "condition":
        rows = [
            ("About", entry["about"]),
            ("Often noticed", entry["signs"]),
            ("Self-care", entry["self_care"]),
            ("Get assessed", entry["see_someone"]),
            (
                "Muscles often involved",
                ", ".join(f"{m['name']} ({m['id']})" for m in entry["muscles"]),
            ),
        ]
    else:
        rows = [("Rule", entry["rule"]), ("Why", entry["why"])]
    sources = [f"{s['file']} — {s['title']}" if s["title"] else s["file"] for s in entry["sources"]]
    rows.append(("Sources", sources))
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, value in rows:
        if not value:
            continue
        if isinstance(value, str):
            table.add_row(label, Text(value))
            continue
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(no_wrap=True)
        bullets.add_column()
        for line in value:
            bullets.add_row("•", Text(line))
        table.add_row(label, bullets)
    out.print(table)
