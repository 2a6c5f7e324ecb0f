"""A known store for the indicator tests: every figure of the period 01/01/2026–30/06/2026 is computed by hand.

Today is 16/11/2026 (the `ws` fixture's clock). Agents are keyed C1–C7 (collective BPP of promotion P1 on
02/03/2026), I1–I2 (individual BPPs), D1–D3 (BPPs of 2025), F1 (BPP not started), R1–R2 (refusals), S1 (report),
Q1–Q7 (demandes left unanswered), A1–A15 (demandes d'accompagnement, taken in charge at a collective séance).
"""

from datetime import UTC, date, datetime, timedelta

from cmc_desktop.data.models import (
    AccompanimentRow,
    AgentRow,
    AttendanceRow,
    BppRow,
    DemandeRow,
    InterviewRow,
    PromotionRow,
    SatisfactionRow,
    SeanceRow,
    SynthesisRow,
    TombstoneRow,
)
from cmc_desktop.data.store import Store
from cmc_desktop.domain.accompaniment import Level, ProjectKind, Questionnaire, Result
from cmc_desktop.domain.agent import AgentState, Category, PriorityGround, Statut
from cmc_desktop.domain.bpp import BppForm, Phase
from cmc_desktop.domain.demande import Decision, Initiative
from cmc_desktop.domain.interview import InterviewType, Mode
from cmc_desktop.domain.synthesis import SynthesisStatus
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from tests.conftest import MARKER

START, END = date(2026, 1, 1), date(2026, 6, 30)
D = date
L5212, USURE, CAT_C, RESTRUCT = (PriorityGround.L5212_13, PriorityGround.USURE_PROFESSIONNELLE,
                                 PriorityGround.CAT_C_SANS_DIPLOME, PriorityGround.RESTRUCTURATION)
