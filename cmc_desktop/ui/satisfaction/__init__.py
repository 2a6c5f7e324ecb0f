"""The questionnaire de satisfaction « Mon accompagnement en + »."""

from .dialog import SatisfactionDialog, open_satisfaction_dialog
from .score_scale import ScoreScale

__all__ = ["SatisfactionDialog", "ScoreScale", "open_satisfaction_dialog"]
