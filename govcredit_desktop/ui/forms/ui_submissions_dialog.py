# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'submissions_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_SubmissionsDialog(object):
    def setupUi(self, SubmissionsDialog):
        if not SubmissionsDialog.objectName():
            SubmissionsDialog.setObjectName(u"SubmissionsDialog")
        SubmissionsDialog.resize(960, 520)
        self.mainLayout = QVBoxLayout(SubmissionsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(SubmissionsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.table = QTableWidget(SubmissionsDialog)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)

        self.mainLayout.addWidget(self.table)

        self.emptyLabel = QLabel(SubmissionsDialog)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setStyleSheet(u"color: #666666; padding: 40px;")

        self.mainLayout.addWidget(self.emptyLabel)

        self.detailLabel = QLabel(SubmissionsDialog)
        self.detailLabel.setObjectName(u"detailLabel")
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.detailLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.copyButton = QPushButton(SubmissionsDialog)
        self.copyButton.setObjectName(u"copyButton")

        self.buttonRow.addWidget(self.copyButton)

        self.openFolderButton = QPushButton(SubmissionsDialog)
        self.openFolderButton.setObjectName(u"openFolderButton")

        self.buttonRow.addWidget(self.openFolderButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.buttonBox = QDialogButtonBox(SubmissionsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.buttonRow.addWidget(self.buttonBox)


        self.mainLayout.addLayout(self.buttonRow)

        QWidget.setTabOrder(self.table, self.copyButton)
        QWidget.setTabOrder(self.copyButton, self.openFolderButton)

        self.retranslateUi(SubmissionsDialog)

        QMetaObject.connectSlotsByName(SubmissionsDialog)
    # setupUi

    def retranslateUi(self, SubmissionsDialog):
        SubmissionsDialog.setWindowTitle(QCoreApplication.translate("SubmissionsDialog", u"\u62a5\u9001\u8bb0\u5f55", None))
        self.introLabel.setText(QCoreApplication.translate("SubmissionsDialog", u"\u672c\u5355\u4f4d\u751f\u6210\u7684\u6bcf\u4e00\u4e2a\u62a5\u9001\u5305\u90fd\u8bb0\u5728\u8fd9\u91cc\uff08\u6700\u65b0\u7684\u5728\u6700\u4e0a\u9762\uff09\u3002\u53bf\u4fe1\u7528\u529e\u5bf9\u8d26\u65f6\uff0c\u53ef\u6309 SHA-256 \u6838\u5bf9\u6536\u5230\u7684\u6587\u4ef6\u5c31\u662f\u8fd9\u91cc\u8bb0\u4e0b\u7684\u90a3\u4e00\u4e2a\u3002", None))
        self.emptyLabel.setText(QCoreApplication.translate("SubmissionsDialog", u"\u8fd8\u6ca1\u6709\u62a5\u9001\u8bb0\u5f55\u3002\u5728\u201c\u62a5\u9001 \u2192 \u751f\u6210\u62a5\u9001\u5305\u201d\u4e2d\u751f\u6210\u7684\u62a5\u9001\u5305\u4f1a\u8bb0\u5728\u8fd9\u91cc\u3002", None))
        self.copyButton.setText(QCoreApplication.translate("SubmissionsDialog", u"\u590d\u5236 SHA-256(&C)", None))
#if QT_CONFIG(tooltip)
        self.copyButton.setToolTip(QCoreApplication.translate("SubmissionsDialog", u"\u628a\u9009\u4e2d\u62a5\u9001\u5305\u7684\u5b8c\u6574 SHA-256 \u590d\u5236\u5230\u526a\u8d34\u677f", None))
#endif // QT_CONFIG(tooltip)
        self.openFolderButton.setText(QCoreApplication.translate("SubmissionsDialog", u"\u6253\u5f00\u6240\u5728\u6587\u4ef6\u5939(&O)", None))
    # retranslateUi

