# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'measure_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QLabel, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

from govcredit_desktop.ui.widgets import DateEdit

class Ui_MeasureDialog(object):
    def setupUi(self, MeasureDialog):
        if not MeasureDialog.objectName():
            MeasureDialog.setObjectName(u"MeasureDialog")
        MeasureDialog.resize(520, 360)
        self.mainLayout = QVBoxLayout(MeasureDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.problemLabel = QLabel(MeasureDialog)
        self.problemLabel.setObjectName(u"problemLabel")
        self.problemLabel.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.problemLabel.sizePolicy().hasHeightForWidth())
        self.problemLabel.setSizePolicy(sizePolicy)

        self.mainLayout.addWidget(self.problemLabel)

        self.formGrid = QGridLayout()
        self.formGrid.setObjectName(u"formGrid")
        self.formGrid.setVerticalSpacing(4)
        self.contentLabel = QLabel(MeasureDialog)
        self.contentLabel.setObjectName(u"contentLabel")

        self.formGrid.addWidget(self.contentLabel, 0, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.contentEdit = QPlainTextEdit(MeasureDialog)
        self.contentEdit.setObjectName(u"contentEdit")
        self.contentEdit.setTabChangesFocus(True)
        self.contentEdit.setMinimumSize(QSize(0, 80))

        self.formGrid.addWidget(self.contentEdit, 0, 1, 1, 1)

        self.contentError = QLabel(MeasureDialog)
        self.contentError.setObjectName(u"contentError")
        self.contentError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.contentError.sizePolicy().hasHeightForWidth())
        self.contentError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.contentError, 1, 1, 1, 1)

        self.ownerLabel = QLabel(MeasureDialog)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.formGrid.addWidget(self.ownerLabel, 2, 0, 1, 1)

        self.ownerCombo = QComboBox(MeasureDialog)
        self.ownerCombo.setObjectName(u"ownerCombo")

        self.formGrid.addWidget(self.ownerCombo, 2, 1, 1, 1)

        self.ownerError = QLabel(MeasureDialog)
        self.ownerError.setObjectName(u"ownerError")
        self.ownerError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.ownerError.sizePolicy().hasHeightForWidth())
        self.ownerError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.ownerError, 3, 1, 1, 1)

        self.deadlineLabel = QLabel(MeasureDialog)
        self.deadlineLabel.setObjectName(u"deadlineLabel")

        self.formGrid.addWidget(self.deadlineLabel, 4, 0, 1, 1)

        self.deadlineEdit = DateEdit(MeasureDialog)
        self.deadlineEdit.setObjectName(u"deadlineEdit")

        self.formGrid.addWidget(self.deadlineEdit, 4, 1, 1, 1)

        self.deadlineError = QLabel(MeasureDialog)
        self.deadlineError.setObjectName(u"deadlineError")
        self.deadlineError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.deadlineError.sizePolicy().hasHeightForWidth())
        self.deadlineError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.deadlineError, 5, 1, 1, 1)

        self.statusLabel = QLabel(MeasureDialog)
        self.statusLabel.setObjectName(u"statusLabel")

        self.formGrid.addWidget(self.statusLabel, 6, 0, 1, 1)

        self.statusCombo = QComboBox(MeasureDialog)
        self.statusCombo.setObjectName(u"statusCombo")

        self.formGrid.addWidget(self.statusCombo, 6, 1, 1, 1)

        self.statusError = QLabel(MeasureDialog)
        self.statusError.setObjectName(u"statusError")
        self.statusError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.statusError.sizePolicy().hasHeightForWidth())
        self.statusError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.statusError, 7, 1, 1, 1)

        self.completedLabel = QLabel(MeasureDialog)
        self.completedLabel.setObjectName(u"completedLabel")

        self.formGrid.addWidget(self.completedLabel, 8, 0, 1, 1)

        self.completedDateEdit = DateEdit(MeasureDialog)
        self.completedDateEdit.setObjectName(u"completedDateEdit")

        self.formGrid.addWidget(self.completedDateEdit, 8, 1, 1, 1)

        self.completedDateError = QLabel(MeasureDialog)
        self.completedDateError.setObjectName(u"completedDateError")
        self.completedDateError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.completedDateError.sizePolicy().hasHeightForWidth())
        self.completedDateError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.completedDateError, 9, 1, 1, 1)

        self.formGrid.setRowStretch(0, 1)

        self.mainLayout.addLayout(self.formGrid)

        self.generalError = QLabel(MeasureDialog)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.generalError.sizePolicy().hasHeightForWidth())
        self.generalError.setSizePolicy(sizePolicy)

        self.mainLayout.addWidget(self.generalError)

        self.buttonBox = QDialogButtonBox(MeasureDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.contentLabel.setBuddy(self.contentEdit)
        self.ownerLabel.setBuddy(self.ownerCombo)
        self.deadlineLabel.setBuddy(self.deadlineEdit)
        self.statusLabel.setBuddy(self.statusCombo)
        self.completedLabel.setBuddy(self.completedDateEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.contentEdit, self.ownerCombo)
        QWidget.setTabOrder(self.ownerCombo, self.deadlineEdit)
        QWidget.setTabOrder(self.deadlineEdit, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.completedDateEdit)
        QWidget.setTabOrder(self.completedDateEdit, self.buttonBox)

        self.retranslateUi(MeasureDialog)
        self.buttonBox.accepted.connect(MeasureDialog.accept)
        self.buttonBox.rejected.connect(MeasureDialog.reject)

        QMetaObject.connectSlotsByName(MeasureDialog)
    # setupUi

    def retranslateUi(self, MeasureDialog):
        MeasureDialog.setWindowTitle(QCoreApplication.translate("MeasureDialog", u"\u6574\u6539\u63aa\u65bd", None))
        self.problemLabel.setText("")
        self.contentLabel.setText(QCoreApplication.translate("MeasureDialog", u"\u63aa\u65bd\u5185\u5bb9(&N)", None))
        self.contentEdit.setPlaceholderText(QCoreApplication.translate("MeasureDialog", u"\u5fc5\u586b", None))
        self.contentError.setText("")
        self.ownerLabel.setText(QCoreApplication.translate("MeasureDialog", u"\u8d23\u4efb\u4eba(&O)", None))
        self.ownerError.setText("")
        self.deadlineLabel.setText(QCoreApplication.translate("MeasureDialog", u"\u5b8c\u6210\u65f6\u9650(&D)", None))
        self.deadlineError.setText("")
        self.statusLabel.setText(QCoreApplication.translate("MeasureDialog", u"\u72b6\u6001(&S)", None))
        self.statusError.setText("")
        self.completedLabel.setText(QCoreApplication.translate("MeasureDialog", u"\u5b8c\u6210\u65e5\u671f(&W)", None))
        self.completedDateError.setText("")
        self.generalError.setText("")
    # retranslateUi

