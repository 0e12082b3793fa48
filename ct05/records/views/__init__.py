"""Thin views of the records app: parse, authorize (through the selectors and the resolver), call, render."""
