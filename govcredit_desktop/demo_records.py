"""Sample complaints, dishonesty records, sanctions and credit repairs for a demo ledger
(issue 19), coherent with the problems they belong to.

Written through the stores (each row audited) after the bulk write of the problems, in
the demo's transaction.  A problem the generator drew as 纳入政务失信记录 gets a record,
whose store sets the flag; a large demo records (and flags) at most ``MAX_RECORDS`` of
them so that 100,000 problems still take seconds.  Problems found through a complaint
channel get the complaint they came from (linked); other complaints stay unconverted,
some unanswered.
Dates never pass the real today, which the store's validation bounds.
"""

import datetime as _dt
import random

from govcredit_desktop.core import vocab

MAX_RECORDS = 30
MAX_CONVERTED = 10
UNCONVERTED = 8

_RECORD_BY_CATEGORY = {
    "未履行生效司法判决": ("法院生效判决未履行", "判决书", "（{y}）豫0421民初{n}号"),
    "拖欠民营和中小企业账款": ("上级通报认定", "通报", "宝信用办〔{y}〕{n}号"),
    "违规举债担保": ("问责处理", "问责决定", "宝纪〔{y}〕{n}号"),
    "违规收取涉企保证金": ("行政处罚", "行政处罚决定书", "宝财罚〔{y}〕{n}号"),
}
_RECORD_DEFAULT = ("上级通报认定", "通报", "宝信用办〔{y}〕{n}号")
_DECIDERS = ("县社会信用体系建设领导小组办公室", "县发展和改革委员会", "县纪委监委",
             "县人民政府办公室")
_COMPLAINTS = ("反映{unit}拖欠工程尾款，多次催要未果", "反映招商引资时承诺的奖励资金至今未兑现",
               "反映投标保证金逾期未退还", "反映项目竣工验收久拖不办，影响企业回款",
               "反映政府采购合同约定的付款节点已过仍未付款", "反映政策补贴申报后长期无人答复")
_REPLIES = ("已转责任单位核实，款项已列入支付计划", "经核实情况属实，已督促责任单位限期整改",
            "已向企业说明政策兑现进度", "经核实为合同争议，已引导企业协商解决")
_CALLERS = ("王先生", "李女士", "张经理", "刘先生", "陈女士", "某建筑公司", "某商贸公司")


def write(db, campaign_id: int, flagged: list[str], seed, today: _dt.date) -> None:
    """``flagged``: uuids of the problems drawn as 纳入政务失信记录, in order."""
    rng = random.Random(f"records|{seed}")
    last = min(today, _dt.date.today())
    problems = db.problems.brief(campaign_id)
    chosen = set(flagged[:MAX_RECORDS])
    _records(db, rng, [p for p in problems if p["uuid"] in chosen], last)
    _complaints(db, rng, problems, last)


def _day(value: str) -> _dt.date:
    return _dt.date.fromisoformat(value)


def _records(db, rng, flagged, last) -> None:
    store = db.dishonesty_records
    for n, p in enumerate(flagged, start=1):
        found = _day(p["discovered_date"]) if p["discovered_date"] else last
        record_day = min(last, found + _dt.timedelta(days=rng.randint(3, 20)))
        kind, document, number = _RECORD_BY_CATEGORY.get(p["category"], _RECORD_DEFAULT)
        record = store.add(p["id"], {
            "record_type": kind, "source_document": document,
            "document_number": number.format(y=record_day.year, n=100 + n),
            "record_date": record_day.isoformat(),
            "note": "经核实认定，纳入政务失信记录"})
        sanction_day = record_day
        for kind in rng.sample(("书面警示", "约谈告诫", "公开通报批评", "取消评优评先"),
                               rng.choice((1, 1, 2))):
            sanction_day = min(last, sanction_day + _dt.timedelta(days=rng.randint(1, 7)))
            store.add_sanction(record, {
                "kind": kind, "decided_by": rng.choice(_DECIDERS),
                "sanction_date": sanction_day.isoformat(),
                "publicity_until": (sanction_day + _dt.timedelta(days=180)).isoformat()})
        rectified = p["status"] in (vocab.ProblemStatus.CLOSED,
                                    vocab.ProblemStatus.AWAITING_CLOSURE)
        if rectified:
            day = min(last, sanction_day + _dt.timedelta(days=rng.randint(10, 40)))
            store.add_repair(record, {
                "steps": "主动履行承诺，足额清偿欠款，消除不良影响",
                "evidence": "付款凭证、企业确认函", "decision": rng.choice(("减轻", "解除")),
                "decision_date": day.isoformat()})
        elif rng.random() < 0.4:
            store.add_repair(record, {"steps": "已制定还款计划并开始分期支付，申请信用修复",
                                      "evidence": "还款计划"})


def _complaints(db, rng, problems, last) -> None:
    store = db.complaints
    channels = {f"投诉举报({c})": c for c in vocab.COMPLAINT_CHANNELS}
    came_in = [p for p in problems if p["source"] in channels][:MAX_CONVERTED]
    window = db.settings.complaint_reply_days()
    for p in came_in:
        got = min(last, _day(p["discovered_date"])) if p["discovered_date"] else last
        cid = store.add(_complaint(rng, channels[p["source"]], got, p["description"],
                                   p["responsible_unit"], last, window, "已转为问题整改"))
        store.link(cid, p["id"])
    for _ in range(UNCONVERTED):
        got = last - _dt.timedelta(days=rng.randint(0, 60))
        content = rng.choice(_COMPLAINTS).format(unit=rng.choice(("县住建局", "某镇政府")))
        store.add(_complaint(rng, rng.choice(vocab.COMPLAINT_CHANNELS[:6]), got, content,
                             rng.choice(("县住建局", "县财政局", "城关镇人民政府")), last,
                             window))


def _complaint(rng, channel, got, content, unit, last, window, result="") -> dict:
    rec = {"channel": channel, "received_date": got.isoformat(),
           "complainant": rng.choice(_CALLERS), "contact": f"13{rng.randint(10**8, 10**9 - 1)}",
           "content": content, "handling_unit": unit or "局办公室"}
    # Two in three answered, within the window or a little late; the rest await a reply.
    if rng.random() < 0.66:
        day = min(last, got + _dt.timedelta(days=rng.randint(2, window + 5)))
        rec.update(reply=rng.choice(_REPLIES), reply_date=day.isoformat(),
                   result=result or rng.choice(("已解决", "已答复说明")))
    return rec