P1_START = D(2026, 3, 2)
# key: (priority grounds, référent handicap informed on)
AGENTS: dict[str, tuple[frozenset[PriorityGround], date | None]] = {
    "C1": (frozenset({L5212}), D(2026, 2, 20)),  # informed before the start: in time
    "C2": (frozenset({L5212}), P1_START),  # informed on the day the BPP starts: in time
    "C3": (frozenset({USURE}), None),
    "C4": (frozenset({CAT_C}), None),
    "C5": (frozenset({L5212, USURE}), D(2026, 3, 10)),  # late
    "C6": (frozenset(), None), "C7": (frozenset(), None),
    "I1": (frozenset({L5212}), None),  # never informed
    "I2": (frozenset({RESTRUCT}), None),
    "D1": (frozenset(), None), "D2": (frozenset(), None), "D3": (frozenset(), None),
    "F1": (frozenset(), None), "R1": (frozenset(), None), "R2": (frozenset(), None), "S1": (frozenset(), None),
    "Q1": (frozenset({L5212}), None),  # L. 5212-13 but no BPP: not counted for the référent handicap
    "Q2": (frozenset(), None), "Q3": (frozenset(), None), "Q4": (frozenset(), None), "Q5": (frozenset(), None),
    "Q6": (frozenset(), None), "Q7": (frozenset(), None),
}
# key: [(request date, decision, decision date)]
DEMANDES: dict[str, list[tuple[date, Decision, date | None]]] = {
    # Delays to the collective start on 02/03/2026: 5, 12, 20, 28, 30, 45, 58 days.
    "C1": [(D(2026, 2, 25), Decision.ACCORD, D(2026, 2, 28))],
    "C2": [(D(2026, 2, 18), Decision.ACCORD, D(2026, 2, 21))],
    "C3": [(D(2026, 2, 10), Decision.ACCORD, D(2026, 2, 13))],
    "C4": [(D(2026, 2, 2), Decision.ACCORD, D(2026, 2, 5))],
    "C5": [(D(2026, 1, 31), Decision.ACCORD, D(2026, 2, 3))],
    "C6": [(D(2026, 1, 16), Decision.ACCORD, D(2026, 1, 19))],
    "C7": [(D(2026, 1, 3), Decision.ACCORD, D(2026, 1, 6))],
    "I1": [(D(2026, 1, 5), Decision.ACCORD, D(2026, 1, 20))],  # individual start 10/04/2026: 95 days
    "D1": [(D(2025, 9, 1), Decision.ACCORD, D(2025, 9, 5)),
           (D(2026, 6, 1), Decision.EN_ATTENTE, None)],  # asks again; the 2025 BPP does not answer this
    "D2": [(D(2025, 9, 1), Decision.ACCORD, D(2025, 9, 5))],
    "D3": [(D(2025, 9, 1), Decision.ACCORD, D(2025, 9, 5))],
    "F1": [(D(2026, 6, 15), Decision.ACCORD, D(2026, 7, 10))],  # accord after the period
    "R1": [(D(2026, 2, 10), Decision.REFUS, D(2026, 3, 1))],
    "R2": [(D(2026, 5, 20), Decision.REFUS, D(2026, 7, 5))],  # refused after the period
    "S1": [(D(2026, 3, 1), Decision.REPORT, D(2026, 3, 20))],
    # Unanswered; the silence turns into a rejection two months later.
    "Q1": [(D(2026, 1, 10), Decision.EN_ATTENTE, None)],  # 10/03/2026
    "Q2": [(D(2026, 3, 15), Decision.EN_ATTENTE, None)],  # 15/05/2026
    "Q3": [(D(2026, 4, 30), Decision.EN_ATTENTE, None)],  # 30/06/2026, last day of the period
    "Q4": [(D(2026, 5, 1), Decision.EN_ATTENTE, None)],  # 01/07/2026, after the period
    "Q5": [(D(2025, 10, 31), Decision.EN_ATTENTE, None)],  # 31/12/2025, before the period
    "Q6": [(D(2025, 11, 15), Decision.EN_ATTENTE, None)],  # 15/01/2026: asked before, rejected within
    "Q7": [(D(2026, 2, 28), Decision.EN_ATTENTE, None)],  # 28/04/2026
}
# name: (start, end, closed)
PROMOTIONS = {
    "P1": (P1_START, D(2026, 6, 26), None),
    "P2": (D(2025, 10, 1), D(2026, 2, 15), D(2026, 1, 20)),  # closed within the period
    "P3": (D(2026, 9, 7), None, None),
    "P4": (D(2025, 3, 1), D(2025, 7, 1), D(2025, 7, 1)),
    "P5": (D(2025, 11, 3), D(2025, 12, 31), D(2025, 12, 31)),  # closed the day before the period
}
# key: (form, promotion, phase 1 on, index of the demande it answers)
BPPS = {
    **{f"C{i}": (BppForm.COLLECTIF, "P1", P1_START, 0) for i in range(1, 8)},
    "I1": (BppForm.INDIVIDUEL, None, D(2026, 4, 10), 0),
    "I2": (BppForm.INDIVIDUEL, None, D(2026, 5, 4), None),  # BPP of right, without demande
    **{f"D{i}": (BppForm.COLLECTIF, "P2", D(2025, 10, 1), 0) for i in range(1, 4)},
    "F1": (BppForm.COLLECTIF, "P3", None, 0),
}
INTERVIEWS = (
    [(InterviewType.E1, day) for day in (D(2026, 1, 1), D(2026, 2, 2), D(2026, 3, 3), D(2026, 4, 4),
                                         D(2026, 5, 5), D(2026, 6, 30), D(2025, 12, 31), D(2026, 7, 1))]
    + [(InterviewType.E2, D(2026, 1, 15) + timedelta(days=10 * i)) for i in range(8)]
    + [(InterviewType.E3, day) for day in (P1_START, D(2026, 4, 10), D(2026, 5, 4))]
    + [(InterviewType.E4, D(2026, 8, 1))]
)
FINALISED = [D(2026, 1, 1), D(2026, 2, 10), D(2026, 3, 15), D(2026, 4, 20), D(2026, 6, 30), D(2026, 7, 2)]
# (kind, destroyed at)
TOMBSTONES = [
    ("synthese", datetime(2026, 2, 1, 10, 0, tzinfo=UTC)),
    ("synthese", datetime(2026, 6, 30, 23, 30, tzinfo=UTC)),
    ("synthese", datetime(2026, 7, 1, 0, 30, tzinfo=UTC)),
    ("synthese", datetime(2025, 12, 31, 23, 59, tzinfo=UTC)),
    ("dossier_agent", datetime(2026, 3, 1, 12, 0, tzinfo=UTC)),
]
# (agent key or None for a purged agent, recorded on, overall, confidentialité, information)
ANSWERS = [
    ("C1", D(2026, 6, 1), 10, 10, 8), ("C2", D(2026, 6, 1), 9, 10, 9), ("C3", D(2026, 6, 2), 9, 9, 10),
    ("C4", D(2026, 6, 2), 8, 9, None), ("C5", D(2026, 6, 3), 10, 10, None), ("C6", D(2026, 6, 3), 7, 8, None),
    ("C7", D(2026, 6, 4), 6, 7, None), (None, D(2026, 1, 12), 9, 10, None), ("D1", D(2026, 2, 10), 5, 6, None),
    ("I2", D(2026, 6, 10), 8, 8, None),
    ("D1", D(2025, 12, 20), 2, 2, None), ("D2", D(2026, 7, 1), 0, 0, None),
]
DECLINED = [("I1", D(2026, 6, 20)), ("D3", D(2026, 1, 5)), ("F1", D(2026, 7, 15))]
COMMENT = "Mon conseiller m'a aidée pour ma mutation à Brest"
L1, L2, L3, L4 = Level.INFORMATION, Level.PERSONNALISE, Level.PARCOURS, Level.TRANSFORMATION
INTERNE, MINISTERE, MAINTIEN, RECONVERSION, PRIVE = (ProjectKind.MOBILITE_INTERNE, ProjectKind.AUTRE_MINISTERE,
                                                     ProjectKind.MAINTIEN, ProjectKind.RECONVERSION,
                                                     ProjectKind.SECTEUR_PRIVE)
