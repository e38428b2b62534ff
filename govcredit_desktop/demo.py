"""Realistic sample data drawn from the seed policy texts' domains.

Dates are relative to today so that a demo always has overdue, due-soon and
on-track problems.  Problems go in through the store's bulk writer (one
transaction, validated, each chunk audited as one entry), so 100,000 problems
take seconds, not minutes.
"""

import datetime as _dt
import hashlib
import random
import uuid
from collections.abc import Callable, Iterator

from govcredit_desktop.core import vocab
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.money import format_wan
from govcredit_desktop.core.uscc import ALPHABET, check_char
from govcredit_desktop.store.bulk import BulkWriter

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文辉鹏飞宇浩然晨曦思远博堃玥喆燊赟犇淼鑫昊珺"  # noqa: E501
POSTS = ("局长", "副局长", "党组成员", "办公室主任", "股长", "副股长", "科员", "财务负责人")
UNITS = ("局办公室", "计划财务股", "规划建设股", "政策法规股", "行政审批股", "项目管理股",
         "招商服务中心", "城关镇人民政府", "杨庄镇人民政府", "县城市管理局", "县财政局",
         "县发展和改革委员会", "县自然资源局", "县交通运输局")
PLACES = ("宝丰", "平顶山", "郏县", "汝州", "鲁山", "叶县", "舞钢", "许昌", "洛阳", "南阳")
BRANDS = ("宏达", "鑫源", "恒信", "中原", "华兴", "永安", "瑞丰", "金桥", "天成", "润泽", "博远",
          "汇通", "昌盛", "佳禾", "锦程", "众和")
TRADES = ("建筑工程有限公司", "市政工程有限公司", "商贸有限公司", "科技有限公司",
          "物业服务有限公司", "环保科技有限公司", "建材有限公司", "园林绿化有限公司",
          "信息技术有限公司", "劳务有限公司")
PROJECTS = ("老旧小区改造", "城区道路提升", "污水管网", "农村公路", "学校校舍维修",
            "产业园区配套",
            "智慧城市平台", "安置房建设", "河道综合治理", "公共停车场", "乡镇卫生院改扩建",
            "政务服务中心装修", "路灯节能改造", "垃圾中转站")
POLICIES = ("招商引资奖励", "技改补贴", "稳岗补贴", "标准厂房租金减免", "人才引进补助",
            "企业上市奖励")

# Per category (core.vocab.CATEGORIES): the titles, the areas such a problem arises in,
# its target and the measures it may take (drawn without repeats within a problem), so
# that a sample problem reads as one case, not a shuffle of unrelated phrases.
TITLE_TEMPLATES = {
    "拖欠民营和中小企业账款": ("拖欠{company}{project}工程款", "{project}项目拖欠{company}货款",
                          "拖欠{company}服务费"),
    "“新官不理旧账”": ("前任班子与{company}签订的{project}合作协议未履行",
                      "换届后不认可{project}项目原有承诺"),
    "政策承诺失信违约": ("承诺的{policy}资金未按期兑现", "{policy}政策承诺未落实到位"),
    "合同约定失信违约": ("{project}合同约定付款节点逾期未支付", "未按合同约定向{company}移交场地"),
    "履职尽责不到位": ("{project}审批超时限办理", "{project}竣工验收久拖不办"),
    "未履行生效司法判决": ("未履行与{company}合同纠纷案生效判决",
                       "{project}案件判决款未执行到位"),
    "违规举债担保": ("为{company}融资违规出具承诺函", "{project}以政府购买服务名义变相举债"),
    "未批先建": ("{project}未取得施工许可先行开工",),
    "打白条": ("以白条形式向{company}结算采购款",),
    "违规收取涉企保证金": ("违规收取{company}投标保证金未及时退还", "超期未退还农民工工资保证金"),
    "其他": ("{project}项目资料归档不全",),
}
CATEGORY_AREAS = {
    "拖欠民营和中小企业账款": ("政府采购", "政府投资项目审批", "基层(乡镇街道)"),
    "“新官不理旧账”": ("招商引资", "政府和社会资本合作(PPP)"),
    "政策承诺失信违约": ("政策落实兑现", "招商引资"),
    "合同约定失信违约": ("政府采购", "政府和社会资本合作(PPP)", "公共资源交易"),
    "履职尽责不到位": ("政府投资项目审批", "履行法定义务"),
    "未履行生效司法判决": ("履行法定义务",),
    "违规举债担保": ("地方政府债务融资", "政府和社会资本合作(PPP)"),
    "未批先建": ("政府投资项目审批",),
    "打白条": ("政府采购", "基层(乡镇街道)"),
    "违规收取涉企保证金": ("招标投标", "公共资源交易"),
    "其他": ("政府投资项目审批", "公共资源交易"),
}
MONEY_CATEGORIES = {"拖欠民营和中小企业账款", "合同约定失信违约", "未履行生效司法判决",
                    "打白条", "违规收取涉企保证金", "政策承诺失信违约"}
