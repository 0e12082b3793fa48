"""Thin views of the org tree and the member register: parse, authorize, call a service, render."""
