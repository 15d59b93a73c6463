"""The typed records as bytes, and back: what the extraction cache stores of one article.

Stored form: a dataclass is the tuple of its fields' values in their order; lists, tuples, dicts
with string keys, None, str, int, float and bool are themselves. These plain values are written
with marshal, which reads back only such values (it builds no object of any other class, and
runs nothing, unlike pickle: a cache folder may be shared). Equal strings of one record are
written once.

Each record class gets an encoder and a decoder compiled once from its type hints (as
dataclasses compiles `__init__`), so a record that gains a field is stored without a change
here, and reading back 10,000 articles costs a rebuild little. The decoder checks every value
against its type: a stored value whose shape does not fit raises RecordFormatError, so a damaged
or foreign entry is refused, never half read. The entry's header names its format and holds a
checksum of its body.
"""

from __future__ import annotations

import dataclasses
import marshal
import types
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from itertools import count
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from kg.records import DocumentEvents, Skipped

ExtractionResult = DocumentEvents | Skipped
_KINDS: dict[str, type] = {"events": DocumentEvents, "skipped": Skipped}
_MAGIC = b"kgr\x01"
"""The format of an entry: another format (an older kg's) is refused, never misread."""
_PLAIN, _DEFLATED = b"m", b"z"
_METHOD = len(_MAGIC)
_HEADER = _METHOD + 1 + 4
_COMPRESS_ABOVE = 1 << 16
"""Bodies up to this size are stored as they are: inflating them would cost a rebuild more
time than reading their extra bytes."""
_MARSHAL_VERSION = 4


class RecordFormatError(ValueError):
    """Stored data that is not the record it claims to be."""


def encode_result(result: ExtractionResult) -> bytes:
    """The entry that stores `result`: a header (format, how the body is kept, a checksum of the
    body) and the body, the marshalled plain form."""
    kind = "events" if isinstance(result, DocumentEvents) else "skipped"
    strings: dict[str | None, str | None] = {}
    plain = encoder(_KINDS[kind])(result, strings.setdefault)
    body = marshal.dumps((kind, plain), _MARSHAL_VERSION)
    checksum = zlib.crc32(body).to_bytes(4, "big")
    if len(body) > _COMPRESS_ABOVE:
        return _MAGIC + _DEFLATED + checksum + zlib.compress(body, 1)
    return _MAGIC + _PLAIN + checksum + body


def decode_result(data: bytes) -> ExtractionResult:
    """The result stored in the entry `data`; RecordFormatError if it is not one."""
    magic, method, checksum = data[:_METHOD], data[_METHOD : _METHOD + 1], data[_METHOD + 1 : _HEADER]
    body: bytes | memoryview = memoryview(data)[_HEADER:]
    if magic != _MAGIC or len(data) < _HEADER or method not in (_PLAIN, _DEFLATED):
        raise RecordFormatError("not a stored extraction result of this format")
    if method == _DEFLATED:
        try:
            body = zlib.decompress(body)
        except zlib.error as exc:
            raise RecordFormatError(f"cannot be inflated: {exc}") from None
    if zlib.crc32(body).to_bytes(4, "big") != checksum:
        raise RecordFormatError("its checksum does not match")
    try:
        document = marshal.loads(body)
    except (ValueError, EOFError, TypeError) as exc:
        raise RecordFormatError(f"not marshal data: {exc}") from None
    if type(document) is not tuple or len(document) != 2 or document[0] not in _KINDS:
        raise RecordFormatError("not a stored extraction result")
    record: ExtractionResult = decoder(_KINDS[document[0]])(document[1])
    return record


Encoder = Callable[[Any, Callable[[Any, Any], Any]], Any]
"""A record and `strings.setdefault` (which makes equal strings one) to its plain form."""
Decoder = Callable[[Any], Any]


@cache
def encoder(cls: type) -> Encoder:
    """The function giving the plain form of a `cls` record (a dataclass)."""
    names = _Names()
    values = [_plain(hint, f"record.{name}", names) for name, hint in _fields(cls)]
    lines = ["def encode(record, s):", f"    return ({''.join(value + ', ' for value in values)})"]
    return _compile(lines, names, "encode", cls.__name__)


