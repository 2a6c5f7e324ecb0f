"""A demonstration store full of clearly fictional people, so a newcomer can try every workflow.

Everything is written through the same use cases as real work (rules, audit and search index included), with
dates relative to today: the dashboard always has something to show.
"""

import unicodedata
from datetime import date, time, timedelta
from pathlib import Path

from ..data.keyfile import KdfParams
from ..data.store import DEFAULT_KDF, Store
from ..data.vault import KeyVault
from ..domain.accompaniment import Channel, Level, ProjectKind, Questionnaire, Result
from ..domain.agent import Category, PriorityGround, Statut
from ..domain.bpp import BppForm, Exercise, Phase, ReferentAgreement, ReferentPoint
from ..domain.clock import Clock
from ..domain.consent import RecipientKind
from ..domain.data_rights import RightsRequestKind
from ..domain.dates import add_months
from ..domain.demande import Decision, Initiative
from ..domain.interview import E1Response, E3Role, InterviewType, Mode, Orientation, PropositionItem, SupportKind
from ..domain.profile import CmcProfile
from ..domain.promotion import Promotion, Seance
from ..domain.satisfaction import AccompanimentKind, AnswerVia, Commitment, Satisfaction
from ..domain.synthesis import Author, PlanAction
from ..domain.synthesis_schema import SynthesisKind
from . import (
    accompaniments,
    agents,
    bpp,
    consents,
    demandes,
    destruction,
    interviews,
    profile,
    promotions,
    rights,
    satisfaction,
    synthesis,
)
from .accompaniments import Outcome, RequestInput
from .agents import AgentInput
from .interviews import InterviewInput
from .workspace import Workspace

FICTIONAL_SERVICE = "Direction fictive de démonstration"

# (nom, prénom, catégorie, fonction) — invented names, none of a real person.
PEOPLE = [
    ("Arbousier", "Hélène", Category.B, "Gestionnaire des ressources humaines"),
    ("Bruyère", "Noël", Category.C, "Adjoint administratif"),
    ("Châtaignier", "Zoé", Category.A, "Cheffe de bureau"),
    ("Dumoulin-Fictif", "Éloïse", Category.B, "Technicienne informatique"),
    ("Églantier", "Jérôme", Category.C, "Agent d'accueil"),
    ("Frênaie", "Maëlle", Category.A, "Chargée de mission"),
    ("Genévrier", "François", Category.B, "Secrétaire administratif"),
    ("Houx", "Anaïs", Category.C, "Agente de maintenance"),
    ("Iris-Démo", "Loïc", Category.B, "Contrôleur"),
    ("Jonquille", "Bérénice", Category.A, "Inspectrice"),
    ("Kermès", "Gaël", Category.C, "Adjoint technique"),
    ("Lavandin", "Inès", Category.B, "Assistante de direction"),
    ("Mélèze", "Théo", Category.A, "Attaché d'administration"),
    ("Noisetier", "Léa", Category.C, "Agente de restauration"),
    ("Olivier-Fictif", "Aurélien", Category.B, "Technicien de laboratoire"),
    ("Pervenche", "Chloé", Category.A, "Ingénieure d'études"),
    ("Quetsche", "Rémi", Category.C, "Magasinier"),
    ("Romarin", "Célia", Category.B, "Gestionnaire budgétaire"),
    ("Saule", "Mathéo", Category.C, "Agent de surveillance"),
    ("Tilleul", "Océane", Category.B, "Documentaliste"),
    ("Ulmaire", "Bastien", Category.A, "Chef de projet"),
    ("Vigne", "Capucine", Category.C, "Adjointe administrative"),
    ("Wisteria", "Hugo", Category.B, "Technicien des systèmes d'information"),
    ("Yeuse", "Yanis", Category.C, "Agent des services techniques"),
]


