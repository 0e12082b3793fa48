"""Reads of the yearly cycle. Every function takes the acting user and returns only what the access
resolver lets that user see (ct05.cycle.access wraps `member_q` and `org_scope`)."""
