# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'person_form.ui'
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

class Ui_PersonForm(object):
    def setupUi(self, PersonForm):
        if not PersonForm.objectName():
            PersonForm.setObjectName(u"PersonForm")
        PersonForm.resize(420, 200)
        self.mainLayout = QVBoxLayout(PersonForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.formLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.nameLabel = QLabel(PersonForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(PersonForm)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(50)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.nameError = QLabel(PersonForm)
        self.nameError.setObjectName(u"nameError")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.nameError.sizePolicy().hasHeightForWidth())
        self.nameError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameError)

        self.postLabel = QLabel(PersonForm)
        self.postLabel.setObjectName(u"postLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.postLabel)

        self.postEdit = QLineEdit(PersonForm)
        self.postEdit.setObjectName(u"postEdit")
        self.postEdit.setMaxLength(50)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.postEdit)

        self.postError = QLabel(PersonForm)
        self.postError.setObjectName(u"postError")
        sizePolicy.setHeightForWidth(self.postError.sizePolicy().hasHeightForWidth())
        self.postError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.postError)

        self.unitLabel = QLabel(PersonForm)
        self.unitLabel.setObjectName(u"unitLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.unitLabel)

        self.unitEdit = QLineEdit(PersonForm)
        self.unitEdit.setObjectName(u"unitEdit")
        self.unitEdit.setMaxLength(100)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.unitEdit)

        self.unitError = QLabel(PersonForm)
        self.unitError.setObjectName(u"unitError")
        sizePolicy.setHeightForWidth(self.unitError.sizePolicy().hasHeightForWidth())
        self.unitError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.unitError)

        self.phoneLabel = QLabel(PersonForm)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(PersonForm)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(40)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.phoneError = QLabel(PersonForm)
        self.phoneError.setObjectName(u"phoneError")
        sizePolicy.setHeightForWidth(self.phoneError.sizePolicy().hasHeightForWidth())
        self.phoneError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.phoneError)


        self.mainLayout.addLayout(self.formLayout)

        self.generalError = QLabel(PersonForm)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)

        self.mainLayout.addWidget(self.generalError)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(PersonForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.postLabel.setBuddy(self.postEdit)
        self.unitLabel.setBuddy(self.unitEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.postEdit)
        QWidget.setTabOrder(self.postEdit, self.unitEdit)
        QWidget.setTabOrder(self.unitEdit, self.phoneEdit)

        self.retranslateUi(PersonForm)

        QMetaObject.connectSlotsByName(PersonForm)
    # setupUi

    def retranslateUi(self, PersonForm):
        PersonForm.setWindowTitle(QCoreApplication.translate("PersonForm", u"\u8d23\u4efb\u4eba", None))
        self.nameLabel.setText(QCoreApplication.translate("PersonForm", u"\u59d3\u540d(&M)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("PersonForm", u"\u5fc5\u586b", None))
        self.postLabel.setText(QCoreApplication.translate("PersonForm", u"\u804c\u52a1(&P)\uff1a", None))
        self.postEdit.setPlaceholderText(QCoreApplication.translate("PersonForm", u"\u4f8b\u5982 \u526f\u5c40\u957f\u3001\u80a1\u957f", None))
        self.unitLabel.setText(QCoreApplication.translate("PersonForm", u"\u5355\u4f4d(&U)\uff1a", None))
        self.unitEdit.setPlaceholderText(QCoreApplication.translate("PersonForm", u"\u6240\u5728\u5355\u4f4d\u6216\u80a1\u5ba4", None))
        self.phoneLabel.setText(QCoreApplication.translate("PersonForm", u"\u7535\u8bdd(&T)\uff1a", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("PersonForm", u"\u624b\u673a\u6216\u529e\u516c\u7535\u8bdd", None))
    # retranslateUi

