"""PDF measures: one long document de synthèse, and every document of a promotion, against the same
reportlab machinery drawing a one-page document with the same embedded font (the floor of any export)."""

import io
from datetime import UTC, datetime

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import select

from cmc_desktop.data.models import BppRow, SynthesisRow
from cmc_desktop.domain.synthesis import MAX_STEPS, Author, PlanAction, Synthesis
from cmc_desktop.domain.synthesis_schema import FieldKind, SynthesisKind, field_specs
from cmc_desktop.pdf.fonts import register_fonts
from cmc_desktop.pdf.styles import style
from cmc_desktop.pdf.synthesis_pdf import render_synthesis
from cmc_desktop.services.synthesis import load_synthesis
from cmc_desktop.services.synthesis_exchange import export_pdf
from cmc_desktop.services.workspace import Workspace

from .timing import Figure, interleaved, median_seconds

PARAGRAPH = ("Au cours du bilan, l'agent a mis en évidence des compétences d'organisation, de conduite de "
             "projet et d'accompagnement d'équipe acquises en préfecture (fictive) ; il souhaite les valoriser "
             "dans un poste d'encadrement de proximité, en restant dans le même bassin de vie. ")
NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


def long_synthesis() -> Synthesis:
    """Every field written at length, eight actions of six steps: a long real-life document."""
    doc = Synthesis(agent_id=1, kind=SynthesisKind.BPP)
    for key, spec in field_specs(SynthesisKind.BPP).items():
        if spec.kind is FieldKind.TEXT:
            doc.set_text(key, "\n".join([PARAGRAPH * 3] * 3), Author.CMC, NOW)
        elif spec.kind is FieldKind.LINE:
            doc.set_text(key, "Valeur fictive du banc d'essai", Author.CMC, NOW)
        else:
            doc.set_text(key, "16/11/2026", Author.CMC, NOW)
    actions = [PlanAction(title=f"Action {n} : immersion et formation", duree="3 mois",
                          date_realisation="mars 2027", steps=[PARAGRAPH] * min(6, MAX_STEPS))
               for n in range(1, 9)]
    doc.set_actions(actions, Author.AGENT, NOW)
    return doc


def minimal_pdf() -> bytes:
    register_fonts()
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph(PARAGRAPH, style("bench", 10))])
    return out.getvalue()


def pages(doc: Synthesis) -> int:
    return len(PdfReader(io.BytesIO(render_synthesis(doc))).pages)


def pdf_figures(ws: Workspace, repeat: int) -> list[Figure]:
    typical, long = load_synthesis(ws, 1), long_synthesis()
    floor, one, longest = interleaved([minimal_pdf, lambda: render_synthesis(typical),
                                       lambda: render_synthesis(long)], repeat)
    with ws.store.session() as s:
        promotion_docs = list(s.execute(select(SynthesisRow.id).join(BppRow, BppRow.id == SynthesisRow.bpp_id)
                                        .where(BppRow.promotion_id == 1)).scalars())
    whole = median_seconds(lambda: [export_pdf(ws, synthesis_id) for synthesis_id in promotion_docs],
                           max(1, repeat // 3))
    return [
        Figure("PDF", f"un document de synthèse courant ({pages(typical)} pages, rubriques du magasin généré)",
               one * 1000, "ms", floor * 1000, "PDF reportlab d'une page, même police", "< 100 ms", one < 0.1),
        Figure("PDF", f"un document de synthèse long ({pages(long)} pages : chaque rubrique ~2 400 caractères, "
               "8 actions de 6 étapes)", longest * 1000, "ms", floor * 1000, "PDF reportlab d'une page",
               "< 100 ms", longest < 0.1),
        Figure("PDF", f"les {len(promotion_docs)} documents d'une promotion (export_pdf : lecture, journal, rendu)",
               whole * 1000, "ms", floor * 1000 * len(promotion_docs), f"{len(promotion_docs)} PDF d'une page"),
    ]
