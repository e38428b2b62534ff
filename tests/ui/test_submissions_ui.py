"""报送记录 driven as a clerk would: the empty state, rows newest first with local times,
money in 元, a click on a row, copying the SHA-256 and opening the folder."""

import hashlib
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from govcredit_desktop.package import keys
from govcredit_desktop.ui.submissions_dialog import COLUMNS, SubmissionsDialog
from tests.ui.helpers import show

SIZES = [(1024, 700), (1920, 1080)]
HEADERS = [c[0] for c in COLUMNS]


@pytest.fixture
def recorded(demo_db, tmp_path):
    """Two packages: an older one on a stick since pulled out, a newer one in tmp_path."""
    signer = keys.create_key(demo_db, "宝丰住建2026!")
    campaign_id = demo_db.settings.list_campaigns()[0]["id"]
    rows = []
    for i, folder in enumerate((tmp_path / "已拔出的U盘", tmp_path)):
        rows.append(demo_db.submissions.record(
            campaign_id, f"宝丰县住房和城乡建设局-专项治理-2026120{i + 1}-101500.zip", str(folder),
            hashlib.sha256(bytes([i])).hexdigest(), 1_234_567 * (i + 1), signer.fingerprint,
            {"problems": 60 + i, "closed": 10}, {"amount_involved_fen": 123_456_789,
                                                 "amount_repaid_fen": 2_345_600 + i},
            100 + i, "ab" * 32, warnings=3))
    return rows


def cell(dialog, row, header):
    return dialog.form.table.item(row, HEADERS.index(header)).text()


def click_row(qtbot, dialog, row):
    t = dialog.form.table
    rect = t.visualRect(t.model().index(row, HEADERS.index("文件名")))
    qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert t.selectionModel().selectedRows()[0].row() == row


def test_empty_list_says_where_records_come_from(qtbot, demo_db):
    dialog = show(qtbot, SubmissionsDialog(None, demo_db))
    f = dialog.form
    assert f.emptyLabel.isVisible() and "生成报送包" in f.emptyLabel.text()
    assert not f.table.isVisible()
    assert not f.copyButton.isEnabled() and not f.openFolderButton.isEnabled()


def test_rows_newest_first_in_local_time_and_yuan(qtbot, demo_db, recorded):
    dialog = show(qtbot, SubmissionsDialog(None, demo_db))
    f = dialog.form
    assert f.table.rowCount() == 2 and not f.emptyLabel.isVisible()
    newest, older = recorded[1], recorded[0]
    assert cell(dialog, 0, "文件名") == newest["file_name"]
    assert cell(dialog, 1, "文件名") == older["file_name"]
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", cell(dialog, 0, "报送时间"))
    assert cell(dialog, 0, "专项治理") == demo_db.settings.list_campaigns()[0]["name"]
    assert cell(dialog, 0, "问题数") == "61"
    assert cell(dialog, 0, "涉及金额\n（元）") == "1,234,567.89"
    assert cell(dialog, 0, "已清偿\n（元）") == "23,456.01"
    assert cell(dialog, 0, "大小") == "2.4 MB"
    assert cell(dialog, 0, "SHA-256\n（前12位）") == newest["sha256"][:12] + "…"
    groups = keys.signing.fingerprint_groups(newest["key_fingerprint"]).split(" ")
    assert cell(dialog, 0, "签名证书\n指纹") == " ".join(groups[:2]) + "…"
    # The newest is selected and shown in full under the table.
    assert newest["sha256"] in f.detailLabel.text()


def test_click_a_row_copy_its_hash_and_open_its_folder(qtbot, demo_db, recorded, tmp_path,
                                                       monkeypatch, msgbox):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    dialog = show(qtbot, SubmissionsDialog(None, demo_db))
    f = dialog.form
    click_row(qtbot, dialog, 1)  # the older one, on the stick that is gone
    assert recorded[0]["sha256"] in f.detailLabel.text()
    assert not f.openFolderButton.isEnabled()
    assert "不存在" in f.openFolderButton.toolTip()
    qtbot.mouseClick(f.copyButton, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == recorded[0]["sha256"]

    click_row(qtbot, dialog, 0)
    QTest.keyClick(f.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # Ctrl+C
    assert QApplication.clipboard().text() == recorded[1]["sha256"]
    assert f.openFolderButton.isEnabled()
    qtbot.mouseClick(f.openFolderButton, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path)]
    assert not msgbox.calls


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_from_the_menu_it_fits_the_window(qtbot, demo_db, recorded, size, monkeypatch):
    from govcredit_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    seen = []

    def exec_(dialog):
        dialog.show()
        qtbot.wait(20)
        t = dialog.form.table
        header = t.horizontalHeader()
        seen.append((dialog.width(), dialog.height(),
                     header.length() <= t.viewport().width() + 1,
                     t.item(0, 0).text()))
        return 0

    monkeypatch.setattr(SubmissionsDialog, "exec", exec_)
    window.submissions_action.trigger()
    width, height, columns_fit, first = seen[0]
    assert width <= size[0] and height <= size[1]
    assert columns_fit  # every column visible without scrolling sideways
    assert first
