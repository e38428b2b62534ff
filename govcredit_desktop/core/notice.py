"""The title of the county notice a campaign was set up by, as it is stored and cited.

The texts cite it as 《title》（文号） (党政机关公文处理工作条例: 引用公文应当先引标题，后引
发文字号).  Users copy the title from the notice, often with its 《》; the stored title has
none, and a title that itself names a document (关于印发《…方案》的通知) is cited with the
inner marks as 〈〉, as a 书名号 inside a 书名号 is written (GB/T 15834-2011 §4.15.3)."""

from __future__ import annotations

#: The most characters a notice title may have (a long one is ~60).
MAX_LENGTH = 200


def clean_title(text: str | None) -> str:
    """The title as stored: surrounding spaces and one pair of enclosing 《》 removed (a
    line break inside stays, for the validation to refuse)."""
    text = (text or "").strip()
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1].strip()
    return text


def inferred_title(campaign_name: str) -> str:
    """What a campaign without a stored title cites: a county names its campaign after the
    notice, so the title is read as 关于开展<name>的通知."""
    return f"关于开展{(campaign_name or '').strip()}的通知"


def cited_title(title: str | None, campaign_name: str) -> str:
    """The text between the outer 《》: the stored title (its own 《》 as 〈〉), or the
    inferred one when none is stored."""
    title = clean_title(title)
    if not title:
        return inferred_title(campaign_name)
    return title.replace("《", "〈").replace("》", "〉")
