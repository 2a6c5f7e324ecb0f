"""The consent register of a document de synthèse: what the agent agreed to send, to whom, since and until when.

Every change is journaled with the document's pseudonymous id and the kind of recipient, never a name.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data.models import ConsentRow, TransmissionRow
from ..data.repositories import audit, syntheses
from ..domain.audit import AuditCode
from ..domain.consent import Consent, RecipientKind, check_rubrics, default_rubrics, journal_rubrics
from ..domain.dates import check_plausible
from ..domain.errors import DomainError
from ..domain.synthesis_schema import Rubric, SynthesisKind, rubrics
from .workspace import Workspace


@dataclass(frozen=True)
class ConsentView:
    """A line of the consent register."""

    id: int
    synthesis_id: int
    recipient_kind: RecipientKind
    recipient_name: str
    scope: str
    given_on: date
    withdrawn_on: date | None
    live: bool
    rubrics: frozenset[str]
    """The keys of the rubrics the consent names."""
    withheld: tuple[str, ...]
    """The headings of the document's rubrics it does not name, in the document's order."""

    @property
    def recipient_label(self) -> str:
        return f"{self.recipient_kind.label} — {self.recipient_name}"


@dataclass(frozen=True)
class TransmissionView:
    """A copy sent to a third party, under the consent it relied on, and the rubrics it withheld."""

    sent_at: datetime
    recipient_kind: RecipientKind
    recipient_name: str
    withheld: tuple[str, ...]


def transmissions_for(ws: Workspace, synthesis_id: int) -> list[TransmissionView]:
    """The document's transmissions, most recent first."""
    with ws.store.session() as s:
        kind = syntheses.row(s, synthesis_id).kind
        rows = s.execute(select(TransmissionRow, ConsentRow.rubrics)
                         .join(ConsentRow, ConsentRow.id == TransmissionRow.consent_id, isouter=True)
                         .where(TransmissionRow.synthesis_id == synthesis_id)
                         .order_by(TransmissionRow.sent_at.desc(), TransmissionRow.id.desc()))
        return [TransmissionView(r.sent_at, r.recipient_kind, r.recipient_name,
                                 withheld_headings(kind, frozenset(keys or ())))
                for r, keys in rows]


def give_consent(ws: Workspace, synthesis_id: int, recipient_kind: RecipientKind, recipient_name: str, scope: str,
                 given_on: date, *, rubrics: frozenset[str] | None = None) -> int:
    """Record the agent's consent to send the document (`scope`: what) to this recipient; returns its id.
    Only the rubrics it names go (`rubrics`, the agent's ticks; by default all but 1.2 and 2.5)."""
    today = ws.clock.today()
    with ws.store.session() as s:
        stored = syntheses.row(s, synthesis_id)
        chosen = check_rubrics(stored.kind, default_rubrics(stored.kind) if rubrics is None else frozenset(rubrics))
        consent = Consent(synthesis_id, RecipientKind(recipient_kind), recipient_name, scope, given_on,
                          rubrics=chosen).validated(today)
        row = ConsentRow(synthesis_id=synthesis_id, recipient_kind=consent.recipient_kind,
                         recipient_name=consent.recipient_name, scope=consent.scope, given_on=consent.given_on,
                         rubrics=sorted(consent.rubrics))
        s.add(row)
        s.flush()
        audit.append(s, AuditCode.CONSENT_GIVEN, ws.clock.now(), subject=stored.pseudo_id,
                     detail=f"consentement={row.id} destinataire={consent.recipient_kind.value} "
                            f"rubriques={journal_rubrics(stored.kind, chosen)}")
        return row.id


def rubrics_of(ws: Workspace, synthesis_id: int) -> list[Rubric]:
    """The rubrics a consent to this document can name, in the document's order."""
    with ws.store.session() as s:
        return rubrics(syntheses.row(s, synthesis_id).kind)


def withheld_headings(kind: SynthesisKind, consented: frozenset[str]) -> tuple[str, ...]:
    return tuple(r.heading for r in rubrics(kind) if r.key not in consented)


def withdraw_consent(ws: Workspace, consent_id: int, on: date) -> None:
    """The agent withdraws the consent from `on`: no transmission to that recipient from that day."""
    today = ws.clock.today()
    check_plausible(on, "Retiré le", today=today, future_years=0)
    with ws.store.session() as s:
        row = _row(s, consent_id)
        if row.withdrawn_on is not None:
            raise DomainError("Ce consentement a déjà été retiré.")
        consent = to_consent(row)
        consent.withdrawn_on = on
        consent.validated(today)
        row.withdrawn_on = on
        pseudo_id = syntheses.row(s, row.synthesis_id).pseudo_id
        audit.append(s, AuditCode.CONSENT_WITHDRAWN, ws.clock.now(), subject=pseudo_id,
                     detail=f"consentement={row.id} destinataire={row.recipient_kind.value}")


def consents_for(ws: Workspace, synthesis_id: int) -> list[ConsentView]:
    """The document's consents, in the order they were given."""
    today = ws.clock.today()
    with ws.store.session() as s:
        kind = syntheses.row(s, synthesis_id).kind
        return [ConsentView(r.id, r.synthesis_id, r.recipient_kind, r.recipient_name, r.scope, r.given_on,
                            r.withdrawn_on, to_consent(r).is_live(today), frozenset(r.rubrics),
                            withheld_headings(kind, frozenset(r.rubrics)))
                for r in _rows(s, synthesis_id)]


def consents(session: Session, synthesis_id: int) -> list[Consent]:
    """The domain consents of a document (for live_consent_for), in the order they were given."""
    return [to_consent(r) for r in _rows(session, synthesis_id)]


def to_consent(row: ConsentRow) -> Consent:
    return Consent(row.synthesis_id, row.recipient_kind, row.recipient_name, row.scope, row.given_on,
                   row.withdrawn_on, row.id, frozenset(row.rubrics))


def _row(session: Session, consent_id: int) -> ConsentRow:
    row = session.get(ConsentRow, consent_id)
    if row is None:
        raise DomainError("Ce consentement n'existe pas ou a été détruit avec son document.")
    return row


def _rows(session: Session, synthesis_id: int) -> list[ConsentRow]:
    return list(session.execute(select(ConsentRow).where(ConsentRow.synthesis_id == synthesis_id)
                                .order_by(ConsentRow.given_on, ConsentRow.id)).scalars())
