"""Screenshots of the interviews list and the E2 editor from the demonstration store (docs/screenshots/
entretiens.png, entretien-e2.png).

    .venv/bin/python -m pytest -m screenshot tests/ui/test_interviews_screenshots.py
"""


import pytest

from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.services.demo import populate
from cmc_desktop.services.interviews import list_interviews
from cmc_desktop.ui.interviews import InterviewsView
from cmc_desktop.ui.navigation import INTERVIEWS

from .helpers import save_screenshot

pytestmark = pytest.mark.screenshot


def test_screenshot_of_an_e2_interview(window, ws) -> None:
    populate(ws)
    view = window.show_view(INTERVIEWS)
    assert isinstance(view, InterviewsView)
    # The first interview of the accompaniment that led to a BPP: every phase is filled in.
    [first] = [i.interview for i in list_interviews(ws, InterviewType.E2)
               if i.interview.subject == "Projet de mobilité vers la formation"]
    view.open_item(first.id)
    assert view.editor is not None
    view.editor.tabs.setCurrentIndex(1)  # the kinds of support, explained
    save_screenshot(window, "entretien-e2.png")


def test_screenshot_of_the_interviews_list(window, ws) -> None:
    populate(ws)
    view = window.show_view(INTERVIEWS)
    assert isinstance(view, InterviewsView)
    assert view.model.rowCount() > 0
    save_screenshot(window, "entretiens.png")
