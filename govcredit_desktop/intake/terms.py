"""Areas, categories and sources as people write them, matched to the vocabularies.

Brackets and quotes are compared without their width or kind (（PPP） = (PPP),
“新官不理旧账” = 新官不理旧账); a few common short forms are listed; otherwise a word
that contains, or is contained in, exactly one vocabulary entry is that entry.
"""

from __future__ import annotations

import re
import unicodedata

KIND_LABELS = {"area": "重点领域", "category": "问题类型", "source": "问题来源"}

ALIASES = {
    "area": {
        "ppp": "政府和社会资本合作(PPP)", "政府和社会资本合作": "政府和社会资本合作(PPP)",
        "基层": "基层(乡镇街道)", "乡镇": "基层(乡镇街道)", "乡镇街道": "基层(乡镇街道)",
        "街道": "基层(乡镇街道)", "招投标": "招标投标", "政府债务": "地方政府债务融资",
        "债务融资": "地方政府债务融资", "政策兑现": "政策落实兑现",
    },
    "category": {
        "拖欠账款": "拖欠民营和中小企业账款", "拖欠企业账款": "拖欠民营和中小企业账款",
        "拖欠中小企业账款": "拖欠民营和中小企业账款", "拖欠民营企业账款": "拖欠民营和中小企业账款",
        "新官不理旧账": "“新官不理旧账”", "合同违约": "合同约定失信违约",
        "政策违约": "政策承诺失信违约", "未履行判决": "未履行生效司法判决",
        "不履行判决": "未履行生效司法判决", "保证金": "违规收取涉企保证金",
    },
    "source": {
        "12345": "投诉举报(12345热线)", "12345热线": "投诉举报(12345热线)",
        "市民热线": "投诉举报(12345热线)", "热线": "投诉举报(12345热线)",
        "举报箱": "投诉举报(举报箱)", "电子信箱": "投诉举报(电子信箱)",
        "邮箱": "投诉举报(电子信箱)", "信访": "投诉举报(来信来访)",
        "来信来访": "投诉举报(来信来访)", "人大建议": "人大建议/政协提案",
        "政协提案": "人大建议/政协提案", "审计": "审计发现", "自查": "自查自纠",
        "通报": "上级通报", "媒体": "媒体曝光", "第三方": "第三方评估",
    },
}

_QUOTES = re.compile(r"[\"'“”‘’「」『』《》\s]")


def _key(text: str) -> str:
    return _QUOTES.sub("", unicodedata.normalize("NFKC", text)).lower()


class TermMatcher:
    def __init__(self, kind: str, vocabulary: list[str]):
        self.kind = kind
        self.vocabulary = list(vocabulary)
        self._exact = {_key(v): v for v in self.vocabulary}
        self._aliases = {_key(k): v for k, v in ALIASES.get(kind, {}).items()
                         if v in self.vocabulary}
        self._cache: dict[str, str | None] = {}

    def match(self, text: str) -> str | None:
        if text in self._cache:
            return self._cache[text]
        k = _key(text)
        found = self._exact.get(k) or self._aliases.get(k)
        if found is None and len(k) >= 2:
            bare = re.sub(r"[()]", "", k)
            hits = {v for key, v in self._exact.items()
                    if bare and (bare in re.sub(r"[()]", "", key)
                                 or re.sub(r"[()]", "", key) in bare)}
            if len(hits) == 1:
                found = hits.pop()
        self._cache[text] = found
        return found
