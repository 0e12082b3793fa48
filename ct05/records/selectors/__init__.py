"""Every read of the records app takes the acting user and goes through the access resolver."""

from ct05.records.selectors.meetings import overdue_resolution_items
from ct05.records.selectors.standards import standards_not_reviewed

__all__ = ["overdue_resolution_items", "standards_not_reviewed"]
