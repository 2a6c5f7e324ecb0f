"""Printing the PDFs the application makes, through the system's print dialog.

PySide6-Essentials has no QtPdf: each page of our own PDF is rasterised by PDFium (pypdfium2) and painted on
the QPrinter, at most at PRINT_DPI — a 300 dpi A4 page is 8.7 million pixels (~35 MB as RGBX), 1200 dpi would
be sixteen times that. The PDF stays in memory: nothing is written to a temporary file.
"""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ...domain.errors import DomainError

PRINT_DPI = 300


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def paint_pdf(printer: QPrinter, data: bytes, first: int = 1, last: int | None = None) -> int:
    """Paint pages `first`..`last` (1-based, inclusive) of `data` on `printer`; returns how many were painted."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    painter = QPainter()
    try:
        last = min(last or len(document), len(document))
        if not painter.begin(printer):
            raise DomainError("L'imprimante n'a pas pu être ouverte : vérifiez qu'elle est disponible.")
        dpi = min(printer.resolution(), PRINT_DPI)
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            page = document[number - 1]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888)
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
            bitmap.close()
            page.close()
        return last - first + 1
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def new_printer(title: str) -> QPrinter:
    """A printer set for our A4 documents, the document named as the print queue will show it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # our PDFs carry their own margins
    return printer


def print_pdf(parent: QWidget | None, data: bytes, title: str) -> bool:
    """Show the system print dialog for `data` (named `title`) and print it; False when the CMC cancels."""
    printer = new_printer(title)
    pages = page_count(data)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Imprimer — {title}")
    dialog.setMinMax(1, pages)
    dialog.setFromTo(1, pages)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        first, last = (printer.fromPage(), printer.toPage()) if printer.fromPage() else (1, pages)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            paint_pdf(printer, data, first, last)
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True
    finally:
        dialog.deleteLater()
