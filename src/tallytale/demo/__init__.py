"""Demo data for Tallytale: synthetic, labelled, deterministic; never real participants."""
