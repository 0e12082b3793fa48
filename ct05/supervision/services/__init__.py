"""Every write of the supervision app: one transaction and one audit event each (a mission's access changes
add the role assignments' own audit events, written by ct05.access.services)."""
