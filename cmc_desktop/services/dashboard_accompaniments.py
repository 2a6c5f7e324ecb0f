"""The tableau de bord's lines about accompaniments: the lead time promised to the agent, the individual
interviews ahead, the satisfaction questionnaire to propose, the agent's requests about their data, and — for a
provider — the files to erase at the end of the mission.

Titles and details name agents: they are shown inside the unlocked application only, never journaled.
"""

from collections.abc import Iterator
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data.models import AccompanimentRow, AgentRow, InterviewRow, RightsRequestRow, SatisfactionRow
from ..data.repositories.accompaniments import met_on_by_agent, to_accompaniment, to_rights_request
from ..data.repositories.erasure import erasure_facts
from ..domain.accompaniment import Questionnaire, TakeCharge
from ..domain.agent import AgentState
from ..domain.data_rights import ANSWER_WARNING_DAYS, RightsRequestKind
from ..domain.dates import format_fr
from ..domain.erasure import erasure_holds
from .agent_search import list_name
from .dashboard import A_FAIRE, INFO, UPCOMING_DAYS, URGENT, DashboardItem

# A questionnaire handed on paper is awaited this long after the closing, then no longer reminded.
PAPER_WAIT_DAYS = 60
# A closing without the questionnaire proposed is reminded this long.
QUESTIONNAIRE_REMINDER_DAYS = 90


def accompaniment_lines(s: Session, today: date) -> Iterator[DashboardItem]:
    yield from _take_charge(s, today)
    yield from _upcoming_interviews(s, today)
    yield from _questionnaires(s, today)
    yield from _rights_requests(s, today)


def _name(agent: AgentRow) -> str:
    return list_name(agent.last_name, agent.first_name)


def _take_charge(s: Session, today: date) -> Iterator[DashboardItem]:
    """Open requests whose promised lead time is near or past without a first interview (commitment 2)."""
    rows = s.execute(select(AccompanimentRow, AgentRow).join(AgentRow, AgentRow.id == AccompanimentRow.agent_id)
                     .where(AccompanimentRow.closed_on.is_(None), AgentRow.state == AgentState.ACTIF)).all()
    if not rows:
        return
    met = met_on_by_agent(s, today)
    for row, agent in rows:
        accompaniment = to_accompaniment(row)
        state = accompaniment.take_charge(today, met_on=met.get(agent.id, []))
        promised = accompaniment.promised_on
        name = _name(agent)
        if state.status is TakeCharge.OVERDUE:
            planned = f" Premier entretien prévu le {format_fr(state.planned_on)}." if state.planned_on else ""
            yield DashboardItem(
                "prise_en_charge", f"Délai de prise en charge dépassé pour {name}",
                f"Demande d'accompagnement du {format_fr(row.requested_on)} : le premier entretien devait avoir lieu "
                f"au plus tard le {format_fr(promised)}, délai communiqué à l'agent.{planned}",
                promised, URGENT, "agent", agent.id)
        elif state.status is TakeCharge.DUE_SOON:
            yield DashboardItem(
                "prise_en_charge", f"Premier entretien à tenir avec {name}",
                f"Demande d'accompagnement du {format_fr(row.requested_on)} : le délai de prise en charge "
                f"communiqué à l'agent échoit le {format_fr(promised)}, sans entretien prévu d'ici là.",
                promised, A_FAIRE, "agent", agent.id)
        elif state.status is TakeCharge.WAITING and promised is None:
            yield DashboardItem(
                "prise_en_charge", f"Délai de prise en charge à communiquer à {name}",
                f"Demande d'accompagnement du {format_fr(row.requested_on)}, sans premier entretien : indiquez à "
                "l'agent dans quel délai il sera reçu (engagement 2 de « Mon accompagnement en + »).",
                None, INFO, "agent", agent.id)


