"""The copies of the store the application knows of, beyond the store itself: the folders the CMC chose for
backups, and what the last clean-up of the copies could not reach (services/copies.py)."""

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime


class BackupFolderRow(Base):
    """A folder, other than the data folder's own `backups/`, where a backup was written."""

    __tablename__ = "backup_folders"

    path: Mapped[str] = mapped_column(String(1024), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_backup_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RemainingCopyRow(Base):
    """A copy the last clean-up could not clean: its folder, its file name (empty: the folder itself could not
    be reached) and why (a domain.copies.Obstacle value)."""

    __tablename__ = "remaining_copies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    folder: Mapped[str] = mapped_column(String(1024))
    name: Mapped[str] = mapped_column(String(255), default="")
    reason: Mapped[str] = mapped_column(String(40))
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime)
