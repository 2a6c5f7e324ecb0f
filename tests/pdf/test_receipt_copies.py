"""The attestation says where the document was erased and what remains; the complement says the rest is gone.
Times are printed in the machine's zone: the tests run under Europe/Paris with hand-written expected values."""

import time
from datetime import UTC, date, datetime

import pytest

from cmc_desktop.domain.copies import CopiesReport, CopyKind, CopyState, Obstacle, Outcome
from cmc_desktop.pdf.receipt import DestructionReceipt, render_copies_attestation, render_destruction_receipt
from tests.pdf.samples import all_text

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)  # 10 h 30 in Paris
BACKUPS = "/home/claire/.local/share/cmc-desktop/backups"
USB = "/media/claire/USB-CMC/sauvegardes"


@pytest.fixture(autouse=True)
def paris(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _report(*copies: CopyState) -> CopiesReport:
    return CopiesReport(NOW, copies, 0, (), ())


WAL = CopyState("/home/claire/.local/share/cmc-desktop", "store.db-wal", CopyKind.WAL, Outcome.CLEANED)
CLEANED = CopyState(BACKUPS, "sauvegarde-20261112T081500Z.db", CopyKind.BACKUP, Outcome.CLEANED)
CLEAN = CopyState(BACKUPS, "sauvegarde-20261116T080000Z.db", CopyKind.BACKUP, Outcome.CLEAN)
ABSENT = CopyState(USB, "", CopyKind.FOLDER, Outcome.REMAINS, Obstacle.FOLDER_MISSING)
OLD_KEY = CopyState(BACKUPS, "sauvegarde-20261001T120000Z.db", CopyKind.BACKUP, Outcome.REMAINS, Obstacle.OTHER_KEY)


def _receipt(copies: CopiesReport) -> str:
    receipt = DestructionReceipt("DS-7K2M9Q", "Agent fictif", date(2026, 11, 2), "l'agent", NOW,
                                 ["le document de synthèse"], copies)
    return " ".join(all_text(render_destruction_receipt(receipt)).split())


def test_a_complete_destruction_names_every_copy_it_was_erased_from() -> None:
    text = _receipt(_report(WAL, CLEANED, CLEAN))
    assert "Destruction inachevée" not in text
    assert "le dossier chiffré du poste de travail : la base, son index de recherche et son journal d'écriture" in text
    assert (f"la sauvegarde du 12/11/2026 à 09 h 15 (sauvegarde-20261112T081500Z.db), dans {BACKUPS}") in text
    assert f"1 copie vérifiée dans {BACKUPS}, qui ne le contenait pas ou plus" in text
    assert "Aucune des copies que l'application connaît ne contient plus ce document." in text
    assert "Elle ne couvre pas les copies faites hors de l'application" in text
    assert "Établie le 16/11/2026 à 10 h 30" in text


def test_an_incomplete_destruction_says_so_and_names_what_remains() -> None:
    wal_busy = CopyState(WAL.folder, WAL.name, CopyKind.WAL, Outcome.REMAINS, Obstacle.WAL_BUSY)
    text = _receipt(_report(wal_busy, CLEANED, ABSENT, OLD_KEY))
    assert "Destruction inachevée : des copies subsistent" in text
    assert "le dossier chiffré du poste de travail : la base, son index de recherche" in text
    assert "son index de recherche et son journal d'écriture" not in text  # the WAL is not said to be erased
    assert (f"le dossier de sauvegarde {USB} — dossier introuvable (disque amovible absent, dossier déplacé ou "
            "supprimé) ; rebranchez le disque ou rétablissez le dossier, puis réessayez.") in text
    assert ("la sauvegarde du 01/10/2026 à 14 h 00 (sauvegarde-20261001T120000Z.db), dans "
            f"{BACKUPS} — copie faite sous une clé de chiffrement antérieure (avant un changement de clé) : "
            "l'application ne peut plus l'ouvrir ; supprimez cette copie.") in text
    assert "une lecture en cours a empêché de vider le journal d'écriture" in text
    assert "une attestation complémentaire sera alors remise à l'agent" in text
    assert "Aucune des copies" not in text


def test_the_complement_says_the_remaining_copies_are_gone() -> None:
    later = CopiesReport(datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
                         (CopyState(USB, "sauvegarde-20261110T090000Z.db", CopyKind.BACKUP, Outcome.CLEANED),), 0,
                         ("DS-7K2M9Q",), ())
    text = " ".join(all_text(render_copies_attestation("DS-7K2M9Q", NOW, later)).split())
    assert "Attestation de destruction — copies effacées" in text
    assert "Destruction effectuée le 16/11/2026 à 10 h 30" in text
    assert "Copies restantes effacées le 20/11/2026 à 16 h 00" in text
    assert f"la sauvegarde du 10/11/2026 à 10 h 00 (sauvegarde-20261110T090000Z.db), dans {USB}" in text
    assert "Aucune des copies que l'application connaît ne contient plus ce document." in text
