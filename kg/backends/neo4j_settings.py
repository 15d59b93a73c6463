"""Where Neo4j is and how to log in: what the CLI and the API need before any connection, without
loading the driver (importing it costs a tenth of a second, on every `kg` command)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.errors import DatabaseError, InputError, Unreachable, one_line

if TYPE_CHECKING:
    from neo4j import Driver

DEFAULT_BATCH_SIZE = 5000
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
CONNECT_TIMEOUT = 3.0
"""Seconds to reach the server before giving up (a refused address fails at once)."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Where Neo4j is and how to log in; the CLI fills it from flags and NEO4J_* variables."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    def open_driver(self) -> Driver:
        """A driver that has reached the server: an address that refuses or does not resolve
        fails here within CONNECT_TIMEOUT seconds, naming the address and what to do. Transient
        errors later on are still retried by the driver's managed transactions."""
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        auth = (self.user, self.password) if self.password else None
        try:
            driver = GraphDatabase.driver(self.uri, auth=auth, connection_timeout=CONNECT_TIMEOUT)
        except ValueError as exc:
            raise InputError(f"bad Neo4j address {self.uri!r}: {one_line(exc)}") from None
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, OSError) as exc:
            driver.close()
            raise Unreachable(
                f"no Neo4j answers at {self.uri} ({one_line(exc)}): start it with `docker compose up -d`, "
                "check the address with `kg doctor` (or set NEO4J_URI / --uri)"
            ) from None
        except Neo4jError as exc:
            driver.close()
            raise DatabaseError(f"Neo4j at {self.uri} refused the connection: {one_line(exc)}") from None
        return driver
