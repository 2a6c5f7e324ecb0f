"""The CMC's profile: who signs the documents she gives out, and the logo of her service.

A logo is checked here before anything is done with it (the UI then scales it and stores a PNG): a size
limit, a real PNG or SVG signature, bounded dimensions, and an SVG without scripts, event handlers, entities
or references outside itself — a logo must draw the same offline, and must not run or fetch anything.
"""

import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from .errors import ValidationError
from .text import clean_long, clean_short

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SOURCE_PIXELS = 6000  # a wider or taller source is refused before it is decoded
LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT = 600, 240  # what is stored: plenty for a 4 cm wide logo at 300 dpi
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ADDRESS_MAX = 500

_SVG = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_SVG = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "image", "use",
                  "feImage", "animate", "set", "animateTransform", "animateMotion", "handler", "listener"}
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


@dataclass(frozen=True)
class CmcProfile:
    """Printed on convocations, contracts, attendance sheets, the co-signature and the header of every PDF."""

    last_name: str = ""
    first_name: str = ""
    function: str = ""
    administration: str = ""
    service: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_png: bytes | None = None

    @property
    def display_name(self) -> str:
        """« Prénom NOM », or an empty string while the profile is not filled in."""
        return f"{self.first_name} {self.last_name.upper()}".strip()

    @property
    def is_empty(self) -> bool:
        return not any((self.last_name, self.first_name, self.function, self.administration, self.service,
                        self.address, self.phone, self.email, self.logo_png))

    def without_logo(self) -> "CmcProfile":
        return replace(self, logo_png=None)

    def identity_lines(self) -> list[str]:
        """The block under a signature or at the top of a letter, in the order a French letterhead reads."""
        lines = [self.display_name, self.function or "Conseiller mobilité-carrière", self.service,
                 self.administration, *self.address.splitlines()]
        contact = " · ".join(part for part in (self.phone, self.email) if part)
        return [line.strip() for line in (*lines, contact) if line and line.strip()]

    def validated(self) -> "CmcProfile":
        email = clean_short(self.email, "Courriel")
        if email and ("@" not in email or " " in email):
            raise ValidationError("Le courriel saisi n'est pas une adresse valide.")
        address = clean_long(self.address, "Adresse postale du service").strip().replace("\r\n", "\n")
        if len(address) > ADDRESS_MAX or address.count("\n") > 5:
            raise ValidationError(f"L'adresse postale du service tient en six lignes et {ADDRESS_MAX} caractères "
                                  "au plus.")
        if self.logo_png is not None:
            check_stored_logo(self.logo_png)
        return replace(self, last_name=clean_short(self.last_name, "Nom"),
                       first_name=clean_short(self.first_name, "Prénom"),
                       function=clean_short(self.function, "Fonction"),
                       administration=clean_short(self.administration, "Administration"),
                       service=clean_short(self.service, "Service"), address=address,
                       phone=clean_short(self.phone, "Téléphone"), email=email)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height read from a PNG's header (IHDR), without decoding it."""
    if not data.startswith(PNG_SIGNATURE) or len(data) < 24 or data[12:16] != b"IHDR":
        raise ValidationError("Ce fichier n'est pas une image PNG valide.")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def check_logo_source(data: bytes, suffix: str) -> str:
    """Check a logo the CMC chose before it is decoded; returns its kind, « png » or « svg »."""
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(f"Le logo pèse {len(data) // 1024} Ko : {LOGO_MAX_BYTES // 1024} Ko au plus.")
    if not data:
        raise ValidationError("Le fichier du logo est vide.")
    kind = suffix.lower().lstrip(".")
    if kind == "png" or data.startswith(PNG_SIGNATURE):
        width, height = png_size(data)
        if not (0 < width <= LOGO_MAX_SOURCE_PIXELS and 0 < height <= LOGO_MAX_SOURCE_PIXELS):
            raise ValidationError(f"Le logo mesure {width} × {height} pixels : {LOGO_MAX_SOURCE_PIXELS} au plus "
                                  "de côté.")
        return "png"
    if kind == "svg":
        check_svg(data)
        return "svg"
    raise ValidationError("Le logo doit être une image PNG ou SVG.")


def check_svg(data: bytes) -> None:
    """Refuse an SVG that is not a plain drawing: DTD or entities, scripts, event handlers, external images,
    links or style references to anything outside the file."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise ValidationError("Ce logo SVG déclare un DOCTYPE ou des entités : il est refusé par prudence.")
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        raise ValidationError("Ce fichier n'est pas un SVG lisible.") from None
    if root.tag not in (f"{_SVG}svg", "svg"):
        raise ValidationError("Ce fichier n'est pas une image SVG.")
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in _FORBIDDEN_SVG:
            raise ValidationError(f"Ce logo SVG contient un élément « {name} » (script, image externe ou "
                                  "animation) : seul un dessin simple est accepté.")
        texts = [element.text or ""] if name == "style" else []
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                raise ValidationError("Ce logo SVG contient un script (attribut « on… ») : il est refusé.")
            if local == "href" and not value.strip().startswith("#"):
                raise ValidationError("Ce logo SVG fait référence à un fichier ou à une adresse extérieurs : "
                                      "il est refusé.")
            texts.append(value)
        for text in texts:
            if "@import" in text or any(not ref.startswith("#") for ref in _URL.findall(text)):
                raise ValidationError("Ce logo SVG fait référence à une ressource extérieure : il est refusé.")


def check_stored_logo(png: bytes) -> None:
    """The logo as stored: a PNG already scaled within LOGO_MAX_WIDTH × LOGO_MAX_HEIGHT."""
    width, height = png_size(png)
    if len(png) > LOGO_MAX_BYTES or not (0 < width <= LOGO_MAX_WIDTH and 0 < height <= LOGO_MAX_HEIGHT):
        raise ValidationError("Le logo n'a pas été réduit à la taille attendue.")
