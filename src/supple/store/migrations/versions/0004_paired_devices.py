"""Paired devices: the phones allowed to use the web app over the local network.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Only a hash of each device's token is stored. The table stands alone (no foreign
keys), so adding or dropping it touches no other table's rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "paired_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_paired_devices"),
        sa.UniqueConstraint("token_hash", name="uq_paired_devices_token_hash"),
    )


def downgrade() -> None:
    op.drop_table("paired_devices")
