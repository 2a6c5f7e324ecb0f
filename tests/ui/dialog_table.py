"""One line a dialog of the application: how test_dialog_keys opens it, what it types, what Entrée must do."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from unittest.mock import MagicMock

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.satisfaction import AccompanimentKind
from cmc_desktop.domain.synthesis import Author, SynthesisStatus
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import agents, consents, promotions, synthesis, synthesis_versions
from cmc_desktop.services.accompaniments import list_for_agent
from cmc_desktop.services.bpp import exercises_for_bpp
from cmc_desktop.services.destruction import pending_destructions
from cmc_desktop.services.interviews import get_interview
from cmc_desktop.services.profile import get_profile
from cmc_desktop.ui.agents.accompaniment_dialog import RequestDialog
from cmc_desktop.ui.agents.demande_dialog import DemandeDialog
from cmc_desktop.ui.agents.erasure_dialog import ErasureDialog
from cmc_desktop.ui.agents.merge_dialog import MergeDialog
from cmc_desktop.ui.agents.new_agent_dialog import NewAgentDialog
from cmc_desktop.ui.agents.outcome_dialog import OutcomeDialog
from cmc_desktop.ui.agents.rights_dialogs import ExportDialog as AgentExportDialog
from cmc_desktop.ui.agents.rights_dialogs import RightsRequestDialog
from cmc_desktop.ui.import_.dialog import CaseloadImportDialog
from cmc_desktop.ui.interviews.new_dialog import NewInterviewDialog
from cmc_desktop.ui.lock import PassphraseCheckDialog
from cmc_desktop.ui.navigation import Navigator
from cmc_desktop.ui.profile.dialog import ProfileDialog
from cmc_desktop.ui.promotions.documents_dialog import (
    AttendanceSheetDialog,
    ContractsSignedDialog,
    PromotionDocumentsDialog,
)
from cmc_desktop.ui.promotions.enrolment import EnrolmentDialog
from cmc_desktop.ui.promotions.exercise_dialog import ExerciseDialog
from cmc_desktop.ui.promotions.participant_dialog import ParticipantDialog
from cmc_desktop.ui.promotions.promotion_dialog import PromotionDialog
from cmc_desktop.ui.promotions.record_dialog import RecordDialog
from cmc_desktop.ui.promotions.seance_dialog import SeanceDialog
from cmc_desktop.ui.recovery import RecoverDialog, RecoveryCodeDialog
from cmc_desktop.ui.satisfaction.dialog import SatisfactionDialog
from cmc_desktop.ui.settings.backups import RestoreDialog
from cmc_desktop.ui.settings.copies import CopiesDialog
from cmc_desktop.ui.synthesis.bring_exercises import BringExercisesDialog
from cmc_desktop.ui.synthesis.busy import BusyDialog
from cmc_desktop.ui.synthesis.consents import ConsentDialog, WithdrawDialog
from cmc_desktop.ui.synthesis.destruction import DestructionDialog
from cmc_desktop.ui.synthesis.destruction_target import request_target
from cmc_desktop.ui.synthesis.exchange import ExportDialog as SynthesisExportDialog
from cmc_desktop.ui.synthesis.finalise import CosignDialog, FinaliseDialog, ReopenDialog, StepDialog
from cmc_desktop.ui.synthesis.import_review import ImportReviewDialog
from cmc_desktop.ui.synthesis.versions import CompareDialog
from cmc_desktop.ui.synthesis.view import NewSynthesisDialog
from cmc_desktop.ui.unlock import FirstRunDialog, UnlockDialog
from cmc_desktop.ui.widgets.button_dialog import ButtonDialog
from cmc_desktop.ui.widgets.error_report import UnexpectedErrorDialog
from cmc_desktop.ui.widgets.file_dialogs import FileChooser
from cmc_desktop.ui.widgets.guarded_dialog import FittingDialog, GuardedDialog
from tests.conftest import FAST_KDF, PASSPHRASE

from .dialog_cases import (
    Demo,
    DialogCase,
    Step,
    a_backup,
    a_consent,
    a_kit,
    a_new_promotion,
    a_review,
    first_participant,
    messages,
    nothing,
    seances,
)
from .helpers import answer_message_box, when_modal
from .secret_helpers import focused, type_in_focus

# Bases never shown themselves: every subclass has its line.
ABSTRACT: tuple[type[QDialog], ...] = (ButtonDialog, FittingDialog, GuardedDialog, RecordDialog, StepDialog)


def navigator() -> Navigator:
    """A navigator whose window only records where it was asked to go."""
    shell = MagicMock(spec=["ui_settings", "vault", "show_view", "notify", "lock", "set_auto_lock_minutes"])
    return Navigator(shell)


def stays(message: str) -> Step:
    """Entrée refused: the dialog is still open and says why (nothing was stored)."""

    def check(demo: Demo, dialog: QDialog) -> None:
        assert dialog.isVisible() and dialog.result() == 0
        assert message in messages(dialog), messages(dialog)

    return check


def stays_silent(demo: Demo, dialog: QDialog) -> None:
    """The main button waits for a choice (it is disabled, with its hint): Entrée does nothing."""
    assert dialog.isVisible() and dialog.result() == 0 and messages(dialog) == ""


def closed(demo: Demo, dialog: QDialog) -> None:
    """A dialog that only shows something: Entrée closes it, as its button does."""
    assert not dialog.isVisible()


def accepted(demo: Demo, dialog: QDialog) -> None:
    """The main action done: the dialog closed accepted (a passphrase checked, a code kept)."""
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def accepted_and(condition: Callable[[Demo, QDialog], bool]) -> Step:
    def check(demo: Demo, dialog: QDialog) -> None:
        assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
        assert condition(demo, dialog)

    return check


def typing(*texts: str) -> Step:
    """Type each text in the focused field, Tab between them."""

    def fill(demo: Demo, dialog: QDialog) -> None:
        for index, text in enumerate(texts):
            if index:
                QTest.keyClick(focused(), Qt.Key.Key_Tab)
            type_in_focus(text)

    return fill


def space(demo: Demo, dialog: QDialog) -> None:
    QTest.keyClick(focused(), Qt.Key.Key_Space)


def save_in_file_dialog(name: str) -> Step:
    """The file dialog that the main action opens gets a name in the test's folder, as the CMC types it."""

    def fill(demo: Demo, dialog: QDialog) -> None:
        target = demo.tmp / name

        def answer(file_dialog: QWidget) -> None:
            assert isinstance(file_dialog, QFileDialog)
            file_dialog.selectFile(str(target))
            file_dialog.accept()

        when_modal(answer)

    return fill


