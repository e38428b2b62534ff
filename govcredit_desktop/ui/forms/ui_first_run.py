# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
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
from PySide6.QtWidgets import (QApplication, QCommandLinkButton, QDialog, QLabel,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog):
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.resize(560, 400)
        self.mainLayout = QVBoxLayout(FirstRunDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.titleLabel = QLabel(FirstRunDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.mainLayout.addWidget(self.titleLabel)

        self.explainLabel = QLabel(FirstRunDialog)
        self.explainLabel.setObjectName(u"explainLabel")
        self.explainLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.explainLabel)

        self.setupButton = QCommandLinkButton(FirstRunDialog)
        self.setupButton.setObjectName(u"setupButton")
        self.setupButton.setDefault(True)

        self.mainLayout.addWidget(self.setupButton)

        self.demoButton = QCommandLinkButton(FirstRunDialog)
        self.demoButton.setObjectName(u"demoButton")

        self.mainLayout.addWidget(self.demoButton)

        self.countyButton = QCommandLinkButton(FirstRunDialog)
        self.countyButton.setObjectName(u"countyButton")

        self.mainLayout.addWidget(self.countyButton)

        self.laterButton = QCommandLinkButton(FirstRunDialog)
        self.laterButton.setObjectName(u"laterButton")

        self.mainLayout.addWidget(self.laterButton)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        QWidget.setTabOrder(self.setupButton, self.demoButton)
        QWidget.setTabOrder(self.demoButton, self.countyButton)
        QWidget.setTabOrder(self.countyButton, self.laterButton)

        self.retranslateUi(FirstRunDialog)

        QMetaObject.connectSlotsByName(FirstRunDialog)
    # setupUi

    def retranslateUi(self, FirstRunDialog):
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"\u6b22\u8fce\u4f7f\u7528", None))
        self.titleLabel.setText(QCoreApplication.translate("FirstRunDialog", u"\u6b22\u8fce\u4f7f\u7528\u653f\u52a1\u5931\u4fe1\u95ee\u9898\u6574\u6539\u53f0\u8d26", None))
        self.explainLabel.setText(QCoreApplication.translate("FirstRunDialog", u"\u5f53\u524d\u6570\u636e\u5e93\u8fd8\u662f\u7a7a\u7684\u3002\u8bf7\u5148\u586b\u5199\u672c\u5355\u4f4d\u4fe1\u606f\u5e76\u65b0\u5efa\u4e00\u9879\u4e13\u9879\u6cbb\u7406\uff0c\u4e4b\u540e\u5c31\u53ef\u4ee5\u767b\u8bb0\u95ee\u9898\u3001\u5236\u5b9a\u6574\u6539\u63aa\u65bd\u5e76\u6253\u5370\u4e0a\u62a5\u6750\u6599\uff1b\u4e5f\u53ef\u4ee5\u5148\u8f7d\u5165\u793a\u4f8b\u6570\u636e\u719f\u6089\u8f6f\u4ef6\u3002", None))
        self.setupButton.setText(QCoreApplication.translate("FirstRunDialog", u"\u586b\u5199\u5355\u4f4d\u4fe1\u606f\u5e76\u65b0\u5efa\u4e13\u9879\u6cbb\u7406(&S)", None))
        self.setupButton.setDescription(QCoreApplication.translate("FirstRunDialog", u"\u586b\u5199\u5355\u4f4d\u540d\u79f0\u3001\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801\u548c\u62a5\u544a\u7f72\u540d\u4eba\uff0c\u518d\u767b\u8bb0\u4e13\u9879\u6cbb\u7406\u7684\u6587\u53f7\u548c\u4e09\u4e2a\u62a5\u9001\u65f6\u9650\u3002", None))
        self.demoButton.setText(QCoreApplication.translate("FirstRunDialog", u"\u8f7d\u5165\u793a\u4f8b\u6570\u636e(&D)", None))
        self.demoButton.setDescription(QCoreApplication.translate("FirstRunDialog", u"\u5199\u5165\u4e00\u4e2a\u793a\u4f8b\u5355\u4f4d\u3001\u4e00\u9879\u4e13\u9879\u6cbb\u7406\u548c60\u4e2a\u793a\u4f8b\u95ee\u9898\uff0c\u7528\u4e8e\u719f\u6089\u548c\u6f14\u793a\u3002\u6b63\u5f0f\u4f7f\u7528\u65f6\u8bf7\u53e6\u5efa\u4e00\u4e2a\u6570\u636e\u5e93\u3002", None))
        self.countyButton.setText(QCoreApplication.translate("FirstRunDialog", u"\u53bf\u4fe1\u7528\u529e\uff08\u6c47\u603b\u5404\u5355\u4f4d\u62a5\u9001\uff09(&C)", None))
        self.countyButton.setDescription(QCoreApplication.translate("FirstRunDialog", u"\u53bf\u4fe1\u7528\u529e\u4f7f\u7528\uff1a\u65b0\u5efa\u53bf\u4fe1\u7528\u529e\u6570\u636e\u5e93\uff0c\u767b\u8bb0\u5404\u62a5\u9001\u5355\u4f4d\u3001\u63a5\u6536\u62a5\u9001\u5305\uff0c\u67e5\u770b\u62a5\u9001\u60c5\u51b5\u548c\u53bf\u7ea7\u6c47\u603b\u53f0\u8d26\u3002", None))
        self.laterButton.setText(QCoreApplication.translate("FirstRunDialog", u"\u4ee5\u540e\u518d\u8bf4(&L)", None))
        self.laterButton.setDescription(QCoreApplication.translate("FirstRunDialog", u"\u76f4\u63a5\u8fdb\u5165\u4e3b\u754c\u9762\uff0c\u4ee5\u540e\u53ef\u5728\u201c\u8bbe\u7f6e\u201d\u83dc\u5355\u4e2d\u586b\u5199\u5355\u4f4d\u4fe1\u606f\u548c\u4e13\u9879\u6cbb\u7406\u3002", None))
    # retranslateUi

