"""The encrypted store of one CMC: create, unlock, change the phrase secrète, recovery code, rekey, close.

Files in the data directory: `store.db` (SQLCipher), `store.key` (the database key wrapped by the phrase
secrète and by the recovery code), `backups/`. A missing or unreadable file is never a reason to create a new
store, and an open that fails leaves the folder as it was: nothing is created beside the database until its key
is known to open it (engine.probe).
"""

import contextlib
import hmac
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..domain.progress import Steps, run_to_end
from . import engine as db
from . import migrate, recovery_code
from .atomic import fsync_dir
from .errors import (
    DatabaseMissing,
    DataDirReadOnly,
    DiskWriteFailed,
    KeyFileMissing,
    KeyMismatch,
    NoRecoveryCode,
    PassphraseRequired,
    StoreBusy,
    StoreCorrupted,
    StoreError,
    StoreReadOnly,
    WrongPassphrase,
    WrongRecoveryCode,
)
from .keyfile import KdfParams, KeyFile, load_keyfile, new_keyfile, rewrapped
from .passphrase_rule import check_new_passphrase
from .reading import ReadingSession
from .store_paths import StorePaths
from .vault import KeyVault

log = logging.getLogger(__name__)

DEFAULT_KDF = KdfParams()


class Store:
    """An open store. Use `session()` for one short unit of work; close() drops the key.

    `integrity_pending`: opened with `unlock(..., defer_integrity=True)`, the full integrity check has not run
    yet — call `verify_integrity()` (from a worker thread: it reads every page).
    """

    def __init__(self, paths: StorePaths, keyfile: KeyFile, raw_key: bytes, problems: list[str], *,
                 integrity_pending: bool = False):
        self.paths = paths
        self.keyfile = keyfile
        self._key: bytes | None = raw_key
        self.problems = problems
        self.read_only = bool(problems)
        self.integrity_pending = integrity_pending
        self._state = threading.Lock()  # a deferred check may switch to read-only while the GUI thread closes
        self.engine: Engine = db.make_engine(paths.db, raw_key, read_only=self.read_only)
        self._reader: tuple[Engine, Engine] | None = None  # (engine, its reading view), made with the first read

    @property
    def store_id(self) -> str:
        return self.keyfile.store_id

    @classmethod
    def create(cls, root: Path, passphrase: str, *, vault: KeyVault | None = None,
               kdf: KdfParams = DEFAULT_KDF) -> "Store":
        paths = StorePaths(root)
        if paths.exists():
            raise StoreError("Un dossier cmc-desktop existe déjà ici : il n'a pas été remplacé.")
        check_new_passphrase(passphrase)
        try:
            root.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                os.chmod(root, 0o700)
        except OSError as error:
            raise DiskWriteFailed(error.strerror or "dossier impossible à créer") from None
        blocked = db.folder_state(root)
        if blocked is not None:
            raise blocked
        raw_key = os.urandom(32)
        keyfile, _ = new_keyfile(passphrase, raw_key, kdf)
        engine = db.make_engine(paths.db, raw_key, create=True)
        try:
            try:
                with engine.begin() as conn:
                    conn.exec_driver_sql(f"PRAGMA application_id = {db.APPLICATION_ID}")
                migrate.upgrade(engine, paths.backups)
            except DBAPIError as error:
                raise db.translate(error.orig, root) or error from None
            # The key file is written last: a crash before it leaves no half-made store behind.
            keyfile.save(paths.key)
        except Exception:
            engine.dispose()
            for leftover in (paths.db, *paths.sidecars()):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            raise
        engine.dispose()
        if os.name == "posix":
            os.chmod(paths.db, 0o600)
        (vault or KeyVault()).put(keyfile.store_id, raw_key)
        log.info("store.created")
        return cls._open(paths, keyfile, raw_key)

    @classmethod
    def unlock(cls, root: Path, passphrase: str | None = None, *, vault: KeyVault | None = None,
               defer_integrity: bool = False) -> "Store":
        """Open with the keyring's key when it is there and works, else with the passphrase.

        The full integrity check reads and authenticates every page (~1 s per 100 MB). With `defer_integrity`
        only the key, the file's identity and page 1 are checked now, and the caller runs `verify_integrity()`
        once the window is up; a store that needs a migration is still checked before it is migrated.
        """
        paths = StorePaths(root)
        keyfile = cls._read_key_file(paths)
        vault = vault or KeyVault()
        if passphrase is None:
            raw_key = vault.get(keyfile.store_id)
            if raw_key is not None and db.is_key_valid(paths.db, raw_key):
                log.info("store.unlocked keyring")
                return cls._open(paths, keyfile, raw_key, defer_integrity=defer_integrity)
            raise PassphraseRequired()
        kek = keyfile.derive_kek(passphrase)
        raw_key = keyfile.unwrap(kek)
        if keyfile.pending is not None:
            raw_key, keyfile = cls._settle_rekey(paths, keyfile, kek, raw_key)
        store = cls._open(paths, keyfile, raw_key, defer_integrity=defer_integrity)
        vault.put(keyfile.store_id, raw_key)
        log.info("store.unlocked passphrase")
        return store

    @classmethod
    def recover(cls, root: Path, code: str, new_passphrase: str, *, vault: KeyVault | None = None,
                defer_integrity: bool = False) -> "Store":
        """Open with the recovery code and wrap the key under `new_passphrase` (the forgotten one stops working;
        the code stays valid). Raises RecoveryCodeMalformed, WrongRecoveryCode, NoRecoveryCode, WeakPassphrase."""
        check_new_passphrase(new_passphrase)
        canonical = recovery_code.canonical(code)
        paths = StorePaths(root)
        keyfile = cls._read_key_file(paths)
        if keyfile.recovery is None:
            raise NoRecoveryCode()
        try:
            raw_key = keyfile.unwrap(keyfile.recovery_kek(canonical), "recovery")
        except WrongPassphrase:
            raise WrongRecoveryCode() from None
        if not db.is_key_valid(paths.db, raw_key):
            raise KeyMismatch()
        folder = db.folder_state(paths.root)
        if folder is not None:  # the new key file could not be written: say so before anything else
            raise folder
        renewed, _ = rewrapped(keyfile, raw_key, new_passphrase)
        renewed.save(paths.key)
        log.info("store.recovered")
        store = cls._open(paths, renewed, raw_key, defer_integrity=defer_integrity)
        (vault or KeyVault()).put(renewed.store_id, raw_key)
        return store

    @staticmethod
    def _read_key_file(paths: StorePaths) -> KeyFile:
        """The key file of an existing store, after the checks that need no key."""
        if not paths.exists() or not paths.key.exists():
            raise KeyFileMissing()
        if not paths.db.exists():
            raise DatabaseMissing()
        keyfile = load_keyfile(paths.key)
        db.check_file(paths.db)
        with contextlib.suppress(OSError):  # an export interrupted before its rename is only a partial copy
            paths.rekey_tmp.unlink(missing_ok=True)
        return keyfile

    @staticmethod
    def _settle_rekey(paths: StorePaths, keyfile: KeyFile, kek: bytes, current: bytes) -> tuple[bytes, KeyFile]:
        """A rekey was interrupted: keep whichever key opens the database and forget the other."""
        pending = keyfile.unwrap(kek, "pending")
        if db.is_key_valid(paths.db, pending):
            settled = keyfile.with_slot(kek, "key", pending).with_slot(kek, "pending", None)
            settled.save(paths.key)
            log.info("store.rekey_completed_at_open")
            return pending, settled
        if db.is_key_valid(paths.db, current):
            settled = keyfile.with_slot(kek, "pending", None)
            settled.save(paths.key)
            log.info("store.rekey_rolled_back_at_open")
            return current, settled
        raise KeyMismatch()

    @classmethod
    def _open(cls, paths: StorePaths, keyfile: KeyFile, raw_key: bytes, *, defer_integrity: bool = False) -> "Store":
        db.probe(paths.db, raw_key, integrity=False)  # the key, before anything is written or created
        # A read-only or full folder is not damage: said as such, before SQLite fails on it half-way.
        blocked = db.folder_state(paths.root) or (None if os.access(paths.db, os.W_OK) else DataDirReadOnly())
        if blocked is not None:
            raise blocked
        problems = [] if defer_integrity else db.probe(paths.db, raw_key)
        store = cls(paths, keyfile, raw_key, problems, integrity_pending=defer_integrity)
        if store.read_only:
            log.warning("store.integrity_failed count=%d", len(problems))
            return store
        try:
            try:
                db.checkpoint(store.engine)  # folds a WAL left by a crash, so no stale frame survives
                # A migration rewrites the schema and is backed up first: only ever on a verified store.
                if defer_integrity and not migrate.is_current(store.engine) and store.verify_integrity():
                    return store
                migrate.upgrade(store.engine, paths.backups)
            except (DBAPIError, sqlcipher3.Error) as error:
                raise db.translate(getattr(error, "orig", error), paths.root) or error from None
        except BaseException:
            store.close()
            raise
        return store

    def verify_integrity(self) -> list[str]:
        """The full check left by `unlock(..., defer_integrity=True)`: every page's HMAC and the b-trees.

        It runs on a read-only connection of its own, so a worker thread can run it while the store is in use.
        Damage switches the store to read-only from then on (`problems` says what was found); reads never
        return damaged data meanwhile, since SQLCipher authenticates each page it reads.
        """
        return run_to_end(self.integrity_steps())

    def integrity_steps(self) -> Steps[list[str]]:
        """`verify_integrity` in steps (ui/tasks.py may stop it between them: the check is then still pending)."""
        key = self.raw_key
        try:
            problems = yield from db.probe_steps(self.paths.db, key)
        except (StoreError, sqlcipher3.DatabaseError) as error:  # the file became unreadable since the open
            meaning = error if isinstance(error, StoreError) else db.translate(error, self.paths.root)
            if meaning is not None and not isinstance(meaning, KeyMismatch | StoreCorrupted):
                log.warning("store.integrity_check_failed %s", type(meaning).__name__)  # a disk problem, not damage
                with self._state:
                    self.integrity_pending = False
                return []
            problems = [f"contrôle : {type(error).__name__}"]
        with self._state:
            self.integrity_pending = False
            if problems and self._key is not None and not self.read_only:
                self.problems, self.read_only = problems, True
                stale, self.engine = self.engine, db.make_engine(self.paths.db, key, read_only=True)
                stale.dispose()  # sessions still running finish on their connection, then it closes
                log.warning("store.integrity_failed count=%d", len(problems))
        return problems

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work in one transaction, committed on success."""
        if self._key is None:
            raise StoreError("Le dossier est verrouillé.")
        try:
            # The store rides along for the audit journal's outside anchor (data/journal_anchor.py): its key and folder.
            with Session(self.engine, expire_on_commit=False, info={"store": self}) as s, s.begin():
                yield s
        except DBAPIError as error:
            raise self._session_error(error.orig) or error from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work that only reads: it does not wait for a writer (nor make one wait), and the session
        refuses to write (ReadingSession). For the searches, lists and the tableau de bord."""
        try:
            with ReadingSession(self._reading_engine(), expire_on_commit=False, info={"store": self}) as s, \
                    s.begin():
                yield s
        except DBAPIError as error:
            raise self._session_error(error.orig) or error from None

    def _reading_engine(self) -> Engine:
        with self._state:
            if self._key is None:
                raise StoreError("Le dossier est verrouillé.")
            if self._reader is None or self._reader[0] is not self.engine:  # made once per engine (~0.05 ms)
                self._reader = (self.engine, self.engine.execution_options(**{db.READS_ONLY: True}))
            return self._reader[1]

    def _session_error(self, error: BaseException | None) -> StoreError | None:
        """What a driver error during a unit of work means for the CMC; None for a bug, raised as it is."""
        code = db.error_code(error)
        if code in (db.SQLITE_READONLY, db.SQLITE_CANTOPEN):
            return StoreReadOnly(self.read_only)
        if code in (db.SQLITE_FULL, db.SQLITE_IOERR):
            return DiskWriteFailed("disque plein ou erreur d'entrée-sortie")
        if code in (db.SQLITE_BUSY, db.SQLITE_LOCKED):
            return StoreBusy()
        if code in (db.SQLITE_CORRUPT, db.SQLITE_NOTADB):
            return StoreCorrupted()
        # On a store opened read-only after a failed check, a write can fail otherwise (the search index's
        # triggers reading the FTS table) before SQLite says read-only: it is refused all the same.
        return StoreReadOnly(True) if self.read_only else None

    def checkpoint(self) -> None:
        if self.read_only:
            return
        try:
            db.checkpoint(self.engine)
        except DBAPIError as error:
            raise self._session_error(error.orig) or error from None
        except sqlcipher3.Error as error:  # the checkpoint runs on the driver's connection, outside SQLAlchemy
            raise self._session_error(error) or error from None

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap the same key: the database itself is not touched (nor the recovery code)."""
        check_new_passphrase(new, current=old)
        current = self.keyfile.unwrap(self.keyfile.derive_kek(old))
        new_file, _ = rewrapped(self.keyfile, current, new)
        new_file.save(self.paths.key)
        self.keyfile = new_file
        log.info("store.passphrase_changed")

    def verify_passphrase(self, passphrase: str) -> bool:
        """True when `passphrase` unwraps this store's key (re-authentication, e.g. leaving "mode séance")."""
        try:
            return hmac.compare_digest(self.keyfile.unwrap(self.keyfile.derive_kek(passphrase)), self.raw_key)
        except WrongPassphrase:
            return False

    @property
    def recovery_code_created(self) -> date | None:
        """When the current recovery code was made; None when there is none (never made, or revoked)."""
        return self.keyfile.recovery.created if self.keyfile.recovery is not None else None

    def set_recovery_code(self, passphrase: str, today: date) -> str:
        """Make a new recovery code (the previous one stops working) and return it, grouped, to show once.
        The phrase secrète is asked: an unattended open window is not enough to take a code away."""
        if not self.verify_passphrase(passphrase):
            raise WrongPassphrase()
        code = recovery_code.generate()
        renewed = self.keyfile.with_recovery(recovery_code.canonical(code), self.raw_key, today)
        renewed.save(self.paths.key)
        self.keyfile = renewed
        log.info("store.recovery_code_set")
        return code

    def rekey(self, passphrase: str, *, vault: KeyVault | None = None) -> None:
        """Encrypt the database under a new random key.

        `PRAGMA rekey` in WAL mode, killed mid-way, left pages under both keys (measured), so the database
        is exported under the new key to a temporary file that atomically replaces the old one. The new key
        is in the key file as `pending` first: after a kill at any point, the next unlock keeps whichever
        key opens the file.

        The recovery code is revoked: its slot holds the old key and the code itself is not at hand to wrap the
        new one — and a rekey is what one does when the old key may have leaked, so no wrapping of the code's
        key under the database key is kept to get round that. The CMC makes a new code in Paramètres.
        """
        if self.read_only:
            raise StoreReadOnly(True)
        kek = self.keyfile.derive_kek(passphrase)
        self.keyfile.unwrap(kek)
        new_key = os.urandom(32)
        with_pending = self.keyfile.with_slot(kek, "pending", new_key).without_recovery()
        with_pending.save(self.paths.key)
        self.engine.dispose()
        db.export_rekeyed(self.paths.db, self.raw_key, new_key, self.paths.rekey_tmp)
        for sidecar in self.paths.sidecars():
            sidecar.unlink(missing_ok=True)
        os.replace(self.paths.rekey_tmp, self.paths.db)
        fsync_dir(self.paths.root)
        settled = with_pending.with_slot(kek, "key", new_key).with_slot(kek, "pending", None)
        settled.save(self.paths.key)
        self.keyfile, self._key = settled, new_key
        self.engine = db.make_engine(self.paths.db, new_key)
        (vault or KeyVault()).put(settled.store_id, new_key)
        log.info("store.rekeyed")

    @property
    def raw_key(self) -> bytes:
        """For backups (VACUUM INTO keeps the key) and tests; never logged nor written."""
        if self._key is None:
            raise StoreError("Le dossier est verrouillé.")
        return self._key

    def close(self) -> None:
        """Checkpoint, dispose every connection and drop the key from this object. Never raises: locking must
        complete on a full disk too (the WAL then stays, and is folded at the next open)."""
        with self._state:
            if self._key is None:
                return
            try:
                self.checkpoint()
            except Exception as error:
                log.warning("store.close_checkpoint_failed %s", type(error).__name__)
            finally:
                try:
                    self.engine.dispose()
                except Exception as error:  # closing a connection on a failing disk: it is dropped all the same
                    log.warning("store.close_dispose_failed %s", type(error).__name__)
                self._key = None
                log.info("store.closed")