def create_demo_store(data_dir: Path, passphrase: str, *, vault: KeyVault | None = None,
                      kdf: KdfParams = DEFAULT_KDF, clock: Clock | None = None) -> None:
    """Create a new store in `data_dir` and fill it with the demonstration data."""
    store = Store.create(data_dir, passphrase, vault=vault, kdf=kdf)
    try:
        populate(Workspace(store, clock or Clock()))
    finally:
        store.close()


def populate(ws: Workspace) -> None:
    today = ws.clock.today()
    ids = [_agent(ws, index, person) for index, person in enumerate(PEOPLE)]
    _promotion_in_phase_2(ws, today, ids[:8])
    _promotion_blocked_by_a_contract(ws, today, ids[8:14])
    _pending_demandes(ws, today, ids[14], ids[15], ids[16])
    _requests_waiting(ws, today, ids[14], ids[15], ids[16])
    _e2_accompaniments(ws, today, ids[17], ids[18], ids[19])
    _individual_bpp(ws, today, ids[20])
    _working_week(ws, today, ids[17], ids[18], ids[21])
    _priority_agent_to_inform(ws, ids[21])
    _closed_without_questionnaire(ws, today, ids[22])
    rights.record_rights_request(ws, ids[12], RightsRequestKind.ACCES, today - timedelta(days=25))
    _bpp_of_right_and_info_mobility(ws, today, ids[23])


def _agent(ws: Workspace, index: int, person: tuple[str, str, Category, str]) -> int:
    last_name, first_name, category, fonction = person
    today = ws.clock.today()
    grounds: frozenset[PriorityGround] = frozenset()
    if category is Category.C and index % 3 == 1:
        grounds = frozenset({PriorityGround.CAT_C_SANS_DIPLOME})
    if index % 7 == 3:
        grounds = frozenset({PriorityGround.USURE_PROFESSIONNELLE})
    return agents.create_agent(ws, AgentInput(
        last_name=last_name, first_name=first_name, category=category,
        statut=Statut.CONTRACTUEL if index % 5 == 4 else Statut.TITULAIRE, fonction=fonction,
        service=FICTIONAL_SERVICE, email=f"{_ascii(first_name)}.{_ascii(last_name)}@exemple.invalid",
        date_prise_fonction=date(today.year - 3 - index % 9, 1 + index % 12, 1), priority_grounds=grounds,
        private_notes="Personne fictive créée pour la démonstration.", birth_year=today.year - 28 - index))


def _accepted_demande(ws: Workspace, agent_id: int, requested: date) -> int:
    demande_id = demandes.record_demande(ws, agent_id, requested, Initiative.AGENT)
    demandes.decide_demande(ws, demande_id, Decision.ACCORD, requested + timedelta(days=12))
    return demande_id


def _promotion_in_phase_2(ws: Workspace, today: date, agent_ids: list[int]) -> None:
    promo = promotions.create_promotion(ws, Promotion(
        "Cap Printemps (démo)", start_date=today - timedelta(days=45),
        end_date=today + timedelta(days=75), place="Salle fictive 204, cité administrative"))
    promo_id = _id(promo.id)
    bpp_ids = []
    for agent_id in agent_ids:
        demande_id = _accepted_demande(ws, agent_id, today - timedelta(days=100))
        bpp_ids.append(_id(promotions.enrol(ws, promo_id, demande_id).id))
    kickoff = promotions.plan_seance(ws, Seance(promo_id, today - timedelta(days=40), Phase.LANCEMENT,
                                                "Salle fictive 204", "Lancement et contrat d'engagement"))
    for bpp_id in bpp_ids:
        bpp.record_contract(ws, bpp_id, today - timedelta(days=40))
    for agent_id in agent_ids:
        promotions.set_attendance(ws, _id(kickoff.id), agent_id, True)
    promotions.add_confidential_point(ws, promo_id, "Ce qui est dit en séance reste dans le groupe.")
    promotions.add_confidential_point(ws, promo_id, "Aucun échange sur un participant absent.")
    promotions.advance_phase(ws, promo_id)
    analysis = promotions.plan_seance(ws, Seance(promo_id, today - timedelta(days=12), Phase.ANALYSE,
                                                 "Salle fictive 204", "Parcours et compétences"))
    for index, agent_id in enumerate(agent_ids):
        promotions.set_attendance(ws, _id(analysis.id), agent_id, index != 5)
    promotions.plan_seance(ws, Seance(promo_id, today + timedelta(days=3), Phase.ANALYSE, "Salle fictive 204",
                                      "Pistes d'évolution", starts_at=time(9, 30), duration_minutes=180))
    promotions.plan_seance(ws, Seance(promo_id, today + timedelta(days=34), Phase.PLAN_ACTION, "En ligne",
                                      "Construire son plan d'action"))
    for bpp_id in bpp_ids[:3]:
        bpp.add_exercise(ws, Exercise(bpp_id, "Ligne de vie professionnelle", today - timedelta(days=12),
                                      due_on=today + timedelta(days=5), instructions="Retracer les étapes clés.",
                                      animator_comment="Un fil conducteur net : le service rendu aux agents."))
    _bpp_synthesis(ws, today, agent_ids[0], bpp_ids[0])
    _destruction_requested(ws, today, agent_ids[1], bpp_ids[1])


