"""Writes of the yearly cycle, one transaction and one audit event each, split by sub-domain:
registrations (create, edit, submit, review), follow-up (check-ins, year-end), quality (engine results,
fingerprints, pairs), analysis (whole subtree), reminders, importing."""
