"""Promotions BPP: the list of promotions, each promotion's board, its séances, participants and dialogs."""

from .board import PromotionBoardView
from .view import PromotionsView

__all__ = ["PromotionBoardView", "PromotionsView"]
