"""Programmes, projects, partner organisations and people (pseudonymous codes), memberships
and roles, and the permissions that roles give (the `Actor` every service checks)."""