_MONEY_TARGET = "全额清偿欠款，企业无异议"
TARGETS = {
    "拖欠民营和中小企业账款": _MONEY_TARGET,
    "“新官不理旧账”": "依法依规履行原有承诺，与企业达成一致意见",
    "政策承诺失信违约": "承诺资金足额兑现到位",
    "合同约定失信违约": "按合同约定履约到位，企业无异议",
    "履职尽责不到位": "依法依规办结，建立限时办结制度",
    "未履行生效司法判决": "依法履行判决，案件执行结案",
    "违规举债担保": "撤销违规承诺，化解隐性债务风险",
    "未批先建": "补齐审批手续，规范项目管理",
    "打白条": "以正式票据结算，全额支付欠款",
    "违规收取涉企保证金": "违规收取的保证金全额退还",
    "其他": "问题彻底整改，杜绝再次发生",
}
_GENERAL_MEASURES = ("召开专题会议研究解决方案", "建立问题整改台账定期调度",
                     "约谈相关责任人", "开展同类问题举一反三排查")
_MONEY_MEASURES = ("与企业对账确认", "核实欠款金额并与企业签订还款协议", "纳入年度预算分期偿还",
                   "向县政府专题报告")
MEASURE_TEMPLATES = {
    "拖欠民营和中小企业账款": _MONEY_MEASURES,
    "“新官不理旧账”": ("梳理前任班子签订的协议和承诺", "与企业协商履约方案", "向县政府专题报告",
                      "完善合同管理制度"),
    "政策承诺失信违约": ("核实应兑现的奖补资金", "纳入年度预算分期兑现", "完善政策兑现工作机制"),
    "合同约定失信违约": ("与企业对账确认", "按合同约定支付款项", "完善合同管理制度"),
    "履职尽责不到位": ("限期办结相关审批事项", "完善限时办结制度", "约谈相关责任人"),
    "未履行生效司法判决": ("履行法院生效判决", "与申请执行人协商执行方案",
                       "纳入年度预算支付判决款"),
    "违规举债担保": ("撤销违规出具的承诺函", "制定隐性债务化解方案", "向县政府专题报告"),
    "未批先建": ("补办相关审批手续", "停工整改并组织安全评估", "完善项目审批管理制度"),
    "打白条": ("与企业对账确认", "以正式票据结算并支付欠款", "完善财务报销制度"),
    "违规收取涉企保证金": ("清退违规收取的保证金", "清理涉企保证金收取项目", "完善保证金管理制度"),
    "其他": ("补充完善项目资料", "完善资料归档制度"),
}
# What a progress note may say: money problems talk of reconciling and paying.
_NOTES = ("召开专题会研究", "已报县政府协调", "完成整改资料收集")
_MONEY_NOTES = ("已与企业对账", "已拨付部分款项")
# How a description says where a problem came from (core.vocab.SOURCES).
_FOUND_BY = {
    "自查自纠": "经自查发现",
    "投诉举报(12345热线)": "企业多次通过12345热线反映",
    "投诉举报(举报箱)": "经举报箱举报",
    "投诉举报(电子信箱)": "企业通过电子信箱反映",
    "投诉举报(来信来访)": "企业多次来信来访反映",
    "上级通报": "上级通报指出",
    "审计发现": "审计发现",
    "人大建议/政协提案": "人大代表建议、政协委员提案反映",
    "司法建议": "人民法院司法建议指出",
    "媒体曝光": "媒体报道反映",
    "第三方评估": "第三方评估发现",
}


def random_uscc(rng: random.Random, category: str = "91") -> str:
    """A valid 统一社会信用代码 in Baofeng (410421): ``category`` 91 is an enterprise
    (企业, 公司), 12 a 事业单位, 11 a 机关."""
    body = category + "410421" + "".join(rng.choice(ALPHABET) for _ in range(9))
    return body + check_char(body)


def department_uscc(name: str, seed: int) -> str:
    """A valid 统一社会信用代码 for the sample department ``name`` (category 11, 机关),
    the same for the same name and seed and different otherwise."""
    digest = hashlib.sha256(f"{name}|{seed}".encode()).digest()
    body = "11" + "410421" + "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:9])
    return body + check_char(body)


