"""The Annexe 2 model as the guide prints it (modele.txt, see SOURCE.md), read into what the tests compare.

`numbered()` maps each printed number to its text (the 2.5.'s hint, on the line below it in the model, is
appended); `labels()` lists the lines ending with « : » (header, dates, steps, co-signature); `title()` is the
document's title. Bold, italics and list dashes of the text conversion are read away.
"""

import re
from functools import cache
from pathlib import Path

MODEL = Path(__file__).with_name("modele.txt")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*\.)\s+(.*)$")


def clean(line: str) -> str:
    line = line.strip().removeprefix("- ").replace("**", "").replace("*", "")
    return " ".join(line.split())


@cache
def lines() -> list[str]:
    """The model's non-empty lines, cleaned, after its caption « ANNEXE 2 » / « Modèle de document … »."""
    cleaned = [clean(line) for line in MODEL.read_text(encoding="utf-8").splitlines()]
    return [line for line in cleaned if line][2:]


def title() -> str:
    return lines()[0]


@cache
def numbered() -> list[tuple[str, str]]:
    """(number, text) in the model's order; the 3.1. under phase 4 is kept as printed."""
    out: list[tuple[str, str]] = []
    for line in lines():
        match = _NUMBERED.match(line)
        if match:
            out.append((match.group(1), match.group(2)))
        elif out and out[-1][0] == "2.5." and not line.endswith(":"):
            out[-1] = (out[-1][0], f"{out[-1][1]} {line}")
    return out


def labels() -> list[str]:
    """The lines the model ends with « : » (without it), in order."""
    return [line.removesuffix(":").strip() for line in lines() if line.endswith(":")]


def calendar() -> list[list[str]]:
    """The calendar table's rows, split on its tabs."""
    raw = MODEL.read_text(encoding="utf-8").splitlines()
    return [[cell.strip() for cell in line.split("\t") if cell.strip()] for line in raw if "\t" in line]


def printed(number: str, text: str) -> str:
    """What a reader sees: « 2.1.2. recherche d'expériences marquantes … », the slip of phase 4 corrected."""
    return f"{'4.1.' if (number, text) == LAST else number} {text}"


LAST = ("3.1.", "points de conclusion de l'entretien individuel")


def normalise(text: str) -> str:
    """Whitespace collapsed and the typographic apostrophe folded, to compare extracted PDF text."""
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").split())


def missing_from(text: str) -> list[str]:
    """What of the model a printed text does not show, in the model's order (an empty list: all of it).
    Numbered items must come in order; labels end with « : » except the steps, whose lines a form replaces."""
    text = normalise(text)
    missing: list[str] = []
    if title() not in text:
        missing.append(title())
    position = 0
    for number, words in numbered():
        found = text.find(printed(number, words), position)
        if found < 0:
            missing.append(printed(number, words))
        else:
            position = found + len(printed(number, words))
    missing += [label for label in labels() if f"{label} :" not in text and not label.startswith("étape")]
    heads, *rows = calendar()
    missing += [cell for cell in [*heads, *(row[0] for row in rows)] if cell not in text]
    return missing
