"""The Indicateurs view: figures of a period, charts, anonymised exports."""

from .view import IndicatorsView

__all__ = ["IndicatorsView"]
