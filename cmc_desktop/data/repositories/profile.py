"""The CMC's profile (one row): ORM row <-> domain object."""

from dataclasses import fields

from sqlalchemy.orm import Session

from ...domain.profile import CmcProfile
from ..models import ProfileRow

_FIELDS = tuple(f.name for f in fields(CmcProfile))
_ID = 1


def get(session: Session) -> CmcProfile:
    """The profile, empty until the CMC fills it in."""
    row = session.get(ProfileRow, _ID)
    return CmcProfile() if row is None else CmcProfile(**{name: getattr(row, name) for name in _FIELDS})


def save(session: Session, profile: CmcProfile) -> None:
    row = session.get(ProfileRow, _ID)
    if row is None:
        row = ProfileRow(id=_ID)
        session.add(row)
    for name in _FIELDS:
        setattr(row, name, getattr(profile, name))
    session.flush()
