"""views/index.html: links to every view; country pairs ranked by contacts, first contacts and
brokers of a chosen year; and every actor's ego view."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kg.ids import short_hash
from kg.sinks.views.facts import GraphFacts
from kg.sinks.views.render import script_json

_SAFE = re.compile(r"[^a-z0-9]+")

_FILTER_SCRIPT = """
(function () {
  var box = document.getElementById("kg-filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#kg-egos li"));
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    rows.forEach(function (li) { li.hidden = q !== "" && li.getAttribute("data-names").indexOf(q) < 0; });
  });
  var data = JSON.parse(document.getElementById("kg-index-data").textContent);
  var year = document.getElementById("kg-year");
  var SHOWN = 100;
  function cell(row, value) {
    var td = document.createElement("td");
    td.textContent = value == null ? "" : String(value);
    row.appendChild(td);
  }
  function fill(id, rows, columns) {
    var body = document.getElementById(id);
    body.textContent = "";
    rows.slice(0, SHOWN).forEach(function (r) {
      var tr = document.createElement("tr");
      columns(r).forEach(function (v) { cell(tr, v); });
      body.appendChild(tr);
    });
    var more = document.getElementById(id + "-more");
    more.textContent = rows.length > SHOWN ? "and " + (rows.length - SHOWN) + " more"
      : (rows.length ? "" : "none");
  }
  function show() {
    var y = year.value;
    fill("kg-first", data.first[y] || [], function (r) { return [r[0], r[1], r[2], r[3], r[4], r[5]]; });
    fill("kg-brokers", data.brokers[y] || [], function (r) { return [r[0], r[1], r[2].toFixed(3)]; });
  }
  data.years.forEach(function (y) {
    var o = document.createElement("option");
    o.value = y;
    o.textContent = y;
    year.appendChild(o);
  });
  if (data.default) year.value = data.default;
  year.addEventListener("change", show);
  show();
})();
"""


def ego_file_name(actor_id: str) -> str:
    """A file name for any id: ASCII words kept for reading, a hash so two ids never collide."""
    readable = _SAFE.sub("-", actor_id.lower()).strip("-")[:60] or "actor"
    return f"{readable}-{short_hash(actor_id, length=8)}.html"


def ego_links(facts: GraphFacts, ego_dir: str | None) -> Callable[[str], str | None]:
    """The link of an actor's ego page from a page beside `ego_dir` (None: no ego pages)."""

    def link(actor_id: str) -> str | None:
        if ego_dir is None or actor_id not in facts.participants:
            return None
        return f"{ego_dir}/{ego_file_name(actor_id)}" if ego_dir else ego_file_name(actor_id)

    return link


def _policy() -> str:
    digest = base64.b64encode(hashlib.sha256(_FILTER_SCRIPT.encode("utf-8")).digest()).decode()
    return f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; base-uri 'none'"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _pair_items(pairs: list[dict[str, Any]], relations: str) -> str:
    esc = html.escape
    items = []
    for pair in pairs:
        href = f"{relations}#a={quote(pair['a'], safe=':')}&b={quote(pair['b'], safe=':')}"
        names = esc(" – ".join(pair["names"]))
        items.append(
            f'<li><a href="{esc(href)}">{names}</a> <small>{_count(pair["meetings"], "meeting")}</small></li>'
        )
    return "\n".join(items)


def write_index(
    views: Path,
    facts: GraphFacts,
    network: Path,
    agreements: Path,
    egos: dict[str, Path],
    relations: Path | None = None,
    at_a_glance: dict[str, Any] | None = None,
) -> Path:
    """The index page; `at_a_glance` holds `pairs` (ranked_pairs), `first` and `brokers` (per year)
    as kg.sinks.views.contacts computes them."""
    esc = html.escape
    glance = at_a_glance or {"pairs": [], "first": {}, "brokers": {}}
    relations_href = relations.relative_to(views).as_posix() if relations else "relations.html"
    # The latest year with both first contacts and brokers opens the page; any year can be chosen.
    years = sorted({*glance["first"], *glance["brokers"]}, reverse=True)
    both = [y for y in years if y in glance["first"] and y in glance["brokers"]]
    index_data = script_json(
        {
            "years": years,
            "default": (both or years or [None])[0],
            "first": glance["first"],
            "brokers": glance["brokers"],
        }
    )
    rows = []
    for actor_id in sorted(egos, key=lambda a: (-len(facts.participants.get(a, [])), facts.entities[a].name)):
        entity = facts.entities[actor_id]
        names = [n for n in dict.fromkeys([entity.name, *entity.names.values(), *entity.aliases]) if n]
        meetings = len(facts.participants.get(actor_id, []))
        href = egos[actor_id].relative_to(views).as_posix()
        country = facts.country_name(entity.country) if entity.label != "Country" else None
        about = " · ".join(p for p in (entity.label, country, _count(meetings, "meeting")) if p)
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
body {{ font-family: "Noto Sans CJK SC", "Noto Sans", Arial, sans-serif; margin: 24px; max-width: 1100px; }}
li {{ margin: 3px 0; }} span {{ color: #444; }} small {{ color: #777; }}
.kg-glance {{ display: flex; gap: 32px; flex-wrap: wrap; align-items: flex-start; }}
.kg-glance > section {{ flex: 1 1 300px; min-width: 0; }}
table {{ border-collapse: collapse; font-size: 13px; }} td, th {{ padding: 2px 6px; text-align: left; }}
th {{ border-bottom: 1px solid #ccc; }} tr:nth-child(even) td {{ background: #f6f6f6; }}
h2 {{ font-size: 18px; }}
</style>
</head>
<body>
<h1>Diplomatic relationship graph: views</h1>
<ul>
<li><a href="{esc(network.relative_to(views).as_posix())}">Actor network</a>:
who met whom ({len(facts.met)} pairs; colour = country, size = connections, width = meetings)</li>
<li><a href="{esc(agreements.relative_to(views).as_posix())}">Agreements</a>:
countries and organizations joined by what they agreed, width = agreements
({agreements_count} agreements)</li>
<li><a href="{esc(relations_href)}">Relations over time</a>:
meetings of a country or a pair per month or quarter, by mode and level; agreements by topic</li>
</ul>
<div class="kg-glance">
<section>
<h2>Country pairs by contacts</h2>
<ol id="kg-pairs">
{_pair_items(glance["pairs"], relations_href)}
</ol>
</section>
<section>
<h2>First contacts and brokers in <select id="kg-year"></select></h2>
<h3>First contacts: officials who met for the first time in the corpus</h3>
<table><thead><tr><th>first met</th><th>official</th><th>country</th><th>official</th><th>country</th>
<th>meetings</th></tr></thead><tbody id="kg-first"></tbody></table>
<p><small id="kg-first-more"></small></p>
<h3>Brokers: highest betweenness on the year's who-met-whom graph</h3>
<table><thead><tr><th>official</th><th>country</th><th>betweenness</th></tr></thead>
<tbody id="kg-brokers"></tbody></table>
<p><small id="kg-brokers-more"></small></p>
</section>
</div>
<h2>Ego views ({len(egos)} actors with meetings)</h2>
<p><label>Filter <input id="kg-filter" type="search" placeholder="any spelling"></label></p>
<ul id="kg-egos">
{chr(10).join(rows)}
</ul>
<script type="application/json" id="kg-index-data">{index_data}</script>
<script>{_FILTER_SCRIPT}</script>
</body>
</html>
"""
    index = views / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
