"""HTML pages that work offline: vis-network comes from the pyvis package, inlined or as a local file,
and a Content-Security-Policy lets the page load nothing from anywhere else."""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

VIS_VERSION = "9.1.2"
ASSET_FILES = ("vis-network.min.js", "panel.js", "view.js")
LOCAL_SCRIPTS = "'self' file:"
"""Scripts from local files only: file: for pages opened from disk, 'self' when served."""
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""json.dumps's encoder for these options, made once: json.dumps makes one per call."""
_COMPACT_C = (
    c_make_encoder(None, _COMPACT.default, encode_basestring, None, ":", ",", False, False, True)
    if c_make_encoder is not None
    else None
)
"""The C encoder _COMPACT.encode makes on every call, made once (half the cost of encoding an
event): without the check for circular references, which a view's plain tree never has."""
_PLACEHOLDER = re.compile(r"__(CSP|TITLE|CSS|DATA|SCRIPTS)__")
DATA_MARK = b"\x00kg-data\x00"
"""Where a page's data goes in its frame (page_frame): no template holds a NUL."""


@cache
def vis_network_js() -> str:
    """The vis-network bundle shipped inside pyvis (no CDN)."""
    bundle = _package_folder("pyvis") / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    text = bundle.read_text(encoding="utf-8")
    if "</script" in text.lower() or "<!--" in text:
        raise ValueError("vis-network bundle cannot be inlined in a <script> element")
    return text


def _package_folder(name: str) -> Path:
    """The folder of the installed package `name`, found without importing it: pyvis imports
    jinja2, networkx's drawing and more, a fiftieth of a rebuild's time, for a file."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the package {name} is not installed", name=name)
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def template(name: str) -> str:
    return (resources.files("kg.sinks.views") / "templates" / name).read_text(encoding="utf-8")


def asset_text(name: str) -> str:
    return vis_network_js() if name == "vis-network.min.js" else template(name)


def script_json(data: Any) -> str:
    """JSON that cannot end its <script> element: `<`, `>`, `&` and the JS line separators escaped."""
    if _COMPACT_C is None or isinstance(data, str):
        return _escape(_COMPACT.encode(data))
    return _escape("".join(_COMPACT_C(data, 0)))


@dataclass
class EventsJson:
    """Event id -> the JSON text of the id and the event as pages carry it, in full or in brief,
    encoded in UTF-8 once for every page that carries it."""

    full: dict[str, bytes] = field(default_factory=dict)
    brief: dict[str, bytes] = field(default_factory=dict)
    edges: dict[str, tuple[list[str], bytes]] = field(default_factory=dict)
    """Edge id -> its events and its JSON text: a MET edge is drawn alike on every ego page
    showing both its actors (a filtered view draws it with fewer events: those are compared)."""


def page_json(data: dict[str, Any], events_json: EventsJson) -> bytes:
    """script_json(data) in UTF-8, byte for byte, with each of data["events"] encoded once for
    every page that shows it (the escaping is per character, so escaped parts join into the
    escaped whole)."""
    parts = []
    full, brief = events_json.full, events_json.brief
    for key, value in data.items():
        if key == "events":
            # event_json's lookup inlined: a hub's page carries thousands of events.
            encoded = [
                (brief if "brief" in event else full).get(event_id)
                or event_json(event_id, event, events_json)
                for event_id, event in value.items()
            ]
            parts.append(f"{script_json(key)}:{{".encode() + b",".join(encoded) + b"}")
        elif key == "edges":
            encoded = [_edge_json(edge, events_json.edges) for edge in value]
            parts.append(f"{script_json(key)}:[".encode() + b",".join(encoded) + b"]")
        else:
            parts.append(f"{script_json(key)}:{script_json(value)}".encode())
    return b"{" + b",".join(parts) + b"}"


def _edge_json(edge: dict[str, Any], known: dict[str, tuple[list[str], bytes]]) -> bytes:
    made = known.get(edge["id"])
    if made is None or made[0] != edge["events"]:
        made = known[edge["id"]] = (edge["events"], script_json(edge).encode())
    return made[1]


def event_json(event_id: str, event: dict[str, Any], events_json: EventsJson) -> bytes:
    """The JSON text of `"id":event` in UTF-8, made once per build."""
    known = events_json.brief if "brief" in event else events_json.full
    text = known.get(event_id)
    if text is None:
        text = known[event_id] = f"{script_json(event_id)}:{script_json(event)}".encode()
    return text


def _escape(text: str) -> str:
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


@dataclass(frozen=True)
class Assets:
    """Where a page gets its scripts: inlined (one self-contained file) or from a shared folder
    next to it, so thousands of ego views do not each carry half a megabyte of vis-network."""

    shared_dir: str | None = None
    """Relative URL of the folder holding ASSET_FILES, or None to inline them."""

    def scripts_and_policy(self) -> tuple[str, str]:
        return _scripts_and_policy(self.shared_dir)


@cache
def _scripts_and_policy(shared_dir: str | None) -> tuple[str, str]:
    """Made once per process: inlined, the policy hashes half a megabyte of scripts."""
    if shared_dir is None:
        sources = [asset_text(name) for name in ASSET_FILES]
        scripts = "\n".join(f"<script>{source}</script>" for source in sources)
        allowed = " ".join(f"'{_sha256(s)}'" for s in sources)
    else:
        folder = html.escape(shared_dir)
        scripts = "\n".join(f'<script src="{folder}/{name}"></script>' for name in ASSET_FILES)
        allowed = LOCAL_SCRIPTS
    return scripts, page_policy(allowed)


def page_policy(script_src: str) -> str:
    """The Content-Security-Policy of a view page: scripts from `script_src` only, nothing fetched."""
    return (
        f"default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; img-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


def fill(template_name: str, values: Mapping[str, str | bytes]) -> bytes:
    """The template in UTF-8 with each __NAME__ replaced by values["NAME"] (text, or UTF-8 bytes:
    a large page is joined once, never copied as text), in one pass, so a placeholder-like string
    inside the data is never substituted."""
    pieces = _PLACEHOLDER.split(template(template_name))
    # split keeps the names it splits at: text, name, text, ..., name, text
    out = []
    for i, piece in enumerate(pieces):
        value = values[piece] if i % 2 else piece
        out.append(value if isinstance(value, bytes) else value.encode())
    return b"".join(out)


def render_page(data: dict[str, Any], assets: Assets, events_json: EventsJson | None = None) -> bytes:
    """The page in UTF-8; `events_json` (see page_json) is shared by the pages of one build, whose
    events are the same dicts in every page."""
    return _fill_page(
        data, assets, script_json(data) if events_json is None else page_json(data, events_json)
    )


def page_frame(data: dict[str, Any], assets: Assets) -> bytes:
    """The page of `data` in UTF-8 with DATA_MARK where its data goes."""
    return _fill_page(data, assets, DATA_MARK)


def _fill_page(data: dict[str, Any], assets: Assets, data_text: str | bytes) -> bytes:
    scripts, policy = assets.scripts_and_policy()
    values: dict[str, str | bytes] = {
        "CSP": html.escape(policy, quote=False),
        "TITLE": html.escape(str(data.get("title", "kg view"))),
        "CSS": template("view.css"),
        "DATA": data_text,
        "SCRIPTS": scripts,
    }
    return fill("view.html", values)


def write_assets(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ASSET_FILES:
        (folder / name).write_text(asset_text(name), encoding="utf-8")