@cache
def decoder(cls: type) -> Decoder:
    """The function turning the plain form of a `cls` record (a dataclass) back into the record."""
    fields = _fields(cls)
    names = _Names(cls=cls, new=object.__new__, put=object.__setattr__, Error=RecordFormatError)
    checks, values = [], []
    for index, (_, hint) in enumerate(fields):
        check, value = _read(hint, f"f{index}", names)
        checks.append(check)
        values.append(value)
    variables = "".join(f"f{index}, " for index in range(len(fields)))
    lines = [
        "def decode(value):",
        f"    if type(value) is not tuple or len(value) != {len(fields)}:",
        f"        raise Error('not a stored {cls.__name__}')",
        f"    {variables} = value",
        f"    if not ({' and '.join(c for c in checks if c) or 'True'}):",
        f"        raise Error('a field of a stored {cls.__name__} is not of its type')",
    ]
    # The fields set here, not by __init__ (a call, with defaults to fill in): a rebuild reads back
    # 10,000 articles' records. Set as attributes, so that the instance keeps them in its own
    # slots (assigning to its __dict__ would make one, and every later read of a field slower).
    setting = zip((name for name, _ in fields), values, strict=True)
    if not _init_sets_fields_only(cls):
        lines += [f"    return cls({''.join(value + ', ' for value in values)})"]
        return _compile(lines, names, "decode", cls.__name__)
    lines += ["    record = new(cls)"]
    if cls.__setattr__ is object.__setattr__:
        lines += [f"    record.{name} = {value}" for name, value in setting]
    else:  # frozen: set as its __init__ does
        lines += [f"    put(record, {name!r}, {value})" for name, value in setting]
    lines += ["    return record"]
    return _compile(lines, names, "decode", cls.__name__)


class _Names(dict[str, Any]):
    """The globals of compiled code: each object it refers to, under a fresh name."""

    def __init__(self, **named: Any) -> None:
        super().__init__(named)
        self._counter: Iterator[int] = count()

    def add(self, value: Any) -> str:
        name = f"_{next(self._counter)}"
        self[name] = value
        return name

    def variable(self) -> str:
        return f"v{next(self._counter)}"


def _compile(lines: list[str], names: _Names, function: str, of: str) -> Callable[..., Any]:
    """The function `function` defined by `lines`; `of` names what it reads or writes in tracebacks."""
    # Globals in a plain dict: a subclass would make each name the code reads a slow look-up.
    namespace = dict(names)
    code = compile("\n".join(lines), f"<kg.record_codec {function} {of}>", "exec")
    exec(code, namespace)  # the source is made from type hints, never from stored data
    made: Callable[..., Any] = namespace[function]
    return made


def _fields(cls: type) -> list[tuple[str, Any]]:
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise TypeError(f"no stored form for {cls!r}: not a dataclass")
    hints = get_type_hints(cls)
    fields = dataclasses.fields(cls)
    if not all(field.init for field in fields):
        raise TypeError(f"no stored form for {cls.__name__}: a field is not set by __init__")
    return [(field.name, hints[field.name]) for field in fields]


def _init_sets_fields_only(cls: type) -> bool:
    """Does the dataclass's __init__ do nothing but set the fields (so the decoder may set them)?"""
    return not hasattr(cls, "__post_init__") and "__slots__" not in vars(cls)


_SCALARS = (str, int, float, bool)


def _optional(hint: Any) -> Any | None:
    """X for `X | None`, else None."""
    args = get_args(hint)
    if get_origin(hint) not in (Union, types.UnionType):
        return None
    if len(args) != 2 or type(None) not in args:
        raise TypeError(f"no stored form for {hint!r}: only `X | None` unions are stored")
    return next(arg for arg in args if arg is not type(None))


def _is_text(hint: Any) -> bool:
    """Is every value of `hint` a str or None (a value to make one with its equals)?"""
    inner = _optional(hint)
    if inner is not None:
        return _is_text(inner)
    if get_origin(hint) is Literal:
        return all(type(arg) is str for arg in get_args(hint))
    return hint is str


