# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'closure_dialog.ui'
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
    QGridLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

from govcredit_desktop.ui.widgets import DateEdit

class Ui_CloseProblemDialog(object):
    def setupUi(self, CloseProblemDialog):
        if not CloseProblemDialog.objectName():
            CloseProblemDialog.setObjectName(u"CloseProblemDialog")
        CloseProblemDialog.resize(520, 320)
        self.mainLayout = QVBoxLayout(CloseProblemDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.problemLabel = QLabel(CloseProblemDialog)
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
        self.approverLabel = QLabel(CloseProblemDialog)
        self.approverLabel.setObjectName(u"approverLabel")

        self.formGrid.addWidget(self.approverLabel, 0, 0, 1, 1)

        self.approverEdit = QLineEdit(CloseProblemDialog)
        self.approverEdit.setObjectName(u"approverEdit")

        self.formGrid.addWidget(self.approverEdit, 0, 1, 1, 1)

        self.closedByError = QLabel(CloseProblemDialog)
        self.closedByError.setObjectName(u"closedByError")
        self.closedByError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.closedByError.sizePolicy().hasHeightForWidth())
        self.closedByError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.closedByError, 1, 1, 1, 1)

        self.dateLabel = QLabel(CloseProblemDialog)
        self.dateLabel.setObjectName(u"dateLabel")

        self.formGrid.addWidget(self.dateLabel, 2, 0, 1, 1)

        self.closedDateEdit = DateEdit(CloseProblemDialog)
        self.closedDateEdit.setObjectName(u"closedDateEdit")

        self.formGrid.addWidget(self.closedDateEdit, 2, 1, 1, 1)

        self.closedDateError = QLabel(CloseProblemDialog)
        self.closedDateError.setObjectName(u"closedDateError")
        self.closedDateError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.closedDateError.sizePolicy().hasHeightForWidth())
        self.closedDateError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.closedDateError, 3, 1, 1, 1)

        self.remarkLabel = QLabel(CloseProblemDialog)
        self.remarkLabel.setObjectName(u"remarkLabel")

        self.formGrid.addWidget(self.remarkLabel, 4, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.remarkEdit = QPlainTextEdit(CloseProblemDialog)
        self.remarkEdit.setObjectName(u"remarkEdit")
        self.remarkEdit.setTabChangesFocus(True)
        self.remarkEdit.setMinimumSize(QSize(0, 60))

        self.formGrid.addWidget(self.remarkEdit, 4, 1, 1, 1)

        self.remarkError = QLabel(CloseProblemDialog)
        self.remarkError.setObjectName(u"remarkError")
        self.remarkError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.remarkError.sizePolicy().hasHeightForWidth())
        self.remarkError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.remarkError, 5, 1, 1, 1)

        self.formGrid.setRowStretch(4, 1)

        self.mainLayout.addLayout(self.formGrid)

        self.generalError = QLabel(CloseProblemDialog)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.generalError.sizePolicy().hasHeightForWidth())
        self.generalError.setSizePolicy(sizePolicy)

        self.mainLayout.addWidget(self.generalError)

        self.buttonBox = QDialogButtonBox(CloseProblemDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.approverLabel.setBuddy(self.approverEdit)
        self.dateLabel.setBuddy(self.closedDateEdit)
        self.remarkLabel.setBuddy(self.remarkEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.approverEdit, self.closedDateEdit)
        QWidget.setTabOrder(self.closedDateEdit, self.remarkEdit)
        QWidget.setTabOrder(self.remarkEdit, self.buttonBox)

        self.retranslateUi(CloseProblemDialog)
        self.buttonBox.accepted.connect(CloseProblemDialog.accept)
        self.buttonBox.rejected.connect(CloseProblemDialog.reject)

        QMetaObject.connectSlotsByName(CloseProblemDialog)
    # setupUi

    def retranslateUi(self, CloseProblemDialog):
        CloseProblemDialog.setWindowTitle(QCoreApplication.translate("CloseProblemDialog", u"\u9500\u53f7", None))
        self.problemLabel.setText("")
        self.approverLabel.setText(QCoreApplication.translate("CloseProblemDialog", u"\u9500\u53f7\u5ba1\u6279\u4eba(&A)", None))
        self.closedByError.setText("")
        self.dateLabel.setText(QCoreApplication.translate("CloseProblemDialog", u"\u9500\u53f7\u65e5\u671f(&D)", None))
        self.closedDateError.setText("")
        self.remarkLabel.setText(QCoreApplication.translate("CloseProblemDialog", u"\u9500\u53f7\u5907\u6ce8(&R)", None))
        self.remarkEdit.setPlaceholderText(QCoreApplication.translate("CloseProblemDialog", u"\u53ef\u4e0d\u586b", None))
        self.remarkError.setText("")
        self.generalError.setText("")
    # retranslateUi