def _promotion_blocked_by_a_contract(ws: Workspace, today: date, agent_ids: list[int]) -> None:
    promo = promotions.create_promotion(ws, Promotion(
        "Horizons (démo)", start_date=today - timedelta(days=10),
        end_date=today + timedelta(days=110), online=True))
    promo_id = _id(promo.id)
    for index, agent_id in enumerate(agent_ids):
        demande_id = _accepted_demande(ws, agent_id, today - timedelta(days=50))
        enrolled = promotions.enrol(ws, promo_id, demande_id)
        if index != 2:  # one participant has not signed yet: the promotion cannot enter phase 2
            bpp.record_contract(ws, _id(enrolled.id), today - timedelta(days=8))
    promotions.plan_seance(ws, Seance(promo_id, today - timedelta(days=8), Phase.LANCEMENT, "En ligne",
                                      "Lancement"))


def _pending_demandes(ws: Workspace, today: date, near: int, past: int, refused: int) -> None:
    demandes.record_demande(ws, near, add_months(today, -2) + timedelta(days=9))
    demandes.record_demande(ws, past, add_months(today, -2) - timedelta(days=6), Initiative.EMPLOYEUR)
    demande_id = demandes.record_demande(ws, refused, today - timedelta(days=30))
    demandes.decide_demande(ws, demande_id, Decision.REFUS, today - timedelta(days=20),
                            reason="Un bilan de parcours professionnel a été suivi il y a moins de deux ans.")


def _requests_waiting(ws: Workspace, today: date, soon: int, overdue: int, fresh: int) -> None:
    """Demandes d'accompagnement not taken in charge yet: the promised lead time nearly or already past."""
    accompaniments.record_request(ws, soon, RequestInput(
        today - timedelta(days=10), Channel.HIERARCHIE, Level.PERSONNALISE, need="Envisage une mobilité après dix ans "
        "sur le même poste.", diagnosis="Projet à construire ; pas encore de piste précise.", promised_days=15))
    accompaniments.record_request(ws, overdue, RequestInput(
        today - timedelta(days=25), Channel.SERVICE_RH, Level.PERSONNALISE, need="Souhaite évoluer vers l'encadrement.",
        promised_days=15))
    accompaniments.record_request(ws, fresh, RequestInput(
        today - timedelta(days=2), Channel.APRES_E1, Level.INFORMATION, need="Questions sur les concours internes."))


def _closed_without_questionnaire(ws: Workspace, today: date, agent_id: int) -> None:
    accompaniments.record_request(ws, agent_id, RequestInput(
        today - timedelta(days=60), Channel.AGENT, Level.PERSONNALISE, need="Reconversion vers l'informatique.",
        diagnosis="Projet mûri ; besoin d'une formation qualifiante.", promised_days=15))
    interviews.start_e2(ws, agent_id, today - timedelta(days=55))
    accompaniments.close_accompaniment(ws, agent_id, Outcome(today - timedelta(days=5), ProjectKind.RECONVERSION,
                                                             Result.FORMATION))


