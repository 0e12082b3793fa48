"""Thin views: parse, authorize (selectors and ct05.supervision.access), call a service, render."""
