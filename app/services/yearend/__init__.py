"""年终: the ledger book, the self-assessment, honours and contests, the care calendar (spec/year-end.md)."""