def _upcoming_interviews(s: Session, today: date) -> Iterator[DashboardItem]:
    rows = s.execute(select(InterviewRow, AgentRow).join(AgentRow, AgentRow.id == InterviewRow.agent_id)
                     .where(InterviewRow.held_on.between(today, today + timedelta(days=UPCOMING_DAYS)))
                     .order_by(InterviewRow.held_on))
    for interview, agent in rows:
        detail = " — ".join(part for part in (interview.type.label, interview.mode.label, interview.subject) if part)
        yield DashboardItem("entretien", f"Entretien du {format_fr(interview.held_on)} avec {_name(agent)}", detail,
                            interview.held_on, A_FAIRE if interview.held_on == today else INFO, "interview",
                            interview.id)


def _questionnaires(s: Session, today: date) -> Iterator[DashboardItem]:
    """Accompaniments closed without the questionnaire proposed, or whose paper answers are awaited."""
    answered = set(s.execute(select(SatisfactionRow.accompaniment_id)
                             .where(SatisfactionRow.accompaniment_id.is_not(None))).scalars())
    rows = s.execute(select(AccompanimentRow, AgentRow).join(AgentRow, AgentRow.id == AccompanimentRow.agent_id)
                     .where(AccompanimentRow.closed_on >= today - timedelta(days=QUESTIONNAIRE_REMINDER_DAYS)))
    for row, agent in rows:
        if row.id in answered:
            continue
        if row.questionnaire is None:
            yield DashboardItem(
                "questionnaire", f"Questionnaire de satisfaction à proposer à {_name(agent)}",
                f"Accompagnement clos le {format_fr(row.closed_on)} : le questionnaire « Mon accompagnement en + » "
                "est adressé à chaque agent accompagné.", row.closed_on, A_FAIRE, "agent", agent.id)
        elif row.questionnaire is Questionnaire.PAPIER and row.closed_on is not None and (
                today - row.closed_on).days <= PAPER_WAIT_DAYS:
            yield DashboardItem(
                "questionnaire", f"Questionnaire papier attendu de {_name(agent)}",
                f"Remis sur papier à la clôture du {format_fr(row.closed_on)} : saisissez les réponses dès leur "
                "retour.", None, INFO, "agent", agent.id)


def _rights_requests(s: Session, today: date) -> Iterator[DashboardItem]:
    """The agent's requests about their data, answered within the month."""
    rows = s.execute(select(RightsRequestRow, AgentRow).join(AgentRow, AgentRow.id == RightsRequestRow.agent_id)
                     .where(RightsRequestRow.answered_on.is_(None)))
    for row, agent in rows:
        request = to_rights_request(row)
        due = request.due_on
        severity = URGENT if today > due else A_FAIRE if (due - today).days <= ANSWER_WARNING_DAYS else INFO
        what = ("remettez-lui ses données (Droits et dossier › Exporter ses données)"
                if request.kind is RightsRequestKind.ACCES else
                "effacez son dossier (Droits et dossier › Effacer le dossier)")
        yield DashboardItem("droits", f"{request.kind.label} : demande de {_name(agent)}",
                            f"Demande reçue le {format_fr(request.requested_on)}, réponse due au plus tard le "
                            f"{format_fr(due)} : {what}.", due, severity, "agent", agent.id)


def end_of_mission_lines(s: Session) -> Iterator[DashboardItem]:
    """Provider mode: a file whose accompaniment has ended is erased — synthesis transmitted first if the agent
    asked, destroyed in every case — leaving only anonymous counts."""
    rows = s.execute(select(AgentRow).where(AgentRow.state == AgentState.TERMINE)
                     .order_by(AgentRow.accompaniment_ended_on)).scalars()
    for agent in rows:
        holds = erasure_holds(erasure_facts(s, agent.id))
        first = " Transmettez d'abord le document de synthèse que l'agent a demandé de transmettre." if holds else ""
        yield DashboardItem(
            "fin_de_mission", f"Fin de mission : dossier de {_name(agent)} à effacer",
            f"À l'initiative du prestataire : l'accompagnement s'est terminé le "
            f"{format_fr(agent.accompaniment_ended_on)} et un prestataire ne garde pas les documents et données "
            f"personnelles d'un agent public. Le document de synthèse est transmis si l'agent le demande, puis "
            f"détruit dans tous les cas avec le reste du dossier ; l'activité reste comptée, anonymement.{first}",
            agent.accompaniment_ended_on, URGENT, "agent", agent.id)
