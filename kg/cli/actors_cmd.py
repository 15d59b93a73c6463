"""`kg actors [NAME]`: how a name resolves in the actor dictionary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # the dictionary is loaded by this command only, not at every command's start
    from kg.actors import ActorDictionary, DictActor


def _actor_table(actor: DictActor, how: str, dictionary: ActorDictionary) -> Table:
    table = Table(title=f"{actor.id}  ({actor.type}; {how})", show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value")
    country = dictionary.actors.get(actor.country) if actor.country else None
    rows = [
        ("English", actor.name_en),
        ("简体", actor.name_zh_hans),
        ("繁體", actor.name_zh_hant),
        ("aliases", ", ".join(actor.aliases)),
        ("short forms", ", ".join(actor.short_aliases)),
        ("side forms", ", ".join(actor.side_forms)),
        ("adjectives", ", ".join(actor.adjectives)),
        ("in context only", ", ".join(actor.context_only_aliases)),
        ("country", f"{country.name_en} ({country.id})" if country else actor.country),
        ("titles", "\n".join(f"{zh} / {en}" + (f" (as of {y})" if y else "") for zh, en, y in actor.titles)),
    ]
    for field, value in rows:
        if value:
            table.add_row(field, value)
    return table


def actors(
    name: Annotated[str | None, typer.Argument(help="A name in any script: 習近平, Wang Yi, 柬方")] = None,
) -> None:
    """Show how a name resolves: id, type, names in every script, aliases, country, titles."""
    from kg.actors import ActorDictionary

    console = Console()
    dictionary = ActorDictionary.load()
    if name is None:
        counts: dict[str, int] = {}
        for actor in dictionary.actors.values():
            counts[actor.type] = counts.get(actor.type, 0) + 1
        console.print(", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) + " in the dictionary")
        for key, ids in sorted(dictionary.ambiguous.items()):
            console.print(f"shared form {key!r}: {', '.join(ids)}")
        return
    found = dictionary.explain(name)
    if not found:
        console.print(f"[red]{name!r} names no actor in the dictionary[/red]")
        raise typer.Exit(1)
    for actor, how in found:
        console.print(_actor_table(actor, how, dictionary))