def answer(label: str) -> Step:
    def fill(demo: Demo, dialog: QDialog) -> None:
        answer_message_box(label)

    return fill


class SaveTo(FileChooser):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def save_path(self, parent: QWidget | None, title: str, suggested_name: str) -> Path | None:
        return self.path


def _agent_named(demo: Demo, dialog: QDialog) -> bool:
    return agents.get_agent(demo.ws, dialog.agent_id).display_name == "Alice DURAND"


def _promotion_named(demo: Demo, dialog: QDialog) -> bool:
    return any(s.promotion.name == "Cap Hiver" for s in promotions.list_promotions(demo.ws))


def _exercise_titled(demo: Demo, dialog: QDialog) -> bool:
    return [e.title for e in exercises_for_bpp(demo.ws, first_participant(demo).bpp_id)][-1:] == ["Portrait"]


def _seance_on_20_november(demo: Demo, dialog: QDialog) -> bool:
    return date(2026, 11, 20) in [s.held_on for s in seances(demo)]


def _enrolled_one(demo: Demo, dialog: QDialog) -> bool:
    return next(s.participants for s in promotions.list_promotions(demo.ws) if s.promotion.name == "Cap Hiver") == 1


def _interview_created(demo: Demo, dialog: QDialog) -> bool:
    return get_interview(demo.ws, dialog.interview_id).agent_id == demo.agent_id


def _request_recorded(demo: Demo, dialog: QDialog) -> bool:
    return len(agents.get_agent_file(demo.ws, demo.agent_id).rights_requests) == 1


def _accompaniment_recorded(demo: Demo, dialog: QDialog) -> bool:
    return bool(list_for_agent(demo.ws, demo.agent_id))


def _consent_withdrawn(demo: Demo, dialog: QDialog) -> bool:
    return not any(c.live for c in consents.consents_for(demo.ws, demo.synthesis_id)
                   if c.recipient_name == "Service RH fictif")


def _attendance_recorded(demo: Demo, dialog: QDialog) -> bool:
    return any(s.attendance for s in seances(demo))


def _finalised(demo: Demo, dialog: QDialog) -> bool:
    return synthesis.load_synthesis(demo.ws, demo.synthesis_id).status is SynthesisStatus.FINALISE


