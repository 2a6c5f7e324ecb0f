"""Rotation never deletes the backup it has just written — clock set back, several backups in one second — and
the backups written after that keep working."""

from pathlib import Path

from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.services import backup
from cmc_desktop.services.workspace import Workspace


def _names(directory: Path) -> list[str]:
    return [info.path.name for info in backup.list_backups(directory)]


def test_a_backup_written_with_the_clock_set_back_is_kept(ws: Workspace, clock: FixedClock, data_dir: Path) -> None:
    backup.set_backup_keep(ws, 2)
    folder = data_dir / "backups"
    first = backup.make_backup(ws)
    clock.advance(hours=1)
    second = backup.make_backup(ws)
    clock.advance(days=-30)  # the machine's clock was put back a month

    late = backup.make_backup(ws)

    assert late.path.exists() and late.size == late.path.stat().st_size
    assert late.path.name == "sauvegarde-20261017T103000Z.db"
    assert sorted(_names(folder)) == sorted([second.path.name, late.path.name])
    assert not first.path.exists()
    for _ in range(3):  # later backups keep working, each one kept with the newest other
        clock.advance(minutes=1)
        info = backup.make_backup(ws)
        assert info.path.exists()
        assert len(_names(folder)) == 2 and info.path.name in _names(folder)


def test_several_backups_in_the_same_second_each_survive_their_own_rotation(ws: Workspace, data_dir: Path) -> None:
    backup.set_backup_keep(ws, 1)
    written = []
    for _ in range(4):  # the clock does not move: every name carries the same second
        info = backup.make_backup(ws)
        assert info.path.exists(), info.path.name
        assert _names(data_dir / "backups") == [info.path.name]
        written.append(info.path.name)
    # A number freed by the rotation is not reused: within the second, names sort in the order of writing.
    assert written == ["sauvegarde-20261116T093000Z.db", "sauvegarde-20261116T093000Z-02.db",
                       "sauvegarde-20261116T093000Z-03.db", "sauvegarde-20261116T093000Z-04.db"]


def test_within_one_second_the_rotation_keeps_the_last_written(ws: Workspace, data_dir: Path) -> None:
    backup.set_backup_keep(ws, 2)
    written = [backup.make_backup(ws).path.name for _ in range(4)]
    assert _names(data_dir / "backups") == [written[3], written[2]]


def test_keep_one_with_the_clock_set_back_keeps_only_the_new_backup(ws: Workspace, clock: FixedClock,
                                                                     data_dir: Path) -> None:
    backup.set_backup_keep(ws, 1)
    backup.make_backup(ws)
    clock.advance(days=-1)
    info = backup.make_backup(ws)
    assert _names(data_dir / "backups") == [info.path.name]
