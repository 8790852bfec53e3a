"""A version number for each profile's session history, kept by the database.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

Reading ten years of daily sessions (3,650 sessions, their pain stops and ratings) and
turning them into what the progress rules read takes a noticeable fraction of a second
on every page, although the history rarely changes between two views (issue 14). A
process may keep what it read and use it again while the history is unchanged, but
only if it can tell, exactly and cheaply, that nothing changed: another worker, the
command line or an import may have written since.

So the new table ``history_versions`` holds version numbers for two parts of the
history: ``sessions`` (sessions, step events, exercise ratings) and ``records`` (plans,
saved answers, check-ins, flare-ups: the rest of what the next plan reads). Triggers on
those tables give their part a new number in the same statement as any insert, update
or delete, whoever makes it (the application, a bulk import, another process). The
number is random (64 bits), not a count: a database restored from a backup while a
server runs and then written to would count back up to a number that server already
saw, with other rows behind it, whereas a random number names one state of the rows.
A reader compares a part's numbers of rows 0 and its profile's id with the ones it
read before. Triggers rather than
application code, so that no write path can forget.

- PostgreSQL (a clinic: many people, several workers) keeps one row per profile, found
  through the session a step or rating belongs to, so one person's session does not
  make everyone's history be read again.
- SQLite (one person's computer) keeps row 0 alone, renewed by every change. A SQLite
  trigger may not name another table that a later migration rebuilds (renaming the
  rebuilt table fails while a trigger names it), so these name no table but their own
  and ``history_versions``. A later migration that rebuilds one of these tables on
  SQLite drops its triggers with it and must make them again
  (``tests/test_history_versions.py`` checks every one on a new database).

The table is new and holds no one's records: adding it touches no other row, and going
down drops it and its triggers (the numbers are only a cache key).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The two parts of a profile's history with a version each, and their tables: the
# sessions (turned into session logs) and the other records the next plan reads.
PARTS = {
    "sessions": ("sessions", "step_events", "exercise_ratings"),
    "records": ("plans", "saved_answers", "check_ins", "flare_ups"),
}
OWNED_BY_SESSION = ("step_events", "exercise_ratings")  # the others have profile_id
TABLES = tuple(table for tables in PARTS.values() for table in tables)
EVENTS = ("insert", "update", "delete")

ALL_PROFILES = 0  # the rows SQLite's triggers raise
_SQLITE_BUMP = (
    "INSERT INTO history_versions (profile_id, part, version) "
    f"VALUES ({ALL_PROFILES}, '{{part}}', random()) "
    "ON CONFLICT (profile_id, part) DO UPDATE SET version = random();"
)
_PG_FUNCTION = """
CREATE FUNCTION supple_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owners integer[];
    stamp bigint := floor((random() * 2 - 1) * 9.2e18)::bigint;
BEGIN
    IF TG_ARGV[1] = 'profile' THEN
        IF TG_OP <> 'INSERT' THEN owners := owners || OLD.profile_id; END IF;
        IF TG_OP <> 'DELETE' THEN owners := owners || NEW.profile_id; END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN
            owners := owners || (SELECT profile_id FROM sessions WHERE id = OLD.session_id);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            owners := owners || (SELECT profile_id FROM sessions WHERE id = NEW.session_id);
        END IF;
    END IF;
    INSERT INTO history_versions (profile_id, part, version)
        SELECT DISTINCT owner, TG_ARGV[0], stamp FROM unnest(owners) AS owner
        WHERE owner IS NOT NULL
    ON CONFLICT (profile_id, part) DO UPDATE SET version = EXCLUDED.version;
    RETURN NULL;
END
$$;
"""


def part_of(table: str) -> str:
    return next(part for part, tables in PARTS.items() if table in tables)


def trigger_name(table: str, event: str) -> str:
    return f"history_version_{table}_{event}"


def sqlite_triggers() -> dict[str, str]:
    """Every SQLite trigger by name: after each insert, update and delete of the three
    tables, renew row 0 of the table's part."""
    return {
        trigger_name(table, event): (
            f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event.upper()} "
            f"ON {table} FOR EACH ROW BEGIN {_SQLITE_BUMP.format(part=part_of(table))} END"
        )
        for table in TABLES
        for event in EVENTS
    }


def upgrade() -> None:
    op.create_table(
        "history_versions",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(16), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("profile_id", "part", name="pk_history_versions"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for table in TABLES:
            op.execute(
                f"CREATE TRIGGER {trigger_name(table, 'change')} "
                f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION supple_history_changed("
                f"'{part_of(table)}', '{'session' if table in OWNED_BY_SESSION else 'profile'}')"
            )
    else:
        for statement in sqlite_triggers().values():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, 'change')} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS supple_history_changed()")
    else:
        for table in TABLES:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)}")
    op.drop_table("history_versions")