def _e2_accompaniments(ws: Workspace, today: date, referred: int, ongoing: int, ended: int) -> None:
    accompaniments.record_request(ws, referred, RequestInput(
        today - timedelta(days=42), Channel.AGENT, Level.PERSONNALISE, need="Envie de transmettre son expérience.",
        diagnosis="Piste de la formation à explorer ; un bilan pourrait aider.", promised_days=15))
    accompaniments.record_request(ws, ongoing, RequestInput(
        today - timedelta(days=10), Channel.APRES_E4, Level.PARCOURS, need="Anticiper la fin de sa durée sur poste.",
        promised_days=15))
    accompaniments.record_request(ws, ended, RequestInput(
        today - timedelta(days=80), Channel.AGENT, Level.PERSONNALISE, need="Rejoindre un service budgétaire.",
        diagnosis="Projet clair ; appui à la candidature.", promised_days=15))
    interviews.start_e2(ws, ongoing, today + timedelta(days=5), Mode.DISTANCE)
    first = interviews.start_e2(ws, referred, today - timedelta(days=35))
    interviews.update_interview(ws, first, InterviewInput(
        held_on=today - timedelta(days=35), duration_minutes=75, subject="Projet de mobilité vers la formation",
        proposition_items=frozenset(PropositionItem), proposition_notes="Cadre, durée et confidentialité présentés.",
        support_kind=SupportKind.REFLEXION, support_notes="Envie de transmettre ; explorer les métiers de formateur.",
        progress_shared="Premières pistes : formateur interne, conseiller en formation.",
        next_actions="Rencontrer deux formateurs internes avant le prochain entretien.",
        private_notes="Hésite à en parler à sa hiérarchie pour l'instant."))
    second = interviews.start_e2(ws, referred, today - timedelta(days=7), Mode.DISTANCE)
    interviews.update_interview(ws, second, InterviewInput(
        held_on=today - timedelta(days=7), mode=Mode.DISTANCE, duration_minutes=60, subject="Suite du projet",
        support_kind=SupportKind.CONSTRUCTION, progress_shared="Les échanges confirment le projet.",
        next_actions="Orientation vers un bilan de parcours professionnel."))
    interviews.refer_to_bpp(ws, second, today - timedelta(days=7))

    e2 = interviews.start_e2(ws, ongoing, today - timedelta(days=3))
    interviews.update_interview(ws, e2, InterviewInput(
        held_on=today - timedelta(days=3), duration_minutes=50, subject="Premier entretien",
        proposition_items=frozenset({PropositionItem.CONTEXTE, PropositionItem.CONFIDENTIALITE}),
        support_kind=SupportKind.MISE_EN_OEUVRE, next_actions="Préparer un CV et une lettre pour un poste repéré."))

    past = interviews.start_e2(ws, ended, today - timedelta(days=70))
    interviews.update_interview(ws, past, InterviewInput(
        held_on=today - timedelta(days=70), duration_minutes=60, subject="Mobilité interne",
        support_kind=SupportKind.MISE_EN_OEUVRE, progress_shared="Candidature déposée sur un poste de gestionnaire."))
    synthesis_id = synthesis.create_synthesis(ws, ended, SynthesisKind.E2)
    synthesis.set_field(ws, synthesis_id, "e2.1", "Rejoindre un service de gestion budgétaire.", Author.AGENT)
    synthesis.set_field(ws, synthesis_id, "e2.2", "Deux entretiens ; candidature préparée et déposée.", Author.CMC)
    synthesis.set_field(ws, synthesis_id, "e2.4", "Prise de poste prévue au printemps.", Author.AGENT)
    synthesis.finalise(ws, synthesis_id, today - timedelta(days=40), empty_accepted=True)
    person = agents.get_agent(ws, ended)
    finalised = today - timedelta(days=40)
    synthesis.cosign(ws, synthesis_id, f"{person.first_name} {person.last_name}", finalised,
                     "Conseillère de démonstration", finalised)
    consents.give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "Service RH fictif", "Document de synthèse",
                          today - timedelta(days=39))
    accompaniments.close_accompaniment(ws, ended, Outcome(today - timedelta(days=38), ProjectKind.MOBILITE_INTERNE,
                                                          Result.MOBILITE_REALISEE), questionnaire=Questionnaire.PAPIER)
    satisfaction.record(ws, Satisfaction(
        agent_id=ended, accompaniment=AccompanimentKind.E2, recorded_on=today - timedelta(days=38),
        via=AnswerVia.PAPIER, scores={c: 9 if i % 2 else 10 for i, c in enumerate(Commitment)}, overall=9,
        comment="Accompagnement clair et bienveillant."))


