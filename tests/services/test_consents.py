"""The consent register: given, withdrawn, listed as live or not, every change journaled without names."""

from datetime import date

import pytest

from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.consent import RecipientKind, default_rubrics
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.consents import consents_for, give_consent, transmissions_for, withdraw_consent
from cmc_desktop.services.synthesis_exchange import export_pdf
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER

from .factories import make_agent
from .synthesis_helpers import journal, pdf_text

TODAY = date(2026, 11, 16)


def test_consents_are_registered_withdrawn_and_journaled_without_names(ws: Workspace, clock: FixedClock) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Lefèvre", "Hélène"), SynthesisKind.BPP)
    pseudo_id = service.load_synthesis(ws, synthesis_id).pseudo_id
    rh = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, f"  {MARKER} ", "Document complet", TODAY)
    boss = give_consent(ws, synthesis_id, RecipientKind.SUPERIEUR, "M. Dupont", "Plan d'action", date(2026, 11, 2),
                        rubrics=frozenset({"plan", "2.5"}))
    views = consents_for(ws, synthesis_id)
    assert [(v.id, v.recipient_kind, v.recipient_name, v.live, v.rubrics) for v in views] == [
        (boss, RecipientKind.SUPERIEUR, "M. Dupont", True, frozenset({"plan", "2.5"})),
        (rh, RecipientKind.SERVICE_RH, MARKER, True, default_rubrics(SynthesisKind.BPP))]
    assert views[1].recipient_label == f"Service RH — {MARKER}"
    assert views[1].withheld == ("1.2. forme du bilan", "2.5. prise en compte de la situation personnelle")

    withdraw_consent(ws, rh, TODAY)
    views = consents_for(ws, synthesis_id)
    assert [(v.id, v.withdrawn_on, v.live) for v in views] == [(boss, None, True), (rh, TODAY, False)]
    clock.advance(days=1)
    withdraw_consent(ws, boss, TODAY)  # withdrawn as of yesterday, recorded today
    assert not any(v.live for v in consents_for(ws, synthesis_id))

    entries = [e for e in journal(ws) if e.code in (AuditCode.CONSENT_GIVEN, AuditCode.CONSENT_WITHDRAWN)]
    assert [(e.code, e.subject, e.detail) for e in entries] == [
        (AuditCode.CONSENT_GIVEN, pseudo_id, f"consentement={rh} destinataire=service_rh "
                                             "rubriques=toutes-sauf:1.2,2.5"),
        (AuditCode.CONSENT_GIVEN, pseudo_id, f"consentement={boss} destinataire=superieur rubriques=2.5,plan"),
        (AuditCode.CONSENT_WITHDRAWN, pseudo_id, f"consentement={rh} destinataire=service_rh"),
        (AuditCode.CONSENT_WITHDRAWN, pseudo_id, f"consentement={boss} destinataire=superieur")]
    assert not any(MARKER in e.detail or "Dupont" in e.detail for e in journal(ws))


def test_bad_consent_changes_are_refused_and_change_nothing(ws: Workspace) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Petit", "Léa"), SynthesisKind.E2)
    entries = len(journal(ws))
    with pytest.raises(ValidationError, match="« Nom ou service du destinataire » est obligatoire"):
        give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "  ", "Tout", TODAY)
    with pytest.raises(ValidationError, match="Objet du consentement"):
        give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC du ministère", "", TODAY)
    with pytest.raises(ValidationError, match="plausible"):
        give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC du ministère", "Tout", date(2026, 12, 1))
    with pytest.raises(DomainError, match="n'existe pas"):
        give_consent(ws, 999, RecipientKind.AUTRE_CMC, "CMC du ministère", "Tout", TODAY)
    with pytest.raises(ValidationError, match="au moins une rubrique"):
        give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC du ministère", "Tout", TODAY, rubrics=frozenset())
    with pytest.raises(ValidationError, match="Rubrique inconnue dans ce document : 2.5"):
        give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC du ministère", "Tout", TODAY,
                     rubrics=frozenset({"e2.1", "2.5"}))
    consent = give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC du ministère", "Tout", date(2026, 11, 10))
    with pytest.raises(ValidationError, match="précéder le consentement"):
        withdraw_consent(ws, consent, date(2026, 11, 9))
    with pytest.raises(ValidationError, match="plausible"):
        withdraw_consent(ws, consent, date(2026, 11, 17))
    with pytest.raises(DomainError, match="n'existe pas"):
        withdraw_consent(ws, 999, TODAY)
    withdraw_consent(ws, consent, TODAY)
    with pytest.raises(DomainError, match="déjà été retiré"):
        withdraw_consent(ws, consent, TODAY)
    assert [v.withdrawn_on for v in consents_for(ws, synthesis_id)] == [TODAY]
    assert len(journal(ws)) == entries + 2


