"""How a line of the tableau de bord looks: a card with the severity's colour stripe, an icon, the title, the
detail and when it is due; group headers are plain bold titles."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...domain.dates import format_fr
from ...services.dashboard import A_FAIRE, URGENT, DashboardItem
from .. import theme
from ..resources import icon
from .model import HeaderRole, ItemRole, due_text

SEVERITY_COLOURS = {URGENT: theme.ERROR, A_FAIRE: theme.WARNING}
KIND_ICONS = {
    "demande_delai": "calendrier", "rejet_implicite": "attention", "referent_handicap": "agents",
    "seance": "calendrier", "promotion_bloquee": "promotions", "bpp_bloque": "promotions",
    "synthese_a_finaliser": "syntheses", "destruction_demandee": "erreur", "destruction_prestataire": "erreur",
    "prise_en_charge": "calendrier", "entretien": "entretiens", "questionnaire": "indicateurs", "droits": "verrou",
    "fin_de_mission": "erreur",
    "copies_restantes": "erreur",
}
HEADER_HEIGHT = 40
GAP = 8  # between two cards
PADDING = 14
STRIPE = 5
ICON = 24
DUE_WIDTH = 170
_WRAP = Qt.TextFlag.TextWordWrap
HEIGHTS_KEPT = 20_000


def _bold(font: QFont, grow: float = 0) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    if grow:
        bold.setPointSizeF(font.pointSizeF() + grow)
    return bold


def _height(font: QFont, width: int, text: str) -> int:
    if not text:
        return 0
    return QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 40), 100_000), _WRAP, text).height()


class CardDelegate(QStyledItemDelegate):
    """Paints the rows of DashboardModel across the whole width of `view`."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._viewport = view.viewport()  # asked once: each viewport() call goes through PySide's wrapper lookup
        # Heights of wrapped texts by (font, width, text): the list asks every card's size at each layout (2 000
        # cards on a large store), and many details are the same sentence. A new width or font makes new keys.
        self._heights: dict[tuple[str, int, str], int] = {}
        self._title_fonts: dict[str, QFont] = {}
        self._line_heights: dict[str, int] = {}

    def _text_width(self, width: int) -> int:
        return width - (STRIPE + PADDING + ICON + PADDING) - (PADDING + DUE_WIDTH + PADDING)

    def _text_height(self, font: QFont, width: int, text: str) -> int:
        key = (font.key(), width, text)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > HEIGHTS_KEPT:
                self._heights.clear()
            height = self._heights[key] = _height(font, width, text)
        return height

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = self._viewport.width()
        item: DashboardItem | None = index.data(ItemRole)
        if item is None:
            return QSize(width, HEADER_HEIGHT)
        text_width = self._text_width(width)
        font = option.font
        font_key = font.key()
        title_font = self._title_fonts.get(font_key)
        if title_font is None:
            title_font = self._title_fonts[font_key] = _bold(font, 1)
        text = (self._text_height(title_font, text_width, item.title) + 4
                + self._text_height(font, text_width, item.detail))
        line = self._line_heights.get(font_key)
        if line is None:
            line = self._line_heights[font_key] = QFontMetrics(font).height()
        return QSize(width, max(text, 2 * line + 4, ICON) + 2 * PADDING + GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        item: DashboardItem | None = index.data(ItemRole)
        if item is None:
            self._paint_header(painter, option, index.data(HeaderRole), index.data())
        else:
            self._paint_card(painter, option, item)
        painter.restore()

    @staticmethod
    def _paint_header(painter: QPainter, option: QStyleOptionViewItem, label: str, text: str) -> None:
        rect = option.rect.adjusted(2, 0, 0, -6)
        painter.setFont(_bold(option.font, 2))
        painter.setPen(QColor(theme.TITLE))
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_card(self, painter: QPainter, option: QStyleOptionViewItem, item: DashboardItem) -> None:
        card = option.rect.adjusted(1, 1, -1, -GAP - 1)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        focused = selected and self._view.hasFocus()
        colour = QColor(SEVERITY_COLOURS.get(item.severity, theme.INFO))

        painter.setPen(QPen(QColor(theme.FOCUS if focused else theme.BLUE_FRANCE if selected else theme.BORDER),
                            2 if selected else 1))
        painter.setBrush(QColor("#f5f5fe" if selected or hovered else "#ffffff"))
        painter.drawRoundedRect(card, 4, 4)
        painter.fillRect(QRect(card.left(), card.top(), STRIPE, card.height()), colour)

        top = card.top() + PADDING
        icon(KIND_ICONS.get(item.kind, "info")).paint(painter, QRect(card.left() + STRIPE + PADDING, top, ICON, ICON))

        left = card.left() + STRIPE + PADDING + ICON + PADDING
        width = self._text_width(option.rect.width())
        title_font = _bold(option.font, 1)
        title_height = _height(title_font, width, item.title)
        painter.setFont(title_font)
        painter.setPen(QColor(theme.TITLE))
        painter.drawText(QRect(left, top, width, title_height), _WRAP, item.title)
        painter.setFont(option.font)
        painter.setPen(QColor(theme.TEXT))
        painter.drawText(QRect(left, top + title_height + 4, width, card.bottom() - top), _WRAP, item.detail)

        due_rect = QRect(card.right() - PADDING - DUE_WIDTH, top, DUE_WIDTH - 18, card.height() - 2 * PADDING)
        today = self._view.model().today  # type: ignore[attr-defined]
        relative = due_text(item.due, today)
        if relative:
            painter.setFont(_bold(option.font))
            painter.setPen(colour)
            line = QFontMetrics(painter.font()).height()
            painter.drawText(QRect(due_rect.left(), due_rect.top(), due_rect.width(), line),
                             Qt.AlignmentFlag.AlignRight, relative)
            if item.due is not None and item.due > today:
                painter.setFont(option.font)
                painter.setPen(QColor(theme.SECONDARY))
                painter.drawText(QRect(due_rect.left(), due_rect.top() + line + 2, due_rect.width(), line),
                                 Qt.AlignmentFlag.AlignRight, f"le {format_fr(item.due)}")
        painter.setFont(_bold(option.font, 4))
        painter.setPen(QColor(theme.BLUE_FRANCE))
        painter.drawText(QRect(card.right() - PADDING - 12, card.top(), 14, card.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, "›")
