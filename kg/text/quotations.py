"""What someone is quoted as saying ("we would like to…", “去年3月，我…”): words that report
a speaker's plans and memories, not the events the article tells."""

from __future__ import annotations

import re

QUOTATION = re.compile(r'"[^"\n]*"|“[^”\n]*”|「[^」\n]*」|『[^』\n]*』')


def quoted(text: str, at: int) -> bool:
    """Whether position `at` lies inside a quotation of `text`."""
    return any(q.start() < at < q.end() for q in QUOTATION.finditer(text))


def unquoted(text: str) -> str:
    """`text` with its quotations blanked out."""
    return QUOTATION.sub(" ", text)
