"""Indicators computed on a real store equal the figures computed by hand; exports are anonymous."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from cmc_desktop.data.models import AuditEventRow
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.services.indicators import ExportFormat, compute_indicators, export, export_csv, export_pdf
from cmc_desktop.services.workspace import Workspace
from tests.services import indicator_dataset as dataset

REQUESTS, OUTCOMES = "Demandes d'accompagnement (prise en charge)", "Issue des accompagnements"
# Every published figure of the dataset, worked out by hand (see indicator_dataset.py).
EXPECTED = [
    ("Entretiens", "E1 — Info-mobilité", "6", "nombre"),  # 01/01 and 30/06 count, 31/12 and 01/07 do not
    ("Entretiens", "E2 — Entretien projet de mobilité", "8", "nombre"),
    ("Entretiens", "E3 — Bilan de parcours professionnel", "< 5", "nombre"),  # 3
    ("Entretiens", "E4 — Entretien carrière", "< 5", "nombre"),  # 0
    # Demandes d'accompagnement A1–A15 (see indicator_dataset.ACCOMPANIMENTS).
    (REQUESTS, "Demandes d'accompagnement reçues", "13", "nombre"),  # A1–A8, A10, A11, A13–A15
    (REQUESTS, "Niveau 1 « Information – Inspiration – Aiguillage »", "< 5", "nombre"),  # A3, A13
    (REQUESTS, "Niveau 2 « Accompagnement personnalisé du projet »", "9", "nombre"),
    (REQUESTS, "Niveau 3 « Développement du parcours professionnel »", "< 5", "nombre"),  # A5
    (REQUESTS, "Niveau 4 « Accompagnement en contexte de transformation de service »", "< 5", "nombre"),  # A8
    # A1–A5, A7, A8, A11 taken in charge; A6, A10, A13–A15 not: 8 / 13.
    (REQUESTS, "Taux d’accès des demandeurs à un accompagnement personnalisé (avec cible de 100%)", "61,5", "%"),
    # Delays 0, 4, 7, 7, 21, 24, 29, 33: median (7 + 21) / 2.
    (REQUESTS, "Délai entre l’expression de la demande et sa prise en charge effective (médiane)", "14", "jours"),
    (REQUESTS, "Prises en charge, délai : 7 jours ou moins", "< 5", "nombre"),  # 4
    (REQUESTS, "Prises en charge, délai : de 8 à 15 jours", "< 5", "nombre"),  # 0
    (REQUESTS, "Prises en charge, délai : de 16 à 30 jours", "< 5", "nombre"),  # 3
    (REQUESTS, "Prises en charge, délai : plus de 30 jours", "< 5", "nombre"),  # 1
    # 6 of 7 kept their promise: 85,7 % would show that 1 did not.
    (REQUESTS, "Délai de prise en charge communiqué à l'agent respecté", "masqué", "%"),
    (OUTCOMES, "Accompagnements clos", "8", "nombre"),
    (OUTCOMES, "Projet : Mobilité interne", "< 5", "nombre"),  # A1, A7, A9, A11
    (OUTCOMES, "Projet : Mobilité vers un autre ministère", "< 5", "nombre"),  # A2
    (OUTCOMES, "Projet : Mobilité vers une autre fonction publique", "< 5", "nombre"),  # 0
    (OUTCOMES, "Projet : Départ vers le secteur privé", "< 5", "nombre"),  # A12
    (OUTCOMES, "Projet : Reconversion professionnelle", "< 5", "nombre"),  # A4
    (OUTCOMES, "Projet : Maintien dans le poste", "< 5", "nombre"),  # A3
    (OUTCOMES, "Résultat : Mobilité réalisée", "5", "nombre"),  # A1, A2, A9, A11, A12
    *[(OUTCOMES, f"Résultat : {label}", "< 5", "nombre") for label in (
        "Projet en cours de réalisation", "Projet abandonné", "Orienté vers un bilan de compétences",
        "Orienté vers un conseil en évolution professionnelle (CEP)", "Orienté vers une immersion professionnelle",
        "Orienté vers une formation")],
    ("Bilans de parcours professionnel", "BPP individuels commencés", "< 5", "nombre"),  # I1, I2
    ("Bilans de parcours professionnel", "BPP collectifs commencés", "7", "nombre"),  # C1–C7
    ("Bilans de parcours professionnel", "Promotions en cours sur la période", "< 5", "nombre"),  # P1, P2
    ("Bilans de parcours professionnel", "Participants de ces promotions", "10", "nombre"),  # C1–C7, D1–D3
    # Delays 5, 12, 20, 28, 30, 45, 58, 95 (I2 has no demande): median (28 + 30) / 2.
    ("Accès à l'accompagnement", "Délai médian entre la demande de BPP et l'entrée en BPP", "29", "jours"),
    ("Accès à l'accompagnement", "Entrées en BPP, délai : 30 jours ou moins", "5", "nombre"),
    ("Accès à l'accompagnement", "Entrées en BPP, délai : de 31 à 60 jours", "< 5", "nombre"),  # 2
    ("Accès à l'accompagnement", "Entrées en BPP, délai : de 61 à 90 jours", "< 5", "nombre"),  # 0
    ("Accès à l'accompagnement", "Entrées en BPP, délai : plus de 90 jours", "< 5", "nombre"),  # 1
    # 18 agents asked in the period; C1–C7 and I1 started a BPP afterwards: 8 / 18.
    ("Accès à l'accompagnement", "Demandeurs de BPP ayant commencé un BPP", "44,4", "%"),
    # Of the 9 agents entering a BPP, C1–C5, I1 are priority publics (I2's restructuration is a right, not a
    # priority): 66,7 % would show that 3 are not.
    ("Accès à l'accompagnement", "Publics prioritaires parmi les entrées en BPP", "masqué", "%"),
    ("Accès à l'accompagnement", "Priorité : cat. C sans diplôme de niveau 4", "< 5", "nombre"),
    ("Accès à l'accompagnement", "Priorité : obligation d'emploi (L. 5212-13)", "< 5", "nombre"),
    ("Accès à l'accompagnement", "Priorité : usure professionnelle", "< 5", "nombre"),
    ("Accès à l'accompagnement", "BPP de droit (restructuration), à part des publics prioritaires", "< 5",
     "nombre"),  # I2
    ("Accès à l'accompagnement", "Agents L. 5212-13 en BPP : référent handicap informé à temps", "masqué", "%"),
    ("Accès à l'accompagnement", "Référent handicap informé au plus tard au début du BPP", "< 5", "nombre"),  # C1 C2
    ("Accès à l'accompagnement", "Référent handicap informé après le début du BPP", "< 5", "nombre"),  # C5
    ("Accès à l'accompagnement", "Référent handicap jamais informé", "< 5", "nombre"),  # I1
    ("Demandes de BPP", "Demandes reçues", "18", "nombre"),
    ("Demandes de BPP", "Accords", "8", "nombre"),  # C1–C7, I1 (F1 decided in July)
    ("Demandes de BPP", "Refus motivés", "< 5", "nombre"),  # R1
    ("Demandes de BPP", "Reports", "< 5", "nombre"),  # S1
    ("Demandes de BPP", "Rejets implicites (silence de deux mois)", "5", "nombre"),  # Q1, Q2, Q3, Q6, Q7
    ("Documents de synthèse", "Synthèses finalisées", "5", "nombre"),
    ("Documents de synthèse", "Destructions effectuées", "< 5", "nombre"),  # 01/02 and 30/06 23:30 UTC
    # Closed: A1, A2, A3, A7, A9, A11 proposed (6 / 8, 2 left: masked); A1, A7, A9, A11 answered (4: masked).
    ("Satisfaction", "Accompagnements clos : questionnaire proposé", "masqué", "%"),
    ("Satisfaction", "Accompagnements clos : questionnaire rempli", "masqué", "%"),
    ("Satisfaction", "Questionnaires remplis", "10", "nombre"),
    ("Satisfaction", "Questionnaires déclinés", "< 5", "nombre"),  # I1, D3
    ("Satisfaction", "Note globale moyenne", "8,1", "sur 10"),  # (10+9+9+8+10+7+6+9+5+8) / 10
    ("Satisfaction", "Agents ayant noté 9/10 ou plus", "50", "%"),  # 5 / 10
    ("Satisfaction", "Note globale 0 à 6", "< 5", "nombre"),  # 6, 5
    ("Satisfaction", "Note globale 7 ou 8", "< 5", "nombre"),  # 8, 7, 8
    ("Satisfaction", "Note globale 9 ou 10", "5", "nombre"),
    ("Satisfaction par engagement « Mon accompagnement en + » (moyenne)", "1. Information sur l'offre", "masqué",
     "sur 10"),  # 3 answers only
    *[("Satisfaction par engagement « Mon accompagnement en + » (moyenne)", label, "masqué", "sur 10")
      for label in ("2. Délai de prise en charge", "3. Accompagnement adapté", "4. Accès aux outils",
                    "5. Compétences de l'accompagnant")],
    ("Satisfaction par engagement « Mon accompagnement en + » (moyenne)", "6. Confidentialité et neutralité", "8,7",
     "sur 10"),  # 87 / 10
    ("Satisfaction par engagement « Mon accompagnement en + » (moyenne)", "7. Aide à la synthèse", "masqué",
     "sur 10"),
]


@pytest.fixture
def seeded(ws: Workspace) -> list[str]:
    return dataset.seed(ws.store)


def test_every_published_figure_equals_the_hand_computed_one(ws: Workspace, seeded: list[str]) -> None:
    report = compute_indicators(ws, dataset.START, dataset.END)
    assert [(line.section, line.label, line.value, line.unit) for line in report.lines()] == EXPECTED


def test_exact_values_stay_available_to_the_cmc(ws: Workspace, seeded: list[str]) -> None:
    report = compute_indicators(ws, dataset.START, dataset.END)
    assert [bar.count.value for bar in report.interviews_by_type] == [6, 8, 3, 0]
    assert (report.bpp_individual.value, report.promotions.value, report.refusals.value) == (2, 2, 1)
    assert [bar.count.value for bar in report.delay_buckets] == [5, 2, 0, 1]
    assert report.delay_median.value == 29 and report.delay_median.basis.value == 8
    assert [bar.count.value for bar in report.priority_by_ground] == [1, 4, 2]
    assert report.bpp_of_right.value == 1  # I2: restructuration, counted apart from the three priority publics
    assert [bar.count.value for bar in report.handicap_referent] == [2, 1, 1]
    assert report.handicap_in_time_share.ratio == 0.5
    assert report.priority_participants.ratio == 6 / 9
    assert report.synthesis_destructions.value == 2
    assert report.satisfaction_items[0][1].value == 9  # (8 + 9 + 10) / 3
    assert report.computed_on == ws.clock.today()
    access = report.access
    assert (access.requesters_taken_in_charge.part.value, access.requesters_taken_in_charge.whole.value) == (8, 13)
    assert access.take_charge_median.value == 14 and access.take_charge_median.basis.value == 8
    assert [bar.count.value for bar in access.take_charge_buckets] == [4, 0, 3, 1]
    assert (access.promise_kept.part.value, access.promise_kept.whole.value) == (6, 7)
    assert [bar.count.value for bar in access.requests_by_level] == [2, 9, 1, 1]
    assert [bar.count.value for bar in access.outcomes_by_kind] == [4, 1, 0, 1, 1, 1]
    assert [bar.count.value for bar in access.outcomes_by_result] == [5, 1, 1, 0, 0, 0, 1]
    assert (access.questionnaire_proposed.part.value, access.questionnaire_answered.part.value,
            access.accompaniments_closed.value) == (6, 4, 8)


def test_a_silence_is_a_rejection_only_once_its_date_has_passed(ws: Workspace, seeded: list[str]) -> None:
    year_end = date(2026, 12, 31)
    # Q4 (01/07) and D1's second demande (01/08) join the five of the first half.
    assert compute_indicators(ws, dataset.START, year_end).implicit_rejections.value == 7
    in_july = Workspace(ws.store, FixedClock(datetime(2026, 7, 15, 9, 0, tzinfo=UTC)))
    assert compute_indicators(in_july, dataset.START, year_end).implicit_rejections.value == 6


def test_an_inverted_period_is_refused_in_french(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="La période est inversée : la fin \\(31/12/2025\\) précède"):
        compute_indicators(ws, dataset.START, date(2025, 12, 31))


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_is_for_french_excel_and_holds_only_aggregates(ws: Workspace, seeded: list[str]) -> None:
    data = export_csv(compute_indicators(ws, dataset.START, dataset.END))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(data)
    assert rows[0] == ["Rubrique", "Indicateur", "Valeur", "Unité"]
    assert rows[1:4] == [["Paramètres", "Début de la période", "01/01/2026", "date"],
                         ["Paramètres", "Fin de la période", "30/06/2026", "date"],
                         ["Paramètres", "Calculé le", "16/11/2026", "date"]]
    assert [tuple(row) for row in rows[5:]] == EXPECTED
    text = data.decode("utf-8-sig")
    for secret in seeded:
        assert secret not in text
    assert "AG-" not in text and "DS-" not in text
    published = [row[2] for row in rows[5:] if row[3] == "nombre"]
    assert all(value == "< 5" or int(value) >= 5 for value in published)


def test_pdf_is_one_readable_page_without_any_name_or_id(ws: Workspace, seeded: list[str]) -> None:
    data = export_pdf(compute_indicators(ws, dataset.START, dataset.END))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.1)
    text = reader.pages[0].extract_text()
    for expected in ("Indicateurs de l'accompagnement", "du 01/01/2026 au 30/06/2026", "44,4", "8,1", "< 5",
                     "masqué", "Rejets implicites", "Entretiens par type"):
        assert expected in text
    for secret in seeded:
        assert secret not in text
        assert secret.encode("utf-8") not in data
    assert "AG-" not in text and "DS-" not in text
    assert reader.metadata is not None and not reader.metadata.get("/Author")


def test_export_is_journaled_without_content(ws: Workspace, seeded: list[str]) -> None:
    report = compute_indicators(ws, dataset.START, dataset.END)
    assert export(ws, report, ExportFormat.CSV) == export_csv(report)
    assert export(ws, report, ExportFormat.PDF).startswith(b"%PDF")
    with ws.store.session() as s:
        events = s.execute(select(AuditEventRow.code, AuditEventRow.subject, AuditEventRow.detail)).all()
    assert [tuple(e) for e in events] == [("indicators.exported", "", "csv 2026-01-01/2026-06-30"),
                                          ("indicators.exported", "", "pdf 2026-01-01/2026-06-30")]


def test_an_empty_store_gives_a_report_with_everything_masked(ws: Workspace) -> None:
    report = compute_indicators(ws, dataset.START, dataset.END)
    assert {line.value for line in report.lines()} == {"< 5", "masqué"}
    assert len(PdfReader(io.BytesIO(export_pdf(report))).pages) == 1


def test_export_format_follows_the_file_name(tmp_path) -> None:
    assert ExportFormat.for_path(tmp_path / "bilan.CSV") is ExportFormat.CSV
    assert ExportFormat.for_path(tmp_path / "bilan.pdf") is ExportFormat.PDF
    with pytest.raises(DomainError, match="doit se terminer par .csv ou .pdf"):
        ExportFormat.for_path(tmp_path / "bilan.xlsx")
