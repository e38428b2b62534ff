"""The welcome dialog for a database without a campaign: set up the department and a
campaign, load the demo data, or skip.

It comes back at every start until a campaign exists: without one no problem can
be entered, and a clerk who closed the campaign dialog once must not be left with
an empty window (issue 14, item 8). Once the department is filled in, it only
asks for the campaign (and the demo data, which needs an empty database, is gone)."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
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
        # Chosen 县信用办: the county database made (or found) for the window to open.
        self.county_path: Path | None = None
        self.form = Ui_FirstRunDialog()
        self.form.setupUi(self)
        f = self.form
        title_font = QFont(f.titleLabel.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        f.titleLabel.setFont(title_font)
        f.setupButton.clicked.connect(self.set_up)
        f.demoButton.clicked.connect(self.load_demo)
        f.countyButton.clicked.connect(self.choose_county)
        f.laterButton.clicked.connect(self.reject)
        if self.db.settings.department() is not None:
            f.titleLabel.setText("还差一步：新建专项治理")
            f.explainLabel.setText("单位信息已经填写，但还没有专项治理。问题登记在专项治理之下，"
                                   "请先新建一项专项治理（名称、文号和三个报送时限），"
                                   "之后就可以登记问题。")
            f.setupButton.setText("新建专项治理(&S)")
            f.setupButton.setDescription("登记专项治理的名称、文号、编号前缀和报送时限。")
            f.demoButton.hide()  # demo data goes only into an empty database
            f.countyButton.hide()  # a department's profile: this is a department's file
        f.setupButton.setFocus()

    def set_up(self) -> None:
        if self.db.settings.department() is None:
            self.changes |= DepartmentDialog.ask(self, self.db)
            if self.db.settings.department() is None:
                return  # cancelled: stay here so another choice can be made
        self.changes |= CampaignDialog.ask(self, self.db)
        # Closed without a campaign: the window says what is missing and offers it.
        self.accept()

    def choose_county(self) -> None:
        """The county office's own database, beside the department default: asked for
        its name and made, or the one made at an earlier first run."""
        from govcredit_desktop.ui.app import default_county_path
        from govcredit_desktop.ui.background import show_error
        from govcredit_desktop.ui.county_ui import ask_county_name, create_county_file

        path = default_county_path()
        if not path.exists():
            name = ask_county_name(self)
            if name is None:
                return  # stay here for another choice
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                create_county_file(path, name)
            except (UserError, OSError) as exc:
                show_error(self, "新建县信用办数据库", exc)
                return
        self.county_path = path
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
    def ask(cls, parent: QWidget | None, operations: Operations,
            on_county: Callable[[Path], None] | None = None) -> Changes:
        """What the department and campaign dialogs wrote (the demo load announces itself);
        ``on_county(path)`` once the dialog closed, when 县信用办 was chosen."""
        dialog = cls(parent, operations)
        dialog.exec()
        if dialog.county_path is not None and on_county is not None:
            on_county(dialog.county_path)
        return dialog.changes
