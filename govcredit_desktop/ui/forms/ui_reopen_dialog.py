# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reopen_dialog.ui'
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

class Ui_ReopenDialog(object):
    def setupUi(self, ReopenDialog):
        if not ReopenDialog.objectName():
            ReopenDialog.setObjectName(u"ReopenDialog")
        ReopenDialog.resize(480, 260)
        self.mainLayout = QVBoxLayout(ReopenDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.problemLabel = QLabel(ReopenDialog)
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
        self.reasonLabel = QLabel(ReopenDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.formGrid.addWidget(self.reasonLabel, 0, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.reasonEdit = QPlainTextEdit(ReopenDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setTabChangesFocus(True)
        self.reasonEdit.setMinimumSize(QSize(0, 80))

        self.formGrid.addWidget(self.reasonEdit, 0, 1, 1, 1)

        self.reasonError = QLabel(ReopenDialog)
        self.reasonError.setObjectName(u"reasonError")
        self.reasonError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.reasonError.sizePolicy().hasHeightForWidth())
        self.reasonError.setSizePolicy(sizePolicy)

        self.formGrid.addWidget(self.reasonError, 1, 1, 1, 1)

        self.formGrid.setRowStretch(0, 1)

        self.mainLayout.addLayout(self.formGrid)

        self.generalError = QLabel(ReopenDialog)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.generalError.sizePolicy().hasHeightForWidth())
        self.generalError.setSizePolicy(sizePolicy)

        self.mainLayout.addWidget(self.generalError)

        self.buttonBox = QDialogButtonBox(ReopenDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.reasonEdit, self.buttonBox)

        self.retranslateUi(ReopenDialog)
        self.buttonBox.accepted.connect(ReopenDialog.accept)
        self.buttonBox.rejected.connect(ReopenDialog.reject)

        QMetaObject.connectSlotsByName(ReopenDialog)
    # setupUi

    def retranslateUi(self, ReopenDialog):
        ReopenDialog.setWindowTitle(QCoreApplication.translate("ReopenDialog", u"\u6062\u590d\u672a\u9500\u53f7", None))
        self.problemLabel.setText("")
        self.reasonLabel.setText(QCoreApplication.translate("ReopenDialog", u"\u64a4\u9500\u539f\u56e0(&R)", None))
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("ReopenDialog", u"\u5fc5\u586b\uff0c\u4f8b\u5982\uff1a\u590d\u6838\u53d1\u73b0\u6b3e\u9879\u672a\u5b9e\u9645\u5230\u8d26", None))
        self.reasonError.setText("")
        self.generalError.setText("")
    # retranslateUi