ECRAN, PAPIER, DECLINE = Questionnaire.ECRAN, Questionnaire.PAPIER, Questionnaire.DECLINE
# key: (requested on, level, promised days, first séance attended, closed on, project, result, questionnaire,
#       questionnaire answered (True), declined (False) or none recorded (None))
# Received in the period: 13 (A9, A12 asked in 2025); taken in charge: A1–A5, A7, A8 (in July), A11 = 8 of 13.
# Delays of those taken in charge within the period: A11 0, A3 4, A1 7, A7 7, A2 21, A5 24, A9 29, A4 33 days.
# Promise kept: A1, A3, A5, A7, A9, A11 of the 7 with a promise (A2 late, A4 without).
# Closed in the period: A1, A2, A3, A4 (30/06), A7, A9, A11, A12 = 8 (A5 closed in July).
ACCOMPANIMENTS = {
    "A1": (D(2026, 1, 5), L2, 15, D(2026, 1, 12), D(2026, 3, 31), INTERNE, Result.MOBILITE_REALISEE, ECRAN, True),
    "A2": (D(2026, 1, 20), L2, 15, D(2026, 2, 10), D(2026, 5, 15), MINISTERE, Result.MOBILITE_REALISEE, PAPIER,
           None),
    "A3": (D(2026, 2, 1), L1, 7, D(2026, 2, 5), D(2026, 2, 20), MAINTIEN, Result.ABANDON, DECLINE, False),
    "A4": (D(2026, 2, 15), L2, None, D(2026, 3, 20), D(2026, 6, 30), RECONVERSION, Result.FORMATION, None, None),
    "A5": (D(2026, 3, 1), L3, 30, D(2026, 3, 25), D(2026, 7, 10), INTERNE, Result.MOBILITE_REALISEE, ECRAN, True),
    "A6": (D(2026, 3, 10), L2, 10, None, None, None, None, None, None),
    "A7": (D(2026, 4, 1), L2, 15, D(2026, 4, 8), D(2026, 6, 15), INTERNE, Result.PROJET_EN_COURS, ECRAN, True),
    "A8": (D(2026, 5, 20), L4, 20, D(2026, 7, 2), None, None, None, None, None),
    "A9": (D(2025, 12, 10), L2, 30, D(2026, 1, 8), D(2026, 4, 30), INTERNE, Result.MOBILITE_REALISEE, ECRAN, True),
    "A10": (D(2026, 6, 20), L2, 15, None, None, None, None, None, None),
    "A11": (D(2026, 1, 10), L2, 30, D(2026, 1, 10), D(2026, 6, 1), INTERNE, Result.MOBILITE_REALISEE, ECRAN, True),
    "A12": (D(2025, 11, 1), L2, None, D(2025, 11, 5), D(2026, 1, 15), PRIVE, Result.MOBILITE_REALISEE, None, None),
    "A13": (D(2026, 2, 3), L1, None, None, None, None, None, None, None),
    "A14": (D(2026, 4, 14), L2, 15, None, None, None, None, None, None),
    "A15": (D(2026, 6, 2), L2, None, None, None, None, None, None, None),
}


def pseudo_id(key: str) -> str:
    return f"AG-TST{key}"


def last_name(key: str) -> str:
    return MARKER if key == "C1" else f"Quelconque{key}"


