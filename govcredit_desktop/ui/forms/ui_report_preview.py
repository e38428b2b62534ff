# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'report_preview.ui'
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
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_ReportPreview(object):
    def setupUi(self, ReportPreview):
        if not ReportPreview.objectName():
            ReportPreview.setObjectName(u"ReportPreview")
        ReportPreview.resize(900, 760)
        self.mainLayout = QVBoxLayout(ReportPreview)
        self.mainLayout.setObjectName(u"mainLayout")
        self.toolLayout = QHBoxLayout()
        self.toolLayout.setObjectName(u"toolLayout")
        self.zoomOutButton = QPushButton(ReportPreview)
        self.zoomOutButton.setObjectName(u"zoomOutButton")
        self.zoomOutButton.setAutoDefault(False)

        self.toolLayout.addWidget(self.zoomOutButton)

        self.zoomInButton = QPushButton(ReportPreview)
        self.zoomInButton.setObjectName(u"zoomInButton")
        self.zoomInButton.setAutoDefault(False)

        self.toolLayout.addWidget(self.zoomInButton)

        self.fitWidthButton = QPushButton(ReportPreview)
        self.fitWidthButton.setObjectName(u"fitWidthButton")
        self.fitWidthButton.setAutoDefault(False)

        self.toolLayout.addWidget(self.fitWidthButton)

        self.pageSpinLabel = QLabel(ReportPreview)
        self.pageSpinLabel.setObjectName(u"pageSpinLabel")

        self.toolLayout.addWidget(self.pageSpinLabel)

        self.pageSpin = QSpinBox(ReportPreview)
        self.pageSpin.setObjectName(u"pageSpin")
        self.pageSpin.setKeyboardTracking(False)
        self.pageSpin.setMinimum(1)

        self.toolLayout.addWidget(self.pageSpin)

        self.pageLabel = QLabel(ReportPreview)
        self.pageLabel.setObjectName(u"pageLabel")

        self.toolLayout.addWidget(self.pageLabel)

        self.toolSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolLayout.addItem(self.toolSpacer)

        self.printButton = QPushButton(ReportPreview)
        self.printButton.setObjectName(u"printButton")
        self.printButton.setAutoDefault(False)

        self.toolLayout.addWidget(self.printButton)

        self.saveButton = QPushButton(ReportPreview)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setAutoDefault(False)

        self.toolLayout.addWidget(self.saveButton)

        self.closeButton = QPushButton(ReportPreview)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.toolLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.toolLayout)

        self.pdfView = QPdfView(ReportPreview)
        self.pdfView.setObjectName(u"pdfView")
        self.pdfView.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.mainLayout.addWidget(self.pdfView)

#if QT_CONFIG(shortcut)
        self.pageSpinLabel.setBuddy(self.pageSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReportPreview)
        self.closeButton.clicked.connect(ReportPreview.reject)

        QMetaObject.connectSlotsByName(ReportPreview)
    # setupUi

    def retranslateUi(self, ReportPreview):
        ReportPreview.setWindowTitle(QCoreApplication.translate("ReportPreview", u"\u62a5\u8868\u9884\u89c8", None))
        self.zoomOutButton.setText(QCoreApplication.translate("ReportPreview", u"\u7f29\u5c0f(&-)", None))
#if QT_CONFIG(tooltip)
        self.zoomOutButton.setToolTip(QCoreApplication.translate("ReportPreview", u"\u7f29\u5c0f\uff08Ctrl+\u51cf\u53f7\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.zoomInButton.setText(QCoreApplication.translate("ReportPreview", u"\u653e\u5927(&+)", None))
#if QT_CONFIG(tooltip)
        self.zoomInButton.setToolTip(QCoreApplication.translate("ReportPreview", u"\u653e\u5927\uff08Ctrl+\u52a0\u53f7\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.fitWidthButton.setText(QCoreApplication.translate("ReportPreview", u"\u9002\u5408\u5bbd\u5ea6(&W)", None))
        self.pageSpinLabel.setText(QCoreApplication.translate("ReportPreview", u"\u7b2c(&G)", None))
#if QT_CONFIG(tooltip)
        self.pageSpin.setToolTip(QCoreApplication.translate("ReportPreview", u"\u8f93\u5165\u9875\u7801\u540e\u6309\u56de\u8f66\u8df3\u5230\u8be5\u9875", None))
#endif // QT_CONFIG(tooltip)
        self.pageLabel.setText("")
        self.printButton.setText(QCoreApplication.translate("ReportPreview", u"\u6253\u5370(&P)\u2026", None))
        self.saveButton.setText(QCoreApplication.translate("ReportPreview", u"\u53e6\u5b58\u4e3a(&S)\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("ReportPreview", u"\u5173\u95ed(&C)", None))
    # retranslateUi