def _plain(hint: Any, value: str, names: _Names) -> str:
    """An expression of the plain form of `value`, an expression of type `hint`."""
    if _is_text(hint):
        return f"s({value}, {value})"
    if hint in _SCALARS or get_origin(hint) is Literal:
        return value
    inner = _optional(hint)
    if inner is not None:
        return f"(None if {value} is None else {_plain(inner, value, names)})"
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return f"{names.add(encoder(hint))}({value}, s)"
    origin, args = get_origin(hint), get_args(hint)
    item = names.variable()
    if origin is list:
        return f"[{_plain(args[0], item, names)} for {item} in {value}]"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return f"tuple([{_plain(args[0], item, names)} for {item} in {value}])"
    if origin is dict and args[0] is str:
        return f"{{s(k, k): {_plain(args[1], item, names)} for k, {item} in {value}.items()}}"
    raise TypeError(f"no stored form for {hint!r}")


def _read(hint: Any, value: str, names: _Names) -> tuple[str | None, str]:
    """How to read `value`, the plain form of a `hint`: a check of its shape (None: the
    conversion checks it) and an expression of the value it stands for."""
    kinds = _kinds(hint)
    if kinds is not None:
        if len(kinds) == 1:
            return f"type({value}) is {next(iter(kinds)).__name__}", value
        return f"type({value}) in {names.add(kinds)}", value
    if get_origin(hint) is Literal:
        allowed = frozenset(get_args(hint))
        kinds = frozenset(type(arg) for arg in allowed)
        return f"(type({value}) in {names.add(kinds)} and {value} in {names.add(allowed)})", value
    inner = _optional(hint)
    if inner is not None:
        check, read = _read(inner, value, names)
        if read == value:
            return f"({value} is None or {check})", value
        return (f"({value} is None or {check})" if check else None), f"(None if {value} is None else {read})"
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return None, f"{names.add(decoder(hint))}({value})"
    origin, args = get_origin(hint), get_args(hint)
    if origin is list:
        return _read_items(args[0], value, "list", names)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _read_items(args[0], value, "tuple", names)
    if origin is dict and args[0] is str:
        item = names.variable()
        keys = f"type({value}) is dict and {_all_of_kinds(frozenset({str}), value, names)}"
        check, read = _read(args[1], item, names)
        if read != item:
            items = f"{{k: {_converter(args[1], names)}({item}) for k, {item} in {value}.items()}}"
            return f"({keys})", items
        return f"({keys} and {_all_checked(args[1], check, item, f'{value}.values()', names)})", value
    raise TypeError(f"no stored form for {hint!r}")


def _kinds(hint: Any) -> frozenset[type] | None:
    """The types of the values of a scalar `hint` (str, `int | None`...), None for other hints."""
    if hint is float:  # an int is a fine float
        return frozenset({float, int})
    if hint in _SCALARS:
        return frozenset({hint})
    inner = _optional(hint)
    kinds = _kinds(inner) if inner is not None else None
    return kinds | {type(None)} if kinds is not None else None


def _read_items(hint: Any, value: str, container: str, names: _Names) -> tuple[str, str]:
    item = names.variable()
    check, read = _read(hint, item, names)
    if read == item:  # items kept as they are: the container read is a new one of this record's
        return f"(type({value}) is {container} and {_all_checked(hint, check, item, value, names)})", value
    items = f"[{_converter(hint, names)}({item}) for {item} in {value}]"
    return f"type({value}) is {container}", items if container == "list" else f"tuple({items})"


def _all_checked(hint: Any, check: str | None, item: str, values: str, names: _Names) -> str:
    """An expression: does `check` of `item` hold for each of `values` (values of a `hint`)?"""
    kinds = _kinds(hint)
    if kinds is not None:
        return _all_of_kinds(kinds, values, names)
    return f"all({check} for {item} in {values})"


def _all_of_kinds(kinds: frozenset[type], values: str, names: _Names) -> str:
    # map(type, ...) runs in C: cheaper than a generator of checks for every list of names
    return f"(not {values} or {names.add(kinds)}.issuperset(map(type, {values})))"


def _converter(hint: Any, names: _Names) -> str:
    """The name of a function reading the plain form of one `hint`, its shape checked."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return names.add(decoder(hint))
    check, read = _read(hint, "value", names)
    lines = ["def convert(value):"]
    if check:
        lines += [f"    if not ({check}):", f"        raise Error('a value is not a {hint}')"]
    lines += [f"    return {read}"]
    return names.add(_compile(lines, names, "convert", str(hint)))
