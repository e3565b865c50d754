"""The words of the work, stored as the Chinese the secretary reads (see shared/design/product.md).

Values are stored in the database exactly as written here, so exports and screens need no mapping.
"""

MEMBER_STATUSES = ("在册", "去世", "转出", "暂离")
STATUS_ACTIVE = "在册"
LEFT_STATUSES = ("去世", "转出")

GENDERS = ("男", "女")
RETIRE_TYPES = ("离休", "退休")
PARTY_STANDINGS = ("正式", "预备")  # 正式党员 / 预备党员: only full members vote and are graded
STANDING_FULL = "正式"
LIVING_SITUATIONS = ("与子女同住", "空巢", "独居", "养老机构")
MOBILITIES = ("行动自如", "行动不便", "卧床", "住院")
HOMEBOUND_MOBILITIES = ("行动不便", "卧床", "住院")

EVENT_KINDS = (
    "集中学习日", "老干部大讲堂", "形势报告会", "党课", "支部党员大会", "支委会",
    "党小组会", "主题党日", "组织生活会", "民主评议党员", "座谈会", "知识竞答", "参观考察", "其他",
)
STUDY_DAY_KIND = "集中学习日"

# 组织生活 (spec/org-life.md): 三会一课, 主题党日, 组织生活会 and 民主评议党员, each required once
# in every period of its frequency; a branch may switch off the kinds it does not hold
FREQ_MONTH, FREQ_QUARTER, FREQ_YEAR = "每月", "每季度", "每年"
MEETING_FREQUENCIES = {
    "支部党员大会": FREQ_QUARTER,
    "支委会": FREQ_MONTH,
    "党小组会": FREQ_MONTH,
    "党课": FREQ_QUARTER,
    "主题党日": FREQ_MONTH,
    "组织生活会": FREQ_YEAR,
    "民主评议党员": FREQ_YEAR,
}
MEETING_KINDS = tuple(MEETING_FREQUENCIES)
# what a meeting of the kind is "held" as, in a sentence: 召开支委会, 上党课, 开展主题党日
MEETING_VERBS = {"党课": "上", "主题党日": "开展", "民主评议党员": "开展"}  # else 召开
THEME_DAY_KIND = "主题党日"
LIFE_MEETING_KIND = "组织生活会"
APPRAISAL_KIND = "民主评议党员"

ATTENDANCE_MARKS = ("出席", "请假", "缺席", "送学上门")
LEAVE_REASONS = ("生病", "住院", "外出", "其他")

MATERIAL_KINDS = ("读本", "期刊", "报纸", "党课材料", "光盘", "试题", "其他")
HANDOUT_METHODS = ("集中领取", "送学上门", "托人转交", "邮寄")
HANDOUT_DELIVERED = "已送达"
HANDOUT_PENDING = "待送达"

VISITOR_KINDS = ("支部书记", "支委", "结对党员", "助老员", "志愿者", "社区")
VISIT_PURPOSES = (
    "送学上门", "学习辅导", "谈心谈话", "节日慰问", "生日慰问", "生病探望", "困难帮扶", "其他",
)
VOLUNTEER_KINDS = ("助老员", "志愿者")
DEFAULT_VISIT_INTERVAL_DAYS = 30

SUGGESTION_STATUSES = ("已收集", "已转交", "已办结")

# 党费 (spec/dues.md)
DUES_SPECIALS = ("低保", "救济", "抚恤")  # members living on these pay 0.20 yuan a month
DUES_HOW = ("本人交", "亲属代交", "他人代交", "走访时收取")
DUES_HOW_DEFAULT = "本人交"
# the monthly amount: half-up to 1 分 (the default), or on from there up to 1 角 / 1 元
DUES_ROUNDINGS = ("分", "角", "元")
DUES_ROUNDING_DEFAULT = "分"
DUES_ROUNDING_LABELS = {"分": "四舍五入到分", "角": "向上取整到角", "元": "向上取整到元"}
DUES_WAIVED = "免交"
DUES_MAX_MONTHS = 6  # more months in one payment needs the branch's confirmation
DUES_BEHIND_MONTHS = 3  # 欠缴
DUES_FLAG_MONTHS = 6  # 连续6个月未交纳党费: the branch must act

# 组织生活 (spec/org-life.md): talks, the committee and its term, who may be left out of a vote
TALK_WAYS = ("当面", "电话", "上门")
TALK_WAY_DEFAULT = "当面"
TALK_PURPOSE = "谈心谈话"  # a home visit with this purpose counts as a talk
COMMITTEE_POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "其他委员")
SECRETARY_POST = "书记"
SHARED_POST = "其他委员"  # the one post several members may hold at once
COMMITTEE_TERM_YEARS = 3
COMMITTEE_MIN_FULL_MEMBERS = 7  # fewer full members: a secretary only, no committee
TERM_WARN_MONTHS = (6, 1)
EXCLUSION_CATEGORIES = ("年老体弱卧床不起", "长期生病生活不能自理", "其他")
# 民主评议党员 (spec/org-life.md): the committee's grades, and how each member takes part
APPRAISAL_GRADES = ("优秀", "合格", "基本合格", "不合格")
GRADE_EXCELLENT = "优秀"  # at most one third of the full members taking part (rounded down)
GRADE_FAILED = "不合格"  # listed for the follow-up the branch must record
APPRAISAL_ROLES = ("参评", "预备", "不参加")  # graded / probationary, no grade / excluded
ROLE_GRADED, ROLE_PROBATIONARY, ROLE_EXCLUDED = APPRAISAL_ROLES
# 评先评优 (spec/year-end.md)
CONTEST_KINDS = ("征文", "演讲比赛", "知识竞答", "其他")
QUIZ_KIND = "知识竞答"  # the one kind with a score
CONTEST_RESULTS = ("一等奖", "二等奖", "三等奖", "优秀奖", "入围", "参与")  # offered, not enforced
NO_PRIZE_RESULTS = ("", "参与", "未获奖")  # an entry with one of these won nothing
HONOUR_LEVELS = ("支部", "乡镇", "县", "市", "省", "国家")  # lowest first
MEMBER_HONOURS = ("优秀共产党员", "学习先进", "十佳学习型老干部", "优秀党务工作者", "老有所为先进个人")
BRANCH_HONOURS = ("五好支部", "示范点", "先进基层党组织", "学习型党支部")
STUDY_MODEL = "学习先进"  # the branch's own selection each year
CITY_TOP_TEN = "十佳学习型老干部"  # the city's title; one member recommended a year
RECOMMENDATION_OUTCOMES = ("待评", "当选", "未当选")
