"""Dates in news text: find and resolve date expressions, infer an article's date."""

from kg.dates.find import DateMention, find_dates
from kg.dates.infer import infer_publication_date

__all__ = ["DateMention", "find_dates", "infer_publication_date"]
