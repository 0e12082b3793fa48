"""Thin views of the cycle: parse, authorize (through the selectors and the resolver), call a service, render."""
