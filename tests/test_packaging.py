"""An installed wheel finds its Cypher, RDF and dictionary files without a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_schema_queries_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kg/_resources/schema/ontology.ttl" in names
    assert any(n.startswith("kg/_resources/queries/") and n.endswith(".cypher") for n in names)
    assert "kg/data/topics.yaml" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Run from an empty folder with only the unpacked wheel on the path: no checkout to fall back on.
    script = (
        "import kg, kg.resources as r, kg.queries as q\n"
        f"assert kg.__file__.startswith({str(site)!r}), kg.__file__\n"
        "print(r.resource_dir('queries'), len(q.list_queries()))\n"
        "from kg.actors import ActorDictionary\n"
        "print(ActorDictionary.load().lookup('習近平').id)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    folder, count = out[0].rsplit(" ", 1)
    assert folder.startswith(str(site)) and int(count) >= 12
    assert out[1] == "person:xi-jinping"
