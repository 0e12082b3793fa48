"""Reads of the org tree and the member register: each takes the acting user and goes through the access
resolver."""