def _proposal_applied(demo: Demo, dialog: QDialog) -> bool:
    return synthesis.load_synthesis(demo.ws, demo.synthesis_id).values["2.2.3"].text.startswith("Transmettre")


def _written(name: str) -> Callable[[Demo, QDialog], bool]:
    return lambda demo, dialog: (demo.tmp / name).stat().st_size > 0


def _exported_for_the_agent(demo: Demo, dialog: QDialog) -> bool:
    return any(path.suffix == ".pdf" for path in (demo.tmp / "export").iterdir())


def _unlocked(demo: Demo, dialog: QDialog) -> bool:
    opened = dialog.store is not None
    if opened:
        dialog.store.close()
    return opened


def _export_folder(demo: Demo, dialog: QDialog) -> None:
    (demo.tmp / "export").mkdir()
    dialog.folder.clear()
    type_in_focus(str(demo.tmp / "export"))


def _typed_reference(demo: Demo, dialog: QDialog) -> None:
    type_in_focus(pending_destructions(demo.ws)[0].synthesis_pseudo_id)


def _destroyed_and_attestation_offered(demo: Demo, dialog: QDialog) -> None:
    """The destruction is done; the dialog stays open on its second page, the attestation to save."""
    assert dialog.isVisible() and dialog.document_destroyed and dialog.receipt_page.isVisible()
    assert pending_destructions(demo.ws) == []


