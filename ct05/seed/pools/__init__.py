"""Posts (government or professional positions) and the duties that go with them, per kind of cell, as data:
`posts` holds the shapes (Post, Profile) and the cell's party titles; one module per family of cells holds
their profiles (`residents`, `offices`, `armed`, `schools`, `workplaces`); PROFILES names them for the
layouts (ct05.seed.bulk.layout, ct05.seed.demo.tree). No Django import.
"""

from __future__ import annotations

from ct05.seed.pools.armed import BORDER, MILITARY, POLICE
from ct05.seed.pools.offices import AGENCY, COMMUNE_OFFICE, WARD_OFFICE
from ct05.seed.pools.posts import Profile
from ct05.seed.pools.residents import RESIDENTIAL, VILLAGE
from ct05.seed.pools.schools import COLLEGE_FACULTY, COLLEGE_OFFICE, SCHOOL
from ct05.seed.pools.workplaces import BANK, ENTERPRISE, HEALTH

PROFILES: dict[str, Profile] = {
    "residential": RESIDENTIAL,
    "village": VILLAGE,
    "ward_office": WARD_OFFICE,
    "commune_office": COMMUNE_OFFICE,
    "police": POLICE,
    "military": MILITARY,
    "border": BORDER,
    "bank": BANK,
    "college_faculty": COLLEGE_FACULTY,
    "college_office": COLLEGE_OFFICE,
    "school": SCHOOL,
    "health": HEALTH,
    "agency": AGENCY,
    "enterprise": ENTERPRISE,
}
