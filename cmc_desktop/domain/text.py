"""Text rules shared by every entity: limits, normalisation for accent-insensitive search."""

import unicodedata

from .errors import ValidationError

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 50_000

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def normalise_for_search(text: str) -> str:
    """Lower-case, without diacritics or ligatures: 'Œuvray Hélène' -> 'oeuvray helene'.

    Case is folded before the accents are stripped: folding turns some marks into letters (the Greek iota
    subscript of 'ᾀ' becomes 'ι', as its capital 'ἈΙ' writes it), so a name and its capitals match."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def clean_short(value: str | None, label: str, *, required: bool = False) -> str:
    """Strip a one-line value and check its length; `label` names the field in the message."""
    text = (value or "").strip()

    def refuse(message: str) -> ValidationError:
        return ValidationError(message, field=label, recheck=lambda other: clean_short(other, label, required=required))

    if required and not text:
        raise refuse(f"Le champ « {label} » est obligatoire.")
    if len(text) > SHORT_TEXT_MAX:
        raise refuse(f"Le champ « {label} » dépasse {SHORT_TEXT_MAX} caractères.")
    if any(c in text for c in "\r\n\x00"):
        raise refuse(f"Le champ « {label} » doit tenir sur une ligne.")
    return text


def clean_long(value: str | None, label: str) -> str:
    """Check a free-text value (notes, synthesis sections) against the size limit."""
    text = (value or "").replace("\x00", "")
    if len(text) > LONG_TEXT_MAX:
        raise ValidationError(
            f"Le texte « {label} » est trop long ({len(text):,} caractères ; "
            f"{LONG_TEXT_MAX:,} au maximum).".replace(",", "\u00a0"),
            field=label, recheck=lambda other: clean_long(other, label))
    return text


def plural(count: int, singular: str, plural_form: str) -> str:
    """« 1 participant », « 3 participants »: in French 0 and 1 take the singular."""
    return f"{count} {singular if abs(count) < 2 else plural_form}"