#: The department of ``demo`` without --department (its data is what it always was).
DEFAULT_DEPARTMENT = "宝丰县住房和城乡建设局"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _company(rng: random.Random) -> str:
    return rng.choice(PLACES) + rng.choice(BRANDS) + rng.choice(TRADES)


def generate(db, problems: int = 60, seed: int = 2021,
             progress: Callable[[int, int], None] | None = None,
             today: _dt.date | None = None,
             cancelled: Callable[[], bool] | None = None,
             department: str | None = None, records: bool = True) -> None:
    """Sample data; with ``department``, a sample department of that name with its own
    USCC and records drawn from ``department|seed`` (so that several departments made
    for a county office never share a uuid) and the same campaign name as every other
    (the county groups department campaigns by name, docs/county-mode.md).  ``records``:
    complaints and dishonesty records too (demo_records.py)."""
    if problems < 0 or problems > 1_000_000:
        raise UserError("问题数量应在 0 到 1000000 之间")
    if db.problems.count() or db.settings.department():
        raise UserError("该数据库中已有数据，示例数据只能写入新的空数据库，请换一个文件名")
    if department is not None:
        from govcredit_desktop.core.limits import clean_text

        department = clean_text(department)
        if not department:
            raise UserError("示例单位名称不能为空，例如“宝丰县交通运输局”")
    # Without a department the generator is seeded as it always was: same seed, same data.
    rng = random.Random(seed if department is None else f"{department}|{seed}")
    today = today or _dt.date.today()
    start = today - _dt.timedelta(days=120)
    year = start.year
    # One transaction: a cancel (or a refused row) leaves the database as empty
    # as it was, so the clerk can simply start again.
    with db.transaction():
        campaign_id, flagged = _write(db, rng, problems, start, today, year, progress,
                                      cancelled, department, seed)
        if records:
            from govcredit_desktop import demo_records

            demo_records.write(db, campaign_id, flagged, f"{department}|{seed}", today)
    db.analyze()
    db.checkpoint()


