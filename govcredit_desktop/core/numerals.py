"""Chinese numerals for headings: 一、二 … 十、十一 … 九十九、一百、一百零一 …

Headings are numbered 一、（一） in 公文; a number printed as “（11）” after “（十）” is a
different heading level (GB/T 9704 §7.3.3), so the count must go on in Chinese.
"""

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十, up to 9999."""
    if not 0 < n < 10000:
        raise ValueError(f"cn_numeral: {n} is outside 1–9999")
    out, zero = [], False
    for value, unit in _UNITS:
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out.append("零")
            # 十一 … 十九 stand alone; after a hundred it is 一百一十.
            out.append(("" if digit == 1 and value == 10 and not out else _DIGITS[digit]) + unit)
            zero = False
        elif out:
            zero = True
    if n:
        if zero:
            out.append("零")
        out.append(_DIGITS[n])
    return "".join(out)
