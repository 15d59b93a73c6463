"""Named Cypher queries: `queries/<name>.cypher`, each with a header that says what it answers.

Header (leading `//` lines): free text is the description; `@param` lines declare parameters::

    // Meetings of one actor in a date range.
    // @param actor: string = "Wang Yi"   a name in any script or an actor id
    // @param from: date = 1900-01-01     earliest date (ISO; partial dates allowed)
    // @param limit: int = 100

Types: string, int, float, bool, date, list (of strings), list[int]. A parameter without a
default is required. Date parameters are validated ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) and
passed on as ISO strings: the graph keeps partial dates as ISO strings (`date`), which order
correctly against them (see kg.backends). Where a backend's dialect differs, a variant lives at
`queries/<dialect>/<name>.cypher` and is used on that backend; the header of the main file rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.resources import resource_dir

PARAM_TYPES = ("string", "int", "float", "bool", "date", "list", "list[int]")

_PARAM_LINE = re.compile(
    r"""^@param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>list\[int\]|\w+)
        \s*(?:=\s*(?P<default>"(?:[^"\\]|\\.)*"|\S+))?\s*(?P<help>.*)$""",
    re.VERBOSE,
)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class QueryError(InputError):
    """A query that cannot be found or parameters that do not fit it; the message says which."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    default: Any = None
    required: bool = False
    help: str = ""

    def convert(self, value: Any) -> Any:
        """A value given on the command line (text) or from Python, as the type the query expects."""
        if value is None:
            return None
        try:
            return _CONVERTERS[self.type](value)
        except (TypeError, ValueError) as exc:
            raise QueryError(f"parameter {self.name}: expected {self.type}, got {value!r} ({exc})") from None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[QueryParam, ...]
    cypher: str
    variants: Mapping[str, str] = field(default_factory=dict)
    path: Path | None = None
    adhoc: bool = False
    """Cypher given as text: no declared parameters, so any name is taken and its value guessed."""

    def cypher_for(self, dialect: str) -> str:
        return self.variants.get(dialect, self.cypher)

    def bind(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults filled in, values converted to their declared types, unknown names refused."""
        given = dict(given or {})
        if self.adhoc:
            return {k: guess_value(v) if isinstance(v, str) else v for k, v in given.items()}
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            expected = ", ".join(known) or "none"
            raise QueryError(
                f"query {self.name}: unknown parameter(s) {', '.join(unknown)} (expected: {expected})"
            )
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in given:
                bound[param.name] = param.convert(given[param.name])
            elif param.required:
                raise QueryError(f"query {self.name}: parameter {param.name} ({param.type}) is required")
            else:
                bound[param.name] = param.default
        return bound


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "1"}:
        return True
    if text in {"false", "no", "0"}:
        return False
    raise ValueError("use true or false")


def _to_date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if not match:
        raise ValueError("use YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    date(year or 1, month or 1, day or 1)  # raises on month 13 or February 30
    return text


def _to_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("["):
        parsed = json.loads(text)
        if not isinstance(parsed, list):
            raise ValueError("not a list")
        return [str(v) for v in parsed]
    return [part.strip() for part in text.split(",") if part.strip()]


def _to_int_list(value: Any) -> list[int]:
    return [int(v) for v in _to_list(value)]


_CONVERTERS: dict[str, Any] = {
    "string": str,
    "int": int,
    "float": float,
    "bool": _to_bool,
    "date": _to_date,
    "list": _to_list,
    "list[int]": _to_int_list,
}


def _parse_default(param_type: str, text: str | None) -> Any:
    if text is None or text == "null":
        return None
    raw = json.loads(text) if text.startswith('"') else text
    return QueryParam("default", param_type).convert(raw)


def parse_query(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """Header and body of one query file."""
    description: list[str] = []
    params: list[QueryParam] = []
    body_start = 0
    lines = text.splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = i
            break
        content = stripped[2:].strip()
        if content.startswith("@param"):
            match = _PARAM_LINE.match(content)
            if not match or match["type"] not in PARAM_TYPES:
                raise QueryError(f"query {name}: cannot read parameter line {content!r}")
            default_text = match["default"]
            params.append(
                QueryParam(
                    name=match["name"],
                    type=match["type"],
                    default=_parse_default(match["type"], default_text),
                    required=default_text is None,
                    help=match["help"].strip(),
                )
            )
        elif content:
            description.append(content)
    else:
        body_start = len(lines)
    body = "\n".join(lines[body_start:]).strip()
    if not body:
        raise QueryError(f"query {name}: no Cypher after the header")
    return NamedQuery(name, " ".join(description), tuple(params), body, path=path)


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("//")).strip()


def queries_dir() -> Path:
    return resource_dir("queries")


def query_names(folder: Path | None = None) -> list[str]:
    return sorted(p.stem for p in (folder or queries_dir()).glob("*.cypher"))


def load_query(name: str, folder: Path | None = None) -> NamedQuery:
    folder = folder or queries_dir()
    if not _NAME.match(name) or not (folder / f"{name}.cypher").is_file():
        raise QueryError(f"no named query {name!r}; known: {', '.join(query_names(folder))}")
    return load_query_file(folder / f"{name}.cypher")


def load_query_file(path: Path) -> NamedQuery:
    """A query file, with the dialect variants found next to it (`<dir>/<dialect>/<name>.cypher`)."""
    query = parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    variants = {
        sub.name: _body((sub / path.name).read_text(encoding="utf-8"))
        for sub in sorted(path.parent.iterdir())
        if sub.is_dir() and (sub / path.name).is_file()
    }
    return NamedQuery(query.name, query.description, query.params, query.cypher, variants, path)


def list_queries(folder: Path | None = None) -> list[NamedQuery]:
    folder = folder or queries_dir()
    return [load_query(name, folder) for name in query_names(folder)]


def resolve_query(target: str, folder: Path | None = None) -> NamedQuery:
    """A named query, a .cypher file (header optional), or Cypher text, whichever `target` is."""
    folder = folder or queries_dir()
    if _NAME.match(target) and (folder / f"{target}.cypher").is_file():
        return load_query(target, folder)
    path = Path(target)
    if target.endswith(".cypher"):
        if not path.is_file():
            raise QueryError(f"no query file {target}")
        query = load_query_file(path)
        return (
            query
            if query.params
            else NamedQuery(query.name, query.description, (), query.cypher, query.variants, path, adhoc=True)
        )
    if _NAME.match(target):
        raise QueryError(f"no named query {target!r}; known: {', '.join(query_names(folder))}")
    return NamedQuery("cypher", "Cypher given on the command line", (), target, adhoc=True)


def guess_value(text: str) -> Any:
    """A value for a parameter of ad-hoc Cypher, which declares no types: JSON if it parses, else text."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """`k=v` strings (from --param) as a dict; the value may itself contain '='."""
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameter {pair!r}: expected name=value")
        result[key.strip()] = value
    return result
