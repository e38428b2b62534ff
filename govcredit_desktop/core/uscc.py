"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character."""

import re
from operator import mul

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_WELL_FORMED = re.compile(f"[{ALPHABET}]{{18}}")


def check_char(first17: str) -> str:
    if len(first17) != len(_WEIGHTS):
        raise ValueError(f"check_char needs 17 characters, got {len(first17)}")
    # Summed in C (map, not a generator): an import validates one code per problem.
    total = sum(map(mul, map(_VALUE.__getitem__, first17), _WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None when valid, else a Chinese sentence saying what is wrong."""
    code = (code or "").strip().upper()
    if _WELL_FORMED.fullmatch(code):  # the usual case, in one match
        return None if code[17] == check_char(code[:17]) else \
            "统一社会信用代码校验位不正确，请核对是否抄错"
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位"
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用 I、O、S、V、Z）"
    expected = check_char(code[:17])
    if code[17] != expected:
        return "统一社会信用代码校验位不正确，请核对是否抄错"
    return None


def is_valid_uscc(code: str) -> bool:
    return uscc_problem(code) is None


def normalize(code: str) -> str:
    return (code or "").strip().upper()
