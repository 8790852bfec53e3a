"""Alembic environment for Supple's packaged migrations.

``supple.store.db.migrate`` passes the engine in ``config.attributes``; the URL
fallback lets a developer run ``alembic`` by hand against a copy of a database.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine

config = context.config
engine: Engine = config.attributes.get("engine") or create_engine(
    config.get_main_option("sqlalchemy.url") or "sqlite://"
)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=None,
        # SQLite cannot alter most column properties in place; batch mode rebuilds tables.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
