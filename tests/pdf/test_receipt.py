"""The attestation de destruction handed to the agent."""

import io
from datetime import UTC, date, datetime

from pypdf import PdfReader

from cmc_desktop.pdf.receipt import FOOTER, DestructionReceipt, render_destruction_receipt
from tests.conftest import MARKER
from tests.pdf.samples import all_text

RECEIPT = DestructionReceipt(
    synthesis_pseudo_id="DS-7K2M9Q", agent_display=MARKER, requested_on=date(2026, 11, 2),
    requested_by="l'agent, par courriel", destroyed_at=datetime(2026, 11, 16, 9, 30, tzinfo=UTC),
    items=["le document de synthèse (version courante)", "3 versions antérieures", "1 import de PDF complété",
           "2 pièces jointes"])


def test_states_who_asked_what_was_destroyed_and_when(paris_time: None) -> None:
    data = render_destruction_receipt(RECEIPT)
    text = all_text(data)
    # 09:30 UTC on 16 November is 10:30 in Paris (CET, UTC+1).
    for expected in ("Attestation de destruction", MARKER, "DS-7K2M9Q", "le 02/11/2026, par l'agent, par courriel",
                     "Destruction effectuée le 16/11/2026 à 10 h 30", "Établie le 16/11/2026 à 10 h 30",
                     *RECEIPT.items, "Le conseiller mobilité-carrière", f"{FOOTER} — page 1/1"):
        assert expected in text, expected


def test_a_summer_time_is_printed_in_french_summer_time(paris_time: None) -> None:
    summer = DestructionReceipt("DS-7K2M9Q", "Agent fictif", date(2026, 7, 1), "l'agent",
                                datetime(2026, 7, 16, 21, 45, tzinfo=UTC), ["le document de synthèse"])
    assert "Destruction effectuée le 16/07/2026 à 23 h 45" in all_text(render_destruction_receipt(summer))  # CEST


def test_metadata_carry_no_name() -> None:
    reader = PdfReader(io.BytesIO(render_destruction_receipt(RECEIPT)))
    assert reader.metadata is not None and reader.metadata.title == "Attestation de destruction"
    assert all(MARKER not in str(value) for value in reader.metadata.values())
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_a_naive_time_is_printed_as_given() -> None:
    receipt = DestructionReceipt("DS-7K2M9Q", "Agent fictif", date(2026, 11, 2), "l'agent",
                                 datetime(2026, 11, 16, 14, 5), ["le document de synthèse"])
    assert "le 16/11/2026 à 14 h 05" in all_text(render_destruction_receipt(receipt))
