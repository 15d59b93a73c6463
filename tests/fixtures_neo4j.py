"""A real Neo4j for the tests: the server NEO4J_URI names, or Neo4j Community started embedded
by scripts/neo4j/Launcher.java on a free loopback port with a temporary data folder.

Without NEO4J_URI, Java and Maven are needed (scripts/setup-neo4j.sh fetches the jars once). When
Neo4j cannot be had the tests that need it are skipped, unless KG_REQUIRE_NEO4J=1 (CI), which
turns that into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "scripts" / "neo4j" / "Launcher.java"
SETUP = ROOT / "scripts" / "setup-neo4j.sh"
START_TIMEOUT = 240.0
JAVA_OPTIONS = [
    "-Xmx768m",
    "-XX:+UseSerialGC",
    # Neo4j's packaged scripts pass these; run from plain jars on Java 17 it needs them too.
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
]


def neo4j_home() -> Path:
    return Path(os.environ.get("KG_NEO4J_HOME") or Path.home() / ".cache" / "kg" / "neo4j")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LaunchedNeo4j:
    """A Neo4j process started from the launcher; `stop()` closes its stdin, which shuts it down cleanly."""

    def __init__(self, data_dir: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.log = data_dir / "launcher.log"
        lib = neo4j_home() / "lib"
        self._log_handle = self.log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            ["java", *JAVA_OPTIONS, "-cp", f"{lib}/*", str(LAUNCHER), str(self.port), str(data_dir / "db")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log_handle,
            text=True,
        )
        self._ready = threading.Event()
        threading.Thread(target=self._watch, args=(self.process.stdout,), daemon=True).start()

    def _watch(self, stream: IO[str] | None) -> None:
        assert stream is not None
        for line in stream:
            if line.startswith("READY"):
                self._ready.set()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not self._ready.wait(0.5):
            if self.process.poll() is not None:
                code = self.process.returncode
                raise RuntimeError(f"Neo4j launcher exited with {code}: {self._log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Neo4j did not start within {timeout:.0f}s: {self._log_tail()}")

    def _log_tail(self) -> str:
        self._log_handle.flush()
        return " | ".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-5:])

    def stop(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        self._log_handle.close()


def start_neo4j(data_dir: Path) -> LaunchedNeo4j:
    """Fetch the jars if needed (scripts/setup-neo4j.sh), start Neo4j and wait until it serves Bolt."""
    if shutil.which("java") is None or shutil.which("mvn") is None:
        raise RuntimeError("Neo4j unavailable: NEO4J_URI is not set and java or mvn is not installed")
    setup = subprocess.run(["bash", str(SETUP)], capture_output=True, text=True, check=False)
    if setup.returncode != 0:
        raise RuntimeError(f"Neo4j unavailable: scripts/setup-neo4j.sh failed: {setup.stderr.strip()[-500:]}")
    server = LaunchedNeo4j(data_dir)
    server.wait_ready()
    return server


def _unavailable(reason: str) -> None:
    if os.environ.get("KG_REQUIRE_NEO4J") == "1":
        pytest.fail(f"{reason} (KG_REQUIRE_NEO4J=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    external = os.environ.get("NEO4J_URI")
    if external:
        yield external
        return
    try:
        server = start_neo4j(tmp_path_factory.mktemp("neo4j"))
    except RuntimeError as exc:
        _unavailable(str(exc))
        return
    try:
        yield server.uri
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri: str) -> Iterator[object]:
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    password = os.environ.get("NEO4J_PASSWORD")
    auth = (os.environ.get("NEO4J_USER", "neo4j"), password) if password else None
    driver = GraphDatabase.driver(neo4j_uri, auth=auth)
    try:
        driver.verify_connectivity()
    except (ServiceUnavailable, Neo4jError, OSError) as exc:
        driver.close()
        _unavailable(f"Neo4j at {neo4j_uri} is not reachable: {exc}")
        return
    try:
        yield driver
    finally:
        driver.close()
