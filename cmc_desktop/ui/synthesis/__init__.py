"""The document de synthèse (Annexe 2): the list, the editor, mode séance, exchanges, consents, destruction."""
