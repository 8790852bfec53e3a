"""Alembic environment for Supple's packaged migrations.

``supple.store.db.migrate`` passes the engine in ``config.attributes``; the URL
fallback lets a developer run ``alembic`` by hand against a copy of a database.
Either way the run goes through ``migration_connection``, which keeps a table
rebuild on SQLite from cascade-deleting the rows that point at it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from supple.store.db import create_store_engine, migration_connection

config = context.config
engine: Engine = config.attributes.get("engine") or create_store_engine(
    config.get_main_option("sqlalchemy.url") or "sqlite://"
)

# Foreign keys off on SQLite, one transaction, foreign key check before commit.
with migration_connection(engine) as connection:
    context.configure(
        connection=connection,
        target_metadata=None,
        # SQLite cannot alter most column properties in place; batch mode rebuilds tables.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
