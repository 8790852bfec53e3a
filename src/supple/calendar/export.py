"""The calendar shell: fill in today, the machine's time zone and the app's address.

``calendar_ics(document, ...)`` is what the CLI and the web app call. The core
(``routine_ics``) takes every one of these as a value; only this module reads the
clock, the system time zone and the settings.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from supple.calendar.ical import Reminder, player_url, routine_ics
from supple.calendar.schedule import (
    DEFAULT_DAYS,
    DEFAULT_TIME,
    DEFAULT_WEEKS,
    ScheduleError,
    parse_schedule,
    parse_time,
    parse_zone,
)
from supple.catalog import default_catalog
from supple.handout.source import routine_of

ZONEINFO_ROOTS = ("/usr/share/zoneinfo/", "/usr/lib/zoneinfo/", "/usr/share/lib/zoneinfo/")


@dataclass(frozen=True)
class LocalZone:
    zone: ZoneInfo
    notice: str | None  # set when the system's zone could not be found and UTC is used


def system_zone_name() -> str | None:
    """The IANA name of this machine's zone: $TZ, /etc/timezone, or the /etc/localtime link."""
    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":").strip()
    if env:
        candidates.append(env)
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    for root in ZONEINFO_ROOTS:
        if target.startswith(root):
            candidates.append(target[len(root) :])
    for name in candidates:
        try:
            parse_zone(name)
        except ScheduleError:
            continue
        return name
    return None


def local_zone() -> LocalZone:
    name = system_zone_name()
    if name is None:
        return LocalZone(
            ZoneInfo("UTC"),
            "Could not tell this computer's time zone, so the reminder uses UTC; "
            "pass --tz (e.g. --tz Europe/London) to set yours.",
        )
    return LocalZone(ZoneInfo(name), None)


def base_url() -> str:
    """The local web app's address from the settings; a wildcard bind is reached on loopback."""
    from supple.settings import get_settings

    settings = get_settings()
    host = settings.host
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def next_start(now: datetime, at: time, zone: ZoneInfo | None) -> date:
    """The first day whose reminder time is still ahead of ``now`` (floating times are
    compared as if in UTC, the best guess without a zone)."""
    local = now.astimezone(zone or UTC)
    today = local.date()
    if datetime.combine(today, at, tzinfo=zone or UTC) <= local:
        return today + timedelta(days=1)
    return today


def calendar_ics(
    document: object,
    *,
    profile: str,
    days: str = DEFAULT_DAYS,
    at: str = DEFAULT_TIME,
    weeks: int = DEFAULT_WEEKS,
    tz: str | None = None,
    start: date | None = None,
    now: datetime | None = None,
    app_url: str | None = None,
    floating_if_unknown: bool = False,
) -> bytes:
    """The plan's routine as a recurring .ics event (raises PlanDocumentError, ScheduleError).

    With ``tz`` unset the machine's zone is used, or UTC if it cannot be found; call
    ``local_zone()`` first to show the person that notice. ``app_url`` is the address
    the app is reached at (the web app passes the one its page was loaded from, so the
    reminders open the port and host it really serves); else the settings' address.
    ``floating_if_unknown`` (the web app, whose phone may be anywhere) writes floating
    local times instead of UTC when neither ``tz`` nor the machine's zone is known.
    Without ``start`` the series begins at the next reminder still to come: today if
    its time has not passed yet, else a later scheduled day.
    """
    schedule = parse_schedule(days, weeks)
    when = parse_time(at)
    zone: ZoneInfo | None
    if tz is not None:
        zone = parse_zone(tz)
    elif floating_if_unknown and system_zone_name() is None:
        zone = None
    else:
        zone = local_zone().zone
    routine = routine_of(document, default_catalog())
    moment = now or datetime.now(UTC)
    reminder = Reminder(
        profile=profile,
        schedule=schedule,
        start=start or next_start(moment, when, zone),
        at=when,
        zone=zone,
        now=moment,
        url=player_url(app_url or base_url()),
    )
    return routine_ics(routine, reminder)


__all__ = ["LocalZone", "base_url", "calendar_ics", "local_zone", "system_zone_name"]
