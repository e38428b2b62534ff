# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'progress_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QGridLayout, QLabel, QPlainTextEdit, QSizePolicy,
    QVBoxLayout, QWidget)

from govcredit_desktop.ui.widgets import (DateEdit, MoneyEdit)

class Ui_ProgressDialog(object):
    def setupUi(self, ProgressDialog):
        if not ProgressDialog.objectName():
            ProgressDialog.setObjectName(u"ProgressDialog")
        ProgressDialog.resize(520, 320)
        self.mainLayout = QVBoxLayout(ProgressDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.problemLabel = QLabel(ProgressDialog)
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
        self.entryDateLabel = QLabel(ProgressDialog)
        self.entryDateLabel.setObjectName(u"entryDateLabel")

        self.formGrid.addWidget(self.entryDateLabel, 0, 0, 1, 1)

        self.entryDateEdit = DateEdit(ProgressDialog)
        self.entryDateEdit.setObjectName(u"entryDateEdit")

        self.formGrid.addWidget(self.entryDateEdit, 0, 1, 1, 1)

        self.entryDateError = QLabel(ProgressDialog)
        self.entryDateError.setObjectName(u"entryDateError")
        self.entryDateError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.entryDateError.sizePolicy().hasHeightForWidth())
        self.entryDateError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.entryDateError, 1, 1, 1, 1)

        self.noteLabel = QLabel(ProgressDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.formGrid.addWidget(self.noteLabel, 2, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.noteEdit = QPlainTextEdit(ProgressDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setMinimumSize(QSize(0, 80))

        self.formGrid.addWidget(self.noteEdit, 2, 1, 1, 1)

        self.noteError = QLabel(ProgressDialog)
        self.noteError.setObjectName(u"noteError")
        self.noteError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.noteError.sizePolicy().hasHeightForWidth())
        self.noteError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.noteError, 3, 1, 1, 1)

        self.amountLabel = QLabel(ProgressDialog)
        self.amountLabel.setObjectName(u"amountLabel")

        self.formGrid.addWidget(self.amountLabel, 4, 0, 1, 1)

        self.amountEdit = MoneyEdit(ProgressDialog)
        self.amountEdit.setObjectName(u"amountEdit")

        self.formGrid.addWidget(self.amountEdit, 4, 1, 1, 1)

        self.amountRepaidError = QLabel(ProgressDialog)
        self.amountRepaidError.setObjectName(u"amountRepaidError")
        self.amountRepaidError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.amountRepaidError.sizePolicy().hasHeightForWidth())
        self.amountRepaidError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.amountRepaidError, 5, 1, 1, 1)

        self.formGrid.setRowStretch(2, 1)

        self.mainLayout.addLayout(self.formGrid)

        self.generalError = QLabel(ProgressDialog)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.generalError.sizePolicy().hasHeightForWidth())
        self.generalError.setSizePolicy(sizePolicy)

        self.mainLayout.addWidget(self.generalError)

        self.buttonBox = QDialogButtonBox(ProgressDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.entryDateLabel.setBuddy(self.entryDateEdit)
        self.noteLabel.setBuddy(self.noteEdit)
        self.amountLabel.setBuddy(self.amountEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.entryDateEdit, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.amountEdit)
        QWidget.setTabOrder(self.amountEdit, self.buttonBox)

        self.retranslateUi(ProgressDialog)
        self.buttonBox.accepted.connect(ProgressDialog.accept)
        self.buttonBox.rejected.connect(ProgressDialog.reject)

        QMetaObject.connectSlotsByName(ProgressDialog)
    # setupUi

    def retranslateUi(self, ProgressDialog):
        ProgressDialog.setWindowTitle(QCoreApplication.translate("ProgressDialog", u"\u6574\u6539\u8fdb\u5c55", None))
        self.problemLabel.setText("")
        self.entryDateLabel.setText(QCoreApplication.translate("ProgressDialog", u"\u65e5\u671f(&D)", None))
        self.entryDateError.setText("")
        self.noteLabel.setText(QCoreApplication.translate("ProgressDialog", u"\u8fdb\u5c55\u60c5\u51b5(&N)", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("ProgressDialog", u"\u5fc5\u586b\uff0c\u4f8b\u5982\uff1a\u5df2\u4e0e\u4f01\u4e1a\u7b7e\u8ba2\u8fd8\u6b3e\u534f\u8bae", None))
        self.noteError.setText("")
        self.amountLabel.setText(QCoreApplication.translate("ProgressDialog", u"\u672c\u6b21\u6e05\u507f\u91d1\u989d(\u5143)(&M)", None))
        self.amountRepaidError.setText("")
        self.generalError.setText("")
    # retranslateUi

