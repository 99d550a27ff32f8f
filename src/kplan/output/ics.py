"""The plan's calendar (RFC 5545): milestones on their due day, meetings at their time.

Written by hand, so every byte is ours: CRLF line endings, lines folded at 75 octets
(never inside a UTF-8 character), TEXT values with ``\\``, ``;``, ``,`` and newlines
escaped. A milestone is an all-day event on ``Due.last_day()``; a meeting with a time
(``09:00–11:00``) is an event in Europe/Prague with its VTIMEZONE, one without a time an
all-day event. UIDs are derived from the plan (its area, else its title), the activity's
full reference and the milestone's title (or the meeting's file name), so a subscribed
calendar updates its events instead of adding them again. No contacts are written.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import chain, islice

from kplan.i18n import Lang, say
from kplan.output.format import label
from kplan.plan.activity import Activity, Milestone
from kplan.plan.dates import Due
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.plan.statuses import MilestoneStatus
from kplan.query.status import activity_key, group_name, meeting_id
from kplan.visible import printable_lines

TZID = "Europe/Prague"
LINES_A_PIECE = 4096
PRODID = "-//kplan//Komunitni plan//CS"
_TIME = re.compile(r"\s*([0-9]{1,2}):([0-9]{2})(?:\s*[–-]\s*([0-9]{1,2}):([0-9]{2}))?\s*\Z")

VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE")


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    summary: str
    start: date | datetime
    """A date: an all-day event; a datetime: local time in Europe/Prague."""
    end: date | datetime
    description: str
    location: str | None = None
    cancelled: bool = False


def parse_time(text: str) -> tuple[time, time | None] | None:
    """``09:00–11:00`` → (9:00, 11:00); ``9:00`` → (9:00, None); anything else None."""
    match = _TIME.match(text)
    if not match:
        return None
    try:
        start = time(int(match[1]), int(match[2]))
        end = time(int(match[3]), int(match[4])) if match[3] else None
    except ValueError:
        return None
    return start, end if end is None or end > start else None


def _uid(kind: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{kind}-{digest}@kplan"


def plan_key(plan: Plan) -> str:
    meta = plan.meta
    return (meta.area or meta.title) if meta else ""


def milestone_events(plan: Plan, group: str | None = None) -> Iterator[Event]:
    key = plan_key(plan)
    lang: Lang = plan.meta.locale.value if plan.meta else "cs"
    for card in sorted(plan.activities, key=activity_key):
        if group is not None and card.group != group:
            continue
        activity = plan.whole(card)
        seen: Counter[str] = Counter()
        for milestone in activity.milestones:
            if milestone.due.is_ongoing:  # no day to put it on
                continue
            seen[milestone.title] += 1
            nth = "" if seen[milestone.title] == 1 else f"#{seen[milestone.title]}"
            days = event_days(milestone.due)
            if days is None:
                continue
            yield Event(_uid("milestone", key, activity.ref, milestone.title + nth),
                        f"{activity.id} {milestone.title}", *days,
                        _milestone_text(activity, milestone, lang),
                        cancelled=milestone.status is MilestoneStatus.CANCELLED)


_WORDS = {"status": ("Stav", "Status"), "due": ("termín", "due"), "card": ("Karta", "Card"),
          "minutes": ("Zápis", "Minutes")}


def event_days(due: Due) -> tuple[date, date] | None:
    """An all-day event's first day and the day after its last: the due day; a range
    (``2019–2021``) from its first to its last day; None for an ongoing step
    (``průběžně``), which has no day to mark (docs/decisions.md)."""
    if getattr(due, "ongoing", False):
        return None
    last = due.last_day()
    first = due.first_day() if getattr(due, "is_range", False) else last
    return first, last + timedelta(days=1)


def _milestone_text(activity: Activity, milestone: Milestone, lang: Lang) -> str:
    lines = [f"{activity.ref}: {activity.title}",
             f"{say(_WORDS, 'status', lang)}: {label(milestone.status.value, lang)}"
             f" ({say(_WORDS, 'due', lang)} {milestone.due})"]
    if milestone.note:
        lines.append(milestone.note)
    lines.append(f"{say(_WORDS, 'card', lang)}: {activity.file} ({activity.ref})")
    return "\n".join(lines)


def meeting_events(plan: Plan, group: str | None = None) -> Iterator[Event]:
    key = plan_key(plan)
    for meeting in sorted(plan.meetings, key=lambda m: (m.date, m.file)):
        if group is not None and meeting.group_id != group:
            continue
        yield _meeting_event(plan, key, meeting)


def _meeting_event(plan: Plan, key: str, meeting: Meeting) -> Event:
    lang: Lang = plan.meta.locale.value if plan.meta else "cs"
    name = group_name(plan, meeting.group_id) or meeting.group_id
    summary = meeting.title or f"{label(meeting.kind.value, lang).capitalize()}: {name}"
    lines = [name]
    lines += [f"– {item}" for item in meeting.agenda]
    lines.append(f"{say(_WORDS, 'minutes', lang)}: {meeting.file} "
                 f"({meeting_id(meeting)})")
    times = parse_time(meeting.time) if meeting.time else None
    start: date | datetime
    end: date | datetime
    if times is None:
        start, end = meeting.date, meeting.date + timedelta(days=1)
    else:
        start = datetime.combine(meeting.date, times[0])
        end = datetime.combine(meeting.date, times[1]) if times[1] else start + timedelta(hours=1)
    return Event(_uid("meeting", key, meeting_id(meeting)), summary, start, end,
                 "\n".join(lines), meeting.place)


# --- writing -----------------------------------------------------------------------------------

def escape_text(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped; control characters,
    which TEXT does not allow, as their stand-ins (``kplan.visible``)."""
    text = printable_lines(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF and a space, between characters."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def _stamp(value: date | datetime, name: str) -> str:
    if isinstance(value, datetime):
        return f"{name};TZID={TZID}:{value:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def _event_lines(event: Event, stamp: datetime) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
             _stamp(event.start, "DTSTART"), _stamp(event.end, "DTEND"),
             f"SUMMARY:{escape_text(event.summary)}",
             f"DESCRIPTION:{escape_text(event.description)}"]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if isinstance(event.start, date) and not isinstance(event.start, datetime):
        lines.append("TRANSP:TRANSPARENT")
    if event.cancelled:
        lines.append("STATUS:CANCELLED")
    lines.append("END:VEVENT")
    return lines


