"""The agent's documents in a plain, format-independent form (model.py), and their accessible rendering.

A builder per document turns domain objects into a `Document` (synthesis.py, destruction.py…); a renderer turns a
`Document` into a file a screen reader can navigate (see docs/documents-accessibles.md for the format chosen).
"""
