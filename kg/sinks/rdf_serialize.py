"""The export's triples as plain values, and Turtle and N-Triples written from them as text.

An IRI is a `str` and a literal a `Literal` tuple: both hash and compare at C speed, where each
of rdflib's terms costs Python calls to build, hash and compare (an export holds millions).
Turtle and N-Triples come out in one canonical order, so the same triples always give the same
bytes: subjects, predicates (rdf:type first, as `a`) and objects sorted by their text. rdflib's
own Turtle writer orders subjects by reference counts and is several times slower; rdflib terms
are made only for the callers that want an rdflib Graph (`rdflib_triples`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import NamedTuple

from rdflib import Literal as RdflibLiteral
from rdflib import URIRef
from rdflib.term import Node

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


class Literal(NamedTuple):
    """An RDF literal: its lexical form, and a language tag or a datatype IRI (neither: a plain string)."""

    lexical: str
    language: str | None = None
    datatype: str | None = None


Term = str | Literal
"""A subject, predicate or object: an IRI (str) or a literal."""
Triples = dict[str, dict[str, list[Term]]]
"""Subject IRI -> predicate IRI -> objects (a triple added twice is written once)."""

# A Turtle local name we can write without backslash escapes: no leading '-' or '.', no trailing '.'.
_PN_LOCAL = re.compile(
    r"(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:(?:[A-Za-z0-9_.\-]|%[0-9A-Fa-f]{2})*(?:[A-Za-z0-9_\-]|%[0-9A-Fa-f]{2}))?"
)
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_NEXT_PREDICATE = " ;\n    "
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Literals Turtle writes bare (10, true) when their lexical form is the plain one.
_BARE = {XSD + "integer": re.compile(r"[+-]?[0-9]+"), XSD + "boolean": re.compile(r"true|false")}


def _escape(text: str) -> str:
    """Quotes, backslashes and every control character escaped; all else as UTF-8."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


class _Terms(dict[Term, str]):
    """The text of terms, `terms[term]`, each worked out once: with `prefixes`, Turtle's short
    forms; without, N-Triples' full ones."""

    def __init__(self, prefixes: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__()
        # A prefixed name's local part holds no '/' or '#', so with every namespace ending in one
        # of them the only namespace that can shorten an IRI is the IRI up to its last '/' or '#'.
        self.namespaces = {ns: prefix for prefix, ns in prefixes}
        if any(ns[-1:] not in ("/", "#") for ns in self.namespaces):
            raise ValueError(f"every namespace must end in '/' or '#': {sorted(self.namespaces)}")
        self.turtle = bool(prefixes)

    def __missing__(self, term: Term) -> str:
        text = self[term] = self.iri(term) if isinstance(term, str) else self.literal(term)
        return text

    def iri(self, iri: str) -> str:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self.namespaces.get(iri[:cut])
        if prefix is not None and _PN_LOCAL.fullmatch(iri, cut):
            return f"{prefix}:{iri[cut:]}"
        return f"<{iri}>"

    def literal(self, term: Literal) -> str:
        lexical, language, datatype = term
        if self.turtle and datatype in _BARE and _BARE[datatype].fullmatch(lexical):
            return lexical
        text = f'"{_escape(lexical)}"'
        if language:
            return f"{text}@{language}"
        if datatype is not None and datatype != XSD + "string":
            return f"{text}^^{self.iri(datatype)}"
        return text

    def objects(self, objects: list[Term]) -> str:
        """An object list, sorted, each object once."""
        if len(objects) == 1:
            return self[objects[0]]
        return ", ".join(sorted({self[o] for o in objects}))


TURTLE_END = "\n"


def turtle_header(prefixes: Sequence[tuple[str, str]]) -> str:
    return "\n".join(f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(prefixes))


def turtle_subjects(triples: Triples, prefixes: Sequence[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(subject as written, subject IRI, the subject's chunk of Turtle), sorted as written: each
    chunk starts with a blank line and the subject, then predicates (rdf:type first, as `a`) and
    objects sorted."""
    terms = _Terms(prefixes)
    subjects = sorted(((terms[s], s, ps) for s, ps in triples.items()), key=itemgetter(0))
    chunks = []
    for subject, iri, predicates in subjects:
        types = predicates.get(RDF_TYPE)
        pairs = [f"a {terms.objects(types)}"] if types else []
        others = sorted((terms[p], objects) for p, objects in predicates.items() if p != RDF_TYPE)
        pairs.extend(f"{p} {terms.objects(objects)}" for p, objects in others)
        chunks.append((subject, iri, f"\n\n{subject} {_NEXT_PREDICATE.join(pairs)} ."))
    return chunks


def turtle_chunks(triples: Triples, prefixes: Sequence[tuple[str, str]]) -> Iterator[str]:
    """Turtle, a chunk per subject (turtle_subjects) after the prefixes."""
    yield turtle_header(prefixes)
    for _, _, chunk in turtle_subjects(triples, prefixes):
        yield chunk
    yield TURTLE_END


def ntriples_lines(triples: Triples) -> list[str]:
    """N-Triples, one statement a line, lines sorted."""
    terms = _Terms()
    lines: set[str] = set()
    for s, predicates in triples.items():
        subject = terms[s]
        for p, objects in predicates.items():
            head = f"{subject} {terms[p]} "
            lines.update(f"{head}{terms[o]} .\n" for o in objects)
    return sorted(lines)


def rdflib_term(term: Term) -> Node:
    if isinstance(term, str):
        return URIRef(term)
    lexical, language, datatype = term
    return RdflibLiteral(lexical, lang=language, datatype=URIRef(datatype) if datatype else None)


def rdflib_triples(triples: Triples) -> Iterator[tuple[Node, Node, Node]]:
    for s, predicates in triples.items():
        subject = URIRef(s)
        for p, objects in predicates.items():
            predicate = URIRef(p)
            for o in objects:
                yield subject, predicate, rdflib_term(o)
