"""The date of one event, chosen among its sentence's date mentions and the article's story.

A sentence's own date wins: its most precise one, before the verb when there are several
(`12月3日，王毅同…会谈，双方同意…2025年…` is the 3rd). Dates that only name a goal, a
reference or the report (kg.dates.roles) never date an event. `同日`/`当天` is the previous
event's day. A sentence with no date of its own tells of the meeting it belongs to, else of
the event told just before it, else of the article's lead. A sentence naming a day the text
does not fix (`on Friday` with no article date) stays undated rather than borrow another date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from kg.dates import resolve as R
from kg.dates.find import DateMention, find_dates
from kg.dates.infer import report_date
from kg.records import PartialDate
from kg.text.datelines import find_dateline
from kg.text.quotations import unquoted

EVENT_KINDS = ("absolute", "relative", "weekday")
"""Mentions that may date an event; same_day and vague are handled apart, the others never do."""
LEAD_LINES = 4
"""How many lines from the top hold the article's lead (after a headline and a dateline)."""
NEAR_PUBLICATION_DAYS = 7
"""An undated event is at most about a week before its article: the article's month is safe
only when its day is past this."""


@dataclass(frozen=True)
class StoryDates:
    """What an article says about when its story happened."""

    anchor: PartialDate | None
    """What relative dates count from: the wire dateline's day, else the publication date."""
    lead: PartialDate | None
    """The date of the lead, the article's main event."""
    published: PartialDate | None


@lru_cache(maxsize=8)
def story_dates(text: str, published: PartialDate | None) -> StoryDates:
    """The anchor and lead date of an article (its simplified text), computed once per article."""
    anchor = report_date(text, published) or published
    return StoryDates(anchor, _lead(text, anchor), published)


def _lead(text: str, anchor: PartialDate | None) -> PartialDate | None:
    # What someone is quoted saying ("去年3月，我…") tells no date of the article's story.
    lines = [unquoted(line) for line in text.split("\n") if line.strip()][:LEAD_LINES]
    dateline: PartialDate | None = None
    for line in lines:
        if find_dateline([line]) is not None:
            continue  # `2016-06-27 08:32 来源：…` dates the page, not the story
        for sentence in re.split(r"(?<=[。！？!?])|(?<=[.;])\s", line):
            mentions = find_dates(sentence, anchor)
            told = [m for m in mentions if m.kind in EVENT_KINDS]
            if told:
                return told[0].date  # None when the text does not fix it: no later date stands in
            dateline = dateline or next((m.date for m in mentions if m.kind == "dateline" and m.date), None)
    return dateline


def event_date(
    mentions: Sequence[DateMention],
    story: StoryDates,
    *,
    before: int | None = None,
    previous: PartialDate | None = None,
    context: PartialDate | None = None,
) -> tuple[PartialDate | None, str | None]:
    """(date, the text that fixed it) of an event told in a sentence with these `mentions`;
    `before` is where the event's verb ends, `previous` the date of the event told just
    before (for 同日), `context` the date of the event this one belongs to (an agreement's
    meeting), if any."""
    usable = [m for m in mentions if m.date is not None and m.kind in EVENT_KINDS]
    shifted = next((m for m in mentions if m.kind in ("day_after", "day_before")), None)
    if shifted is not None:
        # "took office on Oct. 1, spoke with … the following day": a day from the date before it.
        earlier = [m.date for m in usable if m.start < shifted.start and m.date is not None]
        base = earlier[-1] if earlier else previous or story.lead
        if base is None or base.day is None:
            return None, None
        step = timedelta(days=1 if shifted.kind == "day_after" else -1)
        return R.of(R.latest_day(base) + step), shifted.text
    if usable:
        prior = [m for m in usable if before is None or m.start < before] or usable
        best = max(prior, key=lambda m: (_precision(m.date), -m.start))
        return best.date, best.text
    same_day = [m for m in mentions if m.kind == "same_day"]
    if same_day:
        return previous or story.lead, same_day[0].text
    if any(m.kind in EVENT_KINDS for m in mentions):
        return None, None  # a day is named (on Friday) but the text does not fix it
    dateline = next((m for m in mentions if m.kind == "dateline" and m.date is not None), None)
    if dateline is not None:
        return dateline.date, dateline.text
    vague = next((m for m in mentions if m.kind == "vague"), None)
    if vague is not None:
        return near(story.published), vague.text
    return context or previous or story.lead or near(story.published), None


def near(published: PartialDate | None) -> PartialDate | None:
    """What an article's date fixes of an event it tells without a date (日前, recently)."""
    if published is None or published.month is None:
        return published
    if published.day is not None and published.day > NEAR_PUBLICATION_DAYS:
        return PartialDate(published.year, published.month)
    return PartialDate(published.year)


def _precision(value: PartialDate | None) -> int:
    return 0 if value is None else {"year": 1, "month": 2, "day": 3}[value.precision]
