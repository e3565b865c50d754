"""QAbstractTableModel classes over SQL (ids + a row cache)."""
