"""The attestation d'effacement as a plain Document: the same facts and sentences as the PDF
(pdf/erasure_attestation.py, whose sentences it uses), which a test compares, so that the two copies the agent
may receive say the same thing."""

from ..domain.profile import CmcProfile
from ..pdf.erasure_attestation import (
    ERASED_HEADING,
    FOOTER,
    NOT_KEPT,
    REMAINS_HEADING,
    SUBJECT,
    TITLE_TEXT,
    WORKSTATION,
    ErasureAttestation,
    erased_intro,
    established,
    facts,
    kicker,
    quoted_rule,
)
from .model import Block, Bullets, Document, Fields, Heading, Paragraph


def erasure_document(attestation: ErasureAttestation, profile: CmcProfile | None = None) -> Document:
    blocks: list[Block] = [Paragraph(kicker(attestation), note=True), Heading(TITLE_TEXT, 1),
                           Paragraph(established(attestation), note=True), Fields(tuple(facts(attestation)))]
    if attestation.rule:
        blocks.append(Paragraph(quoted_rule(attestation), note=True))
    signer = profile or CmcProfile()
    blocks += [Heading(ERASED_HEADING, 2), Paragraph(erased_intro(attestation)), Bullets(tuple(attestation.items)),
               Paragraph(WORKSTATION), Heading(REMAINS_HEADING, 2), Bullets(tuple(attestation.remains)),
               Paragraph(NOT_KEPT, note=True),
               Heading("Le conseiller mobilité-carrière", 2), Fields((("Nom", signer.display_name),)),
               *(Paragraph(line) for line in (signer.identity_lines()[1:3] if signer.display_name else [])),
               Fields((("Date", ""), ("Signature", "")))]
    return Document(title=TITLE_TEXT, subject=SUBJECT, footer=FOOTER, blocks=tuple(blocks))