def calendar_text(plan: Plan, group: str | None, stamp: datetime) -> str:
    """The whole calendar; ``stamp`` (UTC) is every event's DTSTAMP."""
    return "".join(calendar_pieces(plan, group, stamp))


def calendar_bytes(plan: Plan, group: str | None, stamp: datetime) -> bytes:
    """The calendar in UTF-8, encoded a piece at a time: the lines of a big plan (on
    10,000 cards, 600,000 of them) are never all held as strings."""
    return b"".join(piece.encode("utf-8") for piece in calendar_pieces(plan, group, stamp))


def calendar_pieces(plan: Plan, group: str | None, stamp: datetime) -> Iterator[str]:
    """The calendar's text, folded, a few thousand lines a piece."""
    meetings = list(meeting_events(plan, group))  # only meetings have a time of day
    title = plan.meta.title if plan.meta else "kplan"
    if group is not None:
        title = f"{title} – {group_name(plan, group) or group}"
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(title)}", f"X-WR-TIMEZONE:{TZID}"]
    if any(isinstance(e.start, datetime) for e in meetings):
        head += VTIMEZONE
    events = chain(milestone_events(plan, group), meetings)
    lines = chain(head, (line for e in events for line in _event_lines(e, stamp)),
                  ["END:VCALENDAR"])
    while piece := list(islice(lines, LINES_A_PIECE)):
        yield "".join(fold(line) + "\r\n" for line in piece)
