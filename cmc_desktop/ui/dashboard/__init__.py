"""The tableau de bord: what needs the CMC today."""

from .view import DashboardView

__all__ = ["DashboardView"]
