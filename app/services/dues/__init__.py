"""Party dues (党费, spec/dues.md): the use cases the window, the `zhibu dues` commands and the
tests call.

- rule: the rate, the 0.20 case, rounding, reductions, which months a member owes (pure);
- setup: bases for a year, reductions and waivers, the branch's rounding;
- payments: record a payment, reverse one (冲正);
- books / ledger: the year at a glance, `dues show`, who is behind, a quarter's figures;
- bases_import: the finance office's sheet of bases, previewed then applied;
- printing: the 党费收缴登记表 (.xlsx / .pdf) and the annual 公示.
"""

from app.services.dues.ledger import (
    Behind, DuesYear, MemberYear, MonthCell, QuarterDues, QuarterRow, dues_show, dues_year,
    first_unpaid_month, keeps_dues, member_year, members_behind, owed_between, quarter_dues,
)
from app.services.dues.payments import (
    NeedsConfirmation, PaymentInfo, payments_in_year, payments_of, record_payment,
    reverse_payment,
)
from app.services.dues.setup import (
    BaseInfo, ReductionInfo, add_reduction, base_of, carry_bases_forward, reductions_of,
    remove_reduction, rounding_of, set_base, set_rounding,
)

__all__ = [
    "BaseInfo", "Behind", "DuesYear", "MemberYear", "MonthCell", "NeedsConfirmation",
    "PaymentInfo", "QuarterDues", "QuarterRow", "ReductionInfo", "add_reduction", "base_of",
    "carry_bases_forward", "dues_show", "dues_year", "first_unpaid_month", "keeps_dues",
    "member_year", "members_behind", "owed_between", "payments_in_year", "payments_of",
    "quarter_dues", "record_payment", "reductions_of",
    "remove_reduction", "reverse_payment", "rounding_of", "set_base", "set_rounding",
]
