"""The web shell: the home page, each role's pages, "My Tallytale", the offline app's service
worker and shared view helpers. Pages call the apps' services; no rule lives here."""
