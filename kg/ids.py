"""Stable identifiers: the same input always gives the same ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-', CJK characters kept as they are."""
    folded = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() if text.isascii() else text
    )
    folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return _NON_WORD.sub("-", folded.lower()).strip("-") or "x"


def short_hash(*parts: str, length: int = 12) -> str:
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]
