"""Turning the logo file the CMC chose into the small PNG the store keeps.

The file is checked before it is decoded (domain.profile: size, signature, a harmless SVG); decoding is bounded
(QImageReader's allocation limit); the image is then scaled to fit LOGO_MAX_WIDTH × LOGO_MAX_HEIGHT and stored as
PNG, so every PDF draws the same small image whatever was chosen.
"""

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

from ...domain.errors import ValidationError
from ...domain.profile import LOGO_MAX_BYTES, LOGO_MAX_HEIGHT, LOGO_MAX_WIDTH, check_logo_source, check_stored_logo

DECODE_LIMIT_MB = 128  # a 6000 × 6000 RGBA image is 137 MB: the domain's pixel limit is checked first anyway


def prepare_logo(path: Path) -> bytes:
    """The scaled PNG of the logo at `path`; raises ValidationError with the reason it is refused."""
    try:
        if path.stat().st_size > LOGO_MAX_BYTES:
            raise ValidationError(f"Le logo pèse plus de {LOGO_MAX_BYTES // 1024} Ko.")
        data = path.read_bytes()
    except OSError:
        raise ValidationError("Le fichier du logo n'a pas pu être lu.") from None
    return prepare_logo_bytes(data, path.suffix)


def prepare_logo_bytes(data: bytes, suffix: str) -> bytes:
    kind = check_logo_source(data, suffix)
    image = _svg(data) if kind == "svg" else _png(data)
    if image.width() > LOGO_MAX_WIDTH or image.height() > LOGO_MAX_HEIGHT:
        image = image.scaled(LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"png")).write(image):
        raise ValidationError("Le logo n'a pas pu être converti.")
    png = bytes(buffer.data().data())
    check_stored_logo(png)
    return png


def _png(data: bytes) -> QImage:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"png"))
    reader.setAllocationLimit(DECODE_LIMIT_MB)
    image = reader.read()
    if image.isNull():
        raise ValidationError("Ce fichier n'est pas une image PNG lisible.")
    return image


def _svg(data: bytes) -> QImage:
    renderer = QSvgRenderer(QByteArray(data))
    size = renderer.defaultSize()
    if not renderer.isValid() or size.isEmpty():
        raise ValidationError("Ce fichier n'est pas un SVG lisible.")
    fitted = size.scaled(QSize(LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT), Qt.AspectRatioMode.KeepAspectRatio)
    image = QImage(fitted, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, fitted.width(), fitted.height()))
    painter.end()
    return image
