# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'campaign_dialog.ui'
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
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

from govcredit_desktop.ui.widgets import DateEdit

class Ui_CampaignDialog(object):
    def setupUi(self, CampaignDialog):
        if not CampaignDialog.objectName():
            CampaignDialog.setObjectName(u"CampaignDialog")
        CampaignDialog.resize(860, 500)
        self.mainLayout = QVBoxLayout(CampaignDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setObjectName(u"listLayout")
        self.listLabel = QLabel(CampaignDialog)
        self.listLabel.setObjectName(u"listLabel")

        self.listLayout.addWidget(self.listLabel)

        self.campaignList = QListWidget(CampaignDialog)
        self.campaignList.setObjectName(u"campaignList")
        self.campaignList.setMinimumSize(QSize(260, 0))
        self.campaignList.setWordWrap(True)

        self.listLayout.addWidget(self.campaignList)

        self.listButtonsLayout = QHBoxLayout()
        self.listButtonsLayout.setObjectName(u"listButtonsLayout")
        self.addButton = QPushButton(CampaignDialog)
        self.addButton.setObjectName(u"addButton")
        self.addButton.setAutoDefault(False)

        self.listButtonsLayout.addWidget(self.addButton)

        self.deleteButton = QPushButton(CampaignDialog)
        self.deleteButton.setObjectName(u"deleteButton")
        self.deleteButton.setAutoDefault(False)

        self.listButtonsLayout.addWidget(self.deleteButton)


        self.listLayout.addLayout(self.listButtonsLayout)


        self.bodyLayout.addLayout(self.listLayout)

        self.formColumn = QVBoxLayout()
        self.formColumn.setObjectName(u"formColumn")
        self.infoGroup = QGroupBox(CampaignDialog)
        self.infoGroup.setObjectName(u"infoGroup")
        self.infoGroupLayout = QFormLayout(self.infoGroup)
        self.infoGroupLayout.setObjectName(u"infoGroupLayout")
        self.infoGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.infoGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.nameLabel = QLabel(self.infoGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.infoGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.infoGroup)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(100)

        self.infoGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.nameError = QLabel(self.infoGroup)
        self.nameError.setObjectName(u"nameError")

        self.infoGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameError)

        self.docNumberLabel = QLabel(self.infoGroup)
        self.docNumberLabel.setObjectName(u"docNumberLabel")

        self.infoGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.docNumberLabel)

        self.docNumberEdit = QLineEdit(self.infoGroup)
        self.docNumberEdit.setObjectName(u"docNumberEdit")
        self.docNumberEdit.setMaxLength(60)

        self.infoGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.docNumberEdit)

        self.docNumberError = QLabel(self.infoGroup)
        self.docNumberError.setObjectName(u"docNumberError")

        self.infoGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.docNumberError)

        self.numberPrefixLabel = QLabel(self.infoGroup)
        self.numberPrefixLabel.setObjectName(u"numberPrefixLabel")

        self.infoGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.numberPrefixLabel)

        self.numberPrefixEdit = QLineEdit(self.infoGroup)
        self.numberPrefixEdit.setObjectName(u"numberPrefixEdit")
        self.numberPrefixEdit.setMaxLength(20)

        self.infoGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.numberPrefixEdit)

        self.numberPrefixError = QLabel(self.infoGroup)
        self.numberPrefixError.setObjectName(u"numberPrefixError")

        self.infoGroupLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.numberPrefixError)

        self.startDateLabel = QLabel(self.infoGroup)
        self.startDateLabel.setObjectName(u"startDateLabel")

        self.infoGroupLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.startDateLabel)

        self.startDateEdit = DateEdit(self.infoGroup)
        self.startDateEdit.setObjectName(u"startDateEdit")

        self.infoGroupLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.startDateEdit)

        self.startDateError = QLabel(self.infoGroup)
        self.startDateError.setObjectName(u"startDateError")

        self.infoGroupLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.startDateError)


        self.formColumn.addWidget(self.infoGroup)

        self.deadlineGroup = QGroupBox(CampaignDialog)
        self.deadlineGroup.setObjectName(u"deadlineGroup")
        self.deadlineGroupLayout = QFormLayout(self.deadlineGroup)
        self.deadlineGroupLayout.setObjectName(u"deadlineGroupLayout")
        self.deadlineGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.deadlineGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.selfInspectionDeadlineLabel = QLabel(self.deadlineGroup)
        self.selfInspectionDeadlineLabel.setObjectName(u"selfInspectionDeadlineLabel")

        self.deadlineGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.selfInspectionDeadlineLabel)

        self.selfInspectionDeadlineEdit = DateEdit(self.deadlineGroup)
        self.selfInspectionDeadlineEdit.setObjectName(u"selfInspectionDeadlineEdit")

        self.deadlineGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.selfInspectionDeadlineEdit)

        self.selfInspectionDeadlineError = QLabel(self.deadlineGroup)
        self.selfInspectionDeadlineError.setObjectName(u"selfInspectionDeadlineError")

        self.deadlineGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.selfInspectionDeadlineError)

        self.planDeadlineLabel = QLabel(self.deadlineGroup)
        self.planDeadlineLabel.setObjectName(u"planDeadlineLabel")

        self.deadlineGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.planDeadlineLabel)

        self.planDeadlineEdit = DateEdit(self.deadlineGroup)
        self.planDeadlineEdit.setObjectName(u"planDeadlineEdit")

        self.deadlineGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.planDeadlineEdit)

        self.planDeadlineError = QLabel(self.deadlineGroup)
        self.planDeadlineError.setObjectName(u"planDeadlineError")

        self.deadlineGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.planDeadlineError)

        self.rectificationDeadlineLabel = QLabel(self.deadlineGroup)
        self.rectificationDeadlineLabel.setObjectName(u"rectificationDeadlineLabel")

        self.deadlineGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.rectificationDeadlineLabel)

        self.rectificationDeadlineEdit = DateEdit(self.deadlineGroup)
        self.rectificationDeadlineEdit.setObjectName(u"rectificationDeadlineEdit")

        self.deadlineGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.rectificationDeadlineEdit)

        self.rectificationDeadlineError = QLabel(self.deadlineGroup)
        self.rectificationDeadlineError.setObjectName(u"rectificationDeadlineError")

        self.deadlineGroupLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.rectificationDeadlineError)


        self.formColumn.addWidget(self.deadlineGroup)

        self.generalError = QLabel(CampaignDialog)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)

        self.formColumn.addWidget(self.generalError)

        self.formSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.formColumn.addItem(self.formSpacer)

        self.formButtonsLayout = QHBoxLayout()
        self.formButtonsLayout.setObjectName(u"formButtonsLayout")
        self.stateLabel = QLabel(CampaignDialog)
        self.stateLabel.setObjectName(u"stateLabel")

        self.formButtonsLayout.addWidget(self.stateLabel)

        self.formButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.formButtonsLayout.addItem(self.formButtonsSpacer)

        self.revertButton = QPushButton(CampaignDialog)
        self.revertButton.setObjectName(u"revertButton")
        self.revertButton.setAutoDefault(False)

        self.formButtonsLayout.addWidget(self.revertButton)

        self.saveButton = QPushButton(CampaignDialog)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setAutoDefault(False)

        self.formButtonsLayout.addWidget(self.saveButton)


        self.formColumn.addLayout(self.formButtonsLayout)


        self.bodyLayout.addLayout(self.formColumn)


        self.mainLayout.addLayout(self.bodyLayout)

        self.buttonBox = QDialogButtonBox(CampaignDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.listLabel.setBuddy(self.campaignList)
        self.nameLabel.setBuddy(self.nameEdit)
        self.docNumberLabel.setBuddy(self.docNumberEdit)
        self.numberPrefixLabel.setBuddy(self.numberPrefixEdit)
        self.startDateLabel.setBuddy(self.startDateEdit)
        self.selfInspectionDeadlineLabel.setBuddy(self.selfInspectionDeadlineEdit)
        self.planDeadlineLabel.setBuddy(self.planDeadlineEdit)
        self.rectificationDeadlineLabel.setBuddy(self.rectificationDeadlineEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.campaignList, self.addButton)
        QWidget.setTabOrder(self.addButton, self.deleteButton)
        QWidget.setTabOrder(self.deleteButton, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.docNumberEdit)
        QWidget.setTabOrder(self.docNumberEdit, self.numberPrefixEdit)
        QWidget.setTabOrder(self.numberPrefixEdit, self.startDateEdit)
        QWidget.setTabOrder(self.startDateEdit, self.selfInspectionDeadlineEdit)
        QWidget.setTabOrder(self.selfInspectionDeadlineEdit, self.planDeadlineEdit)
        QWidget.setTabOrder(self.planDeadlineEdit, self.rectificationDeadlineEdit)
        QWidget.setTabOrder(self.rectificationDeadlineEdit, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.revertButton)

        self.retranslateUi(CampaignDialog)

        QMetaObject.connectSlotsByName(CampaignDialog)
    # setupUi

    def retranslateUi(self, CampaignDialog):
        CampaignDialog.setWindowTitle(QCoreApplication.translate("CampaignDialog", u"\u4e13\u9879\u6cbb\u7406", None))
        self.listLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u4e13\u9879\u6cbb\u7406\u5217\u8868(&L)\uff1a", None))
        self.addButton.setText(QCoreApplication.translate("CampaignDialog", u"\u65b0\u589e(&N)", None))
        self.deleteButton.setText(QCoreApplication.translate("CampaignDialog", u"\u5220\u9664(&D)", None))
        self.infoGroup.setTitle(QCoreApplication.translate("CampaignDialog", u"\u4e13\u9879\u6cbb\u7406\u4fe1\u606f", None))
        self.nameLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u540d\u79f0(&M)\uff1a", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("CampaignDialog", u"\u4f8b\u5982 2021\u5e74\u91cd\u70b9\u9886\u57df\u653f\u52a1\u5931\u4fe1\u95ee\u9898\u4e13\u9879\u6cbb\u7406", None))
        self.docNumberLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u6587\u53f7(&W)\uff1a", None))
        self.docNumberEdit.setPlaceholderText(QCoreApplication.translate("CampaignDialog", u"\u4f8b\u5982 \u5b9d\u4fe1\u7528\u529e\u30142021\u301514\u53f7", None))
        self.numberPrefixLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u7f16\u53f7\u524d\u7f00(&P)\uff1a", None))
        self.numberPrefixEdit.setPlaceholderText(QCoreApplication.translate("CampaignDialog", u"\u9ed8\u8ba4\u53d6\u5f00\u59cb\u5e74\u4efd", None))
#if QT_CONFIG(tooltip)
        self.numberPrefixEdit.setToolTip(QCoreApplication.translate("CampaignDialog", u"\u65b0\u767b\u8bb0\u95ee\u9898\u7684\u7f16\u53f7\u4e3a\u201c\u524d\u7f00-\u5e8f\u53f7\u201d\uff0c\u4f8b\u5982 2021-001\uff1b\u4fee\u6539\u524d\u7f00\u4e0d\u5f71\u54cd\u5df2\u767b\u8bb0\u95ee\u9898\u7684\u7f16\u53f7", None))
#endif // QT_CONFIG(tooltip)
        self.startDateLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u5f00\u59cb\u65e5\u671f(&S)\uff1a", None))
        self.deadlineGroup.setTitle(QCoreApplication.translate("CampaignDialog", u"\u62a5\u9001\u65f6\u9650\uff08\u53bf\u4fe1\u7528\u529e\u8981\u6c42\u7684\u622a\u6b62\u65e5\u671f\uff09", None))
        self.selfInspectionDeadlineLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u81ea\u67e5\u60c5\u51b5\u62a5\u9001\u65f6\u9650(&Z)\uff1a", None))
        self.planDeadlineLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u6574\u6539\u65b9\u6848\u62a5\u9001\u65f6\u9650(&F)\uff1a", None))
        self.rectificationDeadlineLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u6574\u6539\u62a5\u544a\u62a5\u9001\u65f6\u9650(&G)\uff1a", None))
        self.revertButton.setText(QCoreApplication.translate("CampaignDialog", u"\u64a4\u9500\u4fee\u6539(&U)", None))
        self.saveButton.setText(QCoreApplication.translate("CampaignDialog", u"\u4fdd\u5b58(&A)", None))
    # retranslateUi

