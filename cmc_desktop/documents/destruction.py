"""The attestation de destruction as a plain Document: the same facts and sentences as the PDF (pdf/receipt.py,
whose sentences it uses), which a test compares, so that the two copies the agent may receive say the same thing."""

from ..domain.profile import CmcProfile
from ..pdf.receipt import (
    COVERAGE,
    ERASED_HEADING,
    FOOTER,
    HANDED,
    INCOMPLETE,
    LATER,
    NO_COPY_LEFT,
    REMAINS_HEADING,
    TITLE_TEXT,
    TRACE,
    UNREACHED,
    DestructionReceipt,
    attests,
    erased_lines,
    established,
    kicker,
    receipt_facts,
    remaining_lines,
)
from .model import Block, Bullets, Document, Fields, Heading, Paragraph


def destruction_document(receipt: DestructionReceipt, profile: CmcProfile | None = None) -> Document:
    copies = receipt.copies
    incomplete = copies is not None and not copies.complete
    blocks: list[Block] = [Paragraph(kicker(receipt.initiative), note=True), Heading(TITLE_TEXT, 1)]
    if incomplete:
        blocks.append(Paragraph(INCOMPLETE))
    blocks += [Paragraph(established(receipt), note=True), Fields(tuple(receipt_facts(receipt))),
               Paragraph(attests(receipt.initiative)), Bullets(tuple(receipt.items))]
    if copies is not None:
        blocks += [Heading(ERASED_HEADING, 2), Bullets(tuple(erased_lines(copies))), Heading(REMAINS_HEADING, 2)]
        if incomplete:
            blocks += [Paragraph(UNREACHED), Bullets(tuple(remaining_lines(copies))), Paragraph(LATER)]
        else:
            blocks.append(Paragraph(NO_COPY_LEFT))
    signer = profile or CmcProfile()
    blocks += [Paragraph(TRACE), Paragraph(COVERAGE), Paragraph(HANDED, note=True),
               Heading("Le conseiller mobilité-carrière", 2), Fields((("Nom", signer.display_name),)),
               *(Paragraph(line) for line in (signer.identity_lines()[1:3] if signer.display_name else [])),
               Fields((("Date", ""), ("Signature", "")))]
    return Document(title=TITLE_TEXT, subject="Destruction d'un document de synthèse", footer=FOOTER,
                    blocks=tuple(blocks))
