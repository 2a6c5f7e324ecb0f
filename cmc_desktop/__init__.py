"""cmc-desktop : le poste de travail chiffré du conseiller mobilité-carrière."""

__version__ = "0.1.0"
