"""Sign-in and accounts: invitations, one-time sign-in links, coordinator password resets,
API tokens, the second factor, sessions and form-post rate limits (see docs/admin.md)."""
