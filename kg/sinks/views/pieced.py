"""The corpus-wide pages (network, agreements, relations) written in pieces (kg.sinks.pieces): the
page's data is a JSON object whose largest members (a page's events, the relations' meetings and
agreements) are written an item a piece, so that a rebuild copies the pieces of the items that did
not change from the previous page and encodes only the others.

An item's piece is made of the item's key (an event's id) and the item as the page carries it: its
digest is of both, and nothing else goes into its text. Everything else (the page around the data,
the members not in pieces, the first item of each member: it has no comma before it) is made every
time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.reuse import Reuse, digest
from kg.sinks.pieces import PieceWriter, PreviousPieces, keep
from kg.sinks.views.render import DATA_MARK, script_json

Encode = Callable[[Any, Any], bytes]
"""The JSON text of an item (key, value) as the page carries it: `"key":value` in an object,
`value` in a list (whose items' keys are their ids)."""


class PiecedMember:
    """A member of the page's data written an item a piece: the items as (key, value), and how
    each is encoded."""

    def __init__(
        self,
        items: Iterable[tuple[Any, Any]],
        encode: Encode,
        is_object: bool,
        made_of: Callable[[Any, Any], str] | None = None,
    ) -> None:
        self.items = items
        self.encode = encode
        self.is_object = is_object
        self.made_of = made_of or _item_digest
        """The digest of an item's piece: of everything its text is made of."""


def write_pieced_page(
    path: Path,
    frame: bytes,
    data: dict[str, Any],
    pieced: dict[str, PiecedMember],
    reuse: Reuse | None,
    suffix: str = "",
) -> None:
    """The page `frame` (its bytes with kg.sinks.views.render.DATA_MARK where the data goes) with
    `data` in it: the members named in `pieced` an item a piece, the others whole; its pieces
    recorded under its name and `suffix` (kg.sinks.pieces.keep)."""
    before, after = frame.split(DATA_MARK)
    previous = PreviousPieces.of(reuse, path, suffix)
    where = previous.where()
    keeping = reuse is not None and reuse.keeps
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer = PieceWriter(out, previous, reuse)
        made = [before, b"{"]
        for number, (key, value) in enumerate(data.items()):
            comma = b"," if number else b""
            member = pieced.get(key)
            if member is None:
                made += (comma, _member_json(key, value))
                continue
            made += (comma, script_json(key).encode(), b":{" if member.is_object else b":[")
            writer.write(None, b"".join(made))
            _write_items(writer, member, where, keeping)
            made = [b"}" if member.is_object else b"]"]
        made += (b"}", after)
        writer.write(None, b"".join(made))
        parts = writer.close()
    keep(reuse, path, parts, suffix)


def _write_items(
    writer: PieceWriter, member: PiecedMember, where: dict[str | None, int], keeping: bool
) -> None:
    items = list(member.items)
    encode, made_of = member.encode, member.made_of

    def make(index: int, first: bool) -> bytes:
        text = encode(*items[index])
        return text if first else b"," + text

    digests = [made_of(key, value) for key, value in items] if keeping else None
    writer.write_listed(where, len(items), digests, make)


def _item_digest(key: Any, value: Any) -> str:
    return digest((key, value))


def _member_json(key: str, value: Any) -> bytes:
    return f"{script_json(key)}:{script_json(value)}".encode()


def list_item_json(_: Any, value: Any) -> bytes:
    return script_json(value).encode()
