# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'problem_editor.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QComboBox, QDialog, QDialogButtonBox, QFrame,
    QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTabWidget, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

from govcredit_desktop.ui.widgets import (DateEdit, MoneyEdit)

class Ui_ProblemEditor(object):
    def setupUi(self, ProblemEditor):
        if not ProblemEditor.objectName():
            ProblemEditor.setObjectName(u"ProblemEditor")
        ProblemEditor.resize(920, 680)
        self.mainLayout = QVBoxLayout(ProblemEditor)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.numberLabel = QLabel(ProblemEditor)
        self.numberLabel.setObjectName(u"numberLabel")

        self.headerLayout.addWidget(self.numberLabel)

        self.lightLabel = QLabel(ProblemEditor)
        self.lightLabel.setObjectName(u"lightLabel")

        self.headerLayout.addWidget(self.lightLabel)

        self.headerSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.saveStateLabel = QLabel(ProblemEditor)
        self.saveStateLabel.setObjectName(u"saveStateLabel")

        self.headerLayout.addWidget(self.saveStateLabel)


        self.mainLayout.addLayout(self.headerLayout)

        self.closedBanner = QFrame(ProblemEditor)
        self.closedBanner.setObjectName(u"closedBanner")
        self.closedBanner.setFrameShape(QFrame.Shape.StyledPanel)
        self.closedBannerLayout = QHBoxLayout(self.closedBanner)
        self.closedBannerLayout.setObjectName(u"closedBannerLayout")
        self.closedBannerLabel = QLabel(self.closedBanner)
        self.closedBannerLabel.setObjectName(u"closedBannerLabel")
        self.closedBannerLabel.setWordWrap(True)

        self.closedBannerLayout.addWidget(self.closedBannerLabel)


        self.mainLayout.addWidget(self.closedBanner)

        self.generalError = QLabel(ProblemEditor)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.generalError.sizePolicy().hasHeightForWidth())
        self.generalError.setSizePolicy(sizePolicy)

        self.mainLayout.addWidget(self.generalError)

        self.tabs = QTabWidget(ProblemEditor)
        self.tabs.setObjectName(u"tabs")
        self.basicTab = QWidget()
        self.basicTab.setObjectName(u"basicTab")
        self.basicGrid = QGridLayout(self.basicTab)
        self.basicGrid.setObjectName(u"basicGrid")
        self.basicGrid.setHorizontalSpacing(12)
        self.basicGrid.setVerticalSpacing(4)
        self.campaignLabel = QLabel(self.basicTab)
        self.campaignLabel.setObjectName(u"campaignLabel")

        self.basicGrid.addWidget(self.campaignLabel, 0, 0, 1, 1)

        self.campaignCombo = QComboBox(self.basicTab)
        self.campaignCombo.setObjectName(u"campaignCombo")

        self.basicGrid.addWidget(self.campaignCombo, 0, 1, 1, 1)

        self.statusLabel = QLabel(self.basicTab)
        self.statusLabel.setObjectName(u"statusLabel")

        self.basicGrid.addWidget(self.statusLabel, 0, 2, 1, 1)

        self.statusCombo = QComboBox(self.basicTab)
        self.statusCombo.setObjectName(u"statusCombo")

        self.basicGrid.addWidget(self.statusCombo, 0, 3, 1, 1)

        self.statusError = QLabel(self.basicTab)
        self.statusError.setObjectName(u"statusError")
        self.statusError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.statusError.sizePolicy().hasHeightForWidth())
        self.statusError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.statusError, 1, 3, 1, 1)

        self.titleLabel = QLabel(self.basicTab)
        self.titleLabel.setObjectName(u"titleLabel")

        self.basicGrid.addWidget(self.titleLabel, 2, 0, 1, 1)

        self.titleEdit = QLineEdit(self.basicTab)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(200)

        self.basicGrid.addWidget(self.titleEdit, 2, 1, 1, 3)

        self.titleError = QLabel(self.basicTab)
        self.titleError.setObjectName(u"titleError")
        self.titleError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.titleError.sizePolicy().hasHeightForWidth())
        self.titleError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.titleError, 3, 1, 1, 3)

        self.areaLabel = QLabel(self.basicTab)
        self.areaLabel.setObjectName(u"areaLabel")

        self.basicGrid.addWidget(self.areaLabel, 4, 0, 1, 1)

        self.areaCombo = QComboBox(self.basicTab)
        self.areaCombo.setObjectName(u"areaCombo")

        self.basicGrid.addWidget(self.areaCombo, 4, 1, 1, 1)

        self.areaError = QLabel(self.basicTab)
        self.areaError.setObjectName(u"areaError")
        self.areaError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.areaError.sizePolicy().hasHeightForWidth())
        self.areaError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.areaError, 5, 1, 1, 1)

        self.categoryLabel = QLabel(self.basicTab)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.basicGrid.addWidget(self.categoryLabel, 4, 2, 1, 1)

        self.categoryCombo = QComboBox(self.basicTab)
        self.categoryCombo.setObjectName(u"categoryCombo")

        self.basicGrid.addWidget(self.categoryCombo, 4, 3, 1, 1)

        self.categoryError = QLabel(self.basicTab)
        self.categoryError.setObjectName(u"categoryError")
        self.categoryError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.categoryError.sizePolicy().hasHeightForWidth())
        self.categoryError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.categoryError, 5, 3, 1, 1)

        self.sourceLabel = QLabel(self.basicTab)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.basicGrid.addWidget(self.sourceLabel, 6, 0, 1, 1)

        self.sourceCombo = QComboBox(self.basicTab)
        self.sourceCombo.setObjectName(u"sourceCombo")

        self.basicGrid.addWidget(self.sourceCombo, 6, 1, 1, 1)

        self.sourceError = QLabel(self.basicTab)
        self.sourceError.setObjectName(u"sourceError")
        self.sourceError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.sourceError.sizePolicy().hasHeightForWidth())
        self.sourceError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.sourceError, 7, 1, 1, 1)

        self.dishonestyRecordCheck = QCheckBox(self.basicTab)
        self.dishonestyRecordCheck.setObjectName(u"dishonestyRecordCheck")

        self.basicGrid.addWidget(self.dishonestyRecordCheck, 6, 3, 1, 1)

        self.dishonestyRecordError = QLabel(self.basicTab)
        self.dishonestyRecordError.setObjectName(u"dishonestyRecordError")
        self.dishonestyRecordError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.dishonestyRecordError.sizePolicy().hasHeightForWidth())
        self.dishonestyRecordError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.dishonestyRecordError, 7, 3, 1, 1)

        self.counterpartyLabel = QLabel(self.basicTab)
        self.counterpartyLabel.setObjectName(u"counterpartyLabel")

        self.basicGrid.addWidget(self.counterpartyLabel, 8, 0, 1, 1)

        self.counterpartyEdit = QLineEdit(self.basicTab)
        self.counterpartyEdit.setObjectName(u"counterpartyEdit")

        self.basicGrid.addWidget(self.counterpartyEdit, 8, 1, 1, 1)

        self.counterpartyError = QLabel(self.basicTab)
        self.counterpartyError.setObjectName(u"counterpartyError")
        self.counterpartyError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.counterpartyError.sizePolicy().hasHeightForWidth())
        self.counterpartyError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.counterpartyError, 9, 1, 1, 1)

        self.counterpartyUsccLabel = QLabel(self.basicTab)
        self.counterpartyUsccLabel.setObjectName(u"counterpartyUsccLabel")

        self.basicGrid.addWidget(self.counterpartyUsccLabel, 8, 2, 1, 1)

        self.counterpartyUsccEdit = QLineEdit(self.basicTab)
        self.counterpartyUsccEdit.setObjectName(u"counterpartyUsccEdit")
        self.counterpartyUsccEdit.setMaxLength(18)

        self.basicGrid.addWidget(self.counterpartyUsccEdit, 8, 3, 1, 1)

        self.counterpartyUsccError = QLabel(self.basicTab)
        self.counterpartyUsccError.setObjectName(u"counterpartyUsccError")
        self.counterpartyUsccError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.counterpartyUsccError.sizePolicy().hasHeightForWidth())
        self.counterpartyUsccError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.counterpartyUsccError, 9, 3, 1, 1)

        self.amountInvolvedLabel = QLabel(self.basicTab)
        self.amountInvolvedLabel.setObjectName(u"amountInvolvedLabel")

        self.basicGrid.addWidget(self.amountInvolvedLabel, 10, 0, 1, 1)

        self.amountInvolvedEdit = MoneyEdit(self.basicTab)
        self.amountInvolvedEdit.setObjectName(u"amountInvolvedEdit")

        self.basicGrid.addWidget(self.amountInvolvedEdit, 10, 1, 1, 1)

        self.amountInvolvedError = QLabel(self.basicTab)
        self.amountInvolvedError.setObjectName(u"amountInvolvedError")
        self.amountInvolvedError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.amountInvolvedError.sizePolicy().hasHeightForWidth())
        self.amountInvolvedError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.amountInvolvedError, 11, 1, 1, 1)

        self.amountRepaidLabel = QLabel(self.basicTab)
        self.amountRepaidLabel.setObjectName(u"amountRepaidLabel")

        self.basicGrid.addWidget(self.amountRepaidLabel, 10, 2, 1, 1)

        self.amountRepaidEdit = MoneyEdit(self.basicTab)
        self.amountRepaidEdit.setObjectName(u"amountRepaidEdit")

        self.basicGrid.addWidget(self.amountRepaidEdit, 10, 3, 1, 1)

        self.amountRepaidError = QLabel(self.basicTab)
        self.amountRepaidError.setObjectName(u"amountRepaidError")
        self.amountRepaidError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.amountRepaidError.sizePolicy().hasHeightForWidth())
        self.amountRepaidError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.amountRepaidError, 11, 3, 1, 1)

        self.discoveredDateLabel = QLabel(self.basicTab)
        self.discoveredDateLabel.setObjectName(u"discoveredDateLabel")

        self.basicGrid.addWidget(self.discoveredDateLabel, 12, 0, 1, 1)

        self.discoveredDateEdit = DateEdit(self.basicTab)
        self.discoveredDateEdit.setObjectName(u"discoveredDateEdit")

        self.basicGrid.addWidget(self.discoveredDateEdit, 12, 1, 1, 1)

        self.discoveredDateError = QLabel(self.basicTab)
        self.discoveredDateError.setObjectName(u"discoveredDateError")
        self.discoveredDateError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.discoveredDateError.sizePolicy().hasHeightForWidth())
        self.discoveredDateError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.discoveredDateError, 13, 1, 1, 1)

        self.deadlineLabel = QLabel(self.basicTab)
        self.deadlineLabel.setObjectName(u"deadlineLabel")

        self.basicGrid.addWidget(self.deadlineLabel, 12, 2, 1, 1)

        self.deadlineEdit = DateEdit(self.basicTab)
        self.deadlineEdit.setObjectName(u"deadlineEdit")

        self.basicGrid.addWidget(self.deadlineEdit, 12, 3, 1, 1)

        self.deadlineError = QLabel(self.basicTab)
        self.deadlineError.setObjectName(u"deadlineError")
        self.deadlineError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.deadlineError.sizePolicy().hasHeightForWidth())
        self.deadlineError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.deadlineError, 13, 3, 1, 1)

        self.leadUnitLabel = QLabel(self.basicTab)
        self.leadUnitLabel.setObjectName(u"leadUnitLabel")

        self.basicGrid.addWidget(self.leadUnitLabel, 14, 0, 1, 1)

        self.leadUnitEdit = QLineEdit(self.basicTab)
        self.leadUnitEdit.setObjectName(u"leadUnitEdit")

        self.basicGrid.addWidget(self.leadUnitEdit, 14, 1, 1, 1)

        self.leadUnitError = QLabel(self.basicTab)
        self.leadUnitError.setObjectName(u"leadUnitError")
        self.leadUnitError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.leadUnitError.sizePolicy().hasHeightForWidth())
        self.leadUnitError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.leadUnitError, 15, 1, 1, 1)

        self.responsibleUnitLabel = QLabel(self.basicTab)
        self.responsibleUnitLabel.setObjectName(u"responsibleUnitLabel")

        self.basicGrid.addWidget(self.responsibleUnitLabel, 14, 2, 1, 1)

        self.responsibleUnitEdit = QLineEdit(self.basicTab)
        self.responsibleUnitEdit.setObjectName(u"responsibleUnitEdit")

        self.basicGrid.addWidget(self.responsibleUnitEdit, 14, 3, 1, 1)

        self.responsibleUnitError = QLabel(self.basicTab)
        self.responsibleUnitError.setObjectName(u"responsibleUnitError")
        self.responsibleUnitError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.responsibleUnitError.sizePolicy().hasHeightForWidth())
        self.responsibleUnitError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.responsibleUnitError, 15, 3, 1, 1)

        self.responsibleLeaderLabel = QLabel(self.basicTab)
        self.responsibleLeaderLabel.setObjectName(u"responsibleLeaderLabel")

        self.basicGrid.addWidget(self.responsibleLeaderLabel, 16, 0, 1, 1)

        self.responsibleLeaderCombo = QComboBox(self.basicTab)
        self.responsibleLeaderCombo.setObjectName(u"responsibleLeaderCombo")

        self.basicGrid.addWidget(self.responsibleLeaderCombo, 16, 1, 1, 1)

        self.responsibleLeaderError = QLabel(self.basicTab)
        self.responsibleLeaderError.setObjectName(u"responsibleLeaderError")
        self.responsibleLeaderError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.responsibleLeaderError.sizePolicy().hasHeightForWidth())
        self.responsibleLeaderError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.responsibleLeaderError, 17, 1, 1, 1)

        self.responsiblePersonLabel = QLabel(self.basicTab)
        self.responsiblePersonLabel.setObjectName(u"responsiblePersonLabel")

        self.basicGrid.addWidget(self.responsiblePersonLabel, 16, 2, 1, 1)

        self.responsiblePersonCombo = QComboBox(self.basicTab)
        self.responsiblePersonCombo.setObjectName(u"responsiblePersonCombo")

        self.basicGrid.addWidget(self.responsiblePersonCombo, 16, 3, 1, 1)

        self.responsiblePersonError = QLabel(self.basicTab)
        self.responsiblePersonError.setObjectName(u"responsiblePersonError")
        self.responsiblePersonError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.responsiblePersonError.sizePolicy().hasHeightForWidth())
        self.responsiblePersonError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.responsiblePersonError, 17, 3, 1, 1)

        self.descriptionLabel = QLabel(self.basicTab)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.basicGrid.addWidget(self.descriptionLabel, 18, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.descriptionEdit = QPlainTextEdit(self.basicTab)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)
        self.descriptionEdit.setMinimumSize(QSize(0, 60))

        self.basicGrid.addWidget(self.descriptionEdit, 18, 1, 1, 3)

        self.descriptionError = QLabel(self.basicTab)
        self.descriptionError.setObjectName(u"descriptionError")
        self.descriptionError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.descriptionError.sizePolicy().hasHeightForWidth())
        self.descriptionError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.descriptionError, 19, 1, 1, 3)

        self.targetLabel = QLabel(self.basicTab)
        self.targetLabel.setObjectName(u"targetLabel")

        self.basicGrid.addWidget(self.targetLabel, 20, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.targetEdit = QPlainTextEdit(self.basicTab)
        self.targetEdit.setObjectName(u"targetEdit")
        self.targetEdit.setTabChangesFocus(True)
        self.targetEdit.setMinimumSize(QSize(0, 60))

        self.basicGrid.addWidget(self.targetEdit, 20, 1, 1, 3)

        self.targetError = QLabel(self.basicTab)
        self.targetError.setObjectName(u"targetError")
        self.targetError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.targetError.sizePolicy().hasHeightForWidth())
        self.targetError.setSizePolicy(sizePolicy)

        self.basicGrid.addWidget(self.targetError, 21, 1, 1, 3)

        self.basicGrid.setRowStretch(18, 1)
        self.basicGrid.setRowStretch(20, 1)
        self.tabs.addTab(self.basicTab, "")
        self.measuresTab = QWidget()
        self.measuresTab.setObjectName(u"measuresTab")
        self.measuresTabLayout = QVBoxLayout(self.measuresTab)
        self.measuresTabLayout.setObjectName(u"measuresTabLayout")
        self.measuresTable = QTableWidget(self.measuresTab)
        self.measuresTable.setObjectName(u"measuresTable")
        self.measuresTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measuresTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.measuresTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.measuresTable.setAlternatingRowColors(True)
        self.measuresTable.setWordWrap(True)
        self.measuresTable.setTabKeyNavigation(False)

        self.measuresTabLayout.addWidget(self.measuresTable)

        self.measuresTabButtons = QHBoxLayout()
        self.measuresTabButtons.setObjectName(u"measuresTabButtons")
        self.addMeasureButton = QPushButton(self.measuresTab)
        self.addMeasureButton.setObjectName(u"addMeasureButton")
        self.addMeasureButton.setAutoDefault(False)

        self.measuresTabButtons.addWidget(self.addMeasureButton)

        self.editMeasureButton = QPushButton(self.measuresTab)
        self.editMeasureButton.setObjectName(u"editMeasureButton")
        self.editMeasureButton.setAutoDefault(False)

        self.measuresTabButtons.addWidget(self.editMeasureButton)

        self.deleteMeasureButton = QPushButton(self.measuresTab)
        self.deleteMeasureButton.setObjectName(u"deleteMeasureButton")
        self.deleteMeasureButton.setAutoDefault(False)

        self.measuresTabButtons.addWidget(self.deleteMeasureButton)

        self.measuresTabSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.measuresTabButtons.addItem(self.measuresTabSpacer)


        self.measuresTabLayout.addLayout(self.measuresTabButtons)

        self.tabs.addTab(self.measuresTab, "")
        self.progressTab = QWidget()
        self.progressTab.setObjectName(u"progressTab")
        self.progressTabLayout = QVBoxLayout(self.progressTab)
        self.progressTabLayout.setObjectName(u"progressTabLayout")
        self.progressTable = QTableWidget(self.progressTab)
        self.progressTable.setObjectName(u"progressTable")
        self.progressTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.progressTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.progressTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.progressTable.setAlternatingRowColors(True)
        self.progressTable.setWordWrap(True)
        self.progressTable.setTabKeyNavigation(False)

        self.progressTabLayout.addWidget(self.progressTable)

        self.progressTabButtons = QHBoxLayout()
        self.progressTabButtons.setObjectName(u"progressTabButtons")
        self.addProgressButton = QPushButton(self.progressTab)
        self.addProgressButton.setObjectName(u"addProgressButton")
        self.addProgressButton.setAutoDefault(False)

        self.progressTabButtons.addWidget(self.addProgressButton)

        self.deleteProgressButton = QPushButton(self.progressTab)
        self.deleteProgressButton.setObjectName(u"deleteProgressButton")
        self.deleteProgressButton.setAutoDefault(False)

        self.progressTabButtons.addWidget(self.deleteProgressButton)

        self.progressTabSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.progressTabButtons.addItem(self.progressTabSpacer)


        self.progressTabLayout.addLayout(self.progressTabButtons)

        self.tabs.addTab(self.progressTab, "")
        self.evidenceTab = QWidget()
        self.evidenceTab.setObjectName(u"evidenceTab")
        self.evidenceTabLayout = QVBoxLayout(self.evidenceTab)
        self.evidenceTabLayout.setObjectName(u"evidenceTabLayout")
        self.evidenceTable = QTableWidget(self.evidenceTab)
        self.evidenceTable.setObjectName(u"evidenceTable")
        self.evidenceTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.evidenceTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.evidenceTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.evidenceTable.setAlternatingRowColors(True)
        self.evidenceTable.setWordWrap(True)
        self.evidenceTable.setTabKeyNavigation(False)

        self.evidenceTabLayout.addWidget(self.evidenceTable)

        self.evidenceTabButtons = QHBoxLayout()
        self.evidenceTabButtons.setObjectName(u"evidenceTabButtons")
        self.addEvidenceButton = QPushButton(self.evidenceTab)
        self.addEvidenceButton.setObjectName(u"addEvidenceButton")
        self.addEvidenceButton.setAutoDefault(False)

        self.evidenceTabButtons.addWidget(self.addEvidenceButton)

        self.openEvidenceButton = QPushButton(self.evidenceTab)
        self.openEvidenceButton.setObjectName(u"openEvidenceButton")
        self.openEvidenceButton.setAutoDefault(False)

        self.evidenceTabButtons.addWidget(self.openEvidenceButton)

        self.saveEvidenceButton = QPushButton(self.evidenceTab)
        self.saveEvidenceButton.setObjectName(u"saveEvidenceButton")
        self.saveEvidenceButton.setAutoDefault(False)

        self.evidenceTabButtons.addWidget(self.saveEvidenceButton)

        self.deleteEvidenceButton = QPushButton(self.evidenceTab)
        self.deleteEvidenceButton.setObjectName(u"deleteEvidenceButton")
        self.deleteEvidenceButton.setAutoDefault(False)

        self.evidenceTabButtons.addWidget(self.deleteEvidenceButton)

        self.evidenceTabSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.evidenceTabButtons.addItem(self.evidenceTabSpacer)


        self.evidenceTabLayout.addLayout(self.evidenceTabButtons)

        self.tabs.addTab(self.evidenceTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.undoButton = QPushButton(ProblemEditor)
        self.undoButton.setObjectName(u"undoButton")
        self.undoButton.setAutoDefault(False)

        self.bottomLayout.addWidget(self.undoButton)

        self.closeProblemButton = QPushButton(ProblemEditor)
        self.closeProblemButton.setObjectName(u"closeProblemButton")
        self.closeProblemButton.setAutoDefault(False)

        self.bottomLayout.addWidget(self.closeProblemButton)

        self.reopenProblemButton = QPushButton(ProblemEditor)
        self.reopenProblemButton.setObjectName(u"reopenProblemButton")
        self.reopenProblemButton.setAutoDefault(False)

        self.bottomLayout.addWidget(self.reopenProblemButton)

        self.bottomSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottomLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(ProblemEditor)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.bottomLayout.addWidget(self.buttonBox)


        self.mainLayout.addLayout(self.bottomLayout)

        self.mainLayout.setStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.campaignLabel.setBuddy(self.campaignCombo)
        self.statusLabel.setBuddy(self.statusCombo)
        self.titleLabel.setBuddy(self.titleEdit)
        self.areaLabel.setBuddy(self.areaCombo)
        self.categoryLabel.setBuddy(self.categoryCombo)
        self.sourceLabel.setBuddy(self.sourceCombo)
        self.counterpartyLabel.setBuddy(self.counterpartyEdit)
        self.counterpartyUsccLabel.setBuddy(self.counterpartyUsccEdit)
        self.amountInvolvedLabel.setBuddy(self.amountInvolvedEdit)
        self.amountRepaidLabel.setBuddy(self.amountRepaidEdit)
        self.discoveredDateLabel.setBuddy(self.discoveredDateEdit)
        self.deadlineLabel.setBuddy(self.deadlineEdit)
        self.leadUnitLabel.setBuddy(self.leadUnitEdit)
        self.responsibleUnitLabel.setBuddy(self.responsibleUnitEdit)
        self.responsibleLeaderLabel.setBuddy(self.responsibleLeaderCombo)
        self.responsiblePersonLabel.setBuddy(self.responsiblePersonCombo)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
        self.targetLabel.setBuddy(self.targetEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.campaignCombo)
        QWidget.setTabOrder(self.campaignCombo, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.titleEdit)
        QWidget.setTabOrder(self.titleEdit, self.areaCombo)
        QWidget.setTabOrder(self.areaCombo, self.categoryCombo)
        QWidget.setTabOrder(self.categoryCombo, self.sourceCombo)
        QWidget.setTabOrder(self.sourceCombo, self.dishonestyRecordCheck)
        QWidget.setTabOrder(self.dishonestyRecordCheck, self.counterpartyEdit)
        QWidget.setTabOrder(self.counterpartyEdit, self.counterpartyUsccEdit)
        QWidget.setTabOrder(self.counterpartyUsccEdit, self.amountInvolvedEdit)
        QWidget.setTabOrder(self.amountInvolvedEdit, self.amountRepaidEdit)
        QWidget.setTabOrder(self.amountRepaidEdit, self.discoveredDateEdit)
        QWidget.setTabOrder(self.discoveredDateEdit, self.deadlineEdit)
        QWidget.setTabOrder(self.deadlineEdit, self.leadUnitEdit)
        QWidget.setTabOrder(self.leadUnitEdit, self.responsibleUnitEdit)
        QWidget.setTabOrder(self.responsibleUnitEdit, self.responsibleLeaderCombo)
        QWidget.setTabOrder(self.responsibleLeaderCombo, self.responsiblePersonCombo)
        QWidget.setTabOrder(self.responsiblePersonCombo, self.descriptionEdit)
        QWidget.setTabOrder(self.descriptionEdit, self.targetEdit)
        QWidget.setTabOrder(self.targetEdit, self.measuresTable)
        QWidget.setTabOrder(self.measuresTable, self.addMeasureButton)
        QWidget.setTabOrder(self.addMeasureButton, self.editMeasureButton)
        QWidget.setTabOrder(self.editMeasureButton, self.deleteMeasureButton)
        QWidget.setTabOrder(self.deleteMeasureButton, self.progressTable)
        QWidget.setTabOrder(self.progressTable, self.addProgressButton)
        QWidget.setTabOrder(self.addProgressButton, self.deleteProgressButton)
        QWidget.setTabOrder(self.deleteProgressButton, self.evidenceTable)
        QWidget.setTabOrder(self.evidenceTable, self.addEvidenceButton)
        QWidget.setTabOrder(self.addEvidenceButton, self.openEvidenceButton)
        QWidget.setTabOrder(self.openEvidenceButton, self.saveEvidenceButton)
        QWidget.setTabOrder(self.saveEvidenceButton, self.deleteEvidenceButton)
        QWidget.setTabOrder(self.deleteEvidenceButton, self.undoButton)
        QWidget.setTabOrder(self.undoButton, self.closeProblemButton)
        QWidget.setTabOrder(self.closeProblemButton, self.reopenProblemButton)
        QWidget.setTabOrder(self.reopenProblemButton, self.buttonBox)

        self.retranslateUi(ProblemEditor)
        self.buttonBox.rejected.connect(ProblemEditor.reject)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(ProblemEditor)
    # setupUi

    def retranslateUi(self, ProblemEditor):
        ProblemEditor.setWindowTitle(QCoreApplication.translate("ProblemEditor", u"\u95ee\u9898\u7f16\u8f91", None))
        self.numberLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u65b0\u95ee\u9898", None))
        self.lightLabel.setText("")
        self.saveStateLabel.setText("")
        self.closedBannerLabel.setText("")
        self.generalError.setText("")
        self.campaignLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u4e13\u9879\u6cbb\u7406(&J)", None))
        self.statusLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u72b6\u6001(&Z)", None))
        self.statusError.setText("")
        self.titleLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u95ee\u9898\u6807\u9898(&T)", None))
        self.titleEdit.setPlaceholderText(QCoreApplication.translate("ProblemEditor", u"\u5fc5\u586b\uff0c200\u5b57\u4ee5\u5185", None))
        self.titleError.setText("")
        self.areaLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u91cd\u70b9\u9886\u57df(&L)", None))
        self.areaError.setText("")
        self.categoryLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u95ee\u9898\u7c7b\u578b(&K)", None))
        self.categoryError.setText("")
        self.sourceLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u95ee\u9898\u6765\u6e90(&Y)", None))
        self.sourceError.setText("")
        self.dishonestyRecordCheck.setText(QCoreApplication.translate("ProblemEditor", u"\u7eb3\u5165\u653f\u52a1\u5931\u4fe1\u8bb0\u5f55(&X)", None))
        self.dishonestyRecordError.setText("")
        self.counterpartyLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u6d89\u53ca\u4f01\u4e1a/\u5bf9\u8c61(&Q)", None))
        self.counterpartyError.setText("")
        self.counterpartyUsccLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801(&U)", None))
        self.counterpartyUsccEdit.setPlaceholderText(QCoreApplication.translate("ProblemEditor", u"18\u4f4d\uff0c\u53ef\u4e0d\u586b", None))
        self.counterpartyUsccError.setText("")
        self.amountInvolvedLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u6d89\u53ca\u91d1\u989d(\u5143)(&M)", None))
        self.amountInvolvedError.setText("")
        self.amountRepaidLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u5df2\u6e05\u507f\u91d1\u989d(\u5143)(&P)", None))
        self.amountRepaidError.setText("")
        self.discoveredDateLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u53d1\u73b0\u65e5\u671f(&F)", None))
        self.discoveredDateError.setText("")
        self.deadlineLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u6574\u6539\u65f6\u9650(&D)", None))
        self.deadlineError.setText("")
        self.leadUnitLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u7275\u5934\u5355\u4f4d(&N)", None))
        self.leadUnitError.setText("")
        self.responsibleUnitLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u8d23\u4efb\u5355\u4f4d(&R)", None))
        self.responsibleUnitError.setText("")
        self.responsibleLeaderLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u8d23\u4efb\u9886\u5bfc(&G)", None))
        self.responsibleLeaderError.setText("")
        self.responsiblePersonLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u8d23\u4efb\u4eba(&B)", None))
        self.responsiblePersonError.setText("")
        self.descriptionLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u95ee\u9898\u63cf\u8ff0(&S)", None))
        self.descriptionError.setText("")
        self.targetLabel.setText(QCoreApplication.translate("ProblemEditor", u"\u6574\u6539\u76ee\u6807(&A)", None))
        self.targetError.setText("")
        self.tabs.setTabText(self.tabs.indexOf(self.basicTab), QCoreApplication.translate("ProblemEditor", u"\u57fa\u672c\u4fe1\u606f(&1)", None))
        self.addMeasureButton.setText(QCoreApplication.translate("ProblemEditor", u"\u65b0\u589e\u63aa\u65bd(&I)\u2026", None))
#if QT_CONFIG(tooltip)
        self.addMeasureButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u65b0\u589e\u4e00\u6761\u6574\u6539\u63aa\u65bd\uff08Insert\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.editMeasureButton.setText(QCoreApplication.translate("ProblemEditor", u"\u7f16\u8f91(&E)\u2026", None))
#if QT_CONFIG(tooltip)
        self.editMeasureButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u7f16\u8f91\u9009\u4e2d\u7684\u63aa\u65bd\uff08F2 \u6216\u56de\u8f66\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.deleteMeasureButton.setText(QCoreApplication.translate("ProblemEditor", u"\u5220\u9664\u63aa\u65bd", None))
#if QT_CONFIG(tooltip)
        self.deleteMeasureButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u5220\u9664\u9009\u4e2d\u7684\u63aa\u65bd\uff08Delete\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.measuresTab), QCoreApplication.translate("ProblemEditor", u"\u6574\u6539\u63aa\u65bd(&2)", None))
        self.addProgressButton.setText(QCoreApplication.translate("ProblemEditor", u"\u65b0\u589e\u8fdb\u5c55(&I)\u2026", None))
