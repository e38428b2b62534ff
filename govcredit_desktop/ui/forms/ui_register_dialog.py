# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'register_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_RegisterDialog(object):
    def setupUi(self, RegisterDialog):
        if not RegisterDialog.objectName():
            RegisterDialog.setObjectName(u"RegisterDialog")
        RegisterDialog.resize(640, 520)
        self.mainLayout = QVBoxLayout(RegisterDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(RegisterDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.fileRow = QHBoxLayout()
        self.fileRow.setObjectName(u"fileRow")
        self.fileLabel = QLabel(RegisterDialog)
        self.fileLabel.setObjectName(u"fileLabel")

        self.fileRow.addWidget(self.fileLabel)

        self.fileEdit = QLineEdit(RegisterDialog)
        self.fileEdit.setObjectName(u"fileEdit")
        self.fileEdit.setReadOnly(True)

        self.fileRow.addWidget(self.fileEdit)

        self.chooseButton = QPushButton(RegisterDialog)
        self.chooseButton.setObjectName(u"chooseButton")

        self.fileRow.addWidget(self.chooseButton)


        self.mainLayout.addLayout(self.fileRow)

        self.detailsBox = QGroupBox(RegisterDialog)
        self.detailsBox.setObjectName(u"detailsBox")
        self.detailsLayout = QFormLayout(self.detailsBox)
        self.detailsLayout.setObjectName(u"detailsLayout")
        self.departmentCaption = QLabel(self.detailsBox)
        self.departmentCaption.setObjectName(u"departmentCaption")

        self.detailsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.departmentCaption)

        self.departmentValue = QLabel(self.detailsBox)
        self.departmentValue.setObjectName(u"departmentValue")
        self.departmentValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detailsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.departmentValue)

        self.usccCaption = QLabel(self.detailsBox)
        self.usccCaption.setObjectName(u"usccCaption")

        self.detailsLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.usccCaption)

        self.usccValue = QLabel(self.detailsBox)
        self.usccValue.setObjectName(u"usccValue")
        self.usccValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detailsLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usccValue)

        self.fingerprintCaption = QLabel(self.detailsBox)
        self.fingerprintCaption.setObjectName(u"fingerprintCaption")
        self.fingerprintCaption.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.detailsLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.fingerprintCaption)

        self.fingerprintValue = QLabel(self.detailsBox)
        self.fingerprintValue.setObjectName(u"fingerprintValue")
        self.fingerprintValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detailsLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.fingerprintValue)


        self.mainLayout.addWidget(self.detailsBox)

        self.phoneCheck = QCheckBox(RegisterDialog)
        self.phoneCheck.setObjectName(u"phoneCheck")

        self.mainLayout.addWidget(self.phoneCheck)

        self.outcomeLabel = QLabel(RegisterDialog)
        self.outcomeLabel.setObjectName(u"outcomeLabel")
        self.outcomeLabel.setWordWrap(True)
        self.outcomeLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.outcomeLabel)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.registerButton = QPushButton(RegisterDialog)
        self.registerButton.setObjectName(u"registerButton")

        self.buttonRow.addWidget(self.registerButton)

        self.closeButton = QPushButton(RegisterDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonRow.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.fileLabel.setBuddy(self.fileEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.chooseButton, self.phoneCheck)
        QWidget.setTabOrder(self.phoneCheck, self.registerButton)
        QWidget.setTabOrder(self.registerButton, self.closeButton)
        QWidget.setTabOrder(self.closeButton, self.fileEdit)

        self.retranslateUi(RegisterDialog)

        self.registerButton.setDefault(True)


        QMetaObject.connectSlotsByName(RegisterDialog)
    # setupUi

    def retranslateUi(self, RegisterDialog):
        RegisterDialog.setWindowTitle(QCoreApplication.translate("RegisterDialog", u"\u767b\u8bb0\u62a5\u9001\u5355\u4f4d", None))
        self.introLabel.setText(QCoreApplication.translate("RegisterDialog", u"\u9009\u62e9\u62a5\u9001\u5355\u4f4d\u9001\u6765\u7684\u767b\u8bb0\u6587\u4ef6\uff08.gcreg.json\uff09\u3002\u767b\u8bb0\u524d\u8bf7\u6253\u7535\u8bdd\u7ed9\u8be5\u5355\u4f4d\uff0c\u8bf7\u5bf9\u65b9\u5ff5\u51fa\u5176\u201c\u7b7e\u540d\u5bc6\u94a5\u201d\u4e2d\u663e\u793a\u7684\u8bc1\u4e66\u6307\u7eb9\uff0c\u4e0e\u4e0b\u9762\u7684\u6307\u7eb9\u9010\u7ec4\u6838\u5bf9\uff1a\u53ea\u6709\u6307\u7eb9\u4e00\u81f4\uff0c\u624d\u80fd\u786e\u8ba4\u767b\u8bb0\u6587\u4ef6\u786e\u5b9e\u6765\u81ea\u8be5\u5355\u4f4d\u3002", None))
        self.fileLabel.setText(QCoreApplication.translate("RegisterDialog", u"\u767b\u8bb0\u6587\u4ef6(&F)\uff1a", None))
        self.fileEdit.setPlaceholderText(QCoreApplication.translate("RegisterDialog", u"\u5c1a\u672a\u9009\u62e9\u767b\u8bb0\u6587\u4ef6", None))
        self.chooseButton.setText(QCoreApplication.translate("RegisterDialog", u"\u9009\u62e9\u767b\u8bb0\u6587\u4ef6(&O)\u2026", None))
        self.detailsBox.setTitle(QCoreApplication.translate("RegisterDialog", u"\u767b\u8bb0\u6587\u4ef6\u4e2d\u7684\u5355\u4f4d", None))
        self.departmentCaption.setText(QCoreApplication.translate("RegisterDialog", u"\u5355\u4f4d\u540d\u79f0\uff1a", None))
        self.usccCaption.setText(QCoreApplication.translate("RegisterDialog", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801\uff1a", None))
        self.fingerprintCaption.setText(QCoreApplication.translate("RegisterDialog", u"\u8bc1\u4e66\u6307\u7eb9\uff1a", None))
#if QT_CONFIG(accessibility)
        self.fingerprintValue.setAccessibleName(QCoreApplication.translate("RegisterDialog", u"\u8bc1\u4e66\u6307\u7eb9", None))
#endif // QT_CONFIG(accessibility)
        self.phoneCheck.setText(QCoreApplication.translate("RegisterDialog", u"\u6211\u5df2\u6253\u7535\u8bdd\u4e0e\u8be5\u5355\u4f4d\u9010\u7ec4\u6838\u5bf9\uff0c\u8bc1\u4e66\u6307\u7eb9\u4e00\u81f4(&P)", None))
        self.registerButton.setText(QCoreApplication.translate("RegisterDialog", u"\u767b\u8bb0(&R)", None))
        self.closeButton.setText(QCoreApplication.translate("RegisterDialog", u"\u5173\u95ed", None))
    # retranslateUi

