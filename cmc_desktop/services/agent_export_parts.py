"""What the export of an agent's data holds, section by section: each builder returns the section's key in the JSON
file, its JSON value, and the same content as a Section of the plain document the PDF is rendered from."""

import base64
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..data.models import (
    AccompanimentRow,
    AgentRow,
    AttachmentRow,
    AttendanceRow,
    AuditEventRow,
    BppRow,
    ConsentRow,
    DemandeRow,
    DestructionRequestRow,
    ExerciseRow,
    InterviewRow,
    PdfImportRow,
    PromotionRow,
    ReopeningRow,
    RightsRequestRow,
    SatisfactionRow,
    SeanceRow,
    SynthesisActionRow,
    SynthesisFieldRow,
    SynthesisRow,
    SynthesisVersionRow,
    TransmissionRow,
)
from ..domain.audit import AuditCode
from ..domain.dates import format_fr
from ..domain.export_document import Fields, LongText, Rows, Section
from ..domain.synthesis_schema import field_specs, rubrics

NOT_FILLED = "non renseigné"
_AUDIT_LABELS = {
    AuditCode.AGENT_CREATED: "Dossier créé", AuditCode.AGENT_OPENED: "Dossier consulté",
    AuditCode.AGENT_UPDATED: "Dossier modifié", AuditCode.AGENT_EXPORTED: "Données exportées pour l'agent",
    AuditCode.AGENT_MERGED: "Dossier en double fusionné", AuditCode.RIGHTS_REQUESTED: "Demande sur ses données",
    AuditCode.ACCOMPANIMENT_REQUESTED: "Demande d'accompagnement enregistrée",
    AuditCode.ACCOMPANIMENT_UPDATED: "Demande d'accompagnement modifiée",
    AuditCode.ACCOMPANIMENT_DELETED: "Demande d'accompagnement supprimée",
    AuditCode.ACCOMPANIMENT_ENDED: "Accompagnement clos", AuditCode.ACCOMPANIMENT_REOPENED: "Accompagnement repris",
    AuditCode.QUESTIONNAIRE_PROPOSED: "Questionnaire de satisfaction proposé",
    AuditCode.DEMANDE_RECORDED: "Demande de BPP enregistrée", AuditCode.DEMANDE_DECIDED: "Décision enregistrée",
    AuditCode.INTERVIEW_RECORDED: "Entretien enregistré", AuditCode.INTERVIEW_UPDATED: "Entretien modifié",
    AuditCode.INTERVIEW_DELETED: "Entretien supprimé", AuditCode.BPP_STARTED: "BPP commencé",
    AuditCode.BPP_ENROLLED: "Inscription dans une promotion", AuditCode.BPP_UNENROLLED: "Retrait d'une promotion",
    AuditCode.SYNTHESIS_CREATED: "Document de synthèse créé",
    AuditCode.SYNTHESIS_EXPORTED: "Document de synthèse exporté",
    AuditCode.SYNTHESIS_EXPORTED_THIRD_PARTY: "Document de synthèse exporté pour un destinataire",
    AuditCode.FILLABLE_EXPORTED: "PDF remplissable remis", AuditCode.FILLABLE_IMPORTED: "PDF remplissable importé",
    AuditCode.FILLABLE_ACCEPTED: "Modifications du PDF remplissable acceptées",
    AuditCode.FILLABLE_REFUSED: "PDF remplissable refusé", AuditCode.TRANSMITTED: "Document de synthèse transmis",
    AuditCode.CONSENT_GIVEN: "Consentement donné", AuditCode.CONSENT_WITHDRAWN: "Consentement retiré",
    AuditCode.FINALISED: "Document de synthèse finalisé", AuditCode.COSIGNED: "Document de synthèse cosigné",
    AuditCode.REOPENED: "Document de synthèse rouvert",
    AuditCode.DESTRUCTION_REQUESTED: "Destruction demandée", AuditCode.DESTROYED: "Document de synthèse détruit",
    AuditCode.SEANCE_MODE_ENTERED: "Mode séance ouvert", AuditCode.SEANCE_MODE_LEFT: "Mode séance quitté",
}


def _audit_label(code: str) -> str:
    return _AUDIT_LABELS.get(AuditCode(code), code) if code in AuditCode._value2member_map_ else code


