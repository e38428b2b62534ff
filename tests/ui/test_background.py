"""The background-work wrapper: success, user error, program error, cancel; and the excepthook."""

import threading

from PySide6.QtWidgets import QPushButton

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui.app import ExceptionHook
from govcredit_desktop.ui.background import run_in_background


def _wait(qtbot, job):
    qtbot.waitUntil(job.is_done, timeout=5000)


def test_result_reaches_on_success_on_the_gui_thread(qtbot, msgbox):
    got, seen = [], []

    def work(progress, cancelled):
        seen.append(threading.current_thread() is threading.main_thread())
        for i in range(5):
            progress(i + 1, 5)
        return "完成"

    job = run_in_background(None, work, title="测试", label="正在处理……",
                            on_success=lambda r: got.append(
                                (r, threading.current_thread() is threading.main_thread())))
    _wait(qtbot, job)
    assert seen == [False]
    assert got == [("完成", True)]
    assert msgbox.calls == []


def test_user_error_is_shown_as_is(qtbot, msgbox):
    def work(progress, cancelled):
        raise UserError("磁盘已满，文件未保存")

    job = run_in_background(None, work, title="生成 PDF", label="正在生成……",
                            on_success=lambda r: msgbox.calls.append(("success", "", "")))
    _wait(qtbot, job)
    assert msgbox.calls == [("warning", "生成 PDF", "磁盘已满，文件未保存")]


def test_program_error_is_logged_and_shown_briefly(qtbot, msgbox, caplog):
    def work(progress, cancelled):
        raise ZeroDivisionError("division by zero")

    job = run_in_background(None, work, title="导出", label="正在导出……")
    _wait(qtbot, job)
    kind, title, text = msgbox.calls[0]
    assert (kind, title) == ("critical", "导出")
    assert "ZeroDivisionError" in text and "日志" in text
    assert "Traceback" not in text
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def test_cancel_stops_the_work_without_an_error_box(qtbot, msgbox):
    started = threading.Event()
    outcome = []

    def work(progress, cancelled):
        started.set()
        while not cancelled():
            threading.Event().wait(0.005)
        raise UserError("已取消生成文件。")

    job = run_in_background(None, work, title="生成", label="正在生成……",
                            on_success=lambda r: outcome.append("success"),
                            on_cancelled=lambda: outcome.append("cancelled"))
    assert started.wait(5)
    button = job.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    button.click()
    _wait(qtbot, job)
    assert outcome == ["cancelled"]
    assert msgbox.calls == []


def test_excepthook_shows_chinese_dialog(qapp, msgbox, tmp_path):
    hook = ExceptionHook(tmp_path / "x.log")
    try:
        raise KeyError("boom")
    except KeyError as exc:
        hook(type(exc), exc, exc.__traceback__)
    kind, title, text = msgbox.calls[0]
    assert kind == "critical" and "意外错误" in text and str(tmp_path / "x.log") in text
    hook(UserError, UserError("请先选择一个问题"), None)
    assert msgbox.calls[1] == ("warning", "提示", "请先选择一个问题")
