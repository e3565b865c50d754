"""组织生活: meetings and minutes, talks, the committee, the annual appraisal (spec/org-life.md)."""
