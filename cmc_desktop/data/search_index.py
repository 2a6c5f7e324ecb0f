"""The agents' search index, kept by the database itself: the FTS5 table `agents_fts` (rowid = agents.id) and
three triggers on `agents` that write it on every insert, rename and deletion — whoever writes, the services,
a restore, a purge or a test.

What is searched is `AGENT_FIELDS`: adding a searchable field is one name there. The triggers are created by
migration 0006 and compared with that list at every open of the store (`ensure`): when they differ, they are
written again and the index rebuilt, in the opening's transaction.

The index holds a normalised copy of those fields (`search_text`: lower case, no accents, ligatures spelled
out), computed by a SQL function of that name that every connection registers (`register`, from
data/engine.raw_connect): the FTS5 tokenizer alone finds "helene" in "Hélène" but not "oeuvray" in "Œuvray".
The list orders agents by that copy (last name first), which gives the accent-insensitive alphabetical order.

Why a regular FTS5 table (its own copy of the text) rather than external content or contentless: the indexed
text is not a column of `agents` but derived from four of them. External content would need it as a column
of `agents` — SQLite cannot add a STORED generated column to an existing table, and a VIRTUAL one would call
Python for every row the list sorts, at each keystroke; a contentless table cannot give the text back, and the
list sorts by it. The copy costs a few dozen bytes per agent; deleting from a regular table needs no old
values (an external-content 'delete' given wrong ones corrupts the index silently).

Secure deletion: the table's `secure-delete` option (migration 0001) removes a deleted or renamed entry's
tokens from the index segments at once, and the store's `secure_delete` pragma zeroes the freed pages, so a
purged agent leaves no trace in the shadow tables (tests/services/test_search_index.py reads the raw pages).
"""

import re
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Connection

from ..domain.text import normalise_for_search

TABLE = "agents_fts"
FUNCTION = "search_text"
# The agent's columns the search finds, last name first: the list's alphabetical order follows this text.
AGENT_FIELDS = ("last_name", "first_name", "fonction", "service")

# Runs of letters and digits: what FTS5's unicode61 tokenizer keeps as tokens; everything else separates them.
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """The normalised words of `text`, as the index holds them (and as a query is matched against them)."""
    return _TOKEN.findall(normalise_for_search(text))


def search_text(*values: str | None) -> str:
    """The indexed text of a row: its searched fields, normalised, in order (the SQL function `search_text`)."""
    return " ".join(tokens(" ".join(value for value in values if value)))


class _DriverConnection(Protocol):
    def create_function(self, name: str, narg: int, func: Any, *, deterministic: bool = ...) -> None: ...


def register(conn: _DriverConnection) -> None:
    """Make `search_text` callable on this connection: the triggers call it (deterministic: same input, same
    text). A connection without it cannot write an agent ("no such function"), rather than write no index."""
    conn.create_function(FUNCTION, -1, search_text, deterministic=True)


def trigger_sql(fields: Sequence[str] | None = None) -> dict[str, str]:
    """The three triggers that keep the index (of AGENT_FIELDS by default), by name, as `sqlite_master` holds
    them."""
    fields = fields or AGENT_FIELDS
    indexed = f"{FUNCTION}({', '.join(f'new.{field}' for field in fields)})"
    insert = f"INSERT INTO {TABLE}(rowid, body) VALUES (new.id, {indexed});"
    changed = " OR ".join(f"old.{field} IS NOT new.{field}" for field in fields)
    return {
        f"{TABLE}_insert": f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON agents BEGIN {insert} END",
        f"{TABLE}_update": f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF {', '.join(fields)} ON agents "
                           f"WHEN {changed} BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; {insert} END",
        f"{TABLE}_delete": f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON agents BEGIN "
                           f"DELETE FROM {TABLE} WHERE rowid = old.id; END",
    }


def held_triggers(conn: Connection) -> dict[str, str]:
    rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB ?",
                                (f"{TABLE}_*",))
    return {name: sql for name, sql in rows}


def drop_triggers(conn: Connection) -> None:
    for name in held_triggers(conn):
        conn.exec_driver_sql(f"DROP TRIGGER {name}")


def install(conn: Connection, fields: Sequence[str] | None = None) -> None:
    """(Re)create the triggers for `fields` (AGENT_FIELDS by default) and rebuild the index from the agents
    table, in the caller's transaction. The deletion goes through secure-delete: no former entry stays in the
    segments."""
    fields = fields or AGENT_FIELDS
    drop_triggers(conn)
    for sql in trigger_sql(fields).values():
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql(f"DELETE FROM {TABLE}")
    conn.exec_driver_sql(f"INSERT INTO {TABLE}(rowid, body) SELECT id, {FUNCTION}({', '.join(fields)}) FROM agents")
    conn.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


def outdated(conn: Connection) -> bool:
    """The triggers do not index AGENT_FIELDS (a field was added to the search since): the index needs a rebuild."""
    return held_triggers(conn) != trigger_sql()


def ensure(conn: Connection) -> bool:
    """Bring the triggers in line with AGENT_FIELDS (and rebuild the index) when they differ; True if it did."""
    if not outdated(conn):
        return False
    install(conn)
    return True
