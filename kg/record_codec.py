"""The typed records as JSON, and back: what the extraction cache stores of one article.

The decoder follows the records' own type hints (dataclasses, `X | None`, lists, tuples, dicts
with string keys, literals, scalars), so a record that gains a field is stored without a change
here. A stored value whose shape does not fit its type raises RecordFormatError: a damaged
entry is refused, never half read.
"""

from __future__ import annotations

import dataclasses
import json
import types
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from kg.records import DocumentEvents, Skipped

Decoder = Callable[[Any], Any]
ExtractionResult = DocumentEvents | Skipped
_KINDS: dict[str, type] = {"events": DocumentEvents, "skipped": Skipped}


class RecordFormatError(ValueError):
    """Stored data that is not the record it claims to be."""


def encode_result(result: ExtractionResult) -> bytes:
    kind = "events" if isinstance(result, DocumentEvents) else "skipped"
    document = {"kind": kind, "record": to_plain(result)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_result(data: bytes) -> ExtractionResult:
    try:
        document = json.loads(data)
    except ValueError as exc:  # UnicodeDecodeError is a ValueError too
        raise RecordFormatError(f"not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("kind") not in _KINDS or "record" not in document:
        raise RecordFormatError("not a stored extraction result")
    record: ExtractionResult = decoder(_KINDS[document["kind"]])(document["record"])
    return record


def to_plain(value: Any) -> Any:
    """`value` as JSON-ready lists, dicts and scalars (a dataclass: its fields by name)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("only dicts with string keys can be stored")
        return {key: to_plain(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"a {type(value).__name__} cannot be stored")


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def decoder(hint: Any) -> Decoder:
    """A function turning the JSON of a value of type `hint` back into that value."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        return _optional_decoder(hint, args)
    if origin is list:
        return _sequence_decoder(decoder(args[0]), list)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _sequence_decoder(decoder(args[0]), tuple)
    if origin is dict and args[0] is str:
        return _dict_decoder(decoder(args[1]))
    if origin is Literal:
        return _literal_decoder(frozenset(args))
    if hint in (str, int, float, bool):
        return _scalar_decoder(hint)
    raise TypeError(f"no JSON form for {hint!r}")


def _dataclass_decoder(cls: type) -> Decoder:
    hints = get_type_hints(cls)
    # A scalar field is checked in the loop, not through a decoder call: most fields are scalars,
    # and reading the cache back is most of a rebuild's extraction step.
    fields = [(name, _scalar_types(hints[name]), decoder(hints[name])) for name in _field_names(cls)]
    expected = {name for name, _, _ in fields}

    def decode(value: Any) -> Any:
        if type(value) is not dict or value.keys() != expected:
            raise RecordFormatError(f"not a {cls.__name__}")
        values = []
        for name, scalars, decode_field in fields:
            item = value[name]
            if scalars is None:
                values.append(decode_field(item))
            elif type(item) in scalars:
                values.append(item)
            else:
                raise RecordFormatError(f"{cls.__name__}.{name}: a {type(item).__name__} is no {hints[name]}")
        return cls(*values)

    return decode


def _scalar_types(hint: Any) -> frozenset[type] | None:
    """The JSON types a scalar field (`str`, `int | None` ...) accepts; None for other fields."""
    scalars: dict[Any, frozenset[type]] = {
        str: frozenset({str}),
        int: frozenset({int}),
        float: frozenset({float, int}),
        bool: frozenset({bool}),
    }
    if hint in scalars:
        return scalars[hint]
    args = get_args(hint)
    if get_origin(hint) in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        present = next(arg for arg in args if arg is not type(None))
        if present in scalars:
            return scalars[present] | {type(None)}
    return None


def _optional_decoder(hint: Any, args: tuple[Any, ...]) -> Decoder:
    present = [arg for arg in args if arg is not type(None)]
    if len(present) != 1 or len(args) != 2:
        raise TypeError(f"no JSON form for {hint!r}: only `X | None` unions are stored")
    inner = decoder(present[0])
    return lambda value: None if value is None else inner(value)


def _sequence_decoder(item: Decoder, make: type[list[Any]] | type[tuple[Any, ...]]) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, list):
            raise RecordFormatError(f"expected a list, found {type(value).__name__}")
        items = [item(v) for v in value]
        return items if make is list else make(items)

    return decode


def _dict_decoder(item: Decoder) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, dict):
            raise RecordFormatError(f"expected an object, found {type(value).__name__}")
        return {key: item(v) for key, v in value.items()}

    return decode


def _literal_decoder(allowed: frozenset[Any]) -> Decoder:
    def decode(value: Any) -> Any:
        if value not in allowed:
            raise RecordFormatError(f"{value!r} is not one of {sorted(allowed)}")
        return value

    return decode


def _scalar_decoder(kind: type) -> Decoder:
    def decode(value: Any) -> Any:
        # bool is an int to isinstance, and a JSON integer is a fine float
        if type(value) is kind or (kind is float and type(value) is int):
            return value
        raise RecordFormatError(f"expected {kind.__name__}, found {type(value).__name__}")

    return decode
