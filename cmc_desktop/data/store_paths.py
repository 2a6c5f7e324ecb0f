"""Where the files of one store lie in its data folder."""

from dataclasses import dataclass
from pathlib import Path

from .errors import DataDirNotADirectory

DB_NAME = "store.db"
KEY_NAME = "store.key"


@dataclass(frozen=True)
class StorePaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / DB_NAME

    @property
    def key(self) -> Path:
        return self.root / KEY_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def rekey_tmp(self) -> Path:
        return self.root / (DB_NAME + ".rekey-tmp")

    def sidecars(self) -> tuple[Path, Path]:
        return self.root / (DB_NAME + "-wal"), self.root / (DB_NAME + "-shm")

    def exists(self) -> bool:
        """True when a store (or a piece of one) is here; a data folder that is a file is refused."""
        if self.root.exists() and not self.root.is_dir():
            raise DataDirNotADirectory()
        return self.db.exists() or self.key.exists()
