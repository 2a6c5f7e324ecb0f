"""Importing a caseload spreadsheet into agents' files."""
