-- Strategy Minutes schema, version 10: an entry waiting in search_pending
-- (migration 6) is only its rowid; the text it goes into the index with is
-- taken, when it does, from its meeting's search column as it then stands
-- (the part in its slot, or none: removed). An autosave that changes a
-- child's name as the chair types adds the row the first time and leaves
-- it alone after: one page fewer to write and sync each time. The text
-- column stays, always ''; the entries already waiting become so, which
-- takes the same text from the same column.
UPDATE search_pending SET text = '';
