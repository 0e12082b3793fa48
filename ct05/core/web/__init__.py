"""What every app's views share: a service's ValidationError onto a form (`forms`), the htmx template
choice (`htmx`), reading the query string without a 500 (`params`), and the list page — filter, one pager,
an .xlsx export that respects the filter (`lists`).

core/ knows no app: a view that needs the unit of `?org=` asks `ct05.orgs.params`, which builds on these.
"""
