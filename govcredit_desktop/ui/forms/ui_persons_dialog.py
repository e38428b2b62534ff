# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'persons_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_PersonsDialog(object):
    def setupUi(self, PersonsDialog):
        if not PersonsDialog.objectName():
            PersonsDialog.setObjectName(u"PersonsDialog")
        PersonsDialog.resize(820, 480)
        self.mainLayout = QVBoxLayout(PersonsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.hintLabel = QLabel(PersonsDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.hintLabel)

        self.filterEdit = QLineEdit(PersonsDialog)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)

        self.mainLayout.addWidget(self.filterEdit)

        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.table = QTableWidget(PersonsDialog)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setVisible(False)

        self.bodyLayout.addWidget(self.table)

        self.buttonsLayout = QVBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.addButton = QPushButton(PersonsDialog)
        self.addButton.setObjectName(u"addButton")
        self.addButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.addButton)

        self.editButton = QPushButton(PersonsDialog)
        self.editButton.setObjectName(u"editButton")
        self.editButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.editButton)

        self.toggleButton = QPushButton(PersonsDialog)
        self.toggleButton.setObjectName(u"toggleButton")
        self.toggleButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.toggleButton)

        self.deleteButton = QPushButton(PersonsDialog)
        self.deleteButton.setObjectName(u"deleteButton")
        self.deleteButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.deleteButton)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.buttonsLayout.addItem(self.buttonsSpacer)


        self.bodyLayout.addLayout(self.buttonsLayout)


        self.mainLayout.addLayout(self.bodyLayout)

        self.footerLayout = QHBoxLayout()
        self.footerLayout.setObjectName(u"footerLayout")
        self.countLabel = QLabel(PersonsDialog)
        self.countLabel.setObjectName(u"countLabel")

        self.footerLayout.addWidget(self.countLabel)

        self.buttonBox = QDialogButtonBox(PersonsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.footerLayout.addWidget(self.buttonBox)


        self.mainLayout.addLayout(self.footerLayout)

        QWidget.setTabOrder(self.filterEdit, self.table)
        QWidget.setTabOrder(self.table, self.addButton)
        QWidget.setTabOrder(self.addButton, self.editButton)
        QWidget.setTabOrder(self.editButton, self.toggleButton)
        QWidget.setTabOrder(self.toggleButton, self.deleteButton)

        self.retranslateUi(PersonsDialog)

        QMetaObject.connectSlotsByName(PersonsDialog)
    # setupUi

    def retranslateUi(self, PersonsDialog):
        PersonsDialog.setWindowTitle(QCoreApplication.translate("PersonsDialog", u"\u8d23\u4efb\u4eba\u7ba1\u7406", None))
        self.hintLabel.setText(QCoreApplication.translate("PersonsDialog", u"\u8fd9\u91cc\u7684\u4eba\u5458\u53ef\u4ee5\u88ab\u6307\u5b9a\u4e3a\u95ee\u9898\u7684\u8d23\u4efb\u9886\u5bfc\u3001\u8d23\u4efb\u4eba\u548c\u6574\u6539\u63aa\u65bd\u7684\u8d23\u4efb\u4eba\u3002\u5df2\u8d1f\u8d23\u95ee\u9898\u6216\u63aa\u65bd\u7684\u4eba\u5458\u4e0d\u80fd\u5220\u9664\uff0c\u53ea\u80fd\u505c\u7528\uff1b\u505c\u7528\u540e\u4e0d\u518d\u51fa\u73b0\u5728\u4e0b\u62c9\u5217\u8868\u4e2d\uff0c\u5df2\u6709\u8bb0\u5f55\u4e0d\u53d7\u5f71\u54cd\u3002", None))
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("PersonsDialog", u"\u67e5\u627e\u59d3\u540d\u3001\u804c\u52a1\u3001\u5355\u4f4d\u6216\u7535\u8bdd\uff08Ctrl+F\uff09", None))
#if QT_CONFIG(accessibility)
        self.filterEdit.setAccessibleName(QCoreApplication.translate("PersonsDialog", u"\u67e5\u627e\u8d23\u4efb\u4eba", None))
#endif // QT_CONFIG(accessibility)
        self.addButton.setText(QCoreApplication.translate("PersonsDialog", u"\u65b0\u589e(&N)\u2026", None))
        self.editButton.setText(QCoreApplication.translate("PersonsDialog", u"\u7f16\u8f91(&E)\u2026", None))
        self.toggleButton.setText(QCoreApplication.translate("PersonsDialog", u"\u505c\u7528(&S)", None))
        self.deleteButton.setText(QCoreApplication.translate("PersonsDialog", u"\u5220\u9664(&D)", None))
    # retranslateUi

