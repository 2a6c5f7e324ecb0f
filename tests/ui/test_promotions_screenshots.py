"""Screenshots of the Promotions BPP view from the demonstration store (docs/screenshots/promotions.png,
promotion-tableau.png, and the blocked promotion's board promotion-bloquee.png).

    .venv/bin/python -m pytest -m screenshot tests/ui/test_promotions_screenshots.py
"""


import pytest

from cmc_desktop.services.demo import populate
from cmc_desktop.services.promotions import list_promotions
from cmc_desktop.ui.navigation import PROMOTIONS
from cmc_desktop.ui.promotions import PromotionsView

from .helpers import save_screenshot

pytestmark = pytest.mark.screenshot


def test_screenshots_of_the_list_and_of_a_board(window, ws) -> None:
    populate(ws)
    view = window.show_view(PROMOTIONS)
    assert isinstance(view, PromotionsView)
    save_screenshot(window, "promotions.png")

    by_name = {s.promotion.name: s.promotion.id for s in list_promotions(ws)}
    view.open_item(by_name["Cap Printemps (démo)"])
    assert view.board is not None
    view.board.table.selectRow(0)
    save_screenshot(window, "promotion-tableau.png")

    view.open_item(by_name["Horizons (démo)"])
    view.board.advance.button.click()  # refused: the board says which contract is missing
    save_screenshot(window, "promotion-bloquee.png")
