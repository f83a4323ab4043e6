from tests.accounts.roles import cwm, role_users  # noqa: F401
