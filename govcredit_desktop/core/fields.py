"""Chinese labels of record fields, shared by messages, the editor and reports."""

PROBLEM_LABELS = {
    "campaign_id": "专项治理",
    "number": "编号",
    "area": "重点领域",
    "category": "问题类型",
    "source": "问题来源",
    "title": "问题标题",
    "description": "问题描述",
    "counterparty": "涉及企业/对象",
    "counterparty_uscc": "涉及企业统一社会信用代码",
    "amount_involved": "涉及金额",
    "amount_repaid": "已清偿金额",
    "discovered_date": "发现日期",
    "target": "整改目标",
    "lead_unit": "牵头单位",
    "responsible_unit": "责任单位",
    "responsible_leader_id": "责任领导",
    "responsible_person_id": "责任人",
    "deadline": "整改时限",
    "status": "状态",
    "listed_as_dishonest": "纳入政务失信记录",
    "closed_by": "销号审批人",
    "closed_date": "销号日期",
    "closure_remark": "销号备注",
}

MEASURE_LABELS = {
    "content": "措施内容",
    "owner_id": "责任人",
    "deadline": "完成时限",
    "status": "状态",
    "completed_date": "完成日期",
}

PROGRESS_LABELS = {
    "entry_date": "日期",
    "note": "进展情况",
    "amount_repaid": "本次清偿金额",
}

PERSON_LABELS = {"name": "姓名", "post": "职务", "unit": "单位", "phone": "电话"}

DEPARTMENT_LABELS = {
    "name": "单位名称",
    "uscc": "统一社会信用代码",
    "first_responsible": "第一责任人",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "preparer": "经办人",
    "reviewer": "审核人",
    "signatory": "签发人",
}

CAMPAIGN_LABELS = {
    "name": "专项治理名称",
    "doc_number": "文号",
    "number_prefix": "编号前缀",
    "start_date": "开始日期",
    "self_inspection_deadline": "自查情况报送时限",
    "plan_deadline": "整改方案报送时限",
    "rectification_deadline": "整改报告报送时限",
}

CLOSURE_LABELS = {key: PROBLEM_LABELS[key] for key in ("closed_by", "closed_date",
                                                       "closure_remark")}

REOPEN_LABELS = {"reason": "撤销销号原因"}

VOCABULARY_LABELS = {"value": "选项"}

EVIDENCE_LABELS = {"note": "说明", "original_name": "文件名"}

SIGNING_KEY_LABELS = {
    "fingerprint": "证书指纹",
    "certificate_pem": "证书",
    "private_key_pem": "加密的私钥",
    "replaced_at": "更换时间",
    "replaced_by": "接替的证书指纹",
    "replace_reason": "更换原因",
}

#: The county office's tables (schema v5, docs/county-mode.md), for the replay's report.
COUNTY_LABELS = {
    "county_office": {"name": "县信用办名称"},
    "county_department": {"uscc": "统一社会信用代码", "name": "单位名称",
                          "department_uuid": "单位标识"},
    "department_certificate": {"department_id": "登记单位", "fingerprint": "证书指纹",
                               "certificate_pem": "证书", "name": "证书上的单位名称",
                               "uscc": "证书上的统一社会信用代码",
                               "registration_created_at": "登记文件生成时间",
                               "replaces_json": "声明替换的证书", "registered_at": "登记时间",
                               "replaced_at": "被替换时间", "replaced_by": "接替的证书指纹",
                               "replace_reason": "更换原因"},
    "county_campaign": {"name": "专项治理名称", "doc_number": "文号", "deadline": "报送截止日期"},
    "received_package": {"file_name": "报送包文件名", "sha256": "报送包哈希值",
                         "status": "接收结果", "department_id": "报送单位",
                         "campaign_id": "专项治理", "superseded_by": "被替代于"},
    "county_key": {"recipient": "加密公钥", "identity": "加密私钥",
                   "replaced_at": "更换时间"},
}

#: 投诉登记 and 政务失信记录 (schema v8, issue 19).
COMPLAINT_LABELS = {
    "channel": "投诉渠道",
    "received_date": "受理日期",
    "complainant": "投诉人",
    "contact": "联系方式",
    "content": "投诉内容",
    "handling_unit": "承办单位",
    "reply": "答复内容",
    "reply_date": "答复日期",
    "result": "办理结果",
    "problem_id": "转为的问题",
}

DISHONESTY_RECORD_LABELS = {
    "problem_id": "所属问题",
    "person_id": "涉及的公务人员",
    "record_type": "失信记录类型",
    "source_document": "认定文书",
    "document_number": "文书编号",
    "record_date": "认定日期",
    "note": "说明",
}

SANCTION_LABELS = {
    "record_id": "所属失信记录",
    "kind": "惩戒措施",
    "decided_by": "决定机关",
    "sanction_date": "惩戒日期",
    "publicity_until": "公示期至",
    "note": "说明",
}

CREDIT_REPAIR_LABELS = {
    "record_id": "所属失信记录",
    "steps": "修复措施",
    "evidence": "佐证情况",
    "decision": "修复决定",
    "decision_date": "决定日期",
}

#: What the clerk types when replacing a key (store/keys.py).
KEY_REPLACEMENT_LABELS = {"reason": "更换原因"}

SUBMISSION_LABELS = {
    "campaign_id": "专项治理",
    "file_name": "报送包文件名",
    "folder": "保存位置",
    "sha256": "报送包哈希值",
    "size": "报送包大小",
    "key_fingerprint": "签名证书指纹",
    "counts_json": "记录数",
    "totals_json": "金额合计",
    "audit_rows": "审计日志条数",
    "audit_head": "审计日志链头",
    "warnings": "确认的警告数",
}
