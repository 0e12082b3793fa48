"""Every write of the records app: one transaction and one audit event per call (issue 5)."""
