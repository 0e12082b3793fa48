"""`ct05 seed province` and `ct05 seed national`: load and benchmark data at scale. `tree` writes the units
and members that `layout` plans; `records` and `cycle` add the province's meetings and registrations."""
