"""docker-compose.yml runs the Neo4j that kg's defaults point at."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import yaml

from kg.backends.neo4j import SERVER_SERIES
from kg.backends.neo4j_settings import DEFAULT_URI, DEFAULT_USER

ROOT = Path(__file__).resolve().parent.parent


def _service() -> dict:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return compose["services"]["neo4j"], compose


def test_image_is_the_tested_release_line():
    service, _ = _service()
    assert service["image"] == f"neo4j:{SERVER_SERIES}-community"
    pom = (ROOT / "scripts" / "neo4j" / "pom.xml").read_text(encoding="utf-8")
    assert f"<neo4j.version>{SERVER_SERIES}." in pom


def test_ports_match_the_default_uri():
    service, _ = _service()
    published = {
        int(p.split(":")[0]): int(p.split(":")[1])
        for p in (str(x).split("#")[0].strip() for x in service["ports"])
    }
    assert published[urlparse(DEFAULT_URI).port] == 7687
    assert published[7474] == 7474


def test_auth_from_env_and_data_in_named_volumes():
    service, compose = _service()
    assert service["environment"]["NEO4J_AUTH"].startswith("${NEO4J_AUTH")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    auth = next(line.split("=", 1)[1] for line in example.splitlines() if line.startswith("NEO4J_AUTH="))
    user, password = auth.split("/", 1)
    assert user == DEFAULT_USER and f"NEO4J_PASSWORD={password}" in example and len(password) >= 8
    mounts = {v.split(":")[1]: v.split(":")[0] for v in service["volumes"]}
    assert set(mounts) == {"/data", "/logs"}
    assert set(mounts.values()) <= set(compose["volumes"])


def test_healthcheck_probes_the_http_port():
    service, _ = _service()
    check = service["healthcheck"]
    assert "7474" in " ".join(check["test"])
    assert check["retries"] >= 3
