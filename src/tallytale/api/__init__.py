"""The REST API (django-ninja) under /api/, with token authentication."""
