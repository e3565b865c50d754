"""The care calendar (党内关怀, spec/year-end.md "The care calendar"): the use cases the
走访关怀 page's 关怀日历 tab, 首页, `zhibu care-calendar` / `zhibu hardship` and the ledger book
call.

- anniversaries: 政治生日 by month, the 光荣在党50年 list, the birthdays the branch marks;
- festival_lists: who must be visited for 七一 / 春节 / 重阳节 and whether they were;
- hardship: the 困难党员 register (add, edit, list, print as PDF / .xlsx);
- follow_up: 住院 and 出院 follow-up from the audit log, 80+ and 独居 contacted each quarter —
  shown among the due visits;
- calendar: a month (or year) of all of it at once, for the window, 首页 and the command;
- ledger_part: plain data the ledger book's part 7 (服务群众及关怀帮扶情况) reads.

The package imports nothing here: each caller imports the module it needs (`reminders` uses
`festival_lists`, and `follow_up` uses `care`, which uses `reminders`).
"""
