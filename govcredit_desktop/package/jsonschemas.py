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
    naming the first place that is wrong (or saying that the schema is missing).

    A valid document is recognised by ``compiled(name)`` (~20× faster than jsonschema on
    a 1,000-problem ledger: 0.7 s → 0.03 s, most of a county import's time); anything it
    does not pass — invalid, or merely outside what it knows — goes to jsonschema, whose
    verdict and message are the answer.  So the fast path can only say "valid" where
    jsonschema would too (tests/package/test_jsonschemas.py holds it to that)."""
    import jsonschema

    fast = compiled(name)
    try:
        if fast is not None and fast(doc):
            return None
    except Exception:  # noqa: BLE001 - whatever the fast path cannot take, jsonschema judges
        pass
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


# --- a fast path for valid documents ---------------------------------------------------------

#: Keywords that assert nothing.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description",
                          "default", "examples"})
_TYPES = {"string": lambda v: isinstance(v, str),
          "object": lambda v: isinstance(v, dict),
          "array": lambda v: isinstance(v, list),
          "boolean": lambda v: isinstance(v, bool),
          "null": lambda v: v is None,
          # Stricter than JSON Schema (1.0 is an integer there): a float goes to jsonschema.
          "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
          "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool)}


class _Unsupported(Exception):
    """The schema uses something the fast path does not implement: no fast path."""


@cache
def compiled(name: str):
    """``check(doc) -> bool`` for the schema ``name``: True only for a document the
    schema accepts; False for one it refuses *or* one this checker is not sure of (a
    float where an integer is due, an ``enum`` of numbers…).  None when the schema uses a
    keyword outside the small set implemented here (then every document goes to
    jsonschema).  Implements: type, properties, required, additionalProperties (false or
    true), items (one schema), anyOf, allOf, oneOf, enum and const of strings or integers,
    pattern, minLength, maxLength, minimum, maximum, minItems, maxItems, contains, and
    local ``$ref`` to ``#/$defs/NAME``."""
    schema = load_schema(name)
    if schema is None:
        return None
    try:
        return _Compiler(schema).compile(schema)
    except _Unsupported:
        return None


class _Compiler:
    """Schema → nested closures; a ``$defs`` entry is compiled once, where first named."""

    def __init__(self, root: dict):
        self.defs = root.get("$defs", {}) if isinstance(root, dict) else {}
        self.done: dict[str, object] = {}
        self.busy: set[str] = set()

    def ref(self, value):
        if not (isinstance(value, str) and value.startswith("#/$defs/")
                and value[8:] in self.defs):
            raise _Unsupported()
        name = value[8:]
        if name in self.done:
            return self.done[name]
        if name in self.busy:  # a recursive definition: looked up when checking
            return lambda v: self.done[name](v)
        self.busy.add(name)
        self.done[name] = self.compile(self.defs[name])
        self.busy.discard(name)
        return self.done[name]

    def compile(self, schema):
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise _Unsupported()
        keys = set(schema) - _ANNOTATIONS
        if schema.get("type") == "object" and keys <= _OBJECT_KEYS:
            return self._object(schema)
        if schema.get("type") == "string" and keys <= _STRING_KEYS:
            return _string(schema)
        checks = [self._keyword(key, schema[key], schema) for key in keys]
        checks = [c for c in checks if c is not None]
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda v: first(v) and second(v)
        return lambda v: all(check(v) for check in checks)

    def _object(self, schema: dict):
        """type object, properties, required, additionalProperties: one closure."""
        props = {k: self.compile(sub) for k, sub in schema.get("properties", {}).items()}
        required = frozenset(schema.get("required", ()))
        closed = schema.get("additionalProperties", True)
        if closed not in (True, False):
            raise _Unsupported()
        allowed = frozenset(props)
        get = props.get

        def check(v):
            if not isinstance(v, dict):
                return False
            keys = v.keys()
            if not required <= keys or (closed is False and not allowed.issuperset(keys)):
                return False
            for key, value in v.items():
                sub = get(key)
                if sub is not None and not sub(value):
                    return False
            return True
        return check

    def _keyword(self, key: str, value, schema: dict):
        if key == "type":
            kinds = [value] if isinstance(value, str) else value
            if not all(k in _TYPES for k in kinds):
                raise _Unsupported()
            tests = [_TYPES[k] for k in kinds]
            if len(tests) == 1:
                return tests[0]
            return lambda v: any(t(v) for t in tests)
        if key == "$ref":
            return self.ref(value)
        if key in ("properties", "required", "additionalProperties"):
            if key == "additionalProperties" and value not in (True, False):
                raise _Unsupported()
            if "patternProperties" in schema:
                raise _Unsupported()
            inner = self._object({**{k: schema[k] for k in _OBJECT_KEYS if k in schema},
                                  "type": "object"})
            # Applies to objects only; compiled once, under "properties" (or the first).
            first = next(k for k in ("properties", "required", "additionalProperties")
                         if k in schema)
            if key != first:
                return None
            return lambda v: not isinstance(v, dict) or inner(v)
        if key == "items":
            if not isinstance(value, dict | bool) or "prefixItems" in schema:
                raise _Unsupported()
            item = self.compile(value)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if key in ("anyOf", "allOf", "oneOf"):
            subs = [self.compile(sub) for sub in value]
            if key == "anyOf":
                if len(subs) == 2:
                    a, b = subs
                    return lambda v: a(v) or b(v)
                return lambda v: any(s(v) for s in subs)
            if key == "allOf":
                return lambda v: all(s(v) for s in subs)
            return lambda v: sum(bool(s(v)) for s in subs) == 1
        if key in ("enum", "const"):
            options = value if key == "enum" else [value]
            if not all(isinstance(o, str) or (isinstance(o, int) and not isinstance(o, bool))
                       for o in options):
                raise _Unsupported()
            pairs = frozenset((type(o), o) for o in options)
            return lambda v: isinstance(v, str | int) and (type(v), v) in pairs
        if key in ("pattern", "minLength", "maxLength"):
            string = _string({k: schema[k] for k in _STRING_KEYS if k in schema})
            first = next(k for k in ("pattern", "minLength", "maxLength") if k in schema)
            if key != first:
                return None
            return lambda v: not isinstance(v, str) or string(v)
        if key in ("minItems", "maxItems"):
            n, low = value, key == "minItems"
            return lambda v: not isinstance(v, list) or (len(v) >= n if low else len(v) <= n)
        if key in ("minimum", "maximum"):
            n, low = value, key == "minimum"
            return lambda v: (isinstance(v, bool) or not isinstance(v, int | float)
                              or (v >= n if low else v <= n))
        if key == "contains":
            sub = self.compile(value)
            return lambda v: not isinstance(v, list) or any(sub(x) for x in v)
        raise _Unsupported()


_OBJECT_KEYS = frozenset({"type", "properties", "required", "additionalProperties"})
_STRING_KEYS = frozenset({"type", "pattern", "minLength", "maxLength"})


def _string(schema: dict):
    """type string (when given), pattern, minLength, maxLength: one closure."""
    import re

    typed = schema.get("type") == "string"
    found = re.compile(schema["pattern"]).search if "pattern" in schema else None
    low, high = schema.get("minLength", 0), schema.get("maxLength")

    def check(v):
        if not isinstance(v, str):
            return not typed
        n = len(v)
        if n < low or (high is not None and n > high):
            return False
        return found is None or found(v) is not None
    return check
