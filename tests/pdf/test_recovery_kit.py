"""The recovery kit: one page with the code, the store it opens, its date and how to use it — never the phrase."""

import io
import re
from datetime import date

from pypdf import PdfReader

from cmc_desktop.data.store import Store
from cmc_desktop.pdf.recovery_kit import FOOTER, KEEP_RULES, USE_STEPS, render_recovery_kit
from cmc_desktop.services.recovery import create_recovery_code
from cmc_desktop.services.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.pdf.samples import all_text


def test_one_page_with_the_code_the_store_the_date_and_the_instructions(store: Store, clock) -> None:
    kit = create_recovery_code(Workspace(store, clock), PASSPHRASE)
    data = render_recovery_kit(kit.code, kit.store_id, kit.created)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = " ".join(all_text(data).split())
    for expected in ("Kit de récupération", *kit.code.split("-"), f"identifiant {store.store_id}",
                     "Code créé le 16/11/2026", "Phrase secrète oubliée ?", f"{FOOTER} — page 1/1"):
        assert expected in text, expected
    for line in (*USE_STEPS, *KEEP_RULES):
        assert " ".join(line.split()) in text, line
    assert PASSPHRASE not in text
    assert reader.metadata.get("/Author", "") == ""


def test_the_widest_letters_never_break_a_group() -> None:
    text = all_text(render_recovery_kit("WWWW-MMMM-WWWW-MMMM-WWWW-MMMM-WWWW", "0" * 36, date(2026, 1, 1)))
    assert printed_code(text) == "WWWW MMMM WWWW MMMM WWWW MMMM WWWW"


def printed_code(text: str) -> str:
    """The seven groups of four as the kit prints them (one cell each)."""
    found = re.search(r"(?:\b[0-9A-Z]{4}\b ){6}\b[0-9A-Z]{4}\b", text)
    assert found is not None, text
    return found.group()
