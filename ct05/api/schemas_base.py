"""The base of the API's schemas: a plain pydantic model.

ninja.Schema adds a validator that wraps every object in a getter for Django models (so a view may return
model instances); our views return plain dicts (ct05/api/render.py), and that validator was a third of the
time of a page of 100 members. Plain models validate the same fields in pydantic-core alone.
"""

from __future__ import annotations

from pydantic import BaseModel


class Schema(BaseModel):
    pass