def seed(store: Store) -> list[str]:
    """Write the dataset; return every name, pseudonymous id and free text it holds."""
    with store.session() as s:
        agent_ids: dict[str, int] = {}
        for key, (grounds, informed) in AGENTS.items():
            row = AgentRow(pseudo_id=pseudo_id(key), last_name=last_name(key), first_name="Zoé",
                           statut=Statut.TITULAIRE, category=Category.C if CAT_C in grounds else None,
                           priority_grounds=grounds, referent_handicap_informed_on=informed,
                           state=AgentState.ACTIF, private_notes=f"notes privées {key}")
            s.add(row)
            s.flush()
            agent_ids[key] = row.id
        demande_ids: dict[str, list[int]] = {}
        for key, entries in DEMANDES.items():
            for request, decision, decided in entries:
                demande = DemandeRow(agent_id=agent_ids[key], request_date=request, initiative=Initiative.AGENT,
                                     decision=decision, decision_date=decided, reason=f"motif de {last_name(key)}",
                                     hr_agreement_on=decided if decision is Decision.REPORT else None)
                s.add(demande)
                s.flush()
                demande_ids.setdefault(key, []).append(demande.id)
        promotion_ids: dict[str, int] = {}
        for name, (start, end, closed) in PROMOTIONS.items():
            promotion = PromotionRow(name=f"Promotion {name} Rennes", start_date=start, end_date=end,
                                     current_phase=Phase.LANCEMENT, closed_on=closed)
            s.add(promotion)
            s.flush()
            promotion_ids[name] = promotion.id
        for key, (form, promotion_name, started, demande_index) in BPPS.items():
            s.add(BppRow(agent_id=agent_ids[key], form=form, current_phase=Phase.LANCEMENT, phase1_on=started,
                         promotion_id=promotion_ids[promotion_name] if promotion_name else None,
                         demande_id=None if demande_index is None else demande_ids[key][demande_index],
                         individual_reason="situation particulière" if form is BppForm.INDIVIDUEL else ""))
        for index, (kind, held) in enumerate(INTERVIEWS):
            s.add(InterviewRow(agent_id=agent_ids["Q2"], type=kind, held_on=held, mode=Mode.PRESENTIEL,
                               private_notes=f"entretien {index}"))
        for index, finalised in enumerate([*FINALISED, None]):
            s.add(SynthesisRow(pseudo_id=f"DS-TST{index}", agent_id=agent_ids["C6"], kind=SynthesisKind.E2,
                               status=SynthesisStatus.FINALISE if finalised else SynthesisStatus.EN_COURS,
                               finalised_on=finalised, agent_signatory=last_name("C6")))
        for index, (kind, at) in enumerate(TOMBSTONES):
            s.add(TombstoneRow(kind=kind, pseudo_id=f"DS-MORT{index}", destroyed_at=at, reason="demande_agent"))
        for key, on, overall, confidentiality, information in ANSWERS:
            scores = {"confidentialite": confidentiality} | ({} if information is None else
                                                             {"information": information})
            s.add(SatisfactionRow(agent_id=agent_ids[key] if key else None, accompaniment="bpp", recorded_on=on,
                                  via="seance", declined=False, scores=scores, overall=overall,
                                  comment=f"{COMMENT} — {last_name(key or 'X')}"))
        _seed_accompaniments(s, promotion_ids["P1"])
        for key, on in DECLINED:
            s.add(SatisfactionRow(agent_id=agent_ids[key], accompaniment="bpp", recorded_on=on, via="papier",
                                  declined=True, scores={}, overall=None, comment=""))
    secrets = [MARKER, "Quastenbr", COMMENT, "besoin de", "diagnostic de", "Brest", "Rennes", "Zoé", "notes privées",
               "motif de"]
    secrets += [pseudo_id(key) for key in [*AGENTS, *ACCOMPANIMENTS]]
    secrets += [last_name(key) for key in [*AGENTS, *ACCOMPANIMENTS]]
    secrets += [f"DS-TST{i}" for i in range(len(FINALISED) + 1)] + [f"DS-MORT{i}" for i in range(len(TOMBSTONES))]
    return secrets


def _seed_accompaniments(s, promotion_id: int) -> None:
    """The agents A1–A15, each met first at a séance of P1 (attendance alone: no interview changes the counts of
    interviews); their answers to the questionnaire are dated after the period (the satisfaction figures stay)."""
    for key, (requested, level, days, met, closed, kind, result, questionnaire, answered) in ACCOMPANIMENTS.items():
        agent = AgentRow(pseudo_id=pseudo_id(key), last_name=last_name(key), first_name="Zoé", statut=Statut.TITULAIRE,
                         state=AgentState.TERMINE if closed else AgentState.ACTIF, accompaniment_ended_on=closed,
                         private_notes=f"notes privées {key}")
        s.add(agent)
        s.flush()
        row = AccompanimentRow(agent_id=agent.id, requested_on=requested, channel="agent", level=level,
                               need=f"besoin de {last_name(key)}", diagnosis=f"diagnostic de {last_name(key)}",
                               promised_days=days, closed_on=closed, project_kind=kind, result=result,
                               questionnaire=questionnaire)
        s.add(row)
        if met is not None:
            seance = SeanceRow(promotion_id=promotion_id, held_on=met, phase=Phase.LANCEMENT, place="Rennes")
            s.add(seance)
            s.flush()
            s.add(AttendanceRow(seance_id=seance.id, agent_id=agent.id, present=True))
        s.flush()
        if answered is not None:
            s.add(SatisfactionRow(agent_id=agent.id, accompaniment="e2", recorded_on=D(2026, 7, 20), via="seance",
                                  declined=not answered, scores={}, overall=9 if answered else None,
                                  comment=f"{COMMENT} — {last_name(key)}" if answered else "",
                                  accompaniment_id=row.id))
