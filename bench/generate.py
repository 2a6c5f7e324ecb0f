"""Generate a large, clearly fictional store for the benchmark.

Default size: 10,000 agents, 100,000 interview notes, 2,000 syntheses, 200 promotions. Rows go in with bulk
inserts (the benchmark measures reading and working on the store, not how the generator fills it).
"""

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from cmc_desktop.data.models import (
    AgentRow,
    BppRow,
    DemandeRow,
    InterviewRow,
    PromotionRow,
    SeanceRow,
    SynthesisFieldRow,
    SynthesisRow,
)
from cmc_desktop.domain.agent import AgentState, Category, PriorityGround, Statut
from cmc_desktop.domain.bpp import BppForm, Phase
from cmc_desktop.domain.demande import Decision, Initiative
from cmc_desktop.domain.interview import InterviewType, Mode
from cmc_desktop.domain.synthesis import Author, SynthesisStatus
from cmc_desktop.domain.synthesis_schema import BPP_SECTIONS, SynthesisKind

FIRST = ["Hélène", "Zoé", "Éloïse", "Chloé", "Noël", "Inès", "Maël", "Anaïs", "Jérôme", "Loïc", "Amélie",
         "François", "Cécile", "Bérénice", "Gaëlle", "Raphaël", "Léa", "Théo", "Agnès", "Joël"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Œuvray", "Mérieux", "Bénard", "Château", "Lœwenthal"]
FONCTIONS = ["Gestionnaire RH", "Adjoint administratif", "Chargée de mission", "Secrétaire administratif",
             "Attaché d'administration", "Technicien", "Inspecteur", "Chef de bureau", "Assistante de direction"]
SERVICES = ["Préfecture (fictive) du Val", "Direction départementale fictive", "Rectorat fictif", "DREETS fictive"]
NOTE = ("L'agent souhaite évoluer vers des fonctions d'encadrement de proximité ; pistes évoquées : concours "
        "interne, mobilité fonctionnelle, immersion d'une semaine. ")


def generate(session: Session, *, agents: int = 10_000, notes: int = 100_000, syntheses: int = 2_000,
             promotions: int = 200, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    start = date(2024, 1, 1)
    agent_rows = []
    for i in range(1, agents + 1):
        category = rng.choice(list(Category))
        grounds = frozenset(rng.sample(list(PriorityGround), k=rng.choice([0, 0, 0, 1])))
        if category is not Category.C:
            grounds -= {PriorityGround.CAT_C_SANS_DIPLOME}
        agent_rows.append({
            "id": i, "pseudo_id": f"AG-B{i:07d}", "last_name": rng.choice(LAST) + ("" if i % 3 else f"-{i}"),
            "first_name": rng.choice(FIRST), "category": category, "statut": rng.choice(list(Statut)),
            "fonction": rng.choice(FONCTIONS), "service": rng.choice(SERVICES), "email": "", "phone": "",
            "date_prise_fonction": start - timedelta(days=rng.randint(100, 9000)), "priority_grounds": grounds,
            "referent_handicap_informed_on": None, "referent_handicap_associated": False,
            "state": AgentState.ACTIF, "accompaniment_ended_on": None, "private_notes": NOTE,
            "created_at": now, "updated_at": now,
        })
    session.execute(insert(AgentRow), agent_rows)  # the schema's triggers index them
    session.execute(insert(PromotionRow), [{
        "id": p, "name": f"Promotion fictive n° {p}", "place": "Salle 12 (fictive)", "online": p % 4 == 0,
        "start_date": start + timedelta(days=3 * p), "end_date": start + timedelta(days=3 * p + 120),
        "current_phase": Phase(1 + p % 4), "small_group_reason": "", "confidential_points": [], "closed_on": None,
    } for p in range(1, promotions + 1)])
    session.execute(insert(SeanceRow), [{
        "promotion_id": p, "held_on": start + timedelta(days=3 * p + 14 * k), "phase": Phase(1 + k % 4),
        "place": "Salle 12", "topic": f"Séance {k + 1}",
    } for p in range(1, promotions + 1) for k in range(8)])
    bpp_agents = rng.sample(range(1, agents + 1), k=syntheses)
    session.execute(insert(DemandeRow), [{
        "id": n, "agent_id": a, "request_date": start + timedelta(days=n % 600), "initiative": Initiative.AGENT,
        "agent_agreement": True, "decision": Decision.ACCORD, "decision_date": start + timedelta(days=n % 600 + 20),
        "reason": "", "hr_agreement_on": None, "source_interview_id": None, "created_at": now,
    } for n, a in enumerate(bpp_agents, start=1)])
    session.execute(insert(BppRow), [{
        "id": n, "agent_id": a, "demande_id": n, "promotion_id": 1 + (n - 1) // 10 % promotions,
        "form": BppForm.COLLECTIF, "individual_reason": "", "current_phase": Phase.ANALYSE,
        "phase1_on": start + timedelta(days=n % 600 + 40), "phase2_on": None, "phase3_on": None, "phase4_on": None,
        "initial_interview_on": None, "final_interview_on": None,
        "contract_signed_on": start + timedelta(days=n % 600 + 41), "closed_on": None,
    } for n, a in enumerate(bpp_agents, start=1)])
    session.execute(insert(SynthesisRow), [{
        "id": n, "pseudo_id": f"DS-B{n:07d}", "agent_id": a, "bpp_id": n, "kind": SynthesisKind.BPP,
        "status": SynthesisStatus.EN_COURS, "finalised_on": None, "agent_signatory": "", "agent_signed_on": None,
        "cmc_signatory": "", "cmc_signed_on": None, "created_at": now, "updated_at": now,
    } for n, a in enumerate(bpp_agents, start=1)])
    keys = [f.key for s in BPP_SECTIONS[1:] for f in s.fields if f.number]
    session.execute(insert(SynthesisFieldRow), [{
        "synthesis_id": n, "key": key, "text": NOTE * rng.randint(1, 4),
        "author": Author.AGENT if rng.random() < 0.5 else Author.CMC, "updated_at": now,
    } for n in range(1, syntheses + 1) for key in keys])
    batch = []
    for n in range(notes):
        batch.append({
            "agent_id": 1 + n % agents, "type": InterviewType.E2, "held_on": start + timedelta(days=n % 900),
            "mode": Mode.PRESENTIEL, "duration_minutes": 60, "subject": "Projet de mobilité",
            "proposition_items": frozenset(), "proposition_notes": "", "support_kind": None, "support_notes": NOTE,
            "progress_shared": NOTE, "next_actions": "Préparer un CV ; contacter deux services.",
            "private_notes": NOTE, "referred_to_bpp": False, "bpp_id": None, "bpp_phase": None, "e3_role": None,
            "created_at": now, "updated_at": now,
        })
        if len(batch) == 10_000:
            session.execute(insert(InterviewRow), batch)
            batch = []
    if batch:
        session.execute(insert(InterviewRow), batch)
