# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'package_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDialog, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QSpacerItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_PackageDialog(object):
    def setupUi(self, PackageDialog):
        if not PackageDialog.objectName():
            PackageDialog.setObjectName(u"PackageDialog")
        PackageDialog.resize(820, 640)
        self.mainLayout = QVBoxLayout(PackageDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.campaignRow = QHBoxLayout()
        self.campaignRow.setObjectName(u"campaignRow")
        self.campaignLabel = QLabel(PackageDialog)
        self.campaignLabel.setObjectName(u"campaignLabel")

        self.campaignRow.addWidget(self.campaignLabel)

        self.campaignCombo = QComboBox(PackageDialog)
        self.campaignCombo.setObjectName(u"campaignCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.campaignCombo.sizePolicy().hasHeightForWidth())
        self.campaignCombo.setSizePolicy(sizePolicy)

        self.campaignRow.addWidget(self.campaignCombo)


        self.mainLayout.addLayout(self.campaignRow)

        self.checkGroup = QGroupBox(PackageDialog)
        self.checkGroup.setObjectName(u"checkGroup")
        self.checkLayout = QVBoxLayout(self.checkGroup)
        self.checkLayout.setObjectName(u"checkLayout")
        self.summaryRow = QHBoxLayout()
        self.summaryRow.setObjectName(u"summaryRow")
        self.summaryLabel = QLabel(self.checkGroup)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.summaryLabel.sizePolicy().hasHeightForWidth())
        self.summaryLabel.setSizePolicy(sizePolicy1)

        self.summaryRow.addWidget(self.summaryLabel)

        self.recheckButton = QPushButton(self.checkGroup)
        self.recheckButton.setObjectName(u"recheckButton")

        self.summaryRow.addWidget(self.recheckButton)


        self.checkLayout.addLayout(self.summaryRow)

        self.findingsTree = QTreeWidget(self.checkGroup)
        self.findingsTree.setObjectName(u"findingsTree")
        self.findingsTree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findingsTree.setWordWrap(True)
        self.findingsTree.setUniformRowHeights(False)
        self.findingsTree.setHeaderHidden(True)
        self.findingsTree.setRootIsDecorated(True)
        self.findingsTree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.findingsTree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

        self.checkLayout.addWidget(self.findingsTree)

        self.findingsHint = QLabel(self.checkGroup)
        self.findingsHint.setObjectName(u"findingsHint")
        self.findingsHint.setWordWrap(True)
        self.findingsHint.setStyleSheet(u"color: #666666;")

        self.checkLayout.addWidget(self.findingsHint)

        self.confirmCheck = QCheckBox(self.checkGroup)
        self.confirmCheck.setObjectName(u"confirmCheck")

        self.checkLayout.addWidget(self.confirmCheck)


        self.mainLayout.addWidget(self.checkGroup)

        self.targetGroup = QGroupBox(PackageDialog)
        self.targetGroup.setObjectName(u"targetGroup")
        self.targetLayout = QHBoxLayout(self.targetGroup)
        self.targetLayout.setObjectName(u"targetLayout")
        self.targetList = QListWidget(self.targetGroup)
        self.targetList.setObjectName(u"targetList")
        sizePolicy.setHeightForWidth(self.targetList.sizePolicy().hasHeightForWidth())
        self.targetList.setSizePolicy(sizePolicy)

        self.targetLayout.addWidget(self.targetList, 0, Qt.AlignmentFlag.AlignTop)

        self.targetButtons = QVBoxLayout()
        self.targetButtons.setObjectName(u"targetButtons")
        self.otherFolderButton = QPushButton(self.targetGroup)
        self.otherFolderButton.setObjectName(u"otherFolderButton")

        self.targetButtons.addWidget(self.otherFolderButton)

        self.refreshButton = QPushButton(self.targetGroup)
        self.refreshButton.setObjectName(u"refreshButton")

        self.targetButtons.addWidget(self.refreshButton)

        self.targetSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.targetButtons.addItem(self.targetSpacer)


        self.targetLayout.addLayout(self.targetButtons)


        self.mainLayout.addWidget(self.targetGroup)

        self.signGroup = QGroupBox(PackageDialog)
        self.signGroup.setObjectName(u"signGroup")
        self.signLayout = QFormLayout(self.signGroup)
        self.signLayout.setObjectName(u"signLayout")
        self.signLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.signLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.keyLabel = QLabel(self.signGroup)
        self.keyLabel.setObjectName(u"keyLabel")

        self.signLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.keyLabel)

        self.keyRow = QHBoxLayout()
        self.keyRow.setObjectName(u"keyRow")
        self.keyValue = QLabel(self.signGroup)
        self.keyValue.setObjectName(u"keyValue")
        self.keyValue.setWordWrap(True)
        sizePolicy1.setHeightForWidth(self.keyValue.sizePolicy().hasHeightForWidth())
        self.keyValue.setSizePolicy(sizePolicy1)

        self.keyRow.addWidget(self.keyValue)

        self.createKeyButton = QPushButton(self.signGroup)
        self.createKeyButton.setObjectName(u"createKeyButton")

        self.keyRow.addWidget(self.createKeyButton)


        self.signLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.keyRow)

        self.passwordLabel = QLabel(self.signGroup)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.signLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(self.signGroup)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.signLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.passwordError = QLabel(self.signGroup)
        self.passwordError.setObjectName(u"passwordError")

        self.signLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordError)


        self.mainLayout.addWidget(self.signGroup)

        self.bottomRow = QHBoxLayout()
        self.bottomRow.setObjectName(u"bottomRow")
        self.blockedLabel = QLabel(PackageDialog)
        self.blockedLabel.setObjectName(u"blockedLabel")
        self.blockedLabel.setWordWrap(True)
        sizePolicy1.setHeightForWidth(self.blockedLabel.sizePolicy().hasHeightForWidth())
        self.blockedLabel.setSizePolicy(sizePolicy1)

        self.bottomRow.addWidget(self.blockedLabel)

        self.generateButton = QPushButton(PackageDialog)
        self.generateButton.setObjectName(u"generateButton")

        self.bottomRow.addWidget(self.generateButton)

        self.closeButton = QPushButton(PackageDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.bottomRow.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.bottomRow)

