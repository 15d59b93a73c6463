"""The export's literals: dates typed by how much of them is known, property values typed as
rdflib types them, and names tagged with the language of their script."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rdflib import Literal as RdflibLiteral

from kg.names import is_cjk, to_simplified
from kg.sinks.rdf_serialize import XSD, Literal

_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LATIN = re.compile(r"[A-Za-z]")
_DATE, _GYEARMONTH, _GYEAR = XSD + "date", XSD + "gYearMonth", XSD + "gYear"
_BOOLEAN, _INTEGER = XSD + "boolean", XSD + "integer"


def date_literal(text: str) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear by how much of the date is known.

    Text that is no valid date stays a plain string, which the shapes then reject.
    """
    if _DAY.fullmatch(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return Literal(text)
        return Literal(text, datatype=_DATE)
    if _YEAR_MONTH.fullmatch(text):
        return Literal(text, datatype=_GYEARMONTH)
    if _YEAR.fullmatch(text):
        return Literal(text, datatype=_GYEAR)
    return Literal(text)


def value_literal(value: str | int | bool | Any) -> Literal:
    """A property's value as the literal rdflib would make of it (xsd:integer, xsd:boolean, ...)."""
    if type(value) is str:
        return Literal(value)
    if type(value) is bool:
        return Literal("true" if value else "false", datatype=_BOOLEAN)
    if type(value) is int:
        return Literal(str(value), datatype=_INTEGER)
    term = RdflibLiteral(value)
    return Literal(str(term), term.language, str(term.datatype) if term.datatype else None)


def script_tag(text: str) -> str | None:
    """zh-Hant when converting to simplified changes the text, zh-Hans for other Chinese, en for Latin."""
    if is_cjk(text):
        return "zh-Hant" if to_simplified(text) != text else "zh-Hans"
    if _LATIN.search(text):
        return "en"
    return None


def tagged(text: str) -> Literal:
    return Literal(text, script_tag(text))
