"""A hand-edited, truncated or hostile QSettings file never breaks the start: every value falls back to a default."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QMainWindow

from cmc_desktop.ui.settings_store import MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES, UiSettings

KEYS = ["[fenetre]", "[securite]", "geometrie=", "etat=", "derniere_vue=", "verrouillage_minutes=",
        "cle_dans_trousseau=", "@ByteArray(", "@Variant(", "\\x", "\n", "=", "\\", "\x00", ")"]
ini_text = st.lists(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(ini_text.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=400)))
def test_any_settings_file_reads_as_defaults_or_valid_values(tmp_path_factory, qapp, content: bytes) -> None:
    path: Path = tmp_path_factory.mktemp("ini") / "interface.ini"
    path.write_bytes(content)
    ui = UiSettings(path)
    assert MIN_AUTO_LOCK_MINUTES <= ui.auto_lock_minutes <= MAX_AUTO_LOCK_MINUTES
    assert isinstance(ui.keyring_enabled, bool)
    assert ui.last_view is None or (ui.last_view.isascii() and len(ui.last_view) <= 40)
    window = QMainWindow()
    for blob, restore in ((ui.geometry, window.restoreGeometry), (ui.window_state, window.restoreState)):
        if blob is not None:
            restore(blob)  # Qt validates the blob itself and ignores a bad one
    window.deleteLater()
