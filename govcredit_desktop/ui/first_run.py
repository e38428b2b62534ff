"""The welcome dialog for an empty database: set up the department and a
campaign, load the demo data, or skip."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui.campaign_dialog import CampaignDialog
from govcredit_desktop.ui.department_dialog import DepartmentDialog
from govcredit_desktop.ui.forms.ui_first_run import Ui_FirstRunDialog

DEMO_PROBLEMS = 60


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None, db):
        super().__init__(parent)
        self.db = db
        self.changed = False
        self.form = Ui_FirstRunDialog()
        self.form.setupUi(self)
        f = self.form
        title_font = QFont(f.titleLabel.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        f.titleLabel.setFont(title_font)
        f.setupButton.clicked.connect(self.set_up)
        f.demoButton.clicked.connect(self.load_demo)
        f.laterButton.clicked.connect(self.reject)
        f.setupButton.setFocus()

    def set_up(self) -> None:
        self.changed |= DepartmentDialog.ask(self, self.db)
        if self.db.settings.department() is None:
            return  # cancelled: stay here so another choice can be made
        self.changed |= CampaignDialog.ask(self, self.db)
        self.accept()

    def load_demo(self) -> None:
        # 60 problems take well under a second, so no progress dialog is needed.
        from govcredit_desktop import demo  # only needed here, keep start-up light

        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            demo.generate(self.db, DEMO_PROBLEMS)
            refused = None
        except UserError as err:
            refused = str(err)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if refused:
            QMessageBox.warning(self, "不能载入示例数据", refused)
            return
        self.changed = True
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db) -> bool:
        """True when the department, a campaign or the demo data was written."""
        dialog = cls(parent, db)
        dialog.exec()
        return dialog.changed