def _individual_bpp(ws: Workspace, today: date, agent_id: int) -> None:
    agent = agents.get_agent(ws, agent_id)
    agents.update_agent(ws, agent_id, AgentInput(
        last_name=agent.last_name, first_name=agent.first_name, category=agent.category, statut=agent.statut,
        fonction=agent.fonction, service=agent.service, email=agent.email,
        date_prise_fonction=agent.date_prise_fonction, priority_grounds=frozenset({PriorityGround.L5212_13}),
        referent_handicap_informed_on=today - timedelta(days=60), referent_handicap_associated=True,
        private_notes=agent.private_notes))
    demande_id = _accepted_demande(ws, agent_id, today - timedelta(days=75))
    individual = bpp.start_bpp(ws, demande_id, BppForm.INDIVIDUEL,
                               individual_reason="Aménagements de poste : séances individuelles adaptées.")
    bpp_id = _id(individual.id)
    interviews.add_e3_interview(ws, agent_id, bpp_id, Phase.LANCEMENT, E3Role.INITIAL, today - timedelta(days=50))
    bpp.record_contract(ws, bpp_id, today - timedelta(days=50))
    bpp.record_referent(ws, bpp_id, True, today - timedelta(days=50), [ReferentAgreement(
        ReferentPoint.ACCES_LIEU, today - timedelta(days=45), "Salle de plain-pied, place de stationnement réservée.")])
    bpp.advance_bpp(ws, bpp_id)


def _bpp_of_right_and_info_mobility(ws: Workspace, today: date, agent_id: int) -> None:
    """An agent whose post is abolished by a restructuring: the BPP is de droit, to organise (dashboard line);
    an entretien info-mobilité first directed the agent to the CMC."""
    agent = agents.get_agent(ws, agent_id)
    agents.update_agent(ws, agent_id, AgentInput(
        last_name=agent.last_name, first_name=agent.first_name, category=agent.category, statut=agent.statut,
        fonction=agent.fonction, service=agent.service, email=agent.email,
        date_prise_fonction=agent.date_prise_fonction, priority_grounds=frozenset({PriorityGround.RESTRUCTURATION}),
        private_notes=agent.private_notes))
    info = interviews.start_interview(ws, agent_id, InterviewType.E1, today - timedelta(days=80))
    interviews.update_interview(ws, info, InterviewInput(
        held_on=today - timedelta(days=80), duration_minutes=30, subject="Suppression de poste annoncée",
        e1_response=E1Response.AIGUILLAGE, orientation=Orientation.CMC,
        orientation_actor="Conseillère mobilité-carrière de démonstration",
        documents_sent="Guide fictif de l'accompagnement des restructurations"))
    demandes.record_demande(ws, agent_id, today - timedelta(days=75))


