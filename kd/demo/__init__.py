"""Demo content for a fresh install: accounts and bilingual profiles and stories."""
