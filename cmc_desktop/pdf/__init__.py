"""PDF rendering with reportlab and pypdf (no Qt): the document de synthèse, its fillable form, password
protection and the attestation de destruction."""
