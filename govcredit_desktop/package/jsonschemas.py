"""The package format's JSON Schemas (package/schemas/*.json, shipped as package data)
and validation against them with a Chinese reason.

jsonschema is imported when first used, not at start-up.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

MANIFEST_SCHEMA = "manifest.schema.json"
LEDGER_SCHEMA = "ledger.schema.json"

# What each kind of schema failure means, in the clerk's words; the JSON path and
# the schema's own detail follow it.
_REASONS = {
    "required": "缺少必需的字段",
    "additionalProperties": "有格式中没有的字段",
    "type": "类型不对",
    "const": "取值不对",
    "enum": "取值不在允许的范围内",
    "pattern": "格式不对",
    "format": "格式不对",
    "minimum": "数值太小",
    "maximum": "数值太大",
    "minLength": "内容太短",
    "maxLength": "内容太长",
    "minItems": "条目太少",
    "maxItems": "条目太多",
    "contains": "缺少必需的条目",
    "anyOf": "不符合任何一种允许的形式",
    "oneOf": "不符合允许的形式",
    "uniqueItems": "有重复的条目",
}


@cache
def load_schema(name: str) -> dict | None:
    """The schema ``name`` from package/schemas/, or None when this build has none."""
    path = resources.files("govcredit_desktop.package").joinpath("schemas", name)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def validator(name: str):
    import jsonschema

    schema = load_schema(name)
    if schema is None:
        return None
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_problem(doc, name: str) -> str | None:
    """None when ``doc`` is valid against the schema ``name``, else a Chinese sentence
    naming the first place that is wrong (or saying that the schema is missing)."""
    import jsonschema

    checker = validator(name)
    if checker is None:
        return f"本程序缺少 {name}，无法核验（安装不完整，请重新安装本程序）"
    error = jsonschema.exceptions.best_match(checker.iter_errors(doc))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "（顶层）"
    reason = _REASONS.get(str(error.validator), "不符合格式")
    detail = error.message if len(error.message) <= 160 else error.message[:160] + "…"
    return f"{where}：{reason}（{detail}）"