CASES: list[DialogCase] = [
    DialogCase(NewAgentDialog, lambda d: NewAgentDialog(d.ws), typing("Durand", "Alice"), accepted_and(_agent_named)),
    DialogCase(DemandeDialog, lambda d: DemandeDialog(d.ws, d.agent_id), nothing, stays("déjà un BPP en cours")),
    DialogCase(RequestDialog, lambda d: RequestDialog(d.ws, d.agent_id), nothing,
               accepted_and(_accompaniment_recorded)),
    DialogCase(OutcomeDialog, lambda d: OutcomeDialog(d.ws, d.agent_id), nothing,
               stays("Indiquez le type de projet et le résultat")),
    DialogCase(MergeDialog, lambda d: MergeDialog(d.ws, d.agent_id), nothing, stays_silent),
    DialogCase(RightsRequestDialog, lambda d: RightsRequestDialog(d.ws, d.agent_id), nothing,
               accepted_and(_request_recorded)),
    DialogCase(AgentExportDialog, lambda d: AgentExportDialog(d.ws, d.agent_id), _export_folder,
               accepted_and(_exported_for_the_agent), busy=True),
    DialogCase(ErasureDialog, lambda d: ErasureDialog(d.ws, d.agent_id), nothing, stays("Un BPP est en cours")),
    DialogCase(ProfileDialog, lambda d: ProfileDialog(d.ws), typing("Camille"),
               accepted_and(lambda d, _: "Camille" in (get_profile(d.ws).last_name, get_profile(d.ws).first_name))),
    DialogCase(CaseloadImportDialog, lambda d: CaseloadImportDialog(d.ws), nothing, stays_silent),
    DialogCase(NewInterviewDialog, lambda d: NewInterviewDialog(d.ws, agent_id=d.agent_id), nothing,
               accepted_and(_interview_created)),
    DialogCase(PassphraseCheckDialog, lambda d: PassphraseCheckDialog(d.ws.store), typing(PASSPHRASE),
               accepted, busy=True),
    DialogCase(PromotionDocumentsDialog, lambda d: PromotionDocumentsDialog(
        d.ws, d.board.promotion, d.board.participants, seances(d)), save_in_file_dialog("convocations.pdf"),
        accepted_and(_written("convocations.pdf"))),
    DialogCase(AttendanceSheetDialog, lambda d: AttendanceSheetDialog(d.ws, d.board.participants, seances(d)),
               nothing, accepted_and(_attendance_recorded)),
    DialogCase(ContractsSignedDialog, lambda d: ContractsSignedDialog(
        d.ws, d.board.promotion, d.board.participants, None), nothing, stays("Cochez au moins un participant.")),
    DialogCase(EnrolmentDialog, lambda d: EnrolmentDialog(d.ws, a_new_promotion(d)), space,
               accepted_and(_enrolled_one)),
    DialogCase(ExerciseDialog, lambda d: ExerciseDialog(d.ws, first_participant(d).bpp_id), typing("Portrait"),
               accepted_and(_exercise_titled)),
    DialogCase(ParticipantDialog, lambda d: ParticipantDialog(d.ws, navigator(), d.board.promotion,
                                                              first_participant(d)), nothing, closed),
    DialogCase(PromotionDialog, lambda d: PromotionDialog(d.ws), typing("Cap Hiver"), accepted_and(_promotion_named)),
    DialogCase(SeanceDialog, lambda d: SeanceDialog(d.ws, d.board.promotion, d.board.participants,
                                                    phase=Phase.ANALYSE), typing("20/11/2026"),
               accepted_and(_seance_on_20_november)),
    DialogCase(RecoveryCodeDialog, lambda d: RecoveryCodeDialog(a_kit(d)), space, accepted,
               escape_refused="Ce code ne sera plus affiché"),
    DialogCase(RecoverDialog, lambda d: RecoverDialog(d.data_dir, KeyVault()), nothing,
               stays("Saisissez le code de récupération")),
    DialogCase(SatisfactionDialog, lambda d: SatisfactionDialog(d.ws, d.agent_id, AccompanimentKind.BPP),
               nothing, stays("Indiquez la note globale")),
    DialogCase(RestoreDialog, lambda d: RestoreDialog(d.ws, a_backup(d)), nothing,
               stays("Saisissez votre phrase secrète.")),
    DialogCase(CopiesDialog, lambda d: CopiesDialog(d.ws), nothing, stays("Toutes les copies connues sont nettoyées.")),
    DialogCase(BringExercisesDialog, lambda d: BringExercisesDialog(d.ws, d.synthesis_id, SynthesisKind.BPP,
                                                                    Author.CMC), nothing,
               stays("Cochez au moins un exercice")),
    DialogCase(ConsentDialog, lambda d: ConsentDialog(d.ws, d.synthesis_id, consents.rubrics_of(d.ws, d.synthesis_id)),
               nothing, stays("« Nom ou service du destinataire » est obligatoire")),
    DialogCase(WithdrawDialog, lambda d: WithdrawDialog(d.ws, a_consent(d)), nothing,
               accepted_and(_consent_withdrawn)),
    DialogCase(DestructionDialog, lambda d: DestructionDialog(d.ws, request_target(pending_destructions(d.ws)[0])),
               _typed_reference, _destroyed_and_attestation_offered, busy=True),
    DialogCase(SynthesisExportDialog, lambda d: SynthesisExportDialog(
        d.ws, d.synthesis_id, chooser=SaveTo(d.tmp / "synthese.pdf")), nothing,
        accepted_and(_written("synthese.pdf")), busy=True),
    DialogCase(BusyDialog, lambda d: BusyDialog("Export en cours…", on_cancel=lambda: None), nothing, stays_silent),
    DialogCase(FinaliseDialog, lambda d: FinaliseDialog(d.ws, d.synthesis_id, None, agent_facing=False),
               answer("Finaliser quand même"), accepted_and(_finalised)),
    DialogCase(CosignDialog, lambda d: CosignDialog(d.ws, d.synthesis_id, None), nothing,
               stays("après la finalisation")),
    # The request is several lines long: Entrée there starts a new line; Tab, then Entrée in the date asks.
    DialogCase(ReopenDialog, lambda d: ReopenDialog(d.ws, d.synthesis_id, None),
               typing("Compléter le plan d'action", ""), stays("n'est pas finalisé")),
    DialogCase(ImportReviewDialog, lambda d: ImportReviewDialog(d.ws, a_review(d)), nothing,
               accepted_and(_proposal_applied), busy=True, escape_asks="Fermer sans appliquer"),
    DialogCase(CompareDialog, lambda d: CompareDialog(
        d.ws, d.synthesis_id, synthesis_versions.list_versions(d.ws, d.synthesis_id), None, None), nothing, closed),
    DialogCase(NewSynthesisDialog, lambda d: NewSynthesisDialog(d.ws), nothing,
               stays("déjà son document de synthèse")),
    DialogCase(UnlockDialog, lambda d: UnlockDialog(d.data_dir, KeyVault()), typing(PASSPHRASE),
               accepted_and(_unlocked), busy=True),
    DialogCase(FirstRunDialog, lambda d: FirstRunDialog(d.tmp / "nouveau", KeyVault(), kdf=FAST_KDF), nothing,
               stays("au moins 12 caractères")),
    DialogCase(UnexpectedErrorDialog, lambda d: UnexpectedErrorDialog("Erreur inattendue", "Trace masquée"),
               nothing, closed),
]
