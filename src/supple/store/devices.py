"""Paired devices: add one, find one by its token's hash, list them, revoke one.

The web app calls ``device_by_token_hash`` on every request from another machine, so
it is one indexed lookup; ``last_used_at`` is written at most once a minute per device
so browsing from a phone does not turn every page view into a database write.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from supple.store import convert
from supple.store.base import StoreBase
from supple.store.models import PairedDevice
from supple.store.records import DeviceRecord
from supple.store.schema import is_record_id
from supple.store.values import when

LAST_USED_RESOLUTION = timedelta(minutes=1)
DEVICE_NAME_LENGTH = 100


class DeviceRegistry(StoreBase):
    """The paired devices of this installation."""

    def add_device(
        self, name: str, token_hash: str, *, now: datetime | None = None
    ) -> DeviceRecord:
        clean = " ".join(name.split())[:DEVICE_NAME_LENGTH] or "Paired device"
        with self._transaction() as db:
            row = PairedDevice(name=clean, token_hash=token_hash, created_at=when(now))
            db.add(row)
            db.flush()
            return convert.device(row)

    def devices(self) -> list[DeviceRecord]:
        with self._transaction() as db:
            rows = db.scalars(select(PairedDevice).order_by(PairedDevice.id))
            return [convert.device(row) for row in rows]

    def device_by_token_hash(
        self, token_hash: str, *, now: datetime | None = None
    ) -> DeviceRecord | None:
        """The device holding this token, noting that it was used now; None if unknown."""
        with self._transaction() as db:
            row = db.scalar(select(PairedDevice).filter_by(token_hash=token_hash))
            if row is None:
                return None
            moment = when(now)
            if row.last_used_at is None or moment - row.last_used_at >= LAST_USED_RESOLUTION:
                row.last_used_at = moment
            return convert.device(row)

    def revoke_device(self, device_id: int) -> bool:
        """Forget a device; its token stops working at once. False if there was none."""
        with self._transaction() as db:
            row = db.get(PairedDevice, device_id) if is_record_id(device_id) else None
            if row is None:
                return False
            db.delete(row)
            return True
