"""Carrying destructions into every copy of the store the application knows of.

`scrub_known_copies` is called after anything that writes a tombstone (a destruction carried out, a retention
purge — and so any erasure that goes through `retention.purge`): it re-applies the whole ledger of destructions
to every backup in the data folder's `backups/` and in every folder the CMC chose (recorded in the store when a
backup is written there), to the copy kept before a migration and the old store kept by a restore; it removes
what crashes left half-written; and it checks that the store's write-ahead journal really was emptied. What it
could not reach (a removable disk absent, a read-only folder, a copy made under an earlier key, a damaged copy)
is recorded and named; the destructions stay open until a later call reaches everything (services.copy_registry).

It may take a while (each copy is read in full and rewritten): `scrub_steps` yields a Step before each copy (for
a progress bar off the GUI thread, domain/progress.py); `scrub_known_copies` runs it through.
"""

import logging
import os
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select

from ..data import engine as db
from ..data.errors import StoreError
from ..data.models import TombstoneRow
from ..data.repositories import audit
from ..domain.audit import AuditCode
from ..domain.copies import CopiesReport, CopyKind, CopyState, Obstacle, Outcome
from ..domain.progress import Step, Steps, run_to_end
from . import copy_registry
from .copy_cleaning import clean_copy, remove_partials
from .tombstones import read_ledger
from .workspace import Workspace

log = logging.getLogger(__name__)

BACKUP_NAMES = r"sauvegarde-\d{8}T\d{6}Z(?:-\d+)?\.db"
MIGRATION_NAMES = r"avant-migration-.+-\d{8}T\d{6}Z\.db"
RESTORE_NAMES = r"store\.db\.avant-restauration-\d{8}T\d{6}Z(?:-\d+)?"
# A reader holding an old snapshot keeps the WAL from being emptied: wait for it a little, a few times.
CHECKPOINT_ATTEMPTS, CHECKPOINT_WAIT_MS = 3, 1000


@dataclass(frozen=True)
class _Place:
    folder: Path
    names: frozenset[str]  # patterns of the copies it may hold
    kinds: tuple[tuple[str, CopyKind], ...]
    chosen: bool  # a folder the CMC chose: absent, it is a copy that remains
    data_root: bool = False


def scrub_known_copies(ws: Workspace) -> CopiesReport:
    """Clean every known copy of what the store's destructions removed; record and return what remains."""
    return run_to_end(scrub_steps(ws))


def scrub_steps(ws: Workspace) -> Steps[CopiesReport]:
    """`scrub_known_copies`, a step before each copy."""
    store = ws.store
    with store.session() as s:
        ledger = read_ledger(s)
        settle_up_to = s.execute(select(func.max(TombstoneRow.id))).scalar()
        places = _places(store.paths.root, store.paths.backups, copy_registry.backup_folders(s))
    yield Step(0, "Journal d'écriture de la base")
    states = [_empty_wal(ws)]
    removed = 0
    with copy_registry.copies_lock:
        found: list[tuple[_Place, Path, CopyKind]] = []
        for place in places:
            listed = _list(place)
            if isinstance(listed, Obstacle):
                states.append(CopyState(str(place.folder), "", CopyKind.FOLDER, Outcome.REMAINS, listed))
                continue
            removed += remove_partials(place.folder, data_root=place.data_root, copies=place.names)
            found += [(place, place.folder / name, kind) for name, kind in listed]
        for done, (place, path, kind) in enumerate(found):
            yield Step(int(100 * (done + 1) / (len(found) + 1)), f"Copie {done + 1} sur {len(found)} : {path.name}")
            cleaned = clean_copy(path, store.raw_key, ledger)
            states.append(CopyState(str(place.folder), path.name, kind, cleaned.outcome, cleaned.obstacle))
    copies = tuple(states)
    now = ws.clock.now()
    outcome = CopiesReport(now, copies, removed, (), ())
    cleaned_count, remaining_count = outcome.count(Outcome.CLEANED), len(outcome.remaining)
    with store.session() as s:
        copy_registry.save_outcome(s, copies, settle_up_to, now)
        status = copy_registry.status_in(s)
        audit.append(s, AuditCode.COPIES_CLEANED, now, detail=f"copies_nettoyees={cleaned_count} "
                     f"copies_restantes={remaining_count} partiels_supprimes={removed}")
        settled = tuple(t.pseudo_id for t in ledger.tombstones if t.copies_settled_at is None
                        and t.pseudo_id not in {o.pseudo_id for o in status.open_destructions})
    try:
        store.checkpoint()  # the entries just written hold nothing destroyed: folding them is tidiness only
    except StoreError:
        log.warning("copies.final_checkpoint_failed")
    yield Step(100, "Terminé")
    log.info("copies.scrubbed copies=%d cleaned=%d remaining=%d partials=%d", len(copies), cleaned_count,
             remaining_count, removed)
    return replace(outcome, settled=settled, still_open=tuple(o.pseudo_id for o in status.open_destructions))


