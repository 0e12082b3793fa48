"""Seed data: everything `ct05 seed` writes, kept out of the domain apps (the seed imports the apps, never
the reverse).

- `demo/`: `ct05 seed demo`, the units of the provincial survey mission and a few hundred members, written
  through the services: `tree` (units, members, logins, the 2025 reorganization), then `records`, `cycle`
  and `supervision`, in the order the seed command calls them.
- `bulk/`: `ct05 seed province` and `ct05 seed national`, generated at scale and written in batches: `tree`
  (units and members, laid out by `layout` from the data in `places` and `units`), then `records` and `cycle`.
- Shared by both: `names` (personal names), `people` (the members of one cell), `pools` (posts and duties per
  kind of cell), `commitments` (what members write in their registrations, and the year's topics) and
  `rollups` (the dashboard's figures, computed once the bulk writes are done).
"""
