"""The look of the promotion board's own widgets (phase cards, séance links), on top of the application sheet."""

from ..theme import BLUE_FRANCE, BORDER, GREY_BACKGROUND, SECONDARY, SUCCESS

CURRENT_PHASE_BACKGROUND = "#f5f5fe"

PROMOTIONS_QSS = f"""
QFrame#PhaseCard {{ background: #ffffff; border: 1px solid {BORDER}; border-radius: 4px; }}
QFrame#PhaseCard[state="current"] {{ background: {CURRENT_PHASE_BACKGROUND}; border: 2px solid {BLUE_FRANCE}; }}
QFrame#PhaseCard[state="done"] {{ background: {GREY_BACKGROUND}; }}
QLabel#PhaseTitle {{ font-weight: bold; font-size: 11pt; color: #161616; }}
QLabel#PhaseState {{ color: {SECONDARY}; }}
QLabel#PhaseState[state="current"] {{ color: {BLUE_FRANCE}; font-weight: bold; }}
QLabel#PhaseState[state="done"] {{ color: {SUCCESS}; }}
QPushButton#SeanceButton {{ text-align: left; padding: 3px 6px; }}
"""
