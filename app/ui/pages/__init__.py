"""The pages of the left navigation, in order: (key, title, "module:Class").

A page is a QWidget built with `(ctx)`; it may define `refresh()` (called each time it is shown
and after data changes) and `open_with(**kwargs)` (called by `ctx.navigate`).
"""

PAGES = [
    ("home", "首页", "app.ui.pages.home:HomePage"),
    ("roster", "党员花名册", "app.ui.pages.roster:RosterPage"),
    ("study", "学习活动", "app.ui.pages.study:StudyPage"),
    ("materials", "自学资料", "app.ui.pages.materials:MaterialsPage"),
    ("care", "走访关怀", "app.ui.pages.care:CarePage"),
    ("dues", "党费", "app.ui.pages.dues:DuesPage"),
    ("orglife", "组织生活", "app.ui.pages.orglife:OrgLifePage"),
    ("honours", "评先评优", "app.ui.pages.honours:HonoursPage"),
    ("assessment", "支部自评", "app.ui.pages.self_assessment:SelfAssessmentPage"),
    ("reports", "报表", "app.ui.pages.reports:ReportsPage"),
    ("settings", "设置", "app.ui.pages.settings:SettingsPage"),
]
