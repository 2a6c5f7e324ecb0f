"""Agents with a BPP in a promotion, documents de synthèse with the marker everywhere, PDFs read and edited."""

import io
from datetime import date

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from sqlalchemy import func, select

from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.repositories import audit
from cmc_desktop.domain.agent import Category
from cmc_desktop.domain.audit import AuditEntry
from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.promotion import Promotion, Seance, SmallGroupReason
from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import FieldKind, SynthesisKind, field_specs
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import promotions
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER

from .factories import accepted_agent

PROMOTION_START = date(2026, 11, 2)


def bpp_agent(ws: Workspace, last_name: str = "Martin", first_name: str = "Camille") -> tuple[int, int]:
    """(agent id, BPP id): a category B agent in a (small, justified) promotion now in phase 2, begun on 09/11
    after a lancement on 03/11, with three phase-2 séances — present at one, absent from one, one to come."""
    agent_id, demande_id = accepted_agent(ws, last_name, first_name)
    with ws.store.session() as s:
        agent = s.get(AgentRow, agent_id)
        assert agent is not None
        agent.fonction, agent.category, agent.date_prise_fonction = "Gestionnaire RH", Category.B, date(2019, 9, 1)
        agent.private_notes = "Confidences de l'agent sur sa hiérarchie, à ne jamais transmettre."
    promotion = promotions.create_promotion(ws, Promotion("Promotion automne 2026", start_date=PROMOTION_START))
    assert promotion.id is not None
    bpp = promotions.enrol(ws, promotion.id, demande_id)
    assert bpp.id is not None
    _, other_demande = accepted_agent(ws, "Autre", "Participant")
    promotions.enrol(ws, promotion.id, other_demande)
    promotions.set_small_group_reason(ws, promotion.id, SmallGroupReason.AUTRE, "Promotion d'essai")
    seances = {day: promotions.plan_seance(ws, Seance(promotion.id, day, phase))
               for day, phase in ((date(2026, 11, 3), Phase.LANCEMENT), (date(2026, 11, 9), Phase.ANALYSE),
                                  (date(2026, 11, 12), Phase.ANALYSE), (date(2026, 11, 30), Phase.ANALYSE),
                                  (date(2026, 12, 14), Phase.PLAN_ACTION))}
    promotions.set_attendance(ws, seances[date(2026, 11, 3)].id or 0, agent_id, True)
    for participant in promotions.promotion_board(ws, promotion.id).participants:
        bpp_service.record_contract(ws, participant.bpp_id, date(2026, 11, 3))
    promotions.advance_phase(ws, promotion.id)
    promotions.set_attendance(ws, seances[date(2026, 11, 9)].id or 0, agent_id, True)
    promotions.set_attendance(ws, seances[date(2026, 11, 12)].id or 0, agent_id, False)
    stored = bpp_service.get_bpp(ws, bpp.id)
    stored.initial_interview_on = date(2026, 10, 26)
    bpp_service.update_bpp(ws, stored)
    assert bpp_service.get_bpp(ws, bpp.id).phase_dates == {Phase.LANCEMENT: date(2026, 11, 3),
                                                           Phase.ANALYSE: date(2026, 11, 9)}
    return agent_id, bpp.id


def marked_actions(count: int = 3) -> list[PlanAction]:
    return [PlanAction(f"Action {i} {MARKER}", f"{i} mois", f"0{i}/2027", [f"Étape {i}.1 {MARKER}", f"Étape {i}.2"])
            for i in range(1, count + 1)]


def fill_with_marker(ws: Workspace, synthesis_id: int, kind: SynthesisKind = SynthesisKind.BPP) -> None:
    """Every field and the action plan hold the marker, written alternately by the agent and the CMC."""
    for index, spec in enumerate(field_specs(kind).values()):
        text = f"{spec.key} {MARKER}" if spec.kind in (FieldKind.LINE, FieldKind.DATE) else (
            f"{spec.label} :\n{MARKER}, paragraphe {index}.")
        service.set_field(ws, synthesis_id, spec.key, text, Author.AGENT if index % 2 else Author.CMC)
    service.set_actions(ws, synthesis_id, marked_actions(), Author.AGENT)


def journal(ws: Workspace) -> list[AuditEntry]:
    with ws.store.session() as s:
        return audit.entries(s)


def count_rows(ws: Workspace, model: type) -> int:
    with ws.store.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def pdf_text(data: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


def edited(data: bytes, values: dict[str, str]) -> bytes:
    """What a PDF reader saves after the agent typed `values` into the form (field name -> text)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/T") in values:
                widget[NameObject("/V")] = TextStringObject(values[widget["/T"]])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