def reach_steps(ws: Workspace) -> Steps[CopiesReport]:
    """`scrub_steps` after a destruction already committed: should the clean-up fail outright, the report says
    the copies were not reached (the destruction stays open, the tableau de bord offers to try again)."""
    try:
        return (yield from scrub_steps(ws))
    except Exception:
        log.warning("copies.not_reached", exc_info=True)
        folder = CopyState(str(ws.store.paths.backups), "", CopyKind.FOLDER, Outcome.REMAINS, Obstacle.WRITE_FAILED)
        return CopiesReport(ws.clock.now(), (folder,), 0, (), ())


def _places(root: Path, backups: Path, chosen: list[str]) -> list[_Place]:
    own = _Place(backups, frozenset({BACKUP_NAMES, MIGRATION_NAMES}),
                 ((BACKUP_NAMES, CopyKind.BACKUP), (MIGRATION_NAMES, CopyKind.BEFORE_MIGRATION)), chosen=False)
    data = _Place(root, frozenset({RESTORE_NAMES}), ((RESTORE_NAMES, CopyKind.BEFORE_RESTORE),), chosen=False,
                  data_root=True)
    places = [data, own]
    seen = {copy_registry.folder_key(backups), copy_registry.folder_key(root)}
    for folder in chosen:
        if folder not in seen:
            seen.add(folder)
            places.append(_Place(Path(folder), frozenset({BACKUP_NAMES}), ((BACKUP_NAMES, CopyKind.BACKUP),),
                                 chosen=True))
    return places


def _list(place: _Place) -> list[tuple[str, CopyKind]] | Obstacle:
    """The copies in a place, by name; an obstacle when a chosen folder cannot be looked into."""
    try:
        names = sorted(os.listdir(place.folder))
    except FileNotFoundError:
        return Obstacle.FOLDER_MISSING if place.chosen else []
    except NotADirectoryError:
        return Obstacle.FOLDER_MISSING if place.chosen else []
    except OSError:
        return Obstacle.FOLDER_UNREADABLE
    found = []
    for name in names:
        kind = next((k for pattern, k in place.kinds if re.fullmatch(pattern, name)), None)
        if kind is not None and (place.folder / name).is_file():
            found.append((name, kind))
    return found


def _empty_wal(ws: Workspace) -> CopyState:
    """The store's own WAL: its old frames hold pages as they were before the destruction until it is reset."""
    store = ws.store
    wal = store.paths.sidecars()[0]
    for attempt in range(CHECKPOINT_ATTEMPTS):
        if attempt:
            time.sleep(CHECKPOINT_WAIT_MS / 1000)
        try:
            emptied = db.checkpoint_reporting(store.engine, CHECKPOINT_WAIT_MS)
        except Exception:  # a locked or vanished file: said as remaining, never taken as done
            log.warning("copies.checkpoint_failed", exc_info=True)
            continue
        if emptied and (not wal.exists() or wal.stat().st_size == 0):
            return CopyState(str(store.paths.root), wal.name, CopyKind.WAL, Outcome.CLEANED)
    log.warning("copies.wal_not_emptied")
    return CopyState(str(store.paths.root), wal.name, CopyKind.WAL, Outcome.REMAINS, Obstacle.WAL_BUSY)
