"""The dashboard app's pages: thin views (parse, authorize through the selectors, present)."""
