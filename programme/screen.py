"""Panels other apps add to the hall screens: each fn(edition, venue_or_None, at) returns a
dict for the screen's template, or None."""

SCREEN_PANELS = []


def add_screen_panel(fn):
    SCREEN_PANELS.append(fn)
    return fn
