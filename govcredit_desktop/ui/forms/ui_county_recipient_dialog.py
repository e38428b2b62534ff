# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'county_recipient_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_CountyRecipientDialog(object):
    def setupUi(self, CountyRecipientDialog):
        if not CountyRecipientDialog.objectName():
            CountyRecipientDialog.setObjectName(u"CountyRecipientDialog")
        CountyRecipientDialog.resize(620, 380)
        self.mainLayout = QVBoxLayout(CountyRecipientDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(CountyRecipientDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.savedBox = QGroupBox(CountyRecipientDialog)
        self.savedBox.setObjectName(u"savedBox")
        self.savedLayout = QFormLayout(self.savedBox)
        self.savedLayout.setObjectName(u"savedLayout")
        self.officeCaption = QLabel(self.savedBox)
        self.officeCaption.setObjectName(u"officeCaption")

        self.savedLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.officeCaption)

        self.officeValue = QLabel(self.savedBox)
        self.officeValue.setObjectName(u"officeValue")
        self.officeValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.savedLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.officeValue)

        self.recipientCaption = QLabel(self.savedBox)
        self.recipientCaption.setObjectName(u"recipientCaption")
        self.recipientCaption.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.savedLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.recipientCaption)

        self.recipientValue = QLabel(self.savedBox)
        self.recipientValue.setObjectName(u"recipientValue")
        self.recipientValue.setWordWrap(True)
        self.recipientValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.savedLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.recipientValue)

        self.importedCaption = QLabel(self.savedBox)
        self.importedCaption.setObjectName(u"importedCaption")

        self.savedLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.importedCaption)

        self.importedValue = QLabel(self.savedBox)
        self.importedValue.setObjectName(u"importedValue")

        self.savedLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.importedValue)


        self.mainLayout.addWidget(self.savedBox)

        self.reminderLabel = QLabel(CountyRecipientDialog)
        self.reminderLabel.setObjectName(u"reminderLabel")
        self.reminderLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.reminderLabel)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.importButton = QPushButton(CountyRecipientDialog)
        self.importButton.setObjectName(u"importButton")

        self.buttonRow.addWidget(self.importButton)

        self.removeButton = QPushButton(CountyRecipientDialog)
        self.removeButton.setObjectName(u"removeButton")

        self.buttonRow.addWidget(self.removeButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.closeButton = QPushButton(CountyRecipientDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonRow.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonRow)

        QWidget.setTabOrder(self.importButton, self.removeButton)
        QWidget.setTabOrder(self.removeButton, self.closeButton)

        self.retranslateUi(CountyRecipientDialog)

        QMetaObject.connectSlotsByName(CountyRecipientDialog)
    # setupUi

    def retranslateUi(self, CountyRecipientDialog):
        CountyRecipientDialog.setWindowTitle(QCoreApplication.translate("CountyRecipientDialog", u"\u53bf\u4fe1\u7528\u529e\u516c\u94a5", None))
        self.introLabel.setText(QCoreApplication.translate("CountyRecipientDialog", u"\u5bfc\u5165\u53bf\u4fe1\u7528\u529e\u53d1\u6765\u7684\u516c\u94a5\u6587\u4ef6\uff08.gckey.json\uff09\u540e\uff0c\u751f\u6210\u7684\u62a5\u9001\u5305\u5148\u7b7e\u540d\u3001\u518d\u52a0\u5bc6\u53d1\u7ed9\u8be5\u53bf\u4fe1\u7528\u529e\uff1aU \u76d8\u4e22\u5931\u65f6\uff0c\u522b\u4eba\u6253\u4e0d\u5f00\u5176\u4e2d\u7684\u6295\u8bc9\u4eba\u4fe1\u606f\u3001\u4f01\u4e1a\u6b20\u6b3e\u548c\u4f50\u8bc1\u6750\u6599\uff0c\u53ea\u6709\u53bf\u4fe1\u7528\u529e\u80fd\u6253\u5f00\u3002", None))
        self.savedBox.setTitle(QCoreApplication.translate("CountyRecipientDialog", u"\u5f53\u524d\u4f7f\u7528\u7684\u516c\u94a5", None))
        self.officeCaption.setText(QCoreApplication.translate("CountyRecipientDialog", u"\u53bf\u4fe1\u7528\u529e\uff1a", None))
        self.recipientCaption.setText(QCoreApplication.translate("CountyRecipientDialog", u"\u516c\u94a5\uff1a", None))
#if QT_CONFIG(accessibility)
        self.recipientValue.setAccessibleName(QCoreApplication.translate("CountyRecipientDialog", u"\u516c\u94a5", None))
#endif // QT_CONFIG(accessibility)
        self.importedCaption.setText(QCoreApplication.translate("CountyRecipientDialog", u"\u5bfc\u5165\u65f6\u95f4\uff1a", None))
        self.importButton.setText(QCoreApplication.translate("CountyRecipientDialog", u"\u5bfc\u5165\u516c\u94a5\u6587\u4ef6(&I)\u2026", None))
        self.removeButton.setText(QCoreApplication.translate("CountyRecipientDialog", u"\u5220\u9664\u516c\u94a5(&D)", None))
        self.closeButton.setText(QCoreApplication.translate("CountyRecipientDialog", u"\u5173\u95ed", None))
    # retranslateUi