#if QT_CONFIG(tooltip)
        self.addProgressButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u767b\u8bb0\u4e00\u6761\u6574\u6539\u8fdb\u5c55\uff08Insert\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.deleteProgressButton.setText(QCoreApplication.translate("ProblemEditor", u"\u5220\u9664\u8fdb\u5c55", None))
#if QT_CONFIG(tooltip)
        self.deleteProgressButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u5220\u9664\u9009\u4e2d\u7684\u8fdb\u5c55\uff08Delete\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.progressTab), QCoreApplication.translate("ProblemEditor", u"\u6574\u6539\u8fdb\u5c55(&3)", None))
        self.addEvidenceButton.setText(QCoreApplication.translate("ProblemEditor", u"\u6dfb\u52a0\u6587\u4ef6(&I)\u2026", None))
#if QT_CONFIG(tooltip)
        self.addEvidenceButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u4ece\u7535\u8111\u4e2d\u9009\u62e9\u4e00\u4e2a\u6216\u591a\u4e2a\u6587\u4ef6\uff08Insert\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.openEvidenceButton.setText(QCoreApplication.translate("ProblemEditor", u"\u6253\u5f00(&O)", None))
#if QT_CONFIG(tooltip)
        self.openEvidenceButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u7528\u7cfb\u7edf\u9ed8\u8ba4\u7a0b\u5e8f\u6253\u5f00\uff08\u56de\u8f66\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.saveEvidenceButton.setText(QCoreApplication.translate("ProblemEditor", u"\u53e6\u5b58\u4e3a(&V)\u2026", None))
