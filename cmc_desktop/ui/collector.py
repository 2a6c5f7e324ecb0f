"""Python's cyclic garbage collector, run on the GUI thread only.

Left to itself, the collector runs in whichever thread happens to allocate when a threshold is crossed — often a
background task's. A cycle it frees there may hold a widget or a QObject of the GUI thread (a dialog and the
lambdas connected to it): Qt objects destroyed from another thread corrupt Qt's state, and the application
crashes later at random (measured: one run in three of the screen-reader walk ended on SIGSEGV). So the automatic
collector stays off, and a timer on the GUI thread collects whatever generations the usual thresholds say are due.
"""

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects on the GUI thread, every INTERVAL_MS, the generations whose allocation counts passed gc's own
    thresholds; `start` turns the automatic collector off for good."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation that is due (and so the younger ones); returns the objects freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0
