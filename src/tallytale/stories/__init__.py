"""Stories: consented narratives with the teller's self-signification, redaction of personal
data, consent levels and their history, review, recordings and withdrawal (see docs/stories.md)."""
