"""Preview a generated PDF inside the program, print it or save a copy.

QtPdf (the PySide6-Addons wheel) renders the pages, so the clerk needs no PDF reader on a
locked-down office PC.  Printing renders each page to an image at the printer's resolution
(at most 300 dpi) and lays it on the page, turning the paper for landscape ledger pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import atomic_write
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.forms.ui_report_preview import Ui_ReportPreview

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0
PRINT_DPI_MAX = 300
# The zoom a clerk chose is kept for the next preview: "fit" or a factor.
ZOOM_KEY = "preview/zoom"


class ReportPreview(QDialog):
    def __init__(self, pdf_path: str | Path, title: str = "报表预览",
                 suggested_name: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = Ui_ReportPreview()
        self.form.setupUi(self)
        self.setWindowTitle(f"{title} — 预览")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.pdf_path = Path(pdf_path)
        self.suggested_name = suggested_name or self.pdf_path.name
        self.document = QPdfDocument(self)
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() < 1:
            raise UserError(f"无法打开生成的 PDF 文件“{self.pdf_path}”，请重新生成。")
        view: QPdfView = self.form.pdfView
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setPageSpacing(12)
        f = self.form
        self._restore_zoom()
        f.zoomInButton.clicked.connect(self.zoom_in)
        f.zoomOutButton.clicked.connect(self.zoom_out)
        f.fitWidthButton.clicked.connect(self.fit_width)
        f.printButton.clicked.connect(self.print_document)
        f.saveButton.clicked.connect(self.save_as)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                           (QKeySequence.StandardKey.Print, self.print_document),
                           (QKeySequence.StandardKey.Save, self.save_as)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        f.pageSpin.setMaximum(self.page_count())
        f.pageLabel.setText(f"页 / 共 {self.page_count()} 页")
        # Scrolling moves the current page; the spin box follows and jumps on Enter.
        view.pageNavigator().currentPageChanged.connect(
            lambda page: f.pageSpin.setValue(page + 1))
        f.pageSpin.valueChanged.connect(self.go_to_page)
        from govcredit_desktop.reports.fonts import register_fonts

        # Which faces stood in for missing 公文 fonts, under the pages (cached: the report
        # registered them already).
        note = register_fonts().substitution_note()
        if note and self.layout() is not None:
            from PySide6.QtWidgets import QLabel

            self.font_note = QLabel(note, self)
            self.font_note.setWordWrap(True)
            self.font_note.setObjectName("fontNote")
            self.layout().addWidget(self.font_note)
        view.setFocus()

    @classmethod
    def ask(cls, pdf_path: str | Path, title: str = "报表预览",
            suggested_name: str | None = None, parent: QWidget | None = None) -> int:
        dialog = cls(pdf_path, title, suggested_name, parent)
        dialog.resize(_preferred_size(parent))
        try:
            return dialog.exec()
        finally:
            dialog.document.close()
            dialog.deleteLater()

    # --- viewing ----------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def zoom_factor(self) -> float:
        return self.form.pdfView.zoomFactor()

    def current_page(self) -> int:
        """The page shown, counted from 1 as on paper."""
        return self.form.pdfView.pageNavigator().currentPage() + 1

    def go_to_page(self, page: int) -> None:
        view = self.form.pdfView
        if 1 <= page <= self.page_count() and page != self.current_page():
            view.pageNavigator().jump(page - 1, QPointF(), view.zoomFactor())

    def _restore_zoom(self) -> None:
        saved = QSettings().value(ZOOM_KEY, "fit")
        try:
            factor = float(saved)
        except (TypeError, ValueError):
            factor = None
        if factor:
            self._set_zoom(factor)
        else:
            self.form.pdfView.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _set_zoom(self, factor: float) -> None:
        view = self.form.pdfView
        view.setZoomMode(QPdfView.ZoomMode.Custom)
        factor = min(ZOOM_MAX, max(ZOOM_MIN, factor))
        view.setZoomFactor(factor)
        QSettings().setValue(ZOOM_KEY, factor)

    def _current_factor(self) -> float:
        view = self.form.pdfView
        if view.zoomMode() != QPdfView.ZoomMode.Custom:
            # Fit-to-width's factor is not reported; derive it from the first page's width.
            points = self.document.pagePointSize(0)
            px = points.width() * self.logicalDpiX() / 72
            return view.viewport().width() / px if px else 1.0
        return view.zoomFactor()

    def zoom_in(self) -> None:
        self._set_zoom(self._current_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._current_factor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.form.pdfView.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        QSettings().setValue(ZOOM_KEY, "fit")

    # --- printing and saving ----------------------------------------------------------
    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Ask for a printer and print every page; False when the user cancelled."""
        printer = printer if isinstance(printer, QPrinter) else QPrinter(
            QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            render_to_printer(self.document, printer)
        except UserError as exc:
            QMessageBox.warning(self, "打印", str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True

    def save_as(self) -> Path | None:
        path = file_dialogs.save_file(self, file_dialogs.EXPORT_PDF, "另存为",
                                      self.suggested_name, "PDF 文件 (*.pdf)")
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            with atomic_write(target) as fh, open(self.pdf_path, "rb") as source:
                shutil.copyfileobj(source, fh)
        except UserError as exc:
            QMessageBox.warning(self, "另存为", str(exc))
            return None
        file_dialogs.offer_open(self, "另存为", target)
        return target


def render_to_printer(document: QPdfDocument, printer: QPrinter) -> None:
    """Each page as an image at the printer's resolution, scaled to fit the paper."""
    dpi = min(printer.resolution(), PRINT_DPI_MAX)
    painter = QPainter()
    for i in range(document.pageCount()):
        points = document.pagePointSize(i)
        landscape = points.width() > points.height()
        orientation = (QPageLayout.Orientation.Landscape if landscape
                       else QPageLayout.Orientation.Portrait)
        if i == 0:
            printer.setPageOrientation(orientation)
            if not painter.begin(printer):
                raise UserError("无法开始打印，请检查打印机是否可用。")
        else:
            printer.setPageOrientation(orientation)
            printer.newPage()
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        image = document.render(i, size)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        area.moveTo(0, 0)
        scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, scaled.width(), scaled.height())
        target.moveCenter(area.center())
        painter.drawImage(target, image)
    painter.end()


def _preferred_size(parent: QWidget | None) -> QSize:
    screen = (parent.screen() if parent else QApplication.primaryScreen())
    if screen is None:
        return QSize(900, 760)
    avail = screen.availableGeometry()
    return QSize(min(1000, int(avail.width() * 0.8)), int(avail.height() * 0.9))