def test_transmissions_are_listed_newest_first_with_their_recipient(ws: Workspace, clock: FixedClock) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Morel", "Inès"), SynthesisKind.BPP)
    assert transmissions_for(ws, synthesis_id) == []
    rh = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH du site", "Document complet", TODAY)
    boss = give_consent(ws, synthesis_id, RecipientKind.SUPERIEUR, "M. Dupont", "Plan d'action", TODAY)
    export_pdf(ws, synthesis_id, for_recipient=rh)
    clock.advance(days=1)
    export_pdf(ws, synthesis_id, for_recipient=boss)
    export_pdf(ws, synthesis_id)  # the agent's own copy is not a transmission
    assert [(t.recipient_kind, t.recipient_name, t.sent_at.date()) for t in transmissions_for(ws, synthesis_id)] == [
        (RecipientKind.SUPERIEUR, "M. Dupont", date(2026, 11, 17)), (RecipientKind.SERVICE_RH, "RH du site", TODAY)]
    with pytest.raises(DomainError):
        transmissions_for(ws, 999)


def test_a_copy_carries_only_the_rubrics_the_consent_names(ws: Workspace) -> None:
    """Rule (what goes to whom): a consent names its rubrics — 1.2 and 2.5 unticked by default — and the exported
    copy carries only those, with « rubrique non transmise » for the others; register and journal say which."""
    from cmc_desktop.domain.synthesis import WITHHELD, Author, PlanAction

    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Roux", "Anaïs"), SynthesisKind.BPP)
    service.set_field(ws, synthesis_id, "2.5", f"Situation familiale {MARKER}", Author.AGENT)
    service.set_field(ws, synthesis_id, "1.2", f"Poste de travail adapté {MARKER}", Author.AGENT)
    service.set_field(ws, synthesis_id, "2.2.3", "Motivations partagées", Author.AGENT)
    service.set_actions(ws, synthesis_id, [PlanAction("Stage d'immersion Zorglub")], Author.AGENT)
    plain = give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH du site", "Document de synthèse", TODAY)
    named = give_consent(ws, synthesis_id, RecipientKind.AUTRE_CMC, "CMC régionale", "Document complet", TODAY,
                         rubrics=default_rubrics(SynthesisKind.BPP) | {"1.2", "2.5"})
    plan_only = give_consent(ws, synthesis_id, RecipientKind.SUPERIEUR, "M. Dupont", "Plan d'action", TODAY,
                             rubrics=frozenset({"2.2.3"}))

    def squashed(data: bytes) -> str:
        return " ".join(pdf_text(data).split())

    notice = " ".join(WITHHELD.split())
    withheld = squashed(export_pdf(ws, synthesis_id, for_recipient=plain))
    assert MARKER not in withheld and withheld.count(notice) == 2
    assert "Motivations partagées" in withheld and "Zorglub" in withheld  # the rest of the document goes
    assert squashed(export_pdf(ws, synthesis_id, for_recipient=named)).count(MARKER) == 2
    narrow = squashed(export_pdf(ws, synthesis_id, for_recipient=plan_only))
    assert "Motivations partagées" in narrow and "Zorglub" not in narrow and MARKER not in narrow
    assert "Anaïs ROUX" in narrow  # the header always goes
    assert squashed(export_pdf(ws, synthesis_id)).count(MARKER) == 2  # the agent's own copy is whole
    assert service.load_synthesis(ws, synthesis_id).text("2.5").endswith(MARKER)  # the document is untouched
    sent = [e.detail for e in journal(ws) if e.code == AuditCode.SYNTHESIS_EXPORTED_THIRD_PARTY]
    assert [d.split()[-1] for d in sent] == ["rubriques=toutes-sauf:1.2,2.5", "rubriques=toutes", "rubriques=2.2.3"]
    assert [t.withheld[:2] for t in transmissions_for(ws, synthesis_id)][-1] == (
        "1.2. forme du bilan", "2.5. prise en compte de la situation personnelle")


def test_an_empty_personal_situation_is_withheld_all_the_same(ws: Workspace) -> None:
    from cmc_desktop.domain.synthesis import WITHHELD

    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Blanc", "Paul"), SynthesisKind.BPP)
    plain = give_consent(ws, synthesis_id, RecipientKind.SUPERIEUR, "Mme Chef", "Document de synthèse", TODAY)
    # Blank writing lines there would tell the recipient the field is empty: it reads like a filled one.
    assert " ".join(WITHHELD.split()) in " ".join(pdf_text(export_pdf(ws, synthesis_id, for_recipient=plain)).split())
