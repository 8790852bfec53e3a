"""Goals and 4-week reviews: tables ``psfs_ratings`` and ``outcome_reviews``.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

Two new tables with a foreign key to profiles only: adding them touches no other
table's rows. Going down drops them (only the goal ratings and the reviews are lost,
and an older Supple cannot read them anyway).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "psfs_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_psfs_ratings_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_psfs_ratings"),
    )
    op.create_index(
        "ix_psfs_ratings_profile_id_rated_at", "psfs_ratings", ["profile_id", "rated_at"]
    )
    op.create_table(
        "outcome_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("groc", sa.Integer(), nullable=False),
        sa.CheckConstraint("groc BETWEEN -7 AND 7", name="ck_outcome_reviews_groc"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_outcome_reviews_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_outcome_reviews"),
    )
    op.create_index(
        "ix_outcome_reviews_profile_id_reviewed_at",
        "outcome_reviews",
        ["profile_id", "reviewed_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_outcome_reviews_profile_id_reviewed_at", table_name="outcome_reviews")
    op.drop_table("outcome_reviews")
    op.drop_index("ix_psfs_ratings_profile_id_rated_at", table_name="psfs_ratings")
    op.drop_table("psfs_ratings")
