"""Untidy ledgers as departments keep them, built with openpyxl for the tests."""

import datetime as dt

TITLE = "宝丰县住房和城乡建设局政务失信问题整改台账"


def untidy_xlsx(path):
    """Title row, 填报单位 line, a blank row, a two-level merged header (责任主体 over
    责任单位/具体责任人), 序号, amounts in 万元, mixed date styles, multi-measure cells,
    a 责任单位 merged down over two problems, blank and 小计/合计 rows, a hidden helper
    column, full-width digits and a formula-like text."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append([TITLE])
    ws.merge_cells("A1:L1")
    ws.append(["填报单位：宝丰县住房和城乡建设局", None, None, None, None, None, None, None,
               None, "填报日期：2021年11月1日"])
    ws.append([])
    ws.append(["序号", "存在问题", "问题类别", "重点领域", "问题来源", "问题金额（万元）",
               "辅助列", "整改措施", "责任主体", None, "完成时限", "整改情况"])
    ws.append([None, None, None, None, None, None, None, None, "责任单位", "具体责任人"])
    for col in "ABCDEFGHKL":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("I4:J4")
    ws.column_dimensions["G"].hidden = True
    rows = [
        [1, "拖欠宏达建筑公司工程款。该项目2019年竣工", "拖欠账款", "政府采购", "12345热线",
         "１２.５", "=helper", "1.核实欠款金额；2.制定还款计划", "县住建局", "张伟",
         dt.datetime(2021, 12, 30), "整改中"],
        [2, "新官不理旧账，未兑现招商承诺", "新官不理旧账", "招商引资", "自查自纠", 3,
         "x", "（1）梳理承诺事项（2）逐项兑现", None, "李娜", "2022.3.31", "未启动"],
        [],
        [3, "未履行法院生效判决", "未履行生效司法判决", "履行法定义务", "审计发现",
         "1,200.50元", "", "①联系法院\n②支付执行款", "县城管局", "张伟", "12月30日前",
         "已完成"],
        [4, "=SUM(A1:A3)拖欠保证金未退还", "违规收取涉企保证金", "招标投标", "上级通报", None,
         "", "退还保证金", "县城管局", "王强", "长期坚持", "正在整改"],
        ["小计", None, None, None, None, 15.5],
        [5, "PPP项目政府付费拖欠", "合同约定失信违约", "政府和社会资本合作（PPP）", "媒体曝光",
         0.1, "", "纳入预算", "县财政局", "赵敏", 44925, "推进中"],
        ["合计", None, None, None, None, "=SUM(F6:F12)"],
    ]
    for r in rows:
        ws.append(r)
    ws["B10"].data_type = "s"  # text that looks like a formula, as a clerk pasted it
    ws.merge_cells("I6:I7")  # 县住建局 over two problems
    wb.save(path)
    return path


def ods(path, rows):
    """A minimal OpenDocument spreadsheet (what LibreOffice and WPS save as .ods): one
    sheet 台账, strings and numbers; written by hand, as nothing installed here writes ods."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(v):
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p>'
                "</table:table-cell>")

    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>"
                   for r in rows)
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
               'office:version="1.2"><office:body><office:spreadsheet>'
               f'<table:table table:name="台账">{body}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    mime = "application/vnd.oasis.opendocument.spreadsheet"
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mime)  # first and stored, as the format wants
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path
