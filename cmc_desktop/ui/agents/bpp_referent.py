"""The référent handicap and an agent's BPP (guide 001): for an agent covered by art. L. 5212-13, whether the agent
wishes the référent associated with the bilan, and what was agreed with the référent on the guide's three
points, each with its date. Every change is saved as soon as it is made."""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from ...domain.bpp import Bpp, ReferentAgreement, ReferentPoint
from ...domain.dates import format_fr
from ...services.bpp import record_referent
from ...services.workspace import Workspace
from ..widgets import AutosaveLineEdit, ErrorBanner, FrenchDateEdit

_WISHES = (("Pas encore exprimé", None), ("Oui, l'agent souhaite l'associer", True),
           ("Non, l'agent ne le souhaite pas", False))


class ReferentBox(QGroupBox):
    """`changed(message)` once something was stored."""

    changed = Signal(str)

    def __init__(self, ws: Workspace, bpp: Bpp, parent: QWidget | None = None) -> None:
        super().__init__("Référent handicap", parent)
        self.ws, self.bpp_id = ws, bpp.id or 0
        intro = QLabel("Le référent handicap est informé du bilan. Si l'agent le souhaite, il est associé à sa "
                       "réalisation, notamment sur les points ci-dessous : indiquez ce qui a été convenu et quand.",
                       self)
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.banner = ErrorBanner(self)
        self.wish = QComboBox(self)
        self.wish.setAccessibleName("Souhait de l'agent d'associer le référent handicap")
        for label, value in _WISHES:
            self.wish.addItem(label, value)
        self.wish.setCurrentIndex(max(0, self.wish.findData(bpp.referent_wish)))
        self.wish_on = FrenchDateEdit(self, accessible_name="Souhait exprimé le")
        self.wish_on.setDate(bpp.referent_wish_on)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(intro)
        form.addRow(self.banner)
        form.addRow("Souhait de l'agent :", self.wish)
        form.addRow("Exprimé le :", self.wish_on)
        self.points: dict[ReferentPoint, tuple[AutosaveLineEdit, FrenchDateEdit]] = {}
        for point in ReferentPoint:
            agreed = bpp.referent_agreements.get(point)
            text = AutosaveLineEdit(self, accessible_name=f"{point.label} : ce qui a été convenu")
            text.setPlaceholderText("Ce qui a été convenu avec le référent")
            text.load(agreed.text if agreed else "")
            day = FrenchDateEdit(self, accessible_name=f"{point.label} : convenu le")
            day.setDate(agreed.agreed_on if agreed else None)
            self.points[point] = (text, day)
            form.addRow(f"{point.label} :", text)
            form.addRow("Convenu le :", day)
            text.committed.connect(lambda _text: self.save())
            day.committed.connect(lambda _day: self.save())
        self.wish.activated.connect(lambda _index: self.save())
        self.wish_on.committed.connect(lambda _day: self.save())
        self._show_points()

    def _show_points(self) -> None:
        wished = self.wish.currentData() is True
        for text, day in self.points.values():
            text.setEnabled(wished)
            day.setEnabled(wished)

    def agreements(self) -> list[ReferentAgreement] | str:
        """The points with a date (the service refuses one without its text), or what to correct first."""
        out = []
        for point, (text, day) in self.points.items():
            agreed_on: date | None = day.date()
            if agreed_on is not None:
                out.append(ReferentAgreement(point, agreed_on, text.text()))
            elif text.text().strip():
                return f"Indiquez la date à laquelle « {point.label} » a été convenu."
        return out

    def save(self) -> None:
        self._show_points()
        agreements = self.agreements()
        if isinstance(agreements, str):
            self.banner.show_message(agreements)
            return
        try:
            bpp = record_referent(self.ws, self.bpp_id, self.wish.currentData(), self.wish_on.date(), agreements)
        except Exception as error:  # the typed values stay, the message says what to correct
            self.banner.show_error(error)
            for text, _day in self.points.values():
                text.mark_unsaved()
            return
        self.banner.clear()
        wish = {True: "associer le référent", False: "ne pas l'associer", None: "non exprimé"}[bpp.referent_wish]
        since = f" (le {format_fr(bpp.referent_wish_on)})" if bpp.referent_wish_on else ""
        self.changed.emit(f"Référent handicap : souhait de l'agent — {wish}{since} ; "
                          f"{len(bpp.referent_agreements)} point{'s' if len(bpp.referent_agreements) > 1 else ''} "
                          "convenu" + ("s." if len(bpp.referent_agreements) > 1 else "."))
