"""Seeding agent files with content in every child table, reading a store's decrypted pages, a tiny disk."""

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from cmc_desktop.data.models import (
    AgentRow,
    ConsentRow,
    DemandeRow,
    InterviewRow,
    SynthesisFieldRow,
    SynthesisRow,
    SynthesisVersionRow,
)
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import AgentState, Statut
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.demande import Decision, Initiative
from cmc_desktop.domain.interview import InterviewType, Mode
from cmc_desktop.domain.synthesis import SynthesisStatus
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.domain.text import normalise_for_search

PAGE_SIZE, RESERVE = 4096, 80  # SQLCipher 4 defaults: 16-byte IV + 64-byte HMAC reserved at each page end


def seed_agent(store: Store, pseudo_id: str, name: str, *, ended_on: date | None = None,
               synthesis_pseudo_id: str | None = None) -> int:
    """An agent whose name and notes are `name`, with a demande, an interview, a synthesis and a consent."""
    with store.session() as s:
        agent = AgentRow(pseudo_id=pseudo_id, last_name=name, first_name="Prénom", statut=Statut.TITULAIRE,
                         state=AgentState.TERMINE if ended_on else AgentState.ACTIF,
                         accompaniment_ended_on=ended_on, private_notes=f"notes sur {name}")
        s.add(agent)
        s.flush()
        s.add(DemandeRow(agent_id=agent.id, request_date=date(2024, 1, 5), initiative=Initiative.AGENT,
                         decision=Decision.ACCORD, reason=f"motif {name}"))
        s.add(InterviewRow(agent_id=agent.id, type=InterviewType.E2, held_on=date(2024, 2, 1),
                           mode=Mode.PRESENTIEL, private_notes=f"entretien avec {name}"))
        synthesis = SynthesisRow(pseudo_id=synthesis_pseudo_id or "DS-" + pseudo_id[3:], agent_id=agent.id,
                                 kind=SynthesisKind.E2, status=SynthesisStatus.EN_COURS)
        s.add(synthesis)
        s.flush()
        s.add(SynthesisFieldRow(synthesis_id=synthesis.id, key="2.5", text=f"situation de {name}"))
        s.add(SynthesisVersionRow(synthesis_id=synthesis.id, number=1, snapshot={"nom": name},
                                  created_at=datetime(2024, 3, 1, tzinfo=UTC)))
        s.add(ConsentRow(synthesis_id=synthesis.id, recipient_kind=RecipientKind.SERVICE_RH,
                         recipient_name=f"RH de {name}", scope="tout", given_on=date(2024, 3, 2)))
        return agent.id


def decrypted_pages(path: Path, key: bytes) -> Iterator[bytes]:
    """Every page of a SQLCipher 4 file decrypted, free pages included: what an attacker with the key sees."""
    data = path.read_bytes()
    for offset in range(0, len(data), PAGE_SIZE):
        page = data[offset:offset + PAGE_SIZE]
        iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        yield decryptor.update(page[16 if offset == 0 else 0:PAGE_SIZE - RESERVE]) + decryptor.finalize()


def plaintext_hits(path: Path, key: bytes, needle: str) -> int:
    """Decrypted pages holding the needle as typed, lower-cased, or as a search-index token."""
    forms = {needle.encode("utf-8"), needle.lower().encode("utf-8")}
    forms |= {token.encode("utf-8") for token in normalise_for_search(needle).split()}
    return sum(any(form in page for form in forms) for page in decrypted_pages(path, key))


@contextmanager
def tiny_tmpfs(where: Path, size_kib: int) -> Iterator[Path]:
    """A real small file system, to fill up for real; skips the test where mounting is not allowed."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("monter un tmpfs demande les droits root")
    where.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(where)],
                      capture_output=True).returncode != 0:
        pytest.skip("montage tmpfs refusé")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)
