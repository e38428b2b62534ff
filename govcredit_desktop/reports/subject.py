"""What a report is about: the department that signs it and the campaign it covers.

Both are checked before any file is written, so a missing profile or an
unknown campaign is a clear sentence, not a half-written report.
"""

from govcredit_desktop.core.errors import NotFoundError, UserError


def campaign_for(db, campaign_id: int | None = None) -> dict:
    """The campaign asked for, or the latest one when ``campaign_id`` is None."""
    if campaign_id is not None:
        try:
            return db.settings.get_campaign(campaign_id)
        except NotFoundError:
            raise UserError(f"找不到编号为 {campaign_id} 的专项治理，请检查 --campaign 参数"
                            "或在程序中选择已有的专项治理") from None
    campaigns = db.settings.list_campaigns()
    if not campaigns:
        raise UserError("数据库中还没有专项治理，请先在“设置 → 专项治理”中新建一个专项治理，"
                        "再录入问题并导出")
    return campaigns[0]


def require_department(db) -> dict:
    """The department profile; every report is headed with its name."""
    department = db.settings.department()
    if not department or not (department.get("name") or "").strip():
        raise UserError("还没有填写单位信息，报表无法署名。请先在“设置 → 单位信息”中"
                        "填写单位名称和统一社会信用代码，然后再导出")
    return department
