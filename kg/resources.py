"""Find the Cypher and RDF resources, from a checkout or from an installed wheel."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: Literal["schema", "queries"]) -> Path:
    # A wheel carries them inside the package (see pyproject force-include);
    # a checkout or an editable install has them at the top level.
    for candidate in (_PACKAGE / "_resources" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg resource folder '{name}' not found next to {_PACKAGE}")


def data_dir() -> Path:
    return _PACKAGE / "data"
