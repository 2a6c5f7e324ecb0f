"""Use cases: each opens one short session on the store, applies the domain rules, journals, returns
plain domain objects. The UI calls these and nothing below them."""
