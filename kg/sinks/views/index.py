"""views/index.html: links to the network, the agreements and every actor's ego view."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from kg.ids import short_hash
from kg.sinks.views.facts import GraphFacts

_SAFE = re.compile(r"[^a-z0-9]+")

_FILTER_SCRIPT = """
(function () {
  var box = document.getElementById("kg-filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#kg-egos li"));
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    rows.forEach(function (li) { li.hidden = q !== "" && li.getAttribute("data-names").indexOf(q) < 0; });
  });
})();
"""


def ego_file_name(actor_id: str) -> str:
    """A file name for any id: ASCII words kept for reading, a hash so two ids never collide."""
    readable = _SAFE.sub("-", actor_id.lower()).strip("-")[:60] or "actor"
    return f"{readable}-{short_hash(actor_id, length=8)}.html"


def _policy() -> str:
    digest = base64.b64encode(hashlib.sha256(_FILTER_SCRIPT.encode("utf-8")).digest()).decode()
    return f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; base-uri 'none'"


def write_index(
    views: Path, facts: GraphFacts, network: Path, agreements: Path, egos: dict[str, Path]
) -> Path:
    esc = html.escape
    rows = []
    for actor_id in sorted(egos, key=lambda a: (-len(facts.participants.get(a, [])), facts.entities[a].name)):
        entity = facts.entities[actor_id]
        names = [n for n in dict.fromkeys([entity.name, *entity.names.values(), *entity.aliases]) if n]
        meetings = len(facts.participants.get(actor_id, []))
        href = egos[actor_id].relative_to(views).as_posix()
        country = facts.country_name(entity.country) if entity.label != "Country" else None
        about = " · ".join(
            p for p in (entity.label, country, f"{meetings} meeting{'s' if meetings != 1 else ''}") if p
        )
        rows.append(
            f'<li data-names="{esc(" ".join(entity.search_names))}">'
            f'<a href="{esc(href)}">{esc(entity.name)}</a> '
            f"<span>{esc(' / '.join(names[1:]))}</span> <small>{esc(about)}</small></li>"
        )
    agreements_count = sum(1 for e in facts.events.values() if e.kind == "agreement")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(_policy(), quote=False)}">
<title>kg views</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans", Arial, sans-serif; margin: 24px; max-width: 960px; }}
li {{ margin: 3px 0; }} span {{ color: #444; }} small {{ color: #777; }}
</style>
</head>
<body>
<h1>Diplomatic relationship graph: views</h1>
<ul>
<li><a href="{esc(network.relative_to(views).as_posix())}">Actor network</a>:
who met whom ({len(facts.met)} pairs; colour = country, size = connections, width = meetings)</li>
<li><a href="{esc(agreements.relative_to(views).as_posix())}">Agreements</a>:
parties ↔ agreements ↔ topics ({agreements_count} agreements)</li>
</ul>
<h2>Ego views ({len(egos)} actors with meetings)</h2>
<p><label>Filter <input id="kg-filter" type="search" placeholder="any spelling"></label></p>
<ul id="kg-egos">
{chr(10).join(rows)}
</ul>
<script>{_FILTER_SCRIPT}</script>
</body>
</html>
"""
    index = views / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
