"""The CMC's profile: the form, its dialog (first run, Paramètres) and the logo it carries."""
