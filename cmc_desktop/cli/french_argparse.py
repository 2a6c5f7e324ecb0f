"""argparse speaking French: usage line, section titles, help option and the common error messages."""

import argparse
import re
import sys
from typing import NoReturn

_ERRORS = [
    (re.compile(r"^unrecognized arguments: (.*)$"), "arguments non reconnus : {0}"),
    (re.compile(r"^the following arguments are required: (.*)$"), "arguments obligatoires manquants : {0}"),
    (re.compile(r"^argument (.*?): invalid choice: (.*?) \(choose from (.*)\)$"),
     "argument {0} : choix invalide : {1} (choisir parmi {2})"),
    (re.compile(r"^argument (.*?): expected one argument$"), "argument {0} : une valeur est attendue"),
    (re.compile(r"^argument (.*?): not allowed with argument (.*)$"), "argument {0} : incompatible avec {1}"),
    (re.compile(r"^one of the arguments (.*) is required$"), "l'un des arguments {0} est obligatoire"),
    (re.compile(r"^argument (.*?): invalid (.*) value: (.*)$"), "argument {0} : valeur invalide : {2}"),
]


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        for pattern, french in _ERRORS:
            match = pattern.match(message)
            if match:
                message = french.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")
