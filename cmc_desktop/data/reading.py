"""Units of work that only read (`Store.reading`): the searches, the lists and the tableau de bord."""

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session


class ReadingSession(Session):
    """A session for a unit of work that only reads: an insert, update or delete, or a flush of changed
    objects, is a bug of the caller and raises at once (a plain `BEGIN` would let SQLite take the write lock)."""


@event.listens_for(ReadingSession, "do_orm_execute")
def _no_statement_writes(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise RuntimeError("écriture dans une unité de travail en lecture seule")


@event.listens_for(ReadingSession, "before_flush")
def _no_flushed_writes(session: Session, _context: object, _instances: object) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("écriture dans une unité de travail en lecture seule")
