"""Surveys: instruments from XLSForms or built in (SWEMWBS, ONS4, time-credit questionnaires),
waves, responses with typed answers and scale scores, imports and exports (see docs/surveys.md)."""
