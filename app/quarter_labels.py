"""The 31 figures of the quarterly 汇总 by label, and their arithmetic — no database here.

The labels are the contract between the branch's workbook, the township's merge and any
checker (spec/quarterly-report.md: "Column A keeps exactly these labels"): their order, their
计量单位, which item a sub-item belongs to ("其中："), and how a rate is made from counts. The
figures are computed by app.services.quarter_figures; the writers (app.export) and the merge
read only this module, so they never reach into the use cases.
"""

from __future__ import annotations

LABELS = (
    "在册人数", "离休人数", "退休人数", "党员人数", "女性人数", "80岁及以上人数", "行动不便人数",
    "独居人数", "新增人数", "减少人数", "学习活动次数", "集中学习日次数", "应参学人次", "出席人次",
    "送学上门人次", "未登记人次", "出勤率", "参学率", "发放资料份数", "送学上门份数", "待送达份数",
    "走访人次", "走访行动不便党员人数", "行动不便党员走访覆盖率", "逾期未走访人数", "结对帮扶对数",
    "建言献策条数", "应交党费金额", "实交党费金额", "党费收缴率", "欠交党费人数",
)
RATE_LABELS = frozenset({"出勤率", "参学率", "行动不便党员走访覆盖率", "党费收缴率"})
# amounts of money in 元: numbers with two decimals, summed to the 分 (never as binary floats)
MONEY_LABELS = frozenset({"应交党费金额", "实交党费金额"})
# rate label → (numerator labels, denominator label): the merge recomputes rates from sums
RATE_PARTS = {
    "出勤率": (("出席人次",), "应参学人次"),
    "参学率": (("出席人次", "送学上门人次"), "应参学人次"),
    "行动不便党员走访覆盖率": (("走访行动不便党员人数",), "行动不便人数"),
    # paid ahead counts as paid, so the rate may pass 100 %
    "党费收缴率": (("实交党费金额",), "应交党费金额"),
}
# the form's 计量单位 per label, and the item a sub-item belongs to ("其中：" on the form)
UNITS = {
    **dict.fromkeys(("在册人数", "离休人数", "退休人数", "党员人数", "女性人数", "80岁及以上人数",
                     "行动不便人数", "独居人数", "新增人数", "减少人数", "走访行动不便党员人数",
                     "逾期未走访人数", "欠交党费人数"), "人"),
    **dict.fromkeys(("学习活动次数", "集中学习日次数"), "次"),
    **dict.fromkeys(("应参学人次", "出席人次", "送学上门人次", "未登记人次", "走访人次"), "人次"),
    **dict.fromkeys(RATE_LABELS, "%"),
    **dict.fromkeys(("发放资料份数", "送学上门份数", "待送达份数"), "份"),
    "结对帮扶对数": "对", "建言献策条数": "条",
    **dict.fromkeys(MONEY_LABELS, "元"),
}
PARENTS = {
    **dict.fromkeys(("离休人数", "退休人数", "党员人数", "女性人数", "80岁及以上人数",
                     "行动不便人数", "独居人数"), "在册人数"),
    "集中学习日次数": "学习活动次数",
    **dict.fromkeys(("出席人次", "送学上门人次", "未登记人次"), "应参学人次"),
    **dict.fromkeys(("送学上门份数", "待送达份数"), "发放资料份数"),
}

Value = int | float | None

def rate(numerator: float, denominator: float) -> float | None:
    """A fraction, or None with nothing to divide by ("nobody came" would be a lie)."""
    return numerator / denominator if denominator else None


def shown(label: str, value: Value) -> str:
    """A figure as the screens show it: 59.0%, "—" for a rate with nothing to divide by, 12,
    an amount as 310.60."""
    if value is None:
        return "—"
    if label in MONEY_LABELS:
        return f"{value:.2f}"
    return f"{value * 100:.1f}%" if label in RATE_LABELS else str(value)


def yuan_value(fen: int) -> float:
    """An amount in 分 as the number a 汇总 cell holds: 元 with two decimals (31060 → 310.6)."""
    return round(fen / 100, 2)


def fen_of_value(value: float | int) -> int:
    """A 汇总 amount back in 分 (310.6 → 31060): rounded, since 310.6 is not exact in binary."""
    return round(value * 100)


def total(label: str, values) -> int | float:
    """The sum of one label over several columns (the township's 合计): counts as integers,
    amounts added in 分 and given back in 元 with two decimals, so 0.1 + 0.2 is 0.30."""
    if label in MONEY_LABELS:
        return yuan_value(sum(fen_of_value(v) for v in values))
    return sum(values)


def apply_rates(values: dict[str, Value]) -> None:
    """Fill the rate labels from the count labels (also used for the township 合计 row)."""
    for label, (nums, den) in RATE_PARTS.items():
        values[label] = rate(sum(values[n] for n in nums), values[den])


# sums that cannot exceed their whole: (parts, whole); sub-items (PARENTS) are checked one by one
PART_SUMS = (
    (("离休人数", "退休人数"), "在册人数"),
    (("出席人次", "送学上门人次", "未登记人次"), "应参学人次"),
    (("送学上门份数", "待送达份数"), "发放资料份数"),
)


def contradictions(values: dict[str, Value]) -> list[str]:
    """What a 汇总 says against itself, in words (empty when it is consistent): a count that is
    not a whole number ≥ 0, a sub-item larger than its item, parts adding up to more than their
    whole, a rate that is not its counts divided (a hand-edited 出勤率 of 95 % over 102 of 193).
    The township merge refuses a branch's workbook with any of these."""
    found = [f"“{label}”不是非负整数（{values[label]}）" for label in LABELS
             if label not in RATE_LABELS | MONEY_LABELS and not _whole(values.get(label))]
    found += [f"“{label}”不是金额（{values[label]}）：应为不小于 0、最多两位小数的数" for label in
              MONEY_LABELS if not _amount(values.get(label))]
    if found:
        return found
    for label, parent in PARENTS.items():
        if values[label] > values[parent]:
            found.append(f"“{label}”{values[label]} 大于“{parent}”{values[parent]}")
    for parts, whole in PART_SUMS:
        total = sum(values[p] for p in parts)
        if total > values[whole]:
            found.append(f"{'＋'.join(f'“{p}”' for p in parts)}＝{total}，大于“{whole}”"
                         f"{values[whole]}")
    for label, (nums, den) in RATE_PARTS.items():
        right, given = rate(sum(values[n] for n in nums), values[den]), values.get(label)
        if (right is None) != (given is None) or (
                right is not None and (not isinstance(given, (int, float))
                                       or abs(given - right) > 0.0005)):
            basis = "金额" if den in MONEY_LABELS else "人数"
            found.append(f"“{label}”写的是 {shown(label, given if isinstance(given, (int, float)) else None)}，"
                         f"按{basis}算应为 {shown(label, right)}")
    return found


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _amount(value) -> bool:
    """An amount of 元 ≥ 0 with at most two decimals (as a cell holds it: 310.6, 75)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return False
    return abs(value * 100 - round(value * 100)) < 1e-6
