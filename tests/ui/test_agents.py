"""The list of agents: creation (Ctrl+N), accent-insensitive search, filters, lazy loading, opening a file."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cmc_desktop.domain.agent import AgentState, Category, PriorityGround, Statut
from cmc_desktop.domain.text import normalise_for_search
from cmc_desktop.services.agent_search import count_agents, search_agents, search_agents_with_total
from cmc_desktop.services.agents import end_accompaniment
from cmc_desktop.ui import tasks
from cmc_desktop.ui.agents import list_model
from cmc_desktop.ui.agents.list_model import PAGE_SIZE
from cmc_desktop.ui.main_window import MainWindow

from .agents_helpers import agents_view, list_names, many_agents, new_agent
from .helpers import answer_message_box, assert_accessible, type_text


def test_ctrl_n_creates_an_agent_with_an_accented_name(qtbot, window: MainWindow, ws) -> None:
    view = agents_view(window)
    assert view.count.text() == "Aucun agent"
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = view.new_agent_dialog
    assert dialog is not None and dialog.isVisible()
    assert_accessible(dialog)
    type_text(dialog.last_name, "Œuvray-Dàvid")
    type_text(dialog.first_name, "Hélène")
    dialog.category.setCurrentIndex(dialog.category.findText("C"))
    dialog.create_button.click()

    qtbot.waitUntil(lambda: not dialog.isVisible())
    [stored] = search_agents(ws, "")
    assert (stored.display_name, stored.category) == ("Hélène ŒUVRAY-DÀVID", Category.C)
    assert view.file is not None and view.file.agent_id == stored.id  # her file opens, to be completed
    assert view.file.title.text() == "Hélène ŒUVRAY-DÀVID"
    view.file.back_button.click()
    assert list_names(view) == ["Hélène ŒUVRAY-DÀVID"]
    assert view.count.text() == "1 agent"
    assert view.table.currentIndex().row() == 0  # back on the agent just left


def test_a_missing_name_is_refused_in_french_and_the_input_is_kept(qtbot, window: MainWindow, ws) -> None:
    view = agents_view(window)
    view.create_new()
    dialog = view.new_agent_dialog
    type_text(dialog.first_name, "Noël")
    dialog.create_button.click()
    assert dialog.isVisible() and dialog.banner.text == "Le champ « Nom » est obligatoire."
    assert dialog.first_name.text() == "Noël"
    assert count_agents(ws, "") == 0

    answer_message_box("Continuer la saisie")  # Escape with pending input asks first
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.first_name.text() == "Noël"
    answer_message_box("Abandonner la saisie")
    dialog.request_close()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert count_agents(ws, "") == 0


def test_search_as_you_type_ignores_accents_case_and_ligatures(qtbot, window: MainWindow, ws) -> None:
    new_agent(ws, "Œuvray-Dàvid", "Hélène", fonction="Gestionnaire de paie")
    new_agent(ws, "Bruyère", "Noël")
    new_agent(ws, "Martin", "Hélio")
    view = agents_view(window)
    assert view.count.text() == "3 agents"

    type_text(view.search, "helene")  # debounced: the list follows once the typing pauses
    qtbot.waitUntil(lambda: list_names(view) == ["Hélène ŒUVRAY-DÀVID"])
    assert view.count.text() == "1 agent"
    assert normalise_for_search("Œuvray") == "oeuvray"  # the index holds the normalised names
    for query, expected in (("OEUVRAY", ["Hélène ŒUVRAY-DÀVID"]), ("hél", ["Hélio MARTIN", "Hélène ŒUVRAY-DÀVID"]),
                            ("noel bruy", ["Noël BRUYÈRE"]), ("paie", ["Hélène ŒUVRAY-DÀVID"]),
                            ('"*(', ["Noël BRUYÈRE", "Hélio MARTIN", "Hélène ŒUVRAY-DÀVID"])):
        view.search.setText(query)
        qtbot.waitUntil(lambda expected=expected: list_names(view) == expected)
    view.search.setText("zzz")
    qtbot.waitUntil(lambda: view.count.text() == "Aucun agent ne correspond")
    assert view.empty.isVisible()


def test_enter_in_the_search_opens_the_only_agent_found_and_ctrl_f_comes_back(qtbot, window: MainWindow,
                                                                              ws) -> None:
    helene = new_agent(ws, "Œuvray-Dàvid", "Hélène")
    new_agent(ws, "Bruyère", "Noël")
    view = agents_view(window)
    view.search.setText("helene")
    QTest.keyClick(view.search, Qt.Key.Key_Return)
    assert view.file is not None and view.file.agent_id == helene and view.file.isVisible()

    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.file is None and view.search.hasFocus() and view.search.selectedText() == "helene"
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    QTest.keyClick(view.search, Qt.Key.Key_Down)  # into the results
    assert view.table.hasFocus() and view.table.currentIndex().row() == 0
    QTest.keyClick(view.table, Qt.Key.Key_Down)
    QTest.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the selected row
    assert view.file is not None and view.file.agent_id == helene


def test_filters_priority_category_status_state(qtbot, window: MainWindow, ws) -> None:
    new_agent(ws, "Arbre", "Anne", category=Category.C,
              priority_grounds=frozenset({PriorityGround.CAT_C_SANS_DIPLOME}))
    new_agent(ws, "Bois", "Bruno", category=Category.A, statut=Statut.CONTRACTUEL)
    ended = new_agent(ws, "Chêne", "Célia", category=Category.A)
    end_accompaniment(ws, ended, ws.clock.today())
    view = agents_view(window)
    bar = view.filters

    bar.priority.click()
    assert list_names(view) == ["Anne ARBRE"] and view.count.text() == "1 agent"
    bar.priority.click()
    bar.category.setCurrentIndex(bar.category.findText("Catégorie A"))
    assert list_names(view) == ["Bruno BOIS", "Célia CHÊNE"]
    bar.statut.setCurrentIndex(bar.statut.findText(Statut.CONTRACTUEL.label))
    assert list_names(view) == ["Bruno BOIS"]
    bar.statut.setCurrentIndex(0)
    bar.state.setCurrentIndex(bar.state.findText(AgentState.TERMINE.label))
    assert list_names(view) == ["Célia CHÊNE"]
    assert view.model.index(0, 5).data() == "Terminé"
    view.search.setText("bruno")
    qtbot.waitUntil(lambda: view.count.text() == "Aucun agent ne correspond")


def test_a_thousand_agents_are_loaded_page_by_page(qtbot, window: MainWindow, ws) -> None:
    many_agents(ws, 1000)
    view = agents_view(window)
    model = view.model
    assert view.count.text() == "1\u00a0000 agents"
    assert model.rowCount() == PAGE_SIZE == 200 and model.canFetchMore()
    assert model.index(0, 0).data() == "Camille NOM0000"

    view.table.scrollToBottom()  # the view asks for the next page when it nears the end
    QApplication.processEvents()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE)
    while model.canFetchMore():
        before = model.rowCount()
        model.fetchMore()
        assert model.rowCount() == before + PAGE_SIZE
    assert model.rowCount() == 1000 and model.index(999, 0).data() == "Camille NOM0999"

    view.filters.priority.click()  # a new search starts again from its first page
    assert view.count.text() == "100 agents" and model.rowCount() == 100 and not model.canFetchMore()


def test_stale_answers_of_an_earlier_search_are_dropped(window: MainWindow, ws) -> None:
    new_agent(ws, "Bruyère", "Noël")
    view = agents_view(window)
    model = view.model
    model.search("noel", view.filters.filters())
    model._first_page(model._generation - 1, (0, []))  # an older search answering late
    assert list_names(view) == ["Noël BRUYÈRE"]


def test_the_list_is_accessible(window: MainWindow, ws) -> None:
    new_agent(ws, "Bruyère", "Noël")
    view = agents_view(window)
    controls = assert_accessible(view)
    assert view.search in controls and view.table in controls and view.filters.category in controls


def test_the_search_runs_off_the_gui_thread(qtbot, window: MainWindow, ws, monkeypatch) -> None:
    helene = new_agent(ws, "Œuvray-Dàvid", "Hélène")
    new_agent(ws, "Bruyère", "Noël")
    threads: list[threading.Thread] = []

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return search_agents_with_total(*args, **kwargs)

    monkeypatch.setattr(list_model, "search_agents_with_total", recording)
    previous = tasks.set_executor(tasks.thread_pool)  # the application's real executor
    try:
        view = agents_view(window)
        qtbot.waitUntil(lambda: view.count.text() == "2 agents")
        view.search.setText("oeuvray")
        QTest.keyClick(view.search, Qt.Key.Key_Return)  # before the results are in: answered once they are
        qtbot.waitUntil(lambda: view.file is not None)
        assert view.file.agent_id == helene and list_names(view) == ["Hélène ŒUVRAY-DÀVID"]
    finally:
        tasks.wait_for_all()
        tasks.set_executor(previous)
    assert threads and all(t is not threading.main_thread() for t in threads)
