# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'key_password_dialog.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_KeyPasswordDialog(object):
    def setupUi(self, KeyPasswordDialog):
        if not KeyPasswordDialog.objectName():
            KeyPasswordDialog.setObjectName(u"KeyPasswordDialog")
        KeyPasswordDialog.resize(520, 360)
        self.mainLayout = QVBoxLayout(KeyPasswordDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.explainLabel = QLabel(KeyPasswordDialog)
        self.explainLabel.setObjectName(u"explainLabel")
        self.explainLabel.setWordWrap(True)
        self.explainLabel.setTextFormat(Qt.TextFormat.RichText)

        self.mainLayout.addWidget(self.explainLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.formLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.reasonLabel = QLabel(KeyPasswordDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QLineEdit(KeyPasswordDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaxLength(200)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.reasonError = QLabel(KeyPasswordDialog)
        self.reasonError.setObjectName(u"reasonError")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.reasonError.sizePolicy().hasHeightForWidth())
        self.reasonError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reasonError)

        self.oldLabel = QLabel(KeyPasswordDialog)
        self.oldLabel.setObjectName(u"oldLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.oldLabel)

        self.oldEdit = QLineEdit(KeyPasswordDialog)
        self.oldEdit.setObjectName(u"oldEdit")
        self.oldEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.oldEdit)

        self.oldError = QLabel(KeyPasswordDialog)
        self.oldError.setObjectName(u"oldError")
        sizePolicy.setHeightForWidth(self.oldError.sizePolicy().hasHeightForWidth())
        self.oldError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.oldError)

        self.newLabel = QLabel(KeyPasswordDialog)
        self.newLabel.setObjectName(u"newLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.newLabel)

        self.newEdit = QLineEdit(KeyPasswordDialog)
        self.newEdit.setObjectName(u"newEdit")
        self.newEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.newEdit)

        self.newError = QLabel(KeyPasswordDialog)
        self.newError.setObjectName(u"newError")
        sizePolicy.setHeightForWidth(self.newError.sizePolicy().hasHeightForWidth())
        self.newError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.newError)

        self.strengthLabel = QLabel(KeyPasswordDialog)
        self.strengthLabel.setObjectName(u"strengthLabel")
        self.strengthLabel.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.strengthLabel.sizePolicy().hasHeightForWidth())
        self.strengthLabel.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.strengthLabel)

        self.confirmLabel = QLabel(KeyPasswordDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirmEdit = QLineEdit(KeyPasswordDialog)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.confirmEdit)

        self.confirmError = QLabel(KeyPasswordDialog)
        self.confirmError.setObjectName(u"confirmError")
        sizePolicy.setHeightForWidth(self.confirmError.sizePolicy().hasHeightForWidth())
        self.confirmError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.confirmError)


        self.mainLayout.addLayout(self.formLayout)

        self.generalError = QLabel(KeyPasswordDialog)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)

        self.mainLayout.addWidget(self.generalError)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(KeyPasswordDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonEdit)
        self.oldLabel.setBuddy(self.oldEdit)
        self.newLabel.setBuddy(self.newEdit)
        self.confirmLabel.setBuddy(self.confirmEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.reasonEdit, self.oldEdit)
        QWidget.setTabOrder(self.oldEdit, self.newEdit)
        QWidget.setTabOrder(self.newEdit, self.confirmEdit)

        self.retranslateUi(KeyPasswordDialog)

        QMetaObject.connectSlotsByName(KeyPasswordDialog)
    # setupUi

    def retranslateUi(self, KeyPasswordDialog):
        KeyPasswordDialog.setWindowTitle(QCoreApplication.translate("KeyPasswordDialog", u"\u7b7e\u540d\u5bc6\u94a5\u5bc6\u7801", None))
        self.reasonLabel.setText(QCoreApplication.translate("KeyPasswordDialog", u"\u66f4\u6362\u539f\u56e0(&Y)\uff1a", None))
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("KeyPasswordDialog", u"\u4f8b\u5982 \u5bc6\u7801\u9057\u5fd8\u3001\u7535\u8111\u4e22\u5931\uff08\u53ef\u4e0d\u586b\uff0c\u4f1a\u5199\u5165\u65b0\u7684\u767b\u8bb0\u6587\u4ef6\uff09", None))
        self.oldLabel.setText(QCoreApplication.translate("KeyPasswordDialog", u"\u539f\u5bc6\u7801(&O)\uff1a", None))
        self.newLabel.setText(QCoreApplication.translate("KeyPasswordDialog", u"\u65b0\u5bc6\u7801(&N)\uff1a", None))
        self.confirmLabel.setText(QCoreApplication.translate("KeyPasswordDialog", u"\u518d\u6b21\u8f93\u5165(&A)\uff1a", None))
    # retranslateUi