#if QT_CONFIG(shortcut)
        self.campaignLabel.setBuddy(self.campaignCombo)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.campaignCombo, self.findingsTree)
        QWidget.setTabOrder(self.findingsTree, self.recheckButton)
        QWidget.setTabOrder(self.recheckButton, self.confirmCheck)
        QWidget.setTabOrder(self.confirmCheck, self.targetList)
        QWidget.setTabOrder(self.targetList, self.otherFolderButton)
        QWidget.setTabOrder(self.otherFolderButton, self.refreshButton)
        QWidget.setTabOrder(self.refreshButton, self.createKeyButton)
        QWidget.setTabOrder(self.createKeyButton, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.generateButton)
        QWidget.setTabOrder(self.generateButton, self.closeButton)

        self.retranslateUi(PackageDialog)

        QMetaObject.connectSlotsByName(PackageDialog)
    # setupUi

    def retranslateUi(self, PackageDialog):
        PackageDialog.setWindowTitle(QCoreApplication.translate("PackageDialog", u"\u751f\u6210\u62a5\u9001\u5305", None))
        self.campaignLabel.setText(QCoreApplication.translate("PackageDialog", u"\u4e13\u9879\u6cbb\u7406(&C)\uff1a", None))
        self.checkGroup.setTitle(QCoreApplication.translate("PackageDialog", u"\u7b2c\u4e00\u6b65\u3000\u62a5\u9001\u524d\u68c0\u67e5", None))
        self.recheckButton.setText(QCoreApplication.translate("PackageDialog", u"\u91cd\u65b0\u68c0\u67e5(&R)", None))
#if QT_CONFIG(tooltip)
        self.recheckButton.setToolTip(QCoreApplication.translate("PackageDialog", u"\u5728\u53f0\u8d26\u4e2d\u6539\u6b63\u540e\uff0c\u70b9\u8fd9\u91cc\u518d\u68c0\u67e5\u4e00\u6b21", None))
#endif // QT_CONFIG(tooltip)
        ___qtreewidgetitem = self.findingsTree.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("PackageDialog", u"\u68c0\u67e5\u7ed3\u679c", None))
        self.findingsHint.setText(QCoreApplication.translate("PackageDialog", u"\u53cc\u51fb\uff08\u6216\u9009\u4e2d\u540e\u6309\u56de\u8f66\uff09\u67d0\u4e00\u9879\uff0c\u53ef\u6253\u5f00\u5bf9\u5e94\u7684\u95ee\u9898\u6216\u8bbe\u7f6e\u8fdb\u884c\u4fee\u6539\uff1b\u6539\u5b8c\u540e\u4f1a\u81ea\u52a8\u91cd\u65b0\u68c0\u67e5\u3002", None))
        self.confirmCheck.setText(QCoreApplication.translate("PackageDialog", u"\u6211\u5df2\u6838\u5b9e\u4ee5\u4e0a\u63d0\u793a\uff0c\u4ecd\u8981\u62a5\u9001(&Y)", None))
        self.targetGroup.setTitle(QCoreApplication.translate("PackageDialog", u"\u7b2c\u4e8c\u6b65\u3000\u4fdd\u5b58\u5230\uff08\u8bf7\u63d2\u597d U \u76d8\uff09", None))
        self.otherFolderButton.setText(QCoreApplication.translate("PackageDialog", u"\u9009\u62e9\u5176\u4ed6\u6587\u4ef6\u5939(&O)\u2026", None))
        self.refreshButton.setText(QCoreApplication.translate("PackageDialog", u"\u5237\u65b0 U \u76d8\u5217\u8868(&F)", None))
#if QT_CONFIG(tooltip)
        self.refreshButton.setToolTip(QCoreApplication.translate("PackageDialog", u"\u521a\u63d2\u5165 U \u76d8\u65f6\uff0c\u70b9\u8fd9\u91cc\u91cd\u65b0\u67e5\u627e", None))
#endif // QT_CONFIG(tooltip)
        self.signGroup.setTitle(QCoreApplication.translate("PackageDialog", u"\u7b2c\u4e09\u6b65\u3000\u7b7e\u540d", None))
        self.keyLabel.setText(QCoreApplication.translate("PackageDialog", u"\u7b7e\u540d\u5bc6\u94a5\uff1a", None))
        self.createKeyButton.setText(QCoreApplication.translate("PackageDialog", u"\u521b\u5efa\u7b7e\u540d\u5bc6\u94a5(&N)\u2026", None))
        self.passwordLabel.setText(QCoreApplication.translate("PackageDialog", u"\u5bc6\u94a5\u5bc6\u7801(&W)\uff1a", None))
        self.passwordEdit.setPlaceholderText(QCoreApplication.translate("PackageDialog", u"\u521b\u5efa\u7b7e\u540d\u5bc6\u94a5\u65f6\u8bbe\u7f6e\u7684\u5bc6\u7801", None))
        self.generateButton.setText(QCoreApplication.translate("PackageDialog", u"\u751f\u6210\u62a5\u9001\u5305(&G)", None))
        self.closeButton.setText(QCoreApplication.translate("PackageDialog", u"\u5173\u95ed", None))
    # retranslateUi

