"""The attestation de destruction as a plain Document: the same facts and sentences as the PDF (pdf/receipt.py),
which a test compares, so that the two copies the agent may receive say the same thing."""

from ..domain.dates import format_fr
from ..pdf.receipt import FOOTER, TITLE_TEXT, DestructionReceipt
from ..pdf.receipt import _moment as moment  # the PDF's way of writing the date and time
from .model import Bullets, Document, Fields, Heading, Paragraph

KICKER = "Document de synthèse — destruction à la demande de l'agent"
ATTESTS = ("Le conseiller mobilité-carrière atteste avoir détruit, à la demande de l'agent, le document de synthèse "
           "désigné ci-dessus ainsi que tout ce qui en conservait le contenu :")
ERASED = ("Ces éléments ont été effacés du poste de travail chiffré du conseiller, y compris des journaux internes de "
          "la base de données. Il ne subsiste qu'une trace sans contenu — la référence du document et les dates de la "
          "demande et de la destruction — qui empêche le document de réapparaître si une sauvegarde antérieure est "
          "restaurée.")
HANDED = "Cette attestation est remise à l'agent ; elle ne reprend aucun élément du document détruit."


def destruction_document(receipt: DestructionReceipt) -> Document:
    return Document(title=TITLE_TEXT, subject="Destruction d'un document de synthèse", footer=FOOTER, blocks=(
        Paragraph(KICKER, note=True),
        Heading(TITLE_TEXT, 1),
        Paragraph(f"Établie le {moment(receipt.destroyed_at)}", note=True),
        Fields((("Agent", receipt.agent_display),
                ("Document", f"Document de synthèse, référence {receipt.synthesis_pseudo_id}"),
                ("Demande de destruction", f"le {format_fr(receipt.requested_on)}, par {receipt.requested_by}"),
                ("Destruction effectuée", f"le {moment(receipt.destroyed_at)}"))),
        Paragraph(ATTESTS),
        Bullets(tuple(receipt.items)),
        Paragraph(ERASED),
        Paragraph(HANDED, note=True),
        Heading("Le conseiller mobilité-carrière", 2),
        Fields((("Nom", ""), ("Date", ""), ("Signature", ""))),
    ))
