"""Whose press an article is, and whose ministry its bare "外交部" is (kg/data/actors/press.yaml).

News calls its own government's ministries by their bare names: "外交部" is Taiwan's Ministry of
Foreign Affairs in a Central News Agency report, Vietnam's in a Vietnam News Agency one and China's
in Xinhua's. The press is read from the article's web address, else from an outlet named at its top.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlparse

import yaml

from kg.resources import data_dir


@dataclass(frozen=True)
class Press:
    outlets: tuple[tuple[str, str], ...]
    """(outlet name, home); the one named first in the article's head wins."""
    domains: tuple[tuple[str, str], ...]
    """(web domain, home)."""
    reach: int
    bare_names: dict[str, dict[str, str]]
    """Bare ministry name -> home -> that home's ministry."""
    examples: tuple[tuple[str, str], ...] = ()

    def home_of(self, simplified_text: str, url: str | None = None) -> str | None:
        """The country (or authority) whose press the article is; None when it cannot be told."""
        host = (urlparse(url).hostname or "") if url else ""
        for domain, home in self.domains:
            if host == domain or host.endswith(f".{domain}"):
                return home
        head = simplified_text[: self.reach]
        named = [(head.find(name), home) for name, home in self.outlets if name in head]
        return min(named)[1] if named else None

    def ministry(self, bare_name: str, home: str | None) -> str | None:
        """The ministry a bare name stands for in the press of `home` (or after a country's name)."""
        return self.bare_names.get(bare_name, {}).get(home) if home else None


@cache
def load_press() -> Press:
    raw: dict[str, Any] = yaml.safe_load((data_dir() / "actors" / "press.yaml").read_text(encoding="utf-8"))
    outlets = [(str(name), str(o["home"])) for o in raw["outlets"] for name in o.get("names") or []]
    domains = [(str(d).lower(), str(o["home"])) for o in raw["outlets"] for d in o.get("domains") or []]
    return Press(
        outlets=tuple(outlets),
        domains=tuple(domains),
        reach=int(raw.get("reach", 160)),
        bare_names={
            str(name): {str(home): str(ministry) for home, ministry in by_home.items()}
            for name, by_home in (raw.get("bare_names") or {}).items()
        },
        examples=tuple((str(e["text"]), str(e["home"])) for e in raw.get("examples") or []),
    )