def _write(db, rng, problems, start, today, year, progress, cancelled, department=None,
           seed=0) -> None:
    # The default department draws its USCC (机关, 11) from the generator.
    uscc = random_uscc(rng, "11") if department is None else department_uscc(department, seed)
    department = department or DEFAULT_DEPARTMENT
    db.settings.save_department({
        "name": department, "uscc": uscc,
        "first_responsible": "王建国", "contact_person": "李思远",
        "contact_phone": "0375-6512345", "preparer": "李思远", "reviewer": "张晓燕",
        "signatory": "王建国"})
    campaign_id = db.settings.add_campaign({
        "name": f"{year}年重点领域政务失信问题专项治理",
        "doc_number": f"宝信用办〔{year}〕14号", "number_prefix": str(year),
        "start_date": start,
        "self_inspection_deadline": start + _dt.timedelta(days=45),
        "plan_deadline": start + _dt.timedelta(days=75),
        "rectification_deadline": today + _dt.timedelta(days=37)})
    person_ids = [db.people.add({
        "name": _name(rng), "post": rng.choice(POSTS), "unit": rng.choice(UNITS),
        "phone": f"13{rng.randint(100000000, 999999999)}"}) for _ in range(24)]
    leaders = {pid: db.people.get(pid)["name"] for pid in person_ids[:6]}
    bundles = _bundles(rng, campaign_id, problems, person_ids, leaders, start, today,
                       department, flagged := [])
    writer = BulkWriter(db, source="demo", trusted=True)
    writer.write(bundles, total=problems, progress=progress, cancelled=cancelled)
    return campaign_id, flagged


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _bundles(rng, campaign_id, n, person_ids, leaders, start, today,
             department: str = DEFAULT_DEPARTMENT, flagged: list | None = None
             ) -> Iterator[dict]:
    """Problems with their measures and progress entries, one at a time; the uuids of
    those drawn as 纳入政务失信记录 go to ``flagged`` (their records set the flag)."""
    Status = vocab.ProblemStatus  # noqa: N806 (an enum used as a namespace)
    done_measures = (Status.CLOSED, Status.AWAITING_CLOSURE)
    categories = list(TITLE_TEMPLATES)
    # Distinct measures a problem of each category may take (no measure twice in one).
    pools = {c: tuple(dict.fromkeys(MEASURE_TEMPLATES[c] + _GENERAL_MEASURES))
             for c in categories}
    for _ in range(n):
        category = rng.choices(categories, weights=(30, 8, 12, 14, 10, 6, 4, 5, 4, 5, 2))[0]
        project = rng.choice(PROJECTS)
        company = _company(rng)
        title = rng.choice(TITLE_TEMPLATES[category]).format(
            company=company, project=project, policy=rng.choice(POLICIES))
        source = rng.choice(vocab.SOURCES)
        found = start + _dt.timedelta(days=rng.randint(0, 110))
        deadline = today + _dt.timedelta(days=rng.randint(-50, 90))
        if deadline < found:
            deadline = found + _dt.timedelta(days=rng.randint(10, 30))
        status = rng.choices(tuple(Status), weights=(20, 40, 15, 25))[0]
        closed = status == Status.CLOSED
        money = category in MONEY_CATEGORIES
        involved = repaid = None
        if money:
            involved = rng.randint(50_000, 5_000_000) * 100 + rng.choice((0, 0, 50, 35))
            share = {Status.OPEN: 0, Status.IN_PROGRESS: rng.random() * 0.7,
                     Status.AWAITING_CLOSURE: 1, Status.CLOSED: 1}[status]
            repaid = int(involved * share) if share < 1 else involved
        leader = rng.choice(list(leaders))
        found_by = _FOUND_BY.get(source, f"经{source}发现")
        involves = "" if company in title else f"，涉及{company}"
        if involved:
            involves += f"，{'金额' if involves else '涉及金额'}{format_wan(involved)}万元"
        problem = {
            "uuid": _uuid(rng), "campaign_id": campaign_id,
            "area": rng.choice(CATEGORY_AREAS[category]), "category": category,
            "source": source, "title": title,
            "description": f"{found_by}，{title}{involves}。"
                           f"该问题于{format_cn(found)}登记，需限期整改。",
            "counterparty": company, "counterparty_uscc": random_uscc(rng),
            "amount_involved": involved, "amount_repaid": repaid,
            "discovered_date": found.isoformat(), "target": TARGETS[category],
            "lead_unit": department, "responsible_unit": rng.choice(UNITS),
            "responsible_leader_id": leader, "responsible_person_id": rng.choice(person_ids[6:]),
            "deadline": deadline.isoformat(), "status": status,
            "listed_as_dishonest": 0,
            "closed_by": leaders[leader] if closed else "",
            "closed_date": min(today, deadline).isoformat() if closed else None,
            "closure_remark": ("经对账核实，企业确认无异议" if money else "经核实，整改到位")
                              if closed else "",
            "measures": [], "progress": [],
        }
        if rng.random() < 0.08 and flagged is not None:
            flagged.append(problem["uuid"])
        # Consecutive measures of the category's pool from a random start: distinct, and
        # one draw instead of rng.sample's several (100,000 problems: 0.3 s less).
        pool = pools[category]
        first = rng.randrange(len(pool))
        contents = [pool[(first + j) % len(pool)]
                    for j in range(min(len(pool), rng.choice((1, 2, 3, 3, 4, 5))))]
        for k, content in enumerate(contents):
            m_deadline = min(deadline, found + _dt.timedelta(days=20 * (k + 1)))
            m_status = (vocab.MeasureStatus.DONE if status in done_measures
                        else rng.choice(tuple(vocab.MeasureStatus)))
            if status == Status.OPEN:
                # 待整改 means nothing started (core.rules.status_after_measures).
                m_status = vocab.MeasureStatus.NOT_STARTED
            problem["measures"].append({
                "uuid": _uuid(rng), "seq": k + 1, "content": content,
                "owner_id": rng.choice(person_ids), "deadline": m_deadline.isoformat(),
                "status": m_status,
                "completed_date": (min(today, m_deadline).isoformat()
                                   if m_status == vocab.MeasureStatus.DONE else None)})
        measures = problem["measures"]
        if status == Status.IN_PROGRESS and all(
                m["status"] == vocab.MeasureStatus.DONE for m in measures):
            # All done would mean 已整改待销号: leave the last one under way.
            measures[-1].update(status=vocab.MeasureStatus.IN_PROGRESS, completed_date=None)
        notes = _NOTES + (_MONEY_NOTES if repaid else ())
        if status != Status.OPEN:
            for k in range(rng.randint(1, 3)):
                day = found + _dt.timedelta(days=7 * (k + 1))
                problem["progress"].append({
                    "uuid": _uuid(rng), "entry_date": min(day, today).isoformat(),
                    "note": rng.choice(notes),
                    "amount_repaid": (repaid or 0) if k == 0 else 0})
        if closed:
            # A closure is dated on or after everything it closes (core.validation).
            problem["closed_date"] = max(
                [problem["closed_date"]] + [e["entry_date"] for e in problem["progress"]]
                + [m["completed_date"] for m in measures])
        yield problem
