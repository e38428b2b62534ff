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
        CampaignDialog.resize(820, 440)
        self.mainLayout = QVBoxLayout(CampaignDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setSpacing(12)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setObjectName(u"listLayout")
        self.listLabel = QLabel(CampaignDialog)
        self.listLabel.setObjectName(u"listLabel")

        self.listLayout.addWidget(self.listLabel)

        self.campaignList = QListWidget(CampaignDialog)
        self.campaignList.setObjectName(u"campaignList")
        self.campaignList.setMinimumSize(QSize(240, 0))
        self.campaignList.setWordWrap(True)
        self.campaignList.setSpacing(2)

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

        self.infoGroup = QGroupBox(CampaignDialog)
        self.infoGroup.setObjectName(u"infoGroup")
        self.infoLayout = QVBoxLayout(self.infoGroup)
        self.infoLayout.setObjectName(u"infoLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.formLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.nameLabel = QLabel(self.infoGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.infoGroup)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(100)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.nameError = QLabel(self.infoGroup)
        self.nameError.setObjectName(u"nameError")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.nameError.sizePolicy().hasHeightForWidth())
        self.nameError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameError)

        self.docNumberLabel = QLabel(self.infoGroup)
        self.docNumberLabel.setObjectName(u"docNumberLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.docNumberLabel)

        self.docNumberEdit = QLineEdit(self.infoGroup)
        self.docNumberEdit.setObjectName(u"docNumberEdit")
        self.docNumberEdit.setMaxLength(60)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.docNumberEdit)

        self.docNumberError = QLabel(self.infoGroup)
        self.docNumberError.setObjectName(u"docNumberError")
        sizePolicy.setHeightForWidth(self.docNumberError.sizePolicy().hasHeightForWidth())
        self.docNumberError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.docNumberError)

        self.noticeTitleLabel = QLabel(self.infoGroup)
        self.noticeTitleLabel.setObjectName(u"noticeTitleLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.noticeTitleLabel)

        self.noticeTitleEdit = QLineEdit(self.infoGroup)
        self.noticeTitleEdit.setObjectName(u"noticeTitleEdit")
        self.noticeTitleEdit.setMaxLength(200)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.noticeTitleEdit)

        self.noticeTitleError = QLabel(self.infoGroup)
        self.noticeTitleError.setObjectName(u"noticeTitleError")
        sizePolicy.setHeightForWidth(self.noticeTitleError.sizePolicy().hasHeightForWidth())
        self.noticeTitleError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.noticeTitleError)

        self.numberPrefixLabel = QLabel(self.infoGroup)
        self.numberPrefixLabel.setObjectName(u"numberPrefixLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.numberPrefixLabel)

        self.numberPrefixEdit = QLineEdit(self.infoGroup)
        self.numberPrefixEdit.setObjectName(u"numberPrefixEdit")
        self.numberPrefixEdit.setMaxLength(20)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.numberPrefixEdit)

        self.numberPrefixError = QLabel(self.infoGroup)
        self.numberPrefixError.setObjectName(u"numberPrefixError")
        sizePolicy.setHeightForWidth(self.numberPrefixError.sizePolicy().hasHeightForWidth())
        self.numberPrefixError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.numberPrefixError)

        self.startDateLabel = QLabel(self.infoGroup)
        self.startDateLabel.setObjectName(u"startDateLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.startDateLabel)

        self.startDateEdit = DateEdit(self.infoGroup)
        self.startDateEdit.setObjectName(u"startDateEdit")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.startDateEdit)

        self.startDateError = QLabel(self.infoGroup)
        self.startDateError.setObjectName(u"startDateError")
        sizePolicy.setHeightForWidth(self.startDateError.sizePolicy().hasHeightForWidth())
        self.startDateError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.startDateError)

        self.deadlineHeading = QLabel(self.infoGroup)
        self.deadlineHeading.setObjectName(u"deadlineHeading")
        self.deadlineHeading.setStyleSheet(u"font-weight: bold; margin-top: 8px;")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.SpanningRole, self.deadlineHeading)

        self.selfInspectionDeadlineLabel = QLabel(self.infoGroup)
        self.selfInspectionDeadlineLabel.setObjectName(u"selfInspectionDeadlineLabel")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.selfInspectionDeadlineLabel)

        self.selfInspectionDeadlineEdit = DateEdit(self.infoGroup)
        self.selfInspectionDeadlineEdit.setObjectName(u"selfInspectionDeadlineEdit")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.selfInspectionDeadlineEdit)

        self.selfInspectionDeadlineError = QLabel(self.infoGroup)
        self.selfInspectionDeadlineError.setObjectName(u"selfInspectionDeadlineError")
        sizePolicy.setHeightForWidth(self.selfInspectionDeadlineError.sizePolicy().hasHeightForWidth())
        self.selfInspectionDeadlineError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.selfInspectionDeadlineError)

        self.planDeadlineLabel = QLabel(self.infoGroup)
        self.planDeadlineLabel.setObjectName(u"planDeadlineLabel")

        self.formLayout.setWidget(13, QFormLayout.ItemRole.LabelRole, self.planDeadlineLabel)

        self.planDeadlineEdit = DateEdit(self.infoGroup)
        self.planDeadlineEdit.setObjectName(u"planDeadlineEdit")

        self.formLayout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.planDeadlineEdit)

        self.planDeadlineError = QLabel(self.infoGroup)
        self.planDeadlineError.setObjectName(u"planDeadlineError")
        sizePolicy.setHeightForWidth(self.planDeadlineError.sizePolicy().hasHeightForWidth())
        self.planDeadlineError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.planDeadlineError)

        self.rectificationDeadlineLabel = QLabel(self.infoGroup)
        self.rectificationDeadlineLabel.setObjectName(u"rectificationDeadlineLabel")

        self.formLayout.setWidget(15, QFormLayout.ItemRole.LabelRole, self.rectificationDeadlineLabel)

        self.rectificationDeadlineEdit = DateEdit(self.infoGroup)
        self.rectificationDeadlineEdit.setObjectName(u"rectificationDeadlineEdit")

        self.formLayout.setWidget(15, QFormLayout.ItemRole.FieldRole, self.rectificationDeadlineEdit)

        self.rectificationDeadlineError = QLabel(self.infoGroup)
        self.rectificationDeadlineError.setObjectName(u"rectificationDeadlineError")
        sizePolicy.setHeightForWidth(self.rectificationDeadlineError.sizePolicy().hasHeightForWidth())
        self.rectificationDeadlineError.setSizePolicy(sizePolicy)

        self.formLayout.setWidget(16, QFormLayout.ItemRole.FieldRole, self.rectificationDeadlineError)


        self.infoLayout.addLayout(self.formLayout)

        self.generalError = QLabel(self.infoGroup)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)

        self.infoLayout.addWidget(self.generalError)

        self.formSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.infoLayout.addItem(self.formSpacer)

        self.formButtonsLayout = QHBoxLayout()
        self.formButtonsLayout.setObjectName(u"formButtonsLayout")
        self.stateLabel = QLabel(self.infoGroup)
        self.stateLabel.setObjectName(u"stateLabel")
        sizePolicy.setHeightForWidth(self.stateLabel.sizePolicy().hasHeightForWidth())
        self.stateLabel.setSizePolicy(sizePolicy)

        self.formButtonsLayout.addWidget(self.stateLabel)

        self.revertButton = QPushButton(self.infoGroup)
        self.revertButton.setObjectName(u"revertButton")
        self.revertButton.setAutoDefault(False)

        self.formButtonsLayout.addWidget(self.revertButton)

        self.saveButton = QPushButton(self.infoGroup)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setAutoDefault(False)

        self.formButtonsLayout.addWidget(self.saveButton)


        self.infoLayout.addLayout(self.formButtonsLayout)


        self.bodyLayout.addWidget(self.infoGroup)

        self.bodyLayout.setStretch(0, 2)
        self.bodyLayout.setStretch(1, 3)

        self.mainLayout.addLayout(self.bodyLayout)

        self.buttonBox = QDialogButtonBox(CampaignDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.listLabel.setBuddy(self.campaignList)
        self.nameLabel.setBuddy(self.nameEdit)
        self.docNumberLabel.setBuddy(self.docNumberEdit)
        self.noticeTitleLabel.setBuddy(self.noticeTitleEdit)
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
        QWidget.setTabOrder(self.docNumberEdit, self.noticeTitleEdit)
        QWidget.setTabOrder(self.noticeTitleEdit, self.numberPrefixEdit)
        QWidget.setTabOrder(self.numberPrefixEdit, self.startDateEdit)
        QWidget.setTabOrder(self.startDateEdit, self.selfInspectionDeadlineEdit)
        QWidget.setTabOrder(self.selfInspectionDeadlineEdit, self.planDeadlineEdit)
        QWidget.setTabOrder(self.planDeadlineEdit, self.rectificationDeadlineEdit)
        QWidget.setTabOrder(self.rectificationDeadlineEdit, self.revertButton)
        QWidget.setTabOrder(self.revertButton, self.saveButton)

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
        self.noticeTitleLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u901a\u77e5\u6807\u9898(&T)\uff1a", None))
#if QT_CONFIG(tooltip)
        self.noticeTitleEdit.setToolTip(QCoreApplication.translate("CampaignDialog", u"\u53bf\u4fe1\u7528\u529e\u90e8\u7f72\u672c\u6b21\u4e13\u9879\u6cbb\u7406\u7684\u901a\u77e5\u7684\u6807\u9898\uff0c\u4e0d\u542b\u4e66\u540d\u53f7\uff1b\u62a5\u544a\u4e2d\u5f15\u7528\u4e3a\u201c\u6309\u7167\u300a\u6807\u9898\u300b\uff08\u6587\u53f7\uff09\u8981\u6c42\u201d\u3002\u4e0d\u586b\u65f6\u6309\u201c\u5173\u4e8e\u5f00\u5c55\uff08\u4e13\u9879\u6cbb\u7406\u540d\u79f0\uff09\u7684\u901a\u77e5\u201d\u5f15\u7528", None))
#endif // QT_CONFIG(tooltip)
        self.numberPrefixLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u7f16\u53f7\u524d\u7f00(&P)\uff1a", None))
        self.numberPrefixEdit.setPlaceholderText(QCoreApplication.translate("CampaignDialog", u"\u9ed8\u8ba4\u53d6\u5f00\u59cb\u5e74\u4efd", None))
#if QT_CONFIG(tooltip)
        self.numberPrefixEdit.setToolTip(QCoreApplication.translate("CampaignDialog", u"\u65b0\u767b\u8bb0\u95ee\u9898\u7684\u7f16\u53f7\u4e3a\u201c\u524d\u7f00-\u5e8f\u53f7\u201d\uff0c\u4f8b\u5982 2021-001\uff1b\u4fee\u6539\u524d\u7f00\u4e0d\u5f71\u54cd\u5df2\u767b\u8bb0\u95ee\u9898\u7684\u7f16\u53f7", None))
#endif // QT_CONFIG(tooltip)
        self.startDateLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u5f00\u59cb\u65e5\u671f(&S)\uff1a", None))
        self.deadlineHeading.setText(QCoreApplication.translate("CampaignDialog", u"\u62a5\u9001\u65f6\u9650\uff08\u53bf\u4fe1\u7528\u529e\u8981\u6c42\u62a5\u9001\u7684\u622a\u6b62\u65e5\u671f\uff09", None))
        self.selfInspectionDeadlineLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u81ea\u67e5\u60c5\u51b5\u62a5\u9001\u65f6\u9650(&Z)\uff1a", None))
        self.planDeadlineLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u6574\u6539\u65b9\u6848\u62a5\u9001\u65f6\u9650(&F)\uff1a", None))
        self.rectificationDeadlineLabel.setText(QCoreApplication.translate("CampaignDialog", u"\u6574\u6539\u62a5\u544a\u62a5\u9001\u65f6\u9650(&G)\uff1a", None))
        self.revertButton.setText(QCoreApplication.translate("CampaignDialog", u"\u64a4\u9500\u4fee\u6539(&U)", None))
        self.saveButton.setText(QCoreApplication.translate("CampaignDialog", u"\u4fdd\u5b58(&A)", None))
    # retranslateUi

