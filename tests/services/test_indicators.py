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

# Every published figure of the dataset, worked out by hand (see indicator_dataset.py).
EXPECTED = [
    ("Entretiens", "E1 — Info-mobilité", "6", "nombre"),  # 01/01 and 30/06 count, 31/12 and 01/07 do not
    ("Entretiens", "E2 — Entretien projet de mobilité", "8", "nombre"),
    ("Entretiens", "E3 — Bilan de parcours professionnel", "< 5", "nombre"),  # 3
    ("Entretiens", "E4 — Entretien carrière", "< 5", "nombre"),  # 0
    ("Bilans de parcours professionnel", "BPP individuels commencés", "< 5", "nombre"),  # I1, I2
    ("Bilans de parcours professionnel", "BPP collectifs commencés", "7", "nombre"),  # C1–C7
    ("Bilans de parcours professionnel", "Promotions en cours sur la période", "< 5", "nombre"),  # P1, P2
    ("Bilans de parcours professionnel", "Participants de ces promotions", "10", "nombre"),  # C1–C7, D1–D3
    # Delays 5, 12, 20, 28, 30, 45, 58, 95 (I2 has no demande): median (28 + 30) / 2.
    ("Accès à l'accompagnement", "Délai médian entre demande et entrée en BPP", "29", "jours"),
    ("Accès à l'accompagnement", "Entrées en BPP, délai : 30 jours ou moins", "5", "nombre"),
    ("Accès à l'accompagnement", "Entrées en BPP, délai : de 31 à 60 jours", "< 5", "nombre"),  # 2
    ("Accès à l'accompagnement", "Entrées en BPP, délai : de 61 à 90 jours", "< 5", "nombre"),  # 0
    ("Accès à l'accompagnement", "Entrées en BPP, délai : plus de 90 jours", "< 5", "nombre"),  # 1
    # 18 agents asked in the period; C1–C7 and I1 started a BPP afterwards: 8 / 18.
    ("Accès à l'accompagnement", "Demandeurs ayant commencé un BPP", "44,4", "%"),
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
