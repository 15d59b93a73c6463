"""Turtle and N-Triples in one canonical order, so the same triples always give the same bytes.

rdflib's own Turtle writer orders subjects by reference counts and is several times slower
on large graphs; these writers sort subjects, predicates (rdf:type first) and objects by text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rdflib import RDF, XSD, Graph, URIRef
from rdflib import Literal as Lit
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

# A Turtle local name we can write without backslash escapes: no leading '-' or '.', no trailing '.'.
_PN_LOCAL = re.compile(
    r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:(?:[A-Za-z0-9_.\-]|%[0-9A-Fa-f]{2})*(?:[A-Za-z0-9_\-]|%[0-9A-Fa-f]{2}))?"
)
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Literals Turtle writes bare (10, true) when their lexical form is the plain one.
_BARE = {XSD.integer: re.compile(r"[+-]?[0-9]+"), XSD.boolean: re.compile(r"true|false")}


def _escape(text: str) -> str:
    """Quotes, backslashes and every control character escaped; all else as UTF-8."""
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


class _Terms:
    """The text of terms: with `prefixes`, Turtle's short forms; without, N-Triples' full ones."""

    def __init__(self, prefixes: Sequence[tuple[str, str]] = ()) -> None:
        # Longest namespace first, so id/person/ wins over a shorter namespace that also matches.
        self.prefixes = sorted(((ns, prefix) for prefix, ns in prefixes), key=lambda p: -len(p[0]))
        self.turtle = bool(prefixes)
        self.cache: dict[Node, str] = {}

    def iri(self, iri: URIRef) -> str:
        for ns, prefix in self.prefixes:
            if iri.startswith(ns) and _PN_LOCAL.fullmatch(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"

    def literal(self, term: Lit) -> str:
        lexical = str(term)
        if self.turtle and term.datatype in _BARE and _BARE[term.datatype].fullmatch(lexical):
            return lexical
        text = f'"{_escape(lexical)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{self.iri(term.datatype)}"
        return text

    def __call__(self, term: Node) -> str:
        text = self.cache.get(term)
        if text is None:
            if isinstance(term, URIRef):
                text = self.iri(term)
            elif isinstance(term, Lit):
                text = self.literal(term)
            else:
                raise ValueError(f"the export writes IRIs and literals only, not {term!r}")
            self.cache[term] = text
        return text


def turtle_text(triples: Iterable[Triple], prefixes: Sequence[tuple[str, str]]) -> str:
    """Turtle: one block per subject; subjects, predicates (rdf:type first, as `a`) and objects sorted."""
    term = _Terms(prefixes)
    subjects: dict[str, dict[str, set[str]]] = {}
    for s, p, o in triples:
        predicate = "a" if p == RDF.type else term(p)
        subjects.setdefault(term(s), {}).setdefault(predicate, set()).add(term(o))
    lines = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(prefixes)]
    for subject in sorted(subjects):
        predicates = subjects[subject]
        order = sorted(predicates, key=lambda p: (p != "a", p))
        body = " ;\n    ".join(f"{p} {', '.join(sorted(predicates[p]))}" for p in order)
        lines.append(f"\n{subject} {body} .")
    return "\n".join(lines) + "\n"


def ntriples_text(triples: Iterable[Triple]) -> str:
    """N-Triples, one statement a line, lines sorted."""
    term = _Terms()
    lines = sorted({f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples})
    return "".join(lines)


def canonical_turtle(rdf: Graph) -> str:
    return turtle_text(rdf, [(prefix, str(ns)) for prefix, ns in rdf.namespaces()])


def canonical_ntriples(rdf: Graph) -> str:
    return ntriples_text(rdf)