def _d(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _fr(day: date | None) -> str:
    return format_fr(day) or NOT_FILLED


def _text(value: str | None) -> str:
    return value if value else NOT_FILLED


def _code(value: Any) -> Any:
    return None if value is None else getattr(value, "value", value)


def _label(value: Any) -> str:
    return NOT_FILLED if value is None else str(getattr(value, "label", value))


Part = tuple[str, Any, Section]


def identity(agent: AgentRow, notes: bool) -> Part:
    data: dict[str, Any] = {
        "nom": agent.last_name, "prenom": agent.first_name, "annee_naissance": agent.birth_year,
        "categorie": _code(agent.category), "statut": _code(agent.statut), "fonction": agent.fonction,
        "service": agent.service, "courriel": agent.email, "telephone": agent.phone,
        "date_prise_fonction": _d(agent.date_prise_fonction),
        "motifs_acces_prioritaire": sorted(str(g.value) for g in agent.priority_grounds),
        "referent_handicap_informe_le": _d(agent.referent_handicap_informed_on),
        "referent_handicap_associe": agent.referent_handicap_associated,
        "etat": _code(agent.state), "accompagnement_termine_le": _d(agent.accompaniment_ended_on),
        "dossier_ouvert_le": agent.created_at.isoformat(),
    }
    rows = [("Nom", agent.last_name), ("Prénom", agent.first_name),
            ("Année de naissance", str(agent.birth_year) if agent.birth_year else NOT_FILLED),
            ("Catégorie", _text(agent.category and agent.category.value)), ("Statut", agent.statut.label),
            ("Fonction", _text(agent.fonction)), ("Service d'affectation", _text(agent.service)),
            ("Courriel", _text(agent.email)), ("Téléphone", _text(agent.phone)),
            ("Date de prise de fonction", _fr(agent.date_prise_fonction)),
            ("Accès prioritaire au BPP", "; ".join(g.label for g in sorted(agent.priority_grounds)) or "aucun motif"),
            ("Référent handicap informé le", _fr(agent.referent_handicap_informed_on)),
            ("Référent handicap associé au bilan", "oui" if agent.referent_handicap_associated else "non"),
            ("Accompagnement", agent.state.label + (f" le {format_fr(agent.accompaniment_ended_on)}"
                                                   if agent.accompaniment_ended_on else "")),
            ("Dossier ouvert le", format_fr(agent.created_at.date()))]
    blocks: list[Fields | LongText] = [Fields(tuple(rows))]
    if notes:
        data["notes_privees"] = agent.private_notes
        blocks.append(LongText("Notes privées du conseiller", _text(agent.private_notes)))
    return "identite", data, Section("Identité", tuple(blocks))


def accompaniments(s: Session, agent_id: int) -> Part:
    rows = s.execute(select(AccompanimentRow).where(AccompanimentRow.agent_id == agent_id)
                     .order_by(AccompanimentRow.requested_on, AccompanimentRow.id)).scalars().all()
    data = [{"demandee_le": _d(r.requested_on), "origine": _code(r.channel), "niveau": int(r.level),
             "besoin_exprime": r.need, "premier_diagnostic": r.diagnosis,
             "delai_prise_en_charge_jours": r.promised_days, "close_le": _d(r.closed_on),
             "type_de_projet": _code(r.project_kind), "resultat": _code(r.result),
             "questionnaire": _code(r.questionnaire)} for r in rows]
    subsections = tuple(Section(f"Demande du {format_fr(r.requested_on)}", (
        Fields((("Origine de la demande", r.channel.label), ("Niveau d'interaction", r.level.label),
                ("Délai de prise en charge communiqué", f"{r.promised_days} jours" if r.promised_days is not None
                 else NOT_FILLED),
                ("Fin de l'accompagnement", _fr(r.closed_on)), ("Type de projet", _label(r.project_kind)),
                ("Résultat", _label(r.result)), ("Questionnaire de satisfaction", _label(r.questionnaire)))),
        LongText("Besoin exprimé", _text(r.need)), LongText("Premier diagnostic partagé", _text(r.diagnosis))))
        for r in rows)
    return "demandes_accompagnement", data, Section("Demandes d'accompagnement", subsections=subsections,
                                                    note="" if rows else "Aucune demande d'accompagnement.")


def demandes(s: Session, agent_id: int) -> Part:
    rows = s.execute(select(DemandeRow).where(DemandeRow.agent_id == agent_id)
                     .order_by(DemandeRow.request_date, DemandeRow.id)).scalars().all()
    data = [{"demandee_le": _d(r.request_date), "initiative": _code(r.initiative),
             "accord_agent": r.agent_agreement, "decision": _code(r.decision), "decidee_le": _d(r.decision_date),
             "motif": r.reason, "de_droit": r.of_right, "report_motif": _code(r.report_reason),
             "accord_prealable_rh_le": _d(r.hr_agreement_on), "report_jusqu_au": _d(r.report_until)} for r in rows]
    table = Rows(("Demandée le", "Initiative", "Décision", "Décidée le", "Motif"),
                 tuple((format_fr(r.request_date), r.initiative.label, r.decision.label, format_fr(r.decision_date),
                        r.reason) for r in rows), empty="Aucune demande de bilan de parcours professionnel.")
    return "demandes_bpp", data, Section("Demandes de bilan de parcours professionnel (BPP)", (table,))


def interviews(s: Session, agent_id: int, notes: bool) -> Part:
    rows = s.execute(select(InterviewRow).where(InterviewRow.agent_id == agent_id)
                     .order_by(InterviewRow.held_on, InterviewRow.id)).scalars().all()
    data = []
    subsections = []
    for r in rows:
        item: dict[str, Any] = {
            "date": _d(r.held_on), "type": _code(r.type), "modalite": _code(r.mode),
            "duree_minutes": r.duration_minutes, "objet": r.subject,
            "proposition": sorted(str(p.value) for p in r.proposition_items), "proposition_notes": r.proposition_notes,
            "appui": _code(r.support_kind), "appui_notes": r.support_notes, "avancement_partage": r.progress_shared,
            "prochaines_actions": r.next_actions, "oriente_vers_bpp": r.referred_to_bpp, "phase_bpp": r.bpp_phase,
            "role_bpp": _code(r.e3_role)}
        blocks: list[Fields | LongText] = [Fields((
            ("Modalité", r.mode.label), ("Durée", f"{r.duration_minutes} min" if r.duration_minutes else NOT_FILLED),
            ("Objet", _text(r.subject)),
            ("Proposition d'accompagnement", "; ".join(p.label for p in sorted(r.proposition_items)) or NOT_FILLED),
            ("Appui", _label(r.support_kind)), ("Orienté vers un BPP", "oui" if r.referred_to_bpp else "non")))]
        for label, text in (("Proposition d'accompagnement — précisions", r.proposition_notes),
                            ("Appui — précisions", r.support_notes), ("Avancement partagé", r.progress_shared),
                            ("Prochaines actions", r.next_actions)):
            if text:
                blocks.append(LongText(label, text))
        if notes:
            item["notes_privees"] = r.private_notes
            blocks.append(LongText("Notes privées du conseiller", _text(r.private_notes)))
        data.append(item)
        role = f" — {r.e3_role.label}" if r.e3_role else ""
        subsections.append(Section(f"{format_fr(r.held_on)} — {r.type.label}{role}", tuple(blocks)))
    return "entretiens", data, Section("Entretiens", subsections=tuple(subsections),
                                       note="" if rows else "Aucun entretien.")


def bpps(s: Session, agent_id: int) -> Part:
    rows = s.execute(select(BppRow).where(BppRow.agent_id == agent_id).order_by(BppRow.id)).scalars().all()
    data = []
    subsections = []
    for r in rows:
        promotion = s.get(PromotionRow, r.promotion_id) if r.promotion_id is not None else None
        seances = s.execute(select(SeanceRow, AttendanceRow.present)
                            .join(AttendanceRow, (AttendanceRow.seance_id == SeanceRow.id)
                                  & (AttendanceRow.agent_id == agent_id), isouter=True)
                            .where(SeanceRow.promotion_id == r.promotion_id).order_by(SeanceRow.held_on)).all() \
            if promotion is not None else []
        exercises = s.execute(select(ExerciseRow).where(ExerciseRow.bpp_id == r.id)
                              .order_by(ExerciseRow.given_on)).scalars().all()
        phases = {f"phase{n}_le": _d(getattr(r, f"phase{n}_on")) for n in range(1, 5)}
        data.append({
            "forme": _code(r.form), "motif_forme_individuelle": r.individual_reason, "phase": int(r.current_phase),
            **phases, "entretien_initial_le": _d(r.initial_interview_on),
            "entretien_final_le": _d(r.final_interview_on), "contrat_signe_le": _d(r.contract_signed_on),
            "clos_le": _d(r.closed_on),
            "promotion": None if promotion is None else {
                "nom": promotion.name, "lieu": promotion.place, "en_ligne": promotion.online,
                "debut": _d(promotion.start_date), "fin": _d(promotion.end_date)},
            "seances": [{"date": _d(seance.held_on), "phase": int(seance.phase), "lieu": seance.place,
                         "theme": seance.topic, "present": present} for seance, present in seances],
            "exercices": [{"intitule": e.title, "consignes": e.instructions, "remis_le": _d(e.given_on),
                           "echeance": _d(e.due_on), "fait_le": _d(e.done_on)} for e in exercises]})
        blocks: list[Fields | LongText | Rows] = [Fields((
            ("Forme", r.form.label), ("Phase en cours", r.current_phase.label),
            ("Promotion", promotion.name if promotion else "aucune (bilan individuel)"),
            ("Contrat d'engagement et de confidentialité signé le", _fr(r.contract_signed_on)),
            ("Entretien initial", _fr(r.initial_interview_on)), ("Entretien final", _fr(r.final_interview_on)),
            *((f"Phase {n}", _fr(getattr(r, f"phase{n}_on"))) for n in range(1, 5)),
            ("Clos le", _fr(r.closed_on))))]
        if r.individual_reason:
            blocks.append(LongText("Motif de la forme individuelle", r.individual_reason))
        if promotion is not None:
            blocks.append(Rows(("Séance du", "Phase", "Thème", "Présence"), tuple(
                (format_fr(seance.held_on), seance.phase.short_label, seance.topic,
                 "présent" if present else "absent" if present is False else "non relevée")
                for seance, present in seances), empty="Aucune séance."))
        blocks.append(Rows(("Exercice", "Remis le", "Échéance", "Fait le"), tuple(
            (e.title, format_fr(e.given_on), format_fr(e.due_on), format_fr(e.done_on)) for e in exercises),
            empty="Aucun exercice."))
        subsections.append(Section(f"Bilan {r.form.label.lower()}", tuple(blocks)))
    return "bpp", data, Section("Bilans de parcours professionnel", subsections=tuple(subsections),
                                note="" if rows else "Aucun bilan de parcours professionnel.")


def syntheses(s: Session, syntheses: list[SynthesisRow]) -> Part:
    built = [_synthesis(s, doc) for doc in syntheses]
    return "documents_de_synthese", [data for data, _ in built], Section(
        "Documents de synthèse", subsections=tuple(section for _, section in built),
        note="" if syntheses else "Aucun document de synthèse.")


def _synthesis(s: Session, doc: SynthesisRow) -> tuple[dict[str, Any], Section]:
    specs = field_specs(doc.kind)

    def children(model: Any, order: Any) -> list[Any]:
        return list(s.execute(select(model).where(model.synthesis_id == doc.id).order_by(order)).scalars())

    def title(key: str) -> str:
        spec = specs.get(key)
        return f"{spec.number} {spec.label}".strip() if spec else key

    fields = [f for f in children(SynthesisFieldRow, SynthesisFieldRow.key) if f.text]
    fields.sort(key=lambda f: list(specs).index(f.key) if f.key in specs else len(specs))
    actions = children(SynthesisActionRow, SynthesisActionRow.position)
    versions = children(SynthesisVersionRow, SynthesisVersionRow.number)
    consents = children(ConsentRow, ConsentRow.given_on)
    transmissions = children(TransmissionRow, TransmissionRow.sent_at)
    reopenings = children(ReopeningRow, ReopeningRow.requested_on)
    imports = children(PdfImportRow, PdfImportRow.imported_at)
    attachments = children(AttachmentRow, AttachmentRow.added_at)
    destructions = children(DestructionRequestRow, DestructionRequestRow.requested_on)
    data = {
        "reference": doc.pseudo_id, "type": _code(doc.kind), "statut": _code(doc.status),
        "finalise_le": _d(doc.finalised_on), "signature_agent": doc.agent_signatory,
        "signee_par_agent_le": _d(doc.agent_signed_on), "signature_conseiller": doc.cmc_signatory,
        "signee_par_conseiller_le": _d(doc.cmc_signed_on),
        "rubriques": [{"cle": f.key, "intitule": title(f.key), "texte": f.text, "auteur": _code(f.author)}
                      for f in fields],
        "plan_action": [{"action": a.title, "duree": a.duree, "date_realisation": a.date_realisation,
                         "etapes": a.steps} for a in actions],
        "versions": [{"numero": v.number, "enregistree_le": v.created_at.isoformat(), "libelle": v.label,
                      "contenu": v.snapshot} for v in versions],
        "consentements": [{"destinataire_type": _code(c.recipient_kind), "destinataire": c.recipient_name,
                           "objet": c.scope, "donne_le": _d(c.given_on), "retire_le": _d(c.withdrawn_on),
                           "rubriques_couvertes": [r.key for r in rubrics(doc.kind) if r.key in c.rubrics]}
                          for c in consents],
        "transmissions": [{"destinataire_type": _code(t.recipient_kind), "destinataire": t.recipient_name,
                           "envoye_le": t.sent_at.isoformat()} for t in transmissions],
        "demandes_de_reouverture": [{"demandee_le": _d(r.requested_on), "demande": r.agent_request}
                                    for r in reopenings],
        "imports_pdf_remplissable": [{"importe_le": i.imported_at.isoformat(), "valeurs": i.values,
                                      "rubriques_acceptees": i.accepted_keys} for i in imports],
        "pieces_jointes": [{"nom": a.filename, "ajoutee_le": a.added_at.isoformat(),
                            "taille_octets": len(a.content),
                            "contenu_base64": base64.b64encode(a.content).decode("ascii")} for a in attachments],
        "demandes_de_destruction": [{"demandee_le": _d(d.requested_on), "par": d.requested_by}
                                    for d in destructions],
    }
    blocks: list[Fields | LongText | Rows] = [Fields((
        ("Document", doc.kind.label), ("Statut", doc.status.label), ("Finalisé le", _fr(doc.finalised_on)),
        ("Versions enregistrées", str(len(versions))),
        ("Pièces jointes", ", ".join(a.filename for a in attachments) or "aucune")))]
    blocks += [LongText(title(f.key), f.text) for f in fields]
    if actions:
        blocks.append(Rows(("Action", "Durée", "Date de réalisation", "Étapes"), tuple(
            (a.title, a.duree, a.date_realisation, " ; ".join(a.steps)) for a in actions)))
    blocks.append(Rows(("Destinataire", "Objet", "Rubriques couvertes", "Consentement donné le", "Retiré le"), tuple(
        (f"{c.recipient_kind.label} — {c.recipient_name}", c.scope,
         " ; ".join(r.heading for r in rubrics(doc.kind) if r.key in c.rubrics), format_fr(c.given_on),
         format_fr(c.withdrawn_on)) for c in consents), empty="Aucun consentement."))
    blocks.append(Rows(("Transmis à", "Le"), tuple(
        (f"{t.recipient_kind.label} — {t.recipient_name}", format_fr(t.sent_at.date())) for t in transmissions),
        empty="Aucune transmission."))
    return data, Section(f"Document de synthèse {doc.pseudo_id}", tuple(blocks),
                         note="Les versions successives figurent en entier dans le fichier JSON.")


def questionnaires(s: Session, agent_id: int) -> Part:
    rows = s.execute(select(SatisfactionRow).where(SatisfactionRow.agent_id == agent_id)
                     .order_by(SatisfactionRow.recorded_on, SatisfactionRow.id)).scalars().all()
    data = [{"date": _d(r.recorded_on), "accompagnement": r.accompaniment, "mode": r.via, "decline": r.declined,
             "notes": r.scores, "note_globale": r.overall, "commentaire": r.comment} for r in rows]
    table = Rows(("Date", "Réponse", "Note globale", "Commentaire"), tuple(
        (format_fr(r.recorded_on), "déclinée" if r.declined else "remplie",
         "" if r.overall is None else f"{r.overall}/10", r.comment) for r in rows),
        empty="Aucun questionnaire de satisfaction.")
    return "questionnaires_satisfaction", data, Section("Questionnaires de satisfaction", (table,))


def rights(s: Session, agent_id: int) -> Part:
    rows = s.execute(select(RightsRequestRow).where(RightsRequestRow.agent_id == agent_id)
                     .order_by(RightsRequestRow.requested_on)).scalars().all()
    data = [{"type": _code(r.kind), "demandee_le": _d(r.requested_on), "repondue_le": _d(r.answered_on)}
            for r in rows]
    table = Rows(("Demande", "Reçue le", "Réponse le"), tuple(
        (r.kind.label, format_fr(r.requested_on), format_fr(r.answered_on)) for r in rows),
        empty="Aucune demande enregistrée.")
    return "demandes_sur_ses_donnees", data, Section("Vos demandes sur vos données", (table,))


def journal(s: Session, subjects: list[str]) -> Part:
    rows = s.execute(select(AuditEventRow.at, AuditEventRow.code, AuditEventRow.subject)
                     .where(or_(*(AuditEventRow.subject == subject for subject in subjects)))
                     .order_by(AuditEventRow.seq)).all()
    data = [{"le": at.isoformat(), "action": code, "libelle": _audit_label(code), "objet": subject}
            for at, code, subject in rows]
    table = Rows(("Date", "Action", "Référence"), tuple(
        (format_fr(at.date()), _audit_label(code), subject) for at, code, subject in rows))
    return "journal", data, Section("Journal des actions sur votre dossier", (table,),
                                    note="Le journal d'audit du poste : chaque consultation et chaque modification "
                                         "de votre dossier, sans son contenu.")