#if QT_CONFIG(tooltip)
        self.saveEvidenceButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u628a\u6587\u4ef6\u4fdd\u5b58\u5230\u5176\u4ed6\u4f4d\u7f6e", None))
#endif // QT_CONFIG(tooltip)
        self.deleteEvidenceButton.setText(QCoreApplication.translate("ProblemEditor", u"\u5220\u9664\u6587\u4ef6", None))
#if QT_CONFIG(tooltip)
        self.deleteEvidenceButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u5220\u9664\u9009\u4e2d\u7684\u6587\u4ef6\uff08Delete\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.evidenceTab), QCoreApplication.translate("ProblemEditor", u"\u4f50\u8bc1\u6750\u6599(&4)", None))
        self.undoButton.setText(QCoreApplication.translate("ProblemEditor", u"\u64a4\u9500\u4e0a\u4e00\u6b65\u4fee\u6539", None))
#if QT_CONFIG(tooltip)
        self.undoButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u64a4\u9500\u6700\u8fd1\u4e00\u6b21\u5b57\u6bb5\u4fee\u6539\uff08Ctrl+Z\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.closeProblemButton.setText(QCoreApplication.translate("ProblemEditor", u"\u9500\u53f7(&H)\u2026", None))
#if QT_CONFIG(tooltip)
        self.closeProblemButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u6240\u6709\u6574\u6539\u63aa\u65bd\u5b8c\u6210\u540e\u529e\u7406\u9500\u53f7", None))
#endif // QT_CONFIG(tooltip)
        self.reopenProblemButton.setText(QCoreApplication.translate("ProblemEditor", u"\u6062\u590d\u672a\u9500\u53f7(&C)\u2026", None))
#if QT_CONFIG(tooltip)
        self.reopenProblemButton.setToolTip(QCoreApplication.translate("ProblemEditor", u"\u628a\u5df2\u9500\u53f7\u7684\u95ee\u9898\u6062\u590d\u4e3a\u672a\u9500\u53f7\uff0c\u4ee5\u4fbf\u7ee7\u7eed\u6574\u6539\uff08\u9700\u586b\u5199\u539f\u56e0\uff09", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

