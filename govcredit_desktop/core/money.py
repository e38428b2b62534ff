"""Money as integer fen; 元 only at the edges (input and display)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_FEN = Decimal("0.01")


class MoneyError(ValueError):
    pass


def parse_yuan(text: str | int | Decimal | None) -> int | None:
    """'1,234.5' / '1234.50元' / Decimal -> 123450 fen; '' -> None.

    Floats are refused on purpose: they cannot hold 0.1 exactly.
    """
    if text is None:
        return None
    if isinstance(text, float):
        raise TypeError("money must not be a float")
    if isinstance(text, int):
        return text * 100
    if isinstance(text, Decimal):
        value = text
    else:
        cleaned = str(text).strip().replace(",", "").replace("，", "").replace("元", "")
        cleaned = cleaned.replace("¥", "").replace("￥", "").strip()
        if not cleaned:
            return None
        try:
            value = Decimal(cleaned)
        except InvalidOperation as exc:
            raise MoneyError(f"“{text}”不是有效的金额，请输入数字，例如 12345.67") from exc
    # 10^13 yuan is far beyond any county ledger; the bound also keeps
    # quantize() from overflowing on inputs like 1e999999.
    if not value.is_finite() or abs(value) >= Decimal("1e13"):
        raise MoneyError(f"“{text}”不是有效的金额")
    if value != value.quantize(_FEN):
        raise MoneyError(f"金额“{text}”最多保留两位小数（精确到分）")
    return int(value.quantize(_FEN, rounding=ROUND_HALF_UP) * 100)


def fen_to_decimal(fen: int | None) -> Decimal | None:
    if fen is None:
        return None
    return (Decimal(fen) / 100).quantize(_FEN)


def format_yuan(fen: int | None, *, grouping: bool = True, unit: bool = False) -> str:
    """123456 -> '1,234.56' (or '1,234.56元'); None -> ''."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    whole_text = f"{whole:,}" if grouping else str(whole)
    return f"{sign}{whole_text}.{cents:02d}" + ("元" if unit else "")


def format_wan(fen: int | None) -> str:
    """Amounts in 万元 with two decimals, as county summaries print them."""
    if fen is None:
        return ""
    value = (Decimal(fen) / 1_000_000).quantize(_FEN, rounding=ROUND_HALF_UP)
    return f"{value:,}"
