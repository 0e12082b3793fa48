"""Writes of the org tree and the member register: one transaction and one audit event each (imports:
one summary event and one row per change)."""
