"""The time-credit ledger: accounts, immutable transfers in whole minutes, contributions of
hours, imports and scheme figures (see docs/ledger.md)."""
