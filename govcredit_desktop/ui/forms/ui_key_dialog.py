# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'key_dialog.ui'
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
    QFormLayout, QGridLayout, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QVBoxLayout, QWidget)

class Ui_KeyDialog(object):
    def setupUi(self, KeyDialog):
        if not KeyDialog.objectName():
            KeyDialog.setObjectName(u"KeyDialog")
        KeyDialog.resize(620, 440)
        self.mainLayout = QVBoxLayout(KeyDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mismatchLabel = QLabel(KeyDialog)
        self.mismatchLabel.setObjectName(u"mismatchLabel")
        self.mismatchLabel.setWordWrap(True)
        self.mismatchLabel.setStyleSheet(u"color: #b71c1c; background: #ffebee; border: 1px solid #e57373; padding: 6px;")

        self.mainLayout.addWidget(self.mismatchLabel)

        self.stack = QStackedWidget(KeyDialog)
        self.stack.setObjectName(u"stack")
        self.noKeyPage = QWidget()
        self.noKeyPage.setObjectName(u"noKeyPage")
        self.noKeyLayout = QVBoxLayout(self.noKeyPage)
        self.noKeyLayout.setObjectName(u"noKeyLayout")
        self.noKeyText = QLabel(self.noKeyPage)
        self.noKeyText.setObjectName(u"noKeyText")
        self.noKeyText.setWordWrap(True)

        self.noKeyLayout.addWidget(self.noKeyText)

        self.profileProblemLabel = QLabel(self.noKeyPage)
        self.profileProblemLabel.setObjectName(u"profileProblemLabel")
        self.profileProblemLabel.setWordWrap(True)
        self.profileProblemLabel.setStyleSheet(u"color: #c62828;")

        self.noKeyLayout.addWidget(self.profileProblemLabel)

        self.noKeyButtons = QHBoxLayout()
        self.noKeyButtons.setObjectName(u"noKeyButtons")
        self.createButton = QPushButton(self.noKeyPage)
        self.createButton.setObjectName(u"createButton")

        self.noKeyButtons.addWidget(self.createButton)

        self.departmentButton = QPushButton(self.noKeyPage)
        self.departmentButton.setObjectName(u"departmentButton")

        self.noKeyButtons.addWidget(self.departmentButton)

        self.noKeyButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.noKeyButtons.addItem(self.noKeyButtonsSpacer)


        self.noKeyLayout.addLayout(self.noKeyButtons)

        self.noKeySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.noKeyLayout.addItem(self.noKeySpacer)

        self.stack.addWidget(self.noKeyPage)
        self.keyPage = QWidget()
        self.keyPage.setObjectName(u"keyPage")
        self.keyLayout = QVBoxLayout(self.keyPage)
        self.keyLayout.setObjectName(u"keyLayout")
        self.keyLayout.setContentsMargins(0, -1, 0, -1)
        self.introLabel = QLabel(self.keyPage)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.keyLayout.addWidget(self.introLabel)

        self.detailsLayout = QFormLayout()
        self.detailsLayout.setObjectName(u"detailsLayout")
        self.detailsLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.departmentLabel = QLabel(self.keyPage)
        self.departmentLabel.setObjectName(u"departmentLabel")

        self.detailsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.departmentLabel)

        self.departmentValue = QLabel(self.keyPage)
        self.departmentValue.setObjectName(u"departmentValue")
        self.departmentValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detailsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.departmentValue)

        self.usccLabel = QLabel(self.keyPage)
        self.usccLabel.setObjectName(u"usccLabel")

        self.detailsLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.usccLabel)

        self.usccValue = QLabel(self.keyPage)
        self.usccValue.setObjectName(u"usccValue")
        self.usccValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detailsLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usccValue)

        self.createdLabel = QLabel(self.keyPage)
        self.createdLabel.setObjectName(u"createdLabel")

        self.detailsLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.createdLabel)

        self.createdValue = QLabel(self.keyPage)
        self.createdValue.setObjectName(u"createdValue")

        self.detailsLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.createdValue)


        self.keyLayout.addLayout(self.detailsLayout)

        self.fingerprintHeading = QLabel(self.keyPage)
        self.fingerprintHeading.setObjectName(u"fingerprintHeading")
        self.fingerprintHeading.setWordWrap(True)
        self.fingerprintHeading.setStyleSheet(u"font-weight: bold; margin-top: 6px;")

        self.keyLayout.addWidget(self.fingerprintHeading)

        self.fingerprintRow = QHBoxLayout()
        self.fingerprintRow.setObjectName(u"fingerprintRow")
        self.fingerprintLabel = QLabel(self.keyPage)
        self.fingerprintLabel.setObjectName(u"fingerprintLabel")
        self.fingerprintLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard|Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprintLabel.setStyleSheet(u"background: #f5f5f5; border: 1px solid #cccccc; padding: 8px 12px;")

        self.fingerprintRow.addWidget(self.fingerprintLabel)

        self.copyColumn = QVBoxLayout()
        self.copyColumn.setObjectName(u"copyColumn")
        self.copyButton = QPushButton(self.keyPage)
        self.copyButton.setObjectName(u"copyButton")

        self.copyColumn.addWidget(self.copyButton)

        self.copySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.copyColumn.addItem(self.copySpacer)


        self.fingerprintRow.addLayout(self.copyColumn)

        self.fingerprintSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.fingerprintRow.addItem(self.fingerprintSpacer)


        self.keyLayout.addLayout(self.fingerprintRow)

        self.replacedLabel = QLabel(self.keyPage)
        self.replacedLabel.setObjectName(u"replacedLabel")
        self.replacedLabel.setWordWrap(True)
        self.replacedLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.keyLayout.addWidget(self.replacedLabel)

        self.actionsLayout = QGridLayout()
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.exportButton = QPushButton(self.keyPage)
        self.exportButton.setObjectName(u"exportButton")

        self.actionsLayout.addWidget(self.exportButton, 0, 0, 1, 1)

        self.printButton = QPushButton(self.keyPage)
        self.printButton.setObjectName(u"printButton")

        self.actionsLayout.addWidget(self.printButton, 0, 1, 1, 1)

        self.passwordButton = QPushButton(self.keyPage)
        self.passwordButton.setObjectName(u"passwordButton")

        self.actionsLayout.addWidget(self.passwordButton, 1, 0, 1, 1)

        self.replaceButton = QPushButton(self.keyPage)
        self.replaceButton.setObjectName(u"replaceButton")

        self.actionsLayout.addWidget(self.replaceButton, 1, 1, 1, 1)


        self.keyLayout.addLayout(self.actionsLayout)

        self.keySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.keyLayout.addItem(self.keySpacer)

        self.stack.addWidget(self.keyPage)

        self.mainLayout.addWidget(self.stack)

        self.buttonBox = QDialogButtonBox(KeyDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)

        QWidget.setTabOrder(self.createButton, self.departmentButton)
        QWidget.setTabOrder(self.departmentButton, self.fingerprintLabel)
        QWidget.setTabOrder(self.fingerprintLabel, self.copyButton)
        QWidget.setTabOrder(self.copyButton, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.printButton)
        QWidget.setTabOrder(self.printButton, self.passwordButton)
        QWidget.setTabOrder(self.passwordButton, self.replaceButton)

        self.retranslateUi(KeyDialog)

        QMetaObject.connectSlotsByName(KeyDialog)
    # setupUi

    def retranslateUi(self, KeyDialog):
        KeyDialog.setWindowTitle(QCoreApplication.translate("KeyDialog", u"\u7b7e\u540d\u5bc6\u94a5", None))
        self.noKeyText.setText(QCoreApplication.translate("KeyDialog", u"\u672c\u5355\u4f4d\u8fd8\u6ca1\u6709\u7b7e\u540d\u5bc6\u94a5\u3002\n"
"\n"
"\u62a5\u9001\u5305\u8981\u7528\u672c\u5355\u4f4d\u7684\u7b7e\u540d\u5bc6\u94a5\u7b7e\u540d\uff0c\u53bf\u4fe1\u7528\u529e\u636e\u6b64\u786e\u8ba4\u62a5\u9001\u5305\u786e\u5b9e\u6765\u81ea\u672c\u5355\u4f4d\u3001\u9014\u4e2d\u6ca1\u6709\u88ab\u6539\u52a8\u3002\u521b\u5efa\u5bc6\u94a5\u65f6\u8981\u8bbe\u7f6e\u4e00\u4e2a\u5bc6\u7801\uff0c\u6bcf\u6b21\u62a5\u9001\u90fd\u8981\u8f93\u5165\u5b83\u3002\u7a0b\u5e8f\u4e0d\u4fdd\u5b58\u5bc6\u7801\uff0c\u9057\u5fd8\u540e\u65e0\u6cd5\u627e\u56de\uff0c\u53ea\u80fd\u66f4\u6362\u65b0\u5bc6\u94a5\u5e76\u91cd\u65b0\u767b\u8bb0\uff0c\u8bf7\u59a5\u5584\u8bb0\u4f4f\u3002\n"
"\n"
"\u521b\u5efa\u540e\u8bf7\u5bfc\u51fa\u201c\u767b\u8bb0\u6587\u4ef6\u201d\u5e76\u6253\u5370\u201c\u7b7e\u540d\u8bc1\u4e66\u767b\u8bb0\u8868\u201d\uff0c\u76d6\u7ae0\u540e\u4e00\u5e76\u9001\u4ea4\u53bf\u4fe1\u7528\u529e\u767b\u8bb0\u3002", None))
        self.createButton.setText(QCoreApplication.translate("KeyDialog", u"\u521b\u5efa\u7b7e\u540d\u5bc6\u94a5(&K)\u2026", None))
        self.departmentButton.setText(QCoreApplication.translate("KeyDialog", u"\u586b\u5199\u5355\u4f4d\u4fe1\u606f(&D)\u2026", None))
        self.introLabel.setText(QCoreApplication.translate("KeyDialog", u"\u62a5\u9001\u5305\u7528\u8fd9\u628a\u5bc6\u94a5\u7b7e\u540d\u3002\u53bf\u4fe1\u7528\u529e\u767b\u8bb0\u4e86\u5b83\u7684\u8bc1\u4e66\u6307\u7eb9\uff0c\u6536\u5230\u62a5\u9001\u5305\u65f6\u636e\u6b64\u786e\u8ba4\u5b83\u6765\u81ea\u672c\u5355\u4f4d\u3001\u6ca1\u6709\u88ab\u6539\u52a8\u3002", None))
        self.departmentLabel.setText(QCoreApplication.translate("KeyDialog", u"\u8bc1\u4e66\u4e0a\u7684\u5355\u4f4d\uff1a", None))
        self.usccLabel.setText(QCoreApplication.translate("KeyDialog", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801\uff1a", None))
        self.createdLabel.setText(QCoreApplication.translate("KeyDialog", u"\u521b\u5efa\u65e5\u671f\uff1a", None))
        self.fingerprintHeading.setText(QCoreApplication.translate("KeyDialog", u"\u8bc1\u4e66\u6307\u7eb9\uff08SHA-256\uff0c\u517116\u7ec4\uff09\uff1a\u53bf\u4fe1\u7528\u529e\u6765\u7535\u6838\u5bf9\u65f6\uff0c\u8bf7\u9010\u7ec4\u5ff5\u51fa", None))
        self.copyButton.setText(QCoreApplication.translate("KeyDialog", u"\u590d\u5236\u6307\u7eb9(&C)", None))
        self.exportButton.setText(QCoreApplication.translate("KeyDialog", u"\u5bfc\u51fa\u767b\u8bb0\u6587\u4ef6(&E)\u2026", None))
#if QT_CONFIG(tooltip)
        self.exportButton.setToolTip(QCoreApplication.translate("KeyDialog", u"\u4fdd\u5b58\u767b\u8bb0\u6587\u4ef6\uff08.gcreg.json\uff09\uff0c\u9001\u4ea4\u53bf\u4fe1\u7528\u529e\u767b\u8bb0\u672c\u5355\u4f4d\u7684\u8bc1\u4e66", None))
#endif // QT_CONFIG(tooltip)
        self.printButton.setText(QCoreApplication.translate("KeyDialog", u"\u6253\u5370\u767b\u8bb0\u8868(&P)\u2026", None))
#if QT_CONFIG(tooltip)
        self.printButton.setToolTip(QCoreApplication.translate("KeyDialog", u"\u9884\u89c8\u5e76\u6253\u5370\u7b7e\u540d\u8bc1\u4e66\u767b\u8bb0\u8868\uff0c\u76d6\u7ae0\u540e\u968f\u767b\u8bb0\u6587\u4ef6\u9001\u4ea4\u53bf\u4fe1\u7528\u529e", None))
#endif // QT_CONFIG(tooltip)
        self.passwordButton.setText(QCoreApplication.translate("KeyDialog", u"\u4fee\u6539\u5bc6\u7801(&W)\u2026", None))
#if QT_CONFIG(tooltip)
        self.passwordButton.setToolTip(QCoreApplication.translate("KeyDialog", u"\u66f4\u6539\u7b7e\u540d\u5bc6\u94a5\u7684\u5bc6\u7801\uff1b\u8bc1\u4e66\u4e0d\u53d8\uff0c\u65e0\u9700\u91cd\u65b0\u767b\u8bb0", None))
#endif // QT_CONFIG(tooltip)
        self.replaceButton.setText(QCoreApplication.translate("KeyDialog", u"\u66f4\u6362\u5bc6\u94a5(&R)\u2026", None))
#if QT_CONFIG(tooltip)
        self.replaceButton.setToolTip(QCoreApplication.translate("KeyDialog", u"\u5bc6\u7801\u9057\u5fd8\u6216\u5bc6\u94a5\u53ef\u80fd\u6cc4\u9732\u65f6\u6362\u4e00\u628a\u65b0\u5bc6\u94a5\uff1b\u9700\u8981\u91cd\u65b0\u5411\u53bf\u4fe1\u7528\u529e\u767b\u8bb0", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

