"""The welcome dialog for an empty database: set up the department and a
campaign, load the demo data, or skip."""

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.ui.campaign_dialog import CampaignDialog
from govcredit_desktop.ui.department_dialog import DepartmentDialog
from govcredit_desktop.ui.forms.ui_first_run import Ui_FirstRunDialog
from govcredit_desktop.ui.operations import Operations, run_operation

DEMO_PROBLEMS = 60
DEMO_KINDS = (RecordKind.DEPARTMENT, RecordKind.CAMPAIGN, RecordKind.PERSON, RecordKind.PROBLEM,
              RecordKind.MEASURE, RecordKind.PROGRESS)


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None, operations: Operations):
        super().__init__(parent)
        self.operations = operations
        self.db = operations.db
        # What the setup dialogs wrote; the demo load announces its own.
        self.changes = Changes.none()
        self.demo_job = None
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
        self.changes |= DepartmentDialog.ask(self, self.db)
        if self.db.settings.department() is None:
            return  # cancelled: stay here so another choice can be made
        self.changes |= CampaignDialog.ask(self, self.db)
        self.accept()

    def load_demo(self) -> None:
        """Write the demo data in the background; the dialog closes when it is in.

        A cancel or a refusal leaves the database empty (one transaction), and
        the dialog open for another choice."""
        if self.demo_job is not None and not self.demo_job.is_done():
            return

        def work(db, progress, cancelled) -> Changes:
            from govcredit_desktop import demo  # only needed here, keep start-up light

            demo.generate(db, DEMO_PROBLEMS, progress=progress, cancelled=cancelled)
            return Changes.some(*DEMO_KINDS)

        self.demo_job = run_operation(self, work, operations=self.operations,
                                      title="载入示例数据", label="正在载入示例数据……",
                                      on_success=lambda _changes: self.accept())

    @classmethod
    def ask(cls, parent: QWidget | None, operations: Operations) -> Changes:
        """What the department and campaign dialogs wrote (the demo load announces itself)."""
        dialog = cls(parent, operations)
        dialog.exec()
        return dialog.changes
