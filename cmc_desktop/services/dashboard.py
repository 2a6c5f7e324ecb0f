"""The tableau de bord: what needs the CMC today, each line pointing to the place where it is dealt with.

Titles and details name agents: they are shown inside the unlocked application only, never journaled.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import String, exists, or_, select, type_coerce
from sqlalchemy.orm import Session

from ..data.models import (
    AgentRow,
    BppRow,
    DemandeRow,
    DestructionRequestRow,
    PromotionRow,
    SeanceRow,
    SynthesisActionRow,
    SynthesisFieldRow,
    SynthesisRow,
    TransmissionRow,
)
from ..data.repositories import bpps, demandes, promotions, settings
from ..data.repositories.agents import to_agent
from ..domain.agent import AgentState, PriorityGround, referent_handicap_pending
from ..domain.bpp import BppForm, Phase
from ..domain.copies import copies_fr
from ..domain.dates import format_fr
from ..domain.demande import Decision, DemandeStatus
from ..domain.promotion import advance_blockers
from ..domain.synthesis import SynthesisStatus
from . import copy_registry
from .agent_search import list_name
from .bpp import current_dates
from .enrolable import enrolable_demandes
from .workspace import Workspace

UPCOMING_DAYS = 14
PROVIDER_MODE_SETTING = "provider_mode"

URGENT, A_FAIRE, INFO = "urgent", "a_faire", "info"
_RANK = {URGENT: 0, A_FAIRE: 1, INFO: 2}

# A document whose destruction is asked for appears once, as a destruction to carry out.
_DESTRUCTION_PENDING = exists().where(DestructionRequestRow.synthesis_id == SynthesisRow.id,
                                      DestructionRequestRow.carried_out_at.is_(None))


@dataclass(frozen=True)
class DashboardItem:
    """One line of the tableau de bord.

    kind: demande_delai, rejet_implicite, bpp_de_droit, report_echu, prioritaire_en_attente, referent_handicap,
    seance, promotion_bloquee, bpp_bloque, synthese_a_finaliser, destruction_demandee, destruction_prestataire,
    copies_restantes, prise_en_charge, entretien, questionnaire, droits, fin_de_mission.
    severity: "urgent", "a_faire" or "info". target_view: "agent", "demande", "promotion", "synthesis",
    "interview" or "copies" (the copies a destruction has not reached yet; target_id 0).
    """

    kind: str
    title: str
    detail: str
    due: date | None
    severity: str
    target_view: str
    target_id: int


def dashboard(ws: Workspace) -> list[DashboardItem]:
    """Everything that needs the CMC, the most pressing first, then by date."""
    from .dashboard_accompaniments import accompaniment_lines, end_of_mission_lines  # they build DashboardItems

    today = ws.clock.today()
    with ws.store.reading() as s:
        items = [*_demandes(s, today), *_reports(s, today), *_referent_handicap(s), *_seances(s, today),
                 *_blocked_promotions(s, today), *_blocked_individual_bpps(s, today), *_destructions(s),
                 *_to_finalise(s), *_remaining_copies(s), *accompaniment_lines(s, today)]
        if settings.get_bool(s, PROVIDER_MODE_SETTING, False):
            items += _provider_copies(s)
            items += end_of_mission_lines(s)
    items += _waiting_for_a_place(ws)
    return sorted(items, key=lambda i: (_RANK[i.severity], i.due is None, i.due or today, i.title, i.target_id))


def _name(agent: AgentRow) -> str:
    return list_name(agent.last_name, agent.first_name)


def _demandes(s: Session, today: date) -> Iterator[DashboardItem]:
    """Demandes still unanswered whose implicit rejection is near or has happened. A rejection stays listed
    until the CMC records the answer, a new demande, or the end of the accompaniment."""
    rows = s.execute(select(DemandeRow, AgentRow).join(AgentRow, AgentRow.id == DemandeRow.agent_id)
                     .where(DemandeRow.decision == Decision.EN_ATTENTE, AgentRow.state == AgentState.ACTIF))
    latest = {agent_id: day for agent_id, day in s.execute(
        select(DemandeRow.agent_id, DemandeRow.request_date).order_by(DemandeRow.request_date))}
    for row, agent in rows:
        demande = demandes.to_demande(row)
        if demande.request_date < latest[agent.id] or demande.of_right:
            continue
        name = _name(agent)
        if demande.status(today) is DemandeStatus.REJET_IMPLICITE:
            yield DashboardItem(
                "rejet_implicite", f"Rejet implicite de la demande de BPP de {name}",
                f"Sans réponse de la hiérarchie deux mois après la demande du {format_fr(demande.request_date)}, "
                f"la demande est implicitement rejetée depuis le {format_fr(demande.deadline)}. Informez l'agent "
                "ou enregistrez la réponse reçue.", demande.deadline, URGENT, "demande", row.id)
        elif demande.deadline_near(today):
            days = demande.days_before_implicit_rejection(today)
            yield DashboardItem(
                "demande_delai", f"Demande de BPP de {name} sans réponse",
                f"Sans réponse de la hiérarchie, la demande du {format_fr(demande.request_date)} sera implicitement "
                f"rejetée le {format_fr(demande.deadline)} (dans {days} jour{'s' if days > 1 else ''}).",
                demande.deadline, A_FAIRE, "demande", row.id)


def _waiting_for_a_place(ws: Workspace) -> Iterator[DashboardItem]:
    """Demandes that open a BPP and wait for a promotion: a BPP de droit to organise, a report that has ended,
    and the priority publics, whom priority serves first (their place comes before the others')."""
    for waiting in enrolable_demandes(ws):
        name = waiting.list_name
        since = f"demande du {format_fr(waiting.request_date)}"
        if waiting.of_right:
            yield DashboardItem(
                "bpp_de_droit", f"BPP de droit : à organiser pour {name}",
                f"L'agent est concerné par une opération de restructuration de service : ce bilan est de droit "
                f"(décret n° 2019-1441), il ne peut être ni refusé ni reporté ({since}). Inscrivez-le dans une "
                "promotion ou ouvrez son BPP.", waiting.request_date, A_FAIRE, "demande", waiting.demande_id)
        elif waiting.ended_report_on is not None:
            yield DashboardItem(
                "report_echu", f"Report terminé : BPP de {name} à organiser",
                f"Le bilan était reporté jusqu'au {format_fr(waiting.ended_report_on)} ({since}) : l'agent peut "
                "maintenant rejoindre une promotion.", waiting.ended_report_on, A_FAIRE, "demande",
                waiting.demande_id)
        elif waiting.priority:
            yield DashboardItem(
                "prioritaire_en_attente", f"Accès prioritaire : {name} attend une place en promotion",
                f"L'agent relève d'un public prioritaire (art. L. 422-3 CGFP) et sa demande est acceptée ({since}) : "
                "il passe avant les autres agents en attente.", waiting.request_date, A_FAIRE, "demande",
                waiting.demande_id)


def _reports(s: Session, today: date) -> Iterator[DashboardItem]:
    """Reports still running come back at their horizon (above); one recorded without a horizon asks for it."""
    rows = s.execute(select(DemandeRow, AgentRow).join(AgentRow, AgentRow.id == DemandeRow.agent_id)
                     .where(DemandeRow.decision == Decision.REPORT, DemandeRow.report_until.is_(None),
                            AgentRow.state == AgentState.ACTIF))
    for row, agent in rows:
        yield DashboardItem(
            "report_sans_echeance", f"Report sans échéance : demande de BPP de {_name(agent)}",
            f"Le bilan a été reporté le {format_fr(row.decision_date)} sans date de fin : indiquez jusqu'à quand, "
            "pour que la demande revienne à cette date.", row.decision_date, A_FAIRE, "demande", row.id)


def _referent_handicap(s: Session) -> Iterator[DashboardItem]:
    """Agents covered by art. L. 5212-13 whose BPP has started (or is accepted) without the référent handicap
    having been informed."""
    # The grounds are stored as comma-separated values: a text search narrows the rows, the set decides.
    grounds_text = type_coerce(AgentRow.priority_grounds, String)
    with_bpp_query = select(BppRow.agent_id)
    accepted_query = select(DemandeRow.agent_id).where(DemandeRow.decision == Decision.ACCORD)
    # Only agents with a BPP or an accepted demande can have a line: the others are not read (on the large
    # store, 595 whole agent rows read for 25 lines — a sixth of the tableau de bord).
    rows = s.execute(select(AgentRow).where(AgentRow.state == AgentState.ACTIF,
                                            AgentRow.referent_handicap_informed_on.is_(None),
                                            grounds_text.contains(PriorityGround.L5212_13.value),
                                            or_(AgentRow.id.in_(with_bpp_query), AgentRow.id.in_(accepted_query))))
    with_bpp = set(s.execute(with_bpp_query).scalars())
    accepted = set(s.execute(accepted_query).scalars())
    for row in rows.scalars():
        agent = to_agent(row)
        if PriorityGround.L5212_13 not in agent.priority_grounds:
            continue
        if referent_handicap_pending(agent, bpp_started=row.id in with_bpp):
            yield DashboardItem(
                "referent_handicap", f"Référent handicap à informer pour {_name(row)}",
                "L'agent, bénéficiaire de l'obligation d'emploi (art. L. 5212-13 C. trav.), a commencé un BPP : "
                "le référent handicap doit en être informé et, si l'agent le souhaite, y être associé.",
                None, URGENT, "agent", row.id)
        elif row.id in accepted:
            yield DashboardItem(
                "referent_handicap", f"Référent handicap à informer pour {_name(row)}",
                "La demande de BPP de l'agent, bénéficiaire de l'obligation d'emploi (art. L. 5212-13 C. trav.), "
                "est acceptée : informez le référent handicap avant le début du bilan.",
                None, A_FAIRE, "agent", row.id)


def _seances(s: Session, today: date) -> Iterator[DashboardItem]:
    rows = s.execute(select(SeanceRow, PromotionRow).join(PromotionRow, PromotionRow.id == SeanceRow.promotion_id)
                     .where(SeanceRow.held_on.between(today, today + timedelta(days=UPCOMING_DAYS)),
                            PromotionRow.closed_on.is_(None)))
    for seance, promotion in rows:
        where = "en ligne" if promotion.online and not seance.place else seance.place
        detail = " — ".join(p for p in (seance.phase.label, seance.topic, where) if p)
        yield DashboardItem("seance", f"Séance du {format_fr(seance.held_on)} — {promotion.name}", detail,
                            seance.held_on, A_FAIRE if seance.held_on == today else INFO, "promotion", promotion.id)


def _blocked_promotions(s: Session, today: date) -> Iterator[DashboardItem]:
    """Open promotions that cannot go on because a participant's contract or final interview is missing.
    Pressing once the phase is under way (one of its séances has been held)."""
    rows = s.execute(select(PromotionRow.id).distinct().join(BppRow, BppRow.promotion_id == PromotionRow.id)
                     .where(PromotionRow.closed_on.is_(None), or_(
                         (PromotionRow.current_phase == Phase.LANCEMENT) & BppRow.contract_signed_on.is_(None),
                         (PromotionRow.current_phase == Phase.CONCLUSION) & BppRow.final_interview_on.is_(None))))
    ids = list(rows.scalars())
    # Each promotion's participants and séances read at once: one query each for all of them (with ~50 blocked
    # promotions, a query per promotion was a quarter of the tableau de bord).
    found = promotions.get_many(s, ids)
    all_participants, all_seances = promotions.participants_of(s, ids), promotions.seances_of(s, ids)
    for promotion_id in ids:
        promotion, participants = found[promotion_id], all_participants[promotion_id]
        seances = all_seances[promotion_id]
        under_way = any(x.phase is promotion.current_phase and x.held_on <= today for x in seances)
        upcoming = [x.held_on for x in seances if x.held_on >= today]
        yield DashboardItem("promotion_bloquee", f"Promotion « {promotion.name} » : impossible de "
                            f"{promotion.next_step}", " ".join(advance_blockers(promotion, participants, seances,
                                                                                  today)),
                            min(upcoming, default=None), A_FAIRE if under_way else INFO, "promotion", promotion_id)


def _blocked_individual_bpps(s: Session, today: date) -> Iterator[DashboardItem]:
    """Individual BPPs that cannot go on: contract not signed in the lancement, no final interview in the
    conclusion."""
    rows = s.execute(select(BppRow, AgentRow).join(AgentRow, AgentRow.id == BppRow.agent_id).where(
        BppRow.form == BppForm.INDIVIDUEL, BppRow.closed_on.is_(None), AgentRow.state == AgentState.ACTIF,
        or_((BppRow.current_phase == Phase.LANCEMENT) & BppRow.contract_signed_on.is_(None),
            (BppRow.current_phase == Phase.CONCLUSION) & BppRow.final_interview_on.is_(None))))
    for row, agent in rows:
        bpp = current_dates(s, bpps.to_bpp(row), today)
        yield DashboardItem("bpp_bloque", f"BPP individuel de {_name(agent)} : {bpp.current_phase.label.lower()}",
                            " ".join(bpp.individual_advance_blockers(today)), None, A_FAIRE, "agent", agent.id)


def _destructions(s: Session) -> Iterator[DashboardItem]:
    """The agent asked for a document to be destroyed: nothing else about it matters until it is done."""
    rows = s.execute(select(DestructionRequestRow, SynthesisRow, AgentRow)
                     .join(SynthesisRow, SynthesisRow.id == DestructionRequestRow.synthesis_id)
                     .join(AgentRow, AgentRow.id == SynthesisRow.agent_id)
                     .where(DestructionRequestRow.carried_out_at.is_(None)))
    for request, synthesis, agent in rows:
        if request.requested_by == "prestataire":  # who asked, said as it is: never « l'agent a demandé »
            detail = (f"À l'initiative du prestataire, le {format_fr(request.requested_on)} : un prestataire ne garde "
                      "pas le document de synthèse d'un agent public. La destruction n'a pas encore été effectuée.")
        else:
            detail = (f"L'agent a demandé le {format_fr(request.requested_on)} la destruction de son document "
                      "de synthèse : elle n'a pas encore été effectuée.")
        yield DashboardItem("destruction_demandee", f"Document de synthèse de {_name(agent)} à détruire", detail,
                            request.requested_on, URGENT, "synthesis", synthesis.id)


def _remaining_copies(s: Session) -> Iterator[DashboardItem]:
    """A destruction or a purge stays open until every known copy is clean (services.copies)."""
    status = copy_registry.status_in(s)
    if status.complete:
        return
    oldest = status.open_destructions[0]
    ids = ", ".join(o.pseudo_id for o in status.open_destructions[:3])
    ids += f" et {len(status.open_destructions) - 3} autres" if len(status.open_destructions) > 3 else ""
    if status.remaining:
        first = status.remaining[0]
        reason = f" : {first.obstacle.label}" if first.obstacle else ""
        others = len(status.remaining) - 1
        more = f" ; et {copies_fr(others)} de plus" if others else ""
        yield DashboardItem("copies_restantes", f"Destruction inachevée : {copies_fr(len(status.remaining))} "
                            f"restante{'s' if len(status.remaining) > 1 else ''}",
                            f"Pas encore effacé de toutes les copies : {ids}. Reste {first.description}{reason}{more}. "
                            "Réessayez une fois la copie accessible.", oldest.destroyed_at.date(), URGENT, "copies", 0)
    else:
        yield DashboardItem("copies_restantes", "Destruction à terminer dans les sauvegardes",
                            f"Pas encore effacé des sauvegardes : {ids}. Leur nettoyage n'a pas eu lieu ou a été "
                            "interrompu : lancez-le de nouveau.", oldest.destroyed_at.date(), URGENT, "copies", 0)


def _to_finalise(s: Session) -> Iterator[DashboardItem]:
    """Documents in progress that already hold content: the agent finalises them. Pressing once the BPP has
    reached its conclusion (or is closed)."""
    has_content = or_(exists().where(SynthesisFieldRow.synthesis_id == SynthesisRow.id, SynthesisFieldRow.text != ""),
                      exists().where(SynthesisActionRow.synthesis_id == SynthesisRow.id))
    rows = s.execute(select(SynthesisRow.id, SynthesisRow.kind, AgentRow.last_name, AgentRow.first_name,
                            BppRow.current_phase, BppRow.closed_on)
                     .join(AgentRow, AgentRow.id == SynthesisRow.agent_id)
                     .join(BppRow, BppRow.id == SynthesisRow.bpp_id, isouter=True)
                     .where(SynthesisRow.status == SynthesisStatus.EN_COURS, has_content, ~_DESTRUCTION_PENDING))
    for row in rows:
        concluding = row.closed_on is not None or row.current_phase is Phase.CONCLUSION
        yield DashboardItem("synthese_a_finaliser",
                            f"Document de synthèse de {list_name(row.last_name, row.first_name)} à finaliser",
                            f"{row.kind.label} : document en cours de rédaction, que l'agent finalise.",
                            None, A_FAIRE if concluding else INFO, "synthesis", row.id)


def _provider_copies(s: Session) -> Iterator[DashboardItem]:
    """An external provider may not keep a document it has transmitted to the administration's CMC."""
    last_sent = select(TransmissionRow.synthesis_id, TransmissionRow.sent_at).order_by(TransmissionRow.sent_at)
    sent = {synthesis_id: at for synthesis_id, at in s.execute(last_sent)}
    rows = s.execute(select(SynthesisRow, AgentRow).join(AgentRow, AgentRow.id == SynthesisRow.agent_id)
                     .where(SynthesisRow.id.in_(list(sent)), ~_DESTRUCTION_PENDING))
    for synthesis, agent in rows:
        yield DashboardItem(
            "destruction_prestataire", f"Document transmis de {_name(agent)} à détruire",
            f"Document transmis le {format_fr(sent[synthesis.id].date())} : un prestataire ne conserve pas le "
            "document de synthèse une fois transmis au conseiller de l'administration. Détruisez-le.",
            sent[synthesis.id].date(), URGENT, "synthesis", synthesis.id)
