"""YAML front matter (Jekyll, Hugo, Hexo posts): the article's title, date, url and author.

Real front matter is often not valid YAML (`title: Wang Yi: talks in Beijing` has two colons),
so a failed YAML parse falls back to reading plain `key: value` lines. Only front matter that
is never closed, or holds no `key: value` line at all, is refused: then nobody can tell where
the article starts, and guessing would put metadata into the text or text into the bin.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it


class BrokenFrontMatter(ValueError):
    """Front matter that cannot be separated from the article or read at all."""


@dataclass(frozen=True)
class FrontMatter:
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    problem: str | None = None
    """Why the block is not valid YAML, when it is not: the caller reports it, the body is read."""


MAX_FRONT_MATTER_CHARS = 65536

_OPENING = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n")
_KEY_LINE = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "pubdate", "pubDate", "publish_date", "published_at", "created")
_URL_KEYS = ("url", "from", "link", "source_url", "canonical_url", "original_url", "permalink", "source")
_AUTHOR_KEYS = ("author", "authors", "byline", "source_name")


def looks_like_front_matter(text: str) -> bool:
    """True when the text opens with a `---` line followed by a `key: value` line."""
    opening = _OPENING.match(text)
    if not opening:
        return False
    next_line = text[opening.end() : text.find("\n", opening.end())].strip()
    return bool(_KEY_LINE.match(next_line))


def split_front_matter(text: str) -> tuple[FrontMatter, str] | None:
    """(front matter, body) when the text starts with front matter; None when it does not."""
    if not looks_like_front_matter(text):
        return None
    opening = _OPENING.match(text)
    assert opening is not None
    fence = text[:3]
    closing = re.compile(rf"^{re.escape(fence)}[ \t]*\r?$", re.MULTILINE).search(text, opening.end())
    if closing is None or closing.start() - opening.end() > MAX_FRONT_MATTER_CHARS:
        raise BrokenFrontMatter(f"front matter opened with '{fence}' on line 1 is never closed")
    block = text[opening.end() : closing.start()]
    body = text[closing.end() :].lstrip("\r\n")
    return _read_block(block, toml=fence == "+++"), body


def _read_block(block: str, *, toml: bool) -> FrontMatter:
    fields: dict[str, object] | None = None
    problem = None
    if not toml:
        try:
            loaded = yaml.load(block, Loader=_Loader)
        except yaml.YAMLError as exc:
            loaded, problem = None, _yaml_problem(exc)
        if isinstance(loaded, dict):
            fields = {str(k): v for k, v in loaded.items()}
    if fields is None:
        fields = _key_value_lines(block)
    if not fields:
        raise BrokenFrontMatter("front matter holds no 'key: value' line")
    return FrontMatter(
        problem=problem,
        title=_first(fields, _TITLE_KEYS),
        date=_first(fields, _DATE_KEYS),
        url=_first(fields, _URL_KEYS, web_address=True),
        author=_first(fields, _AUTHOR_KEYS),
    )


def _key_value_lines(block: str) -> dict[str, object]:
    fields: dict[str, object] = {}
    for line in block.splitlines():
        match = _KEY_LINE.match(line.replace(" = ", ": ", 1))
        if match:
            fields.setdefault(match.group(1), _unquote(match.group(2)))
    return fields


def _unquote(value: str) -> str | None:
    if value[:1] in ("\"", "'"):
        # A quote that is never closed spoils the value: leave it out rather than keep the quote.
        return value[1:-1] if len(value) >= 2 and value[-1] == value[0] else None
    return value


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 2})" if mark is not None else ""
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"front matter is not valid YAML{where}: {what}; read as plain 'key: value' lines"


def _first(fields: dict[str, object], keys: tuple[str, ...], *, web_address: bool = False) -> str | None:
    for key in keys:
        text = _scalar(fields.get(key))
        if text and (not web_address or text.startswith(("http://", "https://"))):
            return text
    return None


def _scalar(value: object) -> str | None:
    # Only scalars are read: a list or mapping (or an alias bomb) is never turned into a string.
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text[:1000] or None
    return None
