# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'department_dialog.ui'
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

class Ui_DepartmentDialog(object):
    def setupUi(self, DepartmentDialog):
        if not DepartmentDialog.objectName():
            DepartmentDialog.setObjectName(u"DepartmentDialog")
        DepartmentDialog.resize(540, 400)
        self.mainLayout = QVBoxLayout(DepartmentDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.hintLabel = QLabel(DepartmentDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.hintLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.formLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.unitHeading = QLabel(DepartmentDialog)
        self.unitHeading.setObjectName(u"unitHeading")
        self.unitHeading.setStyleSheet(u"font-weight: bold; margin-top: 8px;")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.unitHeading)

        self.nameLabel = QLabel(DepartmentDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(DepartmentDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(100)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.nameError = QLabel(DepartmentDialog)
        self.nameError.setObjectName(u"nameError")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.nameError.sizePolicy().hasHeightForWidth())
        self.nameError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nameError)

        self.usccLabel = QLabel(DepartmentDialog)
        self.usccLabel.setObjectName(u"usccLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.usccLabel)

        self.usccEdit = QLineEdit(DepartmentDialog)
        self.usccEdit.setObjectName(u"usccEdit")
        self.usccEdit.setMaxLength(18)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.usccEdit)

        self.usccError = QLabel(DepartmentDialog)
        self.usccError.setObjectName(u"usccError")
        sizePolicy.setHeightForWidth(self.usccError.sizePolicy().hasHeightForWidth())
        self.usccError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.usccError)

        self.firstResponsibleLabel = QLabel(DepartmentDialog)
        self.firstResponsibleLabel.setObjectName(u"firstResponsibleLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.firstResponsibleLabel)

        self.firstResponsibleEdit = QLineEdit(DepartmentDialog)
        self.firstResponsibleEdit.setObjectName(u"firstResponsibleEdit")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.firstResponsibleEdit)

        self.firstResponsibleError = QLabel(DepartmentDialog)
        self.firstResponsibleError.setObjectName(u"firstResponsibleError")
        sizePolicy.setHeightForWidth(self.firstResponsibleError.sizePolicy().hasHeightForWidth())
        self.firstResponsibleError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.firstResponsibleError)

        self.contactPersonLabel = QLabel(DepartmentDialog)
        self.contactPersonLabel.setObjectName(u"contactPersonLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.contactPersonLabel)

        self.contactPersonEdit = QLineEdit(DepartmentDialog)
        self.contactPersonEdit.setObjectName(u"contactPersonEdit")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.contactPersonEdit)

        self.contactPersonError = QLabel(DepartmentDialog)
        self.contactPersonError.setObjectName(u"contactPersonError")
        sizePolicy.setHeightForWidth(self.contactPersonError.sizePolicy().hasHeightForWidth())
        self.contactPersonError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.contactPersonError)

        self.contactPhoneLabel = QLabel(DepartmentDialog)
        self.contactPhoneLabel.setObjectName(u"contactPhoneLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.contactPhoneLabel)

        self.contactPhoneEdit = QLineEdit(DepartmentDialog)
        self.contactPhoneEdit.setObjectName(u"contactPhoneEdit")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.contactPhoneEdit)

        self.contactPhoneError = QLabel(DepartmentDialog)
        self.contactPhoneError.setObjectName(u"contactPhoneError")
        sizePolicy.setHeightForWidth(self.contactPhoneError.sizePolicy().hasHeightForWidth())
        self.contactPhoneError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.contactPhoneError)

        self.signHeading = QLabel(DepartmentDialog)
        self.signHeading.setObjectName(u"signHeading")
        self.signHeading.setStyleSheet(u"font-weight: bold; margin-top: 8px;")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.SpanningRole, self.signHeading)

        self.preparerLabel = QLabel(DepartmentDialog)
        self.preparerLabel.setObjectName(u"preparerLabel")

        self.formLayout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.preparerLabel)

        self.preparerEdit = QLineEdit(DepartmentDialog)
        self.preparerEdit.setObjectName(u"preparerEdit")

        self.formLayout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.preparerEdit)

        self.preparerError = QLabel(DepartmentDialog)
        self.preparerError.setObjectName(u"preparerError")
        sizePolicy.setHeightForWidth(self.preparerError.sizePolicy().hasHeightForWidth())
        self.preparerError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.preparerError)

        self.reviewerLabel = QLabel(DepartmentDialog)
        self.reviewerLabel.setObjectName(u"reviewerLabel")

        self.formLayout.setWidget(14, QFormLayout.ItemRole.LabelRole, self.reviewerLabel)

        self.reviewerEdit = QLineEdit(DepartmentDialog)
        self.reviewerEdit.setObjectName(u"reviewerEdit")

        self.formLayout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.reviewerEdit)

        self.reviewerError = QLabel(DepartmentDialog)
        self.reviewerError.setObjectName(u"reviewerError")
        sizePolicy.setHeightForWidth(self.reviewerError.sizePolicy().hasHeightForWidth())
        self.reviewerError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(15, QFormLayout.ItemRole.FieldRole, self.reviewerError)

        self.signatoryLabel = QLabel(DepartmentDialog)
        self.signatoryLabel.setObjectName(u"signatoryLabel")

        self.formLayout.setWidget(16, QFormLayout.ItemRole.LabelRole, self.signatoryLabel)

        self.signatoryEdit = QLineEdit(DepartmentDialog)
        self.signatoryEdit.setObjectName(u"signatoryEdit")

        self.formLayout.setWidget(16, QFormLayout.ItemRole.FieldRole, self.signatoryEdit)

        self.signatoryError = QLabel(DepartmentDialog)
        self.signatoryError.setObjectName(u"signatoryError")
        sizePolicy.setHeightForWidth(self.signatoryError.sizePolicy().hasHeightForWidth())
        self.signatoryError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(17, QFormLayout.ItemRole.FieldRole, self.signatoryError)


        self.mainLayout.addLayout(self.formLayout)

        self.generalError = QLabel(DepartmentDialog)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)

        self.mainLayout.addWidget(self.generalError)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(DepartmentDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.usccLabel.setBuddy(self.usccEdit)
        self.firstResponsibleLabel.setBuddy(self.firstResponsibleEdit)
        self.contactPersonLabel.setBuddy(self.contactPersonEdit)
        self.contactPhoneLabel.setBuddy(self.contactPhoneEdit)
        self.preparerLabel.setBuddy(self.preparerEdit)
        self.reviewerLabel.setBuddy(self.reviewerEdit)
        self.signatoryLabel.setBuddy(self.signatoryEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.usccEdit)
        QWidget.setTabOrder(self.usccEdit, self.firstResponsibleEdit)
        QWidget.setTabOrder(self.firstResponsibleEdit, self.contactPersonEdit)
        QWidget.setTabOrder(self.contactPersonEdit, self.contactPhoneEdit)
        QWidget.setTabOrder(self.contactPhoneEdit, self.preparerEdit)
        QWidget.setTabOrder(self.preparerEdit, self.reviewerEdit)
        QWidget.setTabOrder(self.reviewerEdit, self.signatoryEdit)

        self.retranslateUi(DepartmentDialog)

        QMetaObject.connectSlotsByName(DepartmentDialog)
    # setupUi

    def retranslateUi(self, DepartmentDialog):
        DepartmentDialog.setWindowTitle(QCoreApplication.translate("DepartmentDialog", u"\u5355\u4f4d\u4fe1\u606f", None))
        self.hintLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u672c\u5355\u4f4d\u7684\u540d\u79f0\u3001\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801\u548c\u7f72\u540d\u4eba\u4f1a\u5370\u5728\u81ea\u67e5\u60c5\u51b5\u62a5\u544a\u3001\u6574\u6539\u65b9\u6848\u548c\u6574\u6539\u62a5\u544a\u4e0a\uff0c\u8bf7\u4e0e\u516c\u7ae0\u548c\u8425\u4e1a\u6267\u7167\uff08\u767b\u8bb0\u8bc1\u4e66\uff09\u4e0a\u7684\u4e00\u81f4\u3002", None))
        self.unitHeading.setText(QCoreApplication.translate("DepartmentDialog", u"\u5355\u4f4d", None))
        self.nameLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u5355\u4f4d\u540d\u79f0(&N)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("DepartmentDialog", u"\u4f8b\u5982 \u5b9d\u4e30\u53bf\u4f4f\u623f\u548c\u57ce\u4e61\u5efa\u8bbe\u5c40", None))
        self.usccLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801(&C)\uff1a", None))
        self.usccEdit.setPlaceholderText(QCoreApplication.translate("DepartmentDialog", u"18\u4f4d\uff0c\u89c1\u8425\u4e1a\u6267\u7167\u6216\u767b\u8bb0\u8bc1\u4e66", None))
        self.firstResponsibleLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u7b2c\u4e00\u8d23\u4efb\u4eba(&F)\uff1a", None))
        self.firstResponsibleEdit.setPlaceholderText(QCoreApplication.translate("DepartmentDialog", u"\u5355\u4f4d\u4e3b\u8981\u8d1f\u8d23\u540c\u5fd7", None))
        self.contactPersonLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u8054\u7cfb\u4eba(&L)\uff1a", None))
        self.contactPhoneLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u8054\u7cfb\u7535\u8bdd(&T)\uff1a", None))
        self.contactPhoneEdit.setPlaceholderText(QCoreApplication.translate("DepartmentDialog", u"\u4f8b\u5982 0375-6512345", None))
        self.signHeading.setText(QCoreApplication.translate("DepartmentDialog", u"\u62a5\u544a\u7f72\u540d\uff08\u7ecf\u529e\u4eba\u3001\u5ba1\u6838\u4eba\u3001\u7b7e\u53d1\u4eba\uff09", None))
        self.preparerLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u7ecf\u529e\u4eba(&P)\uff1a", None))
        self.reviewerLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u5ba1\u6838\u4eba(&R)\uff1a", None))
        self.signatoryLabel.setText(QCoreApplication.translate("DepartmentDialog", u"\u7b7e\u53d1\u4eba(&S)\uff1a", None))
    # retranslateUi

