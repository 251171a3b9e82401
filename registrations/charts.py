"""The dashboard's two charts, drawn on the server as SVG: sign-ups per day since opening, and
the seats of each mini-conference. This module computes the figures and the geometry; the
templates (registrations/staff/includes/*_chart.html) only draw it. Each chart sits beside a
table that holds the same numbers, for screen readers and for whoever prefers to read them.
"""

import datetime
from typing import NamedTuple

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from programme import clock

from .models import Registration

WIDTH = 640  # SVG user units; the image scales to the column's width
BAR_AREA = 160  # height of the bars' area in the sign-ups chart
MAX_DAYS = 120  # a longer opening is summed by week rather than drawn day by day


class Bar(NamedTuple):
    day: datetime.date
    count: int
    total: int  # sign-ups up to this day included
    x: float
    y: float
    width: float
    height: float
    labelled: bool  # whether the axis shows this day's date


def daily_signups(edition):
    """{date in the site's time zone: number of sign-ups that day} (one query). Every sign-up
    counts on the day it was made, including those cancelled since: the chart tells how the
    sign-ups came, the table of profiles how many hold a place now."""
    rows = (
        Registration.objects.of_edition(edition)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by("day")
    )
    return {row["day"]: row["count"] for row in rows}


def signup_days(edition, counts):
    """Every day from the opening (or the first sign-up) to today or the closing: the days
    without a sign-up are bars of zero, not gaps."""
    dates = sorted(counts)
    opens = edition.registration_opens_at
    first = timezone.localdate(opens) if opens else (dates[0] if dates else None)
    if first is None:
        return []
    last = clock.today()
    closes = edition.registration_closes_at
    if closes:
        last = min(last, timezone.localdate(closes))
    if dates:
        first, last = min(first, dates[0]), max(last, dates[-1])
    length = min((last - first).days + 1, MAX_DAYS)
    return [last - datetime.timedelta(days=offset) for offset in reversed(range(length))]


def signup_bars(edition):
    """The bars of the sign-ups chart and the height of its tallest one."""
    counts = daily_signups(edition)
    days = signup_days(edition, counts)
    if not days:
        return [], 0
    # What came before the days drawn (a very long opening) still counts in the running total.
    total = sum(count for day, count in counts.items() if day < days[0])
    tallest = max([counts.get(day, 0) for day in days] + [1])
    step = WIDTH / len(days)
    label_every = max(1, round(len(days) / 8))
    bars = []
    for index, day in enumerate(days):
        count = counts.get(day, 0)
        total += count
        height = BAR_AREA * count / tallest
        bars.append(
            Bar(
                day=day,
                count=count,
                total=total,
                x=round(index * step + step * 0.1, 2),
                y=round(BAR_AREA - height, 2),
                width=round(step * 0.8, 2),
                height=round(height, 2),
                labelled=index % label_every == 0 or index == len(days) - 1,
            )
        )
    return bars, tallest


class SeatRow(NamedTuple):
    mini_conference: object
    y: int
    capacity_width: float
    taken_width: float
    waiting_width: float
    numbers_x: float  # where « 18 / 25 · 3 en attente » starts, after the longer bar


ROW = 44  # one mini-conference: its title on a line, its bar under it
NUMBERS = 150  # room on the right of the longest bar for « 25 / 25 · 3 en attente »


def seat_rows(mini_conferences):
    """One row per mini-conference: the capacity as a frame, the seats taken filled, the
    waiting list after them, on one scale (the largest of capacity and demand)."""
    scale = max(
        [mc.capacity for mc in mini_conferences]
        + [mc.taken + mc.waiting for mc in mini_conferences]
        + [1]
    )
    unit = (WIDTH - NUMBERS) / scale
    return [
        SeatRow(
            mini_conference=mc,
            y=index * ROW,
            capacity_width=round(mc.capacity * unit, 2),
            taken_width=round(mc.taken * unit, 2),
            waiting_width=round(mc.waiting * unit, 2),
            numbers_x=round(max(mc.capacity, mc.taken + mc.waiting) * unit + 6, 2),
        )
        for index, mc in enumerate(mini_conferences)
    ]


def dashboard_charts(edition, mini_conferences):
    """The template context both charts need (mini_conferences as mini_conference_figures
    gives them: with taken and waiting)."""
    bars, tallest = signup_bars(edition)
    rows = seat_rows(mini_conferences)
    return {
        "chart_width": WIDTH,
        "signup_bars": bars,
        "tallest": tallest,
        "seat_rows": rows,
        "seat_chart_height": len(rows) * ROW + 4,
    }
