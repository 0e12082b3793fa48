"""Thin views of the accounts app: sign-in and passwords (`signin`), two-factor enrolment (`two_factor`),
a member's own data and who opened it (`mydata`)."""
