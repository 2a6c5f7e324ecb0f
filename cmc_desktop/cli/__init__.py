"""Command line: `cmc-desktop [--data-dir DIR]` opens the application; sub-commands serve scripts.

Commands read the phrase secrète from CMC_DESKTOP_PASSPHRASE when set, else ask it on a terminal (prompts.py).
Exit codes: 0 success, 1 refused or failed (with a French message on stderr), 2 usage error.
Each command imports the store and services it needs when it runs: opening the window must not wait for them.
"""

import argparse
import contextlib
import gc
import logging
import sys
from importlib import import_module
from pathlib import Path

from ..data.errors import DataDirNotADirectory, StoreError
from ..domain.errors import DomainError
from ..hardening import configure_safe_logging, disable_core_dumps
from ..paths import default_data_dir
from .french_argparse import FrenchArgumentParser

DATA_DIR_HELP = "dossier des données (par défaut : dossier de données de l'utilisateur)"
HELP = frozenset({"-h", "--help"})
# Imported by the whole parser only: opening the window needs none of them (~5 ms before the first paint).
COMMAND_MODULES = ["store_commands", "maintenance_commands", "synthesis_commands", "indicator_commands",
                   "agent_commands"]


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line, or (`commands=False`) only what opening the window reads, raising on a mistake
    instead of reporting it: the whole parser reports it, with the whole usage."""
    parser = FrenchArgumentParser(prog="cmc-desktop", description="Poste de travail du conseiller "
                                  "mobilité-carrière (données chiffrées localement).", exit_on_error=commands)
    parser.add_argument("--data-dir", type=Path, default=None, metavar="DOSSIER",
                        help=DATA_DIR_HELP)
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes",
                                parser_class=FrenchArgumentParser)
    for name in COMMAND_MODULES:
        import_module(f".{name}", __name__).register(sub)
    # Accepted after the command too (`cmc-desktop demo --data-dir DIR`, `audit verify --data-dir DIR`); SUPPRESS
    # keeps the global value otherwise.
    for command in _commands(parser):
        command.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, metavar="DOSSIER",
                             help=DATA_DIR_HELP)
    return parser


def _commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every sub-parser under `parser`, nested ones included."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                found += [command, *_commands(command)]
    return found


def main(argv: list[str] | None = None) -> int:
    disable_core_dumps()
    configure_safe_logging(logging.INFO)
    argv = sys.argv[1:] if argv is None else argv
    # Opening the window, the usual case, needs none of the sub-commands' parsers (a few ms of argparse).
    args: argparse.Namespace | None = None
    rest = argv
    if not HELP.intersection(argv):
        with contextlib.suppress(argparse.ArgumentError):
            args, rest = build_parser(commands=False).parse_known_args(argv)
    if rest or args is None:
        args = build_parser().parse_args(argv)
    assert args is not None  # nothing left over means the short parse succeeded
    data_dir: Path = args.data_dir or default_data_dir()
    if data_dir.exists() and not data_dir.is_dir():
        print(f"cmc-desktop : {DataDirNotADirectory()}", file=sys.stderr)
        return 1
    if getattr(args, "command", None) is None:
        gc.disable()  # the window's start-up: ui/app.run_app says why, and turns the collector back on
        from ..ui.app import run_app  # Qt is imported only when the window is wanted

        return run_app(data_dir, sys.argv[:1])
    try:
        return int(args.handler(args, data_dir) or 0)
    except (StoreError, DomainError) as error:
        print(f"cmc-desktop : {error}", file=sys.stderr)
        return 1
    except OSError as error:  # its file name may be an export's, which can bear a name: not repeated
        print(f"cmc-desktop : accès au fichier impossible ({error.strerror or type(error).__name__}). "
              "L'opération n'a pas abouti.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 1
