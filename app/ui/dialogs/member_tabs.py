"""Extra tabs of the member dialog, one per area of work: (title, "module:Class").

A tab class is a QWidget built with `(ctx, member_id)`; it shows that member's records.
"""

MEMBER_TABS: list[tuple[str, str]] = [
    ("学习出勤", "app.ui.dialogs.member_study_tab:MemberStudyTab"),
    ("自学资料", "app.ui.dialogs.member_materials_tab:MemberMaterialsTab"),
    ("走访关怀", "app.ui.dialogs.member_care_tab:MemberCareTab"),
    ("党费", "app.ui.dialogs.member_dues_tab:MemberDuesTab"),
    ("组织生活", "app.ui.dialogs.member_orglife_tab:MemberOrgLifeTab"),
    ("评先评优", "app.ui.dialogs.member_honours_tab:MemberHonoursTab"),
    ("变更记录", "app.ui.dialogs.member_history_tab:MemberHistoryTab"),
]