def _priority_agent_to_inform(ws: Workspace, agent_id: int) -> None:
    """A beneficiary of L. 5212-13 whose référent handicap has not been informed yet (dashboard line)."""
    agent = agents.get_agent(ws, agent_id)
    agents.update_agent(ws, agent_id, AgentInput(
        last_name=agent.last_name, first_name=agent.first_name, category=agent.category, statut=agent.statut,
        fonction=agent.fonction, service=agent.service, email=agent.email,
        date_prise_fonction=agent.date_prise_fonction, priority_grounds=frozenset({PriorityGround.L5212_13}),
        private_notes=agent.private_notes))
    _accepted_demande(ws, agent_id, ws.clock.today() - timedelta(days=20))


def _bpp_synthesis(ws: Workspace, today: date, agent_id: int, bpp_id: int) -> None:
    synthesis_id = synthesis.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    texts = {
        "1.1": "Faire le point après douze ans dans la gestion des ressources humaines et construire un projet "
               "d'évolution vers le conseil.",
        "1.2": "Bilan collectif, au sein de la promotion « Cap Printemps ».",
        "1.3": "Contrat d'engagement et de confidentialité signé lors de la séance de lancement.",
        "2.1.0": "Parcours riche, avec trois mobilités fonctionnelles et une forte implication dans l'accueil "
                 "des nouveaux arrivants.",
        "2.1.1": "Gestion administrative des carrières ; paie ; accueil et information des agents.",
        "2.3.2": "Conduire un entretien ; animer une réunion d'information ; rédiger des notes claires.",
        "2.3.3": "Écoute, discrétion, adaptation.",
    }
    for key, text in texts.items():
        synthesis.set_field(ws, synthesis_id, key, text, Author.AGENT if key.startswith("1") else Author.CMC)
    synthesis.set_actions(ws, synthesis_id, [
        PlanAction("Découvrir le métier de conseiller", "3 mois", f"{add_months(today, 3):%m/%Y}",
                   ["Deux immersions d'une journée", "Entretien avec un conseiller en poste"]),
        PlanAction("Se former à la conduite d'entretien", "5 jours", f"{add_months(today, 5):%m/%Y}",
                   ["Inscription au plan de formation"]),
    ], Author.AGENT)


def _destruction_requested(ws: Workspace, today: date, agent_id: int, bpp_id: int) -> None:
    synthesis_id = synthesis.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    synthesis.set_field(ws, synthesis_id, "1.1", "Réfléchir à une reconversion.", Author.AGENT)
    destruction.request_destruction(ws, synthesis_id, today - timedelta(days=2), destruction.Requester.AGENT)


def _ascii(text: str) -> str:
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in flat.lower() if ch.isalnum() or ch == "-")


def _id(value: int | None) -> int:
    if value is None:
        raise RuntimeError("an entity saved by a use case has an id")
    return value


def _working_week(ws: Workspace, today: date, first: int, second: int, third: int) -> None:
    """The CMC's profile and the days around Cap Printemps's next séance (in three days): interviews with a time,
    one of them at the same time as the séance — a clash to resolve."""
    profile.save_profile(ws, CmcProfile(
        last_name="Exemple", first_name="Camille", function="Conseillère mobilité-carrière",
        administration="Administration fictive de démonstration", service="Plateforme RH fictive",
        address="1 place de la Démonstration\n00000 Ville-Fictive", phone="01 00 00 00 00",
        email="camille.exemple@demo.invalid"))
    seance_day = today + timedelta(days=3)
    for agent_id, day, at, place, link in (
            (first, -2, time(10), "Bureau 3", ""), (second, -1, time(14), "", "https://visio.demo.invalid/cmc"),
            (third, 0, time(11), "Bureau 3", ""), (first, 1, time(16, 30), "Bureau 3", "")):
        held_on = seance_day + timedelta(days=day)
        interview_id = interviews.start_e2(ws, agent_id, held_on, Mode.DISTANCE if link else Mode.PRESENTIEL)
        interviews.update_interview(ws, interview_id, InterviewInput(
            held_on=held_on, mode=Mode.DISTANCE if link else Mode.PRESENTIEL, duration_minutes=60,
            starts_at=at, place=place, link=link, subject="Point d'étape"))
