"""The questionnaire de satisfaction « Mon accompagnement en + » as a Document the agent can fill in with a screen
reader (or print): each commitment's question with a line for the score, the overall score, a free comment.

The questions are those of domain/satisfaction.py, which the satisfaction dialog also shows.
"""

from ..domain.satisfaction import SCORE_MAX, SCORE_MIN, AccompanimentKind, Commitment
from .model import Document, Fields, Heading, Paragraph

TITLE = "Votre avis sur votre accompagnement"
SCALE = (f"Pour chaque engagement, indiquez une note de {SCORE_MIN} (pas du tout satisfait ou satisfaite) à "
         f"{SCORE_MAX} (tout à fait satisfait ou satisfaite). Laissez la note vide si la question est sans objet "
         "pour vous.")
ANSWER = "Votre note (de 0 à 10)"


def questionnaire_document(accompaniment: AccompanimentKind) -> Document:
    """The blank questionnaire for an agent at the end of `accompaniment`."""
    blocks: list[Heading | Paragraph | Fields] = [
        Heading(TITLE, 1),
        Paragraph(f"« Mon accompagnement en + » · {accompaniment.label}", note=True),
        Paragraph(SCALE),
    ]
    for item in Commitment:
        blocks += [Heading(f"{item.number}. {item.short_label}", 2), Paragraph(item.question),
                   Fields(((ANSWER, ""),))]
    blocks += [Heading("Note globale", 2), Paragraph("Quelle note globale donnez-vous à votre accompagnement ?"),
               Fields(((ANSWER, ""),)), Heading("Commentaire libre (facultatif)", 2),
               Paragraph("Écrivez ici ce que vous souhaitez ajouter.")]
    return Document(title=TITLE, blocks=tuple(blocks), subject="Questionnaire de satisfaction",
                    footer="Questionnaire « Mon accompagnement en + » — à remettre à votre conseiller")
