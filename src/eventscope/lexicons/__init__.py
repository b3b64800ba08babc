"""Word lists as data: triggers, sectors, organisations, countries. Experts edit the TSV files."""
